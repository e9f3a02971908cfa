"""The build's text spool: the documents' bytes and serialised TEI wait on disk, not in the
parent's memory, between checking and rendering, and come back exactly as they were."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import shared
from teipress.checking import StoredDocument
from teipress.spool import Spooled, TextSpool
from teipress.validate import Checks, check_sources, find_sources
from teipress.workers import AHEAD_PER_WORKER, Runner, runner


def test_texts_come_back_byte_for_byte_and_leave_no_file(tmp_path: Path) -> None:
    texts = ["Москва, 5 ноября 1962".encode(), b"", "ſ · ꝑ · 𝔊 & <tag>".encode(), bytes(range(256)) * 40]
    with TextSpool(tmp_path) as spool:
        places = [spool.put(text) for text in texts]
        assert list(tmp_path.iterdir()) == []  # the file has no name: nothing to clean up after a crash
        assert [spool.get(where) for where in reversed(places)] == texts[::-1]
        later = spool.put(b"after reading")  # writing after reading appends, never overwrites
        assert spool.get(later) == b"after reading" and spool.get(places[0]) == texts[0]


def test_a_text_cut_short_is_refused_not_handed_on(tmp_path: Path) -> None:
    with TextSpool(tmp_path) as spool:
        where = spool.put(b"0123456789")
        with pytest.raises(OSError, match="lost 5 bytes"):
            spool.get(Spooled(where.offset + 5, where.length))


def test_checked_documents_keep_their_texts_in_the_spool(tmp_path: Path) -> None:
    """Real documents (maechtekongresse, with umlauts and long s): after `keep_texts_in` the
    document holds neither its bytes nor its TEI, and reads both back unchanged."""
    source = shared("corpora", "maechtekongresse", "editions")
    found = find_sources(sorted(source.glob("*.xml"))[:5])
    with runner(None, 1, 5) as pool:
        corpus = check_sources(found, [], Checks(grammar_only=True), pool, for_build=True)
    documents: list[StoredDocument] = corpus.subjects
    before = [(d.source, d.tei, d.full().root.findtext(".//{*}title")) for d in documents]
    assert all(source and tei for source, tei, _ in before)
    with TextSpool(tmp_path) as spool:
        for document in documents:
            document.keep_texts_in(spool)
            document.keep_texts_in(spool)  # a second call does not spool the empty texts
        assert all(d.task.source == b"" and d.checked.tei == "" for d in documents)
        assert [(d.source, d.tei, d.full().root.findtext(".//{*}title")) for d in documents] == before


def test_tasks_are_prepared_only_as_they_are_sent() -> None:
    """`prepare` turns a task naming its documents into the task the worker gets; it runs as
    each task is sent, a few ahead of the results read, not for every task up front."""
    prepared: list[int] = []

    def prepare(task: tuple) -> tuple:
        prepared.append(task[0][0])
        return (3, task[0])

    with ThreadPoolExecutor(2) as pool:
        running = Runner(lambda: pool, 2)
        results = running.map(multiplied, [([n],) for n in range(40)], prepare)
        assert next(results) == [0]
        assert len(prepared) <= 2 * AHEAD_PER_WORKER + 1
        assert [batch for batch in results] == [[3 * n] for n in range(1, 40)]
    assert prepared == list(range(40))


def multiplied(factor: int, batch: list[int]) -> list[int]:
    return [factor * n for n in batch]
