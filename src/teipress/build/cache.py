"""The build cache: what the map step produced, kept beside the output (`.<out>.cache/`).

An entry is found by a key that hashes everything its value depends on (the document's TEI,
the stylesheets, the teipress version, and for a page also its slice of the site manifest and
the registers, build/context.py), so an entry can never be stale: a changed input is a different key.
Entries carry a checksum of their content (of the JSON text as written, so reading an entry
does not serialise it again to check it); one that does not match (a torn write, a disk
error, a hand edit) is ignored and recomputed, never trusted. Deleting the folder is always safe.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from functools import cache
from pathlib import Path

from .. import __version__
from ..resources import data_dir

FORMAT = 6  # bump when what an entry holds changes


def digest(*parts: str) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8")
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


@cache
def code_version() -> str:
    """teipress's version and every stylesheet's content: a change to either redoes all pages."""
    hasher = hashlib.sha256(f"{FORMAT} {__version__}".encode())
    xslt = data_dir("xslt")
    for path in sorted(p for p in xslt.rglob("*") if p.is_file()):
        hasher.update(path.relative_to(xslt).as_posix().encode())
        hasher.update(path.read_bytes())
    return hasher.hexdigest()


class BuildCache:
    """Values by key, one small JSON file each; `close` drops the entries this build did not use."""

    def __init__(self, out: Path) -> None:
        out = out.absolute()
        self.folder = out.parent / f".{out.name}.cache"
        self._used: set[str] = set()

    def get(self, key: str) -> dict | None:
        self._used.add(key)
        try:
            check, _, text = self._path(key).read_text(encoding="utf-8").partition("\n")
            if check != digest(text):
                return None
            value = json.loads(text)
            return value if isinstance(value, dict) else None
        except (OSError, ValueError):
            return None  # missing or unreadable: recompute

    def has(self, key: str) -> bool:
        """An entry for `key` exists (whether it is sound is known when it is read)."""
        self._used.add(key)
        return self._path(key).is_file()

    def put(self, key: str, value: dict) -> None:
        self._used.add(key)
        path = self._path(key)
        text = json.dumps(value)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            with partial.open("w", encoding="utf-8") as file:  # no second copy of a 50 MB page
                file.write(f"{digest(text)}\n")
                file.write(text)
            os.replace(partial, path)
        except OSError:
            pass  # a cache that cannot be written only makes the next build slower

    def close(self) -> None:
        """Remove what this build did not use (deleted or changed documents), so the cache
        does not grow without bound."""
        if not self.folder.is_dir():
            return
        for path in self.folder.rglob("*"):
            if path.is_file() and path.stem not in self._used:
                with contextlib.suppress(OSError):  # the output is published already
                    path.unlink()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"
