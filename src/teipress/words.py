"""The interface words for pages Python writes (the pictures of the corpus), read from the one
table the stylesheets use, xslt/common/words.xsl, so that every word is defined once. A word may
hold `{name}` placeholders, filled here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .resources import stylesheet

_ENTRY = re.compile(r"^\s*'([\w-]+)':\s*map\s*\{(.*)\}\s*,?\s*$", re.MULTILINE)  # one word a line
_LANGUAGE = re.compile(r"'(en|de|fr)':\s*'((?:[^']|'')*)'")


@cache
def table() -> dict[str, dict[str, str]]:
    """{key: {language: word}} of words.xsl's $tp:words."""
    text = stylesheet("common/words.xsl").read_text(encoding="utf-8")
    return {key: {lang: word.replace("''", "'") for lang, word in _LANGUAGE.findall(body)}
            for key, body in _ENTRY.findall(text)}


@dataclass(frozen=True)
class Words:
    """The words in one language (English where a language lacks one, as tp:word does)."""

    language: str = "en"

    def __call__(self, key: str, **values: object) -> str:
        entry = table()[key]  # a missing key is a programming error: fail loudly
        word = entry.get(self.language) or entry["en"]
        return word.format(**values) if values else word


ENGLISH = Words("en")
