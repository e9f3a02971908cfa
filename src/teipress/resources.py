"""Where the stylesheets and schemas live: the repository checkout, or the installed wheel."""

from __future__ import annotations

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
