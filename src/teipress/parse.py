"""Reading source files: the one hardened lxml parser configuration every command uses.

Every file is untrusted. The parser never touches the network, never loads a DTD or an external
entity, and keeps libxml2's limits on depth, text size and entity amplification. Whatever goes
wrong becomes a Finding with file and line, never an exception, so the other files are still read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from lxml import etree

from . import TEI_NS
from .findings import Finding, display_path
from .locate import Locator

TEI_ROOTS = {f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus"}

# libxml2 error domains/types that concern ids, not well-formedness: reported, the tree still used.
_ID_ERRORS = {
    etree.ErrorTypes.DTD_ID_REDEFINED,
    etree.ErrorTypes.DTD_XMLID_VALUE,
    etree.ErrorTypes.NS_ERR_XML_NAMESPACE,
}
_EXTERNAL_ENTITY = re.compile(rb"<!ENTITY\s+%?\s*[^\s>]+\s+(?:SYSTEM|PUBLIC)\b")


def make_parser(*, recover: bool = False, remove_comments: bool = False) -> etree.XMLParser:
    """The hardened configuration, for every file teipress reads (sources and schemas).
    Internal entities expand (within libxml2's amplification limit); external ones, DTDs and
    network access never happen."""
    return etree.XMLParser(
        resolve_entities="internal",
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
        recover=recover,
        remove_comments=remove_comments,
    )


@dataclass(eq=False)  # identity: a document is used as a dict key
class ParsedDocument:
    """A source file that parsed, with what later stages need to report on it."""

    path: Path
    display: str
    source: bytes
    tree: etree._ElementTree
    findings: list[Finding] = field(default_factory=list)

    @property
    def root(self) -> etree._Element:
        return self.tree.getroot()

    @property
    def is_tei(self) -> bool:
        return self.root.tag in TEI_ROOTS

    @cached_property
    def text(self) -> str:
        """The source decoded as lxml decoded it (for column positions)."""
        encoding = self.tree.docinfo.encoding or "utf-8"
        if encoding.lower().replace("-", "") in {"utf8", "utf16"}:
            encoding = {"utf8": "utf-8-sig", "utf16": "utf-16"}[encoding.lower().replace("-", "")]
        return self.source.decode(encoding, errors="replace")

    @cached_property
    def locator(self) -> Locator:
        return Locator(self.text, self.root)

    def finding(
        self, element: etree._Element | None, severity: str, rule: str, message: str
    ) -> Finding:
        """A finding at the element's start tag (or the whole file when element is None)."""
        line, column = self.locator.locate(element) if element is not None else (0, 0)
        return Finding(self.display, line, column, severity, rule, message)  # type: ignore[arg-type]


@dataclass
class ParseResult:
    """Either a document or the reason there is none; findings either way."""

    document: ParsedDocument | None
    findings: list[Finding]


def read_source(path: Path) -> tuple[bytes | None, Finding | None]:
    """The file's bytes, opened read-only, or a file-level finding saying why not."""
    shown = display_path(path)
    try:
        if path.is_symlink() and not path.exists():
            return None, Finding(shown, 0, 0, "error", "file", "broken symbolic link")
        if path.is_dir():
            return None, Finding(shown, 0, 0, "error", "file", "is a folder, not an XML file")
        with path.open("rb") as handle:
            return handle.read(), None
    except FileNotFoundError:
        return None, Finding(shown, 0, 0, "error", "file", "no such file")
    except OSError as exc:
        return None, Finding(shown, 0, 0, "error", "file", f"cannot be read: {exc.strerror}")


def parse_file(path: Path) -> ParseResult:
    """Read and parse one file; a non-TEI root or a parse problem is a finding."""
    source, problem = read_source(path)
    if source is None:
        return ParseResult(None, [problem] if problem else [])
    return parse_bytes(path, source)


def parse_bytes(path: Path, source: bytes, display: str | None = None) -> ParseResult:
    """`display`: the path as reports show it (a worker elsewhere cannot derive it)."""
    shown = display if display is not None else display_path(path)
    parser = make_parser()
    try:
        tree = etree.ElementTree(etree.fromstring(source, parser))
        id_errors: list = []
    except etree.XMLSyntaxError as exc:
        log = list(parser.error_log) or []
        if log and all(e.type in _ID_ERRORS for e in log):
            # Only id problems: the tree is sound, keep it and report them like schema findings.
            recovering = make_parser(recover=True)
            tree = etree.ElementTree(etree.fromstring(source, recovering))
            id_errors = log
        else:
            return ParseResult(None, [_syntax_finding(shown, source, exc, log)])
    except ValueError as exc:  # e.g. a str with an encoding declaration; not expected from bytes
        return ParseResult(None, [Finding(shown, 0, 0, "error", "well-formed", str(exc))])
    document = ParsedDocument(path, shown, source, tree)
    document.findings.extend(_id_finding(shown, e) for e in id_errors)
    root_problem = _root_problem(document)
    if root_problem:
        return ParseResult(None, [*document.findings, root_problem])
    return ParseResult(document, list(document.findings))


def _root_problem(document: ParsedDocument) -> Finding | None:
    root = document.root
    if document.is_tei:
        return None
    name = etree.QName(root)
    if name.localname in {"TEI", "teiCorpus"} and not name.namespace:
        message = (
            f"root element <{name.localname}> has no namespace: TEI elements must be in "
            f'xmlns="{TEI_NS}"'
        )
    elif name.localname in {"TEI", "teiCorpus"}:
        message = f"root element <{name.localname}> is in namespace {name.namespace}, not {TEI_NS}"
    else:
        shown = f"{{{name.namespace}}}{name.localname}" if name.namespace else name.localname
        message = f"not a TEI document: the root element is <{shown}>, expected <TEI> or <teiCorpus>"
    return document.finding(root, "error", "tei-root", message)


def _id_finding(shown: str, entry) -> Finding:
    if entry.type == etree.ErrorTypes.DTD_ID_REDEFINED:
        match = re.search(r"ID (\S+) already defined", entry.message)
        ident = match.group(1) if match else "?"
        message = f'xml:id "{ident}" is used twice in this file; each xml:id must be unique'
    else:
        message = (
            f"invalid xml:id: {entry.message.strip()} "
            "(an xml:id must be an XML name: letters, digits, '-', '_', '.', not starting with a digit)"
        )
    return Finding(shown, entry.line, max(entry.column, 1), "error", "xml-id-unique", message)


def _syntax_finding(shown: str, source: bytes, exc: etree.XMLSyntaxError, log: list) -> Finding:
    entry = log[0] if log else None
    line = entry.line if entry else (exc.lineno or 0)
    column = entry.column if entry else (exc.position[1] if exc.position else 0)
    raw = (entry.message if entry else str(exc)).strip()
    return Finding(shown, line, column, "error", "well-formed", _explain_syntax(raw, source))


def _explain_syntax(raw: str, source: bytes) -> str:
    """libxml2's wording, with the cause named where the raw message would mislead."""
    if not source.strip():
        return "the file is empty"
    if "amplification" in raw or "entity loop" in raw.lower():
        return "entity expansion too large (an entity-expansion bomb?); refused"
    if "Entity '" in raw and "not defined" in raw and _EXTERNAL_ENTITY.search(source):
        return "the document uses an external entity; teipress never loads external entities or DTDs"
    if "Excessive depth" in raw or ("depth" in raw and "exceeds" in raw):
        return "elements nested too deeply (over 256 levels); refused"
    if "huge" in raw.lower() or "xmlSAX2Characters" in raw or "Huge input lookup" in raw:
        return "a text node too large (over 10 MB); refused"
    if "Input is not proper UTF-8" in raw or "Invalid bytes" in raw:
        return f"not valid UTF-8 (or the encoding declaration is wrong): {raw}"
    return f"not well-formed XML: {raw}"

