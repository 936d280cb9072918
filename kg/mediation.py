"""Mediators, for BROKERED (CAMEO 045, mediate): the ways news names a third party between others.

"X acted as mediator in the talks", "with X acting as mediator", "talks held with the mediation of
X", "under the auspices of X", "X arranged talks between Iran and Iraq", "a truce arranged by X": X
brokered the talks (an Event), or, with no talks named, the parties ("mediated between Iran and
Iraq" is the lexicon's). Which nouns say it is data (kg/data/titles.json
has the titles; these two sets are CAMEO's NEGOTIATOR and MEDIATION synonym sets).
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from .events import verb_dictionary
from .scenes import SceneReader

ROLE_VERBS = {"act", "serve", "work", "function", "step"}  # "acted as mediator", "stepped in as mediator"
HELD_WITH = {"with", "under", "through", "via", "after"}  # "talks held with the mediation of X"
SUBJECT_OF = {"in", "on", "between", "over", "for"}  # "mediator in the talks", "mediation between"
# Who arranges a truce is no party to it; who negotiates or secures one is, unless it is "between" others.
ARRANGING = {"arrange", "engineer"}
BETWEEN_OTHERS = {"negotiate", "secure", "organize", "organise", "forge"}
# CAMEO synonym sets: what is arranged between parties; "arranged repurchase agreements" or "a deal" is finance
ARRANGED = ("CEASEFIRE", "NEGOTIATION")
SETTLEMENTS = ARRANGED + ("TREATY",)


@lru_cache(maxsize=1)
def _mediation_words() -> tuple[frozenset[str], frozenset[str]]:
    """The nouns for a mediator and for a mediation (CAMEO's NEGOTIATOR and MEDIATION synonym sets)."""
    words = verb_dictionary().synsets
    return frozenset(words.get("NEGOTIATOR", ())), frozenset(words.get("MEDIATION", ())) | {"auspices", "offices"}


class MediationReader(SceneReader):
    def mediation(self, noun: Token) -> list[tuple[list[str], list[str]]]:
        """(sources, targets) that `noun` says brokered something, if it is a mediator or a mediation."""
        mediators, mediations = _mediation_words()
        # the lemma, or the word where the tagger lemmatises it away ("auspices" -> "auspex")
        lemma = noun.lemma_.lower() if noun.lemma_.lower() in mediators | mediations else noun.lower_
        if lemma not in mediators and lemma not in mediations or noun.pos_ not in ("NOUN", "PROPN") \
                or noun.i in self.at or not self.asserted(noun):
            return []
        if lemma in mediators and noun.dep_ == "pobj" and noun.head.lower_ == "as" \
                and noun.head.head.lemma_ in ROLE_VERBS:
            role = noun.head.head
            sources = self.subjects(role)
            return [(sources, self._brokered(noun, role))] if sources else []
        if lemma in mediations:
            sources = self._owner(noun) or [r for p in noun.children if p.dep_ == "prep" and p.lower_ in ("of", "by")
                                            for o in p.children if o.dep_ == "pobj" for r in self.refs(o)]
            return [(sources, self._brokered(noun, noun))] if sources else []
        return []

    def arranged(self, verb: Token) -> list[tuple[list[str], list[str]]]:
        """(sources, targets) for "X arranged a ceasefire", "a truce arranged by X", "X negotiated a truce
        between Y and Z"; not "X arranged a loan" (no settlement) nor "X negotiated a truce with Y" (a party)."""
        lemma = verb.lemma_.lower()
        if lemma not in ARRANGING | BETWEEN_OTHERS or not self.asserted(verb):
            return []
        synsets = verb_dictionary().synsets
        names = ARRANGED if lemma in ARRANGING else SETTLEMENTS
        settlements = {w for name in names for w in synsets.get(name, ())} | {"talk", "meeting", "summit", "peace"} | (
            {"deal", "settlement"} if lemma in BETWEEN_OTHERS else set())
        passive = verb.dep_ == "acl" or any(c.dep_ == "auxpass" for c in verb.children)
        things = [verb.head] if verb.dep_ == "acl" else \
            [c for c in verb.children if c.dep_ == ("nsubjpass" if passive else "dobj")]
        things = [t for t in things if t.lemma_.lower() in settlements and t.i not in self.at]
        parted = [p for t in (verb, *things) for p in t.children if p.dep_ == "prep" and p.lower_ in ("between", "with")]
        if not things or any(p.lower_ == "with" for p in parted) or lemma in BETWEEN_OTHERS and not parted:
            return []
        sources = [r for a in verb.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"
                   for r in self.refs(o)] if passive else self.subjects(verb)
        events = [e for e in (self.event(t) for t in things) if e]
        return [(sources, events)] if sources and events else []

    def _brokered(self, noun: Token, anchor: Token) -> list[str]:
        """What was mediated: "in the talks" beside the noun or its verb, else what was held with it."""
        found = []
        for holder in (noun, anchor):
            for prep in (c for c in holder.children if c.dep_ == "prep" and c.lower_ in SUBJECT_OF):
                for obj in (o for o in prep.children if o.dep_ == "pobj"):
                    found += self.refs(obj) if prep.lower_ == "between" else [self.event(obj)]
        found = [f for f in found if f]
        if found:
            return found
        clause = anchor  # "talks were held, with X acting as mediator" -> up to "held"
        while clause.dep_ in ("pcomp", "pobj", "prep", "advcl") and clause.head.i != clause.i:
            clause = clause.head
            if clause.pos_ in ("VERB", "AUX"):
                break
        if clause.pos_ not in ("VERB", "AUX") or not any(c.lower_ in HELD_WITH for c in clause.children):
            return []
        # "talks were held" or "held talks", and "talks began on Monday, with X acting as mediator"
        held = [c for c in clause.children if c.dep_ in ("nsubjpass", "dobj")] or [
            c for c in clause.children if c.dep_ == "nsubj" and c.i not in self.at and self.event(c)]
        return [e for h in held for e in ([self.event(h)] if h.i not in self.at else self.refs(h)) if e]
