"""What a verb is done to: its objects, the parties of what it takes up or is with, the one asked or
threatened in its clause, whose deed is its object ("condemns ISIL's attacks"), whom one summons to say
something. A part of `kg.relations.DocumentRelations`, which gives the verb's types (`verb_types_of`).
"""
from __future__ import annotations

from spacy.tokens import Token

from .doers import LIGHT_VERBS, RELATIVE_TAGS
from .lexicon import HOSTILE_CATEGORIES, RelationType
from .model import EntityType
from .mood import IRREALIS_NOUNS, to_infinitive
from .nouns import NounReader
from .phrases import BONDS, NOT_EVENTS, preps_of

OBJECT_DEPS = {"dobj", "dative", "attr", "oprd"}
CLAUSE_RECIPIENT_PREPS = {"to", "for", "on", "against", "with"}  # "threatened to impose sanctions on Y"
HOSTILE_PREPS = {"on", "against"}
ENDING_NOUNS = {"end", "halt", "stop", "cessation", "suspension"}  # "an end to X's raids": X's raids, ended
ADDRESSED_CATEGORIES = {"ACCUSE", "PROTEST", "REQUEST", "DEMAND", "THREATEN"}  # said to someone
THREATENED_PREPS = {"against", "on", "with"}  # "threatened sanctions against Japan", "war with India"
# Verbs that take up what another put forward: its owner is the other party ("accepted Peru's proposal");
# one who reiterates or renews "the Administration's pledge" states its own side's.
TAKING_UP = frozenset({"accept", "welcome", "embrace", "endorse", "approve", "adopt", "heed"})


class TargetReader(NounReader):
    @staticmethod
    def _bonded(verb: Token) -> bool:
        """ "Iran and Egypt restored diplomatic ties", "broke off relations": what is made or cut is a bond."""
        return any(c.dep_ == "dobj" and c.lemma_ in BONDS for c in verb.children)

    def verb_targets(self, verb: Token, rtype: RelationType, code: str | None = None) -> list[str]:
        """What an active verb of type `rtype` is done to (`code`: it is known from the CAMEO dictionary)."""
        preps = self.lex.object_preps(rtype, verb.lemma_)
        targets: list[str] = []
        if rtype.recipient:
            objects = self.recipients(verb, preps)
            if not any(self.refs(o) for o in objects):  # "agreed to a UN plan", "to an extension of the truce
                # with Iran", "accepted the American plan": its parties
                things = [o for p in preps_of(verb) if p.lower_ in preps for o in p.children] + (
                    [c for c in objects if c.dep_ == "dobj" and c.pos_ == "NOUN"  # not "was awarded a contract by X";
                     and (verb.lemma_ in TAKING_UP or not any(m.dep_ == "poss" for m in c.children))]  # whose: taken up
                    if code is not None and not any(c.dep_ == "auxpass" for c in verb.children) else [])
                targets += [r for o in things for r in self.parties(o)]
            if not targets and (code is not None or self._bonded(verb)):  # "broke off diplomatic relations with X"
                objects += self._pattern_object_targets(verb, rtype)
                # "pulled out of the talks with the EU" (164): the parties of what is left
                left = [o for p in preps_of(verb) if p.lower_ in ("of", "from") for o in p.children if o.dep_ == "pobj"]
                targets += [r for o in left for r in self.parties(o) if r not in targets]
        else:
            objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS and
                       (code is not None or rtype.object_verbs is None or verb.lemma_ in rtype.object_verbs)]
            objects += self.relative_object(verb) if not objects else []
            prep_objects = [p for prep in preps_of(verb) + self._discussed_with(verb, rtype) if prep.lower_ in preps
                            for p in prep.children if p.dep_ == "pobj"]
            if rtype.requires_event:  # "mediated between Iran and Iraq": the parties, though no event is named
                targets += [r for p in prep_objects for r in self.refs(p)]
            if any((verb.lemma_, p.head.lower_) in rtype.phrasal and p.ent_type_ not in NOT_EVENTS
                   for p in prep_objects):  # "fired rockets at Israeli towns": what a phrasal verb fires is no
                objects = [o for o in objects if self.refs(o)]  # target, whom it warns is ("warned Pakistan of")
            objects += prep_objects + (self._pattern_object_targets(verb, rtype) if code is not None else [])
        # not the subject's own, nor a noun saying the same ("insisted on its demand that X": the noun says it)
        objects = [o for o in objects if not self.own(o) and (o.pos_ != "NOUN" or rtype not in self.lex.noun_types(o.lemma_))]
        if rtype.event_objects and not rtype.requires_event:  # what is signed or brokered is named (a treaty, a
            # deal), never a clause: "the ICC concluded that none of the railroads had adequate revenues"
            clauses = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")]
            # "Plaintiffs cited ..., however one company denied that it was interested": what follows is denied
            objects += [c for c in clauses if c.i > verb.i] or clauses
        # A verb known only to the CAMEO dictionary relates entities; naming Events stays with the lexicon's words,
        # but for what is said ("dismissed reports that ...", "brushed aside the allegations")
        targets += [t for obj in objects for t in self._clause_targets(obj, rtype, events=(
            code is None or obj.lemma_ in IRREALIS_NOUNS and rtype.plover == "REJECT") and not self._asked_to_act(obj))]
        targets += self._owner_targets(objects, rtype, targets)
        targets += [t for t in self._summoned(verb, rtype) if t not in targets]
        if rtype.plover == "THREATEN":  # "threatened to stop the talks if the United States goes ahead"
            clauses = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")]
            targets += [t for t in self.conditioned(verb, *clauses) if t not in targets]
            targets += [t for o in objects for t in self._threatened(o, rtype) if t not in targets]
        return targets

    def _discussed_with(self, verb: Token, rtype: RelationType) -> list[Token]:
        """ "discussed the dispute with Reagan", "negotiated a deal with Iran": the parse hangs whom one does a
        mutual thing with on what is done."""
        if not rtype.topic_objects:
            return []
        return [p for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and c.i not in self.at
                for p in c.children if p.dep_ == "prep" and p.lower_ == "with"]

    def _summoned(self, verb: Token, rtype: RelationType) -> list[str]:
        """Whom one meets to say something says it to: "summoned Niger's ambassador to complain of inaction",
        "called in the envoy to protest", "met Lavrov to demand an explanation"."""
        head = verb.head
        if rtype.plover not in ADDRESSED_CATEGORIES or verb.dep_ not in ("advcl", "xcomp") or not to_infinitive(verb) \
                or not any(t.plover == "CONSULT" for t, _ in self.verb_types_of(head)):
            return []
        return [r for c in head.children if c.dep_ == "dobj" for r in self.refs(c)]

    @staticmethod
    def relative_object(verb: Token) -> list[Token]:
        """The noun a relative clause with a subject of its own and no object says something of: "a charge
        Washington denied", "the talks Iran held with Iraq" (not "the rebels who attacked")."""
        if verb.dep_ != "relcl" or any(c.dep_ in ("dobj", "nsubjpass", "ccomp", "xcomp") for c in verb.children) \
                or any(t.tag_ in RELATIVE_TAGS for t in verb.subtree):  # "Assad, who Obama insists must go"
            return []
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        return [verb.head] if subjects and subjects[0].tag_ not in RELATIVE_TAGS and verb.head.pos_ == "NOUN" else []

    def _claimants(self, verb: Token) -> list[str]:
        """Whose accusations, claims or reports a verb's object is: "the American accusations", "Iran's
        claims", "allegations by the opposition"."""
        said = [c for c in verb.children if c.dep_ == "dobj"] + self.relative_object(verb)
        said = [c for c in said if c.lemma_ in IRREALIS_NOUNS and c.i not in self.at]
        return list(dict.fromkeys(r for c in said for r in self._owner(c) + self._by(c)))

    def _threatened(self, thing: Token, rtype: RelationType) -> list[str]:
        """Whom a threatened deed is against: "threatened sanctions against Japan", "warned of war with India"
        (not "warned of a slowdown in trade with China")."""
        if thing.i in self.at or thing.pos_ != "NOUN" or thing.lemma_ not in rtype.deed_nouns and not any(
                t.plover in HOSTILE_CATEGORIES for t in self.lex.noun_types(thing.lemma_)):
            return []
        return [r for p in thing.children if p.dep_ == "prep" and p.lower_ in THREATENED_PREPS
                for o in p.children if o.dep_ == "pobj" for r in self.refs(o)]

    def _owner_targets(self, objects: list[Token], rtype: RelationType, targets: list[str]) -> list[str]:
        """ "condemns ISIL's attacks" is said against ISIL too; "shelled positions of X" hits X (but
        "condemned the killing of X" is not against X)."""
        if not rtype.owner_targets:  # else only people, when nothing else is: "freed two French hostages"
            people = [] if targets or rtype.plover is None else [o for o in objects if self._of_a_state(o)]
            return list(dict.fromkeys(o for obj in people for o in self._owner(obj)))
        # "called for an end to Israeli raids": whose deed is to end
        objects = objects + [o for obj in objects if obj.lemma_ in ENDING_NOUNS for p in obj.children
                             if p.dep_ == "prep" and p.lower_ in ("to", "of") for o in p.children if o.dep_ == "pobj"]
        return list(dict.fromkeys(o for obj in objects for o in self._owner(obj, of=rtype.owner_of) + self._by(obj)
                                  if o not in targets))

    def _clause_targets(self, obj: Token, rtype: RelationType, events: bool = True) -> list[str]:
        """What a verb's object stands for; for a clause ("denied they attacked the convoy") its event."""
        if obj.pos_ not in ("VERB", "AUX"):
            return self.targets(obj, rtype) if events else [] if rtype.requires_event else self.refs(obj)
        if rtype.clause_targets and not self._refused_hostility(obj, rtype):
            # "demanded that Hamas renounce", "threatened to shell Iraqi towns"
            # The one asked or threatened is the clause's own subject ("demanded that Hamas renounce its
            # struggle against Israel": Hamas, not Israel), else whom its deed is done to ("offered to hand
            # over X to Y" -> Y).
            doers = [c for c in obj.children if c.dep_ in ("nsubj", "nsubjpass") and not self._addressed(obj)]
            # (one's own deed is done to another: "warned that it could cut off oil supplies to Jordan")
            own = set(self.subjects(obj.head)) if obj.head.i != obj.i else set()
            done = [r for c in doers for r in self.refs(c) + self._owner(c) if r not in own]
            # "on" and "against" say whom only a hostile deed is done to ("agreed to share intelligence on North Korea")
            preps = CLAUSE_RECIPIENT_PREPS if rtype.plover in HOSTILE_CATEGORIES else CLAUSE_RECIPIENT_PREPS - HOSTILE_PREPS
            found = done or [r for c in self.recipients(obj, preps) for r in self.refs(c) + self._owner(c)]
            # "refused to deploy peacekeepers in Iraq": a deed done in a state is done to it
            found = found or [t for t in self._scene(obj) if self._type(t) == EntityType.STATE]
            # "threatened to pull out of the talks with the EU": whom the deed itself is done to
            if not found and rtype.plover == "THREATEN":
                found = list(dict.fromkeys(t for deed, code in self.verb_types_of(obj)
                                           for t in self.verb_targets(obj, deed, code) if t.is_mention))
        else:
            found = []
        inner = [c for c in obj.children if c.dep_ in ("dobj", "attr")]
        if not inner and events and rtype.clause_events:  # what is denied is the clause: "denied it was there"
            # "denied that it was interested": what it was said to be
            said = next((c for c in obj.children if c.dep_ == "acomp"), obj) if obj.pos_ == "AUX" else obj
            return found + [e for e in (self.event(said),) if e]
        if not inner or not events:
            return found  # "insists he must go": no object, no nameable event
        # "carried out the attack" is the attack; "supplying weapons to Russia" is the whole clause.
        event = self.event(inner[0]) if obj.lemma_ in LIGHT_VERBS and not self.refs(inner[0]) else self.event(obj)
        # Where a thing goes to someone ("offered to hand over X to Y"), the someone is the target, not the deed.
        return found + [event] if event and not (rtype.recipient and found) else found

    def _refused_hostility(self, clause: Token, rtype: RelationType) -> bool:
        """ "refused to attack Iraq" rejects no one: refusing a hostile deed is no act against its target."""
        return rtype.plover == "REJECT" and any(t.plover in HOSTILE_CATEGORIES for t, _ in self.verb_types_of(clause))

    @staticmethod
    def _asked_to_act(obj: Token) -> bool:
        """ "asked the organization to allow it ...": whom one asks to do a deed is no Event (the deed may be)."""
        return obj.dep_ == "dobj" and any(c.dep_ == "xcomp" and c.i > obj.i for c in obj.head.children)

    @staticmethod
    def _addressed(clause: Token) -> bool:
        """ "warned creditors that Brazil could no longer pay": the warning is aimed at whom it is told to."""
        return clause.dep_ == "ccomp" and any(c.dep_ in ("dobj", "dative") for c in clause.head.children)
