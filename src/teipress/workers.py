"""Where the map steps of `validate` and `build` run: in this process, in a pool of worker
processes (`--jobs`), or on a Dask cluster (`--executor dask://HOST:PORT`).

Every executor has the same shape: `map(function, tasks)` yields the results in task order as
they finish. Tasks are batches of documents, so the stylesheets' context (site manifest,
registers) is sent once per batch rather than once per document, and a small build does not pay
for starting workers at all.
"""

from __future__ import annotations

import itertools
import math
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import TeipressError

if TYPE_CHECKING:  # a run in this process does not import multiprocessing at all
    from concurrent.futures import Executor, Future

T = TypeVar("T")

# Below this many documents per worker, starting workers (each compiles the schema, and for a
# build the stylesheets, about a second) costs more than it saves.
MIN_PER_WORKER = 12
# Without --jobs, workers start only for this many documents each: a worker costs about 0.5 s
# of CPU, a second of wall time and 200-350 MB to start (Python, Saxon, the schema and the
# stylesheets compiled again), a document 5-50 ms. maechtekongresse (113 long documents) took
# 18.6 s wall, 12.8 s CPU and 1,226 MB with 2 workers, 14.9 s, 11.3 s and 503 MB in one process.
AUTO_PER_WORKER = 200
BATCHES_PER_WORKER = 4  # small enough batches that the progress bar and the load move evenly
# At most this many documents a batch, and this many batches a worker sent ahead: what a batch
# brings back (a document's pages are 50-100 KB) is held whole by the worker and by the parent,
# so batches that grew with the corpus (1,250 documents at 10,000) made memory grow with it.
MOST_PER_BATCH = 50
AHEAD_PER_WORKER = 2


def default_jobs() -> int:
    """The cores this process may use: the default number of workers."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def worker_count(jobs: int | None, documents: int) -> int:
    """How many worker processes a run over `documents` documents starts (1: none, the work
    runs in this process): `jobs` as asked (None: the machine's cores), fewer where the
    documents would not repay starting them."""
    wanted, each = (default_jobs(), AUTO_PER_WORKER) if jobs is None else (jobs, MIN_PER_WORKER)
    return max(1, min(wanted, documents // each))


def batches(items: list[T], workers: int) -> list[list[T]]:
    """`items` in consecutive batches, a few per worker (order kept)."""
    size = max(1, min(MOST_PER_BATCH, math.ceil(len(items) / (workers * BATCHES_PER_WORKER))))
    return [items[i:i + size] for i in range(0, len(items), size)]


class Runner:
    """Runs batches of map tasks; `workers` says how many run at once (1: in this process).

    The executor is started by the first map with enough work for it (`start`): a rebuild
    after one change maps a document or two, cheaper here than in workers that would first
    compile the schema and the stylesheets. A task's last argument is its batch."""

    def __init__(self, start: Callable[[], Executor] | None, workers: int) -> None:
        self._start = start
        self._executor: Executor | None = None
        self.workers = workers

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown()

    def map_batches(self, function: Callable[[Any, list], list[Any]], first: object, items: list,
                    most: int | None) -> Iterator[Any]:
        """`function(first, batch)` over consecutive batches of at most `most` items, a few per
        worker (`most` None: one batch per worker); the results of all batches, in order."""
        if most is None:
            size = max(1, math.ceil(len(items) / self.workers))
        else:
            size = max(1, min(most, math.ceil(len(items) / (self.workers * BATCHES_PER_WORKER))))
        tasks = [(first, items[i:i + size]) for i in range(0, len(items), size)]
        return (result for batch in self.map(function, tasks) for result in batch)

    def map(self, function: Callable[..., list[Any]], tasks: Iterable[tuple],
            prepare: Callable[[tuple], tuple] | None = None) -> Iterator[list[Any]]:
        """`function(*task)` for each task, results in order. `prepare(task)`, when given, makes
        a task's arguments as it is sent: tasks can name their documents, whose texts are read
        then, so that the parent never holds the texts of every task at once."""
        tasks = list(tasks)
        ready = prepare or _as_is
        if self._executor is None:
            # Dask refuses to map over no tasks at all
            items = sum(len(task[-1]) if isinstance(task[-1], list) else 1 for task in tasks)
            if self._start is None or items < MIN_PER_WORKER:
                return (function(*ready(task)) for task in tasks)
            self._executor = self._start()
        return _in_order(self._executor, function, (ready(task) for task in tasks),
                         self.workers * AHEAD_PER_WORKER)


def _as_is(task: tuple) -> tuple:
    return task


def _in_order(executor: Executor, function: Callable[..., T], tasks: Iterable[tuple],
              ahead: int) -> Iterator[T]:
    """`function(*task)` for each task on `executor`, results in task order, with at most `ahead`
    tasks submitted and not yet read: `Executor.map` would send every task at once and keep all
    of them, their arguments pickled, until the last result is read."""
    waiting: deque[Future] = deque()
    queued = iter(tasks)
    try:
        for task in itertools.islice(queued, ahead):
            waiting.append(executor.submit(function, *task))
        while waiting:
            result = waiting.popleft().result()
            for task in itertools.islice(queued, 1):
                waiting.append(executor.submit(function, *task))
            yield result
    finally:
        for future in waiting:  # the results were not wanted after all (an error, a stop)
            future.cancel()


@contextmanager
def runner(executor: str | None, jobs: int | None, documents: int,
           initializer: Callable[[], object] | None = None) -> Iterator[Runner]:
    """The executor for a run over `documents` documents (`jobs` None: as many workers as
    repay their start, worker_count); each worker process starts with `initializer`."""
    if executor:
        with _dask(executor) as running:
            yield running
        return
    workers = worker_count(jobs, documents)
    if workers <= 1:
        yield Runner(None, 1)
        return
    # spawn: the parent may have Saxon loaded already, and a forked copy of a running JVM-like
    # runtime is not safe; each worker starts clean and compiles what it runs once.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    running = Runner(lambda: ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=initializer),
        workers)
    try:
        yield running
    finally:
        running.close()


@contextmanager
def _dask(address: str) -> Iterator[Runner]:
    if not address.startswith("dask://"):
        raise TeipressError(f"--executor {address}: expected dask://HOST:PORT")
    try:
        from distributed import Client
    except ImportError:
        raise TeipressError("--executor dask:// needs the 'distributed' package: "
                            "pip install 'teipress[cluster]'") from None
    try:
        client = Client("tcp://" + address.removeprefix("dask://"), timeout=30)
    except OSError as exc:
        raise TeipressError(f"--executor {address}: cannot reach the Dask scheduler: {exc}") from exc
    try:
        workers = max(1, sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values()))
        yield Runner(lambda: client.get_executor(pure=False), workers)
    finally:
        client.close()
