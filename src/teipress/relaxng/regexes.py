"""XML Schema regexes (the `pattern` facet) as Python regexes, kept across runs.

elementpath translates them (\\i, \\c, \\p{..}, class subtraction; implicitly anchored, ^ and $
are plain characters). Translating a class such as TEI's `[^\\p{C}\\p{Z}]+` takes a quarter of a
second and importing elementpath a tenth, in every run that explains a rejected value; so the
translations are stored (checksummed, a damaged store is ignored) under the version of
elementpath that made them, and a run that finds them stored never imports elementpath. Those
of tei_all's and the project schema's patterns come with teipress (`known_regexes`), so that a
first run needs none of this.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import re
from functools import cache, lru_cache
from pathlib import Path

from ..resources import user_cache, write_atomically
from .known_regexes import KNOWN


@lru_cache(maxsize=256)
def xsd_regex(xsd: str) -> re.Pattern[str] | None:
    """The Python regex for an XML Schema one, or None (not a regex elementpath can translate)."""
    kept = _translations()
    if xsd not in kept and xsd in KNOWN:
        kept[xsd] = KNOWN[xsd]
    if xsd not in kept:
        translated = _translate(xsd)
        if translated is None:
            return None
        kept[xsd] = translated
        _keep_translations(kept)
    try:
        return re.compile(kept[xsd])
    except re.error:
        return None


def _translate(xsd: str) -> str | None:
    regex = elementpath_module().regex
    try:
        return regex.translate_pattern(xsd, xsd_version="1.0", back_references=False,
                                       lazy_quantifiers=False, anchors=False)
    except regex.RegexError:
        return None


@cache
def _elementpath_version() -> str:
    """elementpath's version read from its __init__.py, so that a warm run need not import it."""
    spec = importlib.util.find_spec("elementpath")
    with contextlib.suppress(OSError, TypeError):
        text = Path(spec.origin).read_text(encoding="utf-8")  # type: ignore[union-attr, arg-type]
        if found := re.search(r"^__version__\s*=\s*['\"]([^'\"]+)['\"]", text, re.MULTILINE):
            return found.group(1)
    return elementpath_module().__version__


def _translations_file() -> Path:
    return user_cache("regexes") / f"elementpath-{_elementpath_version()}.json"


@cache
def _translations() -> dict[str, str]:
    """XSD regex -> Python regex, as stored by earlier runs (a damaged file counts as empty)."""
    try:
        stored = json.loads(_translations_file().read_text(encoding="utf-8"))
        translations = stored["translations"]
        if stored["check"] != _checksum(translations):
            return {}
        return {str(k): str(v) for k, v in translations.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _checksum(translations: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(translations, sort_keys=True).encode()).hexdigest()


def _keep_translations(translations: dict[str, str]) -> None:
    stored = {"check": _checksum(translations), "translations": translations}
    with contextlib.suppress(OSError):  # without it the next run translates again
        write_atomically(_translations_file(), json.dumps(stored).encode())


@cache
def elementpath_module():
    """elementpath, imported on first use: its import takes a tenth of a second, and only the
    re-check of a rejected document needs it."""
    import elementpath
    import elementpath.regex

    return elementpath
