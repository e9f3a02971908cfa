"""The two map passes of a build, each through the cache: what is cached is taken from it, the
rest is sent to the executor in batches, and results come back in document order."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..checking import parse_text
from ..mentions import DocumentMentions, named_in, packed, summarised, unpacked
from .cache import BuildCache, code_version, digest
from .context import Context, Targets
from .executors import Runner, batches
from .render import Catalogued, Pages, Source, Unread, catalogue, render_batch, worker_transformer

# a document's record and where it names entries (mentions.packed: JSON text)
Catalogue = tuple[Catalogued, str]


def catalogue_all(runner: Runner, cache: BuildCache, sources: list[Unread]) -> list[Catalogue]:
    """Every document's catalogue record (or failure) and its mentions of register entries, in
    the order of `sources`: the worker that reads a document for its record reads its names too,
    so the parent never parses the documents' text again for the registers."""
    keys = [digest(code_version(), "catalogue", s.text()) for s in sources]
    found: list[Catalogue | None] = [_record(cache.get(key)) for key in keys]
    missing = [i for i, result in enumerate(found) if result is None]
    tasks = [(batch,) for batch in batches(missing, runner.workers)]
    sent = runner.map(catalogue_batch, tasks, lambda task: ([sources[i].read() for i in task[0]],))
    done = (result for batch in sent for result in batch)
    for i, result in zip(missing, done, strict=True):
        found[i] = result
        record, mentions = result
        if record.failure is None:
            cache.put(keys[i], {"record": record.record, "ids": list(record.targets.ids),
                                "stems": list(record.targets.stems), "mentions": mentions})
    return [result for result in found if result is not None]


def catalogue_batch(sources: list[Source]) -> list[Catalogue]:
    """Map step: each document's record (render.catalogue) and every id its names point at
    (filtered to the register entries when the register pages read them), summarised: the
    first mention of each entry and how many there are, all the registers show."""
    transformer = worker_transformer()
    results = []
    for source in sources:
        record = catalogue(transformer, source)
        mentions = DocumentMentions() if record.failure else summarised(named_in(parse_text(source.tei)))
        results.append((record, packed(mentions)))
    return results


def _record(value: dict | None) -> Catalogue | None:
    if not (value and isinstance(value.get("record"), str) and _strings(value.get("ids"))
            and _strings(value.get("stems")) and isinstance(value.get("mentions"), str)):
        return None
    try:
        unpacked(value["mentions"])  # read when the registers are made: checked here
    except (KeyError, TypeError, ValueError):
        return None  # an entry of another shape: recompute
    return Catalogued(value["record"], targets=Targets(tuple(value["ids"]), tuple(value["stems"]))), \
        value["mentions"]


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


class Rendering:
    """Pages for every document, cached pages first; `rendered` counts the documents whose pages
    had to be made (the incremental build's work). A page's cache key holds its TEI and its own
    context (context.py), so a change elsewhere in the edition leaves it cached."""

    def __init__(self, runner: Runner, cache: BuildCache, context: Callable[[str, str], Context]) -> None:
        self.runner, self.cache, self.context = runner, cache, context
        self.rendered = 0

    def pages(self, sources: list[Unread]) -> Iterator[Pages]:
        """The pages of each source, in order, as they become available. Cached pages are read
        when their turn comes, and only the contexts of the pages to make are kept: the parent
        never holds the pages or contexts of the whole edition at once."""
        keys: list[tuple[str, str]] = []
        wants: list[tuple[bool, bool]] = []
        contexts: dict[int, Context] = {}
        for i, source in enumerate(sources):
            tei = source.text()
            context = self.context(source.slug, tei)
            keys.append((digest(code_version(), "html", source.slug, tei, context.key),
                         digest(code_version(), "text", tei)))
            wants.append((not self.cache.has(keys[i][0]), not self.cache.has(keys[i][1])))
            if any(wants[i]):
                contexts[i] = context
        tasks = [(batch,) for batch in batches(sorted(contexts), self.runner.workers)]
        made = (pages for batch in self.runner.map(
                    render_batch, tasks, lambda task: ([(sources[i].read(), contexts.pop(i), *wants[i])
                                                        for i in task[0]],))
                for pages in batch)
        for i, source in enumerate(sources):
            want_html, want_text = wants[i]
            fresh = next(made) if want_html or want_text else Pages()
            if fresh.failure is not None:
                yield fresh
                continue
            html = self._cached(keys[i][0], "page") if not want_html else {"page": fresh.html}
            text = self._cached(keys[i][1], "page", "diplomatic") if not want_text else \
                {"page": fresh.text, "diplomatic": fresh.diplomatic}
            if html is None or text is None:  # gone or damaged since it was found: made here
                yield self._make_here(source, keys[i])
                continue
            self.rendered += want_html or want_text
            if want_html:
                self.cache.put(keys[i][0], html)
            if want_text:
                self.cache.put(keys[i][1], text)
            yield Pages(html["page"], text["page"], text["diplomatic"])

    def _cached(self, key: str, *fields: str) -> dict | None:
        value = self.cache.get(key)
        return value if _has(value, *fields) else None

    def _make_here(self, unread: Unread, keys: tuple[str, str]) -> Pages:
        self.rendered += 1
        source = unread.read()
        [pages] = render_batch([(source, self.context(source.slug, source.tei), True, True)])
        if pages.failure is None:
            self.cache.put(keys[0], {"page": pages.html})
            self.cache.put(keys[1], {"page": pages.text, "diplomatic": pages.diplomatic})
        return pages


def _has(value: dict | None, *fields: str) -> bool:
    return isinstance(value, dict) and all(isinstance(value.get(f), str) for f in fields)
