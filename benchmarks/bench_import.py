"""How well `teipress import` tags names: precision and recall per kind against hand encodings.

1. The seed transcription (../shared/seed) with the project's registers, against the hand
   encoding in tei/documents/ (title, citation, abstract, body).
2. A stranger's texts: maechtekongresse editions turned into plain text (the body's paragraphs,
   notes, deletions and abbreviations left out), imported with the corpus's indices as registers,
   against the corpus's own tagging of the same text.

Run by hand: .venv/bin/python benchmarks/bench_import.py [--limit N]
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from lxml import etree

from teipress.assist import make_import
from teipress.assist.evaluate import KINDS, Score, compare, plain_text, readable
from teipress.assist.names import load_gazetteer

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "dobrynin-1962-11-05.txt"
HAND = ROOT / "tei" / "documents" / "dobrynin-1962-11-05.xml"
CONGRESSES = SHARED / "corpora" / "maechtekongresse"
BODY = ("tei:text/tei:body",)


def seed() -> list[Score]:
    gazetteer = load_gazetteer([ROOT / "tei" / "registers"])
    draft, _, _ = make_import(SEED.read_text(encoding="utf-8"), gazetteer, "dobrynin-1962-11-05",
                              publisher="teipress project", licence=None, source_name=SEED.name)
    assert draft is not None
    return compare(etree.fromstring(draft), etree.parse(str(HAND)).getroot(), gazetteer)


def congresses(limit: int | None, exact: bool) -> tuple[list[Score], int]:
    gazetteer = load_gazetteer([CONGRESSES / "indices"])
    totals: dict[str, Counter[str]] = {kind: Counter() for kind in KINDS}
    files = sorted((CONGRESSES / "editions").glob("*.xml"))[:limit]
    for path in files:
        hand = readable(etree.parse(str(path)).getroot())
        draft, _, _ = make_import(plain_text(hand), gazetteer, path.stem, publisher=None, licence=None,
                                  source_name=path.name)
        if draft is None:
            continue
        for score in compare(etree.fromstring(draft), hand, gazetteer, BODY, exact):
            totals[score.kind].update(draft=score.draft, hand=score.hand, agreed=score.agreed)
    return [Score(kind, t["draft"], t["hand"], t["agreed"]) for kind, t in totals.items()], len(files)


def show(label: str, scores: list[Score]) -> None:
    print(label)
    print(f"  {'kind':8} {'draft':>6} {'hand':>6} {'agreed':>6} {'precision':>9} {'recall':>7}")
    for s in scores:
        print(f"  {s.kind:8} {s.draft:6} {s.hand:6} {s.agreed:6} {s.precision:9.3f} {s.recall:7.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N congress editions")
    limit = parser.parse_args().limit
    started = time.perf_counter()
    show(f"seed: {SEED.name} against {HAND.relative_to(ROOT)}", seed())
    print(f"  ({time.perf_counter() - started:.2f} s)")
    if CONGRESSES.is_dir():
        for exact, how in ((True, "same entity and same words"), (False, "same entity, any extent")):
            started = time.perf_counter()
            scores, count = congresses(limit, exact)
            show(f"maechtekongresse: {count} editions as plain text, indices/ as registers (body "
                 f"without notes; agreed = {how})", scores)
            print(f"  ({time.perf_counter() - started:.2f} s)")


if __name__ == "__main__":
    main()
