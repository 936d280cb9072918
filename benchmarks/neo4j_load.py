"""Loading a generated news-shaped graph into Neo4j: merging in batches, `kg load --bulk`, neo4j-admin
import of `kg export --format csv`, and one MERGE per row.

    scripts/neo4j-local start        # or any disposable Neo4j: NEO4J_URI=... NEO4J_PASSWORD=...
    .venv/bin/python benchmarks/neo4j_load.py [--entities 20000] [--documents 6000] [--subset 5000] [--wipe]
    .venv/bin/python benchmarks/neo4j_load.py --local 17401     # its own scripts/neo4j-local server on
                                                                # ports 17401/17402, with the neo4j-admin path

The graph: entities of the five types (Zipf-popular, as in news), documents that
each mention a dozen of them (MENTIONED_IN), and typed relations between
entities mentioned together, each with evidence sentences from that document;
at least 100,000 relationships at the default size.

1. The whole graph goes through `kg.loaders.neo4j_loader.load_graph` (batches of
   --batch-size rows, one transaction each) into an empty database.
2. The database is emptied; the sub-graph of the first documents (about
   --subset rows, the same mix of nodes, mentions and relations) is loaded one
   row per transaction, each row its own single-row MERGE statement; its rate
   is extrapolated to the whole graph.

3. The database is emptied and the whole graph goes through `kg load --bulk`
   (`load_graph(..., bulk=True)`: CREATE, batches of 10,000 rows).
4. With --local: the whole graph is exported as `kg export --format csv` files, the
   server is stopped, `neo4j-admin database import full` (org.neo4j.cli.AdminTool from the
   server's jars) replaces the database with them, and the server is started again; the
   import and the restart are timed apart, and the counts checked.

The database must be empty, or --wipe given: it is emptied before each run.
"""
from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.model import Document, Entity, Evidence, Graph, Mention, Relation  # noqa: E402
from kg.loaders.neo4j_conn import Neo4jSettings, open_driver  # noqa: E402
from kg.loaders.neo4j_loader import constraint_statements, database_counts, load_graph, plan  # noqa: E402

TYPES = {"Person": 0.42, "Organisation": 0.22, "Place": 0.2, "Event": 0.15, "State": 0.01}
RELATIONS = {  # (source type, target type) -> relation types news text gives them
    ("Person", "Person"): ["MEETS_WITH", "NEGOTIATES_WITH", "CRITICIZES", "SUPPORTS", "ACCUSES"],
    ("Person", "Organisation"): ["HOLDS_ROLE", "MEMBER_OF", "CRITICIZES", "SUPPORTS"],
    ("Person", "State"): ["HOLDS_ROLE", "STATES_TO", "MEETS_WITH"],
    ("Person", "Event"): ["BROKERED", "SIGNS", "DENIES", "CONDEMNS"],
    ("State", "State"): ["NEGOTIATES_WITH", "ALLIED_WITH", "SANCTIONS", "THREATENS", "AGREES_WITH", "ATTACKS"],
    ("State", "Event"): ["DENIES", "REJECTS", "CONDEMNS", "SIGNS"],
    ("Organisation", "Place"): ["LOCATED_IN"], ("Place", "State"): ["LOCATED_IN"],
    ("Organisation", "State"): ["COOPERATES_WITH", "OPPOSES", "DEMANDS"],
    ("Organisation", "Organisation"): ["COOPERATES_WITH", "FIGHTS", "ALLIED_WITH"],
    ("Organisation", "Event"): ["CONDEMNS", "SUPPORTS"], ("Organisation", "Person"): ["ACCUSES", "CRITICIZES"],
    ("State", "Organisation"): ["SANCTIONS", "SUPPORTS"], ("State", "Person"): ["ACCUSES", "SUPPORTS"],
    ("Event", "Place"): ["LOCATED_IN"], ("Place", "Place"): ["LOCATED_IN"],
}
SYMMETRIC = {"MEETS_WITH", "NEGOTIATES_WITH", "ALLIED_WITH", "AGREES_WITH", "COOPERATES_WITH"}
SYLLABLES = "ka lo mi ra te su na vo de ri po an el or is um ba ge li".split()


def word(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n)).capitalize()


def make_entities(rng: random.Random, count: int) -> list[Entity]:
    out = []
    for i in range(count):
        etype = rng.choices(list(TYPES), weights=list(TYPES.values()))[0]
        name = f"{word(rng, 2)} {word(rng, 3)}" if etype == "Person" else word(rng, 3)
        aliases = tuple({name.split()[-1], name.upper()[:4]}) if rng.random() < 0.6 else ()
        out.append(Entity(f"{etype.lower()}:{name.lower().replace(' ', '-')}-{i}", name, etype, aliases))
    return out


def make_document(rng, i: int, ents: list[Entity], weights: list[float]) -> tuple[Document, list, list]:
    """A story: ten popular entities and three from the long tail, and relations among them."""
    doc = Document(f"news-{i:06d}.txt", f"corpus/news-{i:06d}.txt", f"Story {i}", f"20{rng.randint(10, 24)}-"
                   f"{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", rng.choice(["Reuters", "AP", "AFP"]))
    tail = [ents[(3 * i + k) % len(ents)] for k in range(3)]
    present = list({e.id: e for e in rng.choices(ents, weights=weights, k=10) + tail}.values())
    mentions = [(e.id, Mention(doc.id, p, p + len(e.name), e.name))
                for e in present for p in rng.sample(range(0, 6000, 7), rng.randint(1, 4))]
    relations, wanted = [], rng.randint(6, 9)
    for _ in range(60):
        a, b = rng.sample(present, 2)
        types = RELATIONS.get((a.type, b.type))
        if not types:
            continue
        rtype = rng.choice(types)
        s, t = (a.id, b.id) if rtype not in SYMMETRIC or a.id < b.id else (b.id, a.id)
        start = rng.randrange(0, 5800)
        ev = Evidence(doc.id, start, start + 160, f"{a.name} and {b.name}: {rtype.lower()} ({doc.id}, {start}).")
        relations.append(Relation(s, rtype, t, (ev,), round(rng.uniform(0.5, 0.95), 2)))
        if len(relations) == wanted:
            break
    return doc, mentions, relations


def make_graph(*, entities: int, documents: int, seed: int = 7) -> Graph:
    """A news-shaped graph; documents are made in order, so a prefix of them is a sub-corpus."""
    rng = random.Random(seed)
    ents = make_entities(rng, entities)
    weights = [1.0 / (rank + 50) for rank in range(len(ents))]
    docs, mentions, rels = [], {e.id: [] for e in ents}, {}
    for i in range(documents):
        doc, found, relations = make_document(rng, i, ents, weights)
        docs.append(doc)
        for eid, m in found:
            mentions[eid].append(m)
        for r in relations:
            old = rels.get(r.key)
            rels[r.key] = r if old is None else Relation(r.source, r.type, r.target, old.evidence + r.evidence,
                                                         max(old.confidence, r.confidence))
    kept = tuple(Entity(e.id, e.name, e.type, e.aliases, tuple(mentions[e.id])) for e in ents if mentions[e.id])
    return Graph(tuple(docs), kept, tuple(rels.values()))


def sub_corpus(graph: Graph, n_docs: int) -> Graph:
    """The graph of the first `n_docs` documents only (mentions and evidence cut to them)."""
    keep = {d.id for d in graph.documents[:n_docs]}
    ents = tuple(Entity(e.id, e.name, e.type, e.aliases, ms) for e in graph.entities
                 if (ms := tuple(m for m in e.mentions if m.doc in keep)))
    rels = tuple(Relation(r.source, r.type, r.target, ev, r.confidence) for r in graph.relations
                 if (ev := tuple(e for e in r.evidence if e.doc in keep)))
    return Graph(graph.documents[:n_docs], ents, rels)


def rows_of(graph: Graph) -> int:
    return sum(len(step.rows) for step in plan(graph))


def wipe(driver, database) -> None:
    with driver.session(database=database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


def load_row_by_row(driver, graph: Graph, *, database) -> int:
    """One single-row MERGE statement per row, one transaction each (the naive loader)."""
    n = 0
    with driver.session(database=database) as session:
        for statement in constraint_statements():
            session.run(statement).consume()
        for step in plan(graph):
            single = step.statement.replace("UNWIND $rows AS row", "WITH $row AS row", 1)
            for row in step.rows:
                session.execute_write(lambda tx: tx.run(single, row=row).consume())
                n += 1
    return n


def pick_subset(graph: Graph, target_rows: int) -> Graph:
    lo, hi = 1, len(graph.documents)
    while lo < hi:  # the fewest documents whose sub-corpus has at least target_rows rows
        mid = (lo + hi) // 2
        lo, hi = (mid + 1, hi) if rows_of(sub_corpus(graph, mid)) < target_rows else (lo, mid)
    return sub_corpus(graph, lo)


REPO = Path(__file__).resolve().parent.parent


@contextmanager
def local_server(port: int):
    """A scripts/neo4j-local server of its own on ports `port` and `port + 1`; yields (env, uri)."""
    home = Path(tempfile.mkdtemp(prefix="kg-neo4j-bench-"))
    env = {**os.environ, "NEO4J_LOCAL_HOME": str(home), "NEO4J_LOCAL_BOLT_PORT": str(port),
           "NEO4J_LOCAL_HTTP_PORT": str(port + 1), "NEO4J_LOCAL_HEAP": "1g"}
    script = str(REPO / "scripts" / "neo4j-local")
    subprocess.run([script, "start"], env=env, check=True, capture_output=True)
    try:
        yield env, f"bolt://127.0.0.1:{port}"
    finally:
        subprocess.run([script, "stop"], env=env, capture_output=True)


def admin_import(graph: Graph, env: dict) -> dict:
    """Export CSV, stop the server, neo4j-admin import full, start it again: seconds of each."""
    from kg.export_neo4j import csv_files

    script, home = str(REPO / "scripts" / "neo4j-local"), Path(env["NEO4J_LOCAL_HOME"])
    folder = Path(tempfile.mkdtemp(prefix="kg-csv-"))
    started = time.perf_counter()
    for name, text in csv_files(graph).items():
        (folder / name).write_text(text, encoding="utf-8")
    export_s = time.perf_counter() - started
    subprocess.run([script, "stop"], env=env, check=True, capture_output=True)
    lib = REPO / "tools" / "neo4j" / "target" / "lib"
    cmd = ["java", "-cp", f"{lib}/*", "org.neo4j.cli.AdminTool", "database", "import", "full", "neo4j",
           "--overwrite-destination=true", "--multiline-fields=true", f"--nodes={folder / 'documents.csv'}",
           f"--nodes={folder / 'entities.csv'}", f"--relationships={folder / 'mentions.csv'}",
           f"--relationships={folder / 'relations.csv'}"]
    started = time.perf_counter()
    proc = subprocess.run(cmd, env={**env, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}, cwd=folder,
                          capture_output=True, text=True)
    import_s = time.perf_counter() - started
    if proc.returncode:
        sys.exit(f"neo4j-admin import failed:\n{proc.stdout[-1500:]}\n{proc.stderr[-1500:]}")
    started = time.perf_counter()
    subprocess.run([script, "start"], env=env, check=True, capture_output=True)
    return {"export": export_s, "import": import_s, "restart": time.perf_counter() - started}


def run(args: argparse.Namespace) -> None:
    if args.local:
        with local_server(args.local) as (env, uri):
            args.uri, args.env = uri, env
            return run_on(args)
    args.env = None
    run_on(args)


def run_on(args: argparse.Namespace) -> None:
    settings = Neo4jSettings.from_env(uri=args.uri)
    driver = open_driver(settings)
    db = settings.database
    if database_counts(driver, database=db)["nodes"] and not args.wipe:
        sys.exit(f"{settings.describe()} is not empty: give --wipe to empty it (everything in it is deleted)")
    graph = make_graph(entities=args.entities, documents=args.documents)
    counts = {"nodes": len(graph.documents) + len(graph.entities), "rows": rows_of(graph)}
    counts["relationships"] = counts["rows"] - counts["nodes"]
    print(f"graph: {len(graph.entities)} entities, {len(graph.documents)} documents, {counts['relationships']} "
          f"relationships ({len(graph.relations)} typed, {sum(len(r.evidence) for r in graph.relations)} evidence items); "
          f"{counts['rows']} rows")
    assert counts["relationships"] >= 100_000 or args.entities < 20_000, "generate at least 100,000 relationships"
    warm = sub_corpus(graph, 30)  # a cold server plans and compiles each statement once: not what is measured
    for bulk in (False, True):
        wipe(driver, db)
        load_graph(warm, driver=driver, settings=settings, batch_size=args.batch_size, bulk=bulk)
    wipe(driver, db)
    started = time.perf_counter()
    load_graph(graph, driver=driver, settings=settings, batch_size=args.batch_size)
    batched_s = time.perf_counter() - started
    got = database_counts(driver, database=db)
    assert (got["nodes"], got["relationships"]) == (counts["nodes"], counts["relationships"]), got
    batched_rate = counts["rows"] / batched_s
    print(f"batched (UNWIND, {args.batch_size} rows per transaction): {counts['rows']} rows in {batched_s:.1f}s "
          f"= {batched_rate:,.0f} rows/s")
    wipe(driver, db)
    subset = pick_subset(graph, args.subset)
    started = time.perf_counter()
    n = load_row_by_row(driver, subset, database=db)
    naive_s = time.perf_counter() - started
    naive_rate = n / naive_s
    print(f"one MERGE per row (one transaction each): timed a fixed subset of {n} rows (the first "
          f"{len(subset.documents)} documents' sub-graph, same mix) in {naive_s:.1f}s = {naive_rate:,.0f} rows/s; "
          f"extrapolated to all {counts['rows']} rows: {counts['rows'] / naive_rate:.0f}s")
    print(f"ratio: batched is {batched_rate / naive_rate:.1f}x faster")
    wipe(driver, db)
    started = time.perf_counter()
    load_graph(graph, driver=driver, settings=settings, batch_size=10_000, bulk=True)
    bulk_s = time.perf_counter() - started
    got = database_counts(driver, database=db)
    assert (got["nodes"], got["relationships"]) == (counts["nodes"], counts["relationships"]), got
    print(f"kg load --bulk (CREATE, 10000 rows per transaction): {bulk_s:.1f}s = {counts['rows'] / bulk_s:,.0f} "
          f"rows/s; ratio: {batched_s / bulk_s:.1f}x faster than merging")
    wipe(driver, db)
    driver.close()
    if args.env is None:
        return
    took = admin_import(graph, args.env)
    driver = open_driver(settings)
    got = database_counts(driver, database=db)
    assert (got["nodes"], got["relationships"]) == (counts["nodes"], counts["relationships"]), got
    total = took["export"] + took["import"] + took["restart"]
    print(f"kg export --format csv + neo4j-admin database import full: export {took['export']:.1f}s, import "
          f"{took['import']:.1f}s (JVM start included), server restart {took['restart']:.1f}s, total {total:.1f}s "
          f"= {counts['rows'] / total:,.0f} rows/s; ratio: {bulk_s / total:.2f}x the speed of --bulk")
    wipe(driver, db)
    driver.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--uri", default=None, help="Bolt URI (default: $NEO4J_URI, else bolt://127.0.0.1:7687)")
    parser.add_argument("--entities", type=int, default=20_000)
    parser.add_argument("--documents", type=int, default=6_000)
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--subset", type=int, default=5_000, help="rows timed for the one-per-row loader")
    parser.add_argument("--wipe", action="store_true", help="empty a non-empty database first")
    parser.add_argument("--local", type=int, metavar="PORT",
                        help="start a scripts/neo4j-local server on PORT and PORT+1 and also time neo4j-admin import")
    run(parser.parse_args())


if __name__ == "__main__":
    main()
