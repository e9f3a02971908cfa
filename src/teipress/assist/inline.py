"""Running text into TEI phrase-level markup: names (from the gazetteer), dates, quotations and
note calls, appended to a parent element.

Each layer is found on the plain string first and then written once, left to right: quotations
(`soCalled` for a few words, `q` for speech) contain names and dates; a name is never cut by a
date or a note call; a descriptive reference (`rs`) or an organisation's name may contain the
names inside it ("the USA government" holds "USA").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from .. import TEI_NS
from .dates import FoundDate, find_dates
from .names import Gazetteer, Match, Token, tokenize

_T = f"{{{TEI_NS}}}"
NAME_ELEMENTS = {"person": "persName", "place": "placeName", "org": "orgName"}
# What each tagged element may hold, in the project schema (and sensible in TEI generally).
_INNER_KINDS = {"rs": {"person", "place", "org"}, "orgName": {"place"}}
_NOTE_CALL = re.compile(r"\[(\d+)\]")
_QUOTES = re.compile(r"“([^“”]+)”|\"([^\"]+)\"")
_SO_CALLED_WORDS = 3
_SENTENCE_END = {".", "!", "?", ":", ";", "“", "\"", "(", "["}


@dataclass
class Tagging:
    """What was tagged and what needs a look, collected over the whole draft."""

    gazetteer: Gazetteer
    reference_year: int | None = None
    mentions: Counter[tuple[str, str]] = field(default_factory=Counter)  # (kind, ref)
    ambiguous: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    candidates: Counter[str] = field(default_factory=Counter)
    dates: list[tuple[str, str]] = field(default_factory=list)  # (as written, ISO)
    inferred_dates: list[tuple[str, str]] = field(default_factory=list)


NoteMaker = Callable[[str], etree._Element | None]


def fill(parent: etree._Element, text: str, tagging: Tagging, note: NoteMaker | None = None,
         quotes: bool = True) -> None:
    """Append `text` to `parent` as marked-up phrases; `note(n)` makes the note for a call [n]."""
    position = 0
    for quote in (_QUOTES.finditer(text) if quotes else ()):
        inner = quote.group(1) or quote.group(2)
        if _NOTE_CALL.search(inner):
            continue  # a quotation holding a note call stays plain text: q cannot contain a note
        _fill_plain(parent, text[position:quote.start()], tagging, note)
        words = len(inner.split())
        wrapper = etree.SubElement(parent, f"{_T}{'soCalled' if words <= _SO_CALLED_WORDS else 'q'}")
        _fill_plain(wrapper, inner, tagging, None)
        position = quote.end()
    _fill_plain(parent, text[position:], tagging, note)


def _fill_plain(parent: etree._Element, text: str, tagging: Tagging, note: NoteMaker | None) -> None:
    position = 0
    for call in _NOTE_CALL.finditer(text):
        made = note(call.group(1)) if note is not None else None
        if made is None:
            continue
        _fill_phrases(parent, text[position:call.start()], tagging)
        parent.append(made)
        position = call.end()
    _fill_phrases(parent, text[position:], tagging)


def _fill_phrases(parent: etree._Element, text: str, tagging: Tagging) -> None:
    if not text:
        return
    dates = find_dates(text, tagging.reference_year)
    tokens = tokenize(text)
    spans: list[tuple[int, int, list]] = []
    for date in dates:
        spans.append((date.start, date.end, [_date_element(text, date, tagging)]))
    free = [t for t in tokens if not any(d.start < t.end and t.start < d.end for d in dates)]
    for run in _runs(free, tokens):
        for match in tagging.gazetteer.find(run):
            start, end = run[match.first].start, run[match.last - 1].end
            nodes = [_name_element(text, run, match, tagging)]
            if match.ambiguous:
                nodes.insert(0, etree.Comment(ambiguity_comment(match)))
            spans.append((start, end, nodes))
        _collect_candidates(run, tagging.gazetteer.find(run), tokens, tagging)
    spans.sort(key=lambda s: s[0])
    position = 0
    for start, end, nodes in spans:
        _append_text(parent, text[position:start])
        parent.extend(nodes)
        position = end
    _append_text(parent, text[position:])


def _runs(free: list[Token], tokens: list[Token]) -> list[list[Token]]:
    """Consecutive free tokens: a name never spans a date."""
    index = {id(t): i for i, t in enumerate(tokens)}
    runs: list[list[Token]] = []
    for token in free:
        if runs and index[id(runs[-1][-1])] + 1 == index[id(token)]:
            runs[-1].append(token)
        else:
            runs.append([token])
    return runs


def _date_element(text: str, date: FoundDate, tagging: Tagging) -> etree._Element:
    element = etree.Element(f"{_T}date", when=date.when)
    element.text = text[date.start:date.end]
    tagging.dates.append((element.text, date.when))
    if date.inferred_century:
        tagging.inferred_dates.append((element.text, date.when))
    return element


def name_element(match: Match) -> etree._Element:
    """persName/placeName/orgName for a name, rs for a description; @ref, and for an ambiguous
    mention @cert="low" (the candidates go in a comment before it)."""
    entry = match.entries[0]
    if match.description:
        element = etree.Element(f"{_T}rs", type=entry.kind)
    else:
        element = etree.Element(f"{_T}{NAME_ELEMENTS[entry.kind]}")
    element.set("ref", f"#{entry.ident}")
    if match.ambiguous:
        element.set("cert", "low")
    return element


def _name_element(text: str, run: list[Token], match: Match, tagging: Tagging) -> etree._Element:
    element = name_element(match)
    start, end = run[match.first].start, run[match.last - 1].end
    inner_kinds = _INNER_KINDS.get(etree.QName(element).localname, set())
    inner = [m for m in tagging.gazetteer.find(run[match.first:match.last], match.last - match.first - 1)
             if m.entries[0].kind in inner_kinds and not m.description and not m.ambiguous]
    position = start
    for sub in inner:
        sub_start, sub_end = run[match.first + sub.first].start, run[match.first + sub.last - 1].end
        _append_text(element, text[position:sub_start])
        child = name_element(sub)
        child.text = text[sub_start:sub_end]
        element.append(child)
        tagging.mentions[(sub.entries[0].kind, sub.entries[0].ident)] += 1
        position = sub_end
    _append_text(element, text[position:end])
    tagging.mentions[(match.entries[0].kind, match.entries[0].ident)] += 1
    if match.ambiguous:
        tagging.ambiguous.append((text[start:end], tuple(e.ident for e in match.entries)))
    return element


def ambiguity_comment(match: Match) -> str:
    listed = " | ".join(f"#{e.ident} ({e.label})" for e in match.entries)
    return f" teipress import: which one? {listed} "


def _append_text(parent: etree._Element, text: str) -> None:
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _collect_candidates(run: list[Token], matches: list[Match], tokens: list[Token],
                        tagging: Tagging) -> None:
    """Capitalised words in no register: candidates for new entries. A single capitalised word
    that opens a sentence is taken for an ordinary word."""
    covered = {i for m in matches for i in range(m.first, m.last)}
    index = {id(t): i for i, t in enumerate(tokens)}
    current: list[Token] = []
    for position, token in enumerate([*run, Token("", 0, 0)]):
        if position < len(run) and position not in covered and _capitalised(token.text):
            current.append(token)
            continue
        if current:
            first = index[id(current[0])]
            opens_sentence = first == 0 or tokens[first - 1].text in _SENTENCE_END
            if len(current) > 1 or not opens_sentence:
                tagging.candidates[" ".join(t.text for t in current)] += 1
            current = []


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and word[:1].isalpha() and word != "I"
