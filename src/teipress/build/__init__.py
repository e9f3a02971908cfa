"""`teipress build`, read top to bottom as the stage list:

    discover → map: parse and check each document → reduce: corpus-wide rules on the index
    → map: catalogue and render each document → reduce: the edition's pages → publish

The map steps (teipress.checking, render.py) take one document and return what it produces (its
findings and index entry, a catalogue record, its pages, or the finding that says why it
failed), as values: the parent never holds the trees of all documents, only their text and
small facts (`StoredDocument`); the reduce steps (edition.py) make the pages that list the whole
edition from those values. Pages are written into a staging folder that replaces the output
only when the whole build succeeded.
"""

from __future__ import annotations

import gc
import shutil
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from lxml import etree

from ..checking import StoredDocument
from ..citation import EditionFacts, document_citation_element, edition_element, entries_by_id
from ..clib import libc
from ..errors import BuildRefused
from ..findings import FileReport, Finding
from ..layout import arrange, with_pages
from ..outputs import ASSETS, TEI_FOLDER, TEXT_READINGS
from ..parse import ParsedDocument
from ..pictures.network import register_names
from ..project import Project
from ..publish import staged_output
from ..references import CorpusIndex
from ..resources import stylesheet
from ..search import SearchData, index_site
from ..site import REGISTER_PAGES, SITE_NS, register_entries, registers_element, slugs_for
from ..spool import TextSpool
from ..validate import Sources, check_sources, find_sources
from ..volumes import split_volumes
from .cache import BuildCache
from .context import page_contexts
from .edition import Manifest, listing_pages, validation_pages, with_failures
from .executors import Runner, runner
from .mapping import Rendering, catalogue_all
from .progress import with_progress
from .reduce import ReducePages, Xml, write
from .render import Pages, Unread, worker_transformer


@dataclass
class BuildResult:
    reports: list[FileReport]
    published: list[str] = field(default_factory=list)
    failed: list[FileReport] = field(default_factory=list)
    rendered: int = 0  # documents whose pages were made, not taken from the cache
    reduced: list[str] = field(default_factory=list)  # the reduce step's pages made, not from the cache
    reduce_kept: int = 0  # the reduce step's pages taken from the cache


def build(source: Path, out: Path, *, project: Project, strict: bool, xinclude: bool,
          progress: bool = False, jobs: int | None = None, executor: str | None = None) -> BuildResult:
    found, cache = find_sources([source], xinclude=xinclude), BuildCache(out)
    with staged_output(out, [source]) as staging:
        with runner(executor, jobs, len(found.files)) as pool, TextSpool(staging) as spool:
            result = _edition(found, source, staging, project, pool, cache, spool, strict=strict,
                              progress=progress)
        # reduce: the search index of the finished pages (kept when they did not change); the
        # documents, the manifest and the workers are gone by now, Pagefind needs the memory
        _return_memory()
        index_site(staging / "html", out.absolute() / "html", project.settings.language)
    cache.close()
    return result


def _edition(found: Sources, source: Path, staging: Path, project: Project, pool: Runner, cache: BuildCache,
             spool: TextSpool, *, strict: bool, progress: bool) -> BuildResult:
    """Every page of the edition but its search index, into `staging`; the documents' texts wait
    in `spool` between the map steps."""
    checks, registers_at = project.checks, list(project.registers)
    # map: parse and check each document; reduce: the corpus-wide rules on its index
    corpus = check_sources(found, registers_at, checks, pool, cache, for_build=True,
                           watch=lambda results, count: with_progress(results, count, label="checking",
                                                                      enabled=progress))
    reports = list(corpus.reports.values())
    for document in corpus.subjects:
        document.keep_texts_in(spool)
    if strict and not all(r.valid for r in reports):
        raise BuildRefused("the sources have errors and --strict was given; nothing was published")
    # documents, pages and registers; a volume split into one unit per document (issue 8)
    subjects = [_whole(d) for d in corpus.subjects]
    layout = arrange(subjects, [*subjects, *corpus.registers], project.settings, registers_at)
    volumes = split_volumes(layout.documents)
    documents, extra_pages = volumes.documents, layout.pages + volumes.pages
    registers = layout.registers + volumes.registers  # a teiCorpus's register members (issue 11)
    volume_pages = {d.path for d in volumes.pages}
    slugs = slugs_for([*documents, *extra_pages])
    sources = [Unread(d.display, slugs[d.path], partial(_tei, d)) for d in documents]
    page_sources = [Unread(d.display, slugs[d.path], partial(_tei, d)) for d in extra_pages]
    transformer = worker_transformer()

    html, text = staging / "html", staging / "text"
    (html / TEI_FOLDER).mkdir(parents=True)
    text.mkdir()

    # map: each document's catalogue record; its text is let go once parsed
    catalogue = dict(zip((d.path for d in documents), catalogue_all(pool, cache, sources), strict=True))
    failures = [c.failure for c, _ in catalogue.values() if c.failure is not None]
    records = {p: etree.fromstring(c.record.encode()) for p, (c, _) in catalogue.items() if c.record}
    targets = {slugs[path]: c.targets for path, (c, _) in catalogue.items()}
    mentions = {path: m for path, (_, m) in catalogue.items() if path in records}
    del catalogue
    listed = [(d, s) for d, s in zip(documents, sources, strict=True) if d.path in records]

    # reduce: citations (their downloads are written here), the site manifest, the registers
    entries = register_entries(registers, [*documents, *extra_pages])
    cited = EditionFacts.from_settings(project.settings)
    own = _own_parts([d for d, _ in listed], records, slugs, entries, cited, corpus.index, html)
    manifest = Manifest(project.settings, entries, slugs,  # roots: parsed when read
                        edition_element(cited, html), _Roots({d.path: d for d, _ in listed}), mentions)
    registers_xml = etree.tostring(registers_element(entries), encoding="unicode")
    site = with_pages(manifest.site(records), extra_pages, slugs, volume_pages)

    # map: each catalogued document's pages, written into the staging folder as they come;
    # each page gets only its slice of the manifest and the registers (context.py)
    rendering = Rendering(pool, cache, page_contexts(transformer, site, entries, targets, own))
    made = rendering.pages([s for _, s in listed])
    published: dict[str, str] = {}
    store = _Store(staging, slugs, failures, published)
    store.all(with_progress(zip((d for d, _ in listed), made, strict=True), len(listed),
                            label="rendering", enabled=progress))

    # map: the edition's pages (volume contents, front and back matter, introductions)
    made_pages = rendering.pages(page_sources) if page_sources else iter(())  # dask maps no empty list
    store.all(zip(extra_pages, made_pages, strict=True))
    rendered = rendering.rendered
    # the pages' contexts: the reduce steps need the memory
    site_xml = etree.tostring(site, encoding="unicode")
    del rendering, made, made_pages, site, own, sources, page_sources

    # the reduce steps run in this process alone: the workers' memory is returned first, and
    # what the parent freed goes back to the system, where Saxon's heap can have it
    pool.close()
    _return_memory()

    # reduce: the pages that list the edition (only what was published), the validation
    # report; each taken from the build cache when its inputs are those of an earlier build
    if len(published) != len(records):  # the index must not list pages that failed
        records = {d.path: records[d.path] for d, _ in listed if d.display in published}
        site_xml = etree.tostring(with_pages(manifest.site(records), extra_pages, slugs, volume_pages),
                                  encoding="unicode")
    reduced = ReducePages(transformer, cache, html)
    reports = with_failures(reports, failures)
    site_input, registers_input = Xml(site_xml, reused=True), Xml(registers_xml, reused=True)
    listing_pages(reduced, manifest, records, site_input, registers_input)
    validation_pages(reduced, reports, published, source, checks.schema_path.name,
                     not checks.grammar_only, site_input)
    for asset in ASSETS:
        shutil.copyfile(stylesheet(f"assets/{asset}"), html / asset)

    shown = {d.display for d in documents}
    failed = [r for r in reports if r.path in shown and r.path not in published]
    failed += [r for r in corpus.failed() if r.path not in {f.path for f in failed}]
    return BuildResult(reports, list(published), failed, rendered, reduced.made, reduced.kept)


def _own_parts(documents: list[StoredDocument | ParsedDocument], records: dict[Path, etree._Element],
               slugs: dict[Path, str], entries: list[etree._Element], edition: EditionFacts,
               index: CorpusIndex, html: Path) -> dict[str, bytes]:
    """What only a document's own page reads of its record, by slug: its citation (whose
    downloads are written into `html` here) and what search records of it, as XML text. Kept
    out of the manifest that the pages listing the edition read, and out of the parent's trees
    (4 KB a document as text, ten times that as elements)."""
    by_id, searched = entries_by_id(entries), SearchData(index, register_names(entries, REGISTER_PAGES))
    own: dict[str, bytes] = {}
    for document in documents:
        root, record, slug = document.root, records[document.path], slugs[document.path]
        parts = etree.Element(f"{{{SITE_NS}}}own", nsmap={"s": SITE_NS})
        parts.append(document_citation_element(root, slug, record, edition, by_id, html))
        parts.append(searched.element(document.path, root, record))
        own[slug] = etree.tostring(parts)
    return own


def _return_memory() -> None:
    """Hand the memory of what the build no longer holds back to the system (glibc keeps freed
    blocks otherwise), before the search indexer, the build's largest process, starts."""
    gc.collect()
    trim = getattr(libc(), "malloc_trim", None)  # glibc only
    if trim is not None:
        trim(0)


def _whole(document: StoredDocument) -> StoredDocument | ParsedDocument:
    """The document with its whole tree where the steps before rendering read more than its
    skeleton: a register, a volume to split, entries outside the header (the registers)."""
    facts = document.checked
    return document.full() if facts.register_only or facts.volume or facts.entries_in_text else document


def _tei(document: StoredDocument | ParsedDocument) -> str:
    """What rendering gets: the checked document serialised (by the worker that checked it)."""
    if isinstance(document, StoredDocument):
        return document.tei
    return etree.tostring(document.root, encoding="unicode")


class _Roots(Mapping[Path, etree._Element]):
    """The documents' roots by path, each parsed when it is read and not kept (their skeletons:
    the pictures and the About page read only headers)."""

    def __init__(self, documents: dict[Path, StoredDocument | ParsedDocument]) -> None:
        self._documents = documents

    def __getitem__(self, path: Path) -> etree._Element:
        return self._documents[path].root

    def __iter__(self) -> Iterator[Path]:
        return iter(self._documents)

    def __len__(self) -> int:
        return len(self._documents)


@dataclass
class _Store:
    """Writes each rendered document's pages into the staging folder, or keeps why it failed."""

    staging: Path
    slugs: dict[Path, str]
    failures: list[Finding]
    published: dict[str, str]  # display path -> page

    def all(self, rendered: Iterable[tuple[ParsedDocument, Pages]]) -> None:
        html, text = self.staging / "html", self.staging / "text"
        for document, pages in rendered:
            if pages.failure is not None:
                self.failures.append(pages.failure)
                continue
            slug = self.slugs[document.path]
            write(html / f"{slug}.html", pages.html)
            for reading, content in zip(TEXT_READINGS, (pages.text, pages.diplomatic), strict=True):
                write(text / f"{slug}{reading}", content)
            (html / TEI_FOLDER / f"{slug}.xml").write_bytes(document.source)
            self.published[document.display] = f"{slug}.html"

