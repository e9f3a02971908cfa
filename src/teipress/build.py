"""`teipress build`: validate, transform, publish — read top to bottom as the stage list.

All sources are parsed and validated before anything is written; pages are rendered into a
staging folder that replaces the output only when the whole build succeeded.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .discover import default_registers, is_within
from .errors import BuildRefused
from .findings import FileReport, Finding, reports_to_json
from .parse import ParsedDocument
from .publish import staged_output
from .resources import project_schema, stylesheet
from .site import (
    REGISTER_PAGES,
    register_entries,
    registers_element,
    site_element,
    slugs_for,
)
from .transform import Transformer, load_transformer
from .validate import Corpus, compile_grammar, load_corpus, validate_corpus


@dataclass
class BuildResult:
    reports: list[FileReport]
    published: list[str] = field(default_factory=list)
    failed: list[FileReport] = field(default_factory=list)


def build(source: Path, out: Path, *, schema: Path | None, strict: bool, xinclude: bool,
          title: str) -> BuildResult:
    registers_dir = default_registers(source)
    corpus = load_corpus([source], registers_dir, xinclude=xinclude)
    grammar = compile_grammar(schema or project_schema())
    reports = validate_corpus(corpus, grammar)
    if strict and not all(r.valid for r in reports):
        raise BuildRefused("the sources have errors and --strict was given; nothing was published")
    transformer = load_transformer()
    documents = [d for d in corpus.subjects if not is_within(d.path, registers_dir)]
    registers = [d for d in corpus.documents if is_within(d.path, registers_dir)]
    with staged_output(out, [source]) as staging:
        published = render_edition(transformer, corpus, documents, registers, staging, title)
        (staging / "html" / "validation.json").write_text(reports_to_json(reports), encoding="utf-8")
    failed = [r for r in corpus.reports.values() if r.path not in published and _is_document(r, documents)]
    failed += [r for r in corpus.failed() if r not in failed]
    return BuildResult(reports, published, failed)


def _is_document(report: FileReport, documents: list[ParsedDocument]) -> bool:
    return any(d.display == report.path for d in documents)


def render_edition(transformer: Transformer, corpus: Corpus, documents: list[ParsedDocument],
                   registers: list[ParsedDocument], staging: Path, title: str) -> list[str]:
    """Write html/ and text/ into the staging folder; returns the display paths published."""
    html, text = staging / "html", staging / "text"
    (html / "tei").mkdir(parents=True)
    text.mkdir()
    slugs = slugs_for(documents)
    nodes, records = {}, []
    for document in documents:
        try:
            nodes[document.path] = transformer.node(document.root)
            record = etree.fromstring(transformer.run("catalogue", nodes[document.path]).encode())
            records.append((document, record))
        except Exception as exc:  # one document's failure must not stop the others
            corpus.add(_transform_finding(document, exc))
    entries = register_entries(registers, documents)
    registers_node = transformer.node(registers_element(entries))
    published: list[ParsedDocument] = []
    site = _site(transformer, title, records, entries, corpus, slugs)
    for document, _ in records:
        slug = slugs[document.path]
        try:
            page = transformer.run("html-document", nodes[document.path], site=site,
                                   registers=registers_node, **{"document-id": slug})
            plain = transformer.run("text-document", nodes[document.path])
        except Exception as exc:  # likewise
            corpus.add(_transform_finding(document, exc))
            continue
        _write(html / f"{slug}.html", page)
        _write(text / f"{slug}.txt", plain)
        (html / "tei" / f"{slug}.xml").write_bytes(document.source)
        published.append(document)
    if len(published) != len(records):  # the index must not list pages that failed
        records = [(d, r) for d, r in records if d in published]
        site = _site(transformer, title, records, entries, corpus, slugs)
    site_node = site
    _write(html / "index.html", transformer.run("html-index", site_node, site=site_node))
    for kind, page in REGISTER_PAGES.items():
        _write(html / page, transformer.run("html-register", registers_node, site=site_node, kind=kind))
    shutil.copyfile(stylesheet("assets/edition.css"), html / "edition.css")
    return [d.display for d in published]


def _site(transformer: Transformer, title: str, records, entries, corpus: Corpus, slugs):
    published_slugs = {d.path: slugs[d.path] for d, _ in records}
    element = site_element(title, [(slugs[d.path], r) for d, r in records], entries,
                           corpus.index, published_slugs)
    return transformer.node(element)


def _transform_finding(document: ParsedDocument, exc: Exception) -> Finding:
    reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    message = f"could not be transformed: {reason}"
    return Finding(document.display, 0, 0, "error", "transform", message)


def _write(path: Path, content: str) -> None:
    path.write_text(content, encoding="utf-8", newline="")
