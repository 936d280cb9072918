"""The extract stage: documents -> their entity mentions and relations (`Extraction`).

`Extractor` reads one parsed document; `DocumentExtractor` is the stage as one
process runs it (the model, the lexicon and an `Extractor`, with `ExtractOptions`
saying which): `SourceText`s in, `Extraction`s out, in order, long texts parsed
in pieces (`kg.pieces`), and a document that raises reported as its `failure`.
Entity ids here are local to the document (`str` of a `kg.model.LocalRef`: "m3" for
a mention, "e1" for an event); `kg.resolve` turns them into one node per real-world thing.
"""
from __future__ import annotations

import traceback
from sys import intern
from dataclasses import dataclass
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .entities import MentionFinder
from .mentions import Found
from .gazetteer import cities, gazetteer, titles
from .lexicon import Lexicon, load_lexicon
from .model import (Document, Entity, EntityType, Evidence, Extraction, Failure, LocalRef, Mention, PreparedText,
                    Relation, SourceText)
from .nlp import load_model
from .pieces import BATCH_CHARS, PIECE_CHARS, batches, combine, piece_of, prefixed, split_spans
from .progress import progress_bar
from .relations import Finding, RelationFinder
from .text import Truecaser, prepare


class Extractor:
    """Finds mentions and relations in documents parsed by `nlp`."""

    def __init__(self, nlp, *, lexicon: Lexicon | None = None) -> None:
        self.mentions = MentionFinder(nlp, gazetteer(), titles())
        cities()  # load GeoNames once, with the model, not while the first document waits
        self.relations = RelationFinder(lexicon or load_lexicon(), titles())

    def extract(self, doc: Doc, text: PreparedText) -> Extraction:
        found = self.mentions.find(doc)
        findings, events = self.relations.find(doc, found)
        starts = {i: f.start for f in found for i in range(f.start, f.end)}
        shared = _Shared()
        actors = {end for f in findings for end in (f.source, f.target)}
        # a group is kept as an actor only; else it is the mention it was made of ("Nigerian"), if any
        kept = [(n, f if not f.group or LocalRef.mention(n) in actors else f.instead) for n, f in enumerate(found)]
        entities = [self._entity(n, f, doc, text, shared, starts.get(f.role_holder)) for n, f in kept if f is not None]
        entities += [self._event(eid, name, text.raw_span(start, end), text, shared)
                     for eid, (name, start, end) in events.items()]
        relations = [self._relation(f, text, shared) for f in findings]
        warnings = () if found else (f"{text.document.id}: no entities found",)
        return Extraction(text.document, tuple(entities), tuple(relations), warnings)

    @staticmethod
    def _entity(n: int, found: Found, doc: Doc, text: PreparedText, shared: "_Shared",
                holder_start: int | None = None) -> Entity:
        last = doc[(found.name_end or found.end) - 1]  # "Israeli troops": the mention is the name, "Israeli"
        first = doc[found.start if found.name_start is None else found.name_start]  # "rebels in Chad": "Chad"
        start, end = text.raw_span(first.idx, last.idx + len(last))
        mention = Mention(text.document.id, start, end, intern(text.raw[start:end]))
        aliases = [mention.text]
        if found.titled_start is not None:  # "Col. John Thomas", "Mr. Kerry": the name as written with its title
            aliases.append(doc[found.titled_start:found.end].text)
        if holder_start is not None and holder_start < found.start:
            # "Palestinian leader Yasser Arafat", "Jordan's King Abdullah II": the person as the text styles them
            aliases.append(doc[holder_start:found.end].text)
        if found.name_end is not None or found.name_start is not None:  # and the phrase naming the actor
            aliases.append(doc[found.start:found.end].text)
        return Entity(str(LocalRef.mention(n)), intern(found.name), found.type,
                      shared.one_tuple(tuple(intern(" ".join(a.split())) for a in aliases)), (mention,),
                      shared.one_tuple((found.role,)) if found.role else (), shared.one_map(found.known))

    @staticmethod
    def _event(eid: LocalRef, name: str, span: tuple[int, int], text: PreparedText, shared: "_Shared") -> Entity:
        mention = Mention(text.document.id, *span, intern(text.raw[span[0]:span[1]]))
        return Entity(str(eid), intern(name), EntityType.EVENT.value, (), (mention,), (), shared.one_map(None))

    @staticmethod
    def _relation(finding: Finding, text: PreparedText, shared: "_Shared") -> Relation:
        evidence = shared.sentences.get(finding.sentence)
        if evidence is None:  # the first finding in its sentence
            start, end = finding.sentence
            sentence = text.content[start:end]
            start += len(sentence) - len(sentence.lstrip())
            end = start + len(sentence.strip())
            evidence = shared.sentences[finding.sentence] = (
                Evidence(text.document.id, *text.raw_span(start, end), " ".join(sentence.split()), text.document.date),)
        return Relation(str(finding.source), finding.type, str(finding.target), evidence, finding.confidence,
                        shared.one_map(finding.properties))


class _Shared:
    """Equal values among one parsed text's findings as one object each (and names as interned strings):
    a long text repeats the same names, alias lists, properties and sentences thousands of times
    (issue 8). Safe because the records are frozen and nothing downstream mutates a finding's
    properties (`kg.model`)."""

    def __init__(self) -> None:
        self.tuples: dict[tuple, tuple] = {}
        self.maps: dict[str, dict] = {}  # by repr of their items: key order is kept (the JSON's)
        self.sentences: dict[tuple[int, int], tuple[Evidence]] = {}  # a sentence's evidence, by its span

    def one_tuple(self, items: tuple) -> tuple:
        return self.tuples.setdefault(items, items)

    def one_map(self, values: dict | None) -> dict:
        key = repr(tuple(values.items())) if values else ""
        if key not in self.maps:
            self.maps[key] = dict(values or {})
        return self.maps[key]


@Language.factory("kg_extractor", default_config={"lexicon": None})
def make_extractor_component(nlp: Language, name: str, lexicon: str | None) -> "ExtractorComponent":
    """spaCy factory: `nlp.add_pipe("kg_extractor")` puts each doc's `Extraction` in `doc._.kg_extraction`.

    >>> from kg.nlp import load_model
    >>> nlp = load_model()
    >>> _ = nlp.add_pipe("kg_extractor") if "kg_extractor" not in nlp.pipe_names else None
    >>> [(e.name, e.type) for e in nlp("Moscow denied it.")._.kg_extraction.entities]
    [('Russia', 'State')]
    >>> nlp.remove_pipe("kg_extractor")[0]
    'kg_extractor'
    """
    return ExtractorComponent(nlp, lexicon=lexicon)


class ExtractorComponent:
    """The extract stage as a spaCy pipeline component (after the parser and NER)."""

    def __init__(self, nlp: Language, *, lexicon: str | None = None) -> None:
        if not Doc.has_extension("kg_extraction"):
            Doc.set_extension("kg_extraction", default=None)
        self.extractor = Extractor(nlp, lexicon=load_lexicon(lexicon))

    def __call__(self, doc: Doc) -> Doc:
        document = Document("doc", "doc")
        doc._.kg_extraction = self.extractor.extract(doc, PreparedText(document, doc.text, doc.text))
        return doc


@dataclass(frozen=True)
class ExtractOptions:
    """What decides an extraction; the same everywhere it runs (it is sent to worker processes)."""

    model: str | None = None
    lexicon: str | None = None
    batch_size: int = 64
    max_chars: int = PIECE_CHARS
    piece_progress: bool = False  # a bar on stderr for the pieces of a text cut into several (not --quiet)


class DocumentExtractor:
    """The model and extractor of one process: `SourceText`s in, their `Extraction`s out, in order."""

    def __init__(self, options: ExtractOptions):
        self.options = options
        self.nlp = load_model(options.model)
        self.extractor = Extractor(self.nlp, lexicon=load_lexicon(options.lexicon))
        self.truecase = Truecaser(self.nlp)
        self.max_chars = max(1, min(options.max_chars, self.nlp.max_length))

    def extract(self, sources: Iterable[SourceText]) -> Iterator[Extraction]:
        """One `Extraction` per source, in order; a document that raises gets one with its `failure` instead."""
        parts: list[Extraction] = []
        failure: Failure | None = None
        for doc, (piece, first, last, error) in self._parsed(self._pieces(sources)):
            failure = failure or error
            if failure is None:
                try:
                    found = self.extractor.extract(doc, piece)
                    parts.append(found if first and last else prefixed(found, prefix=f"p{len(parts)}."))
                except Exception as exc:  # one document's bug must not take the run down (issue 13)
                    failure = failure_of(exc)
            if last:
                yield Extraction(piece.document, failure=failure) if failure else \
                    parts[0] if first else combine(parts)
                parts, failure = [], None

    def _parsed(self, pieces: Iterable[tuple[str, tuple]]) -> Iterator[tuple]:
        """nlp.pipe in batches of at most `batch_size` texts and BATCH_CHARS characters.

        spaCy batches by count only, and a batch holds the activations of all its
        texts at once: 64 pieces of a huge article would need gigabytes. A batch
        that fails is parsed again text by text, so that only the culprit fails.
        """
        for batch in batches(pieces, max_items=self.options.batch_size, max_chars=BATCH_CHARS):
            try:
                parsed = list(self.nlp.pipe(batch, as_tuples=True, batch_size=len(batch)))
            except Exception:
                parsed = [self._parse_alone(content, context) for content, context in batch]
            yield from parsed

    def _parse_alone(self, content: str, context: tuple) -> tuple:
        try:
            return self.nlp(content), context
        except Exception as exc:
            return None, (*context[:3], context[3] or failure_of(exc))

    def _pieces(self, sources: Iterable[SourceText]):
        """(content, (piece, first, last, failure)): a long text as pieces, each a `PreparedText` of its own."""
        for source in sources:
            try:
                text = prepare(source)
            except Exception as exc:
                yield "", (PreparedText(source.document, source.raw, ""), True, True, failure_of(exc))
                continue
            spans = split_spans(text.content, max_chars=self.max_chars)
            with piece_bar(text.document.id, len(spans), shown=self.options.piece_progress) as bar:
                for start, end in spans:
                    piece = text if len(spans) == 1 else piece_of(text, start, end)
                    yield self.truecase(piece.content), (piece, start == 0, end == len(text.content), None)
                    bar()


def piece_bar(doc_id: str, pieces: int, *, shown: bool):
    """Progress through the pieces of one long text (a 50 MB line is hundreds), as it is parsed."""
    return progress_bar(quiet=not shown or pieces < 2, total=pieces, unit="piece", desc=doc_id)


def failure_of(exc: BaseException) -> Failure:
    """An exception as a `Failure`: its type and first line, and the traceback as text.

    >>> failure_of(ValueError("bad\\nthing")).error
    'ValueError: bad'
    """
    message = (str(exc).strip().splitlines() or [""])[0][:300]
    return Failure(f"{type(exc).__name__}: {message}" if message else type(exc).__name__,
                   "".join(traceback.format_exception(exc)))
