"""Long texts as pieces, and pieces in batches: how the extract stage keeps parsing memory flat.

A text longer than `max_chars` (spaCy refuses more than `nlp.max_length`, and
parsing memory grows with length) is split at paragraph breaks (`split_spans`);
each piece is parsed and extracted on its own, as a `PreparedText` whose offsets
map into the whole raw text (`piece_of`), and the pieces' findings are joined
again (`prefixed`, `combine`). `batches` bounds what one `nlp.pipe` call holds.
"""
from __future__ import annotations

import bisect
from dataclasses import replace
from typing import Iterable, Iterator

from .model import Extraction, PreparedText

PIECE_CHARS = 100_000
BATCH_CHARS = 200_000  # 64 ordinary articles fit; 2 pieces of a huge one do


def split_spans(text: str, *, max_chars: int) -> list[tuple[int, int]]:
    """(start, end) pieces of `text`, none longer than `max_chars`, cut after a paragraph break if there is one.

    >>> split_spans("one two.\\n\\nthree.\\nfour", max_chars=10)
    [(0, 10), (10, 17), (17, 21)]
    >>> split_spans("short", max_chars=12)
    [(0, 5)]
    """
    spans, start = [], 0
    while len(text) - start > max_chars:
        end = _cut(text, start, start + max_chars)
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    return spans


def _cut(text: str, start: int, limit: int) -> int:
    # Paragraphs first, then lines, sentences, words: the weaker the break, the likelier a parse error at it.
    for sep in ("\n\n", "\n", ". ", " "):
        at = text.rfind(sep, start, limit - len(sep) + 1)
        if at > start:
            return at + len(sep)
    return limit


def batches(items: Iterable[tuple[str, object]], *, max_items: int, max_chars: int) -> Iterator[list]:
    """(text, context) pairs in lists of at most `max_items` and, unless one text alone is longer, `max_chars`.

    >>> [len(b) for b in batches([("ab", 0), ("cd", 1), ("efgh", 2), ("i", 3)], max_items=3, max_chars=4)]
    [2, 1, 1]
    """
    batch: list = []
    size = 0
    for item in items:
        if batch and (len(batch) >= max_items or size + len(item[0]) > max_chars):
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += len(item[0])
    if batch:
        yield batch


def piece_of(text: PreparedText, start: int, end: int) -> PreparedText:
    """`content[start:end]` as a text of its own whose offsets still map into the whole raw text.

    >>> whole = PreparedText(None, "Rain  fell.  Sun.", "Rain fell. Sun.", ((0, 0), (5, 1), (11, 2)))
    >>> piece = piece_of(whole, 11, 15)
    >>> piece.content, piece.raw_span(0, 4), whole.raw[slice(*piece.raw_span(0, 4))]
    ('Sun.', (13, 17), 'Sun.')
    """
    index = max(bisect.bisect_right(text.shifts, (start, float("inf"))) - 1, 0)
    stop = bisect.bisect_left(text.shifts, (end, -float("inf")))  # only the piece's shifts: linear in pieces
    shifts = [(0, start + text.shifts[index][1])] + [(k - start, start + d) for k, d in text.shifts[index:stop]
                                                     if start < k < end]
    return PreparedText(text.document, text.raw, text.content[start:end], tuple(shifts))


def prefixed(extraction: Extraction, *, prefix: str) -> Extraction:
    """A piece's findings with ids made unique among the pieces of its text.

    >>> from kg.model import Document, Entity, Relation
    >>> e = Extraction(Document("d", "d"), (Entity("m0", "A", "State"), Entity("m1", "B", "State")),
    ...                (Relation("m0", "MEETS_WITH", "m1"),))
    >>> [x.id for x in prefixed(e, prefix="p1.").entities], prefixed(e, prefix="p1.").relations[0].key
    (['p1.m0', 'p1.m1'], ('p1.m0', 'MEETS_WITH', 'p1.m1'))
    """
    ids = {e.id: prefix + e.id for e in extraction.entities}  # a relation's ends share its entities' id strings
    return replace(extraction, entities=tuple(replace(e, id=ids[e.id]) for e in extraction.entities),
                   relations=tuple(replace(r, source=ids.get(r.source) or prefix + r.source,
                                           target=ids.get(r.target) or prefix + r.target)
                                   for r in extraction.relations))


def combine(parts: list[Extraction]) -> Extraction:
    """One document's findings from those of its pieces, in text order."""
    warnings = dict.fromkeys(w for p in parts for w in p.warnings)
    return Extraction(parts[0].document, tuple(e for p in parts for e in p.entities),
                      tuple(r for p in parts for r in p.relations), tuple(warnings))
