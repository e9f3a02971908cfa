"""The map step: documents in, what they produce out, as plain data.

Each task takes a batch of documents as text (the TEI already parsed and checked by the hardened
lxml parser, serialised again) and returns, per document, its catalogue record or its pages, or
the finding that says why it failed. Nothing here reads or writes a file or touches shared
state, and nothing Saxon makes leaves the process, so a task runs the same in this process, in a
worker process or on a Dask worker elsewhere. Each process compiles the stylesheets once.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from ..findings import Finding
from ..transform import Transformer, load_transformer

_local = threading.local()  # a Saxon processor is not shared between threads (Dask workers)


def worker_transformer() -> Transformer:
    """This thread's stylesheets, compiled on first use (the pool initializer calls it)."""
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
class Catalogued:
    """A document's record for the site manifest (`s:record` as XML text), or why there is none."""

    record: str | None
    failure: Finding | None = None


@dataclass(frozen=True)
class Pages:
    """A document's HTML page and plain-text page ("" when not asked for), or why they failed."""

    html: str = ""
    text: str = ""
    diplomatic: str = ""  # the text edition in the diplomatic reading (made with `text`)
    failure: Finding | None = None


@dataclass(frozen=True)
class Context:
    """What every page is rendered against: the site manifest and the merged registers (XML)."""

    site: str
    registers: str


def catalogue_batch(sources: list[Source]) -> list[Catalogued]:
    transformer = worker_transformer()
    return [catalogue(transformer, source) for source in sources]


def render_batch(context: Context, sources: list[tuple[Source, bool, bool]]) -> list[Pages]:
    """(source, wants HTML, wants text) → pages; the context is parsed once per batch."""
    transformer = worker_transformer()
    site, registers = transformer.node(context.site), transformer.node(context.registers)
    return [render(transformer, source, site, registers, html=html, text=text)
            for source, html, text in sources]


def catalogue(transformer: Transformer, source: Source) -> Catalogued:
    try:
        return Catalogued(transformer.run("catalogue", transformer.node(source.tei)))
    except Exception as exc:  # one document's failure must not stop the others
        return Catalogued(None, transform_failure(source.display, exc))


def render(transformer: Transformer, source: Source, site, registers, *, html: bool = True,
           text: bool = True) -> Pages:
    try:
        node = transformer.node(source.tei)
        page = transformer.run("html-document", node, site=site, registers=registers,
                               **{"document-id": source.slug}) if html else ""
        plain = transformer.run("text-document", node) if text else ""
        diplomatic = transformer.run("text-document", node, reading="diplomatic") if text else ""
    except Exception as exc:  # likewise
        return Pages(failure=transform_failure(source.display, exc))
    return Pages(page, plain, diplomatic)


def transform_failure(display: str, exc: Exception) -> Finding:
    reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return Finding(display, 0, 0, "error", "transform", f"could not be transformed: {reason}")
