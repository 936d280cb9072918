"""The Dask engine's overhead, and the reduce step (cross-document resolution) as the corpus grows.

    python benchmarks/dask_scale.py                      # the corpus from $KG_REUTERS (or --corpus)
    python benchmarks/dask_scale.py --compare 3000 --sizes 1000,3000,10000,19043 --work /tmp/kg-dask-bench

1. Engines: the first --compare articles built by the real CLI, each run in its own process
   from start to graph (worker start-up and model loading included, no cache):
   `kg build --workers 2` (local engine) and `kg build --engine dask --workers 2` (a local
   cluster of 2 worker processes). Ratio = local seconds / Dask seconds (1.0: no overhead);
   the two graph.json files must be identical.
2. Findings of the whole corpus: `kg build --engine dask --workers 2` into WORK/full (findings
   already there are reused: delete WORK to time it again). Its wall time is the extraction
   time the resolve step is compared with.
   With --extractions FILE, step 2 is skipped and the findings come from FILE, the extraction
   cache (`OUT/extractions.sqlite`) of a local-engine build of the corpus; the extraction time
   for the 10 % check is then extrapolated from step 1's local run.
3. Resolve: for each size N, a fresh process reads the findings of the first N articles from
   WORK/full/findings (or --extractions), in input order, then times `kg.pipeline.resolve_all` (Resolver.add for
   each document, then Resolver.graph) and, in a second pass, its peak of allocated memory
   (tracemalloc: the resolver and the graph, not the findings it was given).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
from itertools import islice
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
KG = [sys.executable, "-m", "kg"]

from throughput import corpus_path  # noqa: E402  (beside this file: the same corpus lookup)

def timed_build(args: list[str]) -> dict:
    """Run `kg build ...` in its own process: wall seconds, and CPU seconds of it and its children."""
    before = os.times()
    start = time.perf_counter()
    proc = subprocess.run(KG + ["build", *args], capture_output=True, text=True, cwd=REPO)
    seconds = time.perf_counter() - start
    after = os.times()
    if proc.returncode:
        sys.exit(f"kg build {' '.join(args)} failed:\n{proc.stderr[-2000:]}")
    return {"seconds": seconds, "cpu": (after.children_user - before.children_user)
            + (after.children_system - before.children_system)}


def compare(corpus: Path, n: int, work: Path, partition_size: list[str]) -> float:
    """Local engine vs Dask engine, 2 workers each, on the first n articles."""
    part = work / f"first-{n}.jsonl"
    with open(corpus, encoding="utf-8") as src:
        part.write_text("".join(islice(src, n)), encoding="utf-8")
    local = timed_build([str(part), "--out", str(work / "local"), "--workers", "2", "--no-cache", "-q"])
    dask = timed_build([str(part), "--out", str(work / "dask"), "--engine", "dask", "--workers", "2",
                        "--no-cache", "-q", *partition_size])
    same = (work / "local" / "graph.json").read_bytes() == (work / "dask" / "graph.json").read_bytes()
    print(f"| engine (2 workers, {n} articles) | seconds | articles/s | CPU s |")
    print("| --- | ---: | ---: | ---: |")
    for name, r in (("local", local), ("dask (LocalCluster)", dask)):
        print(f"| {name} | {r['seconds']:.1f} | {n / r['seconds']:.1f} | {r['cpu']:.1f} |")
    print(f"ratio local/dask seconds: {local['seconds'] / dask['seconds']:.2f} (target >= 0.9); "
          f"graph.json identical: {same}", flush=True)
    return local["seconds"]


def full_findings(corpus: Path, work: Path) -> float:
    """Findings of the whole corpus in WORK/full (reused when there); the build's wall seconds."""
    run = timed_build([str(corpus), "--out", str(work / "full"), "--engine", "dask", "--workers", "2", "-q"])
    print(f"whole corpus, --engine dask --workers 2: {run['seconds']:.1f} s wall, {run['cpu']:.1f} CPU s "
          f"(findings already in {work / 'full' / 'findings'} are reused)", flush=True)
    return run["seconds"]


def cached_extractions(corpus: Path, path: Path, n: int) -> list:
    """The first n articles' extractions from a local-engine extraction cache, in input order."""
    import pickle
    import sqlite3

    from kg.sources import read_sources

    check_extractions(corpus, path)
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    out = []
    for source in islice(read_sources([str(corpus)]), n):
        row = db.execute("SELECT data FROM extraction WHERE id = ?", (source.document.id,)).fetchone()
        if row is None:
            sys.exit(f"{path} has no extraction of {source.document.id}")
        out.append(pickle.loads(row[0]))
    return out


def check_extractions(corpus: Path, path: Path) -> None:
    """Exit with one line unless `path` is an extraction cache made by this kg's extraction code (the
    pickles of another may lack fields this kg's model has, as Entity.properties once was)."""
    import sqlite3

    from kg.cache import fingerprint

    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        made_by = db.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
    except sqlite3.Error as exc:
        sys.exit(f"{path}: not an extraction cache ({exc})")
    if made_by is None or made_by[0] != fingerprint():
        sys.exit(f"{path} was made by another version of kg's extraction code; rebuild it "
                 f"(kg build {corpus} --out DIR --workers 2) or leave out --extractions")


def resolve_one(corpus: Path, work: Path, n: int, extractions: str | None = None) -> dict:
    """Inside a fresh process: resolve the findings of the first n articles; time and peak memory."""
    import tracemalloc

    from kg.cache import fingerprint
    from kg.findings import FindingsStore
    from kg.partitions import salt, split
    from kg.pipeline import resolve_all
    from kg.sources import Fields

    if extractions:
        found = cached_extractions(corpus, Path(extractions), n)
    else:
        store = FindingsStore(work / "full" / "findings")
        found = []
        for part in split([str(corpus)], fields=Fields(), salt=salt(fingerprint(), Fields())):
            found += [e for e in store.read(part.key) or () if not isinstance(e, str)]
            if len(found) >= n:
                break
        found = found[:n]
    start, cpu = time.perf_counter(), time.process_time()
    graph = resolve_all(found)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    tracemalloc.start()
    resolve_all(found)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    digest = hashlib.sha256(json.dumps([e.id for e in graph.entities]).encode()).hexdigest()[:12]
    return {"articles": len(found), "seconds": seconds, "cpu": cpu, "peak_mib": peak / 2**20,
            "entities": len(graph.entities), "relations": len(graph.relations), "ids": digest}


def resolve_sizes(corpus: Path, work: Path, sizes: list[int], extraction_s: float, extractions: str | None) -> None:
    print("| articles | resolve seconds | CPU s | peak memory (resolver + graph) | entities | relations |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    last = None
    for n in sizes:
        proc = subprocess.run([sys.executable, __file__, "--resolve", str(n), "--corpus", str(corpus),
                               "--work", str(work)] + (["--extractions", extractions] if extractions else []),
                              capture_output=True, text=True, cwd=REPO)
        if proc.returncode:
            sys.exit(f"resolve {n} failed:\n{proc.stderr[-2000:]}")
        last = json.loads(proc.stdout.strip().splitlines()[-1])
        print(f"| {last['articles']:,} | {last['seconds']:.1f} | {last['cpu']:.1f} | {last['peak_mib']:,.0f} MiB | "
              f"{last['entities']:,} | {last['relations']:,} |", flush=True)
    if last is not None and extraction_s:
        share = last["seconds"] / extraction_s
        print(f"resolve at {last['articles']:,} articles = {100 * share:.1f} % of the extraction's wall time "
              f"({extraction_s:.0f} s; limit 10 %)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", help="JSON Lines corpus (default: $KG_REUTERS)")
    parser.add_argument("--compare", type=int, default=3000, help="articles for the engine comparison (0: skip)")
    parser.add_argument("--sizes", default="1000,3000,10000,19043",
                        help="article counts for the resolve step ('': skip it and the whole-corpus build)")
    parser.add_argument("--work", default="/tmp/kg-dask-bench", help="folder for slices, outputs and findings")
    parser.add_argument("--extractions", help="findings from this extraction cache (OUT/extractions.sqlite)")
    parser.add_argument("--partition-size", type=int, help="the Dask build's --partition-size (default: kg's)")
    parser.add_argument("--resolve", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    corpus, work = corpus_path(args.corpus), Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    if args.resolve:
        print(json.dumps(resolve_one(corpus, work, args.resolve, args.extractions)))
        return
    if args.extractions:
        check_extractions(corpus, Path(args.extractions))
    print(f"corpus: {corpus}; {os.cpu_count()} cores; load average at start {os.getloadavg()[0]:.1f}", flush=True)
    size = ["--partition-size", str(args.partition_size)] if args.partition_size else []
    local_s = compare(corpus, args.compare, work, size) if args.compare else 0.0
    if not args.sizes:
        print(f"load average at end {os.getloadavg()[0]:.1f}")
        return
    if args.extractions:
        total = sum(1 for _ in open(corpus, encoding="utf-8"))
        extraction_s = local_s * total / args.compare if args.compare else 0.0
        print(f"extraction of all {total:,} articles extrapolated from the local run: {extraction_s:.0f} s")
    else:
        extraction_s = full_findings(corpus, work)
    resolve_sizes(corpus, work, [int(s) for s in args.sizes.split(",")], extraction_s, args.extractions)
    print(f"load average at end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
