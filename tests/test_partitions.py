"""Partitions of the Dask engine (`kg.partitions`): CSV and JSON Lines cut into byte ranges that read back as
exactly the records (ids, texts, errors, line numbers) the whole file gives."""
import csv
import io

from hypothesis import given, settings, strategies as st

from kg.partitions import split
from kg.inputs import expand_paths
from kg.sources import Fields, read_input

SALT = "test-salt"


def whole(path, fields=Fields()) -> list:
    """What the local engine's reader gives for the file: documents as (id, title, text), errors as messages."""
    return [_entry(i) for inp in expand_paths([str(path)]) for i in read_input(inp, fields)]


def by_partitions(path, size, fields=Fields()) -> tuple[list, list]:
    parts = list(split([str(path)], fields=fields, salt=SALT, size=size))
    return parts, [_entry(i) for part in parts for i in part.read(fields)]


def _entry(item):
    if isinstance(item, str) or isinstance(item, Exception):
        return str(item)
    return item.document.id, item.document.title, item.raw


AWKWARD = (b"\xef\xbb\xbfid,title,text\r\n"                    # a BOM, CRLF line ends
           b'1,A,"Kerry met\r\nLavrov, ""twice"""\r\n'          # a quoted CRLF, quotes doubled
           b"\r\n"                                              # a blank line: no record
           b"2,B,plain text\r\n"
           b'3,C,"multi\nline\r\n\r\nwith a blank line"\r\n'    # LF and CRLF and an empty line inside quotes
           b'4,D,"ends in a quote"""\n'
           b'5,E,"a line ending\rin a lone CR"\r'               # a lone CR, inside quotes and ending a record
           b"6,F,last row without a line end")


def test_csv_with_quoted_line_breaks_bom_and_crlf_is_cut_into_byte_ranges_that_read_as_the_whole(tmp_path):
    path = tmp_path / "awkward.csv"
    path.write_bytes(AWKWARD)
    expected = whole(path)
    assert [e[0] for e in expected] == ["1", "2", "3", "4", "5", "6"]  # the BOM is not part of the id column's name
    assert expected[0][2] == 'Kerry met\r\nLavrov, "twice"' and expected[4][2] == "a line ending\rin a lone CR"
    for size in range(1, 8):
        parts, got = by_partitions(path, size)
        assert got == expected, size
        assert all(p.span is not None and not p.records for p in parts)  # read by the workers, not sent
        assert sum(p.count for p in parts) == 6 and len(parts) == -(-6 // size)
        starts = [p.span[0] for p in parts]
        assert starts == sorted(starts) and parts[-1].span[1] == len(AWKWARD)


def test_bad_rows_keep_their_line_numbers_in_every_partition(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text('id,text\n1,"one\ntwo"\n2\n3,three,extra\n4,"four"\n', encoding="utf-8", newline="")
    expected = whole(path)
    assert expected[1:3] == [f"{path}:4: 1 fields where the header has 2", f"{path}:5: 3 fields where the header has 2"]
    for size in (1, 2, 3):
        assert by_partitions(path, size)[1] == expected


def test_csv_that_cannot_be_cut_safely_is_read_here_as_records(tmp_path):
    malformed = tmp_path / "malformed.csv"  # strict csv refuses a quote followed by more text
    malformed.write_text('id,text\n1,"fine"\n2,"bad"x\n3,"also fine"\n', encoding="utf-8", newline="")
    no_text = tmp_path / "no-text.csv"
    no_text.write_text("id,body\n1,hello\n", encoding="utf-8")
    not_utf8 = tmp_path / "latin1.csv"
    not_utf8.write_bytes("id,text\n1,caf\xe9\n".encode("latin-1"))
    for path in (malformed, no_text, not_utf8):
        parts, got = by_partitions(path, 1)
        assert got == whole(path) and got
        assert all(p.span is None and p.records for p in parts), path


def test_a_changed_record_changes_only_its_partitions_key_and_a_changed_header_all(tmp_path):
    path = tmp_path / "c.csv"
    rows = [["id", "text"]] + [[str(i), f"text {i}\nsecond line"] for i in range(6)]
    keys = _keys(path, rows)
    rows[3][1] = "changed\nalso two lines"  # the same lines: default ids (FILE:LINE) of later rows hold
    changed = _keys(path, rows)
    assert [a == b for a, b in zip(keys, changed)] == [True, False, True]
    rows[0] = ["id", "text", "title"]
    rows[1:] = [r + ["t"] for r in rows[1:]]
    assert not set(_keys(path, rows)) & set(changed)


def _keys(path, rows) -> list[str]:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return [p.key for p in split([str(path)], fields=Fields(), salt=SALT, size=2)]


FIELD = st.text(alphabet=st.sampled_from(list('ab ",\r\n\'é\u2028')), max_size=12)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.tuples(FIELD, FIELD), max_size=8), size=st.integers(1, 4),
       line_end=st.sampled_from(["\n", "\r\n", "\r"]), bom=st.booleans())
def test_any_csv_reads_the_same_cut_into_partitions(tmp_path_factory, rows, size, line_end, bom):
    path = tmp_path_factory.mktemp("csv") / "any.csv"
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator=line_end)
    writer.writerow(["title", "text"])
    writer.writerows(rows)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8"))
    assert by_partitions(path, size)[1] == whole(path)


def test_jsonl_byte_ranges_read_as_the_whole(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "a", "text": "x"}\n\n{oops\n{"id": "b", "text": "y\\nz"}\n{"text": "w"}', encoding="utf-8")
    for size in (1, 2, 5):
        parts, got = by_partitions(path, size)
        assert got == whole(path) and all(p.span is not None for p in parts)
