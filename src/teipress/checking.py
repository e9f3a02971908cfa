"""The per-document half of validation, as map steps: one file's bytes in, small values out.

`check_batch` parses each file with the one hardened parser, runs the grammar and the schema's
embedded rules and returns its findings with what the corpus-wide stage needs: the file's part
of the corpus index, its serialised TEI (what rendering gets) and a few facts about its shape.
The tree is dropped when the task ends, so memory does not grow with the corpus.
`rules_batch` runs the project's rules, which look across the corpus, once the index is whole:
each document against the slice of the index that its own ids and pointers touch.

Tasks carry the bytes and the path as reports show it, so they run the same in this process,
in a worker process or on a Dask worker (only --xinclude reads further files, from disk). Each
process compiles the grammar and the rules once per set of checks.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from copy import deepcopy
from dataclasses import asdict, dataclass, replace
from functools import cache
from pathlib import Path

from lxml import etree

from . import TEI_NS, XML_ID, __version__, xinclude
from .findings import Finding
from .parse import ParsedDocument, make_parser, parse_bytes
from .references import ENTITY_KINDS, IndexedFile, build_index
from .resources import data_dir
from .spool import Spooled, TextSpool

_T = f"{{{TEI_NS}}}"
_ENTITIES = {f"{_T}{name}" for name in ENTITY_KINDS}


@dataclass(frozen=True)
class FileTask:
    """One source file as a task gets it."""

    path: Path
    display: str  # the path as reports show it (the parent's working folder decides)
    source: bytes
    include_root: Path | None = None  # with --xinclude: the folder inclusions stay within


@dataclass(frozen=True)
class Checked:
    """What the parent keeps of one checked file: findings and, if it is a usable TEI document,
    its serialised TEI, its skeleton (see `skeleton`), its index entry and facts."""

    findings: tuple[Finding, ...]
    tei: str | None = None  # None: not usable (not XML, not TEI); "" when not asked for
    skeleton: str = ""
    indexed: IndexedFile | None = None
    register_only: bool = False  # only lists of entities (layout.is_register_only)
    volume: bool = False  # many documents in one file (volumes.is_volume)
    entries_in_text: bool = False  # person/place/org entries outside the header
    fragments: tuple[str, ...] = ()  # resolved paths of the files it includes


class Checker:
    """The grammar and the schema's embedded rules for one set of checks, compiled on first use."""

    def __init__(self, checks) -> None:  # validate.Checks (validate imports this module)
        self.checks = checks
        self.grammar = None
        self.embedded = None

    def grammar_for(self, documents: list[ParsedDocument], names: frozenset[str]):
        """`names`: the local names in use in the whole corpus, so that the lxml engine prunes
        the schema and compiles it once, not again for each batch that brings new names."""
        if self.grammar is None:
            from .relaxng.engines import make_grammar

            self.grammar = make_grammar(self.checks.engine, self.checks.schema_path, documents,
                                        timeout=self.checks.timeout, local_names=names)
            if not self.checks.grammar_only:
                from .rules import Rules  # Saxon is loaded only when rules run

                self.embedded = Rules(project=False, embedded_from=self.grammar.schema,
                                      schema_name=self.grammar.label)
        return self.grammar


_checkers: dict[object, Checker] = {}  # per process: checks -> compiled grammar and rules
_project_rules: list = []  # per process: the compiled project rules, once


def checker(checks) -> Checker:
    """This process's compiled checks; a schema file changed since (a long-lived Dask worker, an
    editor's next run) is compiled anew."""
    key = (checks, _file_digest(Path(checks.schema_path)))
    if key not in _checkers:
        _checkers[key] = Checker(checks)
    return _checkers[key]


_digests: dict[tuple, str] = {}


def _file_digest(path: Path) -> str:
    """The file's SHA-256, read again only when its size or times changed (every batch asks,
    and hashing tei_all three times a batch cost 30 ms of a 0.5 s validation)."""
    info = path.stat()
    key = (str(path), info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    if key not in _digests:
        _digests[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return _digests[key]


def check_batch(job: tuple, tasks: list[FileTask]) -> list[Checked]:
    """Map step: every file of the batch parsed, checked and reduced to a `Checked`. `job` is
    (validate.Checks, the local element names of the corpus, what to keep: "all" for a build,
    "index" for the project's rules, "" for findings alone, the bytes a process will check)."""
    checks, names, keep, expected_bytes = job
    grammar = checker(checks).grammar
    if grammar is None and names:  # lxml: compiled for the corpus's names before any parse
        grammar = checker(checks).grammar_for([], names)
    if grammar is not None:  # parsed and validated in threads while this one words findings
        parsed, grammar_findings = grammar.parse_and_check(tasks, _parse, expected_bytes)
    else:  # jing (or no names): the batch's documents first
        parsed = [_parse(task) for task in tasks]
        documents = [document for document, _, _ in parsed if document is not None]
        grammar = checker(checks).grammar_for(documents, names) if documents else None
        grammar_findings = grammar.check_many(documents) if grammar is not None else {}
    embedded = checker(checks).embedded
    results = []
    for document, findings, fragments in parsed:
        if document is None:
            results.append(Checked(tuple(findings)))
            continue
        findings += grammar_findings.get(document.path, [])
        if embedded is not None:
            findings += embedded.check_embedded(document)
        results.append(_checked(document, findings, fragments) if keep == "all"
                       else Checked(tuple(findings), "", indexed=_indexed(document) if keep else None,
                                    fragments=fragments))
    return results


def _parse(task: FileTask) -> tuple[ParsedDocument | None, list[Finding], tuple[str, ...]]:
    """The document (xi:includes expanded when asked) and the findings of reading it."""
    result = parse_bytes(task.path, task.source, display=task.display)
    findings, document = list(result.findings), result.document
    if document is None:
        return None, findings, ()
    findings += notices(document)
    fragments: tuple[str, ...] = ()
    if task.include_root is not None:
        expansion = xinclude.expand(document, task.include_root)
        findings += expansion.findings
        fragments = tuple(sorted(str(p) for p in expansion.fragments))
    elif (include := next(document.root.iter(f"{{{xinclude.XI_NS}}}include"), None)) is not None:
        findings.append(document.finding(include, "warning", "xinclude",
                                         "xi:include is not expanded unless --xinclude is given"))
    return document, findings, fragments


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


def _checked(document: ParsedDocument, findings: list[Finding], fragments: tuple[str, ...]) -> Checked:
    # Only a build asks for these; `validate` does not import the site's modules at all.
    from .layout import is_register_only
    from .volumes import is_volume

    root = document.root
    in_text = any(entry.get(XML_ID) for part in root if part.tag != f"{_T}teiHeader"
                  for entry in part.iter(*_ENTITIES))
    return Checked(tuple(findings), etree.tostring(root, encoding="unicode"),
                   etree.tostring(skeleton(root), encoding="unicode"), _indexed(document),
                   is_register_only(root), is_volume(root), in_text, fragments)


def _indexed(document: ParsedDocument) -> IndexedFile:
    return build_index([document]).files[0]


def skeleton(root: etree._Element) -> etree._Element:
    """What the corpus-wide steps read of a document, small enough to keep for every one: the
    root with its whole teiHeader and, of its text, only the text, body and first division
    elements with their attributes (a document's type), without content."""
    copy = root.makeelement(root.tag, dict(root.attrib), nsmap=root.nsmap)
    header = root.find(f"{_T}teiHeader")
    if header is not None:
        copy.append(deepcopy(header))
        copy[-1].tail = None
    parent, path = copy, root
    for step in ("text", "body", "div"):
        path = path.find(f"{_T}{step}") if path is not None else None
        if path is None:
            break
        parent = etree.SubElement(parent, path.tag, dict(path.attrib))
    return copy


def parse_text(text: str) -> etree._Element:
    """A serialised tree from `Checked` read back (recovering: a duplicate xml:id is a finding
    already, the tree is sound)."""
    return etree.fromstring(text, make_parser(recover=True))


@dataclass(frozen=True)
class RulesTask:
    """A document for the project's rules, with its slice of the corpus index (XML)."""

    file: FileTask
    corpus: str


def rules_batch(checks, tasks: list[RulesTask]) -> list[tuple[Finding, ...]]:
    """Map step: the project's rules on every document of the batch."""
    if not _project_rules:
        from .rules import Rules

        _project_rules.append(Rules(project=True, embedded_from=None))
    rules = _project_rules[0]
    results = []
    for task in tasks:
        document, _, _ = _parse(task.file)
        if document is None:  # cannot happen: the file parsed in check_batch
            results.append(())
            continue
        results.append(tuple(rules.check_project(document, etree.fromstring(task.corpus, make_parser()))))
    return results


@dataclass(eq=False)  # identity, like ParsedDocument: a document is used as a dict key
class StoredDocument:
    """A checked document as the parent keeps it: its bytes, its serialised TEI and the facts
    of `Checked`, no tree. `root` is its skeleton, parsed anew on each use; `full()` the whole
    document, for the few steps that need it (registers, volumes). A build moves the two texts
    to its spool (`keep_texts_in`) and reads them back when a task or a page needs them."""

    task: FileTask
    checked: Checked
    spooled: tuple[TextSpool, Spooled, Spooled] | None = None  # (spool, bytes, TEI as UTF-8)

    @property
    def path(self) -> Path:
        return self.task.path

    @property
    def display(self) -> str:
        return self.task.display

    @property
    def source(self) -> bytes:
        if self.spooled is not None:
            spool, source, _ = self.spooled
            return spool.get(source)
        return self.task.source

    @property
    def tei(self) -> str:
        if self.spooled is not None:
            spool, _, tei = self.spooled
            return spool.get(tei).decode("utf-8")
        return self.checked.tei or ""

    @property
    def root(self) -> etree._Element:
        return parse_text(self.checked.skeleton)

    def full(self) -> ParsedDocument:
        return ParsedDocument(self.path, self.display, self.source, etree.ElementTree(parse_text(self.tei)))

    def keep_texts_in(self, spool: TextSpool) -> None:
        """Move the bytes and the serialised TEI out of memory into `spool`: between checking
        and rendering, at 10,000 documents they were 170 MB of the parent's memory."""
        if self.spooled is None and self.checked.tei is not None:
            self.spooled = (spool, spool.put(self.task.source), spool.put(self.checked.tei.encode("utf-8")))
            self.task = replace(self.task, source=b"")
            self.checked = replace(self.checked, tei="")


# Checked and findings as the build cache keeps them (JSON), and back.

def checked_json(checked: Checked) -> dict:
    value = asdict(checked)
    value["findings"] = findings_json(checked.findings)
    if checked.indexed is not None:
        indexed = checked.indexed
        value["indexed"] = {"ids": list(indexed.ids), "targets": list(indexed.targets.items())}
    return value


def checked_value(value: dict) -> Checked:
    indexed = None
    if value["indexed"] is not None:
        ids = tuple((str(v), str(e)) for v, e in value["indexed"]["ids"])
        targets = Counter({str(t): int(n) for t, n in value["indexed"]["targets"]})
        indexed = IndexedFile(Path(), "", ids, targets)  # the parent knows its path
    return Checked(findings_value(value["findings"]), value["tei"], value["skeleton"], indexed,
                   bool(value["register_only"]), bool(value["volume"]), bool(value["entries_in_text"]),
                   tuple(value["fragments"]))


def findings_json(findings: tuple[Finding, ...] | list[Finding]) -> dict:
    return {"findings": [asdict(f) for f in findings]}


def findings_value(value: dict) -> tuple[Finding, ...]:
    return tuple(Finding(**f) for f in value["findings"])


def memo_key(version: str, step: str, task: FileTask, *more: str) -> str | None:
    """What a result depends on: the file (as shown, and its bytes), the checks and schema, the
    rules, teipress itself. None with --xinclude: the included files are inputs too."""
    if task.include_root is not None:
        return None
    return _digest(step, version, task.display, hashlib.sha256(task.source).hexdigest(), *more)


def checks_version(checks) -> str:
    """The checks' settings and every file their results depend on: the schema (and the schemas
    beside it, which it may include), teipress's rules and its code. Read once per run."""
    schema = Path(checks.schema_path)
    hasher = hashlib.sha256(json.dumps([_code_version(), repr(checks)]).encode())
    for path in [schema, *sorted(p for p in schema.parent.glob("*.rn[gc]") if p != schema)]:
        if path.is_file():
            hasher.update(path.name.encode() + path.read_bytes())
    return hasher.hexdigest()


@cache
def _code_version() -> str:
    """teipress's version, its code and its own schemas and rules."""
    package = Path(__file__).parent
    hasher = hashlib.sha256(__version__.encode())
    for path in [*sorted(package.rglob("*.py")), *sorted(data_dir("schemas").glob("*"))]:
        if path.is_file():
            hasher.update(path.name.encode() + path.read_bytes())
    return hasher.hexdigest()


def _digest(*parts: str) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8")
        hasher.update(len(data).to_bytes(8, "big") + data)
    return hasher.hexdigest()
