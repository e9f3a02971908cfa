"""Where the stylesheets and schemas live: the repository checkout, or the installed wheel."""

from __future__ import annotations

import contextlib
import hashlib
import os
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """`xslt` or `schemas`: the checkout's folder when running from source (editable install),
    else the copy the wheel carries in teipress/data/."""
    checkout = _PACKAGE.parents[1] / name
    if checkout.is_dir():
        return checkout
    return _PACKAGE / "data" / name


def project_schema() -> Path:
    return data_dir("schemas") / "teipress.rng"


def stylesheet(relative: str) -> Path:
    return data_dir("xslt") / relative


def user_cache(name: str) -> Path:
    """$XDG_CACHE_HOME/teipress/`name` (default ~/.cache/...): what teipress derived from
    schemas, kept across runs; safe to delete at any time."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "teipress" / name


def write_atomically(path: Path, data: bytes) -> None:
    """`data` at `path`, never half written: a reader sees the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    partial.write_bytes(data)
    os.replace(partial, path)


def keep_checked(path: Path, data: bytes) -> None:
    """`data` stored in the user cache behind a line with its SHA-256 (`read_checked` reads it
    back); a cache that cannot be written only makes the next run slower."""
    with contextlib.suppress(OSError):
        write_atomically(path, hashlib.sha256(data).hexdigest().encode() + b"\n" + data)


def read_checked(path: Path) -> bytes | None:
    """What `keep_checked` stored at `path`, or None when it is absent or damaged."""
    try:
        check, _, data = path.read_bytes().partition(b"\n")
    except OSError:
        return None
    return data if check == hashlib.sha256(data).hexdigest().encode() else None
