"""`teipress serve`: the built edition over HTTP on this machine, for reading and for search.

Browsers refuse to fetch a search index from `file://`, so the edition needs a server to be
searched; this one is deliberately small. It listens on 127.0.0.1 unless another host is asked
for, serves only regular files inside the output folder (no listing, nothing reached through
`..`, an encoded `..` or a symlink that leaves the folder), and, with --watch, rebuilds the
edition when a source file is saved. The output folder is looked up again on every request,
so a rebuild (which swaps the folder as a whole) is served as soon as it is in place.
"""

from __future__ import annotations

import http.server
import mimetypes
import threading
import urllib.parse
from collections.abc import Callable
from pathlib import Path

import click

from .errors import TeipressError
from .findings import display_path
from .outputs import INDEX_PAGE

DEFAULT_HOST = "127.0.0.1"
HOME = f"/html/{INDEX_PAGE}"
# Types a browser must get right: Pagefind loads WebAssembly with streaming compilation.
EXTRA_TYPES = {".wasm": "application/wasm", ".js": "text/javascript", ".mjs": "text/javascript",
               ".json": "application/json", ".xml": "application/xml", ".txt": "text/plain"}


def resolve_inside(root: Path, url_path: str) -> Path | None:
    """The file `url_path` names inside `root`, or None when it is not a regular file there.

    The path is percent-decoded once (as a browser would send it); any `..`, backslash or NUL
    is refused outright, and the real path (symlinks followed) must still lie inside the real
    root, so neither `%2e%2e/` nor a symlink leads out of the edition."""
    decoded = urllib.parse.unquote(urllib.parse.urlsplit(url_path).path, errors="strict")
    if "\\" in decoded or "\x00" in decoded:
        return None
    parts = [part for part in decoded.split("/") if part not in ("", ".")]
    if ".." in parts:
        return None
    real_root = root.resolve()
    candidate = real_root.joinpath(*parts)
    if candidate.is_dir():
        candidate = candidate / "index.html"
    try:
        real = candidate.resolve(strict=True)
    except (OSError, RuntimeError):  # missing, or a symlink loop
        return None
    return real if real.is_relative_to(real_root) and real.is_file() else None


class EditionHandler(http.server.BaseHTTPRequestHandler):
    """GET and HEAD of files inside `root`; everything else is refused."""

    root: Path
    server_version = "teipress"
    sys_version = ""

    def do_GET(self) -> None:
        self._serve(body=True)

    def do_HEAD(self) -> None:
        self._serve(body=False)

    def _serve(self, body: bool) -> None:
        if urllib.parse.urlsplit(self.path).path in ("", "/"):
            self._redirect(HOME)
            return
        try:
            path = resolve_inside(self.root, self.path)
        except UnicodeDecodeError:
            path = None
        if path is None:
            self.send_error(404, "Not found")
            return
        data = path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", content_type(path))
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _redirect(self, target: str) -> None:
        self.send_response(302)
        self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args) -> None:
        """Quiet: a reader's requests are nobody's business on the terminal."""


def content_type(path: Path) -> str:
    suffix = path.suffix.lower()
    kind = EXTRA_TYPES.get(suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith("text/") or kind.endswith(("json", "xml")) else kind


def make_server(out: Path, host: str, port: int) -> http.server.ThreadingHTTPServer:
    handler = type("Handler", (EditionHandler,), {"root": out.absolute()})
    try:
        server = http.server.ThreadingHTTPServer((host, port), handler)
    except OSError as exc:
        raise TeipressError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    server.daemon_threads = True
    return server


def address(server: http.server.ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    shown = f"[{host}]" if ":" in str(host) else host
    return f"http://{shown}:{port}/"


def serve(out: Path, host: str, port: int, rebuild: Callable[[], object] | None,
          watched: Path | None) -> int:
    """Serve until interrupted; with `rebuild`, run it whenever a file under `watched` changes."""
    if not (out / "html" / INDEX_PAGE).is_file():
        raise TeipressError(f"{display_path(out)} holds no built edition; run `teipress build` first")
    server = make_server(out, host, port)
    click.echo(f"Serving {display_path(out)} at {address(server)} (Ctrl-C to stop)")
    if rebuild is not None and watched is not None:
        threading.Thread(target=watch_and_rebuild, args=(watched, rebuild), daemon=True).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def watch_and_rebuild(watched: Path, rebuild: Callable[[], object]) -> None:
    from watchfiles import watch

    click.echo(f"watching {display_path(watched)} for changes…", err=True)
    for changes in watch(watched, debounce=300, step=100):
        click.echo(f"{len(changes)} change(s); rebuilding…", err=True)
        try:
            rebuild()
        except (click.ClickException, OSError) as exc:  # keep serving the previous build
            click.echo(f"rebuild failed: {exc}", err=True)
        except SystemExit:
            pass

