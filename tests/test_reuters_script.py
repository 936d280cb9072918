"""scripts/reuters-jsonl: the Reuters-21578 SGML distribution -> the JSON Lines corpus of KG_REUTERS.

The fixture files copy the distribution's layout (tags, entities, sign-off, a Latin-1 byte)
with made-up text, since the corpus itself may not be shipped."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
SCRIPT, SGML = ROOT / "scripts" / "reuters-jsonl", ROOT / "tests" / "fixtures" / "reuters"


def convert(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True)


def test_articles_with_a_body_become_records(tmp_path):
    out = tmp_path / "reuters.jsonl"
    result = convert(SGML, "-o", out)
    assert result.returncode == 0 and "wrote 2 articles from 2 files" in result.stderr
    first, second = map(json.loads, out.read_text(encoding="utf-8").splitlines())
    assert first == {"id": "reuters-1", "date": "1987-02-26", "title": "TRADE TALKS <ABC> OPEN IN GENEVA",
                     "text": "Trade ministers met in Geneva on Thursday,\nofficials said, and Smith & Sons "
                             "welcomed the talks.\n    Wheat 1,655.8, maize 872.0",
                     "places": ["el-salvador", "usa"]}
    assert second["id"] == "reuters-3" and second["text"] == "A note from M\u00fcnchen."
    built = CliRunner().invoke(main, ["build", str(out), "--out", str(tmp_path / "g"), "-q", "--no-cache"])
    assert built.exit_code == 0 and "documents: 2" in built.output


def test_a_missing_input_is_one_line(tmp_path):
    result = convert(tmp_path / "nope.sgm", "-o", tmp_path / "r.jsonl")
    assert result.returncode == 1 and result.stderr.strip() == f"reuters-jsonl: no such file: {tmp_path / 'nope.sgm'}"
    assert list(tmp_path.iterdir()) == []
