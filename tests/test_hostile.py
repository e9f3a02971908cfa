"""Hostile and broken input: nothing crashes, nothing is fetched, nothing leaks, nothing is lost.

Each case runs the real command line in a subprocess (so a crash would show as a traceback and a
Python exit status), next to a good document that must still be checked and published.
"""

from __future__ import annotations

import http.server
import json
import subprocess
import sys
import threading
import typing
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import tei

FIXTURES = Path(__file__).parent / "fixtures" / "hostile"
PASSWD_MARK = "root:x:0:0"


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: typing.ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Recorder.requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"FETCHED")

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def loopback() -> Iterator[tuple[int, list[str]]]:
    """A loopback HTTP server that records every request; hostile files point at it."""
    _Recorder.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], _Recorder.requests
    server.shutdown()


def teipress(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "teipress", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300, check=False)


def corpus_with(tmp_path: Path, files: dict[str, bytes], port: int = 0) -> Path:
    """A source folder holding the given files plus one good document."""
    source = tmp_path / "src"
    source.mkdir(exist_ok=True)
    (source / "good.xml").write_text(tei("good", "      <p>A good document.</p>"), encoding="utf-8")
    for name, content in files.items():
        (source / name).write_bytes(content.replace(b"PORT", str(port).encode()))
    return source


def findings_by_file(result: subprocess.CompletedProcess) -> dict[str, list[dict]]:
    report = json.loads(result.stdout)
    return {Path(f["path"]).name: f["findings"] for f in report["files"]}


def assert_no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stdout + result.stderr, result.stderr[-3000:]


FIXTURE_CASES = {
    "xxe-file.xml": ("well-formed", "external entit"),
    "xxe-http.xml": ("well-formed", "external entit"),
    "parameter-entity.xml": ("well-formed", "external entit"),
    "external-dtd.xml": ("not-fetched", "not loaded"),
    "xml-model.xml": ("not-fetched", "not fetched"),
    "billion-laughs.xml": ("well-formed", "entity expansion"),
    "quadratic-blowup.xml": ("well-formed", "entity expansion"),
}


@pytest.mark.parametrize("name", sorted(FIXTURE_CASES))
def test_nothing_is_fetched_or_expanded(tmp_path: Path, loopback, name: str) -> None:
    port, requests = loopback
    source = corpus_with(tmp_path, {name: (FIXTURES / name).read_bytes()}, port)
    result = teipress("validate", "--format", "json", str(source), cwd=tmp_path)
    assert_no_traceback(result)
    rule, words = FIXTURE_CASES[name]
    findings = findings_by_file(result)
    assert any(f["rule"] == rule and words in f["message"] for f in findings[name]), findings[name]
    assert PASSWD_MARK not in result.stdout
    build = teipress("build", "--source", str(source), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert_no_traceback(build)
    assert (tmp_path / "out/html/good.html").is_file()
    published = "".join(p.read_text(errors="replace") for p in (tmp_path / "out").rglob("*.*"))
    assert PASSWD_MARK not in published and "FETCHED" not in published
    assert requests == []


def generated_cases() -> dict[str, tuple[bytes, str, int]]:
    """name → (content, words expected in the message, line expected or 0 for file-level)."""
    head = b'<TEI xmlns="http://www.tei-c.org/ns/1.0">'
    return {
        "truncated.xml": (tei("truncated").encode()[:300], "not well-formed", -1),
        "empty.xml": (b"", "empty", 1),
        "invalid-utf8.xml": (head + b"\n<text><body><p>caf\xe9</p></body></text></TEI>", "UTF-8", 2),
        "control-char.xml": (head + b"\n<text><body><p>\x07</p></body></text></TEI>", "Char value", 2),
        "not-tei.xml": (b'<?xml version="1.0"?>\n<html/>', "not a TEI document", 2),
        "no-namespace.xml": (b"<TEI>\n<text/></TEI>", "has no namespace", 1),
        "deep.xml": (head + b"<p>" * 10_000 + b"</p>" * 10_000 + b"</TEI>", "nested too deeply", 1),
        "huge-text.xml": (head + b"<text><body><p>" + b"x" * 50_000_000 + b"</p></body></text></TEI>",
                          "too large", 1),
    }


def test_broken_files_each_get_one_clear_message(tmp_path: Path) -> None:
    cases = generated_cases()
    source = corpus_with(tmp_path, {name: content for name, (content, _, _) in cases.items()})
    (source / "folder.xml").mkdir()
    (source / "dangling.xml").symlink_to(source / "gone.xml")
    result = teipress("validate", "--format", "json", str(source), cwd=tmp_path)
    assert_no_traceback(result)
    assert result.returncode == 2  # unreadable paths (the folder, the dangling link) are I/O errors
    findings = findings_by_file(result)
    for name, (_, words, line) in cases.items():
        assert len(findings[name]) == 1, (name, findings[name])
        [finding] = findings[name]
        assert finding["severity"] == "error" and words in finding["message"], (name, finding)
        if line > 0:
            assert finding["line"] == line, (name, finding)
    assert findings["folder.xml"][0]["message"] == "is a folder, not an XML file"
    assert findings["dangling.xml"][0]["message"] == "broken symbolic link"
    assert [f for f in findings["good.xml"] if f["rule"] != "relaxng"] == []
    build = teipress("build", "--source", str(source), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert_no_traceback(build)
    assert build.returncode == 1
    assert (tmp_path / "out/html/good.html").is_file()
    for name in cases:
        assert f"{name}:" in build.stderr


@pytest.mark.parametrize("variant", ["utf8-bom", "utf16-bom", "crlf"])
def test_legitimate_encodings_keep_exact_line_numbers(tmp_path: Path, variant: str) -> None:
    text = tei("enc", '      <p>One.</p>\n      <p><persName ref="#nobody">X</persName></p>')
    if variant == "crlf":
        content = text.replace("\n", "\r\n").encode()
    elif variant == "utf8-bom":
        content = b"\xef\xbb\xbf" + text.encode()
    else:
        content = text.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    source = corpus_with(tmp_path, {"enc.xml": content})
    (tmp_path / "teipress.toml").write_text("[validation]\nproject_rules = true\n")  # ref-resolves
    result = teipress("validate", "--format", "json", str(source), cwd=tmp_path)
    assert_no_traceback(result)
    [dangling] = [f for f in findings_by_file(result)["enc.xml"] if f["rule"] == "ref-resolves"]
    assert (dangling["line"], dangling["column"]) == (13, 10)


def test_xinclude_only_on_request_and_only_inside_the_source(tmp_path: Path) -> None:
    inside = tei("inc", '      <p>Before <xi:include href="part.txt" parse="text"/> after.</p>').replace(
        "<TEI ", '<TEI xmlns:xi="http://www.w3.org/2001/XInclude" ')
    source = corpus_with(tmp_path, {
        "outside.xml": (FIXTURES / "xinclude-outside.xml").read_bytes(),
        "inside.xml": inside.encode(),
        "part.txt": b"INCLUDED TEXT",
    })
    plain = teipress("validate", "--format", "json", str(source), cwd=tmp_path)
    assert any(f["rule"] == "xinclude" and f["severity"] == "warning"
               for f in findings_by_file(plain)["inside.xml"])
    expanded = teipress("validate", "--xinclude", "--format", "json", str(source), cwd=tmp_path)
    assert_no_traceback(expanded)
    [outside] = [f for f in findings_by_file(expanded)["outside.xml"] if f["rule"] == "xinclude"]
    assert outside["severity"] == "error" and "outside the source folder" in outside["message"]
    assert outside["line"] == 3
    assert not [f for f in findings_by_file(expanded)["inside.xml"] if f["rule"] == "xinclude"]
    build = teipress("build", "--xinclude", "--source", str(source), "--out", str(tmp_path / "out"),
                     cwd=tmp_path)
    assert "INCLUDED TEXT" in (tmp_path / "out/text/inside.txt").read_text()
    assert PASSWD_MARK not in "".join(p.read_text() for p in (tmp_path / "out").rglob("*.txt"))
    assert_no_traceback(build)


def test_sources_are_never_modified(tmp_path: Path) -> None:
    source = corpus_with(tmp_path, {"broken.xml": b"<TEI"})
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in source.iterdir()}
    for path in source.iterdir():
        path.chmod(0o444)
    source.chmod(0o555)
    try:
        teipress("validate", str(source), cwd=tmp_path)
        build = teipress("build", "--source", str(source), "--out", str(tmp_path / "out"), cwd=tmp_path)
        assert (tmp_path / "out/html/good.html").is_file(), build.stderr
    finally:
        source.chmod(0o755)
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in source.iterdir()} == before


def test_concurrent_builds_do_not_interleave(tmp_path: Path) -> None:
    source = corpus_with(tmp_path, {})
    out = tmp_path / "out"
    command = [sys.executable, "-m", "teipress", "build", "--source", str(source), "--out", str(out)]
    runs = [subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for _ in range(3)]
    assert [run.wait(timeout=300) for run in runs] == [0, 0, 0]
    reference = tmp_path / "reference"
    assert teipress("build", "--source", str(source), "--out", str(reference), cwd=tmp_path).returncode == 0
    snapshot = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    expected = {p.relative_to(reference): p.read_bytes() for p in reference.rglob("*") if p.is_file()}
    assert snapshot == expected
    assert not list(tmp_path.glob(".out.staging-*"))


def test_disk_full_keeps_the_previous_output(tmp_path: Path) -> None:
    source = corpus_with(tmp_path, {})
    out = tmp_path / "out"
    assert teipress("build", "--source", str(source), "--out", str(out), cwd=tmp_path).returncode == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (source / "good.xml").write_text(tei("good", "      <p>Changed.</p>"), encoding="utf-8")
    # the disk fills up while the new output is written (whichever module writes it)
    script = (
        "import errno, pathlib\n"
        "original = pathlib.Path.write_text\n"
        "def full(path, *args, **kwargs):\n"
        "    if '.staging-' in str(path):\n"
        "        raise OSError(errno.ENOSPC, 'No space left on device', str(path))\n"
        "    return original(path, *args, **kwargs)\n"
        "pathlib.Path.write_text = full\n"
        "from teipress.cli import main\n"
        "main()\n"
    )
    result = subprocess.run([sys.executable, "-c", script, "build", "--source", str(source), "--out",
                             str(out)], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert_no_traceback(result)
    assert result.returncode == 2
    assert "No space left on device" in result.stderr and "unchanged" in result.stderr
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_an_exception_in_one_document_does_not_stop_the_others(tmp_path: Path) -> None:
    source = corpus_with(tmp_path, {"other.xml": tei("other").encode()})
    script = (
        "import teipress.transform as t\n"
        "original = t.Transformer.run\n"
        "def run(self, name, node, **params):\n"
        "    if params.get('document-id') == 'other': raise RuntimeError('boom')\n"
        "    return original(self, name, node, **params)\n"
        "t.Transformer.run = run\n"
        "from teipress.cli import main\n"
        "main()\n"
    )
    result = subprocess.run([sys.executable, "-c", script, "build", "--source", str(source), "--out",
                             str(tmp_path / "out")], cwd=tmp_path, capture_output=True, text=True,
                            check=False)
    assert_no_traceback(result)
    assert result.returncode == 1
    assert "other.xml: error: could not be transformed: boom" in result.stderr, result.stderr
    assert (tmp_path / "out/html/good.html").is_file()
    assert not (tmp_path / "out/html/other.html").exists()
    index = (tmp_path / "out/html/index.html").read_text()
    assert "good.html" in index and "other.html" not in index
