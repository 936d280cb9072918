"""Where chunks of documents are extracted: in this process, or in a pool of worker processes.

Both are an `Executor`: `submit(sources) -> handle` with `handle() -> list[Extraction]`,
in the order the sources were given, and a `window` of chunks to keep in flight.
Another engine (a cluster, threads) plugs into `kg.pipeline.build` as a context
manager giving an `Executor` for the build's `ExtractOptions`. Workers are started with `spawn` (a fresh
interpreter: no inherited threads, locks or copy of the parent's graph) and
each loads the model once; only `SourceText`s go to them and only
`Extraction`s come back, both small and picklable.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Callable, Iterator, Protocol

from .errors import KgError
from .model import Extraction, SourceText
from .extractor import DocumentExtractor, ExtractOptions


class Executor(Protocol):
    """Where a build's chunks are extracted."""

    window: int  # how many chunks may be out at once

    def submit(self, sources: list[SourceText]) -> Callable[[], list[Extraction]]:
        """Start extracting `sources`; the handle returns their extractions in order (and may block)."""


class InProcess:
    """Extract in this process, lazily: a chunk is parsed when its result is first asked for."""

    window = 1

    def __init__(self, options: ExtractOptions):
        self.options = options
        self._extractor: DocumentExtractor | None = None

    def submit(self, sources: list[SourceText]) -> Callable[[], list[Extraction]]:
        return lambda: list(self.extractor.extract(sources))

    @property
    def extractor(self) -> DocumentExtractor:
        if self._extractor is None:
            self._extractor = DocumentExtractor(self.options)
        return self._extractor

    def wait_ready(self) -> None:
        """Load the model now (the benchmark times extraction without start-up)."""
        self.extractor


_worker: DocumentExtractor | BaseException | None = None


PARENT_POLL_SECONDS = 0.5


def _exit_with(parent: int) -> None:
    """End this worker once its parent is gone (killed with SIGKILL, say, it could not end the pool):
    an orphan would hold its model's memory for nothing."""
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)


def _init_worker(options: ExtractOptions, ready, parent: int) -> None:
    # Ctrl-C goes to the whole process group: the parent alone handles it and ends the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # `parent` comes from the parent: if it died while this process was starting, getppid() is already another
    threading.Thread(target=_exit_with, args=(parent,), daemon=True, name="kg-exit-with-parent").start()
    global _worker
    try:
        _worker = DocumentExtractor(options)
    except BaseException as exc:  # a pool whose initializer raises restarts it forever: report it per task
        _worker = exc
    ready.put(True)


def _work(sources: list[SourceText]) -> list[Extraction]:
    if isinstance(_worker, BaseException):
        raise _worker
    return list(_worker.extract(sources))


def _ping() -> None:
    """A no-op task: submitting one per worker starts them all."""


class Pool:
    """`workers` processes; up to `window` chunks queued so that none waits for work.

    A worker that dies (killed, out of memory) fails the build with a one-line
    error instead of leaving it waiting forever.
    """

    def __init__(self, options: ExtractOptions, *, workers: int):
        context = multiprocessing.get_context("spawn")
        self.workers = workers
        self.window = 2 * workers
        self._ready = context.SimpleQueue()
        self._pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                                         initargs=(options, self._ready, os.getpid()))

    def submit(self, sources: list[SourceText]) -> Callable[[], list[Extraction]]:
        future = self._guarded(self._pool.submit, _work, sources)
        return lambda: self._guarded(future.result)

    @staticmethod
    def _guarded(call, *args):
        try:
            return call(*args)
        except BrokenProcessPool:
            raise KgError("a worker process died (killed or out of memory?); "
                          "re-run, perhaps with fewer workers or smaller batches", option="workers") from None

    def wait_ready(self) -> None:
        """Start every worker and wait until each has loaded the model."""
        for _ in range(self.workers):
            self._pool.submit(_ping)
        for _ in range(self.workers):
            self._ready.get()

    def close(self, *, ok: bool) -> None:
        if not ok:
            # On an error or Ctrl-C, stop at once rather than finish the chunks in flight.
            for process in list(getattr(self._pool, "_processes", {}).values()):
                process.terminate()
        self._pool.shutdown(wait=True, cancel_futures=not ok)


@contextmanager
def executor(options: ExtractOptions, *, workers: int = 1) -> Iterator[InProcess | Pool]:
    """An `InProcess` for one worker, else a `Pool`, ended (at once on error) when the block ends.

    >>> with executor(ExtractOptions(), workers=1) as run:
    ...     run.window
    1
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if workers == 1:
        yield InProcess(options)
        return
    pool = Pool(options, workers=workers)
    ok = False
    try:
        yield pool
        ok = True
    finally:
        pool.close(ok=ok)
