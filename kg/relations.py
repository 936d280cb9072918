"""Finding relations in the dependency parse, for the ways English says them.

Verbs, active and passive ("X attacked Y", "the pact brokered by X and Y"),
nouns ("negotiations between X and Y", "talks with Y"), appositions and
predicates ("Assad, a longtime Russian ally"), title compounds ("Russian
Foreign Minister Sergei Lavrov") and places ("the Syrian city of Aleppo").
Coordination multiplies the ends ("Moscow and Damascus have each denied").
A negated, hypothetical or denied event yields nothing: "X denied attacking Y"
is a DENIES, never an ATTACKS. Which words say which relation is data: the
`kg.lexicon`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

from spacy.tokens import Doc, Token

from .mentions import Found
from .events import verb_dictionary
from .gazetteer import Titles
from .targets import TargetReader
from .lexicon import Lexicon, RelationType
from .model import EntityType, LocalRef
from .mood import IRREALIS_NOUNS, attempted
from .doers import LIGHT_VERBS, RELATIVE_TAGS, SUBJECT_DEPS
from .phrases import EXCHANGING, intransitive

METONYMY_COST = 0.05
DOERS = frozenset({EntityType.PERSON, EntityType.STATE, EntityType.ORGANISATION})  # who can be a source
AGENTS = {"LOCATED_IN": frozenset({EntityType.PLACE, EntityType.ORGANISATION, EntityType.EVENT})}
# What only a state or armed body does: a company that takes over a firm or wins damages coerces no one.
STATE_DEEDS = frozenset({"COERCES"})
CONFIDENCE = {"verb": 0.8, "passive": 0.75, "noun": 0.7, "apposition": 0.8, "title": 0.9, "place": 0.85}


@dataclass
class Finding:
    """A relation between local ends: mentions or events of the document."""

    source: LocalRef
    type: str
    target: LocalRef
    sentence: tuple[int, int]
    confidence: float
    properties: dict = field(default_factory=dict)


class RelationFinder:
    """The relation stage's vocabulary (lexicon, titles, CAMEO verbs); each document is read by its own
    `DocumentRelations`, so nothing of one document stays behind for the next."""

    def __init__(self, lexicon: Lexicon, titles: Titles) -> None:
        self.lex, self.titles, self.verbs = lexicon, titles, verb_dictionary()

    def find(self, doc: Doc, mentions: list[Found]) -> tuple[list[Finding], dict[str, tuple[str, int, int]]]:
        """Findings, and the events they created (id -> name, start and end character)."""
        return DocumentRelations(self, doc, mentions).find()


class DocumentRelations(TargetReader):
    """The relations of one parsed document: its mentions by token, the events named and the findings."""

    def __init__(self, finder: RelationFinder, doc: Doc, mentions: list[Found]) -> None:
        super().__init__(finder.titles, doc, mentions)
        self.lex, self.verbs = finder.lex, finder.verbs
        self.out: list[Finding] = []

    def find(self) -> tuple[list[Finding], dict[str, tuple[str, int, int]]]:
        for token in self.doc:
            if token.dep_ in ("amod", "compound") and token.tag_ == "VBN" and token.i > 1 \
                    and self.doc[token.i - 1].text == "-":
                self._hyphenated(token)
            elif token.pos_ in ("VERB", "AUX") or token.pos_ == "ADJ" and any(c.dep_ == "xcomp" for c in token.children):
                if protest := self.to_protest(token):  # "started a hunger strike to protest X's failure"
                    self.add(protest[0], "PROTESTS", protest[1], token, "verb")
                else:
                    self._verb(token)  # "is ready to contribute troops": readiness is an expressed intent
                if token.tag_ == "VBG" and token.dep_ in ("nsubj", "nsubjpass") and not self.subjects(token):
                    self._noun(token)  # "Fighting between X and Y killed ten": the parse's gerund is the noun
                for sources, targets in self.arranged(token):
                    self.add(sources, "BROKERED", targets, token, "verb")
                if protest := self.protest_against(token):
                    self.add(protest[0], "PROTESTS", protest[1], token, "verb")
            elif token.pos_ in ("NOUN", "PROPN"):
                self._noun(token)
                self.noun_intent(token)
                for sources, targets in self.mediation(token):
                    self.add(sources, "BROKERED", targets, token, "noun")
                protest = self.in_protest(token)
                if protest:
                    self.add(protest[0], protest[1], protest[2], token, "noun")
            if token.dep_ in ("appos", "attr"):
                self._apposition(token)
        self._titles()
        self._places()
        self._appositive_places()
        return self.out, self.events

    def add(self, sources: list[str], rtype: str, targets: list[str], token: Token, kind: str,
            cameo: str | None = None, **props) -> None:
        """Findings from each source to each target; an event type's carry its PLOVER category and CAMEO code."""
        props = {**self.lex.event_properties(rtype, cameo), **props}
        sent = token.sent
        for s in sources:
            if self._type(s) not in AGENTS.get(rtype, DOERS) or rtype in STATE_DEEDS and self.company(s):
                continue  # a town does not attack; "the town of X, which killed ..." hangs off the wrong noun
            for t in targets:
                if s != t:
                    # An end named by its capital or demonym ("Moscow", "Russian") is a step of inference.
                    confidence = CONFIDENCE[kind] - METONYMY_COST * sum(map(self._metonymic, (s, t)))
                    self.out.append(Finding(s, rtype, t, (sent.start_char, sent.end_char), round(confidence, 3),
                                            {**props, **self._agents(s, t)}))

    def _agents(self, source: LocalRef, target: LocalRef) -> dict:
        """ "Israeli troops shelled ...": the agent codes of ends named by an agent noun (MIL, GOV, ...)."""
        found = {}
        for key, end in (("source_agent", source), ("target_agent", target)):
            agent = self.mentions[end.index].agent if end.is_mention else None
            if agent:
                found[key] = agent
        return found

    def _metonymic(self, end: str) -> bool:
        return end.is_mention and self.mentions[end.index].via_metonymy

    def verb_types_of(self, verb: Token) -> list[tuple[RelationType, str | None]]:
        """A verb of the lexicon says its types; any other verb of the CAMEO dictionary, the type of the code
        its frame gives ("gave aid to" 070 -> AIDS), with that code."""
        types: list[tuple[RelationType, str | None]] = [
            (t, None) for t in self.lex.verb_types(verb.lemma_) if self._says(verb, t)]
        phrasal = [(t, c) for t, c in types if verb.lemma_ not in t.verbs]
        types = phrasal or types  # "asked the Navy for reimbursement" is a request, not also what "ask" says
        if any(t.refused_objects for t, _ in types):  # "denied a request" refuses it
            things = {c.lemma_.lower() for c in verb.children if c.dep_ in ("dobj", "nsubjpass")}
            types = [(self.lex.types[t.refused_as], None) if things & t.refused_objects else (t, c) for t, c in types]
        specific = self.verbs.specific_code(verb) if any(t.patterns_decide for t, _ in types) else None
        if specific and (rtype := self.lex.type_for_code(specific)) and all(t.name != rtype.name for t, _ in types):
            return [(rtype, specific)]  # "attacked the decision" criticises it (CAMEO 111)
        if not types and self.verbs.knows(verb):
            code = self.verbs.code(verb)
            rtype = self.lex.type_for_code(code)
            types = [(rtype, code)] if rtype else []
        if self.rallied(verb) and all(t.plover == "MOBILIZE" for t, _ in types):
            types = [(self.lex.types["PROTESTS"], None)]  # "rallied in Pristina" (the dictionary's "rally" is 150)
        return types

    @staticmethod
    def _says(verb: Token, rtype: RelationType) -> bool:
        """A verb listed only in a phrasal form ("fire on", "shoot down") says the relation only with its
        preposition or particle."""
        if verb.lemma_ in rtype.verbs:
            return True
        words = {p for v, p in rtype.phrasal if v == verb.lemma_}
        return any(c.dep_ in ("prep", "prt") and c.lower_ in words and not _a_date(c) for c in verb.children)

    def _noun_says_it(self, verb: Token) -> bool:
        """ "imposed sanctions on Russia", "launched attacks on X": the lexicon's noun says the event, not also
        the dictionary's light verb (CAMEO 163 would add a COERCES beside the SANCTIONS)."""
        if verb.lemma_ not in LIGHT_VERBS:
            return False
        for noun in (c for c in verb.children if c.dep_ == "dobj"):
            preps = {p.lower_ for h in (noun, verb) for p in h.children if p.dep_ == "prep"}
            if any(preps & t.noun_preps for t in self.lex.noun_types(noun.lemma_) or self.lex.noun_types(noun.lower_)):
                return True
        return False

    def _verb(self, verb: Token) -> None:
        types = self.verb_types_of(verb)
        if self.intent(verb, types) or not types:
            return
        if not self.asserted(verb) and not self._tried_violence(verb, types):
            return
        if self._noun_says_it(verb):  # a deed intended keeps the dictionary's code ("agreed to provide aid")
            types = [(t, c) for t, c in types if c is None]
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or verb.dep_ == "acl" and verb.tag_ == "VBN"
        agents = [p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
        agents = agents or (self._hung_agents(verb) if passive else [])
        for rtype, code in types:
            if passive and not agents and self.lex.object_preps(rtype, verb.lemma_):
                self._active(verb, rtype, code, frozenset({"nsubjpass"}))  # "Hezbollah is allied with Iran"
            elif passive:
                self._passive(verb, rtype, agents, code)
            else:
                self._active(verb, rtype, code)

    def _tried_violence(self, verb: Token, types: list[tuple[RelationType, str | None]]) -> bool:
        """ "tried to storm the embassy" is an assault made (not "will try to", nor "tried to negotiate")."""
        return attempted(verb) and not self._future(verb.head) and all(t.plover == "ASSAULT" for t, _ in types)

    def _hung_agents(self, verb: Token) -> list[Token]:
        """ "was accused of misusing funds by Haitian officials": the parse hangs the passive's "by" on a noun of
        its phrase; a thing's "by" (not a deed's: "criticized for the attack by Hamas") is the verb's."""
        things = [o for p in verb.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"
                  and o.pos_ == "NOUN" and not self.lex.noun_types(o.lemma_) and o.lemma_ not in IRREALIS_NOUNS]
        return [x for o in things for b in o.children if b.dep_ == "prep" and b.lower_ == "by"
                for x in b.children if x.dep_ == "pobj" and self.refs(x)]

    def _active(self, verb: Token, rtype: RelationType, code: str | None = None,
                subject_deps: frozenset[str] = SUBJECT_DEPS) -> None:
        subjects = self.subjects(verb, subject_deps)
        if not subjects:
            return
        targets = self.verb_targets(verb, rtype, code)
        if not targets and rtype.plover == "PROTEST":
            targets = self.demanded_of(verb)
        # "Moscow and Ankara agreed", "X and Y clashed in Hebron": with each other, not with the town
        together = len(subjects) > 1 and (rtype.symmetric or (rtype.mutual(verb.lemma_) or verb.lemma_ in EXCHANGING)
                                          and intransitive(verb) or self._bonded(verb))
        scene = [] if targets or together else self.scene_targets(verb, rtype)
        if rtype.claimants_as:  # "denied the American accusations" rejects the accusers
            self.add(subjects, rtype.claimants_as, self._claimants(verb), verb, "verb", cameo=code)
        if targets:
            self.add(subjects, rtype.name, targets, verb, "verb", cameo=code)
        elif scene:
            self.add(subjects, rtype.name, scene, verb, "verb", cameo=code, target_role="location")
        elif together:
            self.each_other(subjects, rtype, verb, "verb", cameo=code)

    def _passive(self, verb: Token, rtype: RelationType, agents: list[Token], code: str | None = None) -> None:
        sources = [r for a in agents for r in self.refs(a)] or (self.unnamed_doer(verb) if rtype.spoken else [])
        if not sources:
            return
        patients = [c for c in verb.children if c.dep_ == "nsubjpass"] or self.shared_subject(verb)
        if verb.dep_ == "acl" or verb.dep_ == "relcl" and all(p.tag_ in RELATIVE_TAGS for p in patients):
            patients = [verb.head]  # "the pact brokered by X", "the deal, which was brokered by X"
        targets = [t for p in patients for t in (self.targets(p, rtype) if code is None else self.refs(p))]
        targets += self._owner_targets(patients, rtype, targets)
        self.add(sources, rtype.name, targets, verb, "passive", cameo=code)

    def _hyphenated(self, participle: Token) -> None:
        """ "a Russian-brokered ceasefire", "Iranian-backed militias": the first word does it to the noun."""
        before = self.doc[participle.i - 2]
        if before.i not in self.at:
            return
        source = self._mention_id(self.at[before.i])
        modifier = frozenset(t.i for t in participle.subtree) | {before.i, before.i + 1}
        for rtype in self.lex.verb_types(participle.lemma_):
            targets = self.targets(participle.head, rtype, modifier)
            self.add([source], rtype.name, targets, participle, "passive")

    def each_other(self, ends: list[str], rtype: RelationType, token: Token, kind: str, **props) -> None:
        """Each pair of ends did it to each other: once for a symmetric type, both ways for another."""
        for a, b in combinations(ends, 2):
            self.add([a], rtype.name, [b], token, kind, **props)
            if not rtype.symmetric:
                self.add([b], rtype.name, [a], token, kind, **props)

    def _apposition(self, noun: Token) -> None:
        """ "Assad, a longtime Russian ally", "Assad is an ally of Russia", "Lavrov, Russia's foreign minister". """
        anchor = noun.head if noun.dep_ == "appos" else next(
            (c for c in noun.head.children if c.dep_ == "nsubj"), None)
        if anchor is None or not self.asserted(noun.head if noun.dep_ == "attr" else noun):
            return
        for first, second in ((anchor, noun), (noun, anchor)):
            if first.i not in self.at:
                continue
            # "Turkey and Qatar are allies" describes both; an apposition only the name beside it.
            people = self.refs(first) if noun.dep_ == "attr" else [self.ref(first)]
            if second.i not in self.at:
                self._described(people, second)

    def _described(self, ends: list[str], noun: Token) -> None:
        other = self._modifier_entity(noun)
        if other is None:
            for rtype in self.lex.apposition_types(noun.lemma_):
                if rtype.symmetric:  # "Turkey and Qatar are allies"
                    for a, b in combinations(ends, 2):
                        self.add([a], rtype.name, [b], noun, "apposition")
            return
        for rtype in self.lex.apposition_types(noun.lemma_):
            self.add(ends, rtype.name, [other], noun, "apposition")
        if self.titles.is_role(noun.text) and not self.lex.apposition_types(noun.lemma_) \
                and self._type(other) in (EntityType.STATE, EntityType.ORGANISATION):
            people = [e for e in ends if self._type(e) == EntityType.PERSON]
            self.add(people, "HOLDS_ROLE", [other], noun, "apposition", role=self._role_text(noun))

    def _role_text(self, noun: Token) -> str:
        words = [c for c in noun.lefts if c.dep_ in ("compound", "amod") and c.i not in self.at] + [noun]
        return " ".join(w.text for w in words)

    def _titles(self) -> None:
        """Title compounds: "Russian Foreign Minister Sergei Lavrov" -> HOLDS_ROLE(Lavrov, Russia)."""
        for n, m in enumerate(self.mentions):
            if m.type != EntityType.PERSON or m.role is None or m.role_holder not in self.at:
                continue
            holder = self.at[m.role_holder]
            if self.mentions[holder].type in (EntityType.STATE, EntityType.ORGANISATION):
                self.add([self._mention_id(n)], "HOLDS_ROLE", [self._mention_id(holder)], self.doc[m.start],
                         "title", role=m.role)


def _a_date(prep: Token) -> bool:
    """ "called Yeltsin on Monday": a preposition of time is no phrasal verb's ("called on Yeltsin")."""
    return any(o.dep_ == "pobj" and o.ent_type_ in ("DATE", "TIME") for o in prep.children)
