"""The database follows the corpus: `kg build --backend neo4j` after documents were removed or changed,
and `kg delete`, against a real Neo4j server (tests/conftest.py)."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

pytestmark = pytest.mark.neo4j

TALKS = ("Secretary of State John Kerry met Russian Foreign Minister Sergei Lavrov in Geneva on Friday. "
         "Kerry said the talks on Syria were useful.\n")
VIENNA = ("Kerry and Lavrov met again in Vienna on Monday. Lavrov denied that Russia attacked the aid convoy "
          "near Aleppo.\n")


def dump(driver) -> str:
    """Every node and relationship with its labels, type, ends and properties, in one sorted text."""
    with driver.session() as session:
        nodes = [json.dumps([sorted(r["labels"]), r["props"]], sort_keys=True)
                 for r in session.run("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")]
        rels = [json.dumps([r["type"], r["a"], r["b"], r["props"]], sort_keys=True) for r in session.run(
            "MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS a, b.id AS b, properties(r) AS props")]
    return "\n".join(sorted(nodes) + sorted(rels))


def wipe(driver) -> None:
    with driver.session() as session:
        session.run("MATCH (n) DETACH DELETE n").consume()


def corpus(folder: Path, **texts: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.txt"):
        old.unlink()
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def kg(*args, ok=True):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert (result.exit_code == 0) == ok, result.output
    return result


def build(folder, out, db):
    return kg("build", folder, "--out", out, "--backend", "neo4j", "--uri", db.settings.uri, "-q")


def clean_dump(tmp_path, db, **texts) -> str:
    """The database after a clean build of these texts (in the same folder: documents keep their source)."""
    wipe(db.driver)
    build(corpus(tmp_path / "corpus", **texts), tmp_path / "clean-out", db)
    return dump(db.driver)


def test_a_removed_document_leaves_nothing_and_the_database_equals_a_clean_build(tmp_path, neo4j_db):
    folder = corpus(tmp_path / "corpus", a=TALKS, b=VIENNA)
    build(folder, tmp_path / "out", neo4j_db)
    before = dump(neo4j_db.driver)
    assert "a.txt" in before and "person:john-kerry" in before
    corpus(folder, b=VIENNA)  # without a.txt, b's "Kerry" is no longer John Kerry: b resolves anew too
    result = build(folder, tmp_path / "out", neo4j_db)
    assert "took 2 removed or changed documents out" in result.output
    after = dump(neo4j_db.driver)
    assert "a.txt" not in after and "Geneva" not in after and "john-kerry" not in after
    assert after == clean_dump(tmp_path, neo4j_db, b=VIENNA)
    assert not (tmp_path / "out" / "neo4j-pending.json").exists()


def test_a_changed_document_is_replaced_not_added_to(tmp_path, neo4j_db):
    folder = corpus(tmp_path / "corpus", a=TALKS, b=VIENNA)
    build(folder, tmp_path / "out", neo4j_db)
    changed = VIENNA.replace("Vienna", "Oslo").replace("aid convoy near Aleppo", "hospital in Idlib")
    corpus(folder, a=TALKS, b=changed)
    build(folder, tmp_path / "out", neo4j_db)
    after = dump(neo4j_db.driver)
    assert "Vienna" not in after and "Oslo" in after
    assert after == clean_dump(tmp_path, neo4j_db, a=TALKS, b=changed)


def test_an_interrupted_sync_is_finished_by_the_next_build(tmp_path, neo4j_db, monkeypatch):
    from kg.loaders import neo4j_loader, neo4j_sync

    folder = corpus(tmp_path / "corpus", a=TALKS, b=VIENNA, c="Lavrov met Kerry in Geneva.\n")
    build(folder, tmp_path / "out", neo4j_db)
    corpus(folder, b=VIENNA)
    real = neo4j_sync.retract_batch
    calls = []

    def cut_after_one_batch(tx, *args):
        if calls:
            raise KeyboardInterrupt
        calls.append(1)
        return real(tx, *args)

    monkeypatch.setattr(neo4j_sync, "DEFAULT_DOCS_PER_BATCH", 1)
    monkeypatch.setattr(neo4j_sync, "retract_batch", cut_after_one_batch)
    monkeypatch.setattr(neo4j_sync.retract_documents, "__kwdefaults__",
                        {**neo4j_sync.retract_documents.__kwdefaults__, "docs_per_batch": 1})
    kg("build", folder, "--out", tmp_path / "out", "--backend", "neo4j", "--uri", neo4j_db.settings.uri, "-q",
       ok=False)
    assert json.loads((tmp_path / "out" / "neo4j-pending.json").read_text()) == ["a.txt", "b.txt", "c.txt"]
    monkeypatch.setattr(neo4j_sync, "retract_batch", real)
    monkeypatch.setattr(neo4j_loader, "write_steps", lambda *a, **k: (_ for _ in ()).throw(KeyboardInterrupt))
    kg("build", folder, "--out", tmp_path / "out", "--backend", "neo4j", "--uri", neo4j_db.settings.uri, "-q",
       ok=False)  # taken out, then interrupted before the load
    monkeypatch.undo()
    build(folder, tmp_path / "out", neo4j_db)
    assert dump(neo4j_db.driver) == clean_dump(tmp_path, neo4j_db, b=VIENNA)


def test_kg_delete_takes_a_document_out_of_neo4j_idempotently(tmp_path, neo4j_db):
    build(corpus(tmp_path / "corpus", a=TALKS, b=VIENNA), tmp_path / "out", neo4j_db)
    uri = ("--uri", neo4j_db.settings.uri)
    first = kg("delete", "b.txt", "--backend", "neo4j", *uri)
    assert first.output.startswith("deleted 1 documents from ")
    after = dump(neo4j_db.driver)
    assert "b.txt" not in after and "Vienna" not in after and "Aleppo" not in after and "DENIES" not in after
    assert "a.txt" in after and "Geneva" in after
    again = kg("delete", "b.txt", "--backend", "neo4j", *uri)
    assert "deleted 0 documents" in again.output and "not there (already deleted?): b.txt" in again.output
    assert dump(neo4j_db.driver) == after


def test_kg_delete_on_the_local_graph(tmp_path):
    folder = corpus(tmp_path / "corpus", a=TALKS, b=VIENNA)
    kg("build", folder, "--out", tmp_path / "out", "-q")
    kg("delete", "b.txt", "--out", tmp_path / "out")
    text = (tmp_path / "out" / "graph.json").read_text()
    graph = json.loads(text)
    assert [d["id"] for d in graph["documents"]] == ["a.txt"]
    assert "b.txt" not in text and "Vienna" not in text and "DENIES" not in text
    assert "b.txt" not in (tmp_path / "out" / "graph.graphml").read_text()
    missing = kg("delete", "nope.txt", "--out", tmp_path / "out")
    assert "deleted 0 documents" in missing.output and (tmp_path / "out" / "graph.json").read_text() == text
