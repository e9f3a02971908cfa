"""Reading an ISO Schematron schema: the checks that refuse what teipress cannot compile, the
active phase's patterns, the namespaces, variables and diagnostics the stylesheet will need."""

from __future__ import annotations

import re

from lxml import etree

from ..errors import SchematronError

SCH_NS = "http://purl.oclc.org/dsdl/schematron"
XSL_NS = "http://www.w3.org/1999/XSL/Transform"
RESULT_NS = "urn:teipress:schematron"
SCHEMATRON_15_NS = "http://www.ascc.net/xml/schematron"

SCH = f"{{{SCH_NS}}}"
XSL = f"{{{XSL_NS}}}"
RESULT = f"{{{RESULT_NS}}}"

QUERY_BINDINGS = ("xslt2", "xslt3")
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
_NCNAME = re.compile(r"^[A-Za-z_][\w.\-]*$")


def local(element: etree._Element) -> str:
    return etree.QName(element).localname


def sch_children(element: etree._Element, name: str) -> list[etree._Element]:
    return element.findall(SCH + name)


def check_schema(schema: etree._Element) -> None:
    if schema.tag == f"{{{SCHEMATRON_15_NS}}}schema":
        raise SchematronError(
            "Schematron 1.5 (http://www.ascc.net/xml/schematron) is not supported; use ISO Schematron"
        )
    if schema.tag != SCH + "schema":
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
        found = schema.find(f".//{SCH}{name}")
        if found is not None:
            raise SchematronError(
                f"sch:{name} (line {found.sourceline}) is not supported: abstract patterns and "
                "rules and includes must be expanded before compiling"
            )
    for pattern in schema.iter(SCH + "pattern"):
        for attribute in ("abstract", "is-a", "documents"):
            if pattern.get(attribute) is not None:
                raise SchematronError(
                    f"pattern/@{attribute} (line {pattern.sourceline}) is not supported by "
                    "teipress's Schematron compiler"
                )
    for rule in schema.iter(SCH + "rule"):
        if rule.get("abstract") == "true":
            raise SchematronError(f"abstract rules (line {rule.sourceline}) are not supported")
        if not rule.get("context"):
            raise SchematronError(f"sch:rule without @context (line {rule.sourceline})")


def xslt_declarations(schema: etree._Element) -> list[etree._Element]:
    """Top-level xsl:key and xsl:function, which the xslt query bindings allow in a schema."""
    declarations = [child for child in schema if isinstance(child.tag, str) and child.tag.startswith(XSL)]
    for declaration in declarations:
        if local(declaration) not in {"key", "function"}:
            raise SchematronError(
                f"xsl:{local(declaration)} (line {declaration.sourceline}) is not supported in a "
                "schema; only xsl:key and xsl:function are"
            )
    return declarations


def stylesheet_namespaces(schema: etree._Element, declarations: list[etree._Element]) -> dict[str, str]:
    """sch:ns declarations, the prefixes xsl:key/xsl:function use, and the standard ones."""
    namespaces: dict[str, str] = {}
    for ns in sch_children(schema, "ns"):
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


def checked_params(params: tuple[str, ...]) -> tuple[str, ...]:
    for name in params:
        if not _NCNAME.match(name):
            raise SchematronError(f"external parameter {name!r} is not an XML name")
    if len(set(params)) != len(params):
        raise SchematronError(f"external parameters named twice: {params}")
    return params


def active_patterns(
    schema: etree._Element, phase: str | None
) -> tuple[list[etree._Element], etree._Element | None]:
    """The patterns the phase activates, in document order, and the phase element (None for #ALL)."""
    patterns = sch_children(schema, "pattern")
    name = phase or "#DEFAULT"
    if name == "#DEFAULT":
        name = schema.get("defaultPhase") or "#ALL"
    if name == "#ALL":
        return patterns, None
    phases = {p.get("id"): p for p in sch_children(schema, "phase")}
    if name not in phases:
        known = ", ".join(sorted(filter(None, phases))) or "none"
        raise SchematronError(f'no phase "{name}" in the schema (phases: {known}; or #ALL)')
    wanted = [active.get("pattern") for active in sch_children(phases[name], "active")]
    by_id = {p.get("id"): p for p in patterns if p.get("id")}
    missing = [w for w in wanted if w not in by_id]
    if missing:
        raise SchematronError(f'phase "{name}" activates unknown pattern(s): {", ".join(map(str, missing))}')
    return [p for p in patterns if p.get("id") in wanted], phases[name]


def global_lets(
    schema: etree._Element,
    phase: etree._Element | None,
    patterns: list[etree._Element],
    params: tuple[str, ...],
) -> list[etree._Element]:
    """Schema, phase and pattern lets; all become global variables, so names must not repeat."""
    lets = sch_children(schema, "let")
    if phase is not None:
        lets += sch_children(phase, "let")
    for pattern in patterns:
        lets += sch_children(pattern, "let")
    seen = set(params)
    for let in lets:
        name = let_name(let)
        if name in seen:
            raise SchematronError(
                f'the variable "{name}" is declared twice (line {let.sourceline}): schema, phase and '
                "pattern lets and external parameters share one scope"
            )
        seen.add(name)
    return lets


def let_name(let: etree._Element) -> str:
    name = let.get("name")
    if not name:
        raise SchematronError(f"sch:let without @name (line {let.sourceline})")
    return name


def diagnostics_by_id(schema: etree._Element) -> dict[str, etree._Element]:
    return {
        d.get("id"): d
        for group in sch_children(schema, "diagnostics")
        for d in sch_children(group, "diagnostic")
    }
