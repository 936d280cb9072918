"""The Python API: `import kg` stays light, kg.extract reads texts and paths, helpers delegate."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import kg
from kg.errors import InputError
from kg.graph import read_graph
from kg.model import Graph

FIXTURE = Path(__file__).parent / "fixtures" / "export_syria_talks.json"
SEED = ("Negotiations between Washington and Moscow on potential cooperation in the air war have come to a halt. "
        "The strike ended the peace pact brokered by Secretary of State John Kerry and Russian Foreign Minister "
        "Sergei Lavrov less than a week ago.")


def test_import_kg_loads_no_heavy_library():
    code = ("import sys, kg; heavy = [m for m in ('spacy', 'networkx', 'neo4j', 'pandas', 'kg.pipeline') "
            "if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_api_names_are_listed_and_unknown_ones_fail():
    assert {"extract", "to_networkx", "to_json", "load_neo4j", "query", "query_frame"} <= set(dir(kg))
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        kg.nope  # noqa: B018


@pytest.fixture(scope="module")
def seed_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    (folder / "talks.txt").write_text(SEED, encoding="utf-8")
    return folder


def test_extract_texts_files_and_folders(seed_folder):
    (seed_folder / "more").mkdir()
    (seed_folder / "more" / "brief.txt").write_text("France condemned the attack on the convoy.", encoding="utf-8")
    graph = kg.extract(["Russian Foreign Minister Sergei Lavrov met John Kerry in Geneva on Friday.",
                        seed_folder / "talks.txt", str(seed_folder / "more")], workers=1)
    assert isinstance(graph, Graph)
    assert sorted(d.id for d in graph.documents) == ["brief.txt", "talks.txt", "text-1"]
    names = {e.name for e in graph.entities}
    assert {"Sergei Lavrov", "John Kerry"} <= names
    kerry = next(e for e in graph.entities if e.name == "John Kerry")
    assert {m.doc for m in kerry.mentions} >= {"text-1", "talks.txt"}
    brokered = [r for r in graph.relations if r.type == "BROKERED"]
    assert brokered and all(e.doc == "talks.txt" for r in brokered for e in r.evidence)


def test_extract_is_the_api_function_next_to_the_pipeline_modules():
    import kg.extractor  # noqa: F401
    import kg.pipeline  # noqa: F401

    assert callable(kg.extract) and kg.extract.__module__ == "kg.api"


def test_sources_from_strings_and_missing_paths(tmp_path, seed_folder):
    srcs = list(kg.as_sources("One article."))
    assert [(s.document.id, s.raw) for s in srcs] == [("text-1", "One article.")]
    with pytest.raises(InputError, match="no such file or folder"):
        list(kg.as_sources(["fine text", tmp_path / "missing.txt"]))
    with pytest.raises(InputError, match="talks.txt: duplicate document id"):
        list(kg.as_sources([seed_folder / "talks.txt", str(seed_folder / "talks.txt")]))
    with pytest.raises(InputError, match="item 1: expected article text"):
        list(kg.as_sources([42]))


def test_graph_conversions():
    graph = read_graph(FIXTURE)
    g = kg.to_networkx(graph)
    assert g.nodes["state:russia"]["aliases"] == ["Moscow", "Russian"]
    data = kg.to_json(graph)
    assert data == json.loads(json.dumps(data)) and kg.from_json(data) == graph


def test_query_rows_and_frame():
    graph = read_graph(FIXTURE)
    rows = kg.query("denials", graph=graph)
    assert sorted(r["source_name"] for r in rows) == ["Russia", "Syria"]
    frame = kg.query_frame("roles", {"person": "Sergei Lavrov"}, graph=str(FIXTURE))
    # the title found with the name is the role HOLDS_ROLE gives: one row, not a second with no "of"
    assert frame[["role", "of_name", "found_as"]].values.tolist() == [["Foreign Minister", "Russia", "HOLDS_ROLE"]]


def test_export_view_and_show(tmp_path):
    graph = read_graph(FIXTURE)
    assert kg.export_graph(graph, format="gexf", output=tmp_path / "g.gexf") == [tmp_path / "g.gexf"]
    page = kg.write_view(graph, output=tmp_path / "g.html").read_text()
    shown = kg.show(graph, height=500)._repr_html_()
    assert shown.startswith('<div class="kg-view"><iframe srcdoc=') and "height:500px" in shown
    assert "</script>" not in shown and "&lt;/script&gt;" in shown  # the page is one escaped attribute
    import html

    assert html.unescape(shown.split('srcdoc="', 1)[1].split('" style=', 1)[0]) == page


@pytest.mark.neo4j
def test_load_neo4j_and_query_there(neo4j_db):
    graph = read_graph(FIXTURE)
    settings = neo4j_db.settings
    report = kg.load_neo4j(graph, uri=settings.uri, database=settings.database)
    assert report.nodes == len(graph.entities) + len(graph.documents)
    rows = kg.query("roles", {"person": "Sergei Lavrov"}, backend="neo4j", uri=settings.uri, database=settings.database)
    local = kg.query("roles", {"person": "Sergei Lavrov"}, graph=graph)
    assert rows == local and rows[0]["role"] == "Foreign Minister"


def test_build_has_the_cli_builds_cache_and_progress(tmp_path):
    """kg.extract/kg.build run the build `kg build` runs: an extraction cache and a progress callback."""
    texts = [SEED, "France condemned the attack on the convoy."]
    seen: list[str] = []
    first = kg.build(texts, cache=tmp_path / "c.sqlite", progress=lambda x: seen.append(x.document.id))
    again = kg.build(texts, cache=tmp_path / "c.sqlite")
    assert seen == ["text-1", "text-2"]
    assert (first.cache.stored, first.cache.reused) == (2, 0) and (again.cache.stored, again.cache.reused) == (0, 2)
    assert again.graph == first.graph == kg.extract(texts)


def test_extract_skips_unreadable_inputs_with_a_warning(tmp_path):
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary")
    with pytest.raises(InputError, match="b.txt: binary file") as refused:
        kg.extract([tmp_path / "b.txt", SEED])
    assert refused.value.option == "skip_errors" and "--" not in str(refused.value)
    with pytest.warns(kg.errors.KgWarning) as warned:
        graph = kg.extract([tmp_path / "b.txt", "missing.txt", SEED], skip_errors=True)
    assert [d.id for d in graph.documents] == ["text-3"]
    assert [str(w.message) for w in warned] == [f"skipped: {tmp_path / 'b.txt'}: binary file, not text; pass UTF-8 "
                                                "text files", "skipped: missing.txt: no such file or folder"]


def test_another_engine_plugs_in_as_the_executor():
    """An engine is a context manager giving an Executor (window, submit): here one that counts chunks."""
    from contextlib import contextmanager

    from kg.workers import InProcess

    chunks: list[int] = []

    @contextmanager
    def counting(options):
        local = InProcess(options)

        class Counting:
            window = 1

            def submit(self, sources):
                chunks.append(len(sources))
                return local.submit(sources)

        yield Counting()

    texts = [SEED, "France condemned the attack on the convoy.", "Kerry met Lavrov."]
    assert kg.extract(texts, engine=counting) == kg.extract(texts) and chunks == [3]


def test_load_and_export_take_a_lexicon(tmp_path):
    lexicon = tmp_path / "lex.json"
    lexicon.write_text(json.dumps({"types": {"G7_SUMMIT": {"verbs": ["summit"]}}}), encoding="utf-8")
    graph = Graph(entities=(kg.model.Entity("state:a", "A", "State"), kg.model.Entity("state:b", "B", "State")),
                  relations=(kg.model.Relation("state:a", "G7_SUMMIT", "state:b"),))
    with pytest.raises(kg.errors.SchemaError, match="not in the relation vocabulary"):
        kg.export_graph(graph, format="cypher", output=tmp_path / "g.cypher")
    assert kg.export_graph(graph, format="cypher", output=tmp_path / "g.cypher", lexicon=str(lexicon))
    with pytest.raises(kg.errors.Neo4jBackendError, match="cannot reach Neo4j"):  # past the schema check
        kg.load_neo4j(graph, uri="bolt://127.0.0.1:9", lexicon=str(lexicon))


def test_an_empty_string_is_an_empty_article_not_the_current_folder(tmp_path, monkeypatch):
    (tmp_path / "article.txt").write_text("Russia denied the attack.")
    monkeypatch.chdir(tmp_path)
    graph = kg.extract([""])
    assert [d.id for d in graph.documents] == ["text-1"] and not graph.entities
