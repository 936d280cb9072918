"""The Dask engine (`kg build --engine dask`): extraction as a map over partitions on dask.distributed.

Map: the input is split into partitions (`kg.partitions`); each is a task on a
worker, which loads the model once (`ModelPlugin`, a worker plugin: at start-up,
and on every worker that joins later) and turns its partition into findings,
sent back as the bytes of one Parquet file and kept under
``OUT/findings/<key>.parquet`` (`kg.findings`). A partition whose findings are
already there (same key: same content, code, model and fields) is not sent at
all, so a re-run parses only what changed.

Reduce: the findings are read back in input order and resolved across
documents exactly as the local engine resolves them (`kg.pipeline.resolve_all`),
so both engines give the same graph.

Workers read JSON Lines byte ranges and text files themselves: on a real
cluster the inputs must be at the same path on every worker (a shared file
system); CSV, gzip and stdin are read here and sent as records.
"""
from __future__ import annotations

import logging
import tempfile
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .cache import fingerprint
from .errors import InputError, KgError
from .extractor import DocumentExtractor, ExtractOptions
from .findings import FindingsStore, encode
from .model import Extraction, Graph
from .partitions import DEFAULT_SIZE, Partition, salt, split
from .pipeline import resolve_all
from .sources import Fields

try:
    from distributed import WorkerPlugin
except ImportError:  # kg without the [dask] extra: `require_dask` says what to install
    WorkerPlugin = object

INSTALL_HINT = "--engine dask needs dask.distributed and pyarrow: pip install 'kg-newsgraph[dask]'"
FINDINGS = "findings"
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
        raise KgError(INSTALL_HINT) from None


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


def extract_partition(partition: Partition, options: ExtractOptions, fields: Fields) -> tuple[bytes, str | None]:
    """The task: a partition's findings as Parquet bytes, and the first unreadable record's message."""
    entries = list(partition.read(fields))
    found = iter(worker_extractor(options).extract([e for e in entries if not isinstance(e, str)]))
    errors = [e for e in entries if isinstance(e, str)]
    return encode(e if isinstance(e, str) else next(found) for e in entries), (errors[0] if errors else None)


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

    # Workers sample their threads' stacks every 10 ms for the dashboard's profile: CPU the parse needs.
    with dask.config.set({"distributed.worker.profile.enabled": False}), warnings.catch_warnings():
        # "port 8787 is in use": another is taken, and the one in use is printed
        warnings.simplefilter("ignore", UserWarning)
        # Workers' own logs would print tracebacks of what reaches the user as a one-line error anyway.
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                               scheduler_port=0, dashboard_address=DASHBOARD, silence_logs=logging.CRITICAL)
    with cluster, Client(cluster) as client:
        echo(f"Dask dashboard: {cluster.dashboard_link}")
        yield client


@contextmanager
def findings_store(out_dir: str | Path | None) -> Iterator:
    """OUT/findings, or a temporary folder removed afterwards (no OUT: nothing is kept)."""
    if out_dir is not None:
        try:
            yield FindingsStore(Path(out_dir) / FINDINGS)
        except OSError as exc:
            raise KgError(f"{Path(out_dir) / FINDINGS}: cannot write findings ({exc.strerror or exc})") from None
        return
    with tempfile.TemporaryDirectory(prefix="kg-findings-") as folder:
        yield FindingsStore(folder)


def map_partitions(client, parts: Iterable[Partition], *, store, options: ExtractOptions, fields: Fields,
                   skip_errors: bool, progress: Callable[[int], None]) -> tuple[list[Partition], int]:
    """Extract every partition not already in `store`: the plan (partitions without their records) and
    how many were extracted."""
    from distributed import as_completed

    window = max(4, 2 * sum(client.nthreads().values()))  # bounds the records held here for CSV, gzip, stdin
    plan: list[Partition] = []
    running = as_completed()
    owners: dict[str, Partition] = {}
    registered = False
    extracted = 0
    try:
        for part in parts:
            plan.append(Partition(part.index, part.key, part.label, part.count))
            if store.has(part.key):
                progress(part.count)
                continue
            if not registered:  # only once something is to be parsed: a re-run of reused findings loads no model
                client.register_plugin(ModelPlugin(options))
                registered = True
            future = client.submit(extract_partition, part, options, fields, pure=False)
            owners[future.key] = plan[-1]
            extracted += 1
            running.add(future)
            while running.count() >= window:
                _finish(next(running), owners, store, skip_errors, progress)
        for future in running:
            _finish(future, owners, store, skip_errors, progress)
    except BaseException:
        client.cancel(list(running.futures))
        raise
    return plan, extracted


def _finish(future, owners: dict, store, skip_errors: bool, progress: Callable[[int], None]) -> None:
    from distributed import KilledWorker

    part = owners.pop(future.key)
    try:
        data, error = future.result()
    except KgError:
        raise
    except KilledWorker:
        raise KgError(f"a Dask worker died extracting {part.label} (killed or out of memory?); "
                      "re-run: finished partitions are kept") from None
    except Exception as exc:
        raise KgError(f"extracting {part.label} failed on a Dask worker: {type(exc).__name__}: {exc}") from None
    store.write(part.key, data)
    progress(part.count)
    if error is not None and not skip_errors:
        raise InputError(error, option="skip_errors")


def reduce_findings(plan: list[Partition], *, store, skip_errors: bool, errors: list[str]) -> Iterator[Extraction]:
    """Every document's findings in input order; unreadable records and repeated ids as `read_sources` has them."""
    seen: set[str] = set()
    for part in plan:
        entries = store.read(part.key)
        if entries is None:
            raise KgError(f"{store.path(part.key)}: findings of {part.label} are gone or damaged; re-run the build")
        for entry in entries:
            if not isinstance(entry, str) and entry.document.id in seen:
                entry = (f"{entry.document.id}: duplicate document id (from {entry.document.source}); "
                         "ids must be unique")
            if isinstance(entry, str):
                if not skip_errors:
                    raise InputError(entry, option="skip_errors")
                errors.append(entry)
                continue
            seen.add(entry.document.id)
            yield entry


def build_graph_dask(paths: Iterable[str], *, options: ExtractOptions, fields: Fields = Fields(),
                     input_format: str | None = None, out_dir: str | Path | None = None, workers: int = 2,
                     scheduler: str | None = None, client=None, partition_size: int = DEFAULT_SIZE,
                     skip_errors: bool = False, errors: list[str] | None = None,
                     failures: list[Extraction] | None = None, progress: Callable[[int], None] = lambda _: None,
                     on_document: Callable[[Extraction], None] | None = None,
                     echo: Callable[[str], None] = lambda _: None) -> Graph:
    """Map the input's partitions to findings on a Dask cluster (`client`, else a new one), then resolve them."""
    require_dask()
    errors = errors if errors is not None else []
    parts = split(paths, fields=fields, input_format=input_format, size=partition_size,
                  salt=salt(fingerprint(model=options.model, lexicon=options.lexicon), fields))
    with findings_store(out_dir) as store:
        with (_given(client) if client is not None else dask_client(workers=workers, scheduler=scheduler,
                                                                    echo=echo)) as cluster:
            plan, extracted = map_partitions(cluster, parts, store=store, options=options, fields=fields,
                                             skip_errors=skip_errors, progress=progress)
        graph = resolve_all(reduce_findings(plan, store=store, skip_errors=skip_errors, errors=errors),
                            lexicon=options.lexicon, on_document=on_document, failures=failures)
        dropped = store.prune(keep={part.key for part in plan})
        if out_dir is not None:
            echo(f"{store.folder}: {len(plan) - extracted} unchanged partitions reused, {extracted} extracted, "
                 f"{dropped} no longer in the input dropped")
    return graph


@contextmanager
def _given(client) -> Iterator:
    yield client
