"""Property tests: whatever text, record or graph JSON a user feeds `kg`, it never prints a traceback;
it exits 0 with whole outputs, or 1 with a one-line error and no output at all.

Examples are generated from a fixed seed (derandomize, no example database), so CI runs the same
ones every time; max_examples stays small to keep the suite fast.
"""
import json
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.cli import main

PROPERTY = settings(max_examples=20, derandomize=True, database=None, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Any code point, surrogates and control characters included: they come in through JSON escapes.
ANY_CHAR = st.characters(min_codepoint=0, max_codepoint=0x10FFFF)
WORDS = st.sampled_from(["Moscow", "denied", "Kerry", "met", "Lavrov", "in", "Geneva", ".", ",", "the", "U.N.",
                         "talks", "with", "Syria", "\n\n", "'s", "Al-Nusra", "St. George's", "NATO", "said"])
TEXTS = st.one_of(
    st.text(ANY_CHAR, max_size=200),
    st.lists(WORDS, max_size=60).map(" ".join),
    st.tuples(st.text(ANY_CHAR, max_size=5), st.integers(1, 30_000)).map(lambda t: t[0] * t[1]),  # huge tokens
)
JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(ANY_CHAR, max_size=20),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                          max_size=4),
                           max_leaves=12)


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=True)


def check(result, outputs: list[Path], read_whole) -> None:
    """Exit 0 and every output whole, or exit 1, one line on stderr, and no output (not even a temporary)."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stderr
    if result.exit_code == 0:
        for path in outputs:
            read_whole(path)
        return
    assert result.exit_code == 1, (result.exit_code, result.stderr)
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("Error: "), result.stderr
    for path in outputs:
        assert not path.exists() and not list(path.parent.glob(f".{path.name}.*")), path


def read_graph_json(path: Path) -> None:
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == "kg-graph/1"


def encode(text: str) -> bytes:
    """The text as a file might hold it: invalid UTF-8 where it has lone surrogates."""
    return text.encode("utf-8", "surrogatepass")


@PROPERTY
@given(text=TEXTS)
def test_any_text_file(text):
    with tempfile.TemporaryDirectory() as tmp:
        article, graph = Path(tmp) / "a.txt", Path(tmp) / "g.json"
        article.write_bytes(encode(text))
        check(run("extract", article, "-o", graph, "-q"), [graph], read_graph_json)


@PROPERTY
@given(records=st.lists(st.one_of(st.fixed_dictionaries({"id": st.text(ANY_CHAR, max_size=8) | st.integers(),
                                                          "text": TEXTS},
                                                         optional={"title": JSON_VALUES, "date": JSON_VALUES}),
                                  JSON_VALUES), min_size=1, max_size=4),
       nesting=st.integers(0, 3000))
def test_any_json_lines_records(records, nesting):
    lines = [json.dumps(r) for r in records]
    if nesting:
        lines.append("[" * nesting + "]" * nesting)  # deep nesting
    with tempfile.TemporaryDirectory() as tmp:
        records_file, graph = Path(tmp) / "r.jsonl", Path(tmp) / "g.json"
        records_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
        check(run("extract", records_file, "-o", graph, "-q", "--skip-errors"), [graph], read_graph_json)
        strict = Path(tmp) / "strict.json"
        check(run("extract", records_file, "-o", strict, "-q"), [strict], read_graph_json)


VALID = {"format": "kg-graph/1", "documents": [{"id": "a.txt", "source": "a.txt"}],
         "entities": [{"id": "state:russia", "name": "Russia", "type": "State", "aliases": ["Moscow"],
                       "mentions": [{"doc": "a.txt", "start": 0, "end": 6, "text": "Moscow"}]},
                      {"id": "event:e0", "name": "report", "type": "Event", "aliases": [], "mentions": []}],
         "relations": [{"id": "r", "source": "state:russia", "type": "DENIES", "target": "event:e0",
                        "properties": {}, "confidence": 0.9,
                        "evidence": [{"doc": "a.txt", "start": 0, "end": 20, "sentence": "Moscow denied it."}]}]}


def paths(value, prefix=()):
    """Every place in a JSON value that could be replaced."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths(item, prefix + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from paths(item, prefix + (i,))


ALL_PATHS = list(paths(VALID))[1:]


def replaced(data, path, value):
    data = json.loads(json.dumps(data))
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return data


@PROPERTY
@given(path=st.sampled_from(ALL_PATHS), value=JSON_VALUES, raw=st.booleans(), junk=st.text(ANY_CHAR, max_size=40))
def test_any_graph_json(path, value, raw, junk):
    with tempfile.TemporaryDirectory() as tmp:
        graph, out = Path(tmp) / "g.json", Path(tmp) / "out"
        text = junk if raw else json.dumps(replaced(VALID, path, value))
        graph.write_bytes(encode(text))
        check(run("load", graph, "--backend", "networkx", "--out", out), [out / "graph.json", out / "graph.graphml"],
              lambda p: p.read_text(encoding="utf-8") and (read_graph_json(p) if p.suffix == ".json" else None))
        check(run("view", graph, "-o", Path(tmp) / "v.html"), [Path(tmp) / "v.html"],
              lambda p: p.read_text(encoding="utf-8").rstrip().endswith("</html>"))
