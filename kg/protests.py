"""Deeds done "in protest": "recalled its ambassador in protest at the French decision", "went on strike
in protest of the government's decision", "staged rallies in defiance of the authorities".

The phrase says whom the deed protests against: the object of the preposition after it, or its
owner ("the French decision" -> France). A deed that is itself a protest (a strike, a march, a
rally) is a PROTESTS; any other (recalling an ambassador, boycotting a meeting) is said against
them, a CRITICIZES (PLOVER counts a diplomatic protest as disapproval).
"""
from __future__ import annotations

from spacy.tokens import Token

from .mediation import MediationReader
from .mood import to_infinitive

PROTEST_NOUNS = {"protest", "defiance"}
AGAINST = {"at", "against", "of", "over", "to"}
PROTEST_DEEDS = {"strike", "march", "demonstrate", "rally", "riot", "protest", "gather", "walk", "picket", "occupy",
                 "block", "blockade", "fast"}
STRIKES_OF_PROTEST = {"general", "hunger", "national", "nationwide", "token", "labour", "labor", "sit-down", "student"}
PROTEST_THINGS = {"strike", "march", "rally", "demonstration", "protest", "sit-in", "riot", "vigil", "walkout"}
# Deeds done to protest that are protests themselves: "blocked roads to protest", "staged a sit-in".
LIGHT_DEEDS = {"block", "start", "stage", "begin", "launch", "hold", "go", "take"}
BACKING = {"behind", "around", "to", "for"}  # "rallied behind the president", "rallied to his defence"
# What protesters are said to be doing as they protest: "marched, demanding the resignation of X".
DEMANDING = {"call", "demand", "urge", "press", "seek"}


class ProtestReader(MediationReader):
    def in_protest(self, noun: Token) -> tuple[list[str], str, list[str]] | None:
        """(sources, relation type, targets) of "in protest at X" (`noun` is "protest"), else None."""
        if not self.protest_phrase(noun) or noun.i + 1 >= len(self.doc):
            return None
        after = self.doc[noun.i + 1]  # the parse hangs "at X" on "protest" or on the verb
        objects = [o for o in after.children if o.dep_ == "pobj"] if after.lower_ in AGAINST else []
        targets = [t for o in objects for t in self.refs(o) or self._owner(o, of=True)]
        deed = noun.head.head
        while deed.pos_ not in ("VERB", "AUX") and deed.head.i != deed.i:
            deed = deed.head
        if not targets or deed.pos_ not in ("VERB", "AUX") or not self.asserted(deed):
            return None
        rtype = "PROTESTS" if self._protest_deed(deed) else "CRITICIZES"
        return self.subjects(deed), rtype, targets

    @staticmethod
    def protest_phrase(noun: Token) -> bool:
        """ "in protest at", "in defiance of": said by `in_protest`, not by the noun's own type."""
        return noun.lemma_.lower() in PROTEST_NOUNS and noun.dep_ == "pobj" and noun.head.lower_ == "in"

    def protest_against(self, verb: Token) -> tuple[list[str], list[str]] | None:
        """(sources, targets) of "went on strike against the government", "staged a sit-in against X": a deed
        that is itself a protest, against whom its "against" names (None where the lexicon's own words say
        it: "marched against", "staged rallies against")."""
        things = [verb] + [t for t in self._things(verb) if _protest_word(t) in PROTEST_THINGS and no_air_strike(t)]
        if len(things) < 2 and verb.lemma_.lower() not in PROTEST_DEEDS or any(
                t.lemma_ in self.lex.types["PROTESTS"].nouns for t in things[1:]) or verb.lemma_ in (
                v for v, _ in self.lex.types["PROTESTS"].phrasal) or not self.asserted(verb):
            return None
        objects = [o for t in things for p in t.children if p.dep_ == "prep" and p.lower_ == "against"
                   for o in p.children if o.dep_ == "pobj"]
        targets = [r for o in objects for r in self.refs(o) or self._owner(o, of=True)]
        return (self.subjects(verb), targets) if targets else None

    def to_protest(self, verb: Token) -> tuple[list[str], list[str]] | None:
        """(sources, targets) of "started a hunger strike to protest X's failure", "blocked roads to protest the
        government's decision": a purpose that makes a deed a protest (the dictionary's "protest" alone is a
        complaint, CAMEO 114)."""
        deed = verb.head
        if verb.lemma_.lower() != "protest" or verb.dep_ not in ("advcl", "xcomp") or deed.i == verb.i \
                or not to_infinitive(verb) \
                or deed.pos_ != "VERB" or not (self._protest_deed(deed) or deed.lemma_.lower() in LIGHT_DEEDS) \
                or not self.asserted(deed):
            return None
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        targets = list(dict.fromkeys(r for o in objects for r in self.refs(o) or self._owner(o, of=True)))
        return (self.subjects(deed), targets) if targets else None

    @staticmethod
    def rallied(verb: Token) -> bool:
        """A protest deed done with no object, not behind or around someone: "Albanians rallied in Pristina",
        "students marched" (not "rallied troops", "rallied behind the president")."""
        return verb.lemma_.lower() in PROTEST_DEEDS and not any(
            c.dep_ in ("dobj", "nsubjpass", "auxpass") or c.dep_ == "prep" and c.lower_ in BACKING for c in verb.children)

    def demanded_of(self, deed: Token) -> list[str]:
        """Whom a protest is against when it names none but its demand: "demonstrated in Bilbao calling for
        independence from Spain", "marched, demanding the resignation of X" or "X's resignation"."""
        asks = [c for c in deed.children if c.dep_ in ("advcl", "xcomp", "conj") and c.tag_ == "VBG"
                and c.lemma_.lower() in DEMANDING]
        things = [o for a in asks for o in self._things(a) if o.pos_ in ("NOUN", "PROPN")]
        return list(dict.fromkeys(r for o in things for r in self.refs(o) or self._owner(o, of=True) or [
            r for p in o.children if p.dep_ == "prep" and p.lower_ == "from"
            for x in p.children if x.dep_ == "pobj" for r in self.refs(x)]))

    @staticmethod
    def _things(deed: Token) -> list[Token]:
        return [c for c in deed.children if c.dep_ == "dobj"] + [
            o for p in deed.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]

    @classmethod
    def _protest_deed(cls, deed: Token) -> bool:
        """ "marched", "staged rallies", "went on strike": the deed is itself a protest."""
        return deed.lemma_.lower() in PROTEST_DEEDS or any(_protest_word(t) in PROTEST_THINGS for t in cls._things(deed))


def no_air_strike(noun: Token) -> bool:
    """A strike one goes on, or a general or hunger strike, is a protest; one launched may be an attack."""
    return noun.lemma_ != "strike" or noun.dep_ == "pobj" and noun.head.head.lemma_ == "go" or any(
        c.lower_ in STRIKES_OF_PROTEST for c in noun.children if c.dep_ in ("amod", "compound"))


def _protest_word(noun: Token) -> str:
    """A noun's lemma, with the word hyphened before it ("sit-in", tokenized "sit", "-", "in").

    >>> import spacy; doc = spacy.blank("en")("a sit-in")
    >>> _protest_word(doc[-1])
    'sit-in'
    """
    doc = noun.doc
    if noun.i > 1 and doc[noun.i - 1].text == "-":
        return f"{doc[noun.i - 2].lower_}-{noun.lower_}"
    return noun.lemma_.lower()
