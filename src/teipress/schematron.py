"""Schematron: an in-house ISO Schematron → XSLT 3.0 compiler, run on saxonche.

TEI's embedded rules need XPath 3 and XSLT's `current()`, which neither lxml's XSLT 1 skeleton nor
pure-Python engines handle (see shared notes, section 2), so schemas are compiled to XSLT 3.0 and
run on Saxon. The compiled stylesheet writes a small result document (not SVRL):

    <tpsch:findings xmlns:tpsch="urn:teipress:schematron">
      <tpsch:finding kind="assert|report" id="…" role="…" flag="…" pattern="…" location="/1/2/5">
        <tpsch:text>message</tpsch:text><tpsch:diagnostic id="…">text</tpsch:diagnostic>
      </tpsch:finding>
      <tpsch:error pattern="…" context="…" code="…" location="/1/2">description</tpsch:error>
    </tpsch:findings>

`location` lists 1-based child-element positions from the root element down (`/@{uri}name` is
appended for an attribute), which maps straight back to the lxml tree and so to line:column.

Supported: schema/pattern/rule/assert/report; `let` at schema, phase, pattern level (global
variables, so their names must be unique) and at rule level (local variables); `ns`; `value-of`;
`name` (with @path); `diagnostics`/`diagnostic` (text appended to the message); `phase`/`active`,
"#ALL" and "#DEFAULT" (schema/@defaultPhase); `title` and `p` (ignored); rule/@context as an XSLT 3
pattern, attribute contexts included; @id/@role/@flag/@subject on assert and report (@role and
@subject also on rule); `emph`/`dir`/`span` (their text); top-level `xsl:key` and `xsl:function`
(allowed by the xslt query bindings). Standard semantics: every pattern sees every node, and
within a pattern a node is handled by the first rule (document order) whose context matches it.

Refused with a SchematronError: queryBinding other than xslt2/xslt3; abstract patterns and rules
(`@abstract`, `@is-a`, `extends`, `param`); `include`; pattern/@documents; other XSLT declarations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from copy import deepcopy
from dataclasses import dataclass
from itertools import islice, takewhile
from pathlib import Path

from lxml import etree
from saxonche import PySaxonApiError, PySaxonProcessor, PyXdmValue, PyXsltExecutable

from . import XML_ID
from .errors import SchematronError
from .findings import Finding, sorted_findings
from .parse import ParsedDocument
from .references import local_target, pointers
from .resources import data_dir

SCH_NS = "http://purl.oclc.org/dsdl/schematron"
XSL_NS = "http://www.w3.org/1999/XSL/Transform"
RESULT_NS = "urn:teipress:schematron"
CORPUS_NS = "urn:teipress"
SCHEMATRON_15_NS = "http://www.ascc.net/xml/schematron"

_SCH = f"{{{SCH_NS}}}"
_XSL = f"{{{XSL_NS}}}"
_RESULT = f"{{{RESULT_NS}}}"
_TP = f"{{{CORPUS_NS}}}"

QUERY_BINDINGS = ("xslt2", "xslt3")
WARNING_ROLES = {"warning", "warn", "info", "information"}
# The two parameters schemas/teipress.sch declares; see `project_params`.
PROJECT_PARAMS = ("corpus", "file-name")

# Bound in the stylesheet unless the schema binds the prefix itself: XSLT predeclares none of the
# XPath 3 function namespaces, and rules commonly write xs:date or map:get without an `ns`.
_STANDARD_PREFIXES = {
    "xs": "http://www.w3.org/2001/XMLSchema",
    "fn": "http://www.w3.org/2005/xpath-functions",
    "map": "http://www.w3.org/2005/xpath-functions/map",
    "array": "http://www.w3.org/2005/xpath-functions/array",
    "math": "http://www.w3.org/2005/xpath-functions/math",
    "err": "http://www.w3.org/2005/xqt-errors",
}
_RESERVED_PREFIXES = {"xsl": XSL_NS, "tpsch": RESULT_NS}
_XS_STRING = "Q{http://www.w3.org/2001/XMLSchema}string"
_ERR = "Q{http://www.w3.org/2005/xqt-errors}"
_NCNAME = re.compile(r"^[A-Za-z_][\w.\-]*$")
_SAXON_LINE = re.compile(r"on line (\d+)")
_GENERATED_BASE = re.compile(r" of file:\S*?/:")
# Node tests that can match text, comment or PI nodes, and patterns that start from a variable,
# `.` or a function (key(), id(), root()) and so can match any node.
_LEAF_CONTEXT = re.compile(
    r"\b(?:text|comment|node|processing-instruction|key|id|element-with-id|root)\s*\("
    r"|(?:^|[|(])\s*[.$]"
)
_STRING_LITERAL = re.compile(r"'[^']*'|\"[^\"]*\"")
_LOCATION_FUNCTION = (
    "string-join($node/ancestor-or-self::* ! ('/' || (count(preceding-sibling::*) + 1)))"
    " || (if ($node instance of attribute()) then '/@'"
    " || (if (namespace-uri($node) ne '') then '{' || namespace-uri($node) || '}' else '')"
    " || local-name($node) else '')"
)


# ---------------------------------------------------------------------------------------------
# Compiling


def compile_to_xslt(
    schema: etree._Element, phase: str | None = None, external_params: Iterable[str] = ()
) -> str:
    """The XSLT 3.0 stylesheet text for an ISO Schematron schema (see the module docstring).

    `phase` is a phase id, "#ALL" or "#DEFAULT" (None means schema/@defaultPhase, else all).
    `external_params` become optional `xsl:param`s (default: the empty sequence) that rules
    read as `$name`; pass their values to `CompiledSchematron.check`.
    """
    return _serialise(_build_stylesheet(schema, phase, tuple(external_params))[0])


def _serialise(stylesheet: etree._Element) -> str:
    return etree.tostring(stylesheet, encoding="unicode", pretty_print=True)


def _build_stylesheet(
    schema: etree._Element, phase: str | None, params: tuple[str, ...]
) -> tuple[etree._Element, dict[etree._Element, etree._Element]]:
    """The stylesheet tree, and for each generated rule, variable and check the Schematron element
    it came from (to point compile errors at the schema, not at generated code)."""
    _check_schema(schema)
    patterns, active_phase = _active_patterns(schema, phase)
    declarations = _xslt_declarations(schema)
    stylesheet = etree.Element(
        _XSL + "stylesheet",
        nsmap=_stylesheet_namespaces(schema, declarations),
        version="3.0",
        **{"exclude-result-prefixes": "#all"},
    )
    _xsl(stylesheet, "output", method="xml", **{"omit-xml-declaration": "yes"})
    origins: dict[etree._Element, etree._Element] = {}
    for name in _checked_params(params):
        _xsl(stylesheet, "param", name=name, select="()", required="no")
    for declaration in declarations:
        copy = deepcopy(declaration)
        stylesheet.append(copy)
        origins[copy] = declaration
    for let in _global_lets(schema, active_phase, patterns, params):
        origins[_add_variable(stylesheet, let)] = let
    _add_entry_template(stylesheet, patterns)
    _add_location_function(stylesheet)
    diagnostics = _diagnostics_by_id(schema)
    for index, pattern in enumerate(patterns):
        _add_pattern(stylesheet, pattern, _mode(index), diagnostics, origins)
    return stylesheet, origins


def _xsl(parent: etree._Element, tag: str, /, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, _XSL + tag, attributes)


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


def _sch_children(element: etree._Element, name: str) -> list[etree._Element]:
    return element.findall(_SCH + name)


def _mode(index: int) -> str:
    return f"tpsch:pattern-{index + 1}"


def _check_schema(schema: etree._Element) -> None:
    if schema.tag == f"{{{SCHEMATRON_15_NS}}}schema":
        raise SchematronError(
            "Schematron 1.5 (http://www.ascc.net/xml/schematron) is not supported; use ISO Schematron"
        )
    if schema.tag != _SCH + "schema":
        raise SchematronError(f"not an ISO Schematron schema: the root element is {schema.tag}")
    binding = schema.get("queryBinding")
    if binding not in QUERY_BINDINGS:
        shown = f'queryBinding="{binding}"' if binding else "no queryBinding (XPath 1.0)"
        raise SchematronError(
            f"{shown} is not supported: teipress runs Schematron as XSLT 3.0; "
            'declare queryBinding="xslt2" or "xslt3"'
        )
    _refuse_unsupported(schema)


def _refuse_unsupported(schema: etree._Element) -> None:
    for name in ("include", "extends", "param"):
        found = schema.find(f".//{_SCH}{name}")
        if found is not None:
            raise SchematronError(
                f"sch:{name} (line {found.sourceline}) is not supported: abstract patterns and "
                "rules and includes must be expanded before compiling"
            )
    for pattern in schema.iter(_SCH + "pattern"):
        for attribute in ("abstract", "is-a", "documents"):
            if pattern.get(attribute) is not None:
                raise SchematronError(
                    f"pattern/@{attribute} (line {pattern.sourceline}) is not supported by "
                    "teipress's Schematron compiler"
                )
    for rule in schema.iter(_SCH + "rule"):
        if rule.get("abstract") == "true":
            raise SchematronError(f"abstract rules (line {rule.sourceline}) are not supported")
        if not rule.get("context"):
            raise SchematronError(f"sch:rule without @context (line {rule.sourceline})")


def _xslt_declarations(schema: etree._Element) -> list[etree._Element]:
    """Top-level xsl:key and xsl:function, which the xslt query bindings allow in a schema."""
    declarations = [child for child in schema if isinstance(child.tag, str) and child.tag.startswith(_XSL)]
    for declaration in declarations:
        if _local(declaration) not in {"key", "function"}:
            raise SchematronError(
                f"xsl:{_local(declaration)} (line {declaration.sourceline}) is not supported in a "
                "schema; only xsl:key and xsl:function are"
            )
    return declarations


def _stylesheet_namespaces(schema: etree._Element, declarations: list[etree._Element]) -> dict[str, str]:
    """sch:ns declarations, the prefixes xsl:key/xsl:function use, and the standard ones."""
    namespaces: dict[str, str] = {}
    for ns in _sch_children(schema, "ns"):
        prefix, uri = ns.get("prefix"), ns.get("uri")
        if not prefix or uri is None:
            raise SchematronError(f"sch:ns (line {ns.sourceline}) needs both @prefix and @uri")
        if namespaces.get(prefix, uri) != uri:
            raise SchematronError(f'sch:ns binds prefix "{prefix}" to two namespaces')
        namespaces[prefix] = uri
    for prefix, uri in _RESERVED_PREFIXES.items():
        if namespaces.get(prefix, uri) != uri:
            raise SchematronError(f'the prefix "{prefix}" is reserved for the compiled stylesheet')
    for declaration in declarations:
        for prefix, uri in declaration.nsmap.items():
            if prefix is not None:
                namespaces.setdefault(prefix, uri)
    for prefix, uri in (_STANDARD_PREFIXES | _RESERVED_PREFIXES).items():
        namespaces.setdefault(prefix, uri)
    return namespaces


def _checked_params(params: tuple[str, ...]) -> tuple[str, ...]:
    for name in params:
        if not _NCNAME.match(name):
            raise SchematronError(f"external parameter {name!r} is not an XML name")
    if len(set(params)) != len(params):
        raise SchematronError(f"external parameters named twice: {params}")
    return params


def _active_patterns(
    schema: etree._Element, phase: str | None
) -> tuple[list[etree._Element], etree._Element | None]:
    """The patterns the phase activates, in document order, and the phase element (None for #ALL)."""
    patterns = _sch_children(schema, "pattern")
    name = phase or "#DEFAULT"
    if name == "#DEFAULT":
        name = schema.get("defaultPhase") or "#ALL"
    if name == "#ALL":
        return patterns, None
    phases = {p.get("id"): p for p in _sch_children(schema, "phase")}
    if name not in phases:
        known = ", ".join(sorted(filter(None, phases))) or "none"
        raise SchematronError(f'no phase "{name}" in the schema (phases: {known}; or #ALL)')
    wanted = [active.get("pattern") for active in _sch_children(phases[name], "active")]
    by_id = {p.get("id"): p for p in patterns if p.get("id")}
    missing = [w for w in wanted if w not in by_id]
    if missing:
        raise SchematronError(f'phase "{name}" activates unknown pattern(s): {", ".join(map(str, missing))}')
    return [p for p in patterns if p.get("id") in wanted], phases[name]


def _global_lets(
    schema: etree._Element,
    phase: etree._Element | None,
    patterns: list[etree._Element],
    params: tuple[str, ...],
) -> list[etree._Element]:
    """Schema, phase and pattern lets; all become global variables, so names must not repeat."""
    lets = _sch_children(schema, "let")
    if phase is not None:
        lets += _sch_children(phase, "let")
    for pattern in patterns:
        lets += _sch_children(pattern, "let")
    seen = set(params)
    for let in lets:
        name = _let_name(let)
        if name in seen:
            raise SchematronError(
                f'the variable "{name}" is declared twice (line {let.sourceline}): schema, phase and '
                "pattern lets and external parameters share one scope"
            )
        seen.add(name)
    return lets


def _add_variable(parent: etree._Element, let: etree._Element) -> etree._Element:
    """A let as xsl:variable: @value as select, else the let's content as a temporary tree."""
    variable = _xsl(parent, "variable", name=_let_name(let))
    if let.get("as"):
        variable.set("as", let.get("as"))
    if let.get("value") is not None:
        variable.set("select", let.get("value"))
    else:
        variable.text = let.text
        for child in let:
            variable.append(deepcopy(child))
    return variable


def _let_name(let: etree._Element) -> str:
    name = let.get("name")
    if not name:
        raise SchematronError(f"sch:let without @name (line {let.sourceline})")
    return name


def _add_entry_template(stylesheet: etree._Element, patterns: list[etree._Element]) -> None:
    """One flat pass per pattern over the document: each pattern sees every node, and no
    recursion means no stack-depth limit on deep documents. Text, comment and PI nodes are most
    of a TEI file (4-5 times the work), so a pattern visits them only if a context may match them."""
    template = _xsl(stylesheet, "template", match="/")
    findings = etree.SubElement(template, _RESULT + "findings")
    # Variables are evaluated lazily: the larger sequence is built only if a pattern needs it.
    _xsl(findings, "variable", name="tpsch:elements", select="(., descendant::* ! (., @*))")
    _xsl(findings, "variable", name="tpsch:nodes", select="descendant-or-self::node() ! (., @*)")
    for index, pattern in enumerate(patterns):
        nodes = "$tpsch:nodes" if _may_match_leaves(pattern) else "$tpsch:elements"
        _xsl(stylesheet, "mode", name=_mode(index), **{"on-no-match": "deep-skip"})
        _xsl(findings, "apply-templates", select=nodes, mode=_mode(index))


def _may_match_leaves(pattern: etree._Element) -> bool:
    """Whether a rule context could match a text, comment or PI node (erring towards yes)."""
    return any(
        _LEAF_CONTEXT.search(_outside_predicates(rule.get("context", "")))
        for rule in _sch_children(pattern, "rule")
    )


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


def _diagnostics_by_id(schema: etree._Element) -> dict[str, etree._Element]:
    return {
        d.get("id"): d
        for group in _sch_children(schema, "diagnostics")
        for d in _sch_children(group, "diagnostic")
    }


def _add_pattern(
    stylesheet: etree._Element,
    pattern: etree._Element,
    mode: str,
    diagnostics: dict[str, etree._Element],
    origins: dict[etree._Element, etree._Element],
) -> None:
    """The pattern's rules as templates in its own mode; earlier rules get higher priorities, so
    a node is handled by the first rule whose context matches, as Schematron requires."""
    rules = _sch_children(pattern, "rule")
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
        if not isinstance(child.tag, str) or not child.tag.startswith(_SCH):
            continue
        if _local(child) == "let":
            origins[_add_variable(attempt, child)] = child
        elif _local(child) in {"assert", "report"}:
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
        raise SchematronError(f"sch:{_local(check)} without @test (line {check.sourceline})")
    if _local(check) == "assert":
        # when/otherwise rather than not(…): the test is used exactly as written.
        choose = _xsl(parent, "choose")
        _xsl(choose, "when", test=test)
        body = _xsl(choose, "otherwise")
        outer = choose
    else:
        body = outer = _xsl(parent, "if", test=test)
    finding = etree.SubElement(body, _RESULT + "finding", kind=_local(check))
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
    _add_message(etree.SubElement(finding, _RESULT + "text"), check)
    for reference in (check.get("diagnostics") or "").split():
        if reference not in diagnostics:
            raise SchematronError(f'unknown diagnostic "{reference}" (line {check.sourceline})')
        _add_message(
            etree.SubElement(finding, _RESULT + "diagnostic", id=_literal(reference)), diagnostics[reference]
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
    if part.tag == _SCH + "value-of":
        if not part.get("select"):
            raise SchematronError(f"sch:value-of without @select (line {part.sourceline})")
        _xsl(target, "value-of", select=part.get("select"))
    elif part.tag == _SCH + "name":
        path = part.get("path")
        _xsl(target, "value-of", select=f"name(({path})[1])" if path else "name()")
    else:
        _add_message(target, part)


def _add_text(target: etree._Element, text: str | None) -> None:
    if text:
        _xsl(target, "text").text = text


def _add_error_catch(attempt: etree._Element, rule: etree._Element, pattern: etree._Element) -> None:
    catch = _xsl(attempt, "catch")
    error = etree.SubElement(catch, _RESULT + "error", context=_literal(rule.get("context", "")))
    if pattern.get("id"):
        error.set("pattern", _literal(pattern.get("id")))
    _xsl(error, "attribute", name="location", select="tpsch:location(.)")
    _xsl(error, "attribute", name="code", select=f"local-name-from-QName(${_ERR}code)")
    _xsl(error, "value-of", select=f"${_ERR}description")


# ---------------------------------------------------------------------------------------------
# Running


@dataclass(frozen=True)
class SchematronResult:
    """One entry of the compiled stylesheet's output: a failed assert, a fired report, or a
    dynamic error in a rule (kind "error"; `code` is the XPath error code)."""

    kind: str
    location: str
    message: str
    id: str | None = None
    role: str | None = None
    flag: str | None = None
    pattern: str | None = None
    context: str | None = None
    code: str | None = None

    @property
    def severity(self) -> str:
        return "warning" if (self.role or "").lower() in WARNING_ROLES else "error"

    @property
    def rule(self) -> str:
        if self.kind == "error":
            return "schematron-error"
        return self.id or self.pattern or "schematron"


class CompiledSchematron:
    """A schema compiled once with one Saxon processor and run on many documents.

    Not thread-safe (one Saxon executable); use one instance per worker process. Pass the same
    object for a node-valued parameter (e.g. the corpus index) on every call: it is converted to
    a Saxon tree once, so Saxon's xsl:key indexes over it are built once, not per document
    (so build a new element rather than changing that one in place).
    """

    def __init__(
        self,
        processor: PySaxonProcessor,
        schema: etree._Element,
        *,
        phase: str | None = None,
        external_params: Iterable[str] = (),
    ) -> None:
        self._processor = processor
        self.params = tuple(external_params)
        stylesheet, origins = _build_stylesheet(schema, phase, self.params)
        self.stylesheet = _serialise(stylesheet)
        self._executable = _compile(processor, self.stylesheet, stylesheet, origins)
        self._converted: dict[str, tuple[object, PyXdmValue]] = {}

    def check(self, document: ParsedDocument, params: Mapping[str, object] | None = None) -> list[Finding]:
        """The document's findings, at the line:column of the element each one concerns (an
        attribute or text context: its element). A rule that hits a dynamic error becomes one
        "schematron-error" finding; if Saxon cannot run at all, one for the whole file."""
        try:
            results = self.run(document, params)
        except PySaxonApiError as exc:
            message = f"the Schematron rules could not run on this file: {_first_line(exc)}"
            return [document.finding(None, "error", "schematron-error", message)]
        return sorted_findings(_to_findings(document, results))

    def run(
        self, document: ParsedDocument, params: Mapping[str, object] | None = None
    ) -> list[SchematronResult]:
        """The raw results (with flags and locations) in document order per pattern.
        Raises PySaxonApiError when Saxon cannot run at all (e.g. a global let fails)."""
        values = self._parameter_values(params or {})
        # Serialised by lxml and parsed from text, never by file name: Saxon's own parser would
        # resolve external entities.
        source = self._processor.parse_xml(xml_text=etree.tostring(document.root, encoding="unicode"))
        # set_parameter persists on the executable between runs: start from none every time.
        self._executable.clear_parameters()
        for name, value in values.items():
            self._executable.set_parameter(name, value)
        output = self._executable.transform_to_string(xdm_node=source)
        return parse_results(etree.fromstring(output))

    def _parameter_values(self, params: Mapping[str, object]) -> dict[str, PyXdmValue]:
        unknown = sorted(set(params) - set(self.params))
        if unknown:
            raise ValueError(f"unknown Schematron parameter(s) {unknown}; declared: {list(self.params)}")
        return {name: self._xdm(name, value) for name, value in params.items() if value is not None}

    def _xdm(self, name: str, value: object) -> PyXdmValue:
        cached = self._converted.get(name)
        if cached is not None and cached[0] is value:
            return cached[1]
        converted = to_xdm(self._processor, value)
        if isinstance(value, (etree._Element, etree._ElementTree)):
            self._converted[name] = (value, converted)
        return converted


def to_xdm(processor: PySaxonProcessor, value: object) -> PyXdmValue:
    """A Python value as an XDM value: str, bool, int, float, an lxml element or tree (as a
    document node), or an XDM value already."""
    if isinstance(value, PyXdmValue):
        return value
    if isinstance(value, str):
        return processor.make_string_value(value)
    if isinstance(value, bool):
        return processor.make_boolean_value(value)
    if isinstance(value, int):
        return processor.make_integer_value(value)
    if isinstance(value, float):
        return processor.make_double_value(value)
    if isinstance(value, (etree._Element, etree._ElementTree)):
        return processor.parse_xml(xml_text=etree.tostring(value, encoding="unicode"))
    raise TypeError(f"cannot pass a {type(value).__name__} to Schematron")


def _compile(
    processor: PySaxonProcessor,
    text: str,
    stylesheet: etree._Element,
    origins: dict[etree._Element, etree._Element],
) -> PyXsltExecutable:
    compiler = processor.new_xslt30_processor()
    # Saxon compiles template rules lazily by default; a bad XPath in a rule would then surface
    # only when a document first matches it, as a run-time failure.
    compiler.set_jit_compilation(False)
    try:
        return compiler.compile_stylesheet(stylesheet_text=text)
    except PySaxonApiError as exc:
        raise SchematronError(_explain_compile_error(str(exc), text, stylesheet, origins)) from None


def _explain_compile_error(
    message: str, text: str, stylesheet: etree._Element, origins: dict[etree._Element, etree._Element]
) -> str:
    """Saxon names lines of the generated stylesheet; add the Schematron line they come from."""
    generated_lines = {}
    for original, reparsed in zip(stylesheet.iter(), etree.fromstring(text).iter(), strict=False):
        if original in origins:
            generated_lines[reparsed.sourceline] = origins[original]
    hints = []
    for line in dict.fromkeys(int(n) for n in _SAXON_LINE.findall(message)):
        before = [n for n in generated_lines if n <= line]
        if before:
            source = generated_lines[max(before)]
            hints.append(
                f"generated line {line} comes from <{_prefixed(source)}> at schema line {source.sourceline}"
            )
    suffix = f" ({'; '.join(hints)})" if hints else ""
    # The generated stylesheet has no file: Saxon names the working folder instead.
    message = _GENERATED_BASE.sub(":", message.strip())
    return f"the Schematron schema does not compile to XSLT: {message}{suffix}"


def _prefixed(element: etree._Element) -> str:
    prefix = "xsl:" if element.tag.startswith(_XSL) else "sch:"
    return prefix + _local(element)


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def parse_results(report: etree._Element) -> list[SchematronResult]:
    """The compiled stylesheet's output as SchematronResult objects."""
    results = []
    for entry in report:
        if entry.tag == _RESULT + "finding":
            results.append(_finding_result(entry))
        elif entry.tag == _RESULT + "error":
            results.append(
                SchematronResult(
                    kind="error",
                    location=entry.get("location", ""),
                    message=_normalise(entry.text or ""),
                    pattern=entry.get("pattern"),
                    context=entry.get("context"),
                    code=entry.get("code"),
                )
            )
    return results


def _finding_result(entry: etree._Element) -> SchematronResult:
    text = _normalise(entry.findtext(_RESULT + "text") or "")
    diagnostics = [_normalise(d.text or "") for d in entry.findall(_RESULT + "diagnostic")]
    return SchematronResult(
        kind=entry.get("kind", "assert"),
        location=entry.get("location", ""),
        message=" ".join(filter(None, [text, *diagnostics])),
        id=entry.get("id"),
        role=entry.get("role"),
        flag=entry.get("flag"),
        pattern=entry.get("pattern"),
    )


def _normalise(text: str) -> str:
    return " ".join(text.split())


def _to_findings(document: ParsedDocument, results: list[SchematronResult]) -> list[Finding]:
    findings = [
        document.finding(element_at(document.root, r.location), r.severity, r.rule, r.message)
        for r in results
        if r.kind != "error"
    ]
    return findings + _error_findings(document, [r for r in results if r.kind == "error"])


def _error_findings(document: ParsedDocument, errors: list[SchematronResult]) -> list[Finding]:
    """One finding per failing rule and error code, at the first node it failed on: a rule that
    breaks on every element should not bury the real findings."""
    groups: dict[tuple, list[SchematronResult]] = {}
    for error in errors:
        groups.setdefault((error.pattern, error.context, error.code), []).append(error)
    findings = []
    for (pattern, context, code), group in groups.items():
        where = f' in pattern "{pattern}"' if pattern else ""
        more = f" (and on {len(group) - 1} more node(s))" if len(group) > 1 else ""
        message = (
            f'the Schematron rule for context "{context}"{where} failed with {code}: '
            f"{group[0].message}{more}; the rule cannot check this node"
        )
        findings.append(
            document.finding(
                element_at(document.root, group[0].location), "error", "schematron-error", message
            )
        )
    return findings


def element_at(root: etree._Element, location: str) -> etree._Element:
    """The element a location like `/1/3/2/@ref` names (child-element positions from the root);
    the root itself for the document node, and the nearest element for text and attributes."""
    steps = takewhile(str.isdigit, location.split("/")[2:])
    element = root
    for step in steps:
        child = next(islice(element.iterchildren(etree.Element), int(step) - 1, None), None)
        if child is None:
            break
        element = child
    return element


# ---------------------------------------------------------------------------------------------
# Schematron embedded in RELAX NG (TEI's tei_all, ODD-generated schemas)


def schematron_from_rng(rng: etree._ElementTree | etree._Element) -> etree._Element | None:
    """Every sch:pattern embedded anywhere in a RELAX NG schema, with every sch:ns, as one
    sch:schema (queryBinding xslt2, as TEI's ODD processor writes them); None when there is none."""
    root = rng.getroot() if isinstance(rng, etree._ElementTree) else rng
    patterns = list(root.iter(_SCH + "pattern"))
    # Older ODD output puts bare rules in a define; each becomes a pattern of its own.
    loose_rules = [r for r in root.iter(_SCH + "rule") if r.getparent().tag != _SCH + "pattern"]
    if not patterns and not loose_rules:
        return None
    schema = etree.Element(_SCH + "schema", nsmap={"sch": SCH_NS}, queryBinding="xslt2")
    for prefix, uri in _embedded_namespaces(root).items():
        etree.SubElement(schema, _SCH + "ns", prefix=prefix, uri=uri)
    for pattern in patterns:
        schema.append(deepcopy(pattern))
    for rule in loose_rules:
        etree.SubElement(schema, _SCH + "pattern").append(deepcopy(rule))
    return schema


def _embedded_namespaces(root: etree._Element) -> dict[str, str]:
    namespaces: dict[str, str] = {}
    for ns in root.iter(_SCH + "ns"):
        prefix, uri = ns.get("prefix"), ns.get("uri")
        if prefix and uri is not None:
            if namespaces.get(prefix, uri) != uri:
                raise SchematronError(f'the schema binds the Schematron prefix "{prefix}" to two namespaces')
            namespaces[prefix] = uri
    return namespaces


# ---------------------------------------------------------------------------------------------
# The project's own rules (schemas/teipress.sch) and the corpus index they read


def project_rules_path() -> Path:
    return data_dir("schemas") / "teipress.sch"


def compile_project_rules(processor: PySaxonProcessor) -> CompiledSchematron:
    """schemas/teipress.sch, compiled with its two parameters (see `project_params`)."""
    schema = etree.parse(str(project_rules_path())).getroot()
    return CompiledSchematron(processor, schema, external_params=PROJECT_PARAMS)


def project_params(document: ParsedDocument, corpus: etree._Element) -> dict[str, object]:
    """teipress.sch's parameters for one document: the corpus index (pass the same element for
    every document) and the file's name without folder and without ".xml"."""
    return {"corpus": corpus, "file-name": document.path.stem}


def build_corpus_index(documents: list[ParsedDocument]) -> etree._Element:
    """The `$corpus` teipress.sch reads: per file, every xml:id with its element's local name,
    and every distinct `#id` the file points to through the pointer attributes."""
    corpus = etree.Element(_TP + "corpus", nsmap={"tp": CORPUS_NS})
    for document in documents:
        entry = etree.SubElement(corpus, _TP + "file", path=document.display, name=document.path.stem)
        for element in document.root.iter(etree.Element):
            if element.get(XML_ID):
                etree.SubElement(entry, _TP + "id", value=element.get(XML_ID), element=_local(element))
        for target in _pointed_ids(document.root):
            etree.SubElement(entry, _TP + "pointer", value=target)
    return corpus


def _pointed_ids(root: etree._Element) -> list[str]:
    targets = (local_target(token) for _, _, token in pointers(root))
    return list(dict.fromkeys(t for t in targets if t))
