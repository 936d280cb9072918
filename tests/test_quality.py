"""Extraction quality against the project's gold annotations (../shared/eval), scored by its own scorer.

The thresholds are the issue's targets for the seed article and floors under the measured dev-set
numbers (see the README), so a change that makes extraction worse fails here.
"""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
pytestmark = pytest.mark.skipif(not (EVAL / "score.py").exists(), reason="../shared/eval is not beside the repo")


def score(pred: Path, gold: Path, *flags: str) -> dict:
    out = subprocess.run([sys.executable, str(EVAL / "score.py"), "--pred", str(pred), "--gold", str(gold),
                          "--json", *flags], capture_output=True, text=True, check=True).stdout
    return json.loads(out[:out.rindex("}") + 1])


def extract(tmp_path: Path, source: Path) -> Path:
    out = tmp_path / "graph.json"
    result = CliRunner().invoke(main, ["extract", str(source), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def seed_graph(tmp_path_factory) -> Path:
    return extract(tmp_path_factory.mktemp("seed"), EVAL.parent / "corpus" / "washington-times-2016-09-20-syria-talks.txt")


@pytest.fixture(scope="module")
def dev_graph(tmp_path_factory) -> Path:
    return extract(tmp_path_factory.mktemp("dev"), EVAL / "re3d-dev" / "texts")


def test_seed_article_meets_the_targets(seed_graph):
    result = score(seed_graph, EVAL / "gold")
    assert result["entities"]["f1"] >= 0.95 and result["entities"]["duplicates"] == 0
    assert result["relations"]["f1"] >= 0.85
    assert result["forbidden"] == []


def test_re3d_dev_set_does_not_regress(dev_graph):
    result = score(dev_graph, EVAL / "re3d-dev" / "gold", "--relation-classes", "--loose-entity-types")
    assert result["entities"]["f1"] >= 0.80 and result["entities"]["duplicates"] == 0
    # The gold is sparse: a true relation it lacks counts as wrong ("the attacks ... claimed by Daesh" condemned
    # is US CONDEMNS Daesh, found since b679d14, took F1 from 0.244 to 0.238; "She already held a first round of
    # talks with the Foreign Ministers of Iran, Saudi Arabia, ..." is seven true NEGOTIATES_WITH it lacks, 0.244 to
    # 0.208), so recall holds the line too.
    assert result["relations"]["f1"] >= 0.20 and result["relations"]["recall"] >= 0.35
    assert result["forbidden"] == []


FIGURES = ("tp", "fp", "duplicates", "required", "ignored", "gold_dropped", "precision", "recall", "f1")


def figures(result: dict) -> dict:
    return {part: {k: round(v, 3) for k, v in result[part].items() if k in FIGURES and v}  # 0 or absent
            for part in ("entities", "relations")} | {"forbidden": len(result["forbidden"])}


@pytest.mark.parametrize("which, gold, flags", [
    ("seed", "gold", ()),
    ("seed", "gold", ("--relation-classes", "--loose-entity-types")),
    ("dev", "re3d-dev/gold", ("--relation-classes", "--loose-entity-types")),
    ("dev", "re3d-dev/gold", ()),
])
def test_kg_eval_gives_the_scorers_figures(which, gold, flags, request):
    graph = request.getfixturevalue(f"{which}_graph")
    ours = CliRunner().invoke(main, ["eval", str(graph), "--gold", str(EVAL / gold), "--json", *flags])
    assert ours.exit_code == 0, ours.output
    assert figures(json.loads(ours.stdout)) == figures(score(graph, EVAL / gold, *flags))


def test_plover_dev_events_do_not_regress(tmp_path):
    docs = EVAL / "plover-dev"
    out = subprocess.run([sys.executable, str(EVAL / "plover_eval.py"), "-", "--docs-dir", str(docs), "--pred",
                          str(extract(tmp_path, docs))], capture_output=True, text=True, check=True).stdout
    line = out.strip().splitlines()[-1]  # "plover events: recall=0.342 (27/79) pair_precision=0.900 (27/30)"
    recall, precision = (float(part.split("=")[1].split()[0]) for part in line.split(": ", 1)[1].split(") ")[:2])
    assert recall >= 0.48 and precision >= 0.85, line  # measured 0.519 (41/79) at 0.911 (41/45)
