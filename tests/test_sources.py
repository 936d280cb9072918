"""kg.sources and kg.inputs: every input shape, its ids, metadata and offsets, and bad input."""
import gzip
import io
import json
import sys

import pytest

from kg.errors import InputError
from kg import inputs, sources
from kg.inputs import count_documents, expand_paths
from kg.sources import Fields, read_sources


def ids(paths, **kw):
    return [s.document.id for s in read_sources([str(p) for p in paths], **kw)]


def test_the_input_helpers_moved_to_kg_inputs_are_still_importable_from_kg_sources():
    moved = ("FORMATS", "SUFFIXES", "READ_ERRORS", "Input", "format_of", "expand_paths", "refuse_overwriting_inputs",
             "open_binary", "count_documents")
    assert [name for name in moved if getattr(sources, name, None) is not getattr(inputs, name)] == []

def test_folder_is_searched_recursively_for_text_and_gzipped_text(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("One.")
    (tmp_path / "two.txt.gz").write_bytes(gzip.compress("Two.".encode()))
    (tmp_path / "notes.csv").write_text("text\nnot an article\n")
    got = {s.document.id: s.raw for s in read_sources([str(tmp_path)])}
    assert got == {"one.txt": "One.", "two.txt": "Two."}


def test_colliding_base_names_get_relative_paths(tmp_path):
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "same.txt").write_text(sub)
    assert ids([tmp_path]) == ["x/same.txt", "y/same.txt"]


def test_jsonl_records_carry_id_metadata_and_exact_text(tmp_path):
    text = "  Kerry met Lavrov in Geneva.\r\nTalks went on.  "
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": 17, "text": text, "title": "Talks", "date": "1987-02-26 10:00",
                                "url": "http://x/1"}) + "\n\n" + json.dumps({"text": "No id."}) + "\n")
    first, second = read_sources([str(path)])
    assert first.raw == text and first.document.id == "17" and first.document.source == str(path)
    assert (first.document.title, first.document.date, first.document.url) == ("Talks", "1987-02-26", "http://x/1")
    assert first.document.content_hash == first.hash_of(text)
    assert second.document.id == "c.jsonl:3"


def test_gzipped_jsonl_gives_the_same_documents(tmp_path):
    lines = "".join(json.dumps({"id": f"d{i}", "text": f"Text {i}."}) + "\n" for i in range(3))
    (tmp_path / "c.jsonl").write_text(lines)
    (tmp_path / "z.jsonl.gz").write_bytes(gzip.compress(lines.encode()))
    plain = list(read_sources([str(tmp_path / "c.jsonl")]))
    zipped = list(read_sources([str(tmp_path / "z.jsonl.gz")]))
    assert [(s.document.id, s.raw) for s in plain] == [(s.document.id, s.raw) for s in zipped]


def test_custom_field_names(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"key": "k1", "body": "Hello.", "headline": "H", "published": "2016-09-20"}) + "\n")
    fields = Fields(text="body", id="key", title="headline", date="published")
    (source,) = read_sources([str(path)], fields=fields)
    assert (source.document.id, source.raw, source.document.title, source.document.date) == \
        ("k1", "Hello.", "H", "2016-09-20")


def test_csv_keeps_quoted_newlines_and_reports_rows_by_line(tmp_path):
    path = tmp_path / "c.csv"
    path.write_bytes(b'id,title,text\n'
                     b'a,T,"Line one,\r\nline two."\n'
                     b'b,U\n'
                     b',V,Third.\n')
    errors = []
    got = list(read_sources([str(path)], skip_errors=True, errors=errors))
    assert [(s.document.id, s.raw) for s in got] == [("a", "Line one,\r\nline two."), ("c.csv:5", "Third.")]
    assert errors == [f"{path}:4: 2 fields where the header has 3"]


def test_csv_gz_and_text_field_missing_from_header(tmp_path):
    (tmp_path / "c.csv.gz").write_bytes(gzip.compress(b"id,body\n1,Hi.\n"))
    assert [s.raw for s in read_sources([str(tmp_path / "c.csv.gz")], fields=Fields(text="body"))] == ["Hi."]
    with pytest.raises(InputError, match=r"c.csv.gz: CSV header has no text column 'text'; name the column"):
        list(read_sources([str(tmp_path / "c.csv.gz")]))


def test_malformed_jsonl_line_is_an_error_with_its_line_number(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "a", "text": "A."}\n{"id": "b", "text": \n[1, 2]\n{"id": "d", "body": "D."}\n')
    with pytest.raises(InputError, match=r"c.jsonl:2: not a JSON object"):
        list(read_sources([str(path)]))
    errors = []
    assert ids([path], skip_errors=True, errors=errors) == ["a"]
    assert [e.split(": ", 1)[0] for e in errors] == [f"{path}:{n}" for n in (2, 3, 4)]
    assert "no text field 'text'" in errors[2]


def test_bad_utf8_and_bad_gzip(tmp_path):
    (tmp_path / "bad.jsonl").write_bytes(b'{"text": "caf\xe9"}\n{"text": "ok"}\n')
    errors = []
    assert [s.raw for s in read_sources([str(tmp_path / "bad.jsonl")], skip_errors=True, errors=errors)] == ["ok"]
    assert errors[0].startswith(f"{tmp_path / 'bad.jsonl'}:1: not a JSON object")
    (tmp_path / "broken.jsonl.gz").write_bytes(gzip.compress(b'{"text": "x"}\n' * 50)[:30])
    with pytest.raises(InputError, match="broken.jsonl.gz: not readable gzip"):
        list(read_sources([str(tmp_path / "broken.jsonl.gz")]))


def test_duplicate_ids_are_refused(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "a", "text": "A."}\n{"id": "a", "text": "B."}\n')
    with pytest.raises(InputError, match="a: duplicate document id"):
        list(read_sources([str(path)]))


@pytest.mark.parametrize("zipped", [False, True])
def test_stdin_as_jsonl(monkeypatch, zipped):
    data = b'{"id": "s1", "text": "From stdin."}\n'
    stream = io.BufferedReader(io.BytesIO(gzip.compress(data) if zipped else data))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stream))
    (source,) = read_sources(["-"], input_format="jsonl")
    assert (source.document.id, source.raw, source.document.source) == ("s1", "From stdin.", "-")


def test_input_format_overrides_the_name(tmp_path):
    path = tmp_path / "records.data"
    path.write_text('{"text": "A."}\n')
    assert expand_paths([str(path)])[0].format == "txt"
    assert [s.raw for s in read_sources([str(path)], input_format="jsonl")] == ["A."]


def test_count_documents(tmp_path):
    (tmp_path / "c.jsonl").write_text('{"text": "A."}\n\n{"text": "B."}\n')
    (tmp_path / "c.csv").write_text('id,text\n1,"multi\nline"\n2,x\n')
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("A.")
    paths = [str(tmp_path / n) for n in ("c.jsonl", "c.csv", "d")]
    assert count_documents(paths) == 5
    assert count_documents(paths + ["-"]) is None
