import json

import pytest

from kg.graph import GraphFormatError, dumps, from_json, merge_relations, read_graph, to_json, write_atomic
from kg.model import Document, Entity, Evidence, Graph, Mention, Relation

EV = Evidence("a.txt", 0, 37, "Negotiations between Washington and Moscow", "2016-09-20")


def small_graph() -> Graph:
    us = Entity("state:united-states", "United States", "State", ("Washington",), (Mention("a.txt", 21, 31, "Washington"),))
    ru = Entity("state:russia", "Russia", "State", ("Moscow",), (Mention("a.txt", 36, 42, "Moscow"),))
    rel = Relation("state:russia", "NEGOTIATES_WITH", "state:united-states", (EV,), 0.7, {})
    return Graph((Document("a.txt", "corpus/a.txt", date="2016-09-20"),), (ru, us), (rel,))


def test_json_round_trip_is_lossless():
    graph = small_graph()
    assert from_json(json.loads(dumps(graph))) == graph


def test_json_follows_the_contract():
    data = to_json(small_graph())
    assert data["format"] == "kg-graph/1"
    rel = data["relations"][0]
    assert set(rel) >= {"id", "source", "type", "target", "properties", "confidence", "evidence"}
    assert rel["evidence"][0] == {"doc": "a.txt", "start": 0, "end": 37,
                                  "sentence": "Negotiations between Washington and Moscow", "date": "2016-09-20"}


@pytest.mark.parametrize("mutate, field", [
    (lambda d: d.pop("entities"), "graph.entities: missing"),
    (lambda d: d["entities"][0].update(type="Country"), "entities[0].type"),
    (lambda d: d["entities"][1].update(name=7), "entities[1].name"),
    (lambda d: d["relations"][0].update(target="state:nowhere"), "relations[0].target"),
    (lambda d: d["entities"][0]["mentions"][0].update(start="x"), "entities[0].mentions[0].start"),
])
def test_contract_errors_name_the_first_bad_field(mutate, field):
    data = to_json(small_graph())
    mutate(data)
    with pytest.raises(GraphFormatError, match=field.replace("[", r"\[").replace("]", r"\]")):
        from_json(data)


def test_read_graph_names_the_file(tmp_path):
    bad = tmp_path / "g.json"
    bad.write_text("{not json")
    with pytest.raises(GraphFormatError, match="g.json"):
        read_graph(bad)


def test_symmetric_relations_are_stored_once_and_evidence_is_joined():
    ev2 = Evidence("b.txt", 5, 9, "Moscow and Washington talked")
    rels = [Relation("state:united-states", "NEGOTIATES_WITH", "state:russia", (ev2,), 0.6),
            Relation("state:russia", "NEGOTIATES_WITH", "state:united-states", (EV,), 0.7)]
    merged = merge_relations(rels, frozenset({"NEGOTIATES_WITH"}))
    assert len(merged) == 1 and merged[0].source == "state:russia" and merged[0].confidence == 0.7
    assert set(merged[0].evidence) == {EV, ev2}


def test_many_findings_of_one_relation_merge_in_order():
    # issue 8: a huge text gives one relation thousands of findings; each evidence item is kept once,
    # in the order first seen, and the earliest finding's property value wins
    evidence = [Evidence("d", i, i + 5, f"sentence {i % 300}") for i in range(3000)]
    rels = [Relation("a", "MEETS_WITH", "b", (evidence[i], evidence[i // 2]), 0.5 + (i % 7) / 100, {"k": i, f"p{i % 3}": i})
            for i in range(3000)]
    [merged] = merge_relations(rels, frozenset({"MEETS_WITH"}))
    assert merged.evidence == (evidence[0], *evidence) and merged.confidence == 0.56  # the first as it was
    expected: dict = {}
    for rel in rels:  # merging pair by pair, as before: values and key order (the JSON's) the same
        expected = {**rel.properties, **expected}
    assert list(merged.properties.items()) == list(expected.items()) and merged.properties["k"] == 0
    assert merge_relations(rels[:1], frozenset())[0] is rels[0]


def test_directed_relations_keep_both_directions():
    rels = [Relation("a", "ACCUSES", "b"), Relation("b", "ACCUSES", "a")]
    assert len(merge_relations(rels, frozenset())) == 2


def test_write_atomic_leaves_nothing_on_failure(tmp_path):
    target = tmp_path / "out.json"
    write_atomic(target, "whole")
    assert target.read_text() == "whole"
    with pytest.raises(TypeError):
        write_atomic(target, 12345)
    assert target.read_text() == "whole"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_write_atomic_gives_the_usual_file_mode(tmp_path):
    import os
    umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "g.json", "x")
    finally:
        os.umask(umask)
    assert (tmp_path / "g.json").stat().st_mode & 0o777 == 0o644


def test_graph_json_streams_in_blocks_the_same_text(monkeypatch):
    # issue 8: the JSON of a huge text's graph is written item by item, never held whole
    from kg import graph as graph_json

    ents = tuple(Entity(f"person:p{i}", f"P {i}", "Person", (f"Mr. P{i}\n\"é\"",), (Mention("a.txt", i, i + 1, "P"),),
                        ("Minister",) if i % 2 else (), {"country": "X"} if i % 3 else {}) for i in range(200))
    rels = tuple(Relation(f"person:p{i}", "MEETS_WITH", f"person:p{i + 1}", (EV,), 0.125, {"k": [1, 2]})
                 for i in range(199))
    graph = Graph((Document("a.txt", "corpus/a.txt", date="2016-09-20"),), ents, rels)
    monkeypatch.setattr(graph_json, "BLOCK_CHARS", 500)
    blocks = list(graph_json.iter_dumps(graph))
    assert len(blocks) > 50 and "".join(blocks) == json.dumps(to_json(graph), ensure_ascii=False, indent=1) + "\n"
    assert from_json(json.loads(dumps(graph))) == graph
    for empty in (Graph(), Graph(graph.documents)):
        assert dumps(empty) == json.dumps(to_json(empty), ensure_ascii=False, indent=1) + "\n"


def test_write_atomic_of_blocks_leaves_nothing_when_they_fail(tmp_path):
    target = tmp_path / "out.json"
    write_atomic(target, iter(["who", "le"]))
    assert target.read_text() == "whole"

    def failing():
        yield "half"
        raise RuntimeError("the graph could not be encoded")

    with pytest.raises(RuntimeError):
        write_atomic(target, failing())
    assert target.read_text() == "whole" and [p.name for p in tmp_path.iterdir()] == ["out.json"]
