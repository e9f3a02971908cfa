"""Builds of many documents: progress display, worker processes, a Dask cluster, the
incremental cache. Every variant must publish exactly the bytes of a one-process clean build."""

from __future__ import annotations

import contextlib
import json
import os
import pty
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import ROOT, shared
from teipress.validate import BATCH
from teipress.workers import Runner, default_jobs, worker_count


def generated_corpus(tmp_path: Path, documents: int, seed: int = 1) -> Path:
    """A synthetic letters edition (documents/ and registers/) from the shared generator."""
    generator = shared("tools", "gen_corpus.py")
    subprocess.run([sys.executable, str(generator), "--docs", str(documents), "--seed", str(seed),
                    str(tmp_path / "corpus")], check=True, capture_output=True)
    return tmp_path / "corpus" / "documents"


def build_on_a_terminal(source: Path, out: Path, *args: str) -> str:
    """`teipress build` with stderr on a pseudo-terminal, as in an editor's shell: what it shows."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "teipress", "build", "--source", str(source),
                                "--out", str(out), *args], stdout=subprocess.DEVNULL,
                               stderr=terminal, cwd=out.parent)
    os.close(terminal)
    shown = b""
    with contextlib.suppress(OSError):  # EIO once the process has closed the terminal
        while chunk := os.read(controller, 4096):
            shown += chunk
    os.close(controller)
    assert process.wait(timeout=300) == 0
    return shown.decode("utf-8", "replace")


def test_progress_bar_on_a_terminal_and_not_with_quiet(tmp_path: Path) -> None:
    source = generated_corpus(tmp_path, 25)
    shown = build_on_a_terminal(source, tmp_path / "out")
    for step in ("checking", "rendering"):
        assert re.search(rf"{step} .*25/25", shown), shown
    assert "documents/s" in shown, shown
    quiet = build_on_a_terminal(source, tmp_path / "quiet", "--quiet")
    assert "checking" not in quiet and "rendering" not in quiet and "documents/s" not in quiet, quiet
    assert "published 25 document(s)" in quiet


def test_the_time_left_is_estimated_only_from_a_steady_rate() -> None:
    """The first documents pay for compiling the stylesheets: an estimate from them would promise
    hours, so the time left is shown only after some documents and seconds."""
    from teipress.build.progress import rate_and_estimate

    assert rate_and_estimate(1, 1000, 0.5) == "2.0 documents/s"
    assert "left" not in rate_and_estimate(5, 1000, 30.0)
    assert rate_and_estimate(500, 1000, 50.0) == "10.0 documents/s, about 0:50 left"
    assert rate_and_estimate(100, 10000, 20.0) == "5.0 documents/s, about 33:00 left"


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    source = generated_corpus(tmp_path, 25)
    result = subprocess.run([sys.executable, "-m", "teipress", "build", "--source", str(source),
                             "--out", str(tmp_path / "out")], capture_output=True, text=True,
                            cwd=tmp_path, check=False)
    assert "published 25 document(s)" in result.stderr
    assert "documents/s" not in result.stderr and "rendering" not in result.stderr
    assert "checking" not in result.stderr


def teipress_build(source: Path, out: Path, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "teipress", "build", "--source", str(source),
                             "--out", str(out), "--quiet", *args], capture_output=True, text=True,
                            cwd=out.parent, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every output file, the search index included."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def rendered(result: subprocess.CompletedProcess) -> int:
    """The number of documents the build had to render (the rest came from its cache)."""
    return int(re.search(r"^published \d+ document\(s\) to .* \((\d+) rendered", result.stderr,
                         flags=re.MULTILINE).group(1))


def clean_build(source: Path, out: Path) -> dict[str, bytes]:
    """A one-process build with no cache: the reference every other build must equal."""
    shutil.rmtree(out.parent / f".{out.name}.cache", ignore_errors=True)
    teipress_build(source, out, "--jobs", "1")
    shutil.rmtree(out.parent / f".{out.name}.cache", ignore_errors=True)
    return snapshot(out)


def test_worker_processes_publish_the_same_bytes(tmp_path: Path) -> None:
    source = generated_corpus(tmp_path, 30)
    result = teipress_build(source, tmp_path / "parallel", "--jobs", "2")
    assert rendered(result) == 30
    assert snapshot(tmp_path / "parallel") == clean_build(source, tmp_path / "serial")


def test_the_default_job_count_starts_workers_only_for_a_large_edition() -> None:
    # maechtekongresse's 113 documents build faster and in half the memory in one process;
    # an explicit --jobs is honoured wherever each worker gets a dozen documents
    assert worker_count(None, 113) == 1
    assert worker_count(None, 10_000) == default_jobs()
    assert worker_count(2, 30) == 2
    assert worker_count(2, 20) == 1


def test_dask_cluster_publishes_the_same_bytes(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    source = generated_corpus(tmp_path, 16)
    with distributed.LocalCluster(host="127.0.0.1", n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        address = cluster.scheduler_address.removeprefix("tcp://")
        assert address.startswith("127.0.0.1:")
        teipress_build(source, tmp_path / "dask", "--executor", f"dask://{address}")
    assert snapshot(tmp_path / "dask") == clean_build(source, tmp_path / "local")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_one_changed_document_is_the_only_one_rendered_again(tmp_path: Path) -> None:
    source = generated_corpus(tmp_path, 100)
    out = tmp_path / "out"
    first = teipress_build(source, out)
    assert rendered(first) == 100
    assert "(100 rendered)" in first.stderr and "build cache" not in first.stderr  # nothing came from it
    again = teipress_build(source, out).stderr
    assert re.search(r"\(0 rendered, 100 from the build cache; "
                     r"edition pages: 0 made, [1-9]\d* from the build cache\)", again), again
    edit(source / "doc-000042.xml", "<p>", "<p>Changed here. ")
    changed = teipress_build(source, out)
    assert rendered(changed) == 1  # 1 % of the corpus
    assert "edition pages: 0 made" in changed.stderr  # its words changed, not its record or names
    assert snapshot(out) == clean_build(source, tmp_path / "clean")


def test_incremental_builds_equal_clean_builds_after_any_change(tmp_path: Path) -> None:
    source = generated_corpus(tmp_path, 16)
    registers = source.parent / "registers"
    out = tmp_path / "out"
    teipress_build(source, out)
    rounds = [
        [lambda: edit(source / "doc-000003.xml", "<title>", "<title>Retitled: "),  # index, neighbours
         lambda: shutil.copy(source / "doc-000005.xml", source / "doc-000099.xml")],  # added
        [lambda: (source / "doc-000007.xml").rename(source / "doc-000077.xml"),  # renamed
         lambda: (source / "doc-000011.xml").unlink(),  # deleted
         lambda: edit(registers / "persons.xml", "<persName>", "<persName>Dr. ")],  # an entry
    ]
    for number, changes in enumerate(rounds):
        for change in changes:
            change()
        teipress_build(source, out)
        assert snapshot(out) == clean_build(source, tmp_path / f"clean-{number}"), number


def test_a_corrupt_cache_is_ignored(tmp_path: Path) -> None:
    source = generated_corpus(tmp_path, 12)
    out = tmp_path / "out"
    teipress_build(source, out)
    entries = sorted(p for p in (tmp_path / ".out.cache").rglob("*.json"))
    assert entries
    for number, entry in enumerate(entries):  # torn writes, flipped bytes, hand edits
        data = entry.read_bytes()
        entry.write_bytes(data[: len(data) // 2] if number % 2 else data.replace(b"<", b">", 1))
    assert rendered(teipress_build(source, out)) == 12
    assert snapshot(out) == clean_build(source, tmp_path / "clean")


def validation_report(out: Path) -> dict[str, list[dict]]:
    """validation.json's findings by file name."""
    report = json.loads((out / "html" / "validation.json").read_text(encoding="utf-8"))
    return {Path(f["path"]).name: f["findings"] for f in report["files"]}


def test_cached_validation_results_follow_the_documents_and_the_schema(tmp_path: Path) -> None:
    """Check results come from the build cache (keyed by the file, the schema, the rules and
    teipress), so an edited document or an edited schema is checked again: each build equals a
    clean one, findings at their file:line."""
    source = generated_corpus(tmp_path, 12)
    schema = tmp_path / "schema.rng"
    shutil.copy(ROOT / "schemas" / "tei_all.rng", schema)
    out, clean = tmp_path / "out", tmp_path / "clean"
    teipress_build(source, out, "--schema", str(schema))
    assert not any(validation_report(out).values())
    line = replace_line(source / "doc-000004.xml", "<p>", "<p><blink/>")
    teipress_build(source, out, "--schema", str(schema))
    [finding] = validation_report(out)["doc-000004.xml"]
    assert (finding["line"], finding["rule"]) == (line, "relaxng") and "blink" in finding["message"]
    edit(schema, '<element name="abbr">', '<element name="abbreviation">')  # abbr is now unknown
    teipress_build(source, out, "--schema", str(schema))
    teipress_build(source, clean, "--schema", str(schema), "--jobs", "1")  # no cache yet
    found = validation_report(out)
    assert sum("abbr" in f["message"] for findings in found.values() for f in findings) > 1
    assert found == validation_report(clean)


def replace_line(path: Path, old: str, new: str) -> int:
    """`edit`, returning the line of the change."""
    text = path.read_text(encoding="utf-8")
    edit(path, old, new)
    return text.count("\n", 0, text.index(old)) + 1


def test_workers_start_only_when_there_is_enough_work() -> None:
    """A rebuild after one change maps a document or two: they run in this process, and the
    worker pool starts with the first map big enough for it."""
    started: list[ThreadPoolExecutor] = []

    def start() -> ThreadPoolExecutor:
        started.append(ThreadPoolExecutor(2))
        return started[-1]

    running = Runner(start, 2)
    assert list(running.map_batches(scaled, 10, [1, 2, 3], BATCH)) == [10, 20, 30]
    assert not started
    assert list(running.map_batches(scaled, 2, list(range(40)), BATCH)) == [2 * n for n in range(40)]
    assert len(started) == 1
    running.close()


def scaled(factor: int, batch: list[int]) -> list[int]:
    return [factor * n for n in batch]
