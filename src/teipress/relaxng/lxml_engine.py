"""libxml2 via lxml: the schema pruned to the documents' element names, compiled under a time
limit, documents validated in threads, and libxml2's errors explained (`explain.py`)."""

from __future__ import annotations

import contextlib
import functools
import os
import queue
import time
import weakref
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from lxml import etree

from ..findings import Finding, display_path
from ..parse import ParsedDocument
from ..workers import default_jobs
from .load import load_schema
from .names import Name
from .prune import (
    SchemaFacts,
    load_pruned,
    load_schema_facts,
    prune_schema,
    pruned_key,
    schema_digest,
    schema_element_names,
    simplify_pruned,
    source_local_names,
    store_pruned,
    store_schema_facts,
    used_names,
    without_automata,
)
from .source import SchemaError, place_in_schema

MAX_THREADS = 2  # validation threads (libxml2 releases the GIL); more did not pay off when measured
GROUP_NAMES = 160  # element names one compiled schema is pruned for, at most (see LxmlGrammar)
# libxml2 validates about 30 MB of TEI a second against tei_all pruned for maechtekongresse
# (measured on the 2-core "vm"): a second thread, which needs a compile of its own, pays off
# only for batches that take longer to validate than twice that compile.
VALIDATED_BYTES_PER_SECOND = 30e6
DEFAULT_TIMEOUT = 60.0


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
    price is compiling twice, which is cheap for a pruned schema. Compiling is
    deterministic, so once the child has finished the parent will too. Without fork (Windows)
    there is no probe and the compile runs unguarded; nor in a daemonic process (a Dask
    worker), which may not start children.
    """
    import multiprocessing  # only here: a warm run loads its compiled schema without a probe

    if (timeout and "fork" in multiprocessing.get_all_start_methods()
            and not multiprocessing.current_process().daemon):
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
        where = place_in_schema(rng, entries[0].line if entries else None) or label
        raise SchemaError(f"schema {where} is not valid RELAX NG: {detail}") from None


T = TypeVar("T")
Parsed = TypeVar("Parsed", bound=tuple)  # a parse result: (ParsedDocument | None, ...)
_LATER = object()  # not validated in the parsing thread: checked once all are parsed


@dataclass(eq=False)  # compared (and hashed) by identity
class _Compiled:
    """The schema pruned for a set of element names, compiled, with the threads' copies."""

    names: frozenset[Name]
    relaxng: etree.RelaxNG
    pruned: etree._ElementTree
    seconds: float  # what one compile took: a thread's own copy is compiled only when cheap
    spares: list[etree.RelaxNG] = field(default_factory=list)


class LxmlGrammar:
    """libxml2 via lxml: the schema pruned to the documents' element names and compiled; once
    for a corpus of up to GROUP_NAMES names, else once per group of documents that together use
    at most that many (libxml2's compile grows with about the cube of the names: 0.02 s for
    100 of tei_all's, 0.2 s for 200, 3.6 s for 400)."""

    name = "lxml"

    def __init__(
        self,
        schema_path: Path,
        documents: list[ParsedDocument],
        timeout: float = DEFAULT_TIMEOUT,
        local_names: frozenset[str] | None = None,
    ) -> None:
        self.schema_path = Path(schema_path)
        self.label = display_path(self.schema_path)
        self.timeout = timeout
        facts = load_schema_facts(self.schema_path)
        if facts is None:
            facts = SchemaFacts(schema_digest(self.schema), frozenset(schema_element_names(self.schema)))
            store_schema_facts(self.schema_path, self.schema, facts)
        self._facts = facts
        self._names: weakref.WeakKeyDictionary[ParsedDocument, frozenset[Name]] = (
            weakref.WeakKeyDictionary()
        )
        self._shown: weakref.WeakKeyDictionary[ParsedDocument, frozenset[str] | None] = (
            weakref.WeakKeyDictionary()
        )
        self._beyond: dict[frozenset[Name], frozenset[str]] = {}
        self._grammars: list[_Compiled] = []
        used = set()
        if local_names:  # names of documents to come (a superset is safe: it prunes less)
            used = {name for name in self._schema_names if name[1] in local_names}
        for document in documents:
            if not self._within(document, frozenset(used)):
                used |= self._names_of(document)
        self._given = frozenset(used)
        if len(used) <= GROUP_NAMES:
            self._grammars.append(self._compiled(self._given))

    def _within(self, document: ParsedDocument, names: frozenset[Name]) -> bool:
        """Are the document's names (those the schema has) among `names`? Told from the start
        tags in its source when they show every element (see `source_local_names`): the same
        answer as from its tree, which a Python walk over every element would cost."""
        if document not in self._names:
            if document not in self._shown:
                self._shown[document] = source_local_names(document.source, document.tree.docinfo.encoding)
            shown = self._shown[document]
            if shown is not None and shown.isdisjoint(self._locals_beyond(names)):
                return True
        return self._names_of(document) <= names

    def _locals_beyond(self, names: frozenset[Name]) -> frozenset[str]:
        """The local names of the schema's element names that are not all among `names`."""
        if names not in self._beyond:
            self._beyond[names] = frozenset(local for local, named in self._schema_by_local.items()
                                            if any(name not in names for name in named))
        return self._beyond[names]

    def _names_of(self, document: ParsedDocument) -> frozenset[Name]:
        """The document's element names that the schema has patterns for (others change no
        pruning)."""
        if document not in self._names:
            self._names[document] = frozenset(used_names([document.tree]) & self._schema_names)
        return self._names[document]

    def compile_all(self) -> None:
        """Compile now for all the names given to the constructor, however many (to report an
        unusable schema when no document is there to check)."""
        if self._covering(self._given) is None:
            self._grammars.append(self._compiled(self._given))

    def _compiled(self, names: frozenset[Name]) -> _Compiled:
        """Pruned for `names`, simplified and compiled (under the time limit), or loaded as an
        earlier run stored it after it compiled: then without pruning or a probe."""
        started = time.perf_counter()
        key = pruned_key(self._schema_digest, set(names))
        pruned = load_pruned(key)
        if pruned is not None:
            with contextlib.suppress(etree.RelaxNGParseError):  # else: prune and compile anew
                relaxng = _compile(pruned)
                return _Compiled(names, relaxng, pruned, time.perf_counter() - started)
        relaxng, pruned = self._prune_and_compile(names)
        store_pruned(key, pruned)
        return _Compiled(names, relaxng, pruned, time.perf_counter() - started)

    def _prune_and_compile(self, names: frozenset[Name]) -> tuple[etree.RelaxNG, etree._ElementTree]:
        pruned = without_automata(simplify_pruned(prune_schema(self.schema, set(names))))
        try:
            return compile_schema(pruned, label=self.label, timeout=self.timeout), pruned
        except SchemaError as exc:
            if "content type error" not in exc.message:
                raise
            pruned = prune_schema(self.schema, set(names), stubs=True)
            return compile_schema(pruned, label=self.label, timeout=self.timeout), pruned

    def _grammars_for(self, documents: list[ParsedDocument]) -> list[_Compiled]:
        """For each document a compiled schema pruned for (at least) its names. Documents that
        no schema compiled so far covers are packed, in order, into groups of at most
        GROUP_NAMES names (a document with more gets one of its own), each compiled once."""
        planned: list[set[Name]] = []
        for document in documents:
            if self._grammars and self._within(document, self._grammars[0].names):
                continue  # the first compiled schema covers it (and would be chosen below)
            names = self._names_of(document)
            if self._covering(names) is not None or any(names <= group for group in planned):
                continue
            group = next((g for g in planned if len(g | names) <= GROUP_NAMES), None)
            if group is None:
                planned.append(set(names))
            else:
                group |= names
        self._grammars += [self._compiled(frozenset(group)) for group in planned]
        return [self._grammar_for(d) for d in documents]

    def _grammar_for(self, document: ParsedDocument) -> _Compiled:
        """The first compiled schema that covers the document's names (there is one)."""
        if self._within(document, self._grammars[0].names):
            return self._grammars[0]
        return self._covering(self._names_of(document))  # type: ignore[return-value]

    def _covering(self, names: frozenset[Name]) -> _Compiled | None:
        return next((g for g in self._grammars if names <= g.names), None)

    @functools.cached_property
    def schema(self) -> etree._ElementTree:
        """The schema as loaded, includes inlined: read when first needed (to prune it anew,
        to word a rejected document's findings, for the rules stage), not by a warm run over
        valid documents."""
        return load_schema(self.schema_path)

    @property
    def _schema_digest(self) -> str:
        return self._facts.digest

    @property
    def _schema_names(self) -> frozenset[Name]:
        return self._facts.names

    @functools.cached_property
    def _schema_by_local(self) -> dict[str, list[Name]]:
        by_local: dict[str, list[Name]] = {}
        for name in self._schema_names:
            by_local.setdefault(name[1], []).append(name)
        return by_local

    def check(self, document: ParsedDocument) -> list[Finding]:
        [grammar] = self._grammars_for([document])
        return self._findings(document, _rejection(document, grammar.relaxng))

    def check_many(self, documents: list[ParsedDocument]) -> dict[Path, list[Finding]]:
        """Validation runs in threads (libxml2 releases the GIL; each thread has its own compiled
        copy, as a RelaxNG object's error log is not thread-safe) while this thread words the
        messages of the documents already rejected. A second thread needs a second compile,
        made (once per process) only when it costs less than the thread saves."""
        grammars = self._grammars_for(documents)
        results: dict[Path, list[Finding]] = {}
        for grammar in dict.fromkeys(grammars):
            group = [d for d, g in zip(documents, grammars, strict=True) if g is grammar]
            threads = min(len(group), os.cpu_count() or 1, MAX_THREADS)
            validating = sum(len(d.source) for d in group) / VALIDATED_BYTES_PER_SECOND
            if not grammar.spares and grammar.seconds > validating / 2:
                threads = 1  # a second thread would save less than its compile costs
            results |= self._check_group(grammar, group, threads)
        return {d.path: results[d.path] for d in documents}

    def parse_and_check(self, tasks: list[T], parse: Callable[[T], Parsed], expected_bytes: int = 0
                        ) -> tuple[list[Parsed], dict[Path, list[Finding]]]:
        """`check_many` for documents still to be parsed (`parse(task)[0]`: the document or
        None): threads parse each and, when the first compiled schema covers it, validate it
        (libxml2 releases the GIL for both) while this thread words the findings of those
        already rejected. The others are checked as `check_many` checks them once all are
        parsed, so each document gets the schema `check_many` would give it. A second thread
        (with a copy of its own, compiled here once) when the `expected_bytes` this process
        will validate repay that compile."""
        first = self._grammars[0] if self._grammars else None
        threads = 1
        if first is not None and len(tasks) > 1 and _core_to_spare() and (
                first.spares or first.seconds < expected_bytes / VALIDATED_BYTES_PER_SECOND / 2):
            threads = 2
        copies: queue.SimpleQueue[etree.RelaxNG] = queue.SimpleQueue()
        for relaxng in [first.relaxng, *first.spares][:threads] if first is not None else []:
            copies.put(relaxng)

        def parse_and_validate(task: T) -> tuple[Parsed, object]:
            result = parse(task)
            document = result[0]
            if first is None or document is None or not self._within(document, first.names):
                return result, _LATER
            relaxng = copies.get()  # the second thread parses its first document meanwhile
            try:
                return result, _rejection(document, relaxng)
            finally:
                copies.put(relaxng)

        parsed: list[Parsed] = []
        findings: dict[Path, list[Finding]] = {}
        later: list[ParsedDocument] = []
        with ThreadPoolExecutor(max_workers=threads) as pool:
            results = pool.map(parse_and_validate, tasks)
            if first is not None and threads > len(first.spares) + 1:
                first.spares.append(etree.RelaxNG(first.pruned))  # compiled once a process
                copies.put(first.spares[-1])
            for result, log in results:
                parsed.append(result)
                if log is not _LATER:
                    findings[result[0].path] = self._findings(result[0], log)  # type: ignore[arg-type]
                elif result[0] is not None:
                    later.append(result[0])
        return parsed, findings | (self.check_many(later) if later else {})

    def _check_group(self, grammar: _Compiled, documents: list[ParsedDocument],
                     threads: int) -> dict[Path, list[Finding]]:
        if len(documents) <= 1:
            return {d.path: self._findings(d, _rejection(d, grammar.relaxng)) for d in documents}
        # One validating thread at least: it runs while this one words the findings.
        threads = max(threads, 1)
        schemas: queue.SimpleQueue[etree.RelaxNG] = queue.SimpleQueue()
        schemas.put(grammar.relaxng)
        while len(grammar.spares) < threads - 1:  # compiled once, not for every batch
            grammar.spares.append(etree.RelaxNG(grammar.pruned))
        for spare in grammar.spares[:threads - 1]:
            schemas.put(spare)

        def validate(document: ParsedDocument) -> list | None:
            relaxng = schemas.get()
            try:
                return _rejection(document, relaxng)
            finally:
                schemas.put(relaxng)

        with ThreadPoolExecutor(max_workers=threads) as pool:
            rejections = pool.map(validate, documents)
            return {d.path: self._findings(d, log) for d, log in zip(documents, rejections, strict=True)}

    def _findings(self, document: ParsedDocument, log: list | None) -> list[Finding]:
        """Findings for libxml2's error log of one document (None: the document is valid)."""
        if log is None:
            return []
        from .explain import ElementFinder, explain_all  # the re-check: for rejected documents
        severity = "warning" if log and all(e.level_name == "WARNING" for e in log) else "error"
        finder = ElementFinder(document)
        entries = [(entry.message, finder.find(entry)) for entry in log]
        if not entries:
            # libxml2 can reject without a word (a pruned start that matches nothing): the
            # verdict must still show, and the re-check below finds what is wrong.
            entries = [("the document does not match the schema", document.root)]

        findings: dict[tuple, Finding] = {}
        for explanation in explain_all(entries, self.schema):
            if explanation.element is not None:
                line, column = document.locator.locate(explanation.element)
            else:
                line = next((e.line for e in log if e.message == explanation.text), 0)
                column = document.locator.column_on_line(line)
            finding = Finding(document.display, line, column, severity, "relaxng", explanation.text)
            findings.setdefault((line, column, explanation.text), finding)
        return list(findings.values())  # never empty: explain_all explains at least one entry


def _core_to_spare() -> bool:
    """Is a core free for a second thread (the last minute's load, as `make -l` decides; a run
    of teipress and jing back to back alone makes it 1.5-1.9)? On the 2-core "vm" with one
    other busy process (load 2.1-3.1), two threads and the copy's compile cost more than they
    saved (maechtekongresse 0.64 s without, 0.68 s with); with a core free (load 1.6-1.7)
    they saved a quarter (0.51 s against 0.72 s)."""
    cores = default_jobs()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    return cores > 1 and load < cores


def _rejection(document: ParsedDocument, relaxng: etree.RelaxNG) -> list | None:
    """None when the document is valid, else libxml2's error log (copied: the next validation
    with the same object replaces it)."""
    if relaxng.validate(document.tree):
        return None
    return list(relaxng.error_log)
