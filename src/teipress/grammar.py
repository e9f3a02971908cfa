"""RELAX NG checking: load a schema safely, then validate with libxml2 (lxml) or jing.

Two engines behind one interface (`check_many`), chosen with `--engine`:

- `LxmlGrammar` runs in-process. libxml2 needs 10-16 s to compile tei_all and never finishes on
  some older TEI schemas, so the schema is first *pruned* to the element names the documents use
  (`prune_schema`; this cannot change a verdict) and compiled under a time limit.
- `JingGrammar` runs one jing process for a whole batch: better messages, no known false
  negatives, about 1 s of JVM start-up.

Schemas are untrusted input like documents: they are parsed without network, DTD or external
entities, and `include`/`externalRef` are resolved here, from local files only, into one tree.
Neither engine ever reads a schema file itself.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import multiprocessing
import os
import queue
import re
import shutil
import subprocess
import tempfile
import weakref
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlparse

from lxml import etree

from . import messages
from .errors import TeipressError
from .findings import Finding, display_path
from .locate import Locator
from .messages import RNG_NS, pattern_name
from .parse import ParsedDocument, make_parser

_RNG = f"{{{RNG_NS}}}"
MAX_THREADS = 2  # validation threads; more gave nothing on the 2-core machines measured
DEFAULT_TIMEOUT = 60.0
ENGINES = ("lxml", "jing")


class SchemaError(TeipressError):
    """The schema cannot be used at all: missing, unreadable, not RELAX NG, or too slow to compile.

    A click.ClickException (through the project's root TeipressError): exit code 2, one line."""

    exit_code = 2


# --- loading ------------------------------------------------------------------------------------


def load_schema(path: Path) -> etree._ElementTree:
    """The schema at `path` as one self-contained RELAX NG tree.

    `include` and `externalRef` are replaced by the files they name (relative to the file that
    names them; local files only), following RELAX NG's simplification rules 4.5-4.7, so the
    pruned copy covers every element pattern and no engine opens another file. A `.rnc` file is
    converted to the XML syntax first.
    """
    root = _resolve_hrefs(_load_file(Path(path), None), Path(path), (Path(path).resolve(),))
    return etree.ElementTree(root)


def _schema_parser() -> etree.XMLParser:
    # The hardened document parser; comments are dropped, they only slow compiling.
    return make_parser(remove_comments=True)


def _load_file(path: Path, referrer: Path | None) -> etree._Element:
    shown = display_path(path)
    named = f" (named in {display_path(referrer)})" if referrer else ""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SchemaError(f"schema {shown}{named}: no such file") from None
    except IsADirectoryError:
        raise SchemaError(f"schema {shown}{named} is a folder, not a schema file") from None
    except OSError as exc:
        raise SchemaError(f"schema {shown}{named} cannot be read: {exc.strerror}") from None
    if path.suffix.lower() == ".rnc":
        data = _rnc_to_rng(path, data)
    try:
        root = etree.fromstring(data, _schema_parser(), base_url=str(path))
    except etree.XMLSyntaxError as exc:
        raw = " ".join(str(exc).split())
        hint = ""
        if "encoding" in raw or "UTF-8" in raw or "Invalid bytes" in raw:
            hint = " (the file is not valid UTF-8, or its encoding declaration is wrong)"
        raise SchemaError(f"schema {shown} is not well-formed XML: {raw}{hint}") from None
    if etree.QName(root).namespace != RNG_NS:
        raise SchemaError(
            f"schema {shown} is not a RELAX NG schema: its root element is <{root.tag}>, "
            f"expected an element in {RNG_NS}"
        )
    return root


def _local_href(href: str | None, base: Path, where: str) -> Path:
    if not href:
        raise SchemaError(f"schema {where}: <include> or <externalRef> without href")
    parsed = urlparse(href)
    if parsed.scheme not in ("", "file") or parsed.netloc not in ("", "localhost"):
        raise SchemaError(
            f"schema {where} refers to {href}: teipress only reads schemas from local files "
            "(download it and point the href at the copy)"
        )
    target = Path(unquote(parsed.path))
    return target if target.is_absolute() else base.parent / target


def _resolve_hrefs(root: etree._Element, path: Path, stack: tuple[Path, ...]) -> etree._Element:
    """Replace every include/externalRef of this file (not of the files it pulls in: those are
    resolved recursively, each relative to itself) by the referenced content."""
    where = display_path(path)
    refs = [el for el in root.iter(f"{_RNG}include", f"{_RNG}externalRef")]
    for ref in refs:
        target = _local_href(ref.get("href"), path, where)
        if target.resolve() in stack:
            raise SchemaError(f"schema {where}: {ref.get('href')} includes itself (a loop)")
        sub = _resolve_hrefs(_load_file(target, path), target, (*stack, target.resolve()))
        # datatypeLibrary is resolved per file (rule 4.3) and must not be inherited from here.
        if sub.get("datatypeLibrary") is None:
            sub.set("datatypeLibrary", "")
        if ref.get("ns") is not None and sub.get("ns") is None:
            sub.set("ns", ref.get("ns"))
        if ref.tag == f"{_RNG}externalRef":
            sub.tail = ref.tail
            if ref is root:
                root = sub
            else:
                ref.getparent().replace(ref, sub)
            continue
        if sub.tag != f"{_RNG}grammar":
            raise SchemaError(
                f"schema {where}: {ref.get('href')} is included but its root is not <grammar>"
            )
        _apply_overrides(ref, sub, where)
        sub.tag = f"{_RNG}div"
        ref.tag = f"{_RNG}div"
        del ref.attrib["href"]
        ref.insert(0, sub)
    return root


def _components(container: etree._Element) -> Iterable[etree._Element]:
    """start/define components of a grammar, looking into div but not into nested grammars."""
    for child in container:
        if child.tag == f"{_RNG}div":
            yield from _components(child)
        elif child.tag in (f"{_RNG}start", f"{_RNG}define"):
            yield child


def _apply_overrides(include: etree._Element, grammar: etree._Element, where: str) -> None:
    """Rule 4.7: a start or define inside <include> replaces the included grammar's own."""
    overrides = list(_components(include))
    replaces_start = any(c.tag == f"{_RNG}start" for c in overrides)
    names = {c.get("name") for c in overrides if c.tag == f"{_RNG}define"}
    found: set[str] = set()
    for component in list(_components(grammar)):
        if component.tag == f"{_RNG}start" and replaces_start:
            component.getparent().remove(component)
        elif component.tag == f"{_RNG}define" and component.get("name") in names:
            found.add(component.get("name"))
            component.getparent().remove(component)
    missing = names - found
    if missing:
        raise SchemaError(
            f"schema {where}: <include href=\"{include.get('href')}\"> overrides "
            f"{', '.join(sorted(missing))}, which the included grammar does not define"
        )


_RNC_HREF = re.compile(r"\b(?:include|external)\s+\"([^\"]*)\"|\b(?:include|external)\s+'([^']*)'")


def _rnc_to_rng(path: Path, data: bytes) -> bytes:
    """RELAX NG compact syntax to XML syntax: trang when installed (complete), else rnc2rng.

    Hrefs are checked before either tool sees the file, since both would follow them."""
    text = data.decode("utf-8-sig", errors="replace")
    for match in _RNC_HREF.finditer(text):
        _local_href(match.group(1) or match.group(2), path, display_path(path))
    trang = shutil.which("trang")
    if trang:
        with tempfile.TemporaryDirectory(prefix="teipress-rnc-") as tmp:
            out = Path(tmp) / (path.stem + ".rng")
            result = subprocess.run(
                [trang, "-I", "rnc", "-O", "rng", str(path), str(out)],
                capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
            )
            if result.returncode == 0 and out.exists():
                # trang writes one .rng per included .rnc; inline them now, relative to tmp.
                root = _resolve_hrefs(_load_file(out, None), out, (out.resolve(),))
                return etree.tostring(root)
            problem = (result.stderr or result.stdout).strip().splitlines()
            raise SchemaError(
                f"schema {display_path(path)}: not valid RELAX NG compact syntax: "
                f"{problem[0] if problem else 'trang failed'}"
            )
    return _rnc2rng(path, text)


def _rnc2rng(path: Path, text: str) -> bytes:
    try:
        import rnc2rng
    except ImportError:
        raise SchemaError(
            f"schema {display_path(path)} is RELAX NG compact syntax: install trang or the "
            "rnc2rng package to read it, or convert it to .rng"
        ) from None
    # rnc2rng does not expand \x{...} escapes (RNC spec 5.2); characters that would end a
    # literal or a line are put back as character references after conversion.
    held: dict[str, str] = {}

    def unescape(match: re.Match[str]) -> str:
        char = chr(int(match.group(1), 16))
        if char in "\n\r\"'":
            marker = chr(0xF0000 + len(held))
            held[marker] = f"&#{ord(char)};"
            return marker
        return char

    text = re.sub(r"\\x\{([0-9A-Fa-f]+)\}", unescape, text)
    try:
        xml = rnc2rng.dumps(rnc2rng.loads(text))
    except Exception as exc:  # rnc2rng/rply raise plain exceptions with a source position
        raise SchemaError(
            f"schema {display_path(path)}: rnc2rng cannot convert it ({_describe(exc)}); "
            "install trang, convert it to .rng, or use --engine jing"
        ) from None
    for marker, reference in held.items():
        xml = xml.replace(marker, reference)
    return xml.encode("utf-8")


def _describe(exc: Exception) -> str:
    position = getattr(exc, "source_pos", None) or getattr(exc, "getsourcepos", lambda: None)()
    if position is not None and getattr(position, "lineno", None):
        return f"unsupported syntax at line {position.lineno}, column {position.colno}"
    return f"{type(exc).__name__}: {exc}"


# --- pruning ------------------------------------------------------------------------------------


def used_names(trees: Iterable[etree._ElementTree | etree._Element]) -> set[tuple[str, str]]:
    """Every (namespace, localname) of an element in the documents ("" for no namespace)."""
    tags: set[str] = set()
    for tree in trees:
        root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
        tags.update(element.tag for element in root.iter(etree.Element))
    return {_split_tag(tag) for tag in tags}


def _split_tag(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        namespace, local = tag[1:].split("}", 1)
        return namespace, local
    return "", tag


def prune_schema(
    rng: etree._ElementTree, used: set[tuple[str, str]], *, stubs: bool = False
) -> etree._ElementTree:
    """A copy where every <element> pattern whose single name is not in `used` is <notAllowed/>
    (with `stubs`: keeps its name but loses its content, see `_stub`).

    Such a pattern can only ever fail to match in these documents, so the verdict for them is
    unchanged, and libxml2 no longer compiles the content of hundreds of unused TEI elements
    (tei_all: 6-11 s -> 0.01 s). Patterns with name classes are kept as they are.
    """
    pruned = copy.deepcopy(rng)
    stack = [pruned.getroot()]
    while stack:
        node = stack.pop()
        if node.tag == f"{_RNG}element":
            name = pattern_name(node)
            if name is not None and name not in used:
                replacement = _stub(node, name) if stubs else node.makeelement(f"{_RNG}notAllowed")
                replacement.tail = node.tail
                if node.getparent() is None:
                    return etree.ElementTree(replacement)
                node.getparent().replace(node, replacement)
                continue
        stack.extend(child for child in node if isinstance(child.tag, str))
    return pruned


# RELAX NG patterns (everything but name classes, annotations and the grammar's plumbing).
_PATTERNS = frozenset(
    f"{_RNG}{tag}" for tag in (
        "element", "attribute", "group", "interleave", "choice", "optional", "zeroOrMore",
        "oneOrMore", "list", "mixed", "ref", "parentRef", "empty", "text", "value", "data",
        "notAllowed", "externalRef", "grammar")
)
_NOT_ALLOWED = f"{_RNG}notAllowed"
# Patterns that match nothing as soon as one of their parts matches nothing.
_ALL_REQUIRED = frozenset(f"{_RNG}{tag}" for tag in (
    "group", "interleave", "oneOrMore", "element", "attribute", "list", "mixed"))


def simplify_pruned(rng: etree._ElementTree) -> etree._ElementTree:
    """Remove the `notAllowed` that pruning left, as RELAX NG simplification does (spec 4.19):
    a choice loses its dead branches, a group with a dead part is dead, an optional or repeated
    dead part is dropped, and a define that became dead kills its references.

    Why: libxml2 validates a choice by trying every branch, dead ones included, so the pruned
    tei_all validated at ~4 MB/s; without them it runs as fast as the full schema. The
    language of every pattern is unchanged, so no verdict changes.
    """
    root = rng.getroot()
    defines: dict[str, list[etree._Element]] = {}
    for define in root.iter(f"{_RNG}define"):
        defines.setdefault(define.get("name"), []).append(define)
    dead: set[str] = set()
    changed = True
    while changed:
        changed = False
        for node in reversed(list(root.iter(*_PATTERNS, f"{_RNG}define"))):  # children first
            if node.getparent() is not None:
                changed |= _simplify_node(node, dead)
    for name in dead:
        for define in defines[name]:
            if define.getparent() is not None:
                define.getparent().remove(define)
    return rng


def _simplify_node(node: etree._Element, dead: set[str]) -> bool:
    """One simplification step at `node`; True when it changed something."""
    parts = _parts(node)
    if node.tag in (f"{_RNG}ref", f"{_RNG}parentRef"):
        if node.get("name") in dead:
            _become(node, _NOT_ALLOWED)
            return True
        return False
    if not any(part.tag == _NOT_ALLOWED for part in parts):
        return False
    if node.tag == f"{_RNG}define":
        if node.get("name") in dead:
            return False
        dead.add(node.get("name"))
        return True
    if node.tag == f"{_RNG}choice":
        if all(part.tag == _NOT_ALLOWED for part in parts):
            _become(node, _NOT_ALLOWED)
        else:
            for part in parts:
                if part.tag == _NOT_ALLOWED:
                    node.remove(part)
        return True
    if node.tag in _ALL_REQUIRED:
        _become(node, _NOT_ALLOWED)
        return True
    if node.tag in (f"{_RNG}optional", f"{_RNG}zeroOrMore"):
        siblings = _parts(node.getparent())
        if len(siblings) > 1 and node.getparent().tag != f"{_RNG}choice":
            node.getparent().remove(node)  # in a sequence, "nothing, optionally" is absent
        else:
            _become(node, f"{_RNG}empty")
        return True
    return False


def _parts(node: etree._Element) -> list[etree._Element]:
    return [child for child in node if isinstance(child.tag, str) and child.tag in _PATTERNS]


def _become(node: etree._Element, tag: str) -> None:
    replacement = node.makeelement(tag)
    replacement.tail = node.tail
    node.getparent().replace(node, replacement)


def without_automata(rng: etree._ElementTree) -> etree._ElementTree:
    """Keep libxml2 from compiling content models into automata: each element's content gets a
    `choice` with a `notAllowed` branch (same language), which libxml2 does not compile.

    Why: once simplified, some TEI content models (msItem's, for one) make libxml2's automaton
    construction run for minutes; validating without automata measured as fast (0.19 s for the
    113 maechtekongresse editions, against 0.20 s for the fully compiled tei_all)."""
    for element in rng.getroot().iter(f"{_RNG}element"):
        content = next((part for part in _parts(element) if part.tag != f"{_RNG}attribute"), None)
        if content is None or content.tag in (f"{_RNG}empty", f"{_RNG}text"):
            continue
        guard = content.makeelement(f"{_RNG}choice")
        guard.tail, content.tail = content.tail, None
        content.addprevious(guard)
        etree.SubElement(guard, _NOT_ALLOWED)
        guard.append(content)
    return rng


def _stub(pattern: etree._Element, name: tuple[str, str]) -> etree._Element:
    """The same name with empty content: matches nothing in these documents either.

    The fallback for <notAllowed/>: libxml2 rejects some schemas with notAllowed in a group
    ("Element history attributes have a content type error", a libxml2 quirk; the spec allows
    it). Measured on tei_all and the 113 maechtekongresse editions: notAllowed compiles in
    0.01 s and validates in 1.3 s; stubs compile in 3.7 s and validate in 0.28 s; the full
    schema 6.2 s and 0.2 s. Removing the notAllowed by RELAX NG simplification made libxml2's
    compile run past 20 s.
    """
    stub = pattern.makeelement(f"{_RNG}element", {"name": name[1], "ns": name[0]})
    etree.SubElement(stub, f"{_RNG}empty")
    stub.tail = pattern.tail
    return stub


# --- compiling under a time limit ---------------------------------------------------------------


def _compile(rng: etree._ElementTree) -> etree.RelaxNG:
    """libxml2's compile, uninterruptible while it runs (a module function so tests can slow it)."""
    return etree.RelaxNG(rng)


def _probe(rng: etree._ElementTree) -> None:
    # Errors are not reported from here: the parent compiles again and reports them properly.
    with contextlib.suppress(BaseException):
        _compile(rng)


def compile_schema(rng: etree._ElementTree, *, label: str, timeout: float = DEFAULT_TIMEOUT
                   ) -> etree.RelaxNG:
    """Compile in this process, but only after a forked child proved it finishes in time.

    Why a probe and not a worker that also validates: libxml2 can spend many minutes inside one
    C call that Python cannot interrupt, so only a separate process can be given up on. A
    compiled RelaxNG cannot be pickled; keeping it in this process lets `check` stay a plain
    call (and forked batch workers inherit it), with no findings to ship between processes. The
    price is compiling twice, a few tens of milliseconds for a pruned schema. Compiling is
    deterministic, so once the child has finished the parent will too. Without fork (Windows)
    there is no probe and the compile runs unguarded.
    """
    if timeout and "fork" in multiprocessing.get_all_start_methods():
        child = multiprocessing.get_context("fork").Process(target=_probe, args=(rng,), daemon=True)
        child.start()
        child.join(timeout)
        if child.is_alive():
            child.kill()
            child.join()
            raise SchemaError(
                f"compiling the schema {label} took longer than {timeout:g} s; try --engine jing"
            )
        if child.exitcode is not None and child.exitcode < 0:
            raise SchemaError(
                f"libxml2 crashed compiling the schema {label} (signal {-child.exitcode}); "
                "try --engine jing"
            )
    try:
        return _compile(rng)
    except etree.RelaxNGParseError as exc:
        entries = [e for e in exc.error_log if e.level_name in ("ERROR", "FATAL")] or list(
            exc.error_log
        )
        detail = "; ".join(dict.fromkeys(e.message.strip() for e in entries[:3])) or str(exc)
        raise SchemaError(f"schema {label} is not valid RELAX NG: {detail}") from None


# --- the engines --------------------------------------------------------------------------------


class Grammar(Protocol):
    """What the CLI needs from an engine: findings (rule "relaxng") for a batch of documents."""

    name: str
    schema: etree._ElementTree  # the schema as loaded (includes resolved), for the rules stage

    def check_many(self, documents: list[ParsedDocument]) -> dict[Path, list[Finding]]: ...


class LxmlGrammar:
    """libxml2 via lxml: the schema pruned to the documents' element names, compiled once."""

    name = "lxml"

    def __init__(
        self,
        schema_path: Path,
        documents: list[ParsedDocument],
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.schema_path = Path(schema_path)
        self.label = display_path(self.schema_path)
        self.timeout = timeout
        self.schema = load_schema(self.schema_path)
        self._names: weakref.WeakKeyDictionary[ParsedDocument, set[tuple[str, str]]] = (
            weakref.WeakKeyDictionary()
        )
        self.used = set().union(*(self._names_of(d) for d in documents))
        self._build()

    def _names_of(self, document: ParsedDocument) -> set[tuple[str, str]]:
        if document not in self._names:
            self._names[document] = used_names([document.tree])
        return self._names[document]

    def _build(self) -> None:
        """Prune to `self.used`, simplify, and compile (under the time limit). The pruned tree is
        kept so that worker threads can compile copies of their own in milliseconds."""
        pruned = without_automata(simplify_pruned(prune_schema(self.schema, self.used)))
        try:
            self._relaxng = compile_schema(pruned, label=self.label, timeout=self.timeout)
        except SchemaError as exc:
            if "content type error" not in exc.message:
                raise
            pruned = prune_schema(self.schema, self.used, stubs=True)
            self._relaxng = compile_schema(pruned, label=self.label, timeout=self.timeout)
        self._pruned = pruned

    def _cover(self, documents: list[ParsedDocument]) -> None:
        """Documents the grammar was not pruned for: their new names need their patterns back."""
        names = set().union(*(self._names_of(d) for d in documents))
        if not names <= self.used:
            self.used |= names
            self._build()

    def check(self, document: ParsedDocument) -> list[Finding]:
        self._cover([document])
        return self._findings(document, _rejection(document, self._relaxng))

    def check_many(self, documents: list[ParsedDocument]) -> dict[Path, list[Finding]]:
        """Validation runs in threads (libxml2 releases the GIL; each thread has its own compiled
        copy, as a RelaxNG object's error log is not thread-safe) while this thread words the
        messages of the documents already rejected."""
        self._cover(documents)
        workers = min(len(documents), os.cpu_count() or 1, MAX_THREADS)
        if workers <= 1:
            return {d.path: self.check(d) for d in documents}
        schemas: queue.SimpleQueue[etree.RelaxNG] = queue.SimpleQueue()
        schemas.put(self._relaxng)
        for _ in range(workers - 1):
            schemas.put(etree.RelaxNG(self._pruned))

        def validate(document: ParsedDocument) -> list | None:
            relaxng = schemas.get()
            try:
                return _rejection(document, relaxng)
            finally:
                schemas.put(relaxng)

        with ThreadPoolExecutor(max_workers=workers) as pool:
            rejections = pool.map(validate, documents)
            return {d.path: self._findings(d, log) for d, log in zip(documents, rejections, strict=True)}

    def _findings(self, document: ParsedDocument, log: list | None) -> list[Finding]:
        """Findings for libxml2's error log of one document (None: the document is valid)."""
        if log is None:
            return []
        severity = "warning" if log and all(e.level_name == "WARNING" for e in log) else "error"
        finder = _ElementFinder(document)
        entries = [(entry.message, finder.find(entry)) for entry in log]
        if not entries:
            # libxml2 can reject without a word (a pruned start that matches nothing): the
            # verdict must still show, and the re-check below finds what is wrong.
            entries = [("the document does not match the schema", document.root)]
        findings: dict[tuple, Finding] = {}
        for explanation in messages.explain_all(entries, self.schema):
            if explanation.element is not None:
                line, column = document.locator.locate(explanation.element)
            else:
                line = next((e.line for e in log if e.message == explanation.text), 0)
                column = document.locator.column_on_line(line)
            finding = Finding(document.display, line, column, severity, "relaxng", explanation.text)
            findings.setdefault((line, column, explanation.text), finding)
        if not findings:  # never report a rejected document as valid
            line, column = document.locator.locate(document.root)
            findings[()] = Finding(document.display, line, column, severity, "relaxng",
                                   " ".join(log[0].message.split()) if log
                                   else "the document does not match the schema")
        return list(findings.values())


def _rejection(document: ParsedDocument, relaxng: etree.RelaxNG) -> list | None:
    """None when the document is valid, else libxml2's error log (copied: the next validation
    with the same object replaces it)."""
    if relaxng.validate(document.tree):
        return None
    return list(relaxng.error_log)


class _ElementFinder:
    """The element a libxml2 error is about, from its path (`/*/*[2]/*`), else by line; the
    namespaces and the line index are built once per document, not once per error."""

    def __init__(self, document: ParsedDocument) -> None:
        self.document = document

    @functools.cached_property
    def _namespaces(self) -> dict[str, str]:
        namespaces: dict[str, str] = {}
        for element in self.document.root.iter(etree.Element):
            for prefix, uri in element.nsmap.items():
                if prefix:
                    namespaces.setdefault(prefix, uri)
        return namespaces

    @functools.cached_property
    def _by_line(self) -> dict[int, etree._Element]:
        lines: dict[int, etree._Element] = {}
        for element in self.document.root.iter(etree.Element):
            if element.sourceline:
                lines.setdefault(element.sourceline, element)
        return lines

    def find(self, entry) -> etree._Element | None:
        path = entry.path or ""
        if path.startswith("/"):
            try:
                found = self.document.tree.xpath(path, namespaces=self._namespaces)
            except etree.XPathError:
                found = []
            if found and isinstance(found[0], etree._Element):
                return found[0]
        return self._by_line.get(entry.line) if entry.line else None


_JING_LINE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<level>error|warning|fatal): (?P<message>.*)$"
)
# The Debian jing wrapper turns on Xerces' XInclude processing; teipress validates what it parsed,
# so that is switched back off (the JVM applies _JAVA_OPTIONS after the wrapper's own -D).
_JAVA_OPTIONS = (
    "-Dorg.apache.xerces.xni.parser.XMLParserConfiguration="
    "org.apache.xerces.parsers.XIncludeAwareParserConfiguration "
    "-Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8"
)
_ENTITY_REFERENCE = re.compile(rb"&(?!(?:lt|gt|amp|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)[^\s;&<]+;")


class JingGrammar:
    """jing, once per batch. It reads only copies of what teipress parsed and its own schema
    copy, so it never fetches a DTD, an XInclude or a schema module."""

    name = "jing"

    def __init__(self, schema_path: Path, timeout: float | None = 600.0) -> None:
        jing = shutil.which("jing")
        if jing is None:
            raise SchemaError("jing is not installed (Debian: apt-get install jing); use --engine lxml")
        self.jing = jing
        self.schema_path = Path(schema_path)
        self.label = display_path(self.schema_path)
        self.timeout = timeout
        self.schema = load_schema(self.schema_path)

    def check(self, document: ParsedDocument) -> list[Finding]:
        return self.check_many([document])[document.path]

    def check_many(self, documents: list[ParsedDocument]) -> dict[Path, list[Finding]]:
        results: dict[Path, list[Finding]] = {d.path: [] for d in documents}
        with tempfile.TemporaryDirectory(prefix="teipress-jing-") as tmp:
            folder = Path(tmp)
            schema_file = folder / "schema.rng"
            self.schema.write(str(schema_file), xml_declaration=True, encoding="UTF-8")
            copies = {}
            for index, document in enumerate(documents):
                name = folder / f"{index:06d}.xml"
                copies[str(name)] = (document, _jing_copy(document, name))
            pending = list(copies)
            while pending:
                pending = self._run(schema_file, pending, copies, results)
        return results

    def _run(self, schema_file: Path, files: list[str], copies: dict, results: dict) -> list[str]:
        """One jing call; returns the files still to check when a fatal error stopped it early
        (jing gives up on the rest of the batch after one not-well-formed file)."""
        env = dict(os.environ, _JAVA_OPTIONS=_JAVA_OPTIONS)
        try:
            run = subprocess.run(
                [self.jing, str(schema_file), *files],
                capture_output=True, env=env, timeout=self.timeout, stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired:
            raise SchemaError(f"jing took longer than {self.timeout:g} s") from None
        output = run.stdout.decode("utf-8", errors="replace").splitlines()
        stopped_at = None
        for text in output:
            match = _JING_LINE.match(text)
            if match is None:
                continue
            where = match.group("file")
            if where == str(schema_file) or where.endswith("schema.rng"):
                raise SchemaError(f"schema {self.label} is not valid RELAX NG: {match.group('message')}")
            if where not in copies:
                continue
            document, mapper = copies[where]
            line, column = mapper(int(match.group("line")), int(match.group("column")))
            level = match.group("level")
            severity = "warning" if level == "warning" else "error"
            results[document.path].append(
                Finding(document.display, line, column, severity, "relaxng", match.group("message"))
            )
            if level == "fatal":
                stopped_at = files.index(where) if where in files else None
        if run.returncode not in (0, 1) or (run.returncode == 1 and not any(
            _JING_LINE.match(t) for t in output
        )):
            problem = [t for t in (output + run.stderr.decode("utf-8", "replace").splitlines())
                       if t.strip() and not t.startswith("Picked up _JAVA_OPTIONS")]
            raise SchemaError(f"jing failed: {problem[0] if problem else f'exit code {run.returncode}'}")
        return files[stopped_at + 1:] if stopped_at is not None else []


def _jing_copy(document: ParsedDocument, name: Path):
    """Write what jing should read; return a function from its (line, col) to the original's.

    Without a DOCTYPE the parsed bytes are written unchanged, so positions are exact. A DOCTYPE
    could make jing load a DTD or entities, so it is blanked out (same lines and columns) when no
    entity refers to it, and otherwise the expanded tree is written and positions are mapped back
    through the element at that place.
    """
    source = document.source
    docinfo = document.tree.docinfo
    if not docinfo.doctype:
        name.write_bytes(source)
        return lambda line, column: (line, column)
    blanked = _blank_doctype(source, document)
    if blanked is not None:
        name.write_bytes(blanked)
        return lambda line, column: (line, column)
    data = etree.tostring(document.root, xml_declaration=True, encoding="UTF-8")
    name.write_bytes(data)
    copy_doc = etree.ElementTree(etree.fromstring(data))
    locator = Locator(data.decode("utf-8"), copy_doc.getroot())
    originals = list(document.root.iter(etree.Element))
    copies = list(copy_doc.getroot().iter(etree.Element))

    def mapper(line: int, column: int) -> tuple[int, int]:
        best = None
        for index, element in enumerate(copies):
            if locator.locate(element) <= (line, column):
                best = index
            else:
                break
        if best is None or best >= len(originals):
            return line, column
        return document.locator.locate(originals[best])

    return mapper


def _blank_doctype(source: bytes, document: ParsedDocument) -> bytes | None:
    match = re.search(rb"<!DOCTYPE(?:[^\[>]|\[.*?\])*>", source, re.DOTALL)
    if match is None:
        return None
    rest = source[match.end():]
    if _ENTITY_REFERENCE.search(rest):
        return None
    blank = re.sub(rb"[^\r\n]", b" ", match.group())
    return source[: match.start()] + blank + rest


def make_grammar(
    engine: str,
    schema_path: Path,
    documents: list[ParsedDocument],
    timeout: float = DEFAULT_TIMEOUT,
) -> Grammar:
    """The engine named by `--engine`, ready for `check_many(documents)`."""
    if engine == "lxml":
        return LxmlGrammar(schema_path, documents, timeout=timeout)
    if engine == "jing":
        return JingGrammar(schema_path)
    raise SchemaError(f"unknown RELAX NG engine {engine!r}: use one of {', '.join(ENGINES)}")
