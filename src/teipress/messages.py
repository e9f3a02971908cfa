"""Messages an encoder can act on, for libxml2's terse RELAX NG errors.

libxml2 says "Invalid attribute when for element date" or "Element p has extra content: hi" (the
real problem may be three levels down inside <hi>). This module reads the schema to say what is
wrong and what is allowed instead: the attribute values or datatype expected, the children an
element may have, the children still missing. It does so by re-checking the offending element
itself against the schema: its attributes, then the sequence of its children (with RELAX NG
derivatives over element names, the way jing does), then its children in turn, and reports the
first problem it finds.

The re-check only explains; the verdict is always libxml2's. When nothing more precise can be
found the original message is kept, prefixed with the element.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

RNG_NS = "http://relaxng.org/ns/structure/1.0"
XSD_LIBRARY = "http://www.w3.org/2001/XMLSchema-datatypes"
XML_NS = "http://www.w3.org/XML/1998/namespace"
TEI_NS = "http://www.tei-c.org/ns/1.0"
_RNG = f"{{{RNG_NS}}}"
_LIST_LIMIT = 12

Name = tuple[str, str]  # (namespace, localname); "" for no namespace


@dataclass(frozen=True)
class Explanation:
    """What is wrong, and the element it is about (the finding's position)."""

    element: etree._Element | None
    text: str
    explained: bool = True  # False: only libxml2's own words could be given


def explain(entry_message: str, element: etree._Element | None, schema: etree._ElementTree) -> str:
    """libxml2's `entry_message` about `element`, rewritten with what `schema` allows there."""
    return diagnose(entry_message, element, schema).text


def diagnose(
    entry_message: str, element: etree._Element | None, schema: etree._ElementTree
) -> Explanation:
    """Like `explain`, but also returns the element the problem is really at."""
    return diagnose_all(entry_message, element, schema)[0]


def diagnose_all(
    entry_message: str, element: etree._Element | None, schema: etree._ElementTree
) -> list[Explanation]:
    """Every problem behind one libxml2 message (at least one explanation).

    In order: the attribute libxml2 named; for "extra content", the child's place in its parent;
    every problem inside the element; the element's place in its parent. Failing all that, the
    original message prefixed with the element."""
    raw = " ".join(entry_message.split())
    if element is None:
        return [Explanation(None, raw, explained=False)]
    index = schema_index(schema)
    subject = _subject(raw, element)
    parent = subject.getparent()
    attribute = re.match(r"Invalid attribute (\S+) for element (\S+)", raw)
    if attribute:
        found = index.attribute_problem(subject, attribute.group(1))
        if found:
            return [Explanation(subject, found)]
    if _EXTRA.match(raw) and parent is not None:
        found = index.content_problem(parent, upto=subject)
        if found:
            return [Explanation(*found)]
    # libxml2's path often stops at a sibling of the faulty element, so when the element itself
    # is fine its parent's and then its grandparent's subtrees are searched.
    for scope in [subject, *list(subject.iterancestors())[:2]]:
        problems = index.subtree_problems(scope)
        if problems:
            return [Explanation(*problem) for problem in problems]
    return [Explanation(subject, f"<{_label_of(subject)}>: {raw}", explained=False)]


# --- follow-on messages -------------------------------------------------------------------------

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
    entries: list[tuple[str, etree._Element | None]],
    schema: etree._ElementTree,
    complete: bool = True,
) -> list[Explanation]:
    """All of one document's libxml2 (message, element) entries, explained, follow-ons dropped.

    One error makes libxml2 also report each ancestor ("Element body failed to validate
    content", "Expecting element TEI, got text", "Element p has extra content: hi"). A message
    about an element that has a message about one of its descendants is kept only if the
    element itself is wrong (its attributes, or the sequence of its children); otherwise it only
    repeats the descendant's error. Errors in attribute values are always kept. Explanations
    that come out the same (same element, same text) are reported once.

    With `complete`, every other problem the re-check finds in the document is added: libxml2
    stops at the first error in each content model, while jing (and an encoder) wants them all.
    The verdict stays libxml2's: call this only for a document libxml2 rejected.
    """
    index = schema_index(schema)
    explanations: dict[tuple, Explanation] = {}

    def add(found: list[Explanation]) -> None:
        for explanation in found:
            explanations.setdefault((id(explanation.element), explanation.text), explanation)

    if complete:
        # One walk over the scopes of the errors finds what the per-message searches below
        # would, so these only run when it finds nothing; attribute messages are always
        # explained (the walk reports only values it is sure about, libxml2 has decided these).
        for scope in _scopes(el for _, el in entries if el is not None):
            add([Explanation(*p) for p in index.subtree_problems(scope, limit=500)])
        if explanations:
            for message, element in entries:
                if _SPECIFIC.match(message.strip()):
                    add(diagnose_all(message, element, schema))
            return _without_unexplained_repeats(list(explanations.values()))
    subjects = [None if el is None else _subject(" ".join(m.split()), el) for m, el in entries]
    for (message, element), subject in zip(entries, subjects, strict=True):
        follow_on = subject is not None and not _SPECIFIC.match(message.strip()) and any(
            other is not None and other is not subject and _is_ancestor(subject, other)
            for other in subjects
        )
        if follow_on:
            found = index.own_problem(subject, extra=bool(_EXTRA.match(message.strip())))
            add([Explanation(*found)] if found else [])
        else:
            add(diagnose_all(message, element, schema))
    return _without_unexplained_repeats(list(explanations.values()))


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


# --- reading the schema -------------------------------------------------------------------------


def _inherited(element: etree._Element, attribute: str, default: str = "") -> str:
    for node in [element, *element.iterancestors()]:
        if node.get(attribute) is not None:
            return node.get(attribute)
    return default


def pattern_name(pattern: etree._Element) -> Name | None:
    """The one (namespace, localname) an <element> or <attribute> pattern matches, or None when
    it has a name class (anyName, nsName, choice) or an undeclared prefix."""
    if pattern.get("name") is not None:
        carrier, qname = pattern, pattern.get("name").strip()
    else:
        first = next((c for c in pattern if isinstance(c.tag, str) and c.tag.startswith(_RNG)),
                     None)
        if first is None or first.tag != f"{_RNG}name":
            return None
        carrier, qname = first, (first.text or "").strip()
    if ":" in qname:
        prefix, local = qname.split(":", 1)
        namespace = XML_NS if prefix == "xml" else carrier.nsmap.get(prefix)
        return None if namespace is None else (namespace, local)
    if pattern.tag == f"{_RNG}attribute" and carrier is pattern:
        return ("", qname)  # RELAX NG 4.8: an attribute's name attribute never inherits ns
    return (_inherited(carrier, "ns"), qname)


def _name_class(pattern: etree._Element) -> tuple | None:
    """A hashable name class for an element/attribute pattern (None: could not read it)."""
    name = pattern_name(pattern)
    if name is not None:
        return ("name", *name)
    first = next((c for c in pattern if isinstance(c.tag, str) and c.tag.startswith(_RNG)), None)
    return None if first is None else _read_name_class(first)


def _read_name_class(node: etree._Element) -> tuple | None:
    local = etree.QName(node).localname
    if local == "name":
        text = (node.text or "").strip()
        if ":" in text:
            prefix, name = text.split(":", 1)
            return ("name", XML_NS if prefix == "xml" else node.nsmap.get(prefix, ""), name)
        return ("name", _inherited(node, "ns"), text)
    except_ = next((c for c in node if c.tag == f"{_RNG}except"), None)
    excluded = None
    if except_ is not None:
        parts = [_read_name_class(c) for c in except_ if isinstance(c.tag, str)]
        excluded = ("choice", *parts)
    if local == "anyName":
        return ("any", excluded)
    if local == "nsName":
        return ("ns", _inherited(node, "ns"), excluded)
    if local == "choice":
        return ("choice", *[_read_name_class(c) for c in node if isinstance(c.tag, str)
                            and c.tag.startswith(_RNG)])
    return None


def _nc_matches(nc: tuple | None, name: Name) -> bool:
    if nc is None:
        return False
    kind = nc[0]
    if kind == "name":
        return (nc[1], nc[2]) == name
    if kind == "any":
        return not _nc_matches(nc[1], name)
    if kind == "ns":
        return nc[1] == name[0] and not _nc_matches(nc[2], name)
    return any(_nc_matches(part, name) for part in nc[1:])


def _nc_label(nc: tuple | None) -> str:
    if nc is None:
        return "?"
    if nc[0] == "name":
        return _display(nc[1], nc[2])
    if nc[0] == "any":
        return "any element"
    if nc[0] == "ns":
        return f"any element in {nc[1] or 'no namespace'}"
    return " or ".join(_nc_label(part) for part in nc[1:])


_PREFIXES = {
    XML_NS: "xml",
    "http://www.w3.org/2001/XInclude": "xi",
    "http://www.tei-c.org/ns/Examples": "teix",
    RNG_NS: "rng",
}


def _display(namespace: str, local: str) -> str:
    """TEI and no-namespace names bare, a few well-known prefixes, else {namespace}local."""
    if namespace in ("", TEI_NS):
        return local
    if namespace in _PREFIXES:
        return f"{_PREFIXES[namespace]}:{local}"
    return f"{{{namespace}}}{local}"


def _label_of(element: etree._Element) -> str:
    name = etree.QName(element)
    if name.namespace not in (None, TEI_NS) and element.prefix:
        return f"{element.prefix}:{name.localname}"
    return _display(name.namespace or "", name.localname)


def _rng_children(node: etree._Element) -> Iterator[etree._Element]:
    for child in node:
        if isinstance(child.tag, str) and child.tag.startswith(_RNG):
            yield child


class _Node:
    """An interned pattern over child-element names (attributes are checked separately)."""

    __slots__ = ("args", "nullable", "op")

    def __init__(self, op: str, args: tuple, nullable: bool) -> None:
        self.op, self.args, self.nullable = op, args, nullable


class _Atom:
    """An <element> pattern seen from its parent: matched by name only."""

    __slots__ = ("name_class", "pattern")

    def __init__(self, name_class: tuple | None, pattern: etree._Element) -> None:
        self.name_class, self.pattern = name_class, pattern


TEXT = ("#text",)


class SchemaIndex:
    """One schema, read once: defines, element patterns by name, and cached answers per name."""

    def __init__(self, schema: etree._ElementTree) -> None:
        self.schema = schema
        root = schema.getroot()
        self.defines: dict[str, list[etree._Element]] = {}
        self.combine: dict[str, str] = {}
        self.starts: list[etree._Element] = []
        if root.tag == f"{_RNG}grammar":
            self._collect(root)
        else:
            self.starts.append(root)
        self.patterns: dict[Name, list[etree._Element]] = {}
        self.wildcards: list[etree._Element] = []
        for pattern in root.iter(f"{_RNG}element"):
            name = pattern_name(pattern)
            if name is None:
                self.wildcards.append(pattern)
            else:
                self.patterns.setdefault(name, []).append(pattern)
        self._wildcard_classes = [(p, _name_class(p)) for p in self.wildcards]
        self._by_name: dict[Name, list[etree._Element]] = {}
        self._table: dict[tuple, _Node] = {}
        # Keyed by the lxml elements themselves: that keeps their proxies alive, so the keys stay
        # valid (an id() of a proxy can be reused once lxml drops it).
        self._atoms: dict[etree._Element, _Atom] = {}
        self._built: dict[etree._Element, _Node] = {}
        self._derivs: dict[tuple, _Node] = {}
        self.NOT = self._make("notAllowed", (), False)
        self.EMPTY = self._make("empty", (), True)
        self.TEXT = self._make("text", (), True)
        self.ANY = self._make("any", (), True)
        self._content: dict[Name, _Node | None] = {}
        self._values: dict[tuple, list[bool | None]] = {}
        self._attributes: dict[Name, tuple] = {}
        # Element shapes (name + attributes, name + child sequence) already found sound: most
        # elements of a corpus repeat a shape, and the whole-document re-check skips them.
        self._sound_attributes: set[tuple] = set()
        self._sound_content: set[tuple] = set()
        self._define_cache: dict[tuple[str, bool], tuple[dict, list, frozenset]] = {}

    def _collect(self, container: etree._Element) -> None:
        for child in _rng_children(container):
            local = etree.QName(child).localname
            if local == "div":
                self._collect(child)
            elif local == "start":
                self.starts.append(child)
            elif local == "define":
                self.defines.setdefault(child.get("name"), []).append(child)
                if child.get("combine"):
                    self.combine[child.get("name")] = child.get("combine")

    # pattern algebra (interned, so derivatives can be cached by identity)

    def _make(self, op: str, args: tuple, nullable: bool) -> _Node:
        key = (op, *[id(a) for a in args])
        node = self._table.get(key)
        if node is None:
            node = self._table[key] = _Node(op, args, nullable)
        return node

    def choice(self, a: _Node, b: _Node) -> _Node:
        if a is self.NOT or a is b:
            return b
        if b is self.NOT:
            return a
        return self._make("choice", (a, b), a.nullable or b.nullable)

    def group(self, a: _Node, b: _Node, op: str = "group") -> _Node:
        if a is self.NOT or b is self.NOT:
            return self.NOT
        if a is self.EMPTY:
            return b
        if b is self.EMPTY:
            return a
        return self._make(op, (a, b), a.nullable and b.nullable)

    def one_or_more(self, a: _Node) -> _Node:
        if a is self.NOT or a is self.EMPTY:
            return a
        return self._make("oneOrMore", (a,), a.nullable)

    def atom(self, pattern: etree._Element) -> _Node:
        atom = self._atoms.get(pattern)
        if atom is None:
            atom = self._atoms[pattern] = _Atom(_name_class(pattern), pattern)
        return self._make("element", (atom,), False)

    def build(self, pattern: etree._Element) -> _Node:
        """The child-name pattern of one RELAX NG pattern element (refs followed)."""
        cached = self._built.get(pattern)
        if cached is not None:
            return cached
        local = etree.QName(pattern).localname
        kids = list(_rng_children(pattern))
        if local == "element":
            node = self.atom(pattern)
        elif local in ("attribute", "empty"):
            node = self.EMPTY
        elif local == "notAllowed":
            node = self.NOT
        elif local in ("text", "data", "value", "list"):
            node = self.TEXT
        elif local == "choice":
            node = self.NOT
            for kid in kids:
                node = self.choice(node, self.build(kid))
        elif local == "interleave":
            node = self._sequence(kids, "interleave")
        elif local in ("group", "define", "start", "div"):
            node = self._sequence(kids, "group")
        elif local == "optional":
            node = self.choice(self._sequence(kids, "group"), self.EMPTY)
        elif local == "zeroOrMore":
            node = self.choice(self.one_or_more(self._sequence(kids, "group")), self.EMPTY)
        elif local == "oneOrMore":
            node = self.one_or_more(self._sequence(kids, "group"))
        elif local == "mixed":
            node = self.group(self._sequence(kids, "group"), self.TEXT, "interleave")
        elif local == "ref":
            node = self._define(pattern.get("name"))
        else:  # grammar, parentRef, externalRef: not followed here; accept anything
            node = self.ANY
        self._built[pattern] = node
        return node

    def _sequence(self, kids: list[etree._Element], op: str) -> _Node:
        node = self.EMPTY
        for kid in kids:
            node = self.group(node, self.build(kid), op)
        return node

    def _define(self, name: str | None) -> _Node:
        parts = self.defines.get(name or "", [])
        if not parts:
            return self.ANY
        node = None
        for part in parts:
            built = self.build(part)
            if node is None:
                node = built
            elif self.combine.get(name) == "interleave":
                node = self.group(node, built, "interleave")
            else:
                node = self.choice(node, built)
        return node

    def deriv(self, node: _Node, token: Name | tuple) -> _Node:
        key = (id(node), token)
        cached = self._derivs.get(key)
        if cached is not None:
            return cached
        op, args = node.op, node.args
        if op == "choice":
            result = self.choice(self.deriv(args[0], token), self.deriv(args[1], token))
        elif op == "group":
            result = self.group(self.deriv(args[0], token), args[1])
            if args[0].nullable:
                result = self.choice(result, self.deriv(args[1], token))
        elif op == "interleave":
            result = self.choice(
                self.group(self.deriv(args[0], token), args[1], "interleave"),
                self.group(args[0], self.deriv(args[1], token), "interleave"),
            )
        elif op == "oneOrMore":
            result = self.group(self.deriv(args[0], token),
                                self.choice(node, self.EMPTY))
        elif op == "element":
            result = (self.EMPTY if token is not TEXT and _nc_matches(args[0].name_class, token)
                      else self.NOT)
        elif op == "text":
            result = self.TEXT if token is TEXT else self.NOT
        elif op == "any":
            result = self.ANY
        else:
            result = self.NOT
        self._derivs[key] = result
        return result

    def firsts(self, node: _Node, found: list | None = None, seen: set | None = None) -> list:
        """What may come next: atoms and TEXT."""
        found = [] if found is None else found
        seen = set() if seen is None else seen
        if id(node) in seen:
            return found
        seen.add(id(node))
        op, args = node.op, node.args
        if op == "choice" or op == "interleave":
            self.firsts(args[0], found, seen)
            self.firsts(args[1], found, seen)
        elif op == "group":
            self.firsts(args[0], found, seen)
            if args[0].nullable:
                self.firsts(args[1], found, seen)
        elif op == "oneOrMore":
            self.firsts(args[0], found, seen)
        elif op == "element":
            found.append(args[0])
        elif op in ("text", "any"):
            found.append(TEXT)
        return found

    # per element name

    def content(self, name: Name) -> _Node | None:
        """Child-name pattern for elements called `name` (all patterns of that name)."""
        if name not in self._content:
            node = None
            for pattern in self._patterns_for(name):
                built = self._sequence(_content_children(pattern), "group")
                node = built if node is None else self.choice(node, built)
            self._content[name] = node
        return self._content[name]

    def _patterns_for(self, name: Name) -> list[etree._Element]:
        """Element patterns for this name: by name, or by a namespace wildcard (not anyName,
        which only stands for "any content", as in egXML)."""
        found = self._by_name.get(name)
        if found is None:
            found = self._by_name[name] = self.patterns.get(name, []) + [
                p for p, nc in self._wildcard_classes
                if nc is not None and nc[0] != "any" and _nc_matches(nc, name)
            ]
        return found

    def known(self, name: Name) -> bool:
        """Can an element of this name appear anywhere in the schema?"""
        return bool(self.patterns.get(name)) or any(
            _nc_matches(nc, name) for _, nc in self._wildcard_classes)

    def attributes(self, name: Name) -> tuple[dict[Name, list[etree._Element]], list, set[Name]]:
        """(declared attribute patterns by name, wildcard attribute patterns, required names)."""
        if name not in self._attributes:
            declared: dict[Name, list[etree._Element]] = {}
            wildcards: list[etree._Element] = []
            required_by: list[set[Name]] = []
            for pattern in self._patterns_for(name):
                found = self._attributes_in(tuple(_content_children(pattern)), True)
                _merge_attributes(declared, wildcards, found)
                required_by.append(set(found[2]))
            # Several patterns may share a name (e.g. <title> in different places): only what
            # every one of them requires is surely required.
            required = set.intersection(*required_by) if required_by else set()
            self._attributes[name] = (declared, wildcards, required)
        return self._attributes[name]

    def _attributes_in(self, nodes: tuple, required_here: bool) -> tuple[dict, list, frozenset]:
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
                found = self._attributes_in(tuple(_rng_children(node)), required_here)
            elif local in ("optional", "zeroOrMore", "choice"):
                found = self._attributes_in(tuple(_rng_children(node)), False)
            else:
                continue
            _merge_attributes(declared, wildcards, found)
            required |= found[2]
        return declared, wildcards, frozenset(required)

    def _define_attributes(self, ref: str, required_here: bool) -> tuple[dict, list, frozenset]:
        """A define's attributes, computed once per define: TEI's attribute classes are shared
        by hundreds of elements. A define met again while it is being read contributes nothing
        (a recursive content model declares no new attributes)."""
        key = (ref, required_here)
        if key not in self._define_cache:
            self._define_cache[key] = ({}, [], frozenset())  # guards against recursion
            merged: tuple[dict, list, frozenset] = ({}, [], frozenset())
            declared, wildcards = merged[0], merged[1]
            required: set[Name] = set()
            for define in self.defines.get(ref, []):
                found = self._attributes_in(tuple(_rng_children(define)), required_here)
                _merge_attributes(declared, wildcards, found)
                required |= found[2]
            self._define_cache[key] = (declared, wildcards, frozenset(required))
        return self._define_cache[key]

    # diagnosis

    def attribute_problem(self, element: etree._Element, local: str | None = None) -> str | None:
        """What is wrong with the element's attributes (one named `local`, or any)."""
        name = _qname(element)
        if not self._patterns_for(name):
            return None
        declared, wildcards, required = self.attributes(name)
        for key, value in element.attrib.items():
            attr = _qname_of(key)
            if local is not None and attr[1] != local:
                continue
            shown = f'<{_label_of(element)} {_display(*attr)}="{_short(value)}">'
            patterns = declared.get(attr)
            if patterns is None:
                if any(_nc_matches(_name_class(w), attr) for w in wildcards):
                    continue
                allowed = sorted("@" + _display(*n) for n in declared)
                return (f"{shown}: @{_display(*attr)} is not allowed on <{_label_of(element)}>"
                        + (f"; allowed: {_enumerate(allowed)}" if allowed else ""))
            verdicts = self._verdicts(name, attr, patterns, value)
            # Unprompted (local is None), only a value every pattern surely rejects is reported;
            # when libxml2 named the attribute, what it expects is said in any case.
            if local is None and any(v is not False for v in verdicts):
                continue
            wanted = " or ".join(dict.fromkeys(self.describe(_value_pattern(p)) for p in patterns))
            return f"{shown}: invalid value for @{_display(*attr)}: expected {wanted}"
        if local is None:
            present = {_qname_of(k) for k in element.attrib}
            missing = sorted(_display(*n) for n in required - present)
            if missing:
                return (f"<{_label_of(element)}> lacks the required attribute"
                        f"{'s' if len(missing) > 1 else ''} {', '.join('@' + m for m in missing)}")
        return None

    def _verdicts(self, name: Name, attr: Name, patterns: list, value: str) -> list[bool | None]:
        """value_ok for each pattern of the attribute, cached: values repeat a lot (@ref="#p_8")."""
        key = (name, attr, value)
        verdicts = self._values.get(key)
        if verdicts is None:
            verdicts = self._values[key] = [self.value_ok(_value_pattern(p), value) for p in patterns]
        return verdicts

    def content_problem(
        self, element: etree._Element, upto: etree._Element | None = None
    ) -> tuple[etree._Element, str] | None:
        """The first place where the sequence of the element's children leaves its model."""
        problems = self.content_problems(element, upto)
        return problems[0] if problems else None

    def content_problems(
        self, element: etree._Element, upto: etree._Element | None = None
    ) -> list[tuple[etree._Element, str]]:
        """Every child that does not fit the element's content model (up to `upto`), or the
        children still missing at the end. A child that does not fit is skipped and the next
        one checked from the same point, as jing does."""
        name = _qname(element)
        model = self.content(name)
        parent = _label_of(element)
        if model is None:  # unknown or wildcard-matched: the parent's check says what to do
            return []
        problems = []
        state, previous = model, None
        for child, token in _tokens(element):
            after = self.deriv(state, token)
            if after is self.NOT:
                problems.append(self._misplaced(element, child, token, state, previous))
            else:
                state, previous = after, child
            if upto is not None and child is upto:
                return problems
        if upto is None and not problems and not state.nullable:
            wanted = self._expected(state)
            if previous is None:
                return [(element, f"<{parent}> is empty but must contain {wanted}")]
            return [(element,
                     f"<{parent}> is incomplete: after {_after(previous)} it still needs {wanted}")]
        return problems

    def _misplaced(self, parent, child, token, state, previous) -> tuple[etree._Element, str]:
        where = _label_of(parent)
        wanted = self._expected(state)
        model = self.content(_qname(parent))
        if token is TEXT:
            snippet = _short(" ".join((child if isinstance(child, str) else "").split()), 30)
            return parent, f'<{where}> may not contain text here ("{snippet}"); expected {wanted}'
        what = _label_of(child)
        anywhere = any(
            atom is not TEXT and _nc_matches(atom.name_class, token)
            for atom in self._all_atoms(model)
        )
        if not anywhere:
            if not self.known(token):
                return child, (
                    f"<{what}> is not an element of this schema (inside <{where}>: expected {wanted})"
                )
            return child, f"<{what}> is not allowed inside <{where}>; expected {wanted}"
        place = f"after {_after(previous)}" if previous is not None else f"at the start of <{where}>"
        return child, f"<{what}> is not allowed {place}; expected {wanted}"

    def _all_atoms(self, model: _Node) -> list:
        found, seen, stack = [], set(), [model]
        while stack:
            node = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            if node.op == "element":
                found.append(node.args[0])
            elif node.op in ("text", "any"):
                found.append(TEXT)
            else:
                stack.extend(a for a in node.args if isinstance(a, _Node))
        return found

    def allowed_children(self, name: Name) -> list[str]:
        """Element names (and "text") that may appear anywhere in an element called `name`."""
        model = self.content(name)
        if model is None:
            return []
        return _names(self._all_atoms(model))

    def _expected(self, state: _Node) -> str:
        names = _names(self.firsts(state))
        if not names:
            return "nothing more (the end tag)"
        if state.nullable:
            names = ["the end tag", *names]
        return _enumerate(names, quote=True)

    def own_problem(self, element: etree._Element, extra: bool = False
                    ) -> tuple[etree._Element, str] | None:
        """A problem with the element itself (not its descendants): its attributes, the sequence
        of its children, and with `extra` its place in its parent."""
        parent = element.getparent()
        if extra and parent is not None:
            found = self.content_problem(parent, upto=element)
            if found:
                return found
        found = self.attribute_problem(element)
        if found:
            return element, found
        return self.content_problem(element)

    def root_problem(self, element: etree._Element) -> tuple[etree._Element, str] | None:
        """Is the element allowed as the document's root (the schema's start)?"""
        start = self.NOT
        for pattern in self.starts:
            start = self.choice(start, self.build(pattern))
        name = _qname(element)
        if self.deriv(start, name) is not self.NOT:
            return None
        atoms = [a for a in self.firsts(start) if a is not TEXT]
        expected = _enumerate(_names(atoms), quote=True)
        namespaces = {a.name_class[1] for a in atoms if a.name_class and a.name_class[0] == "name"}
        if any(a.name_class and a.name_class[0] == "name" and a.name_class[2] == name[1]
               for a in atoms):
            where = f"in namespace {name[0]}" if name[0] else "in no namespace"
            return element, (
                f"<{_label_of(element)}> {where} cannot be the root element; expected {expected}"
                + (f" in namespace {namespaces.pop()}" if len(namespaces) == 1 else "")
            )
        return element, f"<{_label_of(element)}> cannot be the root element; expected {expected}"

    def subtree_problems(self, element: etree._Element, limit: int = 100,
                         budget: int = 50000) -> list[tuple[etree._Element, str]]:
        """The problems in the element and its descendants, in document order (libxml2 reports
        only the first one in a subtree; jing reports them all)."""
        found: list[tuple[etree._Element, str]] = []
        if element.getparent() is None:
            root = self.root_problem(element)
            if root:
                return [root]
        stack = [element]
        while stack and budget > 0 and len(found) < limit:
            node = stack.pop()
            budget -= 1
            if node is not element and not self._patterns_for(_qname(node)):
                continue  # unknown (already reported by its parent) or matched by a wildcard
            attribute_shape = (node.tag, tuple(node.attrib.items()))
            if attribute_shape not in self._sound_attributes:
                attribute = self.attribute_problem(node)
                if attribute:
                    found.append((node, attribute))
                else:
                    self._sound_attributes.add(attribute_shape)
            content_shape = _content_shape(node)
            if content_shape not in self._sound_content:
                problems = self.content_problems(node)
                if problems:
                    found.extend(problems)
                else:
                    self._sound_content.add(content_shape)
            stack.extend(reversed([c for c in node if isinstance(c.tag, str)]))
        return found

    # attribute values

    def value_ok(self, pattern: etree._Element | None, value: str) -> bool | None:
        """Does `value` match this attribute-content pattern? None when we cannot tell."""
        if pattern is None:
            return True
        local = etree.QName(pattern).localname
        kids = list(_rng_children(pattern))
        if local == "text":
            return True
        if local == "empty":
            return value.strip() == ""
        if local == "notAllowed":
            return False
        if local == "value":
            library = _inherited(pattern, "datatypeLibrary")
            kind = pattern.get("type", "token")
            expected = pattern.text or ""
            if kind == "string" and library in ("", XSD_LIBRARY):
                return value == expected
            return " ".join(value.split()) == " ".join(expected.split())
        if local == "data":
            verdict = _datatype_ok(pattern, value)
            excepted = next((k for k in kids if etree.QName(k).localname == "except"), None)
            if verdict and excepted is not None:
                inner = [self.value_ok(k, value) for k in _rng_children(excepted)]
                if True in inner:
                    return False
            return verdict
        if local == "choice":
            verdicts = [self.value_ok(k, value) for k in kids]
            return True if True in verdicts else (None if None in verdicts else False)
        if local == "optional":
            return True if value == "" else self.value_ok(_single(kids), value)
        if local == "ref":
            verdicts = [self.value_ok(_single(list(_rng_children(d))), value)
                        for d in self.defines.get(pattern.get("name"), [])]
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
            verdicts = [self.value_ok(_single(list(_rng_children(item))), t) for t in tokens]
            return False if False in verdicts else (None if None in verdicts else True)
        if local == "ref":
            defines = self.defines.get(item.get("name"), [])
            if len(defines) == 1:
                return self._list_ok(_single(list(_rng_children(defines[0]))), tokens)
            return None
        if local == "group":
            kids = list(_rng_children(item))
            if all(etree.QName(k).localname in ("data", "value", "ref") for k in kids):
                if len(kids) != len(tokens):
                    return False
                verdicts = [self.value_ok(k, t) for k, t in zip(kids, tokens, strict=True)]
                return False if False in verdicts else (None if None in verdicts else True)
            return None
        if local == "optional":
            if not tokens:
                return True
            return self._list_ok(_single(list(_rng_children(item))), tokens)
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
            parts.append(("one of " if len(shown) > 1 else "") + _enumerate(shown, limit=20))
        if types:
            parts.append(_describe_types(list(dict.fromkeys(types))))
        parts.extend(dict.fromkeys(others))
        return " or ".join(parts) if parts else "any text"

    def _gather(self, pattern, values, types, others, depth) -> None:
        local = etree.QName(pattern).localname
        kids = list(_rng_children(pattern))
        if local == "value":
            values.append(pattern.text or "")
        elif local == "data":
            library = _inherited(pattern, "datatypeLibrary")
            kind = pattern.get("type", "")
            regex = next((p.text for p in kids if etree.QName(p).localname == "param"
                          and p.get("name") == "pattern"), None)
            if regex in _WORD_PATTERNS:
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
            for define in self.defines.get(pattern.get("name"), []):
                for kid in _rng_children(define):
                    self._gather(kid, values, types, others, depth + 1)
        elif local == "list":
            item = _single(kids)
            inner = _single(list(_rng_children(item))) if item is not None and etree.QName(
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


def _merge_attributes(declared: dict, wildcards: list, found: tuple[dict, list, frozenset]) -> None:
    for attr, patterns in found[0].items():
        known = declared.setdefault(attr, [])
        known.extend(p for p in patterns if p not in known)
    wildcards.extend(w for w in found[1] if w not in wildcards)


@lru_cache(maxsize=8)
def schema_index(schema: etree._ElementTree) -> SchemaIndex:
    """One index per schema tree, so lookups per element name are cached across documents."""
    return SchemaIndex(schema)


def _content_children(pattern: etree._Element) -> list[etree._Element]:
    kids = list(_rng_children(pattern))
    if pattern.get("name") is None and kids:
        kids = kids[1:]  # the name class
    return kids


def _value_pattern(attribute: etree._Element) -> etree._Element | None:
    kids = _content_children(attribute)
    if not kids:
        return None  # <attribute name="x"/> means text
    if len(kids) == 1:
        return kids[0]
    group = etree.Element(f"{_RNG}group")
    group.extend(k.__copy__() for k in kids)
    return group


def _single(kids: list[etree._Element]) -> etree._Element | None:
    return kids[0] if len(kids) == 1 else None


def _qname(element: etree._Element) -> Name:
    name = etree.QName(element)
    return (name.namespace or "", name.localname)


def _qname_of(key: str) -> Name:
    if key.startswith("{"):
        namespace, local = key[1:].split("}", 1)
        return (namespace, local)
    return ("", key)


def _tokens(element: etree._Element) -> Iterator[tuple[object, Name | tuple]]:
    """The element's children as the validator sees them: elements and non-blank text."""
    if element.text and element.text.strip():
        yield element.text, TEXT
    for child in element:
        if isinstance(child.tag, str):
            yield child, _qname(child)
        if child.tail and child.tail.strip():
            yield child.tail, TEXT


def _content_shape(element: etree._Element) -> tuple:
    """What the content model sees of an element, cheaply: its name, and its children's names
    with where non-blank text stands (a key for elements already found sound)."""
    return (element.tag, bool(element.text and element.text.strip()),
            tuple((child.tag if isinstance(child.tag, str) else None,
                   bool(child.tail and child.tail.strip())) for child in element))


def _after(previous: object) -> str:
    return "text" if isinstance(previous, str) else f"<{_label_of(previous)}>"


def _names(atoms: list) -> list[str]:
    names = {"text" if atom is TEXT else _nc_label(atom.name_class) for atom in atoms}
    ordered = sorted(names - {"text"}, key=str.lower)
    return (["text"] if "text" in names else []) + ordered


def _enumerate(items: list[str], limit: int = _LIST_LIMIT, quote: bool = False) -> str:
    """a, b or c; long lists are cut with the total count."""
    if quote:
        items = [i if i in ("text", "the end tag") or i.startswith("any ") else f"<{i}>"
                 for i in items]
    if len(items) > limit:
        return ", ".join(items[:limit]) + f", … ({len(items)} in all)"
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


def _short(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


# --- XML Schema datatypes -----------------------------------------------------------------------

_TZ = r"(?:Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))?"
_YEAR = r"-?(?:[1-9]\d{4,}|\d{4})"
_FORMS = {
    "date": rf"({_YEAR})-(\d\d)-(\d\d){_TZ}",
    "gYearMonth": rf"({_YEAR})-(\d\d){_TZ}",
    "gYear": rf"({_YEAR}){_TZ}",
    "dateTime": rf"({_YEAR})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.\d+)?{_TZ}",
    "time": rf"(\d\d):(\d\d):(\d\d)(?:\.\d+)?{_TZ}",
    "gMonth": rf"--(\d\d){_TZ}",
    "gMonthDay": rf"--(\d\d)-(\d\d){_TZ}",
    "gDay": rf"---(\d\d){_TZ}",
}
_NAME_START = (
    r"A-Za-z_\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D"
    r"\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD"
)
_NAME_CHAR = _NAME_START + r"\-.0-9\u00B7\u0300-\u036F\u203F-\u2040"
_LEXICAL = {
    "NCName": rf"[{_NAME_START}][{_NAME_CHAR}]*",
    "ID": rf"[{_NAME_START}][{_NAME_CHAR}]*",
    "IDREF": rf"[{_NAME_START}][{_NAME_CHAR}]*",
    "Name": rf"[:{_NAME_START}][:{_NAME_CHAR}]*",
    "QName": rf"(?:[{_NAME_START}][{_NAME_CHAR}]*:)?[{_NAME_START}][{_NAME_CHAR}]*",
    "NMTOKEN": rf"[:{_NAME_CHAR}]+",
    "IDREFS": rf"[{_NAME_START}][{_NAME_CHAR}]*(?: [{_NAME_START}][{_NAME_CHAR}]*)*",
    "NMTOKENS": rf"[:{_NAME_CHAR}]+(?: [:{_NAME_CHAR}]+)*",
    "language": r"[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*",
    "boolean": r"true|false|1|0",
    "integer": r"[+-]?\d+",
    "nonNegativeInteger": r"\+?\d+|-0+",
    "positiveInteger": r"\+?0*[1-9]\d*",
    "nonPositiveInteger": r"-\d+|\+?0+",
    "negativeInteger": r"-0*[1-9]\d*",
    "decimal": r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)",
    "double": r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|INF|-INF|NaN",
    "float": r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|INF|-INF|NaN",
}
# teidata.word and teidata.enumerated: a token without control or separator characters.
_WORD_PATTERNS = {r"[^\p{C}\p{Z}]+"}
_COLLAPSED = set(_LEXICAL) | set(_FORMS) | {"token", "anyURI"}


def _datatype_ok(data: etree._Element, value: str) -> bool | None:
    library = _inherited(data, "datatypeLibrary")
    kind = data.get("type", "")
    if library == "":
        return True if kind in ("string", "token") else None
    if library != XSD_LIBRARY:
        return None
    text = " ".join(value.split()) if kind in _COLLAPSED else value
    if kind in _FORMS:
        ok = _temporal_ok(kind, text)
    elif kind in _LEXICAL:
        ok = re.fullmatch(_LEXICAL[kind], text) is not None
    elif kind in ("string", "token", "normalizedString", "anyURI"):
        ok = True
    else:
        return None
    if not ok:
        return False
    for param in _rng_children(data):
        if etree.QName(param).localname != "param":
            continue
        verdict = _facet_ok(param.get("name"), param.text or "", text)
        if verdict is not True:
            return verdict
    return True


def _facet_ok(facet: str | None, limit: str, text: str) -> bool | None:
    if facet == "pattern":
        if limit in _WORD_PATTERNS:  # Python's re has no \p{..}: TEI's word pattern by hand
            return bool(text) and not any(unicodedata.category(c)[0] in "CZ" for c in text)
        regex = _python_regex(limit)
        if regex is None:
            return None
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return re.fullmatch(regex, text) is not None
        except re.error:
            return None
    if facet in ("minLength", "maxLength", "length"):
        size, bound = len(text), int(limit)
        return {"minLength": size >= bound, "maxLength": size <= bound, "length": size == bound}[facet]
    if facet in ("minInclusive", "maxInclusive", "minExclusive", "maxExclusive"):
        try:
            number, bound = float(text), float(limit)
        except ValueError:
            return None
        return {"minInclusive": number >= bound, "maxInclusive": number <= bound,
                "minExclusive": number > bound, "maxExclusive": number < bound}[facet]
    return None


def _python_regex(xsd: str) -> str | None:
    """An XML Schema regex as a Python one, or None when it uses what Python's re lacks
    (\\p{..} categories, class subtraction "[a-[b]]", \\I or \\C inside a class)."""
    out, in_class, i = [], False, 0
    while i < len(xsd):
        char = xsd[i]
        if char == "\\" and i + 1 < len(xsd):
            code = xsd[i + 1]
            if code in "pP":
                return None
            if code in "ic":
                chars = f":{_NAME_START}" if code == "i" else f":{_NAME_CHAR}"
                out.append(chars if in_class else f"[{chars}]")
            elif code in "IC":
                if in_class:
                    return None
                out.append(f"[^:{_NAME_START if code == 'I' else _NAME_CHAR}]")
            else:
                out.append(xsd[i:i + 2])
            i += 2
            continue
        if in_class and char == "-" and xsd[i + 1:i + 2] == "[":
            return None
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        elif not in_class and char in "^$":
            char = "\\" + char  # literal in XML Schema regexes
        out.append(char)
        i += 1
    return "".join(out)


def _temporal_ok(kind: str, text: str) -> bool:
    match = re.fullmatch(_FORMS[kind], text)
    if match is None:
        return False
    parts = [int(g) for g in match.groups()]
    year = month = day = None
    if kind in ("date", "gYearMonth", "dateTime"):
        year, month = parts[0], parts[1]
        day = parts[2] if kind != "gYearMonth" else None
    elif kind in ("gMonth", "gMonthDay"):
        month, day = parts[0], (parts[1] if kind == "gMonthDay" else None)
    elif kind == "gDay":
        day = parts[0]
    if month is not None and not 1 <= month <= 12:
        return False
    if day is not None:
        leap = year is None or (year % 4 == 0 and year % 100 != 0) or year % 400 == 0
        limit = 31 if month is None else calendar.monthrange(2000 if leap else 2001, month)[1]
        if not 1 <= day <= limit:
            return False
    clock = parts[3:6] if kind == "dateTime" else parts[0:3] if kind == "time" else None
    if clock is not None:
        hour, minute, second = clock
        if hour == 24:
            return minute == 0 and second == 0
        return hour < 24 and minute < 60 and second < 60
    return True


_TYPE_WORDS = {
    "NCName": "an XML name without spaces or colons (e.g. p_8; not starting with a digit)",
    "ID": "an XML name (not starting with a digit)",
    "IDREF": "an XML name (the xml:id of an element in this file)",
    "IDREFS": "XML names separated by spaces",
    "Name": "an XML name",
    "QName": "a prefixed name (e.g. tei:p)",
    "NMTOKEN": "a single word (letters, digits, . - _ :)",
    "NMTOKENS": "words separated by spaces",
    "language": "a language tag (BCP 47: e.g. en, fr, de-AT)",
    "boolean": "true or false",
    "integer": "a whole number",
    "nonNegativeInteger": "a whole number, 0 or more",
    "positiveInteger": "a whole number, 1 or more",
    "nonPositiveInteger": "a whole number, 0 or less",
    "negativeInteger": "a negative whole number",
    "decimal": "a decimal number (e.g. 3.5)",
    "double": "a number (e.g. 3.5 or 1e3)",
    "float": "a number (e.g. 3.5 or 1e3)",
    "anyURI": "a URI",
    "token": "any text",
    "string": "any text",
    "normalizedString": "any text",
}


_TEMPORAL_EXAMPLES = {
    "date": "1962-11-05",
    "gYearMonth": "1962-11",
    "gYear": "1962",
    "dateTime": "1962-11-05T14:30:00",
    "time": "14:30:00",
    "gMonthDay": "--11-05",
    "gMonth": "--11",
    "gDay": "---05",
}


def _describe_types(kinds: list[str]) -> str:
    """XML Schema type names in words; the date and time forms merged, with an example each."""
    words = []
    temporal = [k for k in _TEMPORAL_EXAMPLES if k in kinds]
    if temporal:
        noun = "an ISO 8601 date" if set(temporal) <= {"date", "gYearMonth", "gYear"} else (
            "an ISO 8601 date or time")
        examples = [_TEMPORAL_EXAMPLES[k] for k in temporal]
        words.append(f"{noun} ({_enumerate(examples, limit=len(examples))})")
    words.extend(_TYPE_WORDS.get(k, f"an xsd:{k} value") for k in kinds if k not in temporal)
    return " or ".join(dict.fromkeys(words))
