"""Validation: schema first, then the cross-reference rules, every problem a Finding.

The stage order is the data flow of the whole tool: discover → parse → grammar → references.
`build` runs the same function, so what `validate` says is exactly what the build reports.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Protocol

from lxml import etree

from . import xinclude
from .checking import (
    FileTask,
    RulesTask,
    StoredDocument,
    check_batch,
    checked_json,
    checked_value,
    checks_version,
    findings_json,
    findings_value,
    memo_key,
    notices,
    rules_batch,
)
from .discover import discover
from .findings import FileReport, Finding, display_path, sorted_findings
from .parse import ParsedDocument, parse_file, read_source
from .references import CorpusIndex, IndexedFile, build_index
from .relaxng.engines import DEFAULT_TIMEOUT, check_schema, make_grammar
from .relaxng.source import read_schema_file
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


# The map steps' batches stay small: a worker holds the trees of one batch at a time.
BATCH = 32


class Mapper(Protocol):
    """Where map steps run (workers.Runner): in this process, in worker processes, on Dask."""

    workers: int

    def map_batches(self, function: Callable, first: object, items: list, most: int | None) -> Iterator: ...


class Memo(Protocol):
    """A cache of map results by key (build.cache.BuildCache)."""

    def get(self, key: str) -> dict | None: ...

    def put(self, key: str, value: dict) -> None: ...


@dataclass
class Sources:
    """The files a run checks, found and not yet read, and a report for each, in order."""

    files: list[tuple[Path, Path | None]] = field(default_factory=list)  # (file, inclusions' root)
    reports: dict[str, FileReport] = field(default_factory=dict)


def find_sources(paths: list[Path], *, xinclude: bool = False) -> Sources:
    sources, seen = Sources(), set()
    for given in paths:
        found = discover([given])
        for finding in found.missing:
            sources.reports.setdefault(finding.path, FileReport(finding.path)).findings.append(finding)
        root = given if given.is_dir() else given.parent
        for path in found.files:
            sources.reports.setdefault(display_path(path), FileReport(display_path(path)))
            if path not in seen:
                seen.add(path)
                sources.files.append((path, root if xinclude else None))
    return sources


@dataclass
class CheckedCorpus:
    """What the parent keeps of a checked corpus: the usable documents without their trees
    (`StoredDocument`), the register files named in the settings (parsed: they are few), every
    file's report and the corpus index."""

    subjects: list[StoredDocument]
    registers: list[ParsedDocument]
    reports: dict[str, FileReport]
    index: CorpusIndex

    @property
    def documents(self) -> list:
        return [*self.subjects, *self.registers]

    def failed(self) -> list[FileReport]:
        """Files that could not be used at all (unreadable, not XML, not TEI)."""
        usable = {d.display for d in self.subjects}
        return [r for r in self.reports.values() if r.path not in usable]


def _unwatched(results: Iterable, _count: int) -> Iterable:
    return results


def check_sources(sources: Sources, registers: list[Path], checks: Checks, mapper: Mapper,
                  memo: Memo | None = None, *, for_build: bool = False,
                  watch: Callable[[Iterable, int], Iterable] = _unwatched) -> CheckedCorpus:
    """Validate the files in `mapper`'s workers, one document at a time: grammar and embedded
    rules, then, on the index of the whole corpus, the project's rules. Results are taken from
    `memo` when the file, the checks and teipress are unchanged. `for_build`: keep what the
    build needs of each document too (its text, skeleton and facts; see `StoredDocument`).
    `watch(results, count)` passes the documents' results through as they are checked (the
    build's progress display)."""
    rules = not checks.grammar_only and checks.project_rules
    keep = "all" if for_build else "index" if rules else ""
    reports = sources.reports
    tasks: list[FileTask] = []
    for path, include_root in sources.files:
        source, problem = read_source(path)
        if source is None:
            reports[display_path(path)].findings.extend([problem] if problem else [])
            continue
        tasks.append(FileTask(path, display_path(path), source, include_root))
    read_schema_file(checks.schema_path, None)  # a missing schema: one line, before any work
    version = checks_version(checks) if memo is not None else ""
    lxml = checks.engine == "lxml"  # jing starts a JVM per batch: one batch per worker
    names = element_names(t.source for t in tasks) if lxml else frozenset()
    keys = [memo_key(version, f"check {keep}", t) if memo is not None else None for t in tasks]
    share = sum(len(t.source) for t in tasks) // max(1, mapper.workers)  # each process's part
    checked = _mapped(mapper, memo, check_batch, (checks, names, keep, share), tasks, keys, checked_json,
                      checked_value, most=BATCH if lxml else None, watch=watch)
    subjects = [StoredDocument(t, c) for t, c in zip(tasks, checked, strict=True)]
    if not any(d.checked.tei is not None for d in subjects):
        # The workers compile the grammar with the first usable document: with none, an
        # unusable schema would go unsaid.
        check_schema(checks.engine, checks.schema_path, timeout=checks.timeout, local_names=names)
    for document in subjects:
        reports[document.display].findings.extend(document.checked.findings)
    subjects = _without_fragments([d for d in subjects if d.checked.tei is not None], reports)
    taken = {path for path, _ in sources.files}
    named = discover(registers).files if registers else []
    parsed = [parse_file(p).document for p in named if p not in taken]
    others = [d for d in parsed if d is not None]
    index = CorpusIndex([IndexedFile(d.path, d.display, d.checked.indexed.ids, d.checked.indexed.targets)
                         for d in subjects if d.checked.indexed is not None] + build_index(others).files)
    if rules:
        slices = [etree.tostring(index.element_for(d.checked.indexed), encoding="unicode") for d in subjects]
        rule_tasks = [RulesTask(d.task, corpus) for d, corpus in zip(subjects, slices, strict=True)]
        keys = [memo_key(version, "rules", t.file, t.corpus) for t in rule_tasks]
        found = _mapped(mapper, memo, rules_batch, checks, rule_tasks, keys, findings_json, findings_value,
                        most=BATCH)
        for document, findings in zip(subjects, found, strict=True):
            reports[document.display].findings.extend(findings)
    for report in reports.values():
        report.findings = sorted_findings(report.findings)
    return CheckedCorpus(subjects, others, reports, index)


def _without_fragments(subjects: list[StoredDocument],
                       reports: dict[str, FileReport]) -> list[StoredDocument]:
    """Files other files include are parts of those documents (see `_drop_fragments`)."""
    fragments = {Path(f) for d in subjects for f in d.checked.fragments}
    if not fragments:
        return subjects
    dropped = {shown for shown in reports if Path(shown).resolve() in fragments}
    for shown in dropped:
        reports.pop(shown, None)
    return [d for d in subjects if d.path.resolve() not in fragments]


def element_names(sources: Iterable[bytes]) -> frozenset[str]:
    """Every local name in a start tag of the files (a regular expression, no parse: comments
    and CDATA may add a few). The lxml engine prunes the schema to these once per worker, so
    no batch brings names it has to recompile for."""
    names: set[bytes] = set()
    for source in sources:
        names.update(_START_TAG.findall(source))
    return frozenset(n.decode("ascii") for n in names)


_START_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")


def _mapped(mapper: Mapper, memo: Memo | None, function: Callable, first: object, tasks: list,
            keys: list[str | None], to_json: Callable, from_json: Callable, *, most: int | None,
            watch: Callable[[Iterable, int], Iterable] = _unwatched) -> list:
    """`function` over `tasks` in `mapper` in batches of at most `most`, results found in `memo`
    taken from there; `watch` sees the others as they come."""
    found = [_recalled(memo, key, from_json) for key in keys]
    missing = [i for i, result in enumerate(found) if result is None]
    done = watch(mapper.map_batches(function, first, [tasks[i] for i in missing], most), len(missing))
    for i, result in zip(missing, done, strict=True):
        found[i] = result
        if memo is not None and keys[i] is not None:
            memo.put(keys[i], to_json(result))
    return found


def _recalled(memo: Memo | None, key: str | None, from_json: Callable):
    if memo is None or key is None or (value := memo.get(key)) is None:
        return None
    try:
        return from_json(value)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None  # an entry of another shape: recompute

