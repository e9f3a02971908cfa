"""The two map passes of a build, each through the cache: what is cached is taken from it, the
rest is sent to the executor in batches, and results come back in document order."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..checking import parse_text
from ..mentions import DocumentMentions, mentions_json, mentions_value, named_in
from .cache import BuildCache, code_version, digest
from .context import Context, Targets
from .executors import Runner, batches
from .render import Catalogued, Pages, Source, catalogue, render_batch, worker_transformer

Catalogue = tuple[Catalogued, DocumentMentions]  # a document's record and where it names entries


def catalogue_all(runner: Runner, cache: BuildCache, sources: list[Source]) -> list[Catalogue]:
    """Every document's catalogue record (or failure) and its mentions of register entries, in
    the order of `sources`: the worker that reads a document for its record reads its names too,
    so the parent never parses the documents' text again for the registers."""
    keys = [digest(code_version(), "catalogue", s.tei) for s in sources]
    found: list[Catalogue | None] = [_record(cache.get(key)) for key in keys]
    missing = [i for i, result in enumerate(found) if result is None]
    tasks = [([sources[i] for i in batch],) for batch in batches(missing, runner.workers)]
    done = (result for batch in runner.map(catalogue_batch, tasks) for result in batch)
    for i, result in zip(missing, done, strict=True):
        found[i] = result
        record, mentions = result
        if record.failure is None:
            cache.put(keys[i], {"record": record.record, "ids": list(record.targets.ids),
                                "stems": list(record.targets.stems), "mentions": mentions_json(mentions)})
    return [result for result in found if result is not None]


def catalogue_batch(sources: list[Source]) -> list[Catalogue]:
    """Map step: each document's record (render.catalogue) and every id its names point at
    (filtered to the register entries in the parent, mentions.known_only)."""
    transformer = worker_transformer()
    results = []
    for source in sources:
        record = catalogue(transformer, source)
        mentions = named_in(parse_text(source.tei)) if record.failure is None else DocumentMentions()
        results.append((record, mentions))
    return results


def _record(value: dict | None) -> Catalogue | None:
    if not (value and isinstance(value.get("record"), str) and _strings(value.get("ids"))
            and _strings(value.get("stems")) and isinstance(value.get("mentions"), dict)):
        return None
    try:
        mentions = mentions_value(value["mentions"])
    except (KeyError, TypeError, ValueError):
        return None  # an entry of another shape: recompute
    return Catalogued(value["record"], targets=Targets(tuple(value["ids"]), tuple(value["stems"]))), mentions


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


class Rendering:
    """Pages for every document, cached pages first; `rendered` counts the documents whose pages
    had to be made (the incremental build's work). A page's cache key holds its TEI and its own
    context (context.py), so a change elsewhere in the edition leaves it cached."""

    def __init__(self, runner: Runner, cache: BuildCache, context: Callable[[str, str], Context]) -> None:
        self.runner, self.cache, self.context = runner, cache, context
        self.rendered = 0

    def pages(self, sources: list[Source]) -> Iterator[Pages]:
        """The pages of each source, in order, as they become available."""
        contexts = [self.context(s.slug, s.tei) for s in sources]
        keys = [(digest(code_version(), "html", s.slug, s.tei, c.site, c.registers),
                 digest(code_version(), "text", s.tei)) for s, c in zip(sources, contexts, strict=True)]
        cached = [(self.cache.get(h), self.cache.get(t)) for h, t in keys]
        wants = [(not _has(h, "page"), not _has(t, "page", "diplomatic")) for h, t in cached]
        wanted = [i for i, want in enumerate(wants) if any(want)]
        tasks = [([(sources[i], contexts[i], *wants[i]) for i in batch],)
                 for batch in batches(wanted, self.runner.workers)]
        made = (pages for batch in self.runner.map(render_batch, tasks) for pages in batch)
        self.rendered += len(wanted)
        waiting = set(wanted)
        for i, (html, text) in enumerate(cached):
            if i not in waiting:
                yield Pages(html["page"], text["page"], text["diplomatic"])
                continue
            pages = next(made)
            if pages.failure is not None:
                yield pages
                continue
            want_html, want_text = wants[i]
            if want_html:
                self.cache.put(keys[i][0], {"page": pages.html})
            if want_text:
                self.cache.put(keys[i][1], {"page": pages.text, "diplomatic": pages.diplomatic})
            yield Pages(pages.html if want_html else html["page"],
                        pages.text if want_text else text["page"],
                        pages.diplomatic if want_text else text["diplomatic"])


def _has(value: dict | None, *fields: str) -> bool:
    return isinstance(value, dict) and all(isinstance(value.get(f), str) for f in fields)
