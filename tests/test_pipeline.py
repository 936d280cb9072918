"""kg.pipeline: ordered streaming, chunking, workers, and long texts split without losing offsets."""
from pathlib import Path

import pytest

from kg.graph import dumps
from kg.model import Document, Extraction, SourceText
from kg.nlp import load_model
from kg.extractor import DocumentExtractor, ExtractOptions
from kg.pieces import split_spans
from kg.pipeline import build_graph, ordered_extractions
from kg.sources import read_sources

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "washington-times-2016-09-20-syria-talks.txt"
FOLDER = ROOT / "samples" / "us-state-department"


def source(doc_id: str, text: str) -> SourceText:
    return SourceText(Document(doc_id, doc_id, content_hash=SourceText.hash_of(text)), text)


@pytest.mark.parametrize("text", ["", "word " * 50, "para one.\n\npara two is longer.\n" * 20, "x" * 95])
def test_split_spans_cover_the_text_in_order_within_the_limit(text):
    spans = split_spans(text, max_chars=20)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert all(0 < end - start <= 20 for start, end in spans if text)


def test_split_prefers_paragraph_breaks():
    text = "First paragraph here.\n\nSecond one.\nStill second.\n\nThird."
    assert [text[s:e] for s, e in split_spans(text, max_chars=30)] == \
        ["First paragraph here.\n\n", "Second one.\nStill second.\n\n", "Third."]


def _check_offsets(extraction: Extraction, raw: str) -> None:
    for entity in extraction.entities:
        for m in entity.mentions:
            assert raw[m.start:m.end] == m.text
    for relation in extraction.relations:
        for e in relation.evidence:
            assert " ".join(raw[e.start:e.end].split()) == e.sentence


def test_long_text_is_parsed_in_pieces_with_offsets_into_the_whole():
    article = SEED.read_text(encoding="utf-8")
    text = "\n\n".join([article] * 3)
    (split,) = DocumentExtractor(ExtractOptions(max_chars=1500)).extract([source("long.txt", text)])
    (whole,) = DocumentExtractor(ExtractOptions()).extract([source("one.txt", article)])
    _check_offsets(split, text)
    lavrov = [m.start for e in split.entities for m in e.mentions if m.text == "Sergei Lavrov"]
    first = [m.start for e in whole.entities for m in e.mentions if m.text == "Sergei Lavrov"]
    assert lavrov == [first[0] + k * (len(article) + 2) for k in range(3)]
    assert {r.type for r in split.relations} >= {"NEGOTIATES_WITH", "HOLDS_ROLE"}


def test_findings_of_a_long_text_share_their_strings_and_evidence():
    # issue 8: what a huge text's findings hold grows with them, not with copies of the same text
    article = SEED.read_text(encoding="utf-8")
    (split,) = DocumentExtractor(ExtractOptions(max_chars=1500)).extract([source("long.txt", article)])
    ids = {e.id: e.id for e in split.entities}
    assert all(ids[r.source] is r.source and ids[r.target] is r.target for r in split.relations)
    by_span: dict = {}
    for evidence in (e for r in split.relations for e in r.evidence):
        assert by_span.setdefault((evidence.start, evidence.end), evidence) is evidence
    assert len(by_span) < sum(len(r.evidence) for r in split.relations)  # some sentences hold several findings
    texts: dict = {}
    for mention in (m for e in split.entities for m in e.mentions):
        assert texts.setdefault(mention.text, mention.text) is mention.text
    assert len(texts) < sum(len(e.mentions) for e in split.entities)
    shared: dict = {}  # within a piece ("p3.m7"), equal alias lists, roles and properties are one object
    for entity, field in ((e, f) for e in split.entities for f in ("aliases", "roles", "properties")):
        value = getattr(entity, field)
        assert shared.setdefault((entity.id.split(".")[0], field, repr(value)), value) is value
    assert len(shared) < 3 * len(split.entities) / 2


def test_text_longer_than_spacy_max_length_is_split_not_refused(monkeypatch):
    monkeypatch.setattr(load_model(None), "max_length", 2000)
    text = SEED.read_text(encoding="utf-8") * 2
    (extraction,) = DocumentExtractor(ExtractOptions()).extract([source("huge.txt", text)])
    _check_offsets(extraction, text)
    assert extraction.entities


class FakeCache:
    def __init__(self, cached: set[str]):
        self.cached, self.stored = cached, []

    def lookup(self, src):
        return Extraction(src.document, warnings=("cached",)) if src.document.id in self.cached else None

    def store_all(self, pairs):
        self.stored += [s.document.id for s, _ in pairs]


def test_ordered_extractions_interleave_cache_and_chunks_in_input_order():
    submitted, read = [], []

    def submit(chunk):
        submitted.append([s.document.id for s in chunk])
        return lambda: [Extraction(s.document) for s in chunk]

    def sources():
        for i in range(20):
            read.append(i)
            yield source(f"d{i}", "x")

    cache = FakeCache({"d1", "d2", "d7", "d19"})
    out = []
    for src, extraction in ordered_extractions(sources(), submit=submit, cache=cache, chunk_size=3, window=1):
        out.append((src.document.id, extraction.document.id, extraction.warnings))
        assert len(read) - len(out) <= 3 * 3 + 1  # reading stays a bounded distance ahead
    assert [o[0] for o in out] == [f"d{i}" for i in range(20)] and all(a == b for a, b, _ in out)
    assert [o[0] for o in out if o[2]] == ["d1", "d2", "d7", "d19"]
    assert sum(submitted, []) == [f"d{i}" for i in range(20) if f"d{i}" not in cache.cached] == cache.stored
    assert max(map(len, submitted)) == 3


def test_one_and_two_workers_and_any_batch_size_give_the_same_graph():
    paths = [str(FOLDER)]
    one = dumps(build_graph(read_sources(paths), workers=1, batch_size=64))
    two = dumps(build_graph(read_sources(paths), workers=2, batch_size=3))
    assert one == two
    assert '"documents"' in one and len(list(read_sources(paths))) > 10
