"""`teipress build`: validate, transform, publish — read top to bottom as the stage list.

All sources are parsed and validated before anything is written; pages are rendered into a
staging folder that replaces the output only when the whole build succeeded.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from saxonche import PyXdmNode

from .citation import EditionFacts, cite_documents, edition_element
from .discover import is_within
from .errors import BuildRefused
from .findings import FileReport, Finding, display_path, reports_to_json
from .parse import ParsedDocument
from .pictures import Published, corpus_pictures, index_timeline
from .project import Project
from .publish import staged_output
from .report import as_xml
from .resources import stylesheet
from .site import REGISTER_PAGES, SITE_NS, register_entries, registers_element, site_element, slugs_for
from .transform import Transformer, load_transformer
from .validate import Checks, Corpus, load_corpus, validate_corpus


@dataclass
class BuildResult:
    reports: list[FileReport]
    published: list[str] = field(default_factory=list)
    failed: list[FileReport] = field(default_factory=list)


@dataclass
class Edition:
    """What the pages of one build are made from."""

    transformer: Transformer
    corpus: Corpus
    documents: list[ParsedDocument]
    registers: list[ParsedDocument]
    title: str
    cited: EditionFacts  # the settings a citation needs (publisher, editors, base URL)
    site: PyXdmNode | None = None  # the manifest, once the documents are catalogued


def build(source: Path, out: Path, *, project: Project, strict: bool, xinclude: bool) -> BuildResult:
    checks = project.checks
    registers = list(project.registers)
    corpus = load_corpus([source], registers, xinclude=xinclude)
    reports = validate_corpus(corpus, checks)
    if strict and not all(r.valid for r in reports):
        raise BuildRefused("the sources have errors and --strict was given; nothing was published")
    edition = Edition(
        transformer=load_transformer(),
        corpus=corpus,
        documents=[d for d in corpus.subjects if not is_within(d.path, registers)],
        registers=[d for d in corpus.documents if is_within(d.path, registers)],
        title=project.settings.title,
        cited=EditionFacts.from_settings(project.settings),
    )
    with staged_output(out, [source]) as staging:
        published = render_edition(edition, staging)
        publish_report(edition, reports, published, staging / "html", source, checks)
    documents = {d.display for d in edition.documents}
    failed = [r for r in reports if r.path in documents and r.path not in published]
    failed += [r for r in corpus.failed() if r not in failed]
    return BuildResult(reports, list(published), failed)


def render_edition(edition: Edition, staging: Path) -> dict[str, str]:
    """Write html/ and text/ into the staging folder; returns {display path: page} published."""
    html, text = staging / "html", staging / "text"
    (html / "tei").mkdir(parents=True)
    text.mkdir()
    transformer, corpus = edition.transformer, edition.corpus
    slugs = slugs_for(edition.documents)
    nodes, records = {}, {}
    for document in edition.documents:
        try:
            nodes[document.path] = transformer.node(document.root)
            records[document] = etree.fromstring(transformer.run("catalogue", nodes[document.path]).encode())
        except Exception as exc:  # one document's failure must not stop the others
            corpus.add(_transform_finding(document, exc))
    entries = register_entries(edition.registers, edition.documents)
    cited = edition.cited
    cite_documents(records, entries, cited, html, slugs)
    registers_node = transformer.node(registers_element(entries))
    site = _site(edition, records, entries, slugs, edition_element(cited, html))
    published: dict[str, str] = {}
    for document in records:
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
        published[document.display] = f"{slug}.html"
    if len(published) != len(records):  # the index must not list pages that failed
        records = {d: r for d, r in records.items() if d.display in published}
        site = _site(edition, records, entries, slugs, edition_element(cited, html))
    _write(html / "index.html", transformer.run("html-index", site))
    for page, picture in corpus_pictures(_published(records, slugs), entries, REGISTER_PAGES):
        _write(html / page, transformer.run("html-pictures", transformer.node(picture), site=site))
    for kind, page in REGISTER_PAGES.items():
        _write(html / page, transformer.run("html-register", registers_node, site=site, kind=kind))
    shutil.copyfile(stylesheet("assets/edition.css"), html / "edition.css")
    shutil.copyfile(stylesheet("assets/readers.css"), html / "readers.css")
    edition.site = site
    return published


def publish_report(edition: Edition, reports: list[FileReport], published: dict[str, str],
                   html: Path, source: Path, checks: Checks) -> None:
    """validation.json and validation.html, with paths relative to the source folder's parent so
    the published report is the same whichever folder the build was started from."""
    base = source.absolute().parent
    relative = {r.path: _relative_to(r.path, base) for r in reports}
    shown = [FileReport(relative[r.path], [_moved(f, relative[r.path]) for f in r.findings])
             for r in reports]
    _write(html / "validation.json", reports_to_json(shown))
    pages = {relative[path]: page for path, page in published.items() if path in relative}
    report = as_xml(shown, schema=checks.schema_path.name, rules=not checks.grammar_only, pages=pages)
    node = edition.transformer.node(report)
    _write(html / "validation.html",
           edition.transformer.run("html-validation", node, site=edition.site))


def _relative_to(shown: str, base: Path) -> str:
    path = Path(shown).absolute()
    return path.relative_to(base).as_posix() if path.is_relative_to(base) else display_path(path)


def _moved(finding: Finding, path: str) -> Finding:
    return Finding(path, finding.line, finding.column, finding.severity, finding.rule, finding.message)


def _site(edition: Edition, records: dict[ParsedDocument, etree._Element], entries, slugs,
          citation: etree._Element):
    published_slugs = {d.path: slugs[d.path] for d in records}
    element = site_element(edition.title, [(slugs[d.path], r) for d, r in records.items()], entries,
                           edition.corpus.index, published_slugs)
    element.insert(0, citation)  # the edition's own citation, for the index and the About page
    element.insert(1, index_timeline(_published(records, slugs)))
    return edition.transformer.node(element)


def _published(records: dict[ParsedDocument, etree._Element], slugs) -> list[Published]:
    return [Published(f"{slugs[d.path]}.html", " ".join((r.findtext(f"{{{SITE_NS}}}title") or "").split())
                      or slugs[d.path], r.get("date"), d.root) for d, r in records.items()]


def _transform_finding(document: ParsedDocument, exc: Exception) -> Finding:
    reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return Finding(document.display, 0, 0, "error", "transform", f"could not be transformed: {reason}")


def _write(path: Path, content: str) -> None:
    path.write_text(content, encoding="utf-8", newline="")
