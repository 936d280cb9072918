"""The Python API, re-exported as `kg.<name>` on first use (see kg/__init__.py).

>>> import kg
>>> g = kg.extract(["Russian Foreign Minister Sergei Lavrov met John Kerry in Geneva on Friday."])
>>> {"Sergei Lavrov", "John Kerry"} <= {e.name for e in g.entities}
True
>>> [(r.source, r.type, r.target) for r in g.relations if r.type == "MEETS_WITH"]
[('person:john-kerry', 'MEETS_WITH', 'person:sergei-lavrov')]
>>> kg.query("roles", {"person": "sergei lavrov"}, graph=g)[0]["role"]
'Foreign Minister'
>>> kg.to_networkx(g).nodes["person:sergei-lavrov"]["roles"]
['Foreign Minister']
>>> kg.to_json(g)["format"]
'kg-graph/1'
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

import warnings

from kg.loaders.neo4j_conn import Neo4jSettings
from kg.loaders.neo4j_loader import load_graph

from . import graph as graph_json
from .errors import InputError, KgWarning
from .model import Document, Graph, SourceText
from .partitions import Corpus
from .sources import read_sources
from .view import notebook_html, write_view as _write_view

# Imported where used, to keep `kg.to_json` and friends from loading them: spaCy (.pipeline),
# networkx (kg.loaders.networkx_loader, .export, kg.queries) and pandas (optional).

# A string naming a file that is not there is an error, not an article: these endings say "file".
_FILE_SUFFIXES = (".txt", ".jsonl", ".json", ".csv", ".gz", ".ndjson")


def _looks_like_path(text: str) -> bool:
    if "\n" in text or "\0" in text or len(text) >= 4096 or not text.strip():
        return False  # "" is an empty article, not the current folder
    return text.lower().endswith(_FILE_SUFFIXES) or _exists(text)


def _exists(path: str | os.PathLike) -> bool:
    try:
        return Path(path).exists()
    except OSError:  # a one-line article longer than a file name may be (ENAMETOOLONG)
        return False


def as_sources(texts_or_paths: str | os.PathLike | SourceText | Iterable[str | os.PathLike | SourceText], *,
               skip_errors: bool = False, errors: list[str] | None = None) -> Iterator[SourceText]:
    """Each item as `SourceText`, lazily: paths (files, folders) read by `kg.sources`, other strings as articles.

    An article given as a string gets the id ``text-N`` (its 1-based position). With
    `skip_errors`, an item that cannot be read goes to `errors` and reading goes on.

    >>> [s.document.id for s in as_sources(["Talks resumed.", "Kerry met Lavrov."])]
    ['text-1', 'text-2']
    >>> next(as_sources("missing.txt"))
    Traceback (most recent call last):
    kg.errors.InputError: missing.txt: no such file or folder
    >>> skipped = []
    >>> [s.document.id for s in as_sources(["missing.txt", "Talks resumed."], skip_errors=True, errors=skipped)]
    ['text-2']
    >>> skipped
    ['missing.txt: no such file or folder']
    """
    if isinstance(texts_or_paths, (str, os.PathLike, SourceText)):
        texts_or_paths = [texts_or_paths]
    errors = errors if errors is not None else []
    seen: set[str] = set()
    for item in _each_source(texts_or_paths, skip_errors=skip_errors, errors=errors):
        if isinstance(item, SourceText) and item.document.id in seen:  # as kg.sources does within one call
            item = InputError(f"{item.document.id}: duplicate document id; ids must be unique", option="skip_errors")
        if isinstance(item, InputError):
            if not skip_errors:
                raise item
            errors.append(str(item))
            continue
        seen.add(item.document.id)
        yield item


def _each_source(items: Iterable, **reading) -> Iterator[SourceText | InputError]:
    for i, item in enumerate(items, 1):
        if isinstance(item, SourceText):
            yield item
        elif isinstance(item, os.PathLike) or isinstance(item, str) and _looks_like_path(item):
            if _exists(item):
                yield from read_sources([os.fspath(item)], **reading)
            else:
                yield InputError(f"{os.fspath(item)}: no such file or folder", option="skip_errors")
        elif isinstance(item, str):
            yield SourceText(Document(f"text-{i}", f"text-{i}", content_hash=SourceText.hash_of(item)), item)
        else:
            yield InputError(f"item {i}: expected article text, a path or a SourceText, got {type(item).__name__}",
                             option="skip_errors")


def build(texts_or_paths, *, model: str | None = None, lexicon: str | None = None, workers: int = 1,
          cache: str | os.PathLike | None = None, skip_errors: bool = False, progress=None, engine=None):
    """The build of `kg build` as a `kg.pipeline.BuildReport`: the graph, and its warnings, failed
    documents, skipped inputs and cache counts. `cache` is the engine's store of extractions (the
    local engine's SQLite file: unchanged documents are not parsed again; a `kg.dask_engine.DaskEngine`'s
    findings folder); `progress(extraction)` is called once per document; `engine` extracts elsewhere
    (a `kg.pipeline.Engine` such as ``DaskEngine(workers=4)``, or a `kg.workers.Executor` factory).
    Inputs that are all paths of files or folders are read by the engine (a Dask cluster's workers
    read JSON Lines and CSV byte ranges themselves)."""
    from .extractor import ExtractOptions
    from .pipeline import build as run_build

    skipped: list[str] = []
    paths = _paths_only(texts_or_paths)
    sources = (Corpus(paths, skip_errors=skip_errors, errors=skipped) if paths is not None
               else as_sources(texts_or_paths, skip_errors=skip_errors, errors=skipped))
    return run_build(sources, options=ExtractOptions(model, lexicon), workers=workers, cache=cache,
                     progress=progress, engine=engine, skipped=skipped)


def _paths_only(items) -> tuple[str, ...] | None:
    """The items as paths if they are all paths of existing files or folders (in a list or tuple), else None."""
    items = [items] if isinstance(items, (str, os.PathLike)) else items
    if not isinstance(items, (list, tuple)) or not items:
        return None
    if all(isinstance(i, (str, os.PathLike)) and (isinstance(i, os.PathLike) or _looks_like_path(i))
           and _exists(i) for i in items):
        return tuple(os.fspath(i) for i in items)
    return None


def extract(texts_or_paths, *, model: str | None = None, lexicon: str | None = None, workers: int = 1,
            cache: str | os.PathLike | None = None, skip_errors: bool = False, progress=None, engine=None) -> Graph:
    """The graph of some articles: texts, paths of files or folders, or `SourceText`s (see `as_sources`).

    Options as for `build`. A document whose extraction fails is left out, and an input skipped
    with `skip_errors` is passed over, each with a `KgWarning` naming it and why.
    """
    report = build(texts_or_paths, model=model, lexicon=lexicon, workers=workers, cache=cache,
                   skip_errors=skip_errors, progress=progress, engine=engine)
    for failed in report.failures:
        warnings.warn(f"{failed.document.id}: extraction failed and is left out ({failed.failure.error})",
                      KgWarning, stacklevel=2)
    for message in report.skipped:
        warnings.warn(f"skipped: {message}", KgWarning, stacklevel=2)
    return report.graph


def to_networkx(graph: Graph):
    """The graph as a networkx MultiDiGraph (`kg.loaders.networkx_loader.to_networkx`)."""
    from kg.loaders.networkx_loader import to_networkx as convert

    return convert(graph)


def to_json(graph: Graph) -> dict:
    """The graph as the JSON object of CONTRACT.md."""
    return graph_json.to_json(graph)


def from_json(data: dict) -> Graph:
    """A graph from contract JSON (raises `kg.errors.GraphFormatError` naming the first bad field)."""
    return graph_json.from_json(data)


def read_graph(path: str | os.PathLike) -> Graph:
    """Read a graph JSON file (from `kg extract`, `kg build` or `kg export --format json`)."""
    return graph_json.read_graph(path)


def export_graph(graph: Graph, *, format: str, output: str | os.PathLike, lexicon: str | None = None) -> list[Path]:
    """Write one of `kg.export.FORMATS` (as `kg export`); returns the files written. `lexicon` (a
    lexicon file) extends the relation types the csv and cypher exports accept."""
    from .export import export_graph as export

    return export(graph, fmt=format, output=output, lexicon=lexicon)


def write_view(graph: Graph, *, output: str | os.PathLike, title: str | None = None) -> Path:
    """Write the interactive HTML page of `kg view`."""
    return _write_view(graph, output=output, title=title)


def show(graph: Graph, *, height: int = 640, title: str | None = None, colour_by: str = "type"):
    """The `kg view` page inline in a Jupyter notebook (an IPython HTML object); `colour_by="community"`
    colours the entities by their Louvain community (as `kg query communities` finds them)."""
    return notebook_html(graph, height=height, title=title, colour_by=colour_by)


def _settings(uri: str | None, username: str | None, password: str | None, database: str | None):
    return Neo4jSettings.from_env(uri=uri, username=username, password=password, database=database)


def load_neo4j(graph: Graph, *, uri: str | None = None, username: str | None = None, password: str | None = None,
               database: str | None = None, batch_size: int = 1000, lexicon: str | None = None):
    """Merge `graph` into Neo4j (as `kg load`); settings default to NEO4J_URI etc. Returns the load report.
    `lexicon` (a lexicon file) extends the relation types the graph may hold."""
    return load_graph(graph, settings=_settings(uri, username, password, database), batch_size=batch_size,
                      lexicon=lexicon)


def query(name: str, params: Mapping[str, Any] | None = None, *, graph: Graph | str | os.PathLike | None = None,
          backend: str = "networkx", uri: str | None = None, username: str | None = None,
          password: str | None = None, database: str | None = None) -> list[dict]:
    """Rows of a named query (`queries.query_names()`): on `graph` (a Graph or graph JSON path)
    with the networkx backend, or on Neo4j with ``backend="neo4j"``."""
    from kg.queries import run_query

    settings = _settings(uri, username, password, database) if backend == "neo4j" else None
    return run_query(name, params, backend=backend, graph=graph, settings=settings)


def query_frame(name: str, params: Mapping[str, Any] | None = None, **options):
    """`query` as a pandas DataFrame (pandas is needed for this one only).

    >>> from kg.model import Entity, Relation
    >>> g = Graph((), (Entity("person:a", "Ann", "Person"), Entity("state:b", "B", "State")),
    ...           (Relation("person:a", "HOLDS_ROLE", "state:b", properties={"role": "envoy"}),))
    >>> query_frame("roles", {"person": "Ann"}, graph=g)[["name", "role", "of_name"]].values.tolist()
    [['Ann', 'envoy', 'B']]
    """
    import pandas as pd

    return pd.DataFrame(query(name, params, **options))


__all__ = ["as_sources", "build", "extract", "to_networkx", "to_json", "from_json", "read_graph", "export_graph",
           "write_view", "show", "load_neo4j", "query", "query_frame"]
