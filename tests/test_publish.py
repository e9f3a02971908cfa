"""Publishing replaces the output folder whole, or leaves the previous one exactly as it was."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from teipress.errors import TeipressError
from teipress.publish import MARKER, staged_output


def publish(out: Path, files: dict[str, str], sources: Path) -> None:
    with staged_output(out, [sources]) as staging:
        for name, content in files.items():
            (staging / name).write_text(content)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "tei"
    folder.mkdir()
    return folder


def test_first_publish_creates_the_folder_with_marker(tmp_path: Path, sources: Path) -> None:
    out = tmp_path / "output"
    publish(out, {"a.html": "one"}, sources)
    assert snapshot(out)["a.html"] == b"one"
    assert (out / MARKER).is_file()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".output.staging")] == []


def test_second_publish_replaces_everything(tmp_path: Path, sources: Path) -> None:
    out = tmp_path / "output"
    publish(out, {"a.html": "one"}, sources)
    publish(out, {"b.html": "two"}, sources)
    assert sorted(snapshot(out)) == [MARKER, "b.html"]


def test_failure_during_build_keeps_previous_output(tmp_path: Path, sources: Path) -> None:
    out = tmp_path / "output"
    publish(out, {"a.html": "good"}, sources)
    before = snapshot(out)
    with pytest.raises(RuntimeError), staged_output(out, [sources]) as staging:
        (staging / "a.html").write_text("half-written")
        raise RuntimeError("a document failed")
    assert snapshot(out) == before
    assert not list(tmp_path.glob(".output.staging-*"))


def test_killed_build_keeps_previous_output_and_is_cleaned_up(tmp_path: Path, sources: Path) -> None:
    out = tmp_path / "output"
    publish(out, {"a.html": "good"}, sources)
    before = snapshot(out)
    script = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from teipress.publish import staged_output\n"
        "with staged_output(Path(sys.argv[1]), [Path(sys.argv[2])]) as s:\n"
        "    (s / 'a.html').write_text('partial')\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    killed = subprocess.run([sys.executable, "-c", script, str(out), str(sources)], check=False)
    assert killed.returncode == -9
    assert snapshot(out) == before
    assert list(tmp_path.glob(".output.staging-*"))  # the debris of the killed build...
    publish(out, {"c.html": "next"}, sources)
    assert not list(tmp_path.glob(".output.staging-*"))  # ...is removed by the next one
    assert snapshot(out)["c.html"] == b"next"


def test_refuses_to_replace_a_folder_it_did_not_make(tmp_path: Path, sources: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("an editor's own file")
    with pytest.raises(TeipressError, match="not made by teipress"):
        publish(out, {"a.html": "x"}, sources)
    assert (out / "notes.txt").read_text() == "an editor's own file"


@pytest.mark.parametrize("relation", ["same", "inside", "parent"])
def test_refuses_output_overlapping_the_sources(tmp_path: Path, sources: Path, relation: str) -> None:
    out = {"same": sources, "inside": sources / "out", "parent": tmp_path}[relation]
    with pytest.raises(TeipressError, match="overlaps the sources"):
        publish(out, {"a.html": "x"}, sources)


@pytest.mark.parametrize("syncfs", [True, False], ids=["syncfs", "fsync-each-file"])
def test_the_new_files_are_flushed_before_the_swap(tmp_path: Path, sources: Path, monkeypatch,
                                                    syncfs: bool) -> None:
    """One syncfs of the staging folder's filesystem where Linux has it, else an fsync of every
    file and folder; either way before the new output takes the old one's place."""
    import teipress.publish as publishing

    calls: list[str] = []
    real_syncfs, real_fsync = publishing._syncfs, publishing.os.fsync

    def recorded_syncfs(folder: Path) -> bool:
        calls.append("syncfs")
        assert (folder / "sub" / "b.html").is_file() and not (tmp_path / "output").exists()
        return real_syncfs(folder) if syncfs else False

    def recorded_fsync(fd: int) -> None:
        calls.append("fsync")
        real_fsync(fd)

    monkeypatch.setattr(publishing, "_syncfs", recorded_syncfs)
    monkeypatch.setattr(publishing.os, "fsync", recorded_fsync)
    with staged_output(tmp_path / "output", [sources]) as staging:
        (staging / "a.html").write_text("one")
        (staging / "sub").mkdir()
        (staging / "sub" / "b.html").write_text("two")
    # with syncfs: one call, no fsync; without: every file, the marker and the folder
    assert calls == (["syncfs"] if syncfs else ["syncfs"] + ["fsync"] * 4)
    assert snapshot(tmp_path / "output")["sub/b.html"] == b"two"
