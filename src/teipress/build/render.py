"""The map step: one document in, what it produces out.

Each function takes one document and returns a value: its catalogue record, or its two pages,
or the finding that says why it could not be rendered. Nothing here writes a file or changes
shared state, so documents can be handled in any order and in any process.
"""

from __future__ import annotations

from dataclasses import dataclass

from saxonche import PyXdmNode

from ..findings import Finding
from ..parse import ParsedDocument
from ..transform import Transformer


@dataclass(frozen=True)
class Catalogued:
    """A document's record for the site manifest (`s:record` as XML text), or why there is none."""

    record: str | None
    failure: Finding | None = None


@dataclass(frozen=True)
class Pages:
    """A document's HTML page and plain-text page, or why they could not be made."""

    html: str = ""
    text: str = ""
    diplomatic: str = ""  # the text edition in the diplomatic reading
    failure: Finding | None = None


def catalogue(transformer: Transformer, document: ParsedDocument) -> Catalogued:
    try:
        return Catalogued(transformer.run("catalogue", transformer.node(document.root)))
    except Exception as exc:  # one document's failure must not stop the others
        return Catalogued(None, transform_failure(document.display, exc))


def render(transformer: Transformer, document: ParsedDocument, slug: str, site: PyXdmNode,
           registers: PyXdmNode) -> Pages:
    try:
        node = transformer.node(document.root)
        page = transformer.run("html-document", node, site=site, registers=registers,
                               **{"document-id": slug})
        plain = transformer.run("text-document", node)
        diplomatic = transformer.run("text-document", node, reading="diplomatic")
    except Exception as exc:  # likewise
        return Pages(failure=transform_failure(document.display, exc))
    return Pages(page, plain, diplomatic)


def transform_failure(display: str, exc: Exception) -> Finding:
    reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return Finding(display, 0, 0, "error", "transform", f"could not be transformed: {reason}")
