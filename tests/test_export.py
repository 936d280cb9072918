"""kg.export, kg.export_neo4j and `kg export`: every format round-trips, hostile text survives."""
from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.export import FORMATS, ExportError, check_format, export_graph, read_export, render
from kg.export_neo4j import cypher_literal
from kg.loaders.neo4j_reader import graph_from_records
from kg.graph import read_graph, to_json
from kg.model import Document, Entity, Evidence, Graph, Mention, Relation

FIXTURE = Path(__file__).parent / "fixtures" / "export_syria_talks.json"
NETWORKX_FORMATS = ("json", "graphml", "gexf", "node-link", "cytoscape")

# Names that break naive quoting in Cypher, CSV, XML, JSON-in-HTML and shell.
HOSTILE = [
    "O'Brien \"the\" \\ back\\slash \\'",
    "line\nbreak\r\n\ttab",
    "</script><script>window.pwned=1</script>",
    "Robert'); MATCH (n) DETACH DELETE n; //",
    "`tick` ${x} {{y}} <!-- -->",
    "Zürich 北京 😀 \u2028 sep \u2029",
]


def hostile_graph() -> Graph:
    doc = Document("o'doc \"1\".txt", "in/o'doc \"1\".txt", title=HOSTILE[2], date="2016-09-20", publisher=HOSTILE[0])
    ents = tuple(Entity(f"person:{i}", name, "Person", aliases=(HOSTILE[(i + 1) % len(HOSTILE)], "plain"),
                        mentions=(Mention(doc.id, i, i + 3, name[:3]),), roles=(HOSTILE[(i + 2) % len(HOSTILE)],))
                 for i, name in enumerate(HOSTILE))
    rels = tuple(Relation(f"person:{i}", "CRITICIZES", f"person:{i + 1}",
                          (Evidence(doc.id, 10 * i, 10 * i + 5, HOSTILE[i] + " said " + HOSTILE[i + 1], "2016-09-21"),),
                          0.75, {"role": HOSTILE[i]})
                 for i in range(len(HOSTILE) - 1))
    return Graph((doc,), ents, rels)


def canon(graph: Graph, *, as_sets: bool = False) -> dict:
    """Contract JSON with order removed, for comparing graphs.

    Neo4j holds aliases, roles, mentions and evidence as sorted sets (as `kg load`
    stores them), so for the csv and cypher exports they are compared as sets.
    """
    data = to_json(graph)
    out = {key: sorted(data[key], key=lambda x: x["id"]) for key in ("documents", "entities", "relations")}
    if as_sets:
        for item in out["entities"] + out["relations"]:
            for key in ("aliases", "roles", "mentions", "evidence"):
                if key in item:
                    item[key] = sorted(item[key], key=lambda v: json.dumps(v, sort_keys=True))
    return out


@pytest.fixture(scope="module")
def seed() -> Graph:
    return read_graph(FIXTURE)


# --- networkx-based formats ---------------------------------------------------------------

@pytest.mark.parametrize("fmt", NETWORKX_FORMATS)
@pytest.mark.parametrize("which", ["seed", "hostile"])
def test_round_trip(fmt, which, seed, tmp_path):
    graph = seed if which == "seed" else hostile_graph()
    out = tmp_path / f"graph.{fmt}"
    assert export_graph(graph, fmt=fmt, output=out) == [out]
    assert canon(read_export(out, fmt=fmt)) == canon(graph)


def test_graphml_is_plain_networkx_readable_with_json_lists(seed, tmp_path):
    export_graph(seed, fmt="graphml", output=tmp_path / "g.graphml")
    g = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    assert g.number_of_nodes() == len(seed.entities) + len(seed.documents)
    russia = g.nodes["state:russia"]
    assert (russia["label"], russia["type"], json.loads(russia["aliases"])) == ("Russia", "State", ["Moscow", "Russian"])
    kinds = {(u, v, d["type"]) for u, v, d in g.edges(data=True) if d["type"] != "MENTIONED_IN"}
    assert kinds == {(r.source, r.target, r.type) for r in seed.relations}


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_formats_replace_control_characters(fmt, tmp_path):
    graph = Graph(entities=(Entity("p:1", "form\x0cfeed\x01", "Person", aliases=("tab\x0b",)),))
    export_graph(graph, fmt=fmt, output=tmp_path / "g.xml")
    back = read_export(tmp_path / "g.xml", fmt=fmt).entities[0]
    assert (back.name, back.aliases) == ("form\ufffdfeed\ufffd", ("tab\x0b",))  # the JSON list keeps it


def test_gexf_labels_for_gephi(seed, tmp_path):
    export_graph(seed, fmt="gexf", output=tmp_path / "g.gexf")
    g = nx.read_gexf(tmp_path / "g.gexf")
    assert g.nodes["person:sergei-lavrov"]["label"] == "Sergei Lavrov"
    labels = sorted(d["label"] for _, _, d in g.edges(data=True) if d["label"] != "MENTIONED_IN")
    assert labels == sorted(r.type for r in seed.relations)
    holds = [d for _, _, d in g.edges(data=True) if d["label"] == "HOLDS_ROLE"]
    assert {json.loads(d["properties"])["role"] for d in holds} == {"Foreign Minister", "Secretary of State", "President"}


def test_node_link_is_d3_shaped(seed, tmp_path):
    export_graph(seed, fmt="node-link", output=tmp_path / "g.json")
    data = json.loads((tmp_path / "g.json").read_text())
    ids = {n["id"] for n in data["nodes"]}
    assert all(link["source"] in ids and link["target"] in ids for link in data["links"])
    lavrov = next(n for n in data["nodes"] if n["id"] == "person:sergei-lavrov")
    assert lavrov["roles"] == ["Foreign Minister"]  # JSON holds lists as lists


def test_cytoscape_elements(seed, tmp_path):
    export_graph(seed, fmt="cytoscape", output=tmp_path / "g.cyjs")
    elements = json.loads((tmp_path / "g.cyjs").read_text())["elements"]
    ids = [n["data"]["id"] for n in elements["nodes"]]
    assert len(ids) == len(set(ids)) == len(seed.entities) + len(seed.documents)
    assert "doc:washington-times-2016-09-20-syria-talks.txt" in ids  # edges point at this id
    assert all(e["data"]["source"] in ids and e["data"]["target"] in ids for e in elements["edges"])
    denies = [e["data"] for e in elements["edges"] if e["data"]["label"] == "DENIES"]
    assert {d["source"] for d in denies} == {"state:russia", "state:syria"}
    assert "denied they carried out the attack" in denies[0]["evidence"][0]["sentence"]


def test_json_is_the_contract(seed, tmp_path):
    export_graph(seed, fmt="json", output=tmp_path / "g.json")
    data = json.loads((tmp_path / "g.json").read_text())
    assert data["format"] == "kg-graph/1"
    assert canon(read_graph(tmp_path / "g.json")) == canon(seed)


# --- CSV for neo4j-admin ------------------------------------------------------------------

def read_csv(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def graph_from_csv(folder: Path) -> Graph:
    """Parse the CSV export back the way neo4j-admin would read its headers."""
    docs = [{k: v for k, v in r.items() if k not in (":ID", ":LABEL") and v} for r in read_csv(folder / "documents.csv")]
    ents = []
    for r in read_csv(folder / "entities.csv"):
        assert r[":LABEL"] == f"Entity;{r['type']}"
        ents.append({"id": r["id:ID"], "name": r["name"], "type": r["type"], "aliases": json.loads(r["aliases"]),
                     "roles": json.loads(r["roles"]), "mentions": [json.dumps(m) for m in json.loads(r["mentions"])]})
    rels = []
    for r in read_csv(folder / "relations.csv"):
        props = {k.split(":")[0]: v for k, v in r.items() if not k.startswith(":") and v != ""}
        props["evidence"] = [json.dumps(e) for e in json.loads(props["evidence"])]
        props["confidence"] = float(props["confidence"])
        for key in ("docs", "dates", "sentences"):
            props[key] = json.loads(props[key])
        rels.append({"source": r[":START_ID"], "type": r[":TYPE"], "target": r[":END_ID"], "props": props})
    return graph_from_records(docs, ents, rels)


@pytest.mark.parametrize("which", ["seed", "hostile"])
def test_csv_round_trip_and_headers(which, seed, tmp_path):
    graph = seed if which == "seed" else hostile_graph()
    files = export_graph(graph, fmt="csv", output=tmp_path / "neo4j")
    assert sorted(p.name for p in files) == ["documents.csv", "entities.csv", "import.sh", "mentions.csv", "relations.csv"]
    heads = {p.name: p.read_text(encoding="utf-8").split("\n", 1)[0] for p in files if p.suffix == ".csv"}
    assert heads["entities.csv"].startswith("id:ID,:LABEL,")
    assert heads["relations.csv"].startswith(":START_ID,:END_ID,:TYPE,")
    assert heads["mentions.csv"] == ":START_ID,:END_ID,:TYPE,count:long"
    assert "confidence:double" in heads["relations.csv"] and "evidence_count:long" in heads["relations.csv"]
    assert canon(graph_from_csv(tmp_path / "neo4j"), as_sets=True) == canon(graph, as_sets=True)
    mentions = read_csv(tmp_path / "neo4j" / "mentions.csv")
    doc_ids = {r[":ID"] for r in read_csv(tmp_path / "neo4j" / "documents.csv")}
    assert mentions and all(r[":END_ID"] in doc_ids for r in mentions)
    script = (tmp_path / "neo4j" / "import.sh").read_text()
    assert all(f"={name}" in script for name in heads)


def test_csv_replaces_an_earlier_export_but_not_other_folders(seed, tmp_path):
    out = tmp_path / "out"
    export_graph(seed, fmt="csv", output=out)
    export_graph(hostile_graph(), fmt="csv", output=out)
    assert len(read_csv(out / "entities.csv")) == len(HOSTILE)
    (out / "notes.txt").write_text("mine")
    with pytest.raises(ExportError, match="holds other files"):
        export_graph(seed, fmt="csv", output=out)
    assert (out / "notes.txt").read_text() == "mine"
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no temporary folders left behind


# --- Cypher -------------------------------------------------------------------------------

_TOKEN = re.compile(r"""\s*(?:(?P<str>'(?:[^'\\]|\\.)*')|(?P<num>-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|"""
                    r"""(?P<word>[A-Za-z_][A-Za-z0-9_]*)|(?P<punct>->|<-|[-()\[\]{}:,.=;>]))""")
_UNESCAPE = {"\\": "\\", "'": "'", '"': '"', "n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}


def tokens(statement: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    while pos < len(statement.rstrip()):
        m = _TOKEN.match(statement, pos)
        assert m, f"cannot tokenize at {statement[pos:pos + 40]!r}"
        kind = m.lastgroup
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


def unquote(literal: str) -> str:
    body, out, i = literal[1:-1], [], 0
    while i < len(body):
        if body[i] == "\\":
            if body[i + 1] == "u":
                out.append(chr(int(body[i + 2:i + 6], 16)))
                i += 6
                continue
            out.append(_UNESCAPE[body[i + 1]])
            i += 2
            continue
        out.append(body[i])
        i += 1
    return "".join(out)


def literal(toks: list, i: int):
    """The Cypher literal starting at toks[i] and the index after it."""
    kind, text = toks[i]
    if kind == "str":
        return unquote(text), i + 1
    if kind == "num":
        return (float(text) if "." in text or "e" in text.lower() else int(text)), i + 1
    if text in ("true", "false", "null"):
        return {"true": True, "false": False, "null": None}[text], i + 1
    assert text == "[", f"unexpected {text!r}"
    items, i = [], i + 1
    while toks[i][1] != "]":
        value, i = literal(toks, i)
        items.append(value)
        if toks[i][1] == ",":
            i += 1
    return items, i + 1


def parse_statement(statement: str) -> dict:
    """Pattern ids, labels, rel type and SET assignments of one of our MERGE statements."""
    toks = tokens(statement)
    ids, labels, sets, rtype, i = [], [], {}, None, 0
    while i < len(toks):
        kind, text = toks[i]
        if text == "{" and toks[i + 1][1] == "id":
            value, i = literal(toks, i + 3)
            ids.append(value)
            continue
        if text == "[" and toks[i + 2][1] == ":" and toks[i + 1][0] == "word":
            rtype = toks[i + 3][1]
        if text == "SET":
            i += 1
            while i < len(toks) and toks[i][1] != ";":
                if toks[i + 1][1] == ":":
                    labels.append(toks[i + 2][1])
                    i += 3
                else:
                    assert toks[i + 1][1] == "." and toks[i + 3][1] == "=", statement[:80]
                    key = toks[i + 2][1]
                    sets[key], i = literal(toks, i + 4)
                if i < len(toks) and toks[i][1] == ",":
                    i += 1
            continue
        i += 1
    return {"ids": ids, "labels": labels, "sets": sets, "rtype": rtype, "head": toks[0][1]}


def graph_from_cypher(script: str) -> Graph:
    docs, ents, rels = {}, {}, []
    for line in script.splitlines():
        if line.startswith(("//", "CREATE CONSTRAINT", "CREATE FULLTEXT INDEX")):
            continue
        assert line.endswith(";") and "$" not in line.replace("${x}", "")  # no parameters
        st = parse_statement(line)
        if "(d:Document" in line and "-[" not in line:
            docs[st["ids"][0]] = {"id": st["ids"][0], **st["sets"]}
        elif line.startswith("MERGE (n:Entity"):
            search = {"search", "search_text"}  # the words for the full-text index, made from the name and aliases
            ents[st["ids"][0]] = {"id": st["ids"][0], **{k: v for k, v in st["sets"].items() if k not in search}}
            assert st["labels"] == [st["sets"]["type"]]
        elif st["rtype"] == "MENTIONED_IN":
            docs.setdefault(st["ids"][1], {"id": st["ids"][1]})
        else:
            rels.append({"source": st["ids"][0], "type": st["rtype"], "target": st["ids"][1], "props": st["sets"]})
    return graph_from_records(list(docs.values()), list(ents.values()), rels)


@pytest.mark.parametrize("which", ["seed", "hostile"])
def test_cypher_round_trip(which, seed):
    graph = seed if which == "seed" else hostile_graph()
    script = render(graph, fmt="cypher")
    assert all(line.startswith(("//", "CREATE CONSTRAINT", "CREATE FULLTEXT INDEX", "MERGE", "MATCH"))
               for line in script.splitlines())
    assert canon(graph_from_cypher(script), as_sets=True) == canon(graph, as_sets=True)


def test_cypher_escaping_keeps_each_statement_on_one_line():
    script = render(hostile_graph(), fmt="cypher")
    statements = [s for s in script.splitlines() if not s.startswith("//")]
    assert all(s.count(";") == 1 or s.endswith(";") for s in statements)
    assert "\u2028" not in script and "\r" not in script
    assert cypher_literal("a'b\\c\nd\u2028") == "'a\\'b\\\\c\\nd\\u2028'"
    # An injected statement ends up inside a string literal: each line is one MERGE or MATCH.
    injected = [s for s in statements if "DETACH DELETE" in s]
    assert injected and all(tokens(s)[0][1] in ("MERGE", "MATCH") for s in injected)
    index = [s for s in statements if s.startswith("CREATE FULLTEXT INDEX")]  # fixed text from the loader
    assert len(index) == 1
    assert all(parse_statement(s)["head"] in ("MERGE", "MATCH", "CREATE") for s in statements if s not in index)


def test_cypher_and_csv_check_the_schema():
    bad_type = Graph(entities=(Entity("x:1", "X", "Person"), Entity("x:2", "Y", "Person")),
                     relations=(Relation("x:1", "LIKES]->() DETACH DELETE (n", "x:2"),))
    for fmt in ("cypher", "csv"):
        with pytest.raises(Exception, match="not UPPER_SNAKE_CASE"):
            export_graph(bad_type, fmt=fmt, output="/tmp/never-written")
    unknown = Graph(entities=bad_type.entities, relations=(Relation("x:1", "LIKES", "x:2"),))
    with pytest.raises(Exception, match="not in the relation vocabulary"):
        render(unknown, fmt="cypher")
    with pytest.raises(Exception, match="node label"):
        render(Graph(entities=(Entity("x:1", "X", "Robot"),)), fmt="cypher")
    assert not Path("/tmp/never-written").exists()


# --- errors -------------------------------------------------------------------------------

def test_unknown_format_lists_the_valid_ones():
    with pytest.raises(ExportError, match="choose one of: json, graphml, gexf, node-link, cytoscape, csv, cypher"):
        check_format("pdf")
    assert check_format(" Node-Link ") == "node-link"


def test_unwritable_output_leaves_nothing(seed, tmp_path):
    missing = tmp_path / "no-such-folder" / "g.gexf"
    for fmt, out in (("gexf", missing), ("csv", tmp_path / "no-such-folder" / "csv")):
        with pytest.raises(ExportError, match="cannot write"):
            export_graph(seed, fmt=fmt, output=out)
    (tmp_path / "file").write_text("x")
    with pytest.raises(ExportError, match="cannot write"):  # a file where a folder should be
        export_graph(seed, fmt="json", output=tmp_path / "file" / "g.json")
    with pytest.raises(ExportError, match="not a folder"):
        export_graph(seed, fmt="csv", output=tmp_path / "file")
    with pytest.raises(ExportError, match="is a folder"):
        export_graph(seed, fmt="graphml", output=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_failed_write_keeps_the_old_file(seed, tmp_path, monkeypatch):
    out = tmp_path / "g.graphml"
    out.write_text("old")
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(OSError(28, "No space left on device")))
    with pytest.raises(ExportError, match="No space left"):
        export_graph(seed, fmt="graphml", output=out)
    assert out.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["g.graphml"]


# --- the command --------------------------------------------------------------------------

def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_the_export_help_names_every_format():
    """`--format`'s help lists the formats by hand (kg.export is imported only when a command runs)."""
    help_text = " ".join(run("export", "--help").output.split())
    assert [fmt for fmt in FORMATS if not re.search(rf"(?<![\w-]){re.escape(fmt)}(?![\w-])", help_text)] == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_export_each_format(fmt, seed, tmp_path):
    out = tmp_path / ("csv-out" if fmt == "csv" else f"graph.{fmt}")
    result = run("export", str(FIXTURE), "--format", fmt, "--out" if fmt == "csv" else "-o", str(out))
    assert result.exit_code == 0, result.output
    assert f"wrote {fmt}: 11 entities, 11 relations" in result.output
    if fmt in NETWORKX_FORMATS:
        assert canon(read_export(out, fmt=fmt)) == canon(seed)
    elif fmt == "csv":
        assert canon(graph_from_csv(out), as_sets=True) == canon(seed, as_sets=True)
    else:
        assert canon(graph_from_cypher(out.read_text()), as_sets=True) == canon(seed, as_sets=True)


@pytest.mark.parametrize("args, message", [
    (["--format", "png"], "unknown export format 'png'; choose one of: json, graphml"),
    (["--format", "csv"], "format 'csv' writes a folder of files: give it with --out FOLDER, not -o"),
])
def test_cli_errors_are_one_line(args, message, tmp_path):
    result = run("export", str(FIXTURE), "-o", str(tmp_path / "x"), *args)
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"Error: {result.output.strip()[7:]}"]
    assert message in result.output and "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_cli_unwritable_and_bad_input(tmp_path, monkeypatch):
    result = run("export", str(FIXTURE), "-f", "cypher", "-o", str(tmp_path / "nope" / "g.cypher"))
    assert result.exit_code == 1 and "cannot write" in result.output and len(result.output.strip().splitlines()) == 1
    bad = tmp_path / "bad.json"
    bad.write_text('{"entities": [{"id": "x", "type": "Person"}], "relations": []}')
    result = run("export", str(bad), "-f", "gexf", "-o", str(tmp_path / "g.gexf"))
    assert result.exit_code == 1 and "entities[0].name: missing" in result.output
    monkeypatch.chdir(tmp_path)
    result = run("export", "-f", "gexf", "-o", "g.gexf")
    assert result.exit_code == 1 and "out/graph.json: no such file; give a graph JSON file" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json"]


def test_cli_export_reads_out_graph_json_and_writes_stdout(tmp_path, monkeypatch):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "graph.json").write_text(FIXTURE.read_text())
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["export", "-f", "node-link"], catch_exceptions=False)
    assert result.exit_code == 0 and len(json.loads(result.stdout)["nodes"]) == 11 + 1
    result = run("export", "-f", "csv", "--out", "csv/")
    assert result.exit_code == 0 and "-> csv/ (" in result.output and "//" not in result.output
    result = run("export", "-f", "gexf", "--out", "x")
    assert result.exit_code == 1 and "give it with -o FILE" in result.output


def test_cli_export_rejects_an_unknown_backend(tmp_path):
    result = run("export", str(FIXTURE), "-f", "gexf", "-o", str(tmp_path / "g"), "--backend", "json")
    assert result.exit_code == 2 and "'json' is not one of 'networkx', 'neo4j'" in result.output


# --- against a real Neo4j (the `neo4j_db` fixture of tests/conftest.py empties it) --------

def snapshot(driver, database) -> tuple[list, list]:
    """Every node's labels and properties and every relationship's ends, type and properties."""
    with driver.session(database=database) as session:
        nodes = session.run("MATCH (n) RETURN labels(n) AS l, properties(n) AS p").data()
        rels = session.run("MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p").data()
    key = lambda x: json.dumps(x, sort_keys=True, default=str)
    for n in nodes:
        n["l"] = sorted(n["l"])
    return sorted(nodes, key=key), sorted(rels, key=key)


def run_script(driver, database, script: str) -> None:
    with driver.session(database=database) as session:
        for line in script.splitlines():
            if line and not line.startswith("//"):
                session.run(line).consume()


@pytest.mark.neo4j
@pytest.mark.parametrize("which", ["seed", "hostile"])
def test_cypher_script_makes_the_database_kg_load_makes(which, seed, neo4j_db):
    from kg.loaders.neo4j_reader import read_neo4j
    from kg.loaders.neo4j_loader import load_graph

    graph = seed if which == "seed" else hostile_graph()
    db = neo4j_db.settings.database
    run_script(neo4j_db.driver, db, render(graph, fmt="cypher"))
    from_script = snapshot(neo4j_db.driver, db)
    assert len(from_script[0]) == len(graph.entities) + len(graph.documents)
    assert canon(read_neo4j(settings=neo4j_db.settings), as_sets=True) == canon(graph, as_sets=True)
    with neo4j_db.driver.session(database=db) as session:
        session.run("MATCH (n) DETACH DELETE n").consume()
    load_graph(graph, driver=neo4j_db.driver, settings=neo4j_db.settings)
    assert snapshot(neo4j_db.driver, db) == from_script


@pytest.mark.neo4j
def test_cli_export_from_neo4j(seed, neo4j_db, tmp_path):
    from kg.loaders.neo4j_loader import load_graph

    load_graph(seed, driver=neo4j_db.driver, settings=neo4j_db.settings)
    out = tmp_path / "back.json"
    args = ["export", "--backend", "neo4j", "--uri", neo4j_db.settings.uri, "-f", "json", "-o", str(out)]
    if neo4j_db.settings.database:
        args += ["--database", neo4j_db.settings.database]
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert canon(read_graph(out), as_sets=True) == canon(seed, as_sets=True)
    result = run("export", str(FIXTURE), "--backend", "neo4j", "-f", "json", "-o", str(out))
    assert result.exit_code == 1 and "drop the graph file" in result.output


def test_cli_export_from_an_unreachable_neo4j(tmp_path):
    result = run("export", "--backend", "neo4j", "--uri", "bolt://127.0.0.1:9", "-f", "gexf", "-o", str(tmp_path / "g"))
    assert result.exit_code == 1 and "cannot reach Neo4j at bolt://127.0.0.1:9" in result.output
    assert list(tmp_path.iterdir()) == []


NEO4J_LOCAL = Path(__file__).resolve().parent.parent / "scripts" / "neo4j-local"
NEO4J_LIB = NEO4J_LOCAL.parent.parent / "tools" / "neo4j" / "target" / "lib"


def neo4j_admin_import(folder: Path, home: Path) -> None:
    """`neo4j-admin database import full` (the jars of scripts/neo4j-local) into a new server home."""
    import subprocess

    from conftest import _neo4j_unavailable

    fetched = subprocess.run([str(NEO4J_LOCAL), "fetch"], capture_output=True, text=True, timeout=900)
    if fetched.returncode != 0:
        _neo4j_unavailable(f"scripts/neo4j-local fetch failed ({fetched.stderr.strip()[-200:]})")
    for sub in ("conf", "data", "logs", "plugins", "import"):
        (home / sub).mkdir(parents=True)
    (home / "conf" / "neo4j.conf").write_text(f"server.directories.data={home / 'data'}\n"
                                              f"server.directories.logs={home / 'logs'}\n")
    # The command import.sh runs, with neo4j-admin spelled as its Java entry point.
    args = (folder / "import.sh").read_text().split("neo4j-admin database import full", 1)[1]
    options = [a for a in args.replace("\\\n", " ").split() if a.startswith("--")]
    done = subprocess.run(["java", "-Xmx1g", "-cp", f"{NEO4J_LIB}/*", "org.neo4j.cli.AdminTool", "database",
                           "import", "full", "neo4j", *options], cwd=folder, capture_output=True, text=True,
                          timeout=600, env={**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")})
    assert done.returncode == 0 and "IMPORT DONE" in done.stdout, done.stdout[-2000:] + done.stderr[-2000:]


def graph_from_imported_csv(driver) -> Graph:
    """What neo4j-admin stored, with the JSON text of list-valued columns decoded."""
    with driver.session() as session:
        docs = [r["p"] for r in session.run("MATCH (d:Document) RETURN properties(d) AS p")]
        ents = [r["p"] | {"labels": r["l"]} for r in session.run("MATCH (n:Entity) RETURN properties(n) AS p, labels(n) AS l")]
        rels = session.run("MATCH (s:Entity)-[r]->(t:Entity) RETURN s.id AS source, type(r) AS type, t.id AS target, "
                           "properties(r) AS props").data()
        mentioned = session.run("MATCH (:Entity)-[m:MENTIONED_IN]->(:Document) RETURN sum(m.count) AS c").single()["c"]
    for e in ents:
        assert sorted(e.pop("labels")) == sorted(["Entity", e["type"]])
        assert isinstance(e["mention_count"], int) and e["mention_count"] == len(json.loads(e["mentions"]))
        e.update(aliases=json.loads(e["aliases"]), roles=json.loads(e["roles"]),
                 mentions=[json.dumps(m) for m in json.loads(e["mentions"])])
    assert mentioned == sum(e["mention_count"] for e in ents)
    for r in rels:
        props = r["props"]
        assert isinstance(props["confidence"], float) and isinstance(props["evidence_count"], int)
        props["evidence"] = [json.dumps(x) for x in json.loads(props["evidence"])]
    return graph_from_records(docs, ents, rels)


@pytest.mark.neo4j
def test_csv_imports_with_neo4j_admin(tmp_path):
    from conftest import local_neo4j
    from kg.loaders.neo4j_conn import Neo4jSettings, open_driver

    graph = hostile_graph()
    export_graph(graph, fmt="csv", output=tmp_path / "csv")
    neo4j_admin_import(tmp_path / "csv", tmp_path / "home")
    with local_neo4j(tmp_path / "home") as uri:
        driver = open_driver(Neo4jSettings(uri=uri))
        try:
            back = graph_from_imported_csv(driver)
        finally:
            driver.close()
    assert canon(back, as_sets=True) == canon(graph, as_sets=True)
