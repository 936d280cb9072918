"""`kg view` at scale: how long the page takes to write and to draw in headless Chromium, and the
frame times of pan and zoom, for graphs of the Reuters corpus.

    python benchmarks/view_scale.py --graph out-3000/graph.json --graph out-all/graph.json
    KG_REUTERS=reuters21578.jsonl python benchmarks/view_scale.py   # builds both graphs first (minutes)

Without --graph it builds, with `kg build --workers 2` into --work (incremental: a second run
reuses the extraction cache), the graph of the first --articles lines of $KG_REUTERS and of the
whole file. Needs Debian's chromium (or $KG_CHROMIUM) and playwright (the `test` extra).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def build(corpus: Path, work: Path, articles: int | None) -> Path:
    name = f"first-{articles}" if articles else "all"
    out = work / name
    source = corpus
    if articles:
        out.mkdir(parents=True, exist_ok=True)
        source = out / "articles.jsonl"
        with corpus.open(encoding="utf-8") as f, source.open("w", encoding="utf-8") as g:
            for _, line in zip(range(articles), f):
                g.write(line)
    subprocess.run([sys.executable, "-m", "kg", "build", str(source), "--out", str(out), "--workers", "2", "-q"],
                   check=True)
    return out / "graph.json"


def measure(page, graph_path: Path, html: Path) -> dict:
    from kg.graph import read_graph
    from kg.view import write_view

    graph = read_graph(graph_path)
    started = time.perf_counter()
    write_view(graph, output=html)
    written = time.perf_counter() - started
    page.open(html, timeout_ms=600_000)
    moves = page.pan_and_zoom()
    frames = moves["zoom"] + moves["pan"]
    return {"graph": str(graph_path), "entities": len(graph.entities), "relations": len(graph.relations),
            "write_s": written, "page_mb": html.stat().st_size / 2**20,
            "drawn_ms": int(page.evaluate("document.body.dataset.drawnMs")),
            "drawn_entities": page.text("count-nodes"), "drawn_relations": page.text("count-edges"),
            "median_frame_ms": statistics.median(frames), "p95_frame_ms": sorted(frames)[int(0.95 * len(frames))],
            "errors": page.errors}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", action="append", type=Path, help="graph JSON to open (repeatable)")
    parser.add_argument("--articles", type=int, default=3000, help="without --graph: the smaller build's size")
    parser.add_argument("--work", type=Path, default=ROOT / ".bench" / "view", help="without --graph: build folder")
    args = parser.parse_args()
    graphs = args.graph
    if not graphs:
        corpus = os.environ.get("KG_REUTERS")
        if not corpus:
            parser.error("give --graph PATH or set KG_REUTERS to the Reuters JSON Lines file")
        graphs = [build(Path(corpus), args.work, args.articles), build(Path(corpus), args.work, None)]
    from browser import chromium

    with chromium(1280, 800) as page, tempfile.TemporaryDirectory() as tmp:
        for i, path in enumerate(graphs):
            r = measure(page, path, Path(tmp) / f"view-{i}.html")
            print(f"{r['graph']}: {r['entities']:,} entities, {r['relations']:,} relations; page written in "
                  f"{r['write_s']:.1f} s ({r['page_mb']:.1f} MB); drawn {r['drawn_ms']} ms after opening "
                  f"({r['drawn_entities']} entities, {r['drawn_relations']} relations); pan/zoom frames median "
                  f"{r['median_frame_ms']:.1f} ms, p95 {r['p95_frame_ms']:.1f} ms; script errors: {len(r['errors'])}")


if __name__ == "__main__":
    main()
