"""How well a draft's names agree with a hand encoding: precision and recall per kind.

A mention is (kind, register ids, text as written, whitespace normalised), compared as multisets
within the parts of a document that both encodings have (by default the title, the citation, the
abstract and the body). The kind is that of the register entry pointed at, so `rs type="org"`
and `orgName` count alike; pointers into no register are not counted.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from lxml import etree

from .. import TEI_NS
from .names import Gazetteer

_NS = {"tei": TEI_NS}
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
