"""The `kg` command line: thin click commands over the library.

Every library error (`kg.errors.KgError`) becomes a one-line `click.ClickException`
here, in `KgGroup.invoke`, so no command prints a traceback for bad input.
"""
from __future__ import annotations

import signal
import threading
from collections import Counter
from pathlib import Path

import click

from kg.loaders.neo4j_conn import driver_logs
from kg.loaders.neo4j_sync import sync_graph

from . import graph as graph_json
from .errors import GraphFormatError, KgError
from .cli_neo4j import write_local_graph
from .cli_options import (backend_option, examples, neo4j_options, neo4j_settings, out_dir_option,
                          output_option, quiet_option)
from .model import Graph
from .progress import progress_bar
from .retract import read_pending, to_retract, write_pending
from .partitions import Corpus
from .inputs import count_documents, refuse_overwriting_inputs
from .sources import Fields

# Imported in the commands that need them, so that `kg --help` and `kg query` start fast: spaCy
# (.pipeline, .extractor), networkx (kg.loaders.networkx_loader) and dask (optional).


def _terminated(signum, frame):
    raise KeyboardInterrupt  # SIGTERM ends a run as Ctrl-C does: workers stopped, nothing half-written


# How the command line says the setting a library error names (`KgError.option`).
FLAG_HINTS = {
    "skip_errors": "or use --skip-errors",
    "text_field": "use --text-field NAME",
    "params": "give it with --param {value}=...",
    "password": "or --password",
    "credentials": "or --username/--password",
    "database": "or --database",
    "model": "--model NAME_OR_PATH",
    "workers": "fewer --workers or a smaller --batch-size",
    "graph": "--graph graph.json",
    "cypher": "--cypher 'MATCH ...'",
    "bulk": "drop --bulk to merge into what is there",
    "cache": "--cache FILE or --no-cache",
    "engine": "or build without --engine {value}",
}


def cli_message(exc: KgError) -> str:
    """The one line the CLI prints for a library error: its message, and the flag that helps.

    >>> cli_message(KgError("q: needs the parameter person", option="params", value="person"))
    'q: needs the parameter person (give it with --param person=...)'
    """
    hint = FLAG_HINTS.get(getattr(exc, "option", None) or "")
    return f"{exc} ({hint.format(value=exc.value)})" if hint else str(exc)


class KgGroup(click.Group):
    def invoke(self, ctx: click.Context):
        main_thread = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGTERM, _terminated) if main_thread else None
        try:
            return super().invoke(ctx)
        except KgError as exc:
            raise click.ClickException(cli_message(exc)) from None
        except KeyboardInterrupt:
            raise click.ClickException("interrupted; nothing half-written was left (re-run the command to finish)") from None
        finally:
            if main_thread:
                signal.signal(signal.SIGTERM, previous)


@click.group(cls=KgGroup)
@click.version_option(package_name="kg-newsgraph", prog_name="kg")
def main() -> None:
    """Turn English news articles into an entity-and-relationship knowledge graph."""


def extraction_options(fn):
    """Options shared by the commands that read articles."""
    for opt in reversed((
        click.argument("paths", nargs=-1, required=True),
        click.option("--model", default=None, help="spaCy pipeline name or path (default: en_core_web_sm)."),
        click.option("--lexicon", type=click.Path(dir_okay=False), default=None,
                     help="JSON file extending the relation vocabulary (shape of kg/data/relations.json)."),
        click.option("--skip-errors", is_flag=True, help="Report unreadable inputs and go on with the rest."),
        quiet_option,
        click.option("--input-format", type=click.Choice(["txt", "jsonl", "csv"]), default=None,
                     help="Read every file (and stdin) as this; default: by name (.jsonl, .csv, else text)."),
        click.option("--text-field", default="text", show_default=True, help="JSON Lines/CSV field of the text."),
        click.option("--id-field", default="id", show_default=True, help="Field of the document id."),
        click.option("--title-field", default="title", show_default=True, help="Field of the title."),
        click.option("--date-field", default="date", show_default=True, help="Field of the date."),
        click.option("--url-field", default="url", show_default=True, help="Field of the URL."),
        click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
                     help="Processes parsing in parallel (each loads the model once)."),
        click.option("--batch-size", type=click.IntRange(min=1), default=64, show_default=True,
                     help="Documents per nlp.pipe batch and per chunk sent to a worker."),
        click.option("--cache", type=click.Path(dir_okay=False), default=None,
                     help="Extraction cache file: unchanged documents are not parsed again "
                          "(kg build: OUT/extractions.sqlite unless --no-cache)."),
        click.option("--no-cache", is_flag=True, help="Parse every document; read and write no cache."),
        click.option("--debug", is_flag=True, help="Show the traceback of each document whose extraction failed."),
    )):
        fn = opt(fn)
    return fn


def run_extraction(paths, *, model, lexicon, skip_errors, quiet, input_format=None, text_field="text",
                   id_field="id", title_field="title", date_field="date", url_field="url", workers=1,
                   batch_size=64, cache=None, no_cache=False, default_cache=None, debug=False,
                   failures: list | None = None, engine="local", scheduler=None, partition_size=None,
                   out_dir=None) -> Graph:
    """Read, extract and resolve PATHS into a graph (`kg.pipeline.build`, on the local or the Dask engine);
    skipped inputs and failed documents are listed on stderr afterwards (failed ones, left out of the graph,
    also go to `failures`)."""
    from .extractor import ExtractOptions
    from .pipeline import build

    corpus = Corpus(tuple(paths), input_format, Fields(text_field, id_field, title_field, date_field, url_field),
                    skip_errors)
    if engine == "dask":
        chosen, store = dask_engine(workers=workers, scheduler=scheduler, partition_size=partition_size,
                                    quiet=quiet), out_dir and Path(out_dir) / FINDINGS
    else:
        chosen, store = None, cache or default_cache
    total = None if quiet else count_documents(paths, input_format=input_format)
    with progress_bar(quiet=quiet, total=total) as bar:
        report = build(corpus, options=ExtractOptions(model, lexicon, batch_size, piece_progress=not quiet),
                       workers=workers, engine=chosen, cache=None if no_cache else store, progress=bar,
                       skipped=corpus.errors)
    failures = [] if failures is None else failures
    failures += report.failures
    if report.cache is not None and not quiet:
        click.echo(f"{report.cache.path}: {report.cache.reused} unchanged {report.cache.unit} reused, "
                   f"{report.cache.stored} parsed, {report.cache.removed} no longer in the input dropped", err=True)
    _report("warning", [] if quiet else corpus.warnings + report.warnings)
    _report("skipped", report.skipped)
    if debug:
        for failed in failures:
            click.echo(f"{failed.document.id}: {failed.failure.traceback}", err=True)
    _report("failed", [f"{f.document.id}: {f.failure.error}" for f in failures])
    return report.graph


FINDINGS = "findings"  # OUT/findings: the Dask engine's store, as OUT/extractions.sqlite is the local one's


def dask_engine(*, workers, scheduler, partition_size, quiet):
    """`--engine dask`: partitions extracted on a Dask cluster (a local one of `workers` processes unless
    `scheduler` names one)."""
    from .dask_engine import DEFAULT_SIZE, DaskEngine, require_dask

    require_dask()
    return DaskEngine(workers=workers, scheduler=scheduler, partition_size=partition_size or DEFAULT_SIZE,
                      echo=lambda line: quiet or click.echo(line, err=True))


def _report(kind: str, messages: list[str], *, limit: int = 20) -> None:
    for message in messages[:limit]:
        click.echo(f"{kind}: {message}", err=True)
    if len(messages) > limit:
        click.echo(f"{kind}: ... and {len(messages) - limit} more", err=True)


PARTLY_FAILED = 3  # the exit code when outputs were written but some documents could not be extracted


def exit_if_failed(failures: list, graph: Graph, written: str) -> None:
    """After the outputs are written: say how many documents failed, and exit with PARTLY_FAILED if any did."""
    if failures:
        click.echo(f"error: {len(failures)} of {len(failures) + len(graph.documents)} documents failed "
                   f"(listed above; --debug shows why) and are not in {written}", err=True)
        raise SystemExit(PARTLY_FAILED)


@main.command(epilog=examples(
    "kg extract article.txt more-articles/ -o graph.json",
    "cat article.txt | kg extract - > graph.json",
    "zcat dump.jsonl.gz | kg extract - --input-format jsonl -o graph.json"))
@extraction_options
@output_option("Graph JSON file to write (default: stdout).")
def extract(paths, output, **options):
    """Extract the graph of PATHS (files, folders of *.txt, - for stdin) as graph JSON."""
    refuse_overwriting_inputs(paths, files=[output, options["cache"]], input_format=options["input_format"])
    if output:
        graph_json.check_writable(output)
    failures: list = []
    graph = run_extraction(paths, failures=failures, **options)
    blocks = graph_json.iter_dumps(graph)  # the JSON of a huge text's graph is never held whole
    if output:
        graph_json.write_atomic(output, blocks)
    else:
        for block in blocks:
            click.echo(block, nl=False)
    exit_if_failed(failures, graph, output or "the output")


def summary(graph: Graph, *, failed: int = 0) -> str:
    """Documents (and how many failed), entities by type and relations by type, one line each."""
    ents = Counter(e.type for e in graph.entities)
    rels = Counter(r.type for r in graph.relations)
    fmt = lambda c: ", ".join(f"{k} {v}" for k, v in sorted(c.items())) or "none"
    failed_note = f" ({failed} more failed, not included)" if failed else ""
    return (f"documents: {len(graph.documents)}{failed_note}\nentities: {len(graph.entities)} ({fmt(ents)})\n"
            f"relations: {len(graph.relations)} ({fmt(rels)})")


@main.command(epilog=examples(
    "kg build samples/                            # out/graph.json, out/graph.graphml",
    "kg build reuters.jsonl --out reuters/ --workers 2",
    "kg build articles/ --backend neo4j           # and merge into Neo4j ($NEO4J_URI etc.)"))
@extraction_options
@out_dir_option("Folder for graph.json, graph.graphml and the extraction cache.")
@backend_option("networkx: the local graph in --out only; neo4j: also merge it into Neo4j (see --uri).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="dask: extract partitions on a dask.distributed cluster (findings in OUT/findings/).")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="With --engine dask: use this running cluster instead of starting --workers local processes.")
@click.option("--partition-size", type=click.IntRange(min=1), default=None,
              help="With --engine dask: documents per partition (default 32; larger for huge corpora: one file each).")
@neo4j_options
def build(paths, out_dir, backend, uri, username, password, database, **options):
    """Build the graph of PATHS: graph JSON + GraphML in --out, and a summary."""
    if options["engine"] != "dask" and (options["scheduler"] or options["partition_size"]):
        raise click.UsageError("--scheduler and --partition-size go with --engine dask")
    if options["engine"] == "dask" and options["cache"]:
        raise click.UsageError("--cache names the local engine's cache; --engine dask keeps findings in OUT/findings")
    refuse_overwriting_inputs(paths, files=[options["cache"]], folders=[out_dir], input_format=options["input_format"])
    graph_json.check_writable(out_dir, folder=True)
    failures: list = []
    graph = run_extraction(paths, default_cache=Path(out_dir) / "extractions.sqlite", failures=failures,
                           out_dir=out_dir, **options)
    pending = pending_retractions(graph, Path(out_dir))  # kept before graph.json changes: an interrupted sync can finish
    written = write_local_graph(graph, out_dir)
    click.echo(summary(graph, failed=len(failures)))
    click.echo(written)
    if backend == "neo4j":
        driver_logs(quiet=options["quiet"])
        settings = neo4j_settings(uri=uri, username=username, password=password, database=database)
        click.echo(sync_graph(graph, settings=settings, pending=pending, lexicon=options.get("lexicon")))
        write_pending(out_dir, [])
    exit_if_failed(failures, graph, str(out_dir))


def pending_retractions(graph: Graph, out: Path) -> list[str]:
    """Documents Neo4j must lose when it next follows this build: those gone from or changed since the
    previous build in `out` (or still pending from it); kept in OUT/neo4j-pending.json until then."""
    try:
        # The graph.json of an interrupted build is whole even if its GraphML twin is not from it
        previous = graph_json.read_graph(out / "graph.json", pair=False) if (out / "graph.json").is_file() else None
    except GraphFormatError:
        previous = None
    pending = to_retract(graph, previous=previous, stored_hashes={}, pending=read_pending(out))
    write_pending(out, pending)
    return pending


# `kg export` and `kg view` are defined in kg/cli_export.py.
from .cli_export import export as _export_command, view as _view_command  # noqa: E402

main.add_command(_export_command)
main.add_command(_view_command)

# `kg load` and `kg query` (Neo4j and the named queries) are defined in kg/cli_neo4j.py.
from .cli_neo4j import delete as _delete_command, load as _load_command, query as _query_command  # noqa: E402

main.add_command(_delete_command)
main.add_command(_load_command)
main.add_command(_query_command)

# `kg eval` (scoring against gold annotations) is defined in kg/cli_eval.py.
from .cli_eval import evaluate as _eval_command  # noqa: E402

main.add_command(_eval_command)
