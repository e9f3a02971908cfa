"""Writing the XSLT 3.0 stylesheet for a schema: one mode per pattern, one template per rule, the
checks inside xsl:try, and the small result document described in the package docstring."""

from __future__ import annotations

import re
from copy import deepcopy

from lxml import etree

from ..errors import SchematronError
from .schema import (
    RESULT,
    SCH,
    XSL,
    active_patterns,
    check_schema,
    checked_params,
    diagnostics_by_id,
    global_lets,
    let_name,
    local,
    sch_children,
    stylesheet_namespaces,
    xslt_declarations,
)

_XS_STRING = "Q{http://www.w3.org/2001/XMLSchema}string"
_ERR = "Q{http://www.w3.org/2005/xqt-errors}"
# Node tests that can match text, comment or PI nodes, and patterns that start from a variable,
# `.` or a function (key(), id(), root()) and so can match any node.
_LEAF_CONTEXT = re.compile(
    r"\b(?:text|comment|node|processing-instruction|key|id|element-with-id|root)\s*\("
    r"|(?:^|[|(])\s*[.$]"
)
_STRING_LITERAL = re.compile(r"'[^']*'|\"[^\"]*\"")
_NAME = r"[A-Za-z_][\w.\-]*"
_NAMED_STEP = re.compile(rf"(@?)((?:{_NAME}:)?(?:{_NAME}|\*)|\*)", re.ASCII)
_NOT_A_NAMED_PATH = re.compile(r"[()$.]|::|\b(?:union|intersect|except)\b")
_LOCATION_FUNCTION = (
    "string-join($node/ancestor-or-self::* ! ('/' || (count(preceding-sibling::*) + 1)))"
    " || (if ($node instance of attribute()) then '/@'"
    " || (if (namespace-uri($node) ne '') then '{' || namespace-uri($node) || '}' else '')"
    " || local-name($node) else '')"
)



def serialise(stylesheet: etree._Element) -> str:
    return etree.tostring(stylesheet, encoding="unicode", pretty_print=True)


def build_stylesheet(
    schema: etree._Element, phase: str | None, params: tuple[str, ...]
) -> tuple[etree._Element, dict[etree._Element, etree._Element]]:
    """The XSLT 3.0 stylesheet for an ISO Schematron schema (see the package docstring).

    `phase` is a phase id, "#ALL" or "#DEFAULT" (None means schema/@defaultPhase, else all).
    `params` become optional `xsl:param`s (default: the empty sequence) that rules read as
    `$name`. Returned with, for each generated rule, variable and check, the Schematron element
    it came from (to point compile errors at the schema, not at generated code)."""
    check_schema(schema)
    patterns, active_phase = active_patterns(schema, phase)
    declarations = xslt_declarations(schema)
    stylesheet = etree.Element(
        XSL + "stylesheet",
        nsmap=stylesheet_namespaces(schema, declarations),
        version="3.0",
        **{"exclude-result-prefixes": "#all"},
    )
    _xsl(stylesheet, "output", method="xml", **{"omit-xml-declaration": "yes"})
    origins: dict[etree._Element, etree._Element] = {}
    for name in checked_params(params):
        _xsl(stylesheet, "param", name=name, select="()", required="no")
    for declaration in declarations:
        copy = deepcopy(declaration)
        stylesheet.append(copy)
        origins[copy] = declaration
    for let in global_lets(schema, active_phase, patterns, params):
        origins[_add_variable(stylesheet, let)] = let
    _add_entry_template(stylesheet, patterns)
    _add_location_function(stylesheet)
    diagnostics = diagnostics_by_id(schema)
    for index, pattern in enumerate(patterns):
        _add_pattern(stylesheet, pattern, _mode(index), diagnostics, origins)
    return stylesheet, origins


def _xsl(parent: etree._Element, tag: str, /, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, XSL + tag, attributes)


def _mode(index: int) -> str:
    return f"tpsch:pattern-{index + 1}"


def _add_variable(parent: etree._Element, let: etree._Element) -> etree._Element:
    """A let as xsl:variable: @value as select, else the let's content as a temporary tree."""
    variable = _xsl(parent, "variable", name=let_name(let))
    if let.get("as"):
        variable.set("as", let.get("as"))
    if let.get("value") is not None:
        variable.set("select", let.get("value"))
    else:
        variable.text = let.text
        for child in let:
            variable.append(deepcopy(child))
    return variable


def _add_entry_template(stylesheet: etree._Element, patterns: list[etree._Element]) -> None:
    """One flat pass per pattern over the document: each pattern sees every node, and no
    recursion means no stack-depth limit on deep documents. Text, comment and PI nodes are most
    of a TEI file (4-5 times the work), so a pattern visits them only if a context may match them."""
    template = _xsl(stylesheet, "template", match="/")
    findings = etree.SubElement(template, RESULT + "findings")
    # Variables are evaluated lazily: the larger sequence is built only if a pattern needs it.
    _xsl(findings, "variable", name="tpsch:elements", select="(., descendant::* ! (., @*))")
    _xsl(findings, "variable", name="tpsch:nodes", select="descendant-or-self::node() ! (., @*)")
    for index, pattern in enumerate(patterns):
        nodes = "$tpsch:nodes" if _may_match_leaves(pattern) else _named_targets(pattern) or "$tpsch:elements"
        _xsl(stylesheet, "mode", name=_mode(index), **{"on-no-match": "deep-skip"})
        _xsl(findings, "apply-templates", select=nodes, mode=_mode(index))


def _may_match_leaves(pattern: etree._Element) -> bool:
    """Whether a rule context could match a text, comment or PI node (erring towards yes)."""
    return any(
        _LEAF_CONTEXT.search(_outside_predicates(rule.get("context", "")))
        for rule in sch_children(pattern, "rule")
    )


def _named_targets(pattern: etree._Element) -> str | None:
    """When every rule context is a union of paths ending in an element or attribute name test
    (`tei:span`, `tei:l//tei:p`, `tei:rt/@to`, `tei:*[@when]`), the nodes that test selects, in
    document order: no other node can match, and Saxon finds them by name far faster than the
    pass dispatches every element and attribute of the document (TEI's embedded rules: 90
    patterns, most of them like this). None for anything else (axes, functions, variables,
    parentheses, except)."""
    targets = set()
    for rule in sch_children(pattern, "rule"):
        bare = _outside_predicates(rule.get("context", ""))
        if _NOT_A_NAMED_PATH.search(bare):
            return None
        for branch in bare.split("|"):
            step = _NAMED_STEP.fullmatch(re.split(r"/+", branch.strip())[-1].strip())
            if step is None:
                return None
            targets.add(("descendant::*/@" if step[1] else "descendant::") + step[2])
    return f"({' | '.join(sorted(targets))})" if targets else None


def _outside_predicates(pattern: str) -> str:
    """The pattern without string literals and [predicates], which filter but never widen."""
    depth, kept = 0, []
    for character in _STRING_LITERAL.sub("''", pattern):
        depth += {"[": 1, "]": -1}.get(character, 0)
        if depth == 0 and character != "]":
            kept.append(character)
    return "".join(kept)


def _add_location_function(stylesheet: etree._Element) -> None:
    function = _xsl(stylesheet, "function", name="tpsch:location", **{"as": _XS_STRING})
    _xsl(function, "param", name="node", **{"as": "node()"})
    _xsl(function, "sequence", select=_LOCATION_FUNCTION)


def _add_pattern(
    stylesheet: etree._Element,
    pattern: etree._Element,
    mode: str,
    diagnostics: dict[str, etree._Element],
    origins: dict[etree._Element, etree._Element],
) -> None:
    """The pattern's rules as templates in its own mode; earlier rules get higher priorities, so
    a node is handled by the first rule whose context matches, as Schematron requires."""
    rules = sch_children(pattern, "rule")
    for position, rule in enumerate(rules):
        template = _xsl(
            stylesheet, "template", match=rule.get("context"), mode=mode, priority=str(len(rules) - position)
        )
        origins[template] = rule
        _add_rule_body(template, rule, pattern, diagnostics, origins)


def _add_rule_body(
    template: etree._Element,
    rule: etree._Element,
    pattern: etree._Element,
    diagnostics: dict[str, etree._Element],
    origins: dict[etree._Element, etree._Element],
) -> None:
    """Lets and checks inside xsl:try: a dynamic error (a failed cast on one odd value) becomes
    an error entry for this node instead of ending the whole run."""
    attempt = _xsl(template, "try")
    for child in rule:
        if not isinstance(child.tag, str) or not child.tag.startswith(SCH):
            continue
        if local(child) == "let":
            origins[_add_variable(attempt, child)] = child
        elif local(child) in {"assert", "report"}:
            origins[_add_check(attempt, child, rule, pattern, diagnostics)] = child
    _add_error_catch(attempt, rule, pattern)


def _add_check(
    parent: etree._Element,
    check: etree._Element,
    rule: etree._Element,
    pattern: etree._Element,
    diagnostics: dict[str, etree._Element],
) -> etree._Element:
    """An assert writes a finding when its test is false, a report when it is true."""
    test = check.get("test")
    if not test:
        raise SchematronError(f"sch:{local(check)} without @test (line {check.sourceline})")
    if local(check) == "assert":
        # when/otherwise rather than not(…): the test is used exactly as written.
        choose = _xsl(parent, "choose")
        _xsl(choose, "when", test=test)
        body = _xsl(choose, "otherwise")
        outer = choose
    else:
        body = outer = _xsl(parent, "if", test=test)
    finding = etree.SubElement(body, RESULT + "finding", kind=local(check))
    for name, value in (
        ("id", check.get("id")),
        ("role", check.get("role") or rule.get("role")),
        ("flag", check.get("flag") or rule.get("flag")),
        ("pattern", pattern.get("id")),
    ):
        if value:
            finding.set(name, _literal(value))
    _xsl(
        finding,
        "attribute",
        name="location",
        select=_location_of(check.get("subject") or rule.get("subject")),
    )
    _add_message(etree.SubElement(finding, RESULT + "text"), check)
    for reference in (check.get("diagnostics") or "").split():
        if reference not in diagnostics:
            raise SchematronError(f'unknown diagnostic "{reference}" (line {check.sourceline})')
        _add_message(
            etree.SubElement(finding, RESULT + "diagnostic", id=_literal(reference)), diagnostics[reference]
        )
    return outer


def _literal(value: str) -> str:
    """A literal result attribute is an attribute value template: braces must be doubled."""
    return value.replace("{", "{{").replace("}", "}}")


def _location_of(subject: str | None) -> str:
    if not subject:
        return "tpsch:location(.)"
    return f"tpsch:location((({subject})[. instance of node()], .)[1])"


def _add_message(target: etree._Element, source: etree._Element) -> None:
    """Message text with value-of and name evaluated; emph, dir, span and foreign markup keep
    only their text. Every literal piece goes through xsl:text so spaces between parts survive."""
    _add_text(target, source.text)
    for child in source:
        if isinstance(child.tag, str):
            _add_message_part(target, child)
        _add_text(target, child.tail)


def _add_message_part(target: etree._Element, part: etree._Element) -> None:
    if part.tag == SCH + "value-of":
        if not part.get("select"):
            raise SchematronError(f"sch:value-of without @select (line {part.sourceline})")
        _xsl(target, "value-of", select=part.get("select"))
    elif part.tag == SCH + "name":
        path = part.get("path")
        _xsl(target, "value-of", select=f"name(({path})[1])" if path else "name()")
    else:
        _add_message(target, part)


def _add_text(target: etree._Element, text: str | None) -> None:
    if text:
        _xsl(target, "text").text = text


def _add_error_catch(attempt: etree._Element, rule: etree._Element, pattern: etree._Element) -> None:
    catch = _xsl(attempt, "catch")
    error = etree.SubElement(catch, RESULT + "error", context=_literal(rule.get("context", "")))
    if pattern.get("id"):
        error.set("pattern", _literal(pattern.get("id")))
    _xsl(error, "attribute", name="location", select="tpsch:location(.)")
    _xsl(error, "attribute", name="code", select=f"local-name-from-QName(${_ERR}code)")
    _xsl(error, "value-of", select=f"${_ERR}description")
