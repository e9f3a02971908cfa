"""How well a draft's names agree with a hand encoding: precision and recall per kind.

A mention is (kind, register ids, text as written, whitespace normalised), compared as multisets
within the parts of a document that both encodings have (by default the title, the citation, the
abstract and the body). The kind is that of the register entry pointed at, so `rs type="org"`
and `orgName` count alike; pointers into no register are not counted. `readable` and
`plain_text` turn a hand-encoded document back into a transcription, to import a stranger's text.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from lxml import etree

from .. import TEI_NS
from .names import Gazetteer

_T = f"{{{TEI_NS}}}"
_NS = {"tei": TEI_NS}
# Left out of a hand encoding turned into plain text: what a reader does not read as the text.
_DROPPED = ("note", "del", "abbr", "sic", "orig", "fw", "metamark", "pb", "lb")
_BLOCKS = ("p", "head", "ab", "item", "dateline", "salute", "signed", "label")
MENTIONS = ".//tei:persName[@ref] | .//tei:placeName[@ref] | .//tei:orgName[@ref] | .//tei:rs[@ref]"
REGIONS = ("tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title",
           "tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:bibl/tei:note[@type='citation']",
           "tei:teiHeader/tei:profileDesc/tei:abstract",
           "tei:text/tei:body")
KINDS = ("person", "place", "org")


@dataclass(frozen=True)
class Score:
    kind: str
    draft: int
    hand: int
    agreed: int

    @property
    def precision(self) -> float:
        return self.agreed / self.draft if self.draft else 1.0

    @property
    def recall(self) -> float:
        return self.agreed / self.hand if self.hand else 1.0


def mentions(root: etree._Element, gazetteer: Gazetteer, regions: tuple[str, ...] = REGIONS,
             exact: bool = True) -> Counter[tuple[str, tuple[str, ...], str]]:
    """The mentions; with `exact=False` the text is not compared (the same entity, however much
    of the phrase was tagged: "Metternich" for "Prince de Metternich")."""
    found: Counter[tuple[str, tuple[str, ...], str]] = Counter()
    for region in regions:
        for part in root.xpath(region, namespaces=_NS):
            for element in part.xpath(MENTIONS, namespaces=_NS):
                ids = tuple(sorted(t[1:] for t in element.get("ref", "").split() if t.startswith("#")))
                entries = [gazetteer.entries[i] for i in ids if i in gazetteer.entries]
                if entries:
                    text = " ".join("".join(element.itertext()).split())
                    found[(entries[0].kind, ids, text if exact else "")] += 1
    return found


def compare(draft: etree._Element, hand: etree._Element, gazetteer: Gazetteer,
            regions: tuple[str, ...] = REGIONS, exact: bool = True) -> list[Score]:
    ours, theirs = mentions(draft, gazetteer, regions, exact), mentions(hand, gazetteer, regions, exact)
    agreed = ours & theirs
    return [Score(kind, _total(ours, kind), _total(theirs, kind), _total(agreed, kind)) for kind in KINDS]


def _total(counter: Counter[tuple[str, tuple[str, ...], str]], kind: str) -> int:
    return sum(n for (k, _, _), n in counter.items() if k == kind)


# --- a stranger's text: a hand-encoded document turned back into a transcription ---------------


def readable(root: etree._Element) -> etree._Element:
    """A copy of the document without what the plain text leaves out (tails kept)."""
    copy = etree.fromstring(etree.tostring(root))
    for element in list(copy.iter(*(f"{_T}{name}" for name in _DROPPED))):
        parent = element.getparent()
        if parent is None:
            continue
        tail = element.tail or ""
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + " " + tail
        else:
            parent.text = (parent.text or "") + " " + tail
        parent.remove(element)
    return copy


def plain_text(root: etree._Element) -> str:
    """The transcription form: a title line, then the body's blocks as paragraphs."""
    title = " ".join("".join(root.find(f".//{_T}titleStmt/{_T}title").itertext()).split())
    blocks = []
    body = root.find(f"{_T}text/{_T}body")
    for block in body.iter(*(f"{_T}{name}" for name in _BLOCKS)):
        if any(etree.QName(a).localname in _BLOCKS for a in block.iterancestors()):
            continue
        text = " ".join("".join(block.itertext()).split())
        if text:
            blocks.append(text)
    return f"# {title}\n\n#### Contents:\n\n" + "\n\n".join(blocks) + "\n"
