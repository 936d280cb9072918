"""Relations said by nouns: "negotiations between X and Y", "talks with Y", "Russia's attack on Syria",
"Spain and Morocco reached an agreement" (two who make a mutual thing together), "gave support to Syria"
(whom a light verb's object goes to), "Syria came under attack from Israeli jets" (who comes under it).
A part of `kg.relations.DocumentRelations`, whose `add` and `each_other` these call.
"""
from __future__ import annotations

from spacy.tokens import Token

from .doers import LIGHT_VERBS
from .intents import intent_code_of, intents
from .lexicon import HOSTILE_CATEGORIES, RelationType
from .mood import NEGATIVE_DETS
from .places import PlaceReader
from .protests import no_air_strike
from .scenes import SCENE_CATEGORIES

ARMED = {"MIL", "REB", "UAF", "INS", "COP", "SPY"}  # agents whose attack is one with arms
SHOOTING = {"fire", "gunfire", "shellfire", "shelling", "bombardment", "bombing"}  # "came under fire from"
MADE_TOGETHER = {"reach", "sign", "conclude", "seal", "hold", "have", "begin", "start", "open", "resume", "continue",
                 "renew", "conduct", "make", "wage"}  # "X and Y reached an agreement": with each other
SUFFERING = {"kill", "wound", "injure", "hurt", "die", "abduct", "kidnap", "capture"}  # "were killed in an attack by"
# "fighting broke out between X and Y", "talks took place between": the parse hangs the noun's "between" on these
HAPPENING = {"break", "erupt", "flare", "rage", "continue", "resume", "begin", "start", "take", "open", "occur"}


class NounReader(PlaceReader):
    def _noun(self, noun: Token) -> None:
        types = self.lex.noun_types(noun.lemma_) or self.lex.noun_types(noun.lower_)
        if noun.lemma_ == "strike" and no_air_strike(noun):  # "a general strike in the West Bank" attacks no one
            types = [t for t in types if t.plover != "ASSAULT"]
        if not types or noun.i in self.at or self.protest_phrase(noun) or not self.asserted(noun):
            return
        pair = self.hyphen_pair(noun)  # "Soviet-American talks"
        for rtype in types:
            if self._under_attack(noun, rtype):
                continue
            self._suffered(noun, rtype)
            if pair and rtype.mutual(noun.lemma_):  # "Soviet-American talks", "the Iran-Iraq war"
                self.each_other(pair, rtype, noun, "noun")
            clauses = [c for c in noun.children if rtype.event_objects and self.content_clause(c)]
            said = [e for c in clauses if (e := self.event(c, frozenset({c.left_edge.i})))]  # "Reagan's denial that"
            if rtype.clause_targets:  # "its demand that Israel withdraw" is made of Israel
                said += [r for c in clauses for d in c.children if d.dep_ in ("nsubj", "nsubjpass") for r in self.refs(d)]
            if said:
                self.add(self._noun_source(noun), rtype.name, said, noun, "noun")
            # "staged rallies in Gaza against X": the parse often hangs the noun's preposition on the light verb
            holders = [noun] + ([noun.head] if noun.dep_ == "dobj" and noun.head.lemma_ in LIGHT_VERBS else [])
            preps = [p for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ in rtype.noun_preps]
            preps += self._happened_between(noun)
            self._given_to(noun, rtype, holders)
            if not preps and len(holders) > 1:
                self._made_together(noun, rtype)
            if rtype.recipient and len(holders) > 1 and self._future(noun.head):
                continue  # "will provide food aid to refugees" is an offer (`kg.intents`), not aid given
            for prep in preps:
                # "rocket fire against Kampuchean guerrilla camps" is said against their owner too
                objs = [self.refs(o) or (self._owner(o) if rtype.owner_targets else [])
                        for o in prep.children if o.dep_ == "pobj"]
                ends = [e for group in objs for e in group]
                if not ends and rtype.plover in SCENE_CATEGORIES:  # "the ISIL attack on a market in Baghdad"
                    # (not "union leaders joined attacks on a wage freeze in Yugoslavia": that is one in words)
                    sources = [r for r in self._noun_source(noun) if self._agent_of(r) in ARMED | {None}]
                    self.add(sources, rtype.name, [t for o in prep.children if o.dep_ == "pobj" for t in self._scene(o)],
                             noun, "noun", target_role="location")
                if prep.lower_ == "between" and rtype.mutual(noun.lemma_):
                    self.each_other(ends, rtype, noun, "noun")  # "negotiations between Washington and Moscow"
                    host = self.lex.host_type(noun.head.lemma_) if noun.dep_ == "dobj" else None
                    if host:  # "Egypt hosted talks between X and Y"
                        self.add(self.subjects(noun.head), host.name, ends, noun.head, "verb", cameo=host.hosts_cameo)
                elif ends:
                    self.add(self._noun_source(noun), rtype.name, ends, noun, "noun")

    def _suffered(self, noun: Token, rtype: RelationType) -> None:
        """ "Three Israeli soldiers were killed in an attack by Hezbollah", "died in a raid by X": who is hurt
        in an assault is whom it is done to."""
        verb = noun.head.head
        if rtype.plover != "ASSAULT" or noun.dep_ != "pobj" or noun.head.lower_ not in ("in", "during") \
                or verb.lemma_ not in SUFFERING or not self.asserted(verb):
            return
        victims = [c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj")  # not "no soldiers were killed"
                   and not any(d.dep_ == "det" and d.lower_ in NEGATIVE_DETS for d in c.children)]
        self.add(self._noun_source(noun), rtype.name, [r for v in victims for r in self.refs(v)], noun, "noun")

    @staticmethod
    def _happened_between(noun: Token) -> list[Token]:
        """ "Fighting broke out between X and Y", "talks began between X and Y": the "between" of what happens."""
        verb = noun.head
        if noun.dep_ != "nsubj" or verb.lemma_ not in HAPPENING or any(c.dep_ == "dobj" for c in verb.children):
            return []
        return [p for p in verb.children if p.dep_ == "prep" and p.lower_ == "between"]

    def _under_attack(self, noun: Token, rtype: RelationType) -> bool:
        """ "Syria came under attack from Israeli jets", "the convoy was under fire from rebels": who comes
        under a hostile deed is its target, and the "from" or "by" its doer. True when the noun is so used."""
        prep, verb = noun.head, noun.head.head
        if rtype.plover not in HOSTILE_CATEGORIES or noun.dep_ != "pobj" or prep.lower_ != "under" \
                or verb.lemma_ not in ("come", "be") or not self.asserted(verb):
            return False
        doers = [o for h in (noun, verb) for p in h.children if p.dep_ in ("prep", "agent") and p.lower_ in ("from", "by")
                 for o in p.children if o.dep_ == "pobj"]
        # "Iraqi positions", "the U.N. convoy": whose they are
        targets = self.subjects(verb) or [r for c in verb.children if c.dep_ == "nsubj" for r in self._owner(c)]
        sources = [r for o in doers for r in self.refs(o)]
        armed = all(self._agent_of(r) in ARMED for r in sources)
        # "the EC has come under attack from GEPLACEA": from who bears no arms, an attack in words
        self.add(sources, rtype.name if armed or noun.lemma_ in SHOOTING else "CRITICIZES", targets, noun, "noun")
        return True

    def _agent_of(self, end: str) -> str | None:
        """The agent code an end is named by ("Israeli troops": MIL), or None."""
        return self.mentions[end.index].agent if end.is_mention else None

    def _made_together(self, noun: Token, rtype: RelationType) -> None:
        """ "Spain and Morocco reached an agreement", "Iran and Iraq resumed negotiations": two who make a
        mutual thing together make it with each other (not "attended the talks", "announced a deal")."""
        verb = noun.head
        if verb.lemma_ not in MADE_TOGETHER or not rtype.mutual(noun.lemma_) or not self.asserted(verb):
            return
        subjects = self.subjects(verb)
        if len(subjects) > 1:
            self.each_other(subjects, rtype, noun, "noun")

    def _given_to(self, noun: Token, rtype: RelationType, holders: list[Token]) -> None:
        """ "Japan gave Iraq a grant", "gave support to Syria" (spaCy's dative "to"): whom a light verb's
        object goes to; "will give Iraq a grant" is an intent to give (OFFERS, `kg.intents`), which the verb
        says itself when the dictionary codes it ("will give Iraq a grant of 10 million dollars")."""
        verb = noun.head
        if "to" not in rtype.noun_preps or len(holders) < 2:
            return
        datives = [c for c in verb.children if c.dep_ == "dative"]
        ends = [r for c in datives for o in ([c] if c.pos_ != "ADP" else [g for g in c.children if g.dep_ == "pobj"])
                for r in self.refs(o)]
        if not ends:
            return
        if not (self._future(verb) and self.asserted(verb, modal_ok=True)):
            self.add(self._noun_source(noun), rtype.name, ends, noun, "noun")
        elif not self.verb_types_of(verb):
            for kind in ("cooperative", "hostile"):
                if intent_code_of(kind, rtype):
                    self.add(self.subjects(verb), intents()[kind]["type"], ends, verb, "verb",
                             cameo=intent_code_of(kind, rtype))
