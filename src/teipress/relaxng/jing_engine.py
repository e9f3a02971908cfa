"""jing, once per batch: the reference validator (better messages, no known false negatives,
but a JVM to start). It reads only copies of what teipress parsed and its own schema copy,
so it never fetches a DTD, an XInclude or a schema module."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from itertools import islice
from pathlib import Path

from lxml import etree

from ..findings import Finding, display_path
from ..locate import Locator
from ..parse import ParsedDocument
from .load import load_schema
from .source import SchemaError, place_in_schema

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
    """jing on the full schema, one process per batch of documents."""

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

    def parse_and_check(self, tasks: list, parse: Callable[..., tuple], expected_bytes: int = 0
                        ) -> tuple[list, dict[Path, list[Finding]]]:
        """`check_many` for documents still to be parsed (`parse(task)[0]`: the document or None)."""
        parsed = [parse(task) for task in tasks]
        return parsed, self.check_many([result[0] for result in parsed if result[0] is not None])

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

    def check_schema(self) -> None:
        """jing on the schema alone: a SchemaError if it is not valid RELAX NG."""
        with tempfile.TemporaryDirectory(prefix="teipress-jing-") as tmp:
            schema_file = Path(tmp) / "schema.rng"
            self.schema.write(str(schema_file), xml_declaration=True, encoding="UTF-8")
            self._run(schema_file, [], {}, {})

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
                place = self._place(schema_file, int(match.group("line"))) or self.label
                raise SchemaError(f"schema {place} is not valid RELAX NG: {match.group('message')}")
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

    def _place(self, schema_file: Path, line: int) -> str | None:
        """The schema's file and line for a line of the copy jing read (written without
        comments and with includes inlined, so its lines are not the user's)."""
        written = etree.parse(str(schema_file)).getroot().iter(etree.Element)
        at = None
        for index, element in enumerate(written):
            if element.sourceline > line:
                break
            at = index
        if at is None:
            return None
        original = next(islice(self.schema.getroot().iter(etree.Element), at, None), None)
        return place_in_schema(self.schema, original.sourceline) if original is not None else None


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
