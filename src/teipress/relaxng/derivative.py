"""Content models as patterns over child-element names, matched with RELAX NG derivatives.

The way jing validates: the derivative of a pattern by the next child is what may follow it;
a child whose derivative is `notAllowed` does not fit there. Attributes are left to
`attributes.py`, values to `values.py`: here a child element is matched by its name only.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from .index import SchemaIndex, content_children
from .names import Name, NameClass, element_name, matches, name_class, rng_children

TEXT = ("#text",)  # the token for non-blank text, and the atom that stands for it in `firsts`


class Node:
    """An interned pattern over child-element names (attributes are checked separately)."""

    __slots__ = ("args", "nullable", "op")

    def __init__(self, op: str, args: tuple, nullable: bool) -> None:
        self.op, self.args, self.nullable = op, args, nullable


class Atom:
    """An <element> pattern seen from its parent: matched by name only."""

    __slots__ = ("name_class",)

    def __init__(self, name_class: NameClass | None) -> None:
        self.name_class = name_class


class ContentModels:
    """The child-name pattern of each element name, and their derivatives, built on demand."""

    def __init__(self, index: SchemaIndex) -> None:
        self.index = index
        self._table: dict[tuple, Node] = {}
        # Keyed by the lxml elements themselves: that keeps their proxies alive, so the keys stay
        # valid (an id() of a proxy can be reused once lxml drops it).
        self._atoms: dict[etree._Element, Atom] = {}
        self._built: dict[etree._Element, Node] = {}
        self._derivs: dict[tuple, Node] = {}
        self._content: dict[Name, Node | None] = {}
        self._all_atoms: dict[int, tuple[Node, list]] = {}  # the model kept: its id stays its own
        self.NOT = self._make("notAllowed", (), False)
        self.EMPTY = self._make("empty", (), True)
        self.TEXT = self._make("text", (), True)
        self.ANY = self._make("any", (), True)

    # pattern algebra (interned, so derivatives can be cached by identity)

    def _make(self, op: str, args: tuple, nullable: bool) -> Node:
        key = (op, *[id(a) for a in args])
        node = self._table.get(key)
        if node is None:
            node = self._table[key] = Node(op, args, nullable)
        return node

    def choice(self, a: Node, b: Node) -> Node:
        if a is self.NOT or a is b:
            return b
        if b is self.NOT:
            return a
        return self._make("choice", (a, b), a.nullable or b.nullable)

    def group(self, a: Node, b: Node, op: str = "group") -> Node:
        if a is self.NOT or b is self.NOT:
            return self.NOT
        if a is self.EMPTY:
            return b
        if b is self.EMPTY:
            return a
        return self._make(op, (a, b), a.nullable and b.nullable)

    def one_or_more(self, a: Node) -> Node:
        if a is self.NOT or a is self.EMPTY:
            return a
        return self._make("oneOrMore", (a,), a.nullable)

    def atom(self, pattern: etree._Element) -> Node:
        atom = self._atoms.get(pattern)
        if atom is None:
            atom = self._atoms[pattern] = Atom(name_class(pattern))
        return self._make("element", (atom,), False)

    def build(self, pattern: etree._Element) -> Node:
        """The child-name pattern of one RELAX NG pattern element (refs followed)."""
        cached = self._built.get(pattern)
        if cached is not None:
            return cached
        local = etree.QName(pattern).localname
        kids = list(rng_children(pattern))
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

    def _sequence(self, kids: list[etree._Element], op: str) -> Node:
        node = self.EMPTY
        for kid in kids:
            node = self.group(node, self.build(kid), op)
        return node

    def _define(self, name: str | None) -> Node:
        parts = self.index.defines.get(name or "", [])
        if not parts:
            return self.ANY
        node = None
        for part in parts:
            built = self.build(part)
            if node is None:
                node = built
            elif self.index.combine.get(name) == "interleave":
                node = self.group(node, built, "interleave")
            else:
                node = self.choice(node, built)
        return node

    def deriv(self, node: Node, token: Name | tuple) -> Node:
        """What may follow once `token` (an element name, or TEXT) has matched `node`."""
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
            result = (self.EMPTY if token is not TEXT and matches(args[0].name_class, token)
                      else self.NOT)
        elif op == "text":
            result = self.TEXT if token is TEXT else self.NOT
        elif op == "any":
            result = self.ANY
        else:
            result = self.NOT
        self._derivs[key] = result
        return result

    def firsts(self, node: Node, found: list | None = None, seen: set | None = None) -> list:
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

    def all_atoms(self, model: Node) -> list:
        """Every atom (and TEXT) anywhere in a model, not only those that may come next."""
        known = self._all_atoms.get(id(model))
        if known is None:
            known = self._all_atoms[id(model)] = (model, self._collect_atoms(model))
        return known[1]

    def _collect_atoms(self, model: Node) -> list:
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
                stack.extend(a for a in node.args if isinstance(a, Node))
        return found

    # per element name

    def content(self, name: Name) -> Node | None:
        """Child-name pattern for elements called `name` (all patterns of that name)."""
        if name not in self._content:
            node = None
            for pattern in self.index.patterns_for(name):
                built = self._sequence(content_children(pattern), "group")
                node = built if node is None else self.choice(node, built)
            self._content[name] = node
        return self._content[name]

    def start(self) -> Node:
        """The pattern the document's root element must match."""
        start = self.NOT
        for pattern in self.index.starts:
            start = self.choice(start, self.build(pattern))
        return start


def tokens(element: etree._Element) -> Iterator[tuple[object, Name | tuple]]:
    """The element's children as the validator sees them: elements and non-blank text."""
    if element.text and element.text.strip():
        yield element.text, TEXT
    for child in element:
        if isinstance(child.tag, str):
            yield child, element_name(child)
        if child.tail and child.tail.strip():
            yield child.tail, TEXT
