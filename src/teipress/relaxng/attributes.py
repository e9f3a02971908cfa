"""Attributes: which ones an element may and must have, and what is wrong with those it has."""

from __future__ import annotations

from lxml import etree

from .. import XML_NS
from .index import SchemaIndex, content_children
from .names import Name, element_name, matches, name_class, pattern_name, rng_children, split_tag
from .values import ValueRules, value_pattern
from .wording import display_name, enumerate_items, label, shorten

# (declared attribute patterns by name, wildcard attribute patterns, required names)
Declared = tuple[dict[Name, list[etree._Element]], list[etree._Element], frozenset[Name]]


class AttributeRules:
    """The attributes of each element name, read once; TEI's attribute classes are shared by
    hundreds of elements, so each define's attributes are read once too."""

    def __init__(self, index: SchemaIndex, values: ValueRules) -> None:
        self.index = index
        self.values = values
        self._attributes: dict[Name, tuple] = {}
        self._define_cache: dict[tuple[str, bool], Declared] = {}
        self._verdict_cache: dict[tuple, list[bool | None]] = {}

    def attributes(self, name: Name) -> tuple[dict[Name, list[etree._Element]], list, set[Name]]:
        """(declared attribute patterns by name, wildcard attribute patterns, required names)."""
        if name not in self._attributes:
            declared: dict[Name, list[etree._Element]] = {}
            wildcards: list[etree._Element] = []
            required_by: list[set[Name]] = []
            for pattern in self.index.patterns_for(name):
                found = self._attributes_in(tuple(content_children(pattern)), True)
                _merge(declared, wildcards, found)
                required_by.append(set(found[2]))
            # Several patterns may share a name (e.g. <title> in different places): only what
            # every one of them requires is surely required.
            required = set.intersection(*required_by) if required_by else set()
            self._attributes[name] = (declared, wildcards, required)
        return self._attributes[name]

    def _attributes_in(self, nodes: tuple, required_here: bool) -> Declared:
        """The attributes a list of patterns declares (not looking inside child elements)."""
        declared: dict[Name, list[etree._Element]] = {}
        wildcards: list[etree._Element] = []
        required: set[Name] = set()
        for node in nodes:
            local = etree.QName(node).localname
            if local == "attribute":
                attr = pattern_name(node)
                if attr is None:
                    wildcards.append(node)
                else:
                    declared.setdefault(attr, []).append(node)
                    if required_here:
                        required.add(attr)
                continue
            if local == "ref":
                found = self._define_attributes(node.get("name"), required_here)
            elif local in ("group", "interleave", "oneOrMore", "mixed"):
                found = self._attributes_in(tuple(rng_children(node)), required_here)
            elif local in ("optional", "zeroOrMore", "choice"):
                found = self._attributes_in(tuple(rng_children(node)), False)
            else:
                continue
            _merge(declared, wildcards, found)
            required |= found[2]
        return declared, wildcards, frozenset(required)

    def _define_attributes(self, ref: str, required_here: bool) -> Declared:
        """A define's attributes, computed once per define. A define met again while it is being
        read contributes nothing (a recursive content model declares no new attributes)."""
        key = (ref, required_here)
        if key not in self._define_cache:
            self._define_cache[key] = ({}, [], frozenset())  # guards against recursion
            declared: dict[Name, list[etree._Element]] = {}
            wildcards: list[etree._Element] = []
            required: set[Name] = set()
            for define in self.index.defines.get(ref, []):
                found = self._attributes_in(tuple(rng_children(define)), required_here)
                _merge(declared, wildcards, found)
                required |= found[2]
            self._define_cache[key] = (declared, wildcards, frozenset(required))
        return self._define_cache[key]

    def problem(self, element: etree._Element, local: str | None = None) -> str | None:
        """What is wrong with the element's attributes (one named `local`, or any)."""
        name = element_name(element)
        if not self.index.patterns_for(name):
            return None
        declared, wildcards, required = self.attributes(name)
        for key, value in element.attrib.items():
            attr = split_tag(key)
            if local is not None and attr[1] != local:
                continue
            shown = f'<{label(element)} {display_name(*attr)}="{shorten(value)}">'
            patterns = declared.get(attr)
            if patterns is None:
                if any(matches(name_class(w), attr) for w in wildcards):
                    continue
                allowed = sorted("@" + display_name(*n) for n in declared)
                return (f"{shown}: @{display_name(*attr)} is not allowed on <{label(element)}>"
                        + (f"; allowed: {enumerate_items(allowed)}" if allowed else ""))
            verdicts = self._verdicts(name, attr, patterns, value)
            # Unprompted (local is None), only a value every pattern surely rejects is reported;
            # when libxml2 named the attribute, what it expects is said in any case.
            if local is None and any(v is not False for v in verdicts):
                continue
            # An xml:id of the right form that libxml2 still rejects is one used twice (its ID
            # datatype); "expected an XML name" would be false (issue 9).
            if attr == (XML_NS, "id") and verdicts and all(v is True for v in verdicts):
                return f'{shown}: xml:id "{shorten(value)}" is used twice in this document'
            wanted = " or ".join(dict.fromkeys(self.values.describe(value_pattern(p))
                                               for p in patterns))
            return f"{shown}: invalid value for @{display_name(*attr)}: expected {wanted}"
        if local is None:
            present = {split_tag(k) for k in element.attrib}
            missing = sorted(display_name(*n) for n in required - present)
            if missing:
                return (f"<{label(element)}> lacks the required attribute"
                        f"{'s' if len(missing) > 1 else ''} {', '.join('@' + m for m in missing)}")
        return None

    def _verdicts(self, name: Name, attr: Name, patterns: list, value: str) -> list[bool | None]:
        """value_ok for each pattern of the attribute, cached: values repeat a lot (@ref="#p_8")."""
        key = (name, attr, value)
        verdicts = self._verdict_cache.get(key)
        if verdicts is None:
            verdicts = self._verdict_cache[key] = [
                self.values.value_ok(value_pattern(p), value) for p in patterns]
        return verdicts


def _merge(declared: dict, wildcards: list, found: Declared) -> None:
    for attr, patterns in found[0].items():
        known = declared.setdefault(attr, [])
        known.extend(p for p in patterns if p not in known)
    wildcards.extend(w for w in found[1] if w not in wildcards)
