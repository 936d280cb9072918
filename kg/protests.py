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

PROTEST_NOUNS = {"protest", "defiance"}
AGAINST = {"at", "against", "of", "over", "to"}
PROTEST_DEEDS = {"strike", "march", "demonstrate", "rally", "riot", "protest", "gather", "walk", "picket", "occupy",
                 "block", "blockade", "fast"}
PROTEST_THINGS = {"strike", "march", "rally", "demonstration", "protest", "sit-in", "riot", "vigil", "walkout"}


class ProtestReader(MediationReader):
    def in_protest(self, noun: Token) -> tuple[list[str], str, list[str]] | None:
        """(sources, relation type, targets) of "in protest at X" (`noun` is "protest"), else None."""
        if noun.lemma_.lower() not in PROTEST_NOUNS or noun.dep_ != "pobj" or noun.head.lower_ != "in" \
                or noun.i + 1 >= len(self.doc):
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
    def _protest_deed(deed: Token) -> bool:
        """ "marched", "staged rallies", "went on strike": the deed is itself a protest."""
        things = [c for c in deed.children if c.dep_ == "dobj"]
        things += [o for p in deed.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
        return deed.lemma_.lower() in PROTEST_DEEDS or any(t.lemma_.lower() in PROTEST_THINGS for t in things)
