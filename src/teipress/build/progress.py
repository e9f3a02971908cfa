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
# Seconds before the rate and the time left are shown (the first documents are the slowest).
STEADY_SECONDS = 2.0


def with_progress(items: Iterable[T], length: int, *, label: str, enabled: bool) -> Iterator[T]:
    """`items`, passed through; with `enabled` (a terminal, no --quiet) and enough of them, a
    progress bar counts them as they come."""
    if not enabled or length < MIN_DOCUMENTS:
        yield from items
        return
    started = time.monotonic()
    bars: list = []

    def rate(_item: object) -> str:
        return rate_and_estimate(bars[0].pos if bars else 0, length, time.monotonic() - started)

    # click's own estimate extrapolates from the first documents, which pay for compiling the
    # stylesheets in every worker and would promise hours; ours waits for a steady rate.
    with click.progressbar(items, length=length, label=label, file=sys.stderr, show_pos=True,
                           show_eta=False, item_show_func=rate) as bar:
        bars.append(bar)
        yield from bar


def rate_and_estimate(done: int, length: int, elapsed: float) -> str:
    """"12.5 documents/s", and "about 1:20 left" once the rate is steady."""
    per_second = done / max(elapsed, 1e-6)
    shown = f"{per_second:.1f} documents/s"
    if done < MIN_DOCUMENTS // 2 or elapsed < STEADY_SECONDS:
        return shown
    left = round((length - done) / per_second)
    return f"{shown}, about {left // 60}:{left % 60:02d} left"
