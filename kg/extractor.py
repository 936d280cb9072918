"""The extract stage: a parsed document -> its entity mentions and relations (`Extraction`).

Entity ids here are local to the document ("m3" for a mention, "e1" for an
event); `kg.resolve` turns them into one node per real-world thing.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .entities import Found, MentionFinder
from .gazetteer import cities, gazetteer, titles
from .lexicon import Lexicon, load_lexicon
from .model import Document, Entity, Evidence, Extraction, Mention, PreparedText, Relation
from .relations import Finding, RelationFinder


class Extractor:
    """Finds mentions and relations in documents parsed by `nlp`."""

    def __init__(self, nlp, *, lexicon: Lexicon | None = None) -> None:
        self.mentions = MentionFinder(nlp, gazetteer(), titles())
        cities()  # load GeoNames once, with the model, not while the first document waits
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
        last = doc[(found.name_end or found.end) - 1]  # "Israeli troops": the mention is the name, "Israeli"
        start, end = text.raw_span(doc[found.start].idx, last.idx + len(last))
        mention = Mention(text.document.id, start, end, text.raw[start:end])
        aliases = [mention.text]
        if found.titled_start is not None:  # "Col. John Thomas", "Mr. Kerry": the name as written with its title
            aliases.append(doc[found.titled_start:found.end].text)
        if found.name_end is not None:  # and the phrase it names the actor by is one of its names
            aliases.append(doc[found.start:found.end].text)
        return Entity(f"m{n}", found.name, found.type, tuple(" ".join(a.split()) for a in aliases), (mention,),
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
