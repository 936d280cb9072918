"""Throughput of kg against the bare spaCy pipeline it is built on, on one corpus slice.

Each configuration runs in its own subprocess, timed from the moment its
model(s) are loaded, while this process samples the resident memory of that
subprocess and all its children (the peak of their sum is reported):

- floor: bare `nlp.pipe` over the same texts, same model, batch size and pipes;
- kg-1:  read -> prepare -> parse -> extract -> resolve, in one process;
- kg-2:  the same with 2 worker processes (`--workers`).

    python benchmarks/throughput.py --limit 2000            # the corpus from $KG_REUTERS
    python benchmarks/throughput.py --corpus corpus.jsonl   # the whole file

`--graph` also times the final `Resolver.graph()` (cross-document merging),
reported separately because it runs once per build, after the stream.
On a shared machine, `--repeat N` runs N rounds and keeps each configuration's
fastest run; the CPU seconds show how much of the time the run had the cores.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from itertools import islice
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CONFIGS = {"floor": 0, "kg-1": 1, "kg-2": 2}


def corpus_path(given: str | None) -> Path:
    """--corpus, else $KG_REUTERS (scripts/reuters-jsonl makes the file from Reuters-21578)."""
    candidate = given or os.environ.get("KG_REUTERS")
    if not candidate:
        sys.exit("no corpus: pass --corpus PATH or set KG_REUTERS (scripts/reuters-jsonl makes it from Reuters-21578)")
    if not Path(candidate).is_file():
        sys.exit(f"{candidate}: no such corpus file (--corpus or KG_REUTERS)")
    return Path(candidate)


def tree_cpu() -> float:
    """CPU seconds used so far by this process and its live children (the workers)."""
    import psutil

    me = psutil.Process()
    return sum(sum(p.cpu_times()[:2]) for p in [me] + me.children(recursive=True))


def sources(corpus: Path, limit: int | None):
    from kg.sources import read_sources

    return islice(read_sources([str(corpus)]), limit)


def run_floor(args) -> dict:
    """Bare nlp.pipe: what parsing alone costs."""
    from kg.nlp import load_model

    nlp = load_model(args.model)
    nlp("Warm up.")
    own = [name for name in nlp.pipe_names if name.startswith("kg_")]  # kg's own components are kg's cost
    start, cpu = time.perf_counter(), tree_cpu()
    with nlp.select_pipes(disable=own):
        texts = (s.raw for s in sources(args.corpus, args.limit))
        docs = sum(1 for _ in nlp.pipe(texts, batch_size=args.batch_size))
    return {"docs": docs, "seconds": time.perf_counter() - start, "cpu": tree_cpu() - cpu}


def run_kg(args, workers: int) -> dict:
    """The kg stream (extract + Resolver.add in input order), then optionally Resolver.graph()."""
    from kg.lexicon import load_lexicon
    from kg.extractor import ExtractOptions
    from kg.pipeline import ordered_extractions
    from kg.resolve import Resolver
    from kg.workers import executor

    options = ExtractOptions(model=args.model, batch_size=args.batch_size)
    with executor(options, workers=workers) as pool:
        pool.wait_ready()
        resolver = Resolver(symmetric=load_lexicon(None).symmetric)
        start, cpu = time.perf_counter(), tree_cpu()
        docs = 0
        for _, extraction in ordered_extractions(sources(args.corpus, args.limit), submit=pool.submit,
                                                 chunk_size=args.batch_size, window=pool.window):
            resolver.add(extraction)
            docs += 1
        seconds, cpu = time.perf_counter() - start, tree_cpu() - cpu
    result = {"docs": docs, "seconds": seconds, "cpu": cpu}
    if args.graph:
        start = time.perf_counter()
        graph = resolver.graph()
        result.update(graph_seconds=time.perf_counter() - start, entities=len(graph.entities),
                      relations=len(graph.relations))
    return result


def measure(config: str, args) -> dict:
    """Run one configuration in a subprocess; its result plus the peak RSS of its process tree."""
    import psutil

    cmd = [sys.executable, __file__, "--run", config, "--corpus", str(args.corpus), "--batch-size",
           str(args.batch_size)] + (["--limit", str(args.limit)] if args.limit else []) \
        + (["--model", args.model] if args.model else []) + (["--graph"] if args.graph else [])
    child = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    proc, peak = psutil.Process(child.pid), 0
    while child.poll() is None:
        try:
            tree = [proc] + proc.children(recursive=True)
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.2)
    out = child.stdout.read()
    if child.returncode:
        sys.exit(f"{config} failed (exit {child.returncode})")
    return {**json.loads(out.strip().splitlines()[-1]), "peak_mib": peak / 2**20}


def table(results: dict[str, dict], words: int) -> str:
    """A Markdown table: speed, memory and the ratios the targets are stated in."""
    rows = ["| run | articles | seconds | articles/s | words/s | CPU s | peak memory | ratio |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    rate = {name: r["docs"] / r["seconds"] for name, r in results.items()}
    ratios = {"floor": "1.00 (floor)",
              # On a shared machine the wall clock says more about the neighbours than about kg: the CPU
              # seconds' ratio (floor CPU / kg CPU) is the one that holds across runs.
              "kg-1": f"{rate.get('kg-1', 0) / rate['floor']:.2f} x floor, by CPU s "
                      f"{results['floor']['cpu'] / results['kg-1']['cpu']:.2f} (target >= 0.85)"
                      if "floor" in rate and "kg-1" in results else "",
              "kg-2": f"{rate.get('kg-2', 0) / rate['kg-1']:.2f} x kg-1 (target >= 1.6)" if "kg-1" in rate else ""}
    for name, r in results.items():
        rows.append(f"| {name} | {r['docs']} | {r['seconds']:.1f} | {rate[name]:.1f} | "
                    f"{words / r['seconds']:,.0f} | {r['cpu']:.1f} | {r['peak_mib']:,.0f} MiB | {ratios[name]} |")
    graphs = [f"{name}: Resolver.graph() {r['graph_seconds']:.1f} s ({r['entities']} entities, "
              f"{r['relations']} relations)" for name, r in results.items() if "graph_seconds" in r]
    return "\n".join(rows + graphs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", help="JSON Lines corpus (default: $KG_REUTERS)")
    parser.add_argument("--limit", type=int, default=None, help="the first N articles only")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--model", default=None)
    parser.add_argument("--configs", default="floor,kg-1,kg-2", help="which runs, comma-separated")
    parser.add_argument("--graph", action="store_true", help="also time Resolver.graph() after the stream")
    parser.add_argument("--repeat", type=int, default=1, help="rounds; each run's fastest is kept (noisy machines)")
    parser.add_argument("--json", help="also write the results here")
    parser.add_argument("--run", choices=CONFIGS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.corpus = corpus_path(args.corpus)
    if args.run:  # inside the measured subprocess
        result = run_floor(args) if args.run == "floor" else run_kg(args, CONFIGS[args.run])
        print(json.dumps(result))
        return
    words = sum(len(s.raw.split()) for s in sources(args.corpus, args.limit))
    results: dict[str, dict] = {}
    for _ in range(args.repeat):  # rounds of every configuration, so a busy spell hits them alike
        for config in args.configs.split(","):
            run = measure(config, args)
            print(f"{config}: {run}", file=sys.stderr, flush=True)
            if config not in results or run["seconds"] < results[config]["seconds"]:
                results[config] = {**run, "peak_mib": max(run["peak_mib"], results.get(config, run)["peak_mib"])}
    print(f"corpus: {args.corpus} ({args.limit or 'all'} articles, {words:,} words), batch size "
          f"{args.batch_size}, {os.cpu_count()} cores, fastest of {args.repeat}; CPU s: the run's processes")
    print(table(results, words))
    if args.json:
        Path(args.json).write_text(json.dumps({"words": words, "results": results}, indent=1))


if __name__ == "__main__":
    main()
