"""The build's executors: teipress.workers, with worker processes that compile the
stylesheets when they start (the render map needs them in every batch)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from .. import workers
from ..workers import Runner, batches, default_jobs
from .render import worker_transformer

__all__ = ["Runner", "batches", "default_jobs", "runner"]


@contextmanager
def runner(executor: str | None, jobs: int, documents: int) -> Iterator[Runner]:
    with workers.runner(executor, jobs, documents, initializer=worker_transformer) as running:
        yield running
