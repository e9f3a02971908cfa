"""`teipress serve` as a real process on 127.0.0.1: it serves the edition, prints its address,
listens nowhere else by default, and never serves a file outside the output folder."""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT


def start_server(out: Path, *args: str) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "teipress", "serve", "--out", str(out), "--port", "0", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=out.parent)
    line = process.stdout.readline()  # the first line is the address
    match = re.search(r"http://([\d.]+):(\d+)/", line)
    if not match:
        process.kill()
        pytest.fail(f"no address printed: {line!r} {process.stderr.read()}")
    return process, match.group(0)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed edition built once, with a secret next to it and symlinks leading out."""
    root = tmp_path_factory.mktemp("serve")
    subprocess.run([sys.executable, "-m", "teipress", "build", "--source", str(ROOT / "tei"),
                    "--out", str(root / "out")], check=True, capture_output=True, cwd=ROOT)
    (root / "secret.txt").write_text("SECRET")
    return root / "out"


@pytest.fixture(scope="module")
def served(edition: Path) -> Iterator[str]:
    process, url = start_server(edition)
    yield url
    stop(process)


def get(url: str, raw_path: str) -> tuple[int, bytes, http.client.HTTPResponse]:
    """A request with the path sent exactly as written (no client-side normalisation)."""
    host, port = re.match(r"http://([\d.]+):(\d+)/", url).groups()
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.putrequest("GET", raw_path, skip_accept_encoding=True)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body, response


def test_serves_the_edition_and_redirects_the_root_to_the_index(served: str, edition: Path) -> None:
    status, _, response = get(served, "/")
    assert status == 302 and response.getheader("Location") == "/html/index.html"
    status, body, response = get(served, "/html/index.html")
    assert status == 200 and body == (edition / "html" / "index.html").read_bytes()
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    status, body, _ = get(served, "/text/dobrynin-1962-11-05.txt")
    assert status == 200 and b"Dobrynin" in body


def test_listens_on_the_loopback_interface_only(served: str) -> None:
    assert served.startswith("http://127.0.0.1:")
    port = int(served.rsplit(":", 1)[1].strip("/"))
    others = [a for a in {i[4][0] for i in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)}
              if not a.startswith("127.")]
    for other in others:  # the machine's own addresses other than loopback must refuse
        with pytest.raises(OSError), socket.create_connection((other, port), timeout=2):
            pass


@pytest.mark.parametrize("path", [
    "/../secret.txt",
    "/html/../../secret.txt",
    "/%2e%2e/secret.txt",
    "/%2E%2E%2Fsecret.txt",
    "/html/%2e%2e%2f%2e%2e%2fsecret.txt",
    "/..%5csecret.txt",
    "/%252e%252e/secret.txt",
    "//etc/passwd",
    "/html/index.html%00.txt",
    "/link-out/secret.txt",
    "/html/secret-link.txt",
    "/html/",
])
def test_never_serves_a_file_outside_the_output_folder(edition: Path, path: str) -> None:
    (edition / "link-out").unlink(missing_ok=True)
    os.symlink(edition.parent, edition / "link-out")
    (edition / "html" / "secret-link.txt").unlink(missing_ok=True)
    os.symlink(edition.parent / "secret.txt", edition / "html" / "secret-link.txt")
    process, url = start_server(edition)
    try:
        status, body, _ = get(url, path)
    finally:
        stop(process)
    assert b"SECRET" not in body and b"root:" not in body
    if path != "/html/":  # a folder gives its index page, never a listing
        assert status == 404
    else:
        assert status == 200 and b"<html" in body


def test_refuses_to_serve_a_folder_without_an_edition(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "teipress", "serve", "--out", str(tmp_path / "none")],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert "holds no built edition" in result.stderr and "Traceback" not in result.stderr


def test_watch_rebuilds_when_a_source_is_saved(tmp_path: Path) -> None:
    source = tmp_path / "tei"
    source.mkdir()
    seed = (ROOT / "tei" / "documents" / "dobrynin-1962-11-05.xml").read_text(encoding="utf-8")
    (source / "doc.xml").write_text(seed, encoding="utf-8")
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "teipress", "build", "--source", str(source), "--out",
                    str(out)], check=True, capture_output=True)
    process, url = start_server(out, "--watch", "--source", str(source))
    try:
        time.sleep(1)  # let the watcher start
        (source / "doc.xml").write_text(seed.replace("Foreign Ministry", "Foreign Ministry WATCHED"),
                                        encoding="utf-8")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            status, body, _ = get(url, "/html/doc.html")
            if b"WATCHED" in body:
                break
            time.sleep(0.5)
        assert status == 200 and b"WATCHED" in body
    finally:
        stop(process)
