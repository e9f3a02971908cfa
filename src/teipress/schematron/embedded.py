"""Schematron embedded in RELAX NG (TEI's tei_all, ODD-generated schemas), gathered into one schema."""

from __future__ import annotations

from copy import deepcopy

from lxml import etree

from ..errors import SchematronError
from .schema import SCH, SCH_NS


def schematron_from_rng(rng: etree._ElementTree | etree._Element) -> etree._Element | None:
    """Every sch:pattern embedded anywhere in a RELAX NG schema, with every sch:ns, as one
    sch:schema (queryBinding xslt2, as TEI's ODD processor writes them); None when there is none."""
    root = rng.getroot() if isinstance(rng, etree._ElementTree) else rng
    patterns = list(root.iter(SCH + "pattern"))
    # Older ODD output puts bare rules in a define; each becomes a pattern of its own.
    loose_rules = [r for r in root.iter(SCH + "rule") if r.getparent().tag != SCH + "pattern"]
    if not patterns and not loose_rules:
        return None
    schema = etree.Element(SCH + "schema", nsmap={"sch": SCH_NS}, queryBinding="xslt2")
    for prefix, uri in _embedded_namespaces(root).items():
        etree.SubElement(schema, SCH + "ns", prefix=prefix, uri=uri)
    for pattern in patterns:
        schema.append(deepcopy(pattern))
    for rule in loose_rules:
        etree.SubElement(schema, SCH + "pattern").append(deepcopy(rule))
    return schema


def _embedded_namespaces(root: etree._Element) -> dict[str, str]:
    namespaces: dict[str, str] = {}
    for ns in root.iter(SCH + "ns"):
        prefix, uri = ns.get("prefix"), ns.get("uri")
        if prefix and uri is not None:
            if namespaces.get(prefix, uri) != uri:
                raise SchematronError(f'the schema binds the Schematron prefix "{prefix}" to two namespaces')
            namespaces[prefix] = uri
    return namespaces
