"""DENIES, NEGOTIATES_WITH and BROKERED on Reuters sentences annotated by hand (issue 13).

Three sets, each scored against its own floors: tests/fixtures/three_relations/*.json (50 sentences, since
used to fix kg), tests/fixtures/three_relations_2/*.json (45, held out at first, since used too) and
tests/fixtures/three_relations_3/*.json (45, held out: nobody has tuned kg on it); see their READMEs.
The sentences are not in the repo (Reuters-21578 is research-only): each file says where its sentence is
in the corpus, which comes from $KG_REUTERS (or `pytest --reuters PATH`), and the test skips, saying so, without it.
Only the three types are scored: the gold lists no other relation, so others would count as false positives.
"""
import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.evaluate import evaluate

from test_scale import REUTERS, REUTERS_MISSING

needs_reuters = pytest.mark.skipif(REUTERS is None, reason=REUTERS_MISSING or "")

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "three_relations"
TYPES = frozenset({"DENIES", "NEGOTIATES_WITH", "BROKERED"})
# Each set: its required relations and its floors (recall, precision).
# three_relations: measured after the fixes its first run called for (11 of 15 found, 11 of 12 found right),
# less 0.05; the first run, before them: 7 of 15, 7 of 13, 4 forbidden (the fixtures' README).
# three_relations_2: held out from those fixes, its first run found 2 of its 10 and nothing wrong (2 of 2),
# nothing forbidden; after the fixes that run called for, 6 of 10 and 6 of 6 (its README); floors that less 0.05.
# three_relations_3: held out, its first run (kg at 8d41d84) found 3 of its 7 and nothing wrong (3 of 3), nothing
# forbidden; floors that less 0.05 (0.429 -> 0.37, 1.0 -> 0.95).
# Since then (this step: a spokeswoman's "we deny", a passive denial the speaker makes, a name coordinated with a
# company, talks in the adjunct of a negated predicate): three_relations 14 of 15, 14 of 15; three_relations_2 7 of
# 10, 7 of 7; three_relations_3 unchanged (3 of 7, 3 of 3). Floors: those less 0.05.
# Issue 13's next step read set 3's misses and fixed two kinds (a company named in apposition after "one company",
# a denied copular clause; a possessive in an opening adjunct and rounds of talks did not reach its parse): 4 of 7,
# 4 of 4, so set 3 is no longer held out. Floors: those less 0.05.
SETS = {"three_relations": (15, 0.88, 0.88), "three_relations_2": (10, 0.65, 0.95), "three_relations_3": (7, 0.52, 0.95)}


def sentence(article_text: str, where: dict) -> str:
    """The sentence a gold file points at, whitespace normalised as when it was annotated."""
    return " ".join(article_text[where["start"]:where["end"]].split())


def articles(ids: set[str]) -> dict[str, str]:
    """The texts of the Reuters articles with these ids, read from the corpus."""
    found = {}
    with open(REUTERS, encoding="utf-8") as fh:
        for line in fh:
            if any(f'"id": "{i}"' in line for i in ids - found.keys()):
                record = json.loads(line)
                if record["id"] in ids:
                    found[record["id"]] = record["text"]
    return found


def score(folder: Path, tmp: Path) -> list:
    """The scores of the three types on the gold files of folder, per gold file then summed ("all")."""
    golds = sorted(folder.glob("*.json"))
    where = {g.name: json.loads(g.read_text(encoding="utf-8"))["reuters"] for g in golds}
    texts = articles({w["id"] for w in where.values()})
    for name, w in where.items():
        assert w["id"] in texts, f"{REUTERS}: no article {w['id']} (is it the Reuters-21578 of scripts/reuters-jsonl?)"
        text = sentence(texts[w["id"]], w)
        assert hashlib.sha256(text.encode("utf-8")).hexdigest() == w["sha256"], \
            f"{REUTERS}: {w['id']}[{w['start']}:{w['end']}] is not the sentence of {name}: a different corpus?"
        (tmp / "texts").mkdir(exist_ok=True)
        (tmp / "texts" / f"{Path(name).stem}.txt").write_text(text + "\n", encoding="utf-8")
    out = tmp / "graph.json"
    result = CliRunner().invoke(main, ["extract", str(tmp / "texts"), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    graph = json.loads(out.read_text(encoding="utf-8"))
    return evaluate({**graph, "relations": [r for r in graph["relations"] if r["type"] in TYPES]}, golds)


@pytest.fixture(scope="module", params=sorted(SETS))
def scored(request, tmp_path_factory) -> tuple[str, list]:
    """A set's name and the scores of the three types, per gold file then summed ("all")."""
    return request.param, score(FIXTURES.parent / request.param, tmp_path_factory.mktemp(request.param))


@pytest.mark.parametrize("name", sorted(SETS))
def test_gold_relations_are_of_the_three_types_only(name):
    for gold in sorted((FIXTURES.parent / name).glob("*.json")):
        data = json.loads(gold.read_text(encoding="utf-8"))
        kinds = {r["type"] for key in ("relations", "optional_relations", "forbidden_relations") for r in data[key]}
        assert kinds <= TYPES, gold.name


@needs_reuters
def test_three_relations_stay_at_or_above_the_measured_floors(scored):
    name, scores = scored
    required, recall_floor, precision_floor = SETS[name]
    total = scores[-1].relations
    assert total.required == required
    assert total.recall >= recall_floor, total.missed
    assert total.precision >= precision_floor, total.false_positives


@needs_reuters
def test_nothing_forbidden(scored):
    name, scores = scored
    assert [(s.name, f) for s in scores[:-1] for f in s.forbidden] == [], name
