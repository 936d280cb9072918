"""One huge text with no paragraph breaks (issue 8: a 50 MB line ran over 5 minutes, memory rising).

kg cuts such a text at sentence or white-space boundaries into pieces of `PIECE_CHARS`, parses
them one batch at a time and shows a bar over the pieces. This script makes a one-line text of
`--small` and of `--mb` megabytes from news-like sentences (made here, no data needed), runs
`kg extract` on each in a subprocess, and prints each run's seconds, CPU seconds per MB, peak
resident memory and graph JSON size, then the two ratios that say whether the cost is linear and
the memory flat, and the peak's growth per MB between the two (what the findings kept cost):

    python benchmarks/big_line.py                  # 5 MB against 50 MB (a few minutes per 10 MB)
    python benchmarks/big_line.py --small 1 --mb 4
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCES = [
    "Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State John Kerry in Geneva on Friday.",
    "Moscow denied that its aircraft carried out the attack on the aid convoy near Aleppo.",
    "The United Nations said talks between the government and the rebels would resume next week.",
    "Officials in Damascus rejected the proposal, and Turkey called for a ceasefire in the region.",
    "The minister said the agreement was reached after three days of negotiations in Vienna.",
]


def one_line_text(megabytes: float, seed: int = 1) -> str:
    rng = random.Random(seed)
    parts, size = [], 0
    while size < megabytes * 1_000_000:
        sentence = rng.choice(SENTENCES)
        parts.append(sentence)
        size += len(sentence) + 1
    return " ".join(parts)


def run(megabytes: float, folder: Path) -> tuple[float, float, int, int]:
    """(wall seconds, CPU seconds, peak RSS in MiB, graph JSON bytes) of `kg extract` on a one-line text of this size."""
    article = folder / f"line-{megabytes}mb.txt"
    article.write_text(one_line_text(megabytes), encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    # One subprocess per size: RUSAGE_CHILDREN's peak is the largest child so far, so run the small one first.
    proc = subprocess.run([sys.executable, "-m", "kg", "extract", str(article), "-o", str(folder / "g.json")],
                          stderr=None if os.isatty(2) else subprocess.DEVNULL)
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"kg extract failed on {megabytes} MB (exit {proc.returncode})")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss // 1024, (folder / "g.json").stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", type=float, default=5, help="size of the reference text, MB (default 5)")
    parser.add_argument("--mb", type=float, default=50, help="size of the big text, MB (default 50)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows = [(mb, *run(mb, Path(tmp))) for mb in (args.small, args.mb)]
    for mb, wall, cpu, peak, json_bytes in rows:
        print(f"{mb:g} MB one line: {wall:.1f} s, {cpu / mb:.1f} CPU s per MB, peak RSS {peak} MiB, "
              f"graph JSON {json_bytes / 1e6:.1f} MB")
    (small, _, small_cpu, small_peak, _), (big, _, big_cpu, big_peak, _) = rows
    print(f"CPU per MB, {big:g} MB / {small:g} MB: {(big_cpu / big) / (small_cpu / small):.2f} (1.00 = linear)")
    print(f"peak RSS, {big:g} MB / {small:g} MB: {big_peak / small_peak:.2f} (flat memory: near 1, "
          f"not {big / small:g})")
    print(f"peak RSS growth: {(big_peak - small_peak) / (big - small):.1f} MiB per MB of text")


if __name__ == "__main__":
    main()
