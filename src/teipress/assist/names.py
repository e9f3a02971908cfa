"""The registers as a gazetteer: every name, variant and description of every entry, matched
token by token (longest match first) against running text.

Matching is by tokens, not characters, so "N.S. Khrushchev" and "N. S. Khrushchev" are the same
name; case is checked per token (a capitalised name never matches a lower-case common word, but
a name matches its ALL-CAPS form, and a lower-case article in a description may open a sentence);
a trailing genitive "s" (German "Metternichs") is accepted on the last token of a name, and a
title of rank just before a person's name ("Prince de Metternich") is taken into the mention.
Besides the names the register lists, a person's preferred name yields its "forename surname"
and initials forms and, when no other entry shares it, the bare surname: these derived forms
give way to any listed name, so a listed "Kennedy" is never made ambiguous by a derived one.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .. import TEI_NS, XML_ID
from ..discover import discover
from ..parse import parse_file

_T = f"{{{TEI_NS}}}"
TOKEN = re.compile(r"\w+(?:[-‐]\w+)*|[^\w\s]", re.UNICODE)
# entry element -> (kind, name element)
ENTRY_KINDS = {"person": ("person", "persName"), "personGrp": ("person", "persName"),
               "place": ("place", "placeName"), "org": ("org", "orgName")}
DESCRIPTION = "description"
_LISTED, _DERIVED = 0, 1  # a listed name beats a derived one of the same tokens
_PARTICLES = {"de", "du", "des", "von", "van", "der", "den", "la", "le", "di", "da", "zu", "d", "of"}
# Titles of rank that belong to a name when written just before it, capitalised as in the text.
_TITLES = {"Prince", "Princesse", "Duc", "Duchesse", "Comte", "Comtesse", "Vicomte", "Marquis", "Baron",
           "Chevalier", "Cardinal", "Lord", "Lady", "Sir", "Fürst", "Fürsten", "Graf", "Grafen", "Herzog",
           "Herzogs", "Freiherr", "Freiherrn", "Prinz", "Prinzen", "Count", "Duke", "Earl", "Viscount",
           "Marquess", "Principe", "Duca", "Conte", "Marchese"}
_APOSTROPHES = {"'", "’"}


@dataclass(frozen=True)
class Entry:
    ident: str
    kind: str  # person | place | org
    label: str  # the preferred name, for reports and comments


@dataclass(frozen=True)
class Form:
    """One way of writing an entry: its tokens, whether it is a description (rs) or a name."""

    entry: Entry
    tokens: tuple[str, ...]
    description: bool
    rank: int


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Match:
    """A span of tokens [first, last) naming one or more entries (more than one: ambiguous)."""

    first: int
    last: int
    entries: tuple[Entry, ...]
    description: bool

    @property
    def ambiguous(self) -> bool:
        return len(self.entries) > 1


def tokenize(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]


def fold(token: str) -> str:
    """Case- and accent-insensitive key of a token (accents differ between transcriptions)."""
    decomposed = unicodedata.normalize("NFKD", token.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("‐", "-")


@dataclass
class Gazetteer:
    """Forms indexed by their first token's key; `find` returns non-overlapping longest matches."""

    forms: dict[str, list[Form]] = field(default_factory=lambda: defaultdict(list))
    entries: dict[str, Entry] = field(default_factory=dict)

    def add(self, form: Form) -> None:
        if form.tokens:
            self.forms[fold(form.tokens[0])].append(form)

    def find(self, tokens: list[Token], max_length: int | None = None) -> list[Match]:
        """Left to right, each the longest form (at most `max_length` tokens) at its place."""
        matches, position = [], 0
        while position < len(tokens):
            match = self.match_at(tokens, position, max_length)
            if match is None:
                position += 1
                continue
            matches.append(_with_title(match, tokens, matches[-1].last if matches else 0))
            position = match.last
        return matches

    def match_at(self, tokens: list[Token], position: int, max_length: int | None = None) -> Match | None:
        """The longest form starting at `position`; of equally long ones, the listed ones."""
        best: list[Form] = []
        best_length = 0
        for form in self.forms.get(fold(tokens[position].text), []):
            length = len(form.tokens)
            too_long = max_length is not None and length > max_length
            if too_long or length < best_length or not _fits(form, tokens, position):
                continue
            if length > best_length:
                best, best_length = [form], length
            else:
                best.append(form)
        if not best:
            return None
        top_rank = min(f.rank for f in best)
        chosen = [f for f in best if f.rank == top_rank]
        entries = tuple(sorted({f.entry for f in chosen}, key=lambda e: e.ident))
        return Match(position, position + best_length, entries, all(f.description for f in chosen))


def _with_title(match: Match, tokens: list[Token], free: int) -> Match:
    """A person's name with the title of rank written before it ("Prince de Metternich", "Lord
    Castlereagh", "Graf Nesselrode"): the title is part of how the text names that person."""
    if match.ambiguous or match.description or match.entries[0].kind != "person":
        return match
    first = match.first
    if first - 2 >= free and tokens[first - 1].text in _APOSTROPHES and fold(tokens[first - 2].text) == "d":
        first -= 2  # "Duc d’Oldenbourg"
    elif first - 1 >= free and fold(tokens[first - 1].text) in _PARTICLES - {"of", "d"}:
        first -= 1
    if first - 1 >= free and tokens[first - 1].text in _TITLES:
        return Match(first - 1, match.last, match.entries, match.description)
    return match


def _fits(form: Form, tokens: list[Token], position: int) -> bool:
    if position + len(form.tokens) > len(tokens):
        return False
    last = len(form.tokens) - 1
    for offset, name in enumerate(form.tokens):
        if not _token_fits(name, tokens[position + offset].text, offset == last):
            return False
    return True


def _token_fits(name: str, text: str, is_last: bool) -> bool:
    if fold(name) != fold(text):
        # a genitive -s on the name's last word ("Metternichs", "Russlands")
        return is_last and len(name) >= 3 and name[:1].isupper() and text == f"{name}s"
    if name == text or name[:1].islower() or (text.isupper() and len(text) > 1):
        return True  # as listed; an article or particle in any case; a name in capitals
    if name.isupper() and len(name) > 1:
        return False  # an acronym is written in capitals
    return text[:1].isupper()  # a capitalised name never matches a lower-case word


# --- reading registers -------------------------------------------------------------------------


def load_gazetteer(paths: list[Path]) -> Gazetteer:
    """Every entry of the register files (or folders) given; files that are not TEI are skipped."""
    gazetteer = Gazetteer()
    roots = []
    for path in discover(paths).files:
        result = parse_file(path)
        if result.document is not None:
            roots.append(result.document.root)
    entries: list[tuple[Entry, etree._Element]] = []
    for root in roots:
        for element in root.iter(*(f"{_T}{name}" for name in ENTRY_KINDS)):
            ident = element.get(XML_ID)
            if not ident:
                continue
            kind, name_tag = ENTRY_KINDS[etree.QName(element).localname]
            names = element.findall(f"{_T}{name_tag}")
            label = _text(names[0]) if names else ident
            entry = Entry(ident, kind, label)
            gazetteer.entries[ident] = entry
            entries.append((entry, element))
    surnames: dict[str, set[str]] = defaultdict(set)
    for entry, element in entries:
        _add_entry_forms(gazetteer, entry, element, surnames)
    for key, idents in surnames.items():
        if len(idents) == 1:  # a bare surname only where no other entry shares it
            entry = gazetteer.entries[next(iter(idents))]
            gazetteer.add(Form(entry, tuple(t.text for t in tokenize(key)), False, _DERIVED))
    return gazetteer


def _add_entry_forms(gazetteer: Gazetteer, entry: Entry, element: etree._Element,
                     surnames: dict[str, set[str]]) -> None:
    name_tag = ENTRY_KINDS[etree.QName(element).localname][1]
    for name in element.findall(f"{_T}{name_tag}"):
        description = name.get("type") == DESCRIPTION
        written = _text(name)
        gazetteer.add(Form(entry, _tokens(written), description, _LISTED))
        if entry.kind == "person" and not description:
            for derived in _person_forms(name):
                gazetteer.add(Form(entry, _tokens(derived), False, _DERIVED))
            for short in _short_names(name):
                surnames[short].add(entry.ident)


def _short_names(name: etree._Element) -> list[str]:
    """What a person is called by alone: the surname (each of "Kapodistrias/Capodistrias"),
    without particles, and the territorial part of a title ("Viscount Castlereagh", "duc de
    Richelieu": Castlereagh, Richelieu)."""
    shorts = [_strip_particles(s) for s in _part(name, "surname").split("/") if s.strip()]
    role = _part(name, "roleName").split()
    if len(role) > 1:
        cut = max((i for i, w in enumerate(role) if w.casefold() in _PARTICLES), default=0)
        territorial = " ".join(role[cut + 1:])
        if territorial[:1].isupper():
            shorts.append(territorial)
    return shorts


def _person_forms(name: etree._Element) -> list[str]:
    """"Forename Surname", "F. Surname", "F.M. Surname" and a title ("duc de Richelieu") from a
    structured name."""
    role = _part(name, "roleName")
    forms = [role] if len(role.split()) > 1 else []
    surname = _part(name, "surname").split("/")[0].strip()
    forenames = [_text(f) for f in name.findall(f"{_T}forename")]
    if not surname or not forenames:
        return forms
    first = forenames[0].split()
    initials = "".join(f"{word[0]}." for word in first if word[:1].isalpha())
    patronymic = _part(name, "addName")
    forms += [f"{forenames[0]} {surname}", f"{initials} {surname}"]
    if patronymic:
        forms.append(f"{initials}{patronymic[0]}. {surname}")
        forms.append(f"{forenames[0]} {patronymic[0]}. {surname}")
    return forms


def _part(name: etree._Element, part: str) -> str:
    found = name.find(f"{_T}{part}")
    return _text(found) if found is not None else ""


def _strip_particles(surname: str) -> str:
    """"von der Goltz" -> "Goltz": texts name people by the last word of their surname."""
    words = surname.split()
    while len(words) > 1 and words[0].casefold() in _PARTICLES:
        words = words[1:]
    return " ".join(words)


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(t.text for t in tokenize(text))
