"""The reduce step's pages through the build cache: each is one stylesheet run on XML inputs
(the site manifest, the registers, the mentions, a picture, the validation report), so a page
whose inputs and stylesheets are those of a previous build is taken from the cache instead of
being made again. After one changed document, the index, the registers and the pictures are
made again only where what they show changed (its record, its mentions), not on every build.

Pages are written as they come, so the parent never holds all of them at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..transform import Transformer, Tree
from .cache import BuildCache, code_version, digest


@dataclass(frozen=True)
class Xml:
    """XML text that a stylesheet gets as a document node (a plain str parameter is a string)."""

    text: str
    reused: bool = False  # an input of many pages (the manifest, the registers): parsed and hashed once


@dataclass
class ReducePages:
    """Writes the reduce step's pages into `html`; `made` names those not taken from the cache,
    `kept` counts those that were."""

    transformer: Transformer
    cache: BuildCache
    html: Path
    made: list[str] = field(default_factory=list)
    kept: int = 0
    _nodes: dict[str, Tree] = field(default_factory=dict)  # by XML text: parsed once
    _digests: dict[str, str] = field(default_factory=dict)

    def page(self, name: str, entry: str, source: Xml, **params: str | Xml) -> None:
        """html/`name`, made by the stylesheet `entry` from `source` and `params`."""
        inputs = [f"{key}={self._digest(value)}" for key, value in sorted(params.items())]
        key = digest(code_version(), "reduce", name, entry, self._digest(source), *inputs)
        cached = self.cache.get(key)
        if cached is not None and isinstance(cached.get("page"), str):
            page = cached["page"]
            self.kept += 1
        else:
            given = {k: self._node(v) if isinstance(v, Xml) else v for k, v in params.items()}
            page = self.transformer.run(entry, self._node(source), **given)
            self.cache.put(key, {"page": page})
            self.made.append(name)
        write(self.html / name, page)

    def _digest(self, value: str | Xml) -> str:
        if not isinstance(value, Xml):
            return digest("string", value)
        if not value.reused:
            return digest("xml", value.text)
        if value.text not in self._digests:  # the manifest is an input of every page: hashed once
            self._digests[value.text] = digest("xml", value.text)
        return self._digests[value.text]

    def _node(self, value: Xml) -> Tree:
        """The tree of `value`; kept for the next page only when it is reused, so that a page's
        own input (a register's mentions, a picture) is dropped with the page."""
        if not value.reused:
            return self.transformer.node(value.text)
        if value.text not in self._nodes:
            self._nodes[value.text] = self.transformer.node(value.text)
        return self._nodes[value.text]


def write(path: Path, content: str) -> None:
    path.write_text(content, encoding="utf-8", newline="")
