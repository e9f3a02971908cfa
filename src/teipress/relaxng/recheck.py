"""The re-check of one element against the schema: its attributes, the sequence of its children,
its place as the root; and of a whole subtree, every problem in document order (libxml2 stops at
the first error in a content model, jing and an encoder want them all)."""

from __future__ import annotations

from functools import lru_cache

from lxml import etree

from .attributes import AttributeRules
from .derivative import TEXT, ContentModels, Node, tokens
from .index import SchemaIndex
from .names import element_name, matches
from .values import ValueRules
from .wording import enumerate_items, label, name_class_label, shorten, sorted_labels

Problem = tuple[etree._Element, str]  # the element a problem is at, and the message


class Recheck:
    """One schema, read once, with answers cached per element name and per element shape."""

    def __init__(self, schema: etree._ElementTree) -> None:
        self.index = SchemaIndex(schema)
        self.models = ContentModels(self.index)
        self.attributes = AttributeRules(self.index, ValueRules(self.index))
        # Element shapes (name + attributes, name + child sequence) already found sound: most
        # elements of a corpus repeat a shape, and the whole-document re-check skips them.
        self._sound_attributes: set[tuple] = set()
        self._sound_content: set[tuple] = set()
        self._expected_in: dict[int, tuple[Node, str]] = {}

    def attribute_problem(self, element: etree._Element, local: str | None = None) -> str | None:
        """What is wrong with the element's attributes (one named `local`, or any)."""
        return self.attributes.problem(element, local)

    def content_problem(self, element: etree._Element, upto: etree._Element | None = None
                        ) -> Problem | None:
        """The first place where the sequence of the element's children leaves its model."""
        problems = self.content_problems(element, upto)
        return problems[0] if problems else None

    def content_problems(self, element: etree._Element, upto: etree._Element | None = None
                         ) -> list[Problem]:
        """Every child that does not fit the element's content model (up to `upto`), or the
        children still missing at the end. A child that does not fit is skipped and the next
        one checked from the same point, as jing does."""
        models = self.models
        model = models.content(element_name(element))
        if model is None:  # unknown or wildcard-matched: the parent's check says what to do
            return []
        problems = []
        state, previous = model, None
        for child, token in tokens(element):
            after = models.deriv(state, token)
            if after is models.NOT:
                problems.append(self._misplaced(element, child, token, state, previous))
            else:
                state, previous = after, child
            if upto is not None and child is upto:
                return problems
        if upto is None and not problems and not state.nullable:
            wanted = self._expected(state)
            if previous is None:
                return [(element, f"<{label(element)}> is empty but must contain {wanted}")]
            return [(element, f"<{label(element)}> is incomplete: after {_after(previous)} "
                              f"it still needs {wanted}")]
        return problems

    def _misplaced(self, parent, child, token, state: Node, previous) -> Problem:
        where = label(parent)
        wanted = self._expected(state)
        model = self.models.content(element_name(parent))
        if token is TEXT:
            snippet = shorten(" ".join((child if isinstance(child, str) else "").split()), 30)
            return parent, f'<{where}> may not contain text here ("{snippet}"); expected {wanted}'
        what = label(child)
        anywhere = any(
            atom is not TEXT and matches(atom.name_class, token)
            for atom in self.models.all_atoms(model)
        )
        if not anywhere:
            if not self.index.known(token):
                return child, (
                    f"<{what}> is not an element of this schema (inside <{where}>: expected {wanted})"
                )
            return child, f"<{what}> is not allowed inside <{where}>; expected {wanted}"
        place = f"after {_after(previous)}" if previous is not None else f"at the start of <{where}>"
        return child, f"<{what}> is not allowed {place}; expected {wanted}"

    def _expected(self, state: Node) -> str:
        """What may come in `state`, worded once per state (states are interned, and a corpus
        repeats its mistakes: maechtekongresse has 25 <xi:include> in the same place)."""
        known = self._expected_in.get(id(state))
        if known is None:
            names = _labels(self.models.firsts(state))
            if not names:
                text = "nothing more (the end tag)"
            else:
                text = enumerate_items(["the end tag", *names] if state.nullable else names, quote=True)
            known = self._expected_in[id(state)] = (state, text)  # the state kept: its id stays its own
        return known[1]

    def own_problem(self, element: etree._Element, extra: bool = False) -> Problem | None:
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

    def root_problem(self, element: etree._Element) -> Problem | None:
        """Is the element allowed as the document's root (the schema's start)?"""
        start = self.models.start()
        name = element_name(element)
        if self.models.deriv(start, name) is not self.models.NOT:
            return None
        atoms = [a for a in self.models.firsts(start) if a is not TEXT]
        expected = enumerate_items(_labels(atoms), quote=True)
        namespaces = {a.name_class[1] for a in atoms if a.name_class and a.name_class[0] == "name"}
        if any(a.name_class and a.name_class[0] == "name" and a.name_class[2] == name[1]
               for a in atoms):
            where = f"in namespace {name[0]}" if name[0] else "in no namespace"
            return element, (
                f"<{label(element)}> {where} cannot be the root element; expected {expected}"
                + (f" in namespace {namespaces.pop()}" if len(namespaces) == 1 else "")
            )
        return element, f"<{label(element)}> cannot be the root element; expected {expected}"

    def subtree_problems(self, element: etree._Element, limit: int = 100,
                         budget: int = 50000) -> list[Problem]:
        """The problems in the element and its descendants, in document order (libxml2 reports
        only the first one in a subtree; jing reports them all)."""
        found: list[Problem] = []
        if element.getparent() is None:
            root = self.root_problem(element)
            if root:
                return [root]
        stack = [element]
        while stack and budget > 0 and len(found) < limit:
            node = stack.pop()
            budget -= 1
            if node is not element and not self.index.patterns_for(element_name(node)):
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


@lru_cache(maxsize=8)
def recheck_for(schema: etree._ElementTree) -> Recheck:
    """One re-check per schema tree, so what is learnt per element name serves every document."""
    return Recheck(schema)


def _content_shape(element: etree._Element) -> tuple:
    """What the content model sees of an element, cheaply: its name, and its children's names
    with where non-blank text stands (a key for elements already found sound)."""
    return (element.tag, bool(element.text and element.text.strip()),
            tuple((child.tag if isinstance(child.tag, str) else None,
                   bool(child.tail and child.tail.strip())) for child in element))


def _after(previous: object) -> str:
    return "text" if isinstance(previous, str) else f"<{label(previous)}>"


def _labels(atoms: list) -> list[str]:
    return sorted_labels({"text" if atom is TEXT else name_class_label(atom.name_class)
                          for atom in atoms})
