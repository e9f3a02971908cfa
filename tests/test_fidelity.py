"""Fidelity: every word of each document's reading text is in its HTML page and in its text
edition, in order and unglued, and nothing else is there but what an edition adds on purpose.

Each corpus in ../shared/corpora (and the project's tei/) is built once per test session, as
`teipress build` builds it. The reading text is read from the source independently of the
stylesheets: without teiHeader, facsimile, deletions, the unchosen children of choice, the
readings of an app other than the lemma, EpiDoc am, index entries, the registers in back and
notes (notes are checked on their own: every endnote's words are in the notes of both
editions); lb/pb/cb break="no" join a word; lines, fields and word tokens (w) are separate words.

Pages are mapped to their source through the TEI copy each page offers for download
(tei/<slug>.xml holds the source's bytes), so a source published as several pages is compared
with all of them, in the order of the site's index.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree, html

from conftest import ROOT, SHARED, require
from teipress.cli import main

TEI = "{http://www.tei-c.org/ns/1.0}"
JOIN = "\x00"
WORD = re.compile(r"\w+")

# Left out of the reading with everything inside them.
OMITTED = {"teiHeader", "facsimile", "del", "index", "witDetail", "am", "note", "binaryObject",
           "graphic", "media", "fw"}
REGISTERS = {"listPerson", "listPlace", "listOrg", "listBibl", "listEvent", "listNym",
             "listRelation", "listObject"}
# Elements whose edges are word boundaries even without whitespace in the source.
BOUNDARIES = {
    "p", "ab", "l", "lg", "item", "label", "head", "cell", "row", "list", "table", "div", "div1",
    "div2", "div3", "div4", "div5", "div6", "div7", "addrLine", "address", "dateline", "salute",
    "signed", "closer", "opener", "postscript", "speaker", "stage", "sp", "castItem", "castList",
    "role", "roleDesc", "actor", "line", "zone", "surface", "byline", "docAuthor", "docDate",
    "docTitle", "titlePart", "titlePage", "trailer", "argument", "epigraph", "figure", "figDesc",
    "space", "milestone", "text", "front", "body", "back", "group", "sourceDoc", "w",
}
# Fields of a name or a citation: two of them side by side are two words.
FIELDS = {
    "forename", "surname", "roleName", "addName", "genName", "nameLink", "persName", "orgName",
    "placeName", "name", "author", "editor", "title", "date", "publisher", "pubPlace", "biblScope",
    "idno", "settlement", "country", "region", "institution", "repository", "collection",
}
BREAKS = {"lb", "pb", "cb"}


def corpora() -> list[tuple[str, Path]]:
    """Every corpus of ../shared/corpora (its editions/ or documents/ folder when it has one),
    and the project's own tei/."""
    found = [("tei", ROOT / "tei")]
    if SHARED.joinpath("corpora").is_dir():
        for folder in sorted(p for p in SHARED.joinpath("corpora").iterdir() if p.is_dir()):
            source = next((folder / sub for sub in ("editions", "documents") if (folder / sub).is_dir()),
                          folder)
            found.append((folder.name, source))
    return found


CORPORA = corpora()


@dataclass
class Edition:
    source: Path
    out: Path


@pytest.fixture(scope="module", params=CORPORA, ids=[name for name, _ in CORPORA])
def edition(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Edition:
    name, source = request.param
    require(source.is_dir(), f"{source} is not available (a clone without ../shared)")
    out = tmp_path_factory.mktemp(name) / "out"
    result = CliRunner().invoke(main, ["build", "--source", str(source), "--out", str(out)],
                                catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output[-2000:]
    return Edition(source, out)


# --- the reading text of a source ------------------------------------------------------------

def local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def chosen(choice: etree._Element) -> etree._Element | None:
    children = [c for c in choice if isinstance(c.tag, str)]
    for name in ("expan", "corr", "reg"):
        for child in children:
            if local(child) == name:
                return child
    return children[0] if children else None


def lemma(app: etree._Element) -> etree._Element | None:
    for path in (f"{TEI}lem", f"{TEI}rdg", f"{TEI}rdgGrp//{TEI}rdg"):
        found = app.find(path)
        if found is not None:
            return found
    return None


def is_omitted(element: etree._Element) -> bool:
    name = local(element)
    return name in OMITTED or (name in REGISTERS and any(local(a) == "back" for a in element.iterancestors()))


def reading_pieces(element: etree._Element, pieces: list[str]) -> None:
    """The reading text of an element, as strings to join (JOIN marks a break inside a word)."""
    name = local(element)
    if name in BREAKS:
        pieces.append(JOIN if element.get("break") == "no" else " ")
    elif name and not is_omitted(element):
        boundary = " " if name in BOUNDARIES and element.get("join") not in ("left", "both") else ""
        previous = element.getprevious()
        after_field = name in FIELDS and previous is not None and local(previous) in FIELDS \
            and not (previous.tail or "")
        pieces.append(" " if after_field else boundary)
        pieces.append(element.text or "")
        # A choice or an app shows one child; the whitespace around the others stays.
        shown = chosen(element) if name == "choice" else lemma(element) if name == "app" else None
        for child in element:
            if shown is None or child is shown:
                reading_pieces(child, pieces)
            pieces.append(child.tail or "")
        pieces.append(boundary)


def words_of(text: str) -> list[str]:
    return WORD.findall(text)


def reading_words(root: etree._Element) -> list[str]:
    pieces: list[str] = []
    for child in root:
        if isinstance(child.tag, str):
            reading_pieces(child, pieces)
    text = re.sub(rf"\s*{JOIN}\s*", "", "".join(pieces))
    return words_of(text)


def endnote_words(root: etree._Element) -> list[list[str]]:
    """The words of each note in the text (their placement differs between editions)."""
    notes = []
    for note in root.iter(f"{TEI}note"):
        if any(local(a) in ("teiHeader",) or is_omitted(a) for a in note.iterancestors()):
            continue
        pieces: list[str] = [note.text or ""]
        for child in note:
            reading_pieces(child, pieces)
            pieces.append(child.tail or "")
        notes.append(words_of(re.sub(rf"\s*{JOIN}\s*", "", "".join(pieces))))
    return [n for n in notes if n]


def allowed_extras(root: etree._Element) -> set[str]:
    """Words an edition may add: markers (note labels, page and column numbers), what notes
    say, what a figure or a pointer without words names, the words of a date without words."""
    allowed = {"p", "Figure", "image", "page", "BCE"}
    for element in root.iter(etree.Element):
        for attribute in ("n", "url", "target", "when", "from", "to", "notBefore", "notAfter"):
            allowed.update(words_of(element.get(attribute) or ""))
        if local(element) in ("note", "head", "figDesc"):
            allowed.update(words_of("".join(element.itertext())))
    return allowed


# --- what the editions show ------------------------------------------------------------------

HTML_BLOCKS = {"p", "div", "section", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "br",
               "tr", "td", "th", "ul", "ol", "dl", "table", "caption", "blockquote", "aside"}
# Shown in the HTML text but not part of the reading: the heading, deletions, variants, note markers and
# notes in place, page/column markers, more-link numbers, image labels, and the diplomatic side of a
# choice (in the page for the reading switch, hidden unless the reader asks for it).
HTML_NOT_READING = (".//h2[@id='tp-text-heading'] | .//del"
                    " | .//*[contains(concat(' ', @class, ' '), ' reading-diplomatic ')]"
                    " | .//*[contains(concat(' ', @class, ' '), ' rdg ')]"
                    " | .//sup[@class='noteref-wrap'] | .//small[@class='more-links']"
                    " | .//*[contains(concat(' ', @class, ' '), ' note-inline ')]"
                    " | .//span[@class='pb' or @class='cb' or @class='milestone' or @class='graphic']")


def shown_words(element: html.HtmlElement) -> list[str]:
    """The words a reader sees in an HTML element: block elements are word boundaries."""
    for block in element.iter(etree.Element):
        if block.tag in HTML_BLOCKS:
            block.tail = " " + (block.tail or "")
            block.text = " " + (block.text or "")
    return words_of(element.text_content())


def html_words(page: Path) -> list[str]:
    """The words of the page's Text section that belong to the reading."""
    section = html.parse(str(page)).xpath("//section[@class='text']")
    if not section:
        return []
    for element in section[0].xpath(HTML_NOT_READING):
        element.drop_tree()
    return shown_words(section[0])


def page_words_without_markers(page: Path) -> list[str]:
    """The words of the whole page (notes included), without note, page and link markers."""
    root = html.parse(str(page)).getroot()
    for element in root.xpath(".//sup[@class='noteref-wrap'] | .//small[@class='more-links']"
                              " | .//span[@class='pb' or @class='cb' or @class='milestone']"
                              " | .//*[contains(concat(' ', @class, ' '), ' reading-diplomatic ')]"):
        element.drop_tree()
    return shown_words(root)


def text_edition_words(path: Path) -> list[str]:
    # ⟨…⟩ marks supplied letters, [?] an unclear reading: marks inside a word, not between words.
    content = re.sub(r"[⟨⟩]|\[\?\]", "", path.read_text(encoding="utf-8"))
    body = content.partition("\nText\n----\n")[2]
    body = re.split(r"\n(?:Register\n--------|Notes\n-----)\n", body)[0]
    return words_of(body)


def subsequence_extras(needle: list[str], haystack: list[str]) -> tuple[int, list[str]]:
    """How many words of needle are found in order in haystack (greedily), and the words of
    haystack that were not used."""
    found, extras = 0, []
    for word in haystack:
        if found < len(needle) and word == needle[found]:
            found += 1
        else:
            extras.append(word)
    return found, extras


def pages_by_source(out: Path) -> dict[str, list[tuple[Path, Path]]]:
    """{sha256 of a source's bytes: [(html page, text edition page)]} from each page's links to
    its TEI copy and its plain text."""
    mapping: dict[str, list[tuple[Path, Path]]] = {}
    for page in sorted((out / "html").glob("*.html")):
        tree = html.parse(str(page))
        tei = tree.xpath("//a[@type='application/tei+xml']/@href")
        text = tree.xpath("//section[@class='download']//a[@type='text/plain']/@href")
        if not tei or not text or not tree.xpath("//article"):
            continue
        digest = hashlib.sha256((out / "html" / tei[0]).read_bytes()).hexdigest()
        mapping.setdefault(digest, []).append((page, (out / "html" / text[0]).resolve()))
    return {digest: in_volume_order(pages) for digest, pages in mapping.items()}


def in_volume_order(pages: list[tuple[Path, Path]]) -> list[tuple[Path, Path]]:
    """The pages of a volume (one source published as several pages) in the order of its
    contents page, which links them all; the contents page itself holds only their titles."""
    if len(pages) < 2:
        return pages
    by_name = {page.name: (page, text) for page, text in pages}
    for page, _ in pages:
        links = html.parse(str(page)).xpath("//main//a/@href")
        if len(set(links) & by_name.keys()) == len(pages) - 1:
            return [by_name[link] for link in dict.fromkeys(links) if link in by_name]
    return pages


def report(name: str, source: Path, needle: list[str], found: int, shown: list[str]) -> str:
    where = shown[max(0, len(shown) // 2 - 20):][:40] if found == 0 else []
    missing = needle[found:found + 12]
    return f"{name} of {source.name}: {found}/{len(needle)} words in order; next missing {missing} {where}"


def test_every_word_of_the_reading_is_in_both_editions(edition: Edition) -> None:
    published = pages_by_source(edition.out)
    problems = []
    sources = sorted(edition.source.rglob("*.xml"))
    for source in sources:
        if "registers" in source.relative_to(edition.source).parts:
            continue
        pages = published.get(hashlib.sha256(source.read_bytes()).hexdigest())
        root = etree.parse(str(source)).getroot()
        if pages is None:
            problems.append(f"{source.name}: no page")
            continue
        needle = reading_words(root)
        allowed = allowed_extras(root)
        html_shown = [w for page, _ in pages for w in html_words(page)]
        text_shown = [w for _, text in pages for w in text_edition_words(text)]
        for name, shown in (("HTML", html_shown), ("text", text_shown)):
            found, extras = subsequence_extras(needle, shown)
            if found < len(needle):
                problems.append(report(name, source, needle, found, shown))
            stray = sorted({w for w in extras if w not in allowed and not w.isdigit()})
            if stray:
                problems.append(f"{name} of {source.name}: words not in the reading: {stray[:15]}")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:30])


def test_every_note_is_in_both_editions(edition: Edition) -> None:
    published = pages_by_source(edition.out)
    problems = []
    for source in sorted(edition.source.rglob("*.xml")):
        pages = published.get(hashlib.sha256(source.read_bytes()).hexdigest())
        if pages is None:
            continue
        root = etree.parse(str(source)).getroot()
        page_words = [w for page, _ in pages for w in page_words_without_markers(page)]
        text_words = [w for _, text in pages for w in words_of(text.read_text(encoding="utf-8"))]
        for note in endnote_words(root):
            for name, shown in (("HTML", page_words), ("text", text_words)):
                if subsequence_extras(note, shown)[0] < len(note):
                    problems.append(f"{name} of {source.name}: note {' '.join(note[:10])}")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:30])
