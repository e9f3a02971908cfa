"""The encoding assistant (`teipress import`): a plain transcription in, a TEI draft out.

Stages: read the transcription → load the registers as a gazetteer → make the draft → validate
it with the project's schema and rules (as `teipress validate` would) → write it atomically,
never over an existing file unless asked → report what was tagged and what needs a look.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import TeipressError
from ..exchange.edition import indent_element_only
from ..findings import Finding, display_path
from ..validate import Checks, load_corpus, validate_corpus
from .draft import HeaderFacts, make_draft
from .inline import Tagging
from .names import Gazetteer, load_gazetteer, tokenize
from .transcription import read_transcription


@dataclass
class ImportResult:
    draft: bytes
    out: Path
    tagging: Tagging
    gaps: list[str]
    findings: list[Finding] = field(default_factory=list)
    written: bool = False

    @property
    def valid(self) -> bool:
        return not any(f.severity == "error" for f in self.findings)


def import_transcription(text_path: Path, *, registers: list[Path], out: Path | None,
                         publisher: str | None, licence: str | None,
                         checks: Checks | None = None) -> ImportResult:
    """Read, tag, make and validate the draft (nothing is written)."""
    try:
        text = text_path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise TeipressError(f"{display_path(text_path)}: cannot be read as UTF-8 text: {exc}") from exc
    gazetteer = load_gazetteer(registers)
    identifier = _identifier((out or text_path).stem)
    out = out if out is not None else _default_out(identifier)
    draft, tagging, gaps = make_import(text, gazetteer, identifier, publisher=publisher, licence=licence,
                                       source_name=text_path.name)
    if draft is None:
        raise TeipressError(f"{display_path(text_path)}: no text found (paragraphs after the headings)")
    result = ImportResult(draft, out, tagging, gaps)
    result.findings = _validate(draft, identifier, registers, out, checks or Checks())
    return result


def make_import(text: str, gazetteer: Gazetteer, identifier: str, *, publisher: str | None,
                licence: str | None, source_name: str) -> tuple[bytes | None, Tagging, list[str]]:
    """The draft as bytes (None when the text has no body), what was tagged, and the gaps."""
    tagging = Tagging(gazetteer)
    transcription = read_transcription(text)
    if not transcription.blocks:
        return None, tagging, []
    publisher_match = None
    if publisher:
        tokens = tokenize(publisher)
        found = [m for m in gazetteer.find(tokens) if m.entries[0].kind == "org"]
        publisher_match = next((m for m in found if m.first == 0 and m.last == len(tokens)), None)
    facts = HeaderFacts(identifier, publisher_match, publisher, licence, source_name)
    gaps: list[str] = []
    root = make_draft(transcription, facts, tagging, gaps)
    indent_element_only(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n", tagging, gaps


def write_draft(result: ImportResult, *, force: bool) -> None:
    """Write atomically: a temporary file beside the target, then linked (no overwrite) or
    renamed (with --force) into place, so no reader ever sees half a draft."""
    out = result.out
    if out.exists() and not force:
        raise TeipressError(f"{display_path(out)} exists; not overwritten (use --force to replace it)")
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(result.draft)
            stream.flush()
            os.fsync(stream.fileno())
        if force:
            os.replace(temporary, out)
        else:
            try:
                os.link(temporary, out)  # fails if the file appeared meanwhile
            except FileExistsError:
                raise TeipressError(f"{display_path(out)} exists; not overwritten "
                                    "(use --force to replace it)") from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    result.written = True


def _identifier(stem: str) -> str:
    """An xml:id from a file name: letters, digits, '-', '_', '.'; not starting with a digit."""
    cleaned = re.sub(r"[^\w.-]+", "-", stem).strip("-.") or "document"
    return cleaned if cleaned[0].isalpha() or cleaned[0] == "_" else f"d-{cleaned}"


def _default_out(identifier: str) -> Path:
    documents = Path("tei") / "documents"
    return documents / f"{identifier}.xml" if documents.is_dir() else Path(f"{identifier}.xml")


def _validate(draft: bytes, identifier: str, registers: list[Path], out: Path, checks: Checks
              ) -> list[Finding]:
    """The draft checked by the project's schema and rules, under the name it will have."""
    with tempfile.TemporaryDirectory(prefix="teipress-import-") as folder:
        path = Path(folder) / f"{identifier}.xml"
        path.write_bytes(draft)
        corpus = load_corpus([path], registers)
        reports = validate_corpus(corpus, checks)
        shown = display_path(out)
        return [Finding(shown, f.line, f.column, f.severity, f.rule, f.message)
                for report in reports for f in report.findings]
