"""Running the XSLT 3.0 stylesheets, each group compiled once per process on first use on its
own locked-down Saxon processor (see teipress.saxon for what that means), reused for every page.

The stylesheets come in two groups, so a process compiles only what it runs: a worker renders
documents (the document group) and never lists the edition; the build's parent makes the listing
pages (the site group) and compiles the document group only if it renders documents itself.
A processor cannot compile once it is locked down, and a Saxon tree belongs to the processor that
parsed it, so each group has its own processor and a `Tree` is parsed by the one that reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree
from saxonche import PySaxonApiError, PySaxonProcessor, PyXdmNode, PyXsltExecutable

from . import TEI_NS, saxon
from .errors import TeipressError, TransformError
from .resources import stylesheet

# The entry stylesheets, by the name the build uses.
STYLESHEETS = {
    "catalogue": "catalogue.xsl",
    "html-document": "html/document.xsl",
    "html-index": "html/index.xsl",
    "html-register": "html/register.xsl",
    "html-validation": "html/validation.xsl",
    "html-pictures": "html/pictures.xsl",
    "html-search": "html/search.xsl",
    "html-about": "html/about.xsl",
    "reading-order": "html/order.xsl",
    "text-document": "text/document.xsl",
}
# What the map over documents runs (teipress.build.render); the rest make the edition's pages.
DOCUMENT_GROUP = ("catalogue", "html-document", "text-document")


def group_of(name: str) -> str:
    return "document" if name in DOCUMENT_GROUP else "site"


@dataclass
class Session:
    """One processor with a group's entry stylesheets compiled, then locked down."""

    processor: PySaxonProcessor
    executables: dict[str, PyXsltExecutable]

    @classmethod
    def compile(cls, names: list[str]) -> Session:
        processor = saxon.new_processor()
        executables = {name: compile_entry(processor, stylesheet(STYLESHEETS[name])) for name in names}
        saxon.lock_down(processor)
        return cls(processor, executables)


@dataclass(eq=False)
class Tree:
    """XML text (an lxml tree serialised, or XML we generated) and its Saxon tree in each
    session that has read it, parsed from text only."""

    text: str
    parsed: dict[int, PyXdmNode] = field(default_factory=dict)

    def in_session(self, session: Session) -> PyXdmNode:
        key = id(session.processor)
        if key not in self.parsed:
            try:
                self.parsed[key] = saxon.to_node(session.processor, self.text)
            except PySaxonApiError as exc:
                raise TransformError(f"Saxon could not read the document: {exc}") from exc
        return self.parsed[key]


class Transformer:
    """The entry stylesheets of this process, each group compiled when first run."""

    def __init__(self, groups: tuple[str, ...] = ()) -> None:
        self._sessions: dict[str, Session] = {}
        for group in groups:
            self.session(group)

    def session(self, group: str) -> Session:
        if group not in self._sessions:
            self._sessions[group] = Session.compile([n for n in STYLESHEETS if group_of(n) == group])
        return self._sessions[group]

    @property
    def compiled(self) -> list[str]:
        """The groups compiled so far (what this process paid for)."""
        return sorted(self._sessions)

    def node(self, xml: etree._Element | str | Tree) -> Tree:
        """An lxml tree (or XML text we generated) as a tree for the stylesheets; Saxon parses
        it when a stylesheet first reads it."""
        if isinstance(xml, Tree):
            return xml
        return Tree(xml if isinstance(xml, str) else etree.tostring(xml, encoding="unicode"))

    def has_readings(self, source: Tree) -> bool:
        """Does the document hold what the $reading parameter chooses between (choice, and the
        am/ex of abbreviations, common/readings.xsl)? Without, both readings are the same text."""
        session = self.session("document")
        xpath = session.processor.new_xpath_processor()
        xpath.declare_namespace("tei", TEI_NS)
        xpath.set_context(xdm_item=source.in_session(session))
        return xpath.effective_boolean_value("exists(//(tei:choice | tei:am | tei:ex))")

    def run(self, name: str, source: Tree, **params: Any) -> str:
        session = self.session(group_of(name))
        executable = session.executables[name]
        executable.clear_parameters()
        for key, value in params.items():
            value = value.in_session(session) if isinstance(value, Tree) else value
            executable.set_parameter(key, saxon.to_xdm(session.processor, value))
        try:
            result = executable.transform_to_string(xdm_node=source.in_session(session))
        except PySaxonApiError as exc:
            raise TransformError(f"{STYLESHEETS[name]}: {exc}") from exc
        if result is None:
            raise TransformError(f"{STYLESHEETS[name]} produced no output")
        return result


def load_transformer(*groups: str) -> Transformer:
    """The stylesheets, compiled when first run; the named groups ("document", "site") now."""
    return Transformer(groups)


def compile_entry(processor: PySaxonProcessor, path: Path) -> PyXsltExecutable:
    """One entry stylesheet, compiled so that it can only return its output."""
    try:
        executable = saxon.compile_xslt(processor, file=str(path))
    except PySaxonApiError as exc:
        raise TeipressError(f"{path}: the stylesheet does not compile: {exc}") from exc
    # Pages are returned as strings; xsl:result-document must never write files itself (locking
    # the processor down does not stop it: only capture does).
    executable.set_capture_result_documents(True)
    return executable
