"""Validation: schema first, then the cross-reference rules, every problem a Finding.

The stage order is the data flow of the whole tool: discover → parse → grammar → references.
`build` runs the same function, so what `validate` says is exactly what the build reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import xinclude
from .discover import discover
from .findings import FileReport, Finding, display_path, sorted_findings
from .parse import ParsedDocument, parse_file
from .references import CorpusIndex, build_index
from .relaxng.engines import DEFAULT_TIMEOUT, make_grammar
from .resources import project_schema


@dataclass
class Corpus:
    """The parsed sources: the files asked about (`subjects`) and the registers they point into."""

    subjects: list[ParsedDocument] = field(default_factory=list)
    registers: list[ParsedDocument] = field(default_factory=list)
    reports: dict[str, FileReport] = field(default_factory=dict)

    @property
    def documents(self) -> list[ParsedDocument]:
        """Every parsed file, subjects first, each once."""
        seen = {d.path for d in self.subjects}
        return self.subjects + [d for d in self.registers if d.path not in seen]

    @cached_property
    def index(self) -> CorpusIndex:
        """Ids and pointers across all parsed files; computed once, the files do not change."""
        return build_index(self.documents)

    def add(self, finding: Finding) -> None:
        self.reports.setdefault(finding.path, FileReport(finding.path)).findings.append(finding)

    def failed(self) -> list[FileReport]:
        """Files that could not be used at all (unreadable, not XML, not TEI)."""
        usable = {d.display for d in self.subjects}
        return [r for r in self.reports.values() if r.path not in usable]


def load_corpus(paths: list[Path], registers: list[Path], *, xinclude: bool = False) -> Corpus:
    """Discover and parse the files named, plus the register files or folders for resolving
    pointers.

    With `xinclude`, inclusions are expanded, each confined to the folder it was named by (a
    folder given on the command line, or the folder of a file given)."""
    corpus = Corpus()
    subject_paths: set[Path] = set()
    fragments: set[Path] = set()
    for given in paths:
        sources = discover([given])
        for finding in sources.missing:
            corpus.add(finding)
        root = given if given.is_dir() else given.parent
        for path in sources.files:
            document = _load(corpus, path, root if xinclude else None, fragments)
            if document is not None and document.path not in subject_paths:
                subject_paths.add(document.path)
                corpus.subjects.append(document)
    _drop_fragments(corpus, fragments)
    if registers:
        for path in discover(registers).files:
            if path not in subject_paths:
                result = parse_file(path)
                if result.document is not None:
                    corpus.registers.append(result.document)
    return corpus


def _drop_fragments(corpus: Corpus, fragments: set[Path]) -> None:
    """Files other files include (whole, or with a root that is not TEI) are parts of those
    documents, not documents: they are neither checked nor published on their own."""
    if not fragments:
        return
    dropped = {d.display for d in corpus.subjects if d.path.resolve() in fragments}
    dropped |= {shown for shown in corpus.reports if Path(shown).resolve() in fragments}
    corpus.subjects = [d for d in corpus.subjects if d.display not in dropped]
    for shown in dropped:
        corpus.reports.pop(shown, None)


def _load(corpus: Corpus, path: Path, include_root: Path | None,
          fragments: set[Path]) -> ParsedDocument | None:
    corpus.reports.setdefault(display_path(path), FileReport(display_path(path)))
    result = parse_file(path)
    for finding in result.findings:
        corpus.add(finding)
    document = result.document
    if document is None:
        return None
    for finding in notices(document):
        corpus.add(finding)
    if include_root is not None:
        expansion = xinclude.expand(document, include_root)
        fragments |= expansion.fragments
        for finding in expansion.findings:
            corpus.add(finding)
    elif (include := next(document.root.iter(f"{{{xinclude.XI_NS}}}include"), None)) is not None:
        corpus.add(document.finding(include, "warning", "xinclude",
                                    "xi:include is not expanded unless --xinclude is given"))
    return document


def notices(document: ParsedDocument) -> list[Finding]:
    """What the document asks to fetch and teipress will not: an external DTD, schema or
    stylesheet references in processing instructions."""
    findings = []
    info = document.tree.docinfo
    if info.system_url or info.public_id:
        findings.append(Finding(document.display, 1, 1, "warning", "not-fetched",
                                f"external DTD {info.system_url or info.public_id} is not loaded"))
    for pi in document.tree.xpath("/processing-instruction('xml-model') | "
                                  "/processing-instruction('xml-stylesheet')"):
        href = re.search(r'href\s*=\s*["\']([^"\']*)', pi.text or "")
        if href and xinclude.has_scheme(href.group(1)):
            findings.append(Finding(
                document.display, pi.sourceline or 1, 1, "warning", "not-fetched",
                f"<?{pi.target} href=\"{href.group(1)}\"?> is not fetched; "
                "teipress validates with its own schema (or --schema)"))
    return findings


@dataclass(frozen=True)
class Checks:
    """What a validation run checks: which grammar, with which engine, and whether the rules
    (the project's Schematron and the schema's embedded one) run too."""

    schema: Path | None = None  # None: the project schema
    engine: str = "lxml"
    grammar_only: bool = False
    timeout: float = DEFAULT_TIMEOUT
    project_rules: bool = True  # the project's Schematron (teipress.sch); the settings decide

    @property
    def schema_path(self) -> Path:
        return self.schema or project_schema()


class Validator:
    """The grammar and the rules, compiled once; `run` checks a corpus (again and again in
    `--watch`; the lxml engine recompiles only when a document brings element names it was not
    pruned for)."""

    def __init__(self, checks: Checks, documents: list[ParsedDocument]) -> None:
        schema = checks.schema_path
        self.grammar = make_grammar(checks.engine, schema, documents, timeout=checks.timeout)
        self.rules = None
        if not checks.grammar_only:
            from .rules import Rules  # Saxon is loaded only when rules run (not for --grammar-only)

            self.rules = Rules(project=checks.project_rules, embedded_from=self.grammar.schema,
                               schema_name=display_path(schema))

    def run(self, corpus: Corpus) -> list[FileReport]:
        _add_by_path(corpus, self.grammar.check_many(corpus.subjects))
        if self.rules is not None:
            _add_by_path(corpus, self.rules.check(corpus.subjects, corpus.index))
        reports = list(corpus.reports.values())
        for report in reports:
            report.findings = sorted_findings(report.findings)
        return reports


def validate_corpus(corpus: Corpus, checks: Checks) -> list[FileReport]:
    """Run the grammar on every subject, then the rules over the whole corpus."""
    return Validator(checks, corpus.subjects).run(corpus)


def _add_by_path(corpus: Corpus, findings: dict[Path, list[Finding]]) -> None:
    for document in corpus.subjects:
        for finding in findings.get(document.path, []):
            corpus.add(finding)
