"""The progress display of long builds: documents done, rate and time left, on stderr."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import TypeVar

import click

T = TypeVar("T")

# Below this many documents a build takes a second or two: a bar would only flicker.
MIN_DOCUMENTS = 20


def with_progress(items: Iterable[T], length: int, *, label: str, enabled: bool) -> Iterator[T]:
    """`items`, passed through; with `enabled` (a terminal, no --quiet) and enough of them, a
    progress bar counts them as they come."""
    if not enabled or length < MIN_DOCUMENTS:
        yield from items
        return
    started = time.monotonic()
    bars: list = []

    def rate(_item: object) -> str:
        done = bars[0].pos if bars else 0
        return f"{done / max(time.monotonic() - started, 1e-6):.1f} documents/s"

    with click.progressbar(items, length=length, label=label, file=sys.stderr, show_pos=True,
                           show_eta=True, item_show_func=rate) as bar:
        bars.append(bar)
        yield from bar
