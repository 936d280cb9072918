"""kg eval (kg/evaluate.py): the scorer's matching rules, on a small graph built to exercise each
of them, and the same figures as ../shared/eval/score.py where that is beside the repository."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.evaluate import evaluate

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "eval"
GRAPH, GOLD = FIXTURES / "graph.json", FIXTURES / "gold"
SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"
FLAGS = [(), ("--relation-classes",), ("--loose-entity-types",), ("--relation-classes", "--loose-entity-types")]


def kg_eval(*args):
    return CliRunner().invoke(main, ["eval", *args])


def test_each_rule_counts_as_documented():
    scores = evaluate(json.loads(GRAPH.read_text()), [GOLD])
    talks, raid, total = {s.name: s for s in scores}["talks.json"], scores[0], scores[-1]
    assert [s.name for s in scores] == ["raid.json", "talks.json", "all"]
    # talks: Russia, U.S. (an alias), Sergei Lavrov found; "Lavrov" again is a duplicate; Moscow the
    # Place is no State; Newsletters is wrong and forbidden; UN is optional; Kerry is missed
    assert (talks.entities.tp, talks.entities.fp, talks.entities.duplicates) == (3, 2, 1)
    assert talks.entities.missed == ["John Kerry"] and talks.forbidden == ["entity 'Newsletters'"]
    # the symmetric pair in the other direction and the role count; the repeated role counts neither
    # way, nor does the optional MEETS_WITH; DEMANDS is not THREATENS
    assert (talks.relations.tp, talks.relations.fp) == (2, 1)
    # raid: Syria typed Organisation is no State, so none of its relations match
    assert (raid.entities.tp, raid.entities.fp, raid.relations.tp, raid.relations.fp) == (1, 1, 0, 4)
    assert (round(total.entities.precision, 3), round(total.entities.recall, 3)) == (0.5, 0.667)
    assert (round(total.relations.precision, 3), round(total.relations.recall, 3)) == (0.286, 0.4)
    assert total.warnings == ["1 entities without mentions belong to no document and were not scored"]


def test_loose_types_and_relation_classes():
    loose = evaluate(json.loads(GRAPH.read_text()), [GOLD], loose=True)[-1]
    # Moscow the Place now stands for Russia (a duplicate); Syria the Organisation is Syria,
    # so its DENIES of the attack and Aleppo's LOCATED_IN match, and its ATTACKS is forbidden
    assert (loose.entities.tp, loose.entities.fp, loose.entities.duplicates) == (5, 1, 2)
    assert (loose.relations.tp, loose.relations.fp) == (4, 2)
    assert loose.forbidden == ["relation Syria ATTACKS Aleppo", "entity 'Newsletters'"]
    classes = evaluate(json.loads(GRAPH.read_text()), [GOLD / "talks.json"], classes=True)[-1]
    # DEMANDS coded PLOVER THREATEN is CONFLICT, as THREATENS is
    assert (classes.relations.tp, classes.relations.fp, classes.relations.required) == (3, 0, 3)


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval/score.py is not beside the repository")
@pytest.mark.parametrize("flags", FLAGS, ids=lambda f: " ".join(f) or "types")
@pytest.mark.parametrize("gold", ["gold", "gold/talks.json"])
def test_same_figures_as_the_scorer(flags, gold):
    ours = kg_eval(str(GRAPH), "--gold", str(FIXTURES / gold), "--json", *flags)
    assert ours.exit_code == 0, ours.output
    theirs = subprocess.run([sys.executable, str(SCORER), "--pred", str(GRAPH), "--gold", str(FIXTURES / gold),
                             "--json", *flags], capture_output=True, text=True, check=True).stdout
    assert figures(json.loads(ours.stdout)) == figures(json.loads(theirs[:theirs.rindex("}") + 1]))


def figures(result: dict) -> dict:
    """The counts and rounded figures of a result (both scorers' JSON has them under the same names)."""
    keys = ("tp", "fp", "duplicates", "required", "ignored", "gold_dropped", "precision", "recall", "f1")
    return {part: {k: round(v, 3) for k, v in result[part].items() if k in keys and v}
            for part in ("entities", "relations")} | {"forbidden": len(result["forbidden"])}


def test_show_lists_what_lies_behind_the_figures():
    result = kg_eval(str(GRAPH), "--gold", str(GOLD), "--show")
    assert result.exit_code == 0
    assert "== talks.json\n  entities missed: John Kerry\n" in result.stdout
    assert "  entities duplicates: Lavrov (Person)\n" in result.stdout
    assert result.stdout.splitlines()[-1].startswith("entities P=0.500 R=0.667 F1=0.571 dup=1 | relations P=0.286")


@pytest.mark.parametrize("gold, message", [
    ("missing/", "missing: no such gold file or folder"),
    ("empty/", "no gold files (*.json) in"),
    ("bad.json", "bad.json: not a readable gold file"),
    ("shape.json", "shape.json: a gold file is an object with 'entities' and 'relations' lists"),
    ("norel.json", "norel.json: relations[0] needs 'source', 'type', 'target'"),
])
def test_bad_gold_is_one_line(gold, message, tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "bad.json").write_text("{")
    (tmp_path / "shape.json").write_text("[]")
    (tmp_path / "norel.json").write_text('{"entities": [], "relations": [{"source": "A", "type": "X"}]}')
    result = kg_eval(str(GRAPH), "--gold", str(tmp_path / gold))
    assert result.exit_code == 1 and message in result.output and len(result.output.strip().splitlines()) == 1


def test_a_missing_or_bad_graph_is_one_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = kg_eval("--gold", str(GOLD))
    assert result.exit_code == 1 and "out/graph.json: no such file" in result.output
    (tmp_path / "g.json").write_text('{"documents": [], "entities": [{"id": 1}], "relations": []}')
    result = kg_eval("g.json", "--gold", str(GOLD))
    assert result.exit_code == 1 and "g.json: entities[0]" in result.output
