"""libxml2's terse RELAX NG errors, explained: what is wrong and what the schema allows instead.

libxml2 says "Invalid attribute when for element date" or "Element p has extra content: hi" (the
real problem may be three levels down inside <hi>). Each message is explained by re-checking the
element it names against the schema (`recheck.py`): its attributes, the sequence of its children,
then its children in turn; the first problem found is reported.

The re-check only explains; the verdict is always libxml2's. When nothing more precise can be
found the original message is kept, prefixed with the element.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from lxml import etree

from ..parse import ParsedDocument
from .recheck import recheck_for
from .wording import label


@dataclass(frozen=True)
class Explanation:
    """What is wrong, and the element it is about (the finding's position)."""

    element: etree._Element | None
    text: str
    explained: bool = True  # False: only libxml2's own words could be given


# libxml2's messages about an attribute or a value: never a mere repeat of a descendant's error.
_SPECIFIC = re.compile(
    r"^(Invalid attribute|Error validating (datatype|value)|Type \S+ doesn't allow value|"
    r"Value \S+ |Datatype element|Invalid sequence in list|Extra data in list)"
)
_EXTRA = re.compile(r"Element \S+ has extra content: ")
_FAILED = re.compile(r"Element (\S+) failed to validate (?:content|attributes)")


def _subject(message: str, element: etree._Element) -> etree._Element:
    """The element a message is about. "Element TEI failed to validate content" comes with the
    path of the child libxml2 had reached (<text>), so the named ancestor is taken instead."""
    failed = _FAILED.match(message)
    if failed:
        for node in [element, *element.iterancestors()]:
            if etree.QName(node).localname == failed.group(1):
                return node
    return element


def explain_all(
    entries: list[tuple[str, etree._Element | None]], schema: etree._ElementTree
) -> list[Explanation]:
    """All of one document's libxml2 (message, element) entries, explained: at least one
    explanation for at least one entry. The verdict stays libxml2's: call this only for a
    document libxml2 rejected.

    libxml2 stops at the first error in each content model, while jing (and an encoder) wants
    them all, so the subtrees around the reported elements are re-checked in full. Only when
    that finds nothing is each message explained on its own, with its follow-ons dropped: one
    error makes libxml2 also report each ancestor ("Element body failed to validate content",
    "Expecting element TEI, got text", "Element p has extra content: hi"), and a message about
    an element that has a message about one of its descendants is kept only if the element
    itself is wrong (its attributes, or the sequence of its children). Explanations that come
    out the same (same element, same text) are reported once.
    """
    recheck = recheck_for(schema)
    explanations: dict[tuple, Explanation] = {}

    def add(found: list[Explanation]) -> None:
        for explanation in found:
            explanations.setdefault((id(explanation.element), explanation.text), explanation)

    # One walk over the scopes of the errors finds what the per-message searches below would,
    # so these only run when it finds nothing; attribute messages are always explained (the
    # walk reports only values it is sure about, libxml2 has decided these).
    for scope in _scopes(el for _, el in entries if el is not None):
        add([Explanation(*p) for p in recheck.subtree_problems(scope, limit=500)])
    if explanations:
        for message, element in entries:
            if _SPECIFIC.match(message.strip()):
                add(_diagnose(message, element, schema))
        return _without_unexplained_repeats(list(explanations.values()))
    subjects = [None if el is None else _subject(" ".join(m.split()), el) for m, el in entries]
    for (message, element), subject in zip(entries, subjects, strict=True):
        follow_on = subject is not None and not _SPECIFIC.match(message.strip()) and any(
            other is not None and other is not subject and _is_ancestor(subject, other)
            for other in subjects
        )
        if follow_on:
            found = recheck.own_problem(subject, extra=bool(_EXTRA.match(message.strip())))
            add([Explanation(*found)] if found else [])
        else:
            add(_diagnose(message, element, schema))
    return _without_unexplained_repeats(list(explanations.values()))


def _diagnose(
    entry_message: str, element: etree._Element | None, schema: etree._ElementTree
) -> list[Explanation]:
    """Every problem behind one libxml2 message (at least one explanation).

    In order: the attribute libxml2 named; for "extra content", the child's place in its parent;
    every problem inside the element; the element's place in its parent. Failing all that, the
    original message prefixed with the element."""
    raw = " ".join(entry_message.split())
    if element is None:
        return [Explanation(None, raw, explained=False)]
    recheck = recheck_for(schema)
    subject = _subject(raw, element)
    parent = subject.getparent()
    attribute = re.match(r"Invalid attribute (\S+) for element (\S+)", raw)
    if attribute:
        found = recheck.attribute_problem(subject, attribute.group(1))
        if found:
            return [Explanation(subject, found)]
    if _EXTRA.match(raw) and parent is not None:
        found = recheck.content_problem(parent, upto=subject)
        if found:
            return [Explanation(*found)]
    # libxml2's path often stops at a sibling of the faulty element, so when the element itself
    # is fine its parent's and then its grandparent's subtrees are searched.
    for scope in [subject, *list(subject.iterancestors())[:2]]:
        problems = recheck.subtree_problems(scope)
        if problems:
            return [Explanation(*problem) for problem in problems]
    return [Explanation(subject, f"<{label(subject)}>: {raw}", explained=False)]


def _scopes(elements) -> list[etree._Element]:
    """Where the problems libxml2 did not report can be: under the parents of the elements it
    reported (after a child that breaks a content model it checks no further there). The rest
    of the document it validated, and found sound. Nested scopes are merged into the outer."""
    candidates = {}
    for element in elements:
        scope = element.getparent() if element.getparent() is not None else element
        candidates[scope] = None
    return [scope for scope in candidates
            if not any(other is not scope and _is_ancestor(other, scope) for other in candidates)]


def _without_unexplained_repeats(explanations: list[Explanation]) -> list[Explanation]:
    """Unexplained messages (libxml2's words only) are dropped when the document has explained
    ones. Re-checking the schema found nothing at those places, and libxml2 reports errors from
    neighbouring nodes after a real one (e.g. "Expecting an element pb, got nothing" on a valid
    <table>, where jing reports nothing); the verdict is unchanged, and once the explained
    errors are fixed any real remaining problem is reported again."""
    if any(e.explained for e in explanations):
        return [e for e in explanations if e.explained]
    return explanations


def _is_ancestor(ancestor: etree._Element, element: etree._Element) -> bool:
    return any(node is ancestor for node in element.iterancestors())


class ElementFinder:
    """The element a libxml2 error is about, from its path (`/*/*[2]/*`), else by line; the
    namespaces and the line index are built once per document, not once per error."""

    def __init__(self, document: ParsedDocument) -> None:
        self.document = document

    @functools.cached_property
    def _namespaces(self) -> dict[str, str]:
        namespaces: dict[str, str] = {}
        for element in self.document.root.iter(etree.Element):
            for prefix, uri in element.nsmap.items():
                if prefix:
                    namespaces.setdefault(prefix, uri)
        return namespaces

    @functools.cached_property
    def _by_line(self) -> dict[int, etree._Element]:
        lines: dict[int, etree._Element] = {}
        for element in self.document.root.iter(etree.Element):
            if element.sourceline:
                lines.setdefault(element.sourceline, element)
        return lines

    def find(self, entry) -> etree._Element | None:
        path = entry.path or ""
        if path.startswith("/"):
            try:
                # libxml2 writes elements of the default namespace as "*": the prefixes
                # (a walk over every element) only for a path that names one.
                found = self.document.tree.xpath(path, namespaces=self._namespaces if ":" in path else None)
            except etree.XPathError:
                found = []
            if found and isinstance(found[0], etree._Element):
                return found[0]
        return self._by_line.get(entry.line) if entry.line else None
