"""The extract stage: a parsed document -> its entity mentions and relations (`Extraction`).

Entity ids here are local to the document ("m3" for a mention, "e1" for an
event); `kg.resolve` turns them into one node per real-world thing.
"""
from __future__ import annotations

from spacy.tokens import Doc

from .entities import Found, MentionFinder
from .gazetteer import gazetteer, titles
from .lexicon import Lexicon, load_lexicon
from .model import Entity, Evidence, Extraction, Mention, PreparedText, Relation
from .relations import Finding, RelationFinder


class Extractor:
    """Finds mentions and relations in documents parsed by `nlp`."""

    def __init__(self, nlp, *, lexicon: Lexicon | None = None) -> None:
        self.mentions = MentionFinder(nlp, gazetteer(), titles())
        self.relations = RelationFinder(lexicon or load_lexicon(), titles())

    def extract(self, doc: Doc, text: PreparedText) -> Extraction:
        found = self.mentions.find(doc)
        findings, events = self.relations.find(doc, found)
        entities = [self._entity(n, f, doc, text) for n, f in enumerate(found)]
        entities += [self._event(eid, name, text.raw_span(start, end), text) for eid, (name, start, end) in events.items()]
        relations = [self._relation(f, text) for f in findings]
        warnings = () if found else (f"{text.document.id}: no entities found",)
        return Extraction(text.document, tuple(entities), tuple(relations), warnings)

    @staticmethod
    def _entity(n: int, found: Found, doc: Doc, text: PreparedText) -> Entity:
        start, end = text.raw_span(doc[found.start].idx, doc[found.end - 1].idx + len(doc[found.end - 1]))
        mention = Mention(text.document.id, start, end, text.raw[start:end])
        return Entity(f"m{n}", found.name, found.type, (" ".join(mention.text.split()),), (mention,),
                      (found.role,) if found.role else ())

    @staticmethod
    def _event(eid: str, name: str, span: tuple[int, int], text: PreparedText) -> Entity:
        return Entity(eid, name, "Event", (), (Mention(text.document.id, *span, text.raw[span[0]:span[1]]),))

    @staticmethod
    def _relation(finding: Finding, text: PreparedText) -> Relation:
        start, end = finding.sentence
        sentence = text.content[start:end]
        start += len(sentence) - len(sentence.lstrip())
        end = start + len(sentence.strip())
        evidence = Evidence(text.document.id, *text.raw_span(start, end), " ".join(sentence.split()),
                            text.document.date)
        return Relation(finding.source, finding.type, finding.target, (evidence,), finding.confidence,
                        dict(finding.properties))
