from kg.loaders.networkx_loader import DOC_PREFIX, MENTIONED_IN, from_networkx, read_graphml, to_networkx, write_graphml
from test_graph import small_graph


def test_multidigraph_shape():
    g = to_networkx(small_graph())
    assert g.nodes["state:russia"]["type"] == "State" and g.nodes["state:russia"]["mention_count"] == 1
    assert g.nodes[DOC_PREFIX + "a.txt"]["type"] == "Document"
    assert g.has_edge("state:russia", DOC_PREFIX + "a.txt", key=MENTIONED_IN)
    edge = g.edges["state:russia", "state:united-states", "NEGOTIATES_WITH"]
    assert edge["confidence"] == 0.7 and edge["evidence"][0]["sentence"].startswith("Negotiations")


def test_networkx_round_trip_is_lossless():
    graph = small_graph()
    assert from_networkx(to_networkx(graph)) == graph


def test_graphml_round_trip_keeps_lists_and_evidence(tmp_path):
    graph = small_graph()
    path = tmp_path / "g.graphml"
    write_graphml(to_networkx(graph), path)
    assert from_networkx(read_graphml(path)) == graph
