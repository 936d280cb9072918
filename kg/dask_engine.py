"""The Dask engine (`kg build --engine dask`): extraction as a map over partitions on dask.distributed.

`DaskEngine` is an engine of the one build (`kg.pipeline.build`), as `LocalEngine` is.

Map: the input is split into partitions (`kg.partitions`); each is a task on a
worker, which loads the model once (`ModelPlugin`, a worker plugin: at start-up,
and on every worker that joins later) and turns its partition into findings,
sent back as the bytes of one Parquet file and kept under
``OUT/findings/<key>.parquet`` (`kg.findings`). A partition whose findings are
already there (same key: same content, code, model and fields) is not sent at
all, so a re-run parses only what changed.

Reduce: the findings come back in input order while later partitions are still
being extracted, and the build resolves them across documents as they come, as
it does the local engine's, so both engines give the same graph.

Workers read JSON Lines byte ranges and text files themselves: on a real
cluster the inputs must be at the same path on every worker (a shared file
system); CSV, gzip and stdin are read here and sent as records.
"""
from __future__ import annotations

import logging
import os
import tempfile
import warnings
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from .cache import fingerprint
from .errors import InputError, KgError
from .extractor import DocumentExtractor, ExtractOptions
from .findings import FindingsStore, decode, encode
from .model import Extraction, SourceText
from .partitions import DEFAULT_SIZE, Corpus, Partition, salt, split, split_sources
from .pipeline import BuildReport, CacheReport
from .sources import Fields

try:
    from distributed import WorkerPlugin
except ImportError:  # kg without the [dask] extra: `require_dask` says what to install
    WorkerPlugin = object

INSTALL_HINT = "the Dask engine needs dask.distributed and pyarrow: pip install 'kg-newsgraph[dask]'"
SCHEDULER_TIMEOUT = "20s"
DASHBOARD = "127.0.0.1:8787"  # a busy port makes Dask pick a free one; the address in use is printed

_extractors: dict[ExtractOptions, DocumentExtractor] = {}  # per worker process: the model, loaded once
model_loads = 0  # how many times this process loaded a model (the tests check it is once per worker)


def require_dask() -> None:
    """Raise a one-line `KgError` naming the extra when dask.distributed or pyarrow is missing."""
    try:
        import distributed  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError:
        raise KgError(INSTALL_HINT, option="engine", value="dask") from None


def worker_extractor(options: ExtractOptions) -> DocumentExtractor:
    """This process's extractor for `options`, loading the model on first use only."""
    global model_loads
    if options not in _extractors:
        _extractors[options] = DocumentExtractor(options)
        model_loads += 1
    return _extractors[options]


class ModelPlugin(WorkerPlugin):
    """Loads the model on each worker when it starts (or joins), not once per task."""

    def __init__(self, options: ExtractOptions):
        self.options = options
        self.name = f"kg-model-{abs(hash(options)):x}"

    def setup(self, worker) -> None:
        worker_extractor(self.options)


def extract_partition(partition: Partition, options: ExtractOptions, fields: Fields) -> bytes:
    """The task: a partition's findings (documents, and unreadable records as messages) as Parquet bytes."""
    entries = list(partition.read(fields))
    found = iter(worker_extractor(options).extract([e for e in entries if not isinstance(e, str)]))
    return encode(e if isinstance(e, str) else next(found) for e in entries)


# A local cluster's workers: no 10 ms stack sampling for the dashboard's profile (CPU the parse needs), and
# glibc's own malloc trimming (Dask sets MALLOC_TRIM_THRESHOLD_, which also fixes the mmap threshold:
# spaCy's arrays are then mapped and unmapped each time, ~8 % more worker CPU, most of it system time).
LOCAL_WORKER_CONFIG = {"distributed.worker.profile.enabled": False,
                       "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}


@contextmanager
def dask_client(*, workers: int = 2, scheduler: str | None = None,
                echo: Callable[[str], None] = lambda _: None) -> Iterator:
    """A client of the cluster at `scheduler`, else of a local cluster of `workers` processes (loopback only)."""
    require_dask()
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout=SCHEDULER_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            raise KgError(f"cannot reach the Dask scheduler at {scheduler} ({exc}); "
                          "check the address (tcp://HOST:8786) and that the scheduler runs") from None
        with client:
            yield client
        return
    import dask

    with dask.config.set(LOCAL_WORKER_CONFIG), warnings.catch_warnings():
        # "port 8787 is in use": another is taken, and the one in use is printed
        warnings.simplefilter("ignore", UserWarning)
        # Workers' own logs would print tracebacks of what reaches the user as a one-line error anyway.
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                               scheduler_port=0, dashboard_address=DASHBOARD, silence_logs=logging.CRITICAL)
    with cluster, Client(cluster) as client:
        echo(f"Dask dashboard: {cluster.dashboard_link}")
        yield client


@contextmanager
def findings_store(folder: str | os.PathLike | None) -> Iterator[FindingsStore]:
    """The findings folder, or a temporary one removed afterwards (None: nothing is kept)."""
    if folder is not None:
        try:
            yield FindingsStore(folder)
        except OSError as exc:
            raise KgError(f"{folder}: cannot write findings ({exc.strerror or exc})") from None
        return
    with tempfile.TemporaryDirectory(prefix="kg-findings-") as temporary:
        yield FindingsStore(temporary)


@dataclass(frozen=True)
class DaskEngine:
    """Extraction on a Dask cluster: `client`'s, else the one at `scheduler`, else a local cluster of
    `workers` processes started for the build (its dashboard address goes to `echo`). The build's cache
    is the findings folder (``OUT/findings``; None: a temporary one). A `kg.partitions.Corpus` is split
    into byte ranges and files the workers read; other sources are sent as records."""

    workers: int = 2
    scheduler: str | None = None
    client: Any = None
    partition_size: int = DEFAULT_SIZE
    echo: Callable[[str], None] = lambda _: None

    @contextmanager
    def extractions(self, sources: Iterable[SourceText], *, options: ExtractOptions, cache, report: BuildReport
                    ) -> Iterator[Iterator[Extraction]]:
        require_dask()
        key_salt = salt(fingerprint(model=options.model, lexicon=options.lexicon), _fields(sources))
        if isinstance(sources, Corpus):
            parts = split(sources.paths, fields=sources.fields, input_format=sources.input_format,
                          size=self.partition_size, salt=key_salt)
        else:
            parts = split_sources(sources, salt=key_salt, size=self.partition_size)
        with findings_store(cache) as store, self._client() as client:
            run = MapRun(client, store, options, _fields(sources))
            yield documents(run.findings(parts), sources)
            dropped = store.prune(keep=run.keys)
            if cache is not None:
                report.cache = CacheReport(store.folder, run.reused, run.extracted, dropped, unit="partitions")

    def _client(self):
        if self.client is not None:
            return _given(self.client)
        return dask_client(workers=self.workers, scheduler=self.scheduler, echo=self.echo)


def _fields(sources) -> Fields:
    return sources.fields if isinstance(sources, Corpus) else Fields()


class MapRun:
    """The map of one build: partitions sent to the cluster, a window of them in flight, their findings
    handed back in input order (reused ones read from the store)."""

    def __init__(self, client, store: FindingsStore, options: ExtractOptions, fields: Fields):
        self.client, self.store, self.options, self.fields = client, store, options, fields
        self.window = max(4, 2 * sum(client.nthreads().values()))  # bounds the records held here
        self.keys: set[str] = set()
        self.reused = self.extracted = 0
        self._registered = False

    def findings(self, parts: Iterable[Partition]) -> Iterator[list[Extraction | str]]:
        pending: deque = deque()
        try:
            for part in parts:
                self.keys.add(part.key)
                pending.append((Partition(part.index, part.key, part.label, part.count), self._submit(part)))
                while len(pending) > self.window:
                    yield self._entries(*pending.popleft())
            while pending:
                yield self._entries(*pending.popleft())
        except BaseException:
            self.client.cancel([future for _, future in pending if future is not None])
            raise

    def _submit(self, part: Partition):
        if self.store.has(part.key):
            self.reused += 1
            return None
        if not self._registered:  # only once something is to be parsed: a re-run of reused findings loads no model
            self.client.register_plugin(ModelPlugin(self.options))
            self._registered = True
        self.extracted += 1
        return self.client.submit(extract_partition, part, self.options, self.fields, pure=False)

    def _entries(self, part: Partition, future) -> list[Extraction | str]:
        if future is None:
            entries = self.store.read(part.key)
            if entries is None:
                raise KgError(f"{self.store.path(part.key)}: findings of {part.label} are gone or damaged; "
                              "re-run the build")
            return entries
        data = _result(future, part)
        self.store.write(part.key, data)
        return decode(data)


def _result(future, part: Partition) -> bytes:
    from distributed import KilledWorker

    try:
        return future.result()
    except KgError:
        raise
    except KilledWorker:
        raise KgError(f"a Dask worker died extracting {part.label} (killed or out of memory?); "
                      "re-run: finished partitions are kept") from None
    except Exception as exc:
        raise KgError(f"extracting {part.label} failed on a Dask worker: {type(exc).__name__}: {exc}") from None


def documents(findings: Iterable[list[Extraction | str]], sources) -> Iterator[Extraction]:
    """Every document's findings in input order; unreadable records and repeated ids as `read_sources`
    has them (to the corpus's `errors` with `skip_errors`, else raised)."""
    skip_errors = isinstance(sources, Corpus) and sources.skip_errors
    seen: set[str] = set()
    for entries in findings:
        for entry in entries:
            if not isinstance(entry, str) and entry.document.id in seen:
                entry = (f"{entry.document.id}: duplicate document id (from {entry.document.source}); "
                         "ids must be unique")
            if isinstance(entry, str):
                if not skip_errors:
                    raise InputError(entry, option="skip_errors")
                sources.errors.append(entry)
                continue
            seen.add(entry.document.id)
            yield entry


@contextmanager
def _given(client) -> Iterator:
    yield client
