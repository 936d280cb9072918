"""The real `kg` CLI on real articles and on bad input."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "washington-times-2016-09-20-syria-talks.txt"


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)


@pytest.fixture(scope="module")
def seed_graph(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed") / "graph.json"
    result = run("extract", SEED, "-o", out, "--quiet")
    assert result.exit_code == 0, result.output
    return json.loads(out.read_text())


def test_seed_graph_key_facts(seed_graph):
    names = {e["id"]: e["name"] for e in seed_graph["entities"]}
    facts = {(names[r["source"]], r["type"], names[r["target"]]) for r in seed_graph["relations"]}
    assert ("Russia", "NEGOTIATES_WITH", "United States") in facts
    assert ("Sergei Lavrov", "HOLDS_ROLE", "Russia") in facts
    assert ("Aleppo", "LOCATED_IN", "Syria") in facts
    assert {("Russia", "DENIES", "attack on the convoy"), ("Syria", "DENIES", "attack on the convoy")} <= facts
    assert {("John Kerry", "BROKERED", "peace pact"), ("Sergei Lavrov", "BROKERED", "peace pact")} <= facts
    assert not any(t == "ATTACKS" and s in ("Russia", "Syria") for s, t, _ in facts)
    doc = seed_graph["documents"][0]
    assert (doc["date"], doc["publisher"]) == ("2016-09-20", "The Washington Times")


def test_seed_graph_has_one_node_per_thing_and_no_chrome(seed_graph):
    names = [e["name"] for e in seed_graph["entities"]]
    assert len(names) == len(set(names))
    kerry = next(e for e in seed_graph["entities"] if e["name"] == "John Kerry")
    assert {"Kerry"} <= set(kerry["aliases"]) and len(kerry["mentions"]) == 3
    assert not any("Newsletter" in n or n in ("LLC", "Click", "Hide", "State") for n in names)


def test_seed_evidence_offsets_point_into_the_raw_file(seed_graph):
    raw = SEED.read_text(encoding="utf-8")
    for rel in seed_graph["relations"]:
        for ev in rel["evidence"]:
            assert " ".join(raw[ev["start"]:ev["end"]].split()) == ev["sentence"]


def test_extract_to_stdout_and_from_stdin():
    result = run("extract", "-", "--quiet", input="Turkey accused Russia of violating its airspace.")
    graph = json.loads(result.output)
    assert graph["format"] == "kg-graph/1"
    assert [r["type"] for r in graph["relations"]] == ["ACCUSES"]


def test_build_writes_json_graphml_and_a_summary(tmp_path):
    result = run("build", SEED, "--out", tmp_path, "--quiet")
    assert result.exit_code == 0
    assert "documents: 1" in result.output and "NEGOTIATES_WITH" in result.output
    assert (tmp_path / "graph.json").exists() and (tmp_path / "graph.graphml").exists()


def test_empty_file_is_a_document_without_entities_and_a_warning(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = CliRunner().invoke(main, ["extract", str(empty)])
    assert result.exit_code == 0
    graph = json.loads(result.stdout)
    assert [d["id"] for d in graph["documents"]] == ["empty.txt"] and graph["entities"] == []
    assert "warning: empty.txt: no entities found" in result.stderr


def test_binary_file_is_a_one_line_error_and_nothing_is_written(tmp_path):
    (tmp_path / "ok.txt").write_text("Turkey accused Russia of violating its airspace.")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    out = tmp_path / "graph.json"
    result = CliRunner().invoke(main, ["extract", str(tmp_path), "-o", str(out), "-q"])
    assert result.exit_code != 0
    assert "bad.txt" in result.stderr and "binary" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not out.exists()


def test_skip_errors_processes_the_other_files(tmp_path):
    (tmp_path / "ok.txt").write_text("Turkey accused Russia of violating its airspace.")
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9 latin-1")
    out = tmp_path / "graph.json"
    result = CliRunner().invoke(main, ["extract", str(tmp_path), "-o", str(out), "-q", "--skip-errors"])
    assert result.exit_code == 0
    assert "bad.txt" in result.stderr and "UTF-8" in result.stderr
    assert [d["id"] for d in json.loads(out.read_text())["documents"]] == ["ok.txt"]


def test_an_empty_path_is_an_error_not_the_current_folder(tmp_path, monkeypatch):
    (tmp_path / "article.txt").write_text("Russia denied the attack.")
    monkeypatch.chdir(tmp_path)  # an empty shell variable ("kg extract $FILE") once read the whole folder
    result = CliRunner().invoke(main, ["extract", "", "-o", "g.json"])
    assert result.exit_code != 0 and "an empty path" in result.stderr and not (tmp_path / "g.json").exists()


def test_missing_input_and_bad_lexicon_are_clear_errors(tmp_path):
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code != 0 and "nope.txt: no such file or folder" in result.stderr
    lexicon = tmp_path / "lex.json"
    lexicon.write_text("[1, 2]")
    result = CliRunner().invoke(main, ["extract", "-", "--lexicon", str(lexicon)], input="Text.")
    assert result.exit_code != 0 and "lex.json" in result.stderr and "Traceback" not in result.stderr


def test_lexicon_extends_the_vocabulary(tmp_path):
    lexicon = tmp_path / "lex.json"
    lexicon.write_text(json.dumps({"types": {"PRAISES": {"verbs": ["laud"]}}}))
    text = "Germany lauded France for its courage."
    without = json.loads(run("extract", "-", "-q", input=text).output)
    with_lex = json.loads(run("extract", "-", "-q", "--lexicon", lexicon, input=text).output)
    assert "PRAISES" not in {r["type"] for r in without["relations"]}
    assert "PRAISES" in {r["type"] for r in with_lex["relations"]}


@pytest.mark.skipif(shutil.which("kg") is None and not (Path(sys.executable).parent / "kg").exists(),
                    reason="the kg console script is not installed")
def test_console_script_and_python_m_run():
    exe = shutil.which("kg") or str(Path(sys.executable).parent / "kg")
    for cmd in ([exe, "--help"], [sys.executable, "-m", "kg", "--help"]):
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0 and "extract" in proc.stdout
