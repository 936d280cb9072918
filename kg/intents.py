"""An expressed intent is its own event (PLOVER AGREE and THREATEN; CAMEO 03 and 13).

"Hungary has offered to hand over the suspects to Austria", "France is ready to contribute troops to
Bosnia", "Iraq said it would allow the inspectors' return", "Japan will give Iraq a grant": the deed
is not yet done, so it never becomes the positive fact (`kg.mood` IRREALIS), but the intent is
an event: a cooperative deed intended is an OFFERS (AGREE, CAMEO 030-039 by the deed's kind), a
hostile one a THREATENS (138 to threaten force, 131-133 otherwise), from the one who intends to
whom the deed would be done. Which words say an intent, and the codes, are data
(`kg/data/relations.json`, "intents").
"""
from __future__ import annotations

import json
from functools import lru_cache
from itertools import combinations

from spacy.tokens import Token

from . import data
from .doers import LIGHT_VERBS
from .model import EntityType
from .protests import ProtestReader
from .mood import awaited, negated, reported_will, to_infinitive

CONDITIONS = {"if", "unless"}
SAYING = {"say", "declare", "state", "announce", "add", "stress", "reiterate", "insist"}
OBLIGATION = {"must", "should"}


@lru_cache(maxsize=1)
def intents() -> dict:
    return json.loads(data.read_text("relations.json"))["intents"]


def intent_code_of(kind: str, rtype) -> str | None:
    """The CAMEO code of intending (`kind`: cooperative, hostile, refused) a deed of `rtype`'s category.

    >>> from kg.lexicon import load_lexicon
    >>> intent_code_of("cooperative", load_lexicon().types["AIDS"]), intent_code_of("hostile", load_lexicon().types["AIDS"])
    ('033', None)
    """
    return intents()[kind]["codes"].get(rtype.plover or "")


def _kinds(deed: Token) -> tuple[str, ...]:
    """A deed intended is offered or threatened; one intended not to be done is refused, or nothing."""
    return ("refused",) if negated(deed) else ("cooperative", "hostile")


class IntentReader(ProtestReader):
    def intent(self, verb: Token, types: list) -> bool:
        """Find the intent `verb` expresses, if any; True when it said one (and so says nothing else)."""
        spec = intents()
        self._obligation(verb)
        if verb.lemma_.lower() in spec["verbs"]:
            deeds = [d for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")
                     for d in (c, *c.conjuncts)]
            if not self.asserted(verb):  # "does not plan to attack X" threatens no one
                return bool(deeds)
            found = [self._intended(verb, deed, self._deed_types(deed), kinds=_kinds(deed)) for deed in deeds]
            if not any(found) and verb.lemma_.lower() in spec["committing"]:
                for deed in (d for d in deeds if not negated(d)):  # what was agreed to is its own finding still
                    self._agreed_where(verb, deed)
            # "promised not to attack Iraq" threatens no one and offers nothing; "decided not to meet Iraq" refuses;
            # "plans to use First Boston as adviser" says nothing (but "agreed to buy X" agrees, CAMEO 030)
            return any(found) or any(map(negated, deeds)) or bool(deeds) and verb.lemma_.lower() not in spec["committing"]
        # "will boycott the elections unless ...", "said it would attack South Korea if Seoul continued ..."
        if types and (self._future(verb) or reported_will(verb, conditions_ok=True)) \
                and self._conditional_threat(verb, types):
            return True
        if types and self._future(verb):
            if self.asserted(verb, modal_ok=True):
                return self._intended(verb, verb, types)
            if any(c.dep_ == "neg" for c in verb.children):  # "said it would not meet their demands"
                return self._intended(verb, verb, types, kinds=("refused",))
        return False

    def _conditional_threat(self, verb: Token, types: list) -> bool:
        """ "will boycott Algeria's elections unless the president steps down": a deed no one offers, promised
        on a condition, is a threat (CAMEO 130) against whom the deed and the condition name."""
        conditions = [c for c in verb.children if c.dep_ == "advcl"
                      and any(m.dep_ == "mark" and m.lower_ in CONDITIONS for m in c.children)]
        if not conditions or any(intent_code_of("cooperative", t) for t, _ in types) or negated(verb) \
                or not self.asserted(verb, modal_ok=True):
            return False
        rtype, code = types[0]
        targets = list(dict.fromkeys(self.verb_targets(verb, rtype, code) + self.conditioned(verb)))
        self.add(self.subjects(verb), intents()["hostile"]["type"], [t for t in targets if t.is_mention], verb, "verb",
                 cameo=intent_code_of("hostile", rtype) or "130")
        return True

    def _deed_types(self, deed: Token) -> list:
        """What a deed intended says: its verb, or the event its light verb's object names ("plans to have
        talks with Gray", "agreed to hold talks")."""
        types = self.verb_types_of(deed)
        if types or deed.lemma_ not in LIGHT_VERBS:
            return types
        return [(t, None) for c in deed.children if c.dep_ == "dobj" for t in self.lex.noun_types(c.lemma_) if t.plover]

    def noun_intent(self, noun: Token) -> None:
        """ "Iran's plan to attack Iraq", "signed an agreement to supply Brazil with oil", "the U.S. commitment
        to support Iraq": a noun of intent with an infinitive says the intent of whose it is, or of who made it."""
        spec = intents()
        if noun.lemma_.lower() not in spec["nouns"] or not self.asserted(noun):
            return
        deeds = [d for c in noun.children if c.dep_ == "acl" and to_infinitive(c) for d in (c, *c.conjuncts)]
        maker = noun.head if noun.dep_ == "dobj" and noun.head.lemma_ in spec["noun_verbs"] else None
        sources = self._owner(noun) or self._by(noun) or (self.subjects(maker) if maker is not None else [])
        for deed in deeds if sources else []:
            self._intended(noun, deed, self.verb_types_of(deed), kinds=_kinds(deed), sources=sources)

    def _obligation(self, verb: Token) -> None:
        """ "declared that China must drop its barriers", "said Iran should free the hostages": what
        someone says another must do is a demand of that other (PLOVER REQUEST, CAMEO 100)."""
        if verb.lemma_ not in SAYING or not self.asserted(verb):
            return
        speakers = self.subjects(verb)
        for clause in (c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")):
            modals = [c for c in clause.children if c.dep_ == "aux" and c.lower_ in OBLIGATION]
            if not modals or any(c.dep_ == "neg" for c in clause.children):
                continue
            doers = [r for c in clause.children if c.dep_ == "nsubj" for r in self.refs(c)]
            targets = [d for d in doers if d not in speakers]
            if speakers and targets:
                self.add(speakers, "DEMANDS", targets, verb, "verb")

    def _future(self, verb: Token) -> bool:
        """ "will give", and "would allow" in what someone said it would do."""
        for aux in (c for c in verb.children if c.dep_ == "aux"):
            if aux.lower_ in intents()["future"]:
                return True
        return reported_will(verb)

    def _intended(self, speaker: Token, deed: Token, types: list, kinds=("cooperative", "hostile"),
                  sources: list[str] | None = None) -> bool:
        """An OFFERS or THREATENS (a REJECTS for a refused deed) from who intends (`sources`, else the
        speaker's subjects) to whom the deed would be done."""
        spec = intents()
        for rtype, code in types:
            for kind in kinds:
                intent_code = intent_code_of(kind, rtype)
                if intent_code is None:
                    continue
                subjects = sources or self.subjects(speaker)
                targets = self.verb_targets(deed, rtype, code)
                if kind == "hostile":
                    targets += [t for t in self.conditioned(speaker, deed) if t not in targets]
                # "will evacuate the settlements in Gaza": an offer is coded where it is to be done, as other events
                together = kind == "cooperative" and len(subjects) > 1 and self._together(speaker, deed, rtype)
                scene = [] if targets or together else self._offered_where(subjects, deed, rtype) \
                    if kind == "cooperative" else self.scene_targets(deed, rtype)
                if subjects and (targets or scene):
                    self.add(subjects, spec[kind]["type"], targets or scene, speaker, "verb", cameo=intent_code,
                             **({} if targets else {"target_role": "location"}))
                elif together:
                    for a, b in combinations(subjects, 2):  # not "Hilton Hotels chairman and president Barron Hilton"
                        if (self._type(a) == EntityType.PERSON) == (self._type(b) == EntityType.PERSON):
                            self.add([a], spec[kind]["mutual"], [b], speaker, "verb", cameo=intent_code)
                return True
        return False

    def _agreed_where(self, verb: Token, deed: Token) -> None:
        """ "agreed to postpone the rally in the capital Dhaka", "agreed to set up a disaster centre in Jakarta": an
        agreement to a deed that names no one else is coded by where it is to be done (CAMEO 030)."""
        subjects = self.subjects(verb)
        scene = self._offered_where(subjects, deed, None)
        if scene:
            self.add(subjects, intents()["cooperative"]["type"], scene, verb, "verb",
                     cameo=intents()["cooperative"]["codes"]["AGREE"], target_role="location")

    def _offered_where(self, subjects: list[str], deed: Token, rtype) -> list[str]:
        """Where an offered deed is to be done, as event data codes an offer that names no one else: for
        political actors, not a company's plant or sale ("plans to build a plant in Plymouth"), and not the
        venue of a meeting (whom one meets is its target)."""
        if not subjects or rtype is not None and rtype.plover == "CONSULT" \
                or any(map(self.company, subjects)):
            return []
        return self._scene(deed)

    def _together(self, speaker: Token, deed: Token, rtype) -> bool:
        """Two who intend a deed together intend it with each other when they agree to it ("Egypt and Israel
        agreed to resume talks") or the deed is done with each other ("will meet", "pledged to expand military
        cooperation"), not "will attend"."""
        things = [c.lemma_ for c in deed.children if c.dep_ == "dobj"]
        return rtype.mutual(deed.lemma_) or any(t.mutual(speaker.lemma_) for t in self.lex.verb_types(speaker.lemma_)) \
            or any(t.mutual(w) for w in things for t in self.lex.noun_types(w))

    def conditioned(self, *verbs: Token) -> list[str]:
        """A threat's condition names whom it is aimed at: "threatened to stop the talks if the United
        States goes ahead", "... unless the Kremlin closed its base"."""
        # the condition may hang anywhere in the threatened clause ("to stop talks to cut arms if ...")
        near = [c for v in verbs for c in (v.subtree if v.dep_ in ("xcomp", "ccomp") else v.children)]
        clauses = [c for c in near if c.dep_ == "advcl" and (  # "... until Turkey withdraws" too
            awaited(c) or any(m.dep_ == "mark" and m.lower_ in CONDITIONS for m in c.children))]
        return [r for c in clauses for s in c.children if s.dep_ in ("nsubj", "nsubjpass") for r in self.refs(s)]

