"""Corpus-scale behaviour through the real CLI, on a small slice of the Reuters corpus.

The corpus is research-only and never copied into the repo: its path comes from $KG_REUTERS
(or `pytest --reuters PATH`), and these tests skip, saying so, when it is not given.
`scripts/reuters-jsonl` makes the file from the Reuters-21578 distribution (see the README).
"""
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
REUTERS = Path(os.environ["KG_REUTERS"]) if os.environ.get("KG_REUTERS") else None
REUTERS_MISSING = ("no Reuters corpus: set KG_REUTERS (or pytest --reuters PATH) to the JSON Lines file that "
                   "scripts/reuters-jsonl makes from Reuters-21578" if REUTERS is None else
                   f"KG_REUTERS={REUTERS}: no such file" if not REUTERS.is_file() else None)
REUTERS = None if REUTERS_MISSING else REUTERS
pytestmark = pytest.mark.skipif(REUTERS is None, reason=REUTERS_MISSING or "")


def records(n: int, start: int = 0) -> list[dict]:
    with open(REUTERS, encoding="utf-8") as fh:
        return [json.loads(line) for _, line in zip(range(start + n), fh)][start:]


def write_jsonl(path: Path, recs: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    return path


def kg(*args):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    return result


def graph_text(out: Path) -> str:
    return (out / "graph.json").read_text(encoding="utf-8")


def test_rebuild_of_a_grown_corpus_parses_only_new_and_changed_documents(tmp_path):
    recs = records(14)
    corpus = write_jsonl(tmp_path / "corpus.jsonl", recs[:10])
    first = kg("build", corpus, "--out", tmp_path / "out")
    assert first.exit_code == 0 and "0 unchanged documents reused, 10 parsed" in first.stderr
    doc = json.loads(graph_text(tmp_path / "out"))["documents"][0]
    assert (doc["id"], doc["date"], doc["title"]) == (recs[0]["id"], recs[0]["date"], recs[0]["title"])

    recs[4] = {**recs[4], "text": recs[4]["text"] + "\nReuters reported that Japan met with France."}
    write_jsonl(corpus, recs)
    again = kg("build", corpus, "--out", tmp_path / "out")
    assert again.exit_code == 0 and "9 unchanged documents reused, 5 parsed" in again.stderr
    clean = kg("build", corpus, "--out", tmp_path / "clean", "--no-cache", "-q")
    assert clean.exit_code == 0 and not (tmp_path / "clean" / "extractions.sqlite").exists()
    assert graph_text(tmp_path / "out") == graph_text(tmp_path / "clean")

    write_jsonl(corpus, recs[:3] + recs[4:])
    shrunk = kg("build", corpus, "--out", tmp_path / "out")
    assert "13 unchanged documents reused, 0 parsed, 1 no longer in the input dropped" in shrunk.stderr
    assert kg("build", corpus, "--out", tmp_path / "clean", "--no-cache", "-q").exit_code == 0
    assert graph_text(tmp_path / "out") == graph_text(tmp_path / "clean")


def test_killed_build_resumes_to_the_same_graph_as_a_clean_one(tmp_path):
    corpus = write_jsonl(tmp_path / "corpus.jsonl", records(48, start=100))
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "--out", str(out), "-q",
                             "--batch-size", "4"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    done = 0
    deadline = time.monotonic() + 300
    while proc.poll() is None and done < 8 and time.monotonic() < deadline:
        time.sleep(0.05)
        try:
            with sqlite3.connect(out / "extractions.sqlite", timeout=1) as db:
                done = db.execute("SELECT count(*) FROM extraction").fetchone()[0]
        except sqlite3.Error:  # not created yet
            pass
    assert proc.poll() is None, f"build ended before it could be killed: {proc.stderr.read()}"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert not (out / "graph.json").exists()

    resumed = kg("build", corpus, "--out", out)
    assert resumed.exit_code == 0, resumed.output
    reused = int(resumed.stderr.split(" unchanged documents reused")[0].rsplit(" ", 1)[-1])
    assert 8 <= reused < 48
    clean = kg("build", corpus, "--out", tmp_path / "clean", "--no-cache", "-q")
    assert graph_text(out) == graph_text(tmp_path / "clean")


def test_malformed_line_stops_the_build_and_leaves_the_old_graph(tmp_path):
    recs = records(6)
    corpus = write_jsonl(tmp_path / "corpus.jsonl", recs)
    assert kg("build", corpus, "--out", tmp_path / "out", "-q").exit_code == 0
    before = graph_text(tmp_path / "out")
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    corpus.write_text("".join(lines[:2] + ['{"id": "broken", "text": "no end\n'] + lines[2:]), encoding="utf-8")

    failed = kg("build", corpus, "--out", tmp_path / "out", "-q")
    assert failed.exit_code != 0
    assert f"Error: {corpus}:3: not a JSON object" in failed.output
    assert graph_text(tmp_path / "out") == before

    skipped = kg("build", corpus, "--out", tmp_path / "out", "--skip-errors")
    assert skipped.exit_code == 0 and f"skipped: {corpus}:3: not a JSON object" in skipped.stderr
    assert graph_text(tmp_path / "out") == before


def test_extract_with_two_workers_equals_one(tmp_path):
    corpus = write_jsonl(tmp_path / "corpus.jsonl", records(16, start=40))
    for workers in (1, 2):
        result = kg("extract", corpus, "-q", "--workers", workers, "--batch-size", 3, "-o", tmp_path / f"{workers}.json")
        assert result.exit_code == 0, result.output
    assert (tmp_path / "1.json").read_text() == (tmp_path / "2.json").read_text()
