"""A schema read once for the re-check: its defines, its start, and its element patterns by name."""

from __future__ import annotations

from lxml import etree

from .names import RNG, Name, matches, name_class, pattern_name, rng_children


class SchemaIndex:
    """Where things are in one (include-resolved) schema tree."""

    def __init__(self, schema: etree._ElementTree) -> None:
        root = schema.getroot()
        self.defines: dict[str, list[etree._Element]] = {}
        self.combine: dict[str, str] = {}
        self.starts: list[etree._Element] = []
        if root.tag == f"{RNG}grammar":
            self._collect(root)
        else:
            self.starts.append(root)
        self.patterns: dict[Name, list[etree._Element]] = {}
        wildcards: list[etree._Element] = []
        for pattern in root.iter(f"{RNG}element"):
            name = pattern_name(pattern)
            if name is None:
                wildcards.append(pattern)
            else:
                self.patterns.setdefault(name, []).append(pattern)
        self._wildcard_classes = [(p, name_class(p)) for p in wildcards]
        self._by_name: dict[Name, list[etree._Element]] = {}

    def _collect(self, container: etree._Element) -> None:
        for child in rng_children(container):
            local = etree.QName(child).localname
            if local == "div":
                self._collect(child)
            elif local == "start":
                self.starts.append(child)
            elif local == "define":
                self.defines.setdefault(child.get("name"), []).append(child)
                if child.get("combine"):
                    self.combine[child.get("name")] = child.get("combine")

    def patterns_for(self, name: Name) -> list[etree._Element]:
        """Element patterns for this name: by name, or by a namespace wildcard (not anyName,
        which only stands for "any content", as in egXML)."""
        found = self._by_name.get(name)
        if found is None:
            found = self._by_name[name] = self.patterns.get(name, []) + [
                p for p, nc in self._wildcard_classes
                if nc is not None and nc[0] != "any" and matches(nc, name)
            ]
        return found

    def known(self, name: Name) -> bool:
        """Can an element of this name appear anywhere in the schema?"""
        return bool(self.patterns.get(name)) or any(
            matches(nc, name) for _, nc in self._wildcard_classes)


def content_children(pattern: etree._Element) -> list[etree._Element]:
    """An element or attribute pattern's content: its RELAX NG children after the name class."""
    kids = list(rng_children(pattern))
    if pattern.get("name") is None and kids:
        kids = kids[1:]  # the name class
    return kids
