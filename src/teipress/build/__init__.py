"""`teipress build`, read top to bottom as the stage list:

    discover → parse → validate → map over documents → reduce → publish

The map steps (render.py) take one document and return what it produces (a catalogue record,
its pages, or the finding that says why it failed), as values; the reduce steps (edition.py)
make the pages that list the whole edition from those values. Pages are written into a
staging folder that replaces the output only when the whole build succeeded.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..citation import EditionFacts, cite_documents, edition_element
from ..discover import is_within
from ..errors import BuildRefused
from ..findings import FileReport
from ..pictures.network import register_names
from ..project import Project
from ..publish import staged_output
from ..resources import stylesheet
from ..search import add_search_data, index_site
from ..site import REGISTER_PAGES, register_entries, registers_element, slugs_for
from ..transform import load_transformer
from ..validate import load_corpus, validate_corpus
from .edition import Manifest, listing_pages, validation_pages, with_failures
from .progress import with_progress
from .render import catalogue, render


@dataclass
class BuildResult:
    reports: list[FileReport]
    published: list[str] = field(default_factory=list)
    failed: list[FileReport] = field(default_factory=list)


def build(source: Path, out: Path, *, project: Project, strict: bool, xinclude: bool,
          progress: bool = False) -> BuildResult:
    # discover, parse, validate
    checks, registers_at = project.checks, list(project.registers)
    corpus = load_corpus([source], registers_at, xinclude=xinclude)
    reports = validate_corpus(corpus, checks)
    if strict and not all(r.valid for r in reports):
        raise BuildRefused("the sources have errors and --strict was given; nothing was published")
    documents = [d for d in corpus.subjects if not is_within(d.path, registers_at)]
    registers = [d for d in corpus.documents if is_within(d.path, registers_at)]
    transformer = load_transformer()

    with staged_output(out, [source]) as staging:
        html, text = staging / "html", staging / "text"
        (html / "tei").mkdir(parents=True)
        text.mkdir()

        # map: each document's catalogue record
        catalogued = {d.path: catalogue(transformer, d) for d in documents}
        failures = [c.failure for c in catalogued.values() if c.failure is not None]
        records = {p: etree.fromstring(c.record.encode()) for p, c in catalogued.items() if c.record}
        listed = [d for d in documents if d.path in records]

        # reduce: citations (their downloads are written here), the site manifest, the registers
        slugs, entries, cited = slugs_for(documents), register_entries(registers, documents), \
            EditionFacts.from_settings(project.settings)
        cite_documents({d: records[d.path] for d in listed}, entries, cited, html, slugs)
        add_search_data({d: records[d.path] for d in listed}, corpus.index,
                        register_names(entries, REGISTER_PAGES))
        manifest = Manifest(project.settings, entries, corpus.index, slugs,
                            edition_element(cited, html), {d.path: d.root for d in listed})
        registers_node = transformer.node(registers_element(entries))
        site_node = transformer.node(manifest.site(records))

        # map: each catalogued document's pages, written into the staging folder as they come
        published: dict[str, str] = {}
        for document in with_progress(listed, len(listed), label="rendering", enabled=progress):
            slug = slugs[document.path]
            pages = render(transformer, document, slug, site_node, registers_node)
            if pages.failure is not None:
                failures.append(pages.failure)
                continue
            _write(html / f"{slug}.html", pages.html)
            _write(text / f"{slug}.txt", pages.text)
            _write(text / f"{slug}.diplomatic.txt", pages.diplomatic)
            (html / "tei" / f"{slug}.xml").write_bytes(document.source)
            published[document.display] = f"{slug}.html"

        # reduce: the pages that list the edition (only what was published), the validation report
        if len(published) != len(records):  # the index must not list pages that failed
            records = {d.path: records[d.path] for d in listed if d.display in published}
            site_node = transformer.node(manifest.site(records))
        reports = with_failures(reports, failures)
        listing = listing_pages(transformer, manifest, records, site_node, registers_node)
        listing |= validation_pages(transformer, reports, published, source, checks.schema_path.name,
                                    not checks.grammar_only, site_node)
        for name, page in listing.items():
            _write(html / name, page)
        for asset in ("edition.css", "readers.css", "search.js"):
            shutil.copyfile(stylesheet(f"assets/{asset}"), html / asset)

        # reduce: the search index of the finished pages (kept when they did not change)
        index_site(html, out.absolute() / "html", project.settings.language)

    shown = {d.display for d in documents}
    failed = [r for r in reports if r.path in shown and r.path not in published]
    failed += [r for r in corpus.failed() if r.path not in {f.path for f in failed}]
    return BuildResult(reports, list(published), failed)


def _write(path: Path, content: str) -> None:
    path.write_text(content, encoding="utf-8", newline="")
