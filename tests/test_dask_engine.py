"""The Dask engine against the local one, on a slice of the Reuters corpus ($KG_REUTERS; without it, on
records made from the bundled samples/) and a real 2-process LocalCluster.

Every cluster here listens on loopback only, on ports the OS picks.
"""
import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("distributed")
pytest.importorskip("pyarrow")

from kg import dask_engine  # noqa: E402
from kg.cli import main  # noqa: E402
from kg.errors import InputError  # noqa: E402
from kg.graph import dumps  # noqa: E402
from kg.extractor import ExtractOptions  # noqa: E402
from kg.partitions import Corpus  # noqa: E402
from kg.pipeline import build, build_graph  # noqa: E402
from kg.sources import read_sources  # noqa: E402

from test_scale import REUTERS, write_jsonl  # noqa: E402
from test_scale import records as reuters_records  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def records(n: int, start: int = 0) -> list[dict]:
    """n Reuters records from `start`, or (no corpus given) records cycling through samples/ under ids of their own."""
    if REUTERS is not None:
        return reuters_records(n, start)
    texts = sorted((ROOT / "samples").rglob("*.txt"))
    return [{"id": f"sample-{i}", "title": texts[i % len(texts)].stem,
             "text": texts[i % len(texts)].read_text(encoding="utf-8")} for i in range(start, start + n)]


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", scheduler_port=0,
                      dashboard_address="127.0.0.1:0", silence_logs=logging.CRITICAL) as cluster, \
            Client(cluster) as c:
        yield c


def local_graph(paths) -> str:
    return dumps(build_graph(read_sources([str(p) for p in paths])))


def dask_build(paths, client, out, *, partition_size=dask_engine.DEFAULT_SIZE, skip_errors=False, errors=None):
    """The one build (`kg.pipeline.build`) on the Dask engine, findings in OUT/findings."""
    corpus = Corpus(tuple(str(p) for p in paths), skip_errors=skip_errors, errors=[] if errors is None else errors)
    return build(corpus, options=ExtractOptions(), cache=out / "findings", skipped=corpus.errors,
                 engine=dask_engine.DaskEngine(client=client, partition_size=partition_size))


def dask_graph(paths, client, out, **kw) -> str:
    return dumps(dask_build(paths, client, out, **kw).graph)


def counts(report) -> tuple[int, int, int]:
    """(reused, extracted, dropped) partitions of a Dask build."""
    assert report.cache.unit == "partitions"
    return report.cache.reused, report.cache.stored, report.cache.removed


def sorted_graph(text: str) -> str:
    data = json.loads(text)
    return json.dumps({k: sorted(v, key=lambda x: json.dumps(x, sort_keys=True)) if isinstance(v, list) else v
                       for k, v in data.items()}, sort_keys=True)


def test_cli_dask_build_on_two_local_workers_equals_the_local_engine(tmp_path):
    corpus = write_jsonl(tmp_path / "slice.jsonl", records(12))
    local = CliRunner().invoke(main, ["build", str(corpus), "--out", str(tmp_path / "local"), "-q"])
    dask = CliRunner().invoke(main, ["build", str(corpus), "--out", str(tmp_path / "dask"), "--engine", "dask",
                                     "--workers", "2", "--partition-size", "3"])
    assert local.exit_code == 0 and dask.exit_code == 0, dask.output
    assert "Dask dashboard: http://127.0.0.1:" in dask.stderr
    assert "0 unchanged partitions reused, 4 parsed" in dask.stderr
    assert len(list((tmp_path / "dask" / "findings").glob("*.parquet"))) == 4
    ours, theirs = (tmp_path / "dask" / "graph.json").read_text(), (tmp_path / "local" / "graph.json").read_text()
    assert sorted_graph(ours) == sorted_graph(theirs)
    assert ours == theirs  # the reduce resolves in input order, as the local engine does: not even the order differs


def test_every_kind_of_partition_gives_the_local_graph_and_each_worker_loads_the_model_once(tmp_path, client):
    recs = records(18)
    folder = tmp_path / "txt"
    folder.mkdir()
    for r in recs[:5]:
        (folder / f"{r['id']}.txt").write_text(r["text"], encoding="utf-8")
    jsonl = write_jsonl(tmp_path / "b.jsonl", recs[5:12])
    csv = tmp_path / "c.csv"
    import csv as csvlib
    with open(csv, "w", newline="", encoding="utf-8") as fh:
        writer = csvlib.DictWriter(fh, fieldnames=["id", "title", "text"], extrasaction="ignore")
        writer.writeheader()
        writer.writerows(recs[12:18])
    paths = [folder, jsonl, csv]
    assert dask_graph(paths, client, tmp_path / "out", partition_size=3) == local_graph(paths)
    # 2 groups of text files, 3 byte ranges of JSON Lines, 2 byte ranges of CSV
    assert len(list((tmp_path / "out" / "findings").glob("*.parquet"))) == 7
    assert set(client.run(lambda: dask_engine.model_loads).values()) == {1}


def test_a_rerun_extracts_only_changed_partitions_and_drops_those_gone(tmp_path, client):
    recs = records(20, start=100)
    corpus = write_jsonl(tmp_path / "c.jsonl", recs)
    assert counts(dask_build([corpus], client, tmp_path / "out", partition_size=5)) == (0, 4, 0)

    recs[7] = {**recs[7], "text": recs[7]["text"] + "\nJapan met with France in Paris."}
    write_jsonl(corpus, recs[:15])  # one record changed, the last partition gone
    report = dask_build([corpus], client, tmp_path / "out", partition_size=5)
    assert counts(report) == (2, 1, 2)
    again = dumps(report.graph)
    assert again == local_graph([corpus])
    assert len(list((tmp_path / "out" / "findings").glob("*.parquet"))) == 3

    (next((tmp_path / "out" / "findings").glob("*.parquet"))).write_bytes(b"PAR1 cut short")  # killed mid-copy
    report = dask_build([corpus], client, tmp_path / "out", partition_size=5)
    assert dumps(report.graph) == again and counts(report) == (2, 1, 0)


def test_bad_and_repeated_records_are_reported_as_the_local_engine_reports_them(tmp_path, client):
    recs = records(8, start=300)
    lines = [json.dumps(r) for r in recs[:6]] + ["{oops", json.dumps(recs[1])]  # a bad line, a repeated id
    corpus = tmp_path / "bad.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.jsonl:7: not a JSON object"):
        dask_graph([corpus], client, tmp_path / "out", partition_size=3)
    ours, theirs = [], []
    graph = dask_graph([corpus], client, tmp_path / "out", partition_size=3, skip_errors=True, errors=ours)
    assert graph == dumps(build_graph(read_sources([str(corpus)], skip_errors=True, errors=theirs)))
    assert ours == theirs and len(ours) == 2 and "duplicate document id" in ours[1]


def test_engine_dask_without_the_extra_says_what_to_install(tmp_path):
    corpus = write_jsonl(tmp_path / "a.jsonl", records(1))
    code = ("import sys; sys.modules['distributed'] = None; from kg.cli import main; "
            "sys.argv = ['kg', 'build', sys.argv[1], '--out', sys.argv[2], '--engine', 'dask']; main()")
    proc = subprocess.run([sys.executable, "-c", code, str(corpus), str(tmp_path / "out")],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 1
    assert proc.stderr.strip() == ("Error: the Dask engine needs dask.distributed and pyarrow: "
                                   "pip install 'kg-newsgraph[dask]' (or build without --engine dask)")
    assert not (tmp_path / "out" / "graph.json").exists()


def test_scheduler_that_does_not_answer_is_one_line(tmp_path, monkeypatch):
    import socket

    monkeypatch.setattr(dask_engine, "SCHEDULER_TIMEOUT", "2s")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    corpus = write_jsonl(tmp_path / "a.jsonl", records(1))
    result = CliRunner().invoke(main, ["build", str(corpus), "--out", str(tmp_path / "o"), "--engine", "dask",
                                       "--scheduler", f"tcp://127.0.0.1:{port}", "-q"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: cannot reach the Dask scheduler at tcp://127.0.0.1:{port}")
    assert len(result.stderr.strip().splitlines()) == 1


def _fail_on(doc_id):
    """Run on the workers: extracting `doc_id` raises (None restores the extractor)."""
    from kg.extractor import Extractor

    real = getattr(Extractor, "_kg_real_extract", Extractor.extract)
    Extractor._kg_real_extract = real

    def extract(self, doc, text):
        if text.document.id == doc_id:
            raise ValueError("boom")
        return real(self, doc, text)

    Extractor.extract = real if doc_id is None else extract


def test_a_document_failing_on_a_worker_is_reported_and_its_partition_is_tried_again(tmp_path, client):
    recs = records(6, start=400)
    corpus = write_jsonl(tmp_path / "c.jsonl", recs)
    client.run(_fail_on, recs[4]["id"])
    try:
        report = dask_build([corpus], client, tmp_path / "out", partition_size=3)
    finally:
        client.run(_fail_on, None)
    assert [(f.document.id, f.failure.error) for f in report.failures] == [(recs[4]["id"], "ValueError: boom")]
    assert recs[4]["id"] not in {d.id for d in report.graph.documents}
    assert counts(dask_build([corpus], client, tmp_path / "out", partition_size=3)) == (1, 1, 0)


def test_cli_uses_the_running_cluster_scheduler_names(tmp_path, client):
    corpus = write_jsonl(tmp_path / "c.jsonl", records(6, start=500))
    result = CliRunner().invoke(main, ["build", str(corpus), "--out", str(tmp_path / "out"), "--engine", "dask",
                                       "--scheduler", client.scheduler.address, "--partition-size", "3"])
    assert result.exit_code == 0, result.output
    assert "Dask dashboard" not in result.stderr and "0 unchanged partitions reused, 2 parsed" in result.stderr
    written = json.loads((tmp_path / "out" / "graph.json").read_text())
    written.pop("build", None)  # the CLI's build stamp; the library's dumps has none
    assert written == json.loads(local_graph([corpus]))


def test_the_api_build_runs_on_the_dask_engine_with_progress_skipped_inputs_and_given_texts(tmp_path, client):
    import kg

    recs = records(5, start=600)
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join([json.dumps(r) for r in recs[:3]] + ["[1]"] + [json.dumps(recs[3])]) + "\n",
                      encoding="utf-8")
    engine = dask_engine.DaskEngine(client=client, partition_size=2)
    seen = []
    report = kg.build([corpus], engine=engine, skip_errors=True, progress=lambda x: seen.append(x.document.id))
    local = kg.build([corpus], skip_errors=True)
    assert dumps(report.graph) == dumps(local.graph) and report.skipped == local.skipped
    assert report.skipped == [f"{corpus}:4: not a JSON object (a list)"]
    assert seen == [r["id"] for r in recs[:4]] and report.cache is None  # no findings folder given: none kept
    texts = [r["text"] for r in recs]  # not paths: read here, sent to the workers as records
    assert dumps(kg.extract(texts, engine=engine)) == dumps(kg.extract(texts))
