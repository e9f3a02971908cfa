"""The build's executors: teipress.workers. A worker compiles the document stylesheets when it
first renders (teipress.transform), so one that only validates never compiles them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from .. import workers
from ..workers import Runner, batches, default_jobs

__all__ = ["Runner", "batches", "default_jobs", "runner"]


@contextmanager
def runner(executor: str | None, jobs: int | None, documents: int) -> Iterator[Runner]:
    with workers.runner(executor, jobs, documents) as running:
        yield running
