"""Reading a plain-text or Markdown transcription into its parts.

The form is that of the Wilson Center Digital Archive's pages (and of many archive portals): a
title line that opens with the date; labelled sections ("Citation:", "Summary:", "Original
Language:", "Contents:"), as Markdown headings or as plain "Label:" lines; the text, in paragraphs
separated by blank lines, with "- " list items and "[n]" note calls; a closing line with date and
signature; the notes, each a line opening with "[n]". Unknown labels are kept as paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import first_date

_HEADING = re.compile(r"^\s*#{1,6}\s*(.*?)\s*#*\s*$")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(.+?)\1")
_ITEM = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+(.*)$")
_NOTE = re.compile(r"^\s*\[(\d+)\]\s*(.*)$")
_URL = re.compile(r"https?://\S+")
_LANGUAGE_LINE = re.compile(r"^(?:translation|transcription|original|text)\s*[-–—:]\s*(\w+)\s*$", re.I)
_SECTIONS = {
    "citation": "citation", "source": "citation", "summary": "summary", "abstract": "summary",
    "original language": "language", "language": "language", "contents": "text", "text": "text",
    "transcription": "text", "notes": "notes", "footnotes": "notes",
}


@dataclass
class Block:
    kind: str  # "p" or "item"
    text: str


@dataclass
class Transcription:
    title: str = ""
    title_date: str = ""  # the date as written at the head of the title line
    citation: str = ""
    url: str | None = None
    summary: str = ""
    original_language: str | None = None
    text_language: str | None = None
    blocks: list[Block] = field(default_factory=list)
    closer: str | None = None
    notes: dict[str, str] = field(default_factory=dict)


def read_transcription(text: str) -> Transcription:
    result = Transcription()
    section = "title"
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            _add_block(result, section, " ".join(paragraph))
            paragraph.clear()

    for raw in text.splitlines():
        line = _plain(raw)
        label = _label(raw)
        if label is not None:
            flush()
            if label in _SECTIONS:
                section = _SECTIONS[label]
            elif not result.title:
                _set_title(result, _plain(_HEADING.sub(r"\1", raw)))
            else:  # a heading inside the text: its closing line (date and signature)
                result.closer = _plain(_HEADING.sub(r"\1", raw))
            continue
        if not line:
            flush()
            continue
        note = _NOTE.match(line)
        if note and section in {"text", "notes"} and (result.blocks or section == "notes"):
            flush()
            result.notes[note.group(1)] = note.group(2).strip()
            continue
        item = _ITEM.match(line)
        if item and section == "text":
            flush()
            result.blocks.append(Block("item", item.group(1).strip()))
            continue
        if section == "title" and not result.title:
            _set_title(result, line)
            continue
        paragraph.append(line)
    flush()
    _closing_paragraph(result)
    return result


def _label(raw: str) -> str | None:
    """The section label of a heading or a "Label:" line (lower case, no colon), else None."""
    heading = _HEADING.match(raw)
    candidate = _plain(heading.group(1)) if heading else _plain(raw)
    if candidate.endswith(":") and candidate[:-1].strip().lower() in _SECTIONS:
        return candidate[:-1].strip().lower()
    if heading:
        return candidate.rstrip(":").strip().lower() or None
    return None


def _plain(line: str) -> str:
    """A line without Markdown emphasis and surrounding space."""
    return _EMPHASIS.sub(r"\2", line).strip()


def _set_title(result: Transcription, line: str) -> None:
    date = first_date(line)
    if date is not None and date.start == 0:
        result.title_date = line[: date.end]
        line = line[date.end:]
    result.title = line.strip(" ,:-–")


def _add_block(result: Transcription, section: str, text: str) -> None:
    if section == "citation":
        url = _URL.search(text)
        if url and text.strip() == url.group():
            result.url = url.group().rstrip(".,;")
        else:
            result.citation = f"{result.citation} {text}".strip()
            if url and result.url is None:
                result.url = url.group().rstrip(".,;")
    elif section == "summary":
        result.summary = f"{result.summary} {text}".strip()
    elif section == "language":
        result.original_language = text.strip()
    elif section == "text" and not result.blocks and (language := _LANGUAGE_LINE.match(text)):
        result.text_language = language.group(1)  # "Translation - English": metadata, not text
    elif section in {"text", "title"}:
        result.blocks.append(Block("p", text))
    else:  # notes written as paragraphs
        note = _NOTE.match(text)
        if note:
            result.notes[note.group(1)] = note.group(2).strip()


def _closing_paragraph(result: Transcription) -> None:
    """Plain text without headings: a short last paragraph opening with a date is the closer."""
    if result.closer is not None or not result.blocks:
        return
    last = result.blocks[-1]
    date = first_date(last.text)
    if last.kind == "p" and date is not None and date.start == 0 and len(last.text.split()) <= 10:
        result.closer = last.text
        result.blocks.pop()
