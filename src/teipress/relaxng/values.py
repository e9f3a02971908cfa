"""Attribute values: does a value match an attribute's content pattern, and what would."""

from __future__ import annotations

from lxml import etree

from .datatypes import datatype_ok
from .index import SchemaIndex, content_children
from .names import RNG, XSD_LIBRARY, inherited, rng_children
from .wording import WORD_PATTERNS, describe_types, enumerate_items


class ValueRules:
    """Value checks and descriptions for one schema (refs are followed through its defines)."""

    def __init__(self, index: SchemaIndex) -> None:
        self.index = index

    def value_ok(self, pattern: etree._Element | None, value: str) -> bool | None:
        """Does `value` match this attribute-content pattern? None when we cannot tell."""
        if pattern is None:
            return True
        local = etree.QName(pattern).localname
        kids = list(rng_children(pattern))
        if local == "text":
            return True
        if local == "empty":
            return value.strip() == ""
        if local == "notAllowed":
            return False
        if local == "value":
            library = inherited(pattern, "datatypeLibrary")
            kind = pattern.get("type", "token")
            expected = pattern.text or ""
            if kind == "string" and library in ("", XSD_LIBRARY):
                return value == expected
            return " ".join(value.split()) == " ".join(expected.split())
        if local == "data":
            verdict = datatype_ok(pattern, value)
            excepted = next((k for k in kids if etree.QName(k).localname == "except"), None)
            if verdict and excepted is not None:
                inner = [self.value_ok(k, value) for k in rng_children(excepted)]
                if True in inner:
                    return False
            return verdict
        if local == "choice":
            verdicts = [self.value_ok(k, value) for k in kids]
            return True if True in verdicts else (None if None in verdicts else False)
        if local == "optional":
            return True if value == "" else self.value_ok(_single(kids), value)
        if local == "ref":
            verdicts = [self.value_ok(_single(list(rng_children(d))), value)
                        for d in self.index.defines.get(pattern.get("name"), [])]
            if not verdicts:
                return None
            return True if True in verdicts else (None if None in verdicts else False)
        if local == "list":
            return self._list_ok(_single(kids), value.split())
        if local in ("group", "define", "attribute") and len(kids) == 1:
            return self.value_ok(kids[0], value)
        return None

    def _list_ok(self, item: etree._Element | None, tokens: list[str]) -> bool | None:
        if item is None:
            return None
        local = etree.QName(item).localname
        if local in ("oneOrMore", "zeroOrMore"):
            if not tokens:
                return local == "zeroOrMore"
            verdicts = [self.value_ok(_single(list(rng_children(item))), t) for t in tokens]
            return False if False in verdicts else (None if None in verdicts else True)
        if local == "ref":
            defines = self.index.defines.get(item.get("name"), [])
            if len(defines) == 1:
                return self._list_ok(_single(list(rng_children(defines[0]))), tokens)
            return None
        if local == "group":
            kids = list(rng_children(item))
            if all(etree.QName(k).localname in ("data", "value", "ref") for k in kids):
                if len(kids) != len(tokens):
                    return False
                verdicts = [self.value_ok(k, t) for k, t in zip(kids, tokens, strict=True)]
                return False if False in verdicts else (None if None in verdicts else True)
            return None
        if local == "optional":
            if not tokens:
                return True
            return self._list_ok(_single(list(rng_children(item))), tokens)
        if len(tokens) != 1:
            return False if local in ("data", "value") else None
        return self.value_ok(item, tokens[0])

    def describe(self, pattern: etree._Element | None, depth: int = 0) -> str:
        """An attribute-content pattern in words."""
        if pattern is None or depth > 12:
            return "any text"
        values: list[str] = []
        types: list[str] = []
        others: list[str] = []
        self._gather(pattern, values, types, others, depth)
        parts = []
        if values:
            shown = [f'"{v}"' for v in dict.fromkeys(values)]
            parts.append(("one of " if len(shown) > 1 else "") + enumerate_items(shown, limit=20))
        if types:
            parts.append(describe_types(list(dict.fromkeys(types))))
        parts.extend(dict.fromkeys(others))
        return " or ".join(parts) if parts else "any text"

    def _gather(self, pattern, values, types, others, depth) -> None:
        local = etree.QName(pattern).localname
        kids = list(rng_children(pattern))
        if local == "value":
            values.append(pattern.text or "")
        elif local == "data":
            library = inherited(pattern, "datatypeLibrary")
            kind = pattern.get("type", "")
            regex = next((p.text for p in kids if etree.QName(p).localname == "param"
                          and p.get("name") == "pattern"), None)
            if regex in WORD_PATTERNS:
                others.append("a single word (no spaces)")
            elif regex == r"\S+":
                others.append("text without spaces")
            elif regex is not None:
                others.append(f"text matching the pattern {regex}")
            elif library in ("", XSD_LIBRARY):
                types.append(kind)
            else:
                others.append(f"a {kind} value")
        elif local in ("choice", "optional"):
            for kid in kids:
                self._gather(kid, values, types, others, depth + 1)
        elif local == "ref":
            for define in self.index.defines.get(pattern.get("name"), []):
                for kid in rng_children(define):
                    self._gather(kid, values, types, others, depth + 1)
        elif local == "list":
            item = _single(kids)
            inner = _single(list(rng_children(item))) if item is not None and etree.QName(
                item).localname in ("oneOrMore", "zeroOrMore") else item
            others.append(f"a space-separated list of {self.describe(inner, depth + 1)}")
        elif local == "text":
            others.append("any text")
        elif local == "empty":
            values.append("")
        elif local in ("group", "define") and len(kids) == 1:
            self._gather(kids[0], values, types, others, depth + 1)
        else:
            others.append("a value the schema describes in a way teipress cannot summarise")


def value_pattern(attribute: etree._Element) -> etree._Element | None:
    """The content of an <attribute> pattern as one pattern (None: any text)."""
    kids = content_children(attribute)
    if not kids:
        return None  # <attribute name="x"/> means text
    if len(kids) == 1:
        return kids[0]
    group = etree.Element(f"{RNG}group")
    group.extend(k.__copy__() for k in kids)
    return group


def _single(kids: list[etree._Element]) -> etree._Element | None:
    return kids[0] if len(kids) == 1 else None
