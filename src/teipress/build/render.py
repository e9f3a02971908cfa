"""The map step: documents in, what they produce out, as plain data.

Each task takes a batch of documents as text (the TEI already parsed and checked by the hardened
lxml parser, serialised again) and returns, per document, its catalogue record or its pages, or
the finding that says why it failed. Nothing here reads or writes a file or touches shared
state, and nothing Saxon makes leaves the process, so a task runs the same in this process, in a
worker process or on a Dask worker elsewhere. Each process compiles the document stylesheets
once, when it first renders (teipress.transform).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from ..findings import Finding
from ..transform import Transformer, load_transformer
from .context import Context, Targets, page_targets

_local = threading.local()  # a Saxon processor is not shared between threads (Dask workers)


def worker_transformer() -> Transformer:
    """This thread's stylesheets, each group compiled when first run."""
    if getattr(_local, "transformer", None) is None:
        _local.transformer = load_transformer()
    return _local.transformer


@dataclass(frozen=True)
class Source:
    """One document as a task gets it."""

    display: str  # the path as reports show it
    tei: str  # the parsed document, serialised
    slug: str = ""


@dataclass(frozen=True)
class Unread:
    """A document as the parent holds it until its task is sent: `text()` reads its serialised
    TEI then (from the build's spool), so the parent never holds every document's text at once."""

    display: str
    slug: str
    text: Callable[[], str]

    def read(self) -> Source:
        return Source(self.display, self.text(), self.slug)


@dataclass(frozen=True)
class Catalogued:
    """A document's record for the site manifest (`s:record` as XML text) and what its
    pointers name (for its page's slice of the manifest and registers), or why there is none."""

    record: str | None
    failure: Finding | None = None
    targets: Targets = field(default_factory=Targets)


@dataclass(frozen=True)
class Pages:
    """A document's HTML page and plain-text page ("" when not asked for), or why they failed."""

    html: str = ""
    text: str = ""
    diplomatic: str = ""  # the text edition in the diplomatic reading (made with `text`)
    failure: Finding | None = None


def render_batch(sources: list[tuple[Source, Context, bool, bool]]) -> list[Pages]:
    """(source, its page's context, wants HTML, wants text) → pages."""
    transformer = worker_transformer()
    return [render(transformer, source, context, html=html, text=text)
            for source, context, html, text in sources]


def catalogue(transformer: Transformer, source: Source) -> Catalogued:
    try:
        record = transformer.run("catalogue", transformer.node(source.tei))
        return Catalogued(record, targets=page_targets(source.tei))
    except Exception as exc:  # one document's failure must not stop the others
        return Catalogued(None, transform_failure(source.display, exc))


def render(transformer: Transformer, source: Source, context: Context, *, html: bool = True,
           text: bool = True) -> Pages:
    try:
        site_xml, registers_xml = context.parts()
        node, site = transformer.node(source.tei), transformer.node(site_xml)
        page = transformer.run("html-document", node, site=site, registers=transformer.node(registers_xml),
                               **{"document-id": source.slug}) if html else ""
        # the text edition reads the site slice only for its labels' language
        plain = transformer.run("text-document", node, site=site) if text else ""
        diplomatic = ("" if not text else
                      transformer.run("text-document", node, reading="diplomatic", site=site)
                      if transformer.has_readings(node) else plain)
    except Exception as exc:  # likewise
        return Pages(failure=transform_failure(source.display, exc))
    return Pages(page, plain, diplomatic)


def transform_failure(display: str, exc: Exception) -> Finding:
    reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return Finding(display, 0, 0, "error", "transform", f"could not be transformed: {reason}")
