"""What the phrases of a parsed sentence stand for: the base of `kg.relations`.

A noun phrase stands for an entity mention ("Moscow"), a state through its
people or forces ("Russian officials"), its speaker ("Hungary said it ..."),
or, failing those, an Event named by the phrase ("the attack on the convoy").
Whether an event is asserted (negated, hypothetical, refused ...) is `kg.mood`'s.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .actors import actors
from .mentions import Found
from .gazetteer import Titles
from .lexicon import HOSTILE_CATEGORIES, RelationType
from .anaphora import PLURAL, antecedent, cataphor
from .events import particle_preps
from .model import EntityType, LocalRef
from .mood import REPORTING, asserted, content_clause
from .organisations import body_kinds, is_company

EVENT_WORDS = 12  # the most words an Event is named by
PATTERN_OBJECT_PREPS = {"on", "against", "with"}  # "imposed a blockade on Cuba" (not "its ambassador to Egypt")
CODED_VERB_PREPS = {"to", "with"}
EDGE_POS = {"ADP", "PART", "CCONJ", "SCONJ", "PUNCT", "DET"}
NOT_EVENTS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}
PLURAL_PRONOUNS = PLURAL | {"their", "we", "our"}
OWN_PRONOUNS = {"its", "their", "our", "his", "her"}
EXCHANGING = {"exchange", "trade", "swap"}  # "Iraqi and Iranian forces exchanged artillery fire"
BONDS = {"relation", "relationship", "tie", "link"}  # "X and Y restored diplomatic ties": with each other
OWN_STATE = {"country", "nation", "government"}  # "his country", "their government"
# nouns a state is described by in apposition: "its neighbour Iraq", "the Gulf state, Kuwait"
STATE_DESCRIPTIONS = {"neighbour", "neighbor", "ally", "rival", "partner", "enemy", "foe", "adversary", "friend",
                      "country", "state", "nation", "kingdom", "republic", "emirate", "monarchy", "member", "backer",
                      "patron", "creditor", "debtor", "supplier", "customer", "government", "regime"}
# Who speaks for whom their "for" names: "a spokesman for Exxon", "a lawyer for the company"
SPEAKING_FOR = {"spokesman", "spokeswoman", "spokesperson", "lawyer", "attorney", "counsel", "representative"}
PRONOUN_TYPES = {**{p: {EntityType.PERSON} for p in ("he", "she", "his", "her", "him", "i", "my")},
                 # a spokeswoman's "we deny" is hers (or her body's, when the body speaks)
                 **{p: {EntityType.PERSON, EntityType.STATE, EntityType.ORGANISATION} for p in ("we", "our")},
                 **{p: {EntityType.STATE, EntityType.ORGANISATION} for p in ("it", "its", "they", "their", "them")}}


def intransitive(verb: Token) -> bool:
    """A verb with its own subject and no object: two said to clash so are each other's foes (not
    "joined forces to fight the sale"); or one whose object each gives the other ("exchanged fire")."""
    return any(c.dep_ == "nsubj" for c in verb.children) and (verb.lemma_ in EXCHANGING or not any(
        c.dep_ == "dobj" for c in verb.children))


def preps_of(token: Token) -> list[Token]:
    """The prepositions a token governs, with those coordinated to them ("with its banks and with the IMF")."""
    preps = [c for c in token.children if c.dep_ == "prep" or c.dep_ == "dative" and c.pos_ == "ADP"]  # "gave it to"
    preps += particle_preps(token)  # "pulled out of"
    return preps + [c for p in preps for c in p.conjuncts if c.pos_ == "ADP" and c not in preps]


class PhraseReader:
    """What the phrases of one document stand for: its mentions by token, and the events named so far."""

    def __init__(self, titles: Titles, doc: Doc, mentions: list[Found]) -> None:
        self.titles, self.doc, self.mentions = titles, doc, mentions
        self.at = {i: n for n, m in enumerate(mentions) for i in range(m.start, m.end)}
        self.events: dict[LocalRef, tuple[str, int, int]] = {}
        self._resolving: set[int] = set()  # pronouns being resolved, so that none is its own antecedent

    def _mention_id(self, index: int) -> LocalRef:
        return LocalRef.mention(index)

    def ref(self, token: Token) -> str | None:
        """The entity a noun phrase headed by `token` stands for, if any."""
        if token.i in self.at:
            return self._mention_id(self.at[token.i])
        if token.pos_ == "PRON":
            return self._speaker(token)
        if token.lemma_.lower() in OWN_STATE and (state := self._own_state(token)):
            return state  # "Israel's foreign minister said his country would not negotiate"
        groups = self.titles.group_nouns
        named = [c for c in token.children if c.dep_ == "appos" and c.i in self.at]
        if named and (self.titles.is_role(token.text) or token.lower_ in groups):
            return self._mention_id(self.at[named[0].i])  # "his Russian counterpart Sergei Lavrov"
        after = self.at.get(token.i + 1)
        if after is not None and self.mentions[after].type == EntityType.PERSON and self.titles.is_role(token.text):
            return self._mention_id(after)  # "Deputy U.S. Trade Representative Michael Smith": his title
        kids = [c for c in token.children]
        if self.titles.key(token.lemma_) in groups or token.lower_ in groups or self.titles.is_role(token.text):
            # "Russian officials", "U.S. forces", "Syrian government forces", "officials of Russia"
            mods = [c for c in kids if c.dep_ in ("amod", "compound", "poss", "nmod")]
            mods += [g for c in mods if c.dep_ == "compound" and c.i not in self.at for g in c.children
                     if g.dep_ in ("amod", "compound", "poss")]
            for child in mods:
                if child.i in self.at \
                        and self.mentions[self.at[child.i]].type in (EntityType.STATE, EntityType.ORGANISATION):
                    return self._mention_id(self.at[child.i])
                if child.pos_ == "PRON" and self._speaker(child):  # "Iran said its forces ..."
                    return self._speaker(child)
            found = self._group_members(token)
            return found[0] if found else None
        return None

    def _apposed(self, noun: Token) -> list[str]:
        """The person a description of people names in apposition, "the group's leader, John Smith" (not
        "its energy demand, Javier Espinosa", a misparse); the state any description does ("its neighbour Iraq"),
        the body a kind of body does ("the company, Acme Holdings plc")."""
        named = [self.at[c.i] for c in noun.children if c.dep_ == "appos" and c.i in self.at][:1]
        if not named:
            return []
        kinds = ({EntityType.STATE} if noun.lemma_.lower() in STATE_DESCRIPTIONS else set()) | (
            {EntityType.PERSON} if self.names_people(noun) or self.titles.is_role(noun.text) else set()) | (
            # "one company named in the report, Acme Holdings plc, denied ..."
            {EntityType.ORGANISATION} if noun.lemma_.lower() in body_kinds() else set())
        return [self._mention_id(n) for n in named if self.mentions[n].type in kinds]

    def _group_members(self, group: Token) -> list[str]:
        """ "envoys from Britain, France and Germany" -> the three states; "the government in Bonn" -> Germany;
        "a spokesman for Exxon" -> Exxon."""
        preps = ("of", "from", "in", "for") if group.lemma_.lower() in SPEAKING_FOR else ("of", "from", "in")
        members = [(prep, t) for prep in group.children if prep.dep_ == "prep" and prep.lower_ in preps
                   for obj in prep.children if obj.dep_ == "pobj" for t in (obj, *obj.conjuncts)]
        # "the return of U.N. weapons inspectors": people of a body or state whose name modifies them
        people = [r for prep, t in members if prep.lower_ == "of" and t.i not in self.at and self._of_a_state(t)
                  for r in self._owner(t) if self._type(r) in (EntityType.STATE, EntityType.ORGANISATION)]
        return [self._mention_id(self.at[t.i]) for prep, t in members if t.i in self.at
                and (prep.lower_ != "in"
                     or self.mentions[self.at[t.i]].type == EntityType.STATE and self._is_group(group))] + people

    def _own_state(self, noun: Token) -> str | None:
        """The state "his country" is, when he speaks or acts for a state named as one ("Israel's foreign
        minister said his country ...")."""
        owners = [c for c in noun.children if c.dep_ == "poss" and c.lower_ in OWN_PRONOUNS]
        said_by = self._said_by(owners[0]) if owners else None
        found = self.ref(said_by) if said_by is not None and said_by.pos_ != "PRON" else None
        return found if found is not None and self._type(found) == EntityType.STATE else None

    def _deed_done_to(self, noun: Token) -> bool:
        """A noun of a hostile deed, whose "of" is whom it is done to: "invasion", "attack", "killing"."""
        return noun.pos_ == "NOUN" and any(t.plover in HOSTILE_CATEGORIES for t in self.lex.noun_types(noun.lemma_))

    def _is_group(self, token: Token) -> bool:
        return self.titles.key(token.lemma_) in self.titles.group_nouns or token.lower_ in self.titles.group_nouns

    def _a_place(self, token: Token) -> bool:
        return token.i in self.at and self.mentions[self.at[token.i]].type == EntityType.PLACE

    def _of_a_state(self, noun: Token) -> bool:
        """People of a state, acting for it or not: "troops", "diplomats", "hostages", "tourists"."""
        return self._is_group(noun) or self.titles.key(noun.lemma_) in self.titles.people_nouns

    def names_people(self, noun: Token) -> bool:
        """A noun for people or forces ("troops", "demonstrators", "civilians"): a group noun or an agent noun."""
        return self._is_group(noun) or actors().agent([noun.lemma_]) is not None

    def _speaker(self, pronoun: Token) -> str | None:
        found = self._pronoun_refs(pronoun)
        return found[0] if found else None

    def _pronoun_refs(self, pronoun: Token) -> list[str]:
        """ "Hungary said it will support ...", "Iran announced that its offensive had ended": a pronoun
        in what a reporting verb reports is its speaker; a subject pronoun elsewhere continues the
        subject before it ("Egypt recalled its envoy. It said ...", `kg.anaphora`)."""
        if pronoun.i in self._resolving:  # "His delegation hoped ..., he added": "he" is "His delegation"
            return []
        self._resolving.add(pronoun.i)
        try:
            return self._resolve(pronoun)
        finally:
            self._resolving.discard(pronoun.i)

    def _resolve(self, pronoun: Token) -> list[str]:
        wanted = PRONOUN_TYPES.get(pronoun.lower_)
        said_by = self._said_by(pronoun) if wanted is not None else None
        for _ in range(3):  # "It said it would ...": the first "It" decides, through a few such pronouns
            if said_by is None or said_by.pos_ != "PRON" or said_by.lower_ not in PRONOUN_TYPES:
                break
            said_by = self._said_by(said_by)
        if said_by is None or said_by.pos_ == "PRON":
            return []
        found = self.refs(said_by) if pronoun.lower_ in PLURAL_PRONOUNS else [self.ref(said_by)]
        return found if found and all(r is not None and self._type(r) in wanted for r in found) else []

    @staticmethod
    def _said_by(pronoun: Token) -> Token | None:
        """The speaker of the reported clause `pronoun` is in, else the subject it continues."""
        if pronoun.dep_ not in ("nsubj", "nsubjpass", "poss", "dobj", "pobj", "dative"):
            return None
        clause = pronoun.head
        for _ in range(3):
            if clause.dep_ == "ccomp" or clause.head.i == clause.i:
                break
            clause = clause.head
        if clause.dep_ == "ccomp" and clause.head.lemma_ in REPORTING:
            speakers = [c for c in clause.head.children if c.dep_ == "nsubj"]
            return speakers[0] if speakers else None
        return antecedent(pronoun) or cataphor(pronoun)

    def unnamed_doer(self, passive: Token) -> list[str]:
        """Who says a thing is done, when no one else is said to do it: 'Salomon said the rumors ... are
        "unequivocally denied"' is Salomon's denial."""
        clause = passive.head if passive.dep_ == "conj" else passive
        return self.subjects(clause.head) if clause.dep_ == "ccomp" and clause.head.lemma_ in REPORTING else []

    @staticmethod
    def shared_subject(verb: Token) -> list[Token]:
        """The subject a coordinated verb shares with the verb before it ("the rumors affected ... and are denied")."""
        return [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")] if verb.dep_ == "conj" else []

    def recipients(self, verb: Token, preps: set[str]) -> list[Token]:
        """Whom a thing goes to: "gave Iraq aid", "handed over X to Y", "contribute troops to Y" -> the
        dative or the object of `preps`; else, with no thing named, the object ("aided the rebels")."""
        to = [c for c in verb.children if c.dep_ == "dative" and c.pos_ != "ADP"]
        # "provide aid for Romania", "break relations with Russia": the thing's own preposition counts too.
        holders = [verb] + [c for c in verb.children if c.dep_ == "dobj" and c.i not in self.at]
        to += [p for h in holders for prep in h.children if prep.dep_ in ("prep", "dative") and prep.lower_ in preps
               for p in prep.children if p.dep_ == "pobj"]
        named = [t for t in to if self.refs(t)]
        return named or [c for c in verb.children if c.dep_ in ("dobj", "attr", "oprd") and not self.own(c)]

    def own(self, name: Token) -> bool:
        """ "will sell its Grinding Division": a name the doer's own, so no other party to what it does (but
        in "Gelco said Air Canada agreed to buy its unit" the unit is Gelco's)."""
        owners = [c for c in name.children if c.dep_ == "poss" and c.lower_ in OWN_PRONOUNS]
        if name.i not in self.at or not owners or self.mentions[self.at[name.i]].type == EntityType.STATE:
            return False  # "his Jordanian counterpart" is another state's
        whose = self._pronoun_refs(owners[0])
        return not whose or bool(set(whose) & set(self.subjects(name.head)))

    def refs(self, token: Token) -> list[str]:
        """The entities of a noun phrase and of those coordinated with it."""
        out: list[str] = []
        # "the IMF and World Bank" is often parsed with "IMF" as a modifier of "Bank", holding the "and".
        # So are "Indian and Pakistani troops", the last name's mention holding the noun.
        joined = [c for c in token.children if c.dep_ in ("nmod", "amod", "compound") and c.i in self.at
                  and c.i < token.i and any(g.dep_ == "cc" for g in c.children)
                  and (c.dep_ == "nmod" or any(g.dep_ == "conj" and g.i in self.at for g in c.children))]
        for t in (token, *token.conjuncts, *joined):
            if t.pos_ == "PRON":  # "Iran and Iraq met. They agreed ...": both
                out += [r for r in self._pronoun_refs(t) if r not in out]
                continue
            # "A member of the Syrian parliament, Mohammed Mamoun, started ...": the name beside it, not Syria
            # "envoys from Britain" are Britain's, "the invasion of Kuwait", "the killing of civilians" not theirs
            members = [] if self._deed_done_to(t) else self._group_members(t)
            found = [self.ref(t)] if t.i in self.at else self._apposed(t) or members or [self.ref(t)]
            out += [r for r in found if r is not None and r not in out]
        return out

    def event(self, token: Token, skip: frozenset[int] = frozenset()) -> str | None:
        """An Event for a noun phrase that names no entity ("the attack on the convoy"); `skip`: tokens to leave out."""
        if token.pos_ not in ("NOUN", "PROPN", "VERB") and token.dep_ != "acomp" or token.i in self.at \
                or token.ent_type_ in NOT_EVENTS:
            return None  # "asked the government on February 19": a date is no event
        if any(c.dep_ == "nummod" for c in token.children) and self.names_people(token):
            return None  # "killed 23 people", "wounded 50 civilians": people counted are not an event
        # Coordination inside a modifier stays ("a truce between Israel and Hamas"); of the head, it goes.
        words = [t for t in token.subtree if t.i == token.i or t.dep_ not in (
                     "relcl", "acl", "appos", "punct", "det", "poss", "case", "predet", "advcl", "nsubj", "npadvmod",
                     "aux", "auxpass", "mark", "nsubjpass", "advmod")
                 and t.lower_ not in ("including", "includes", "include")
                 and not (t.dep_ in ("cc", "conj") and t.head.i == token.i)]
        keep = sorted({t.i for t in words if self._inside_phrase(t, token)} - skip)
        while keep and self.doc[keep[0]].pos_ in EDGE_POS:  # no name starts "of the people ..."
            keep.pop(0)
        if len(keep) > EVENT_WORDS:  # a long clause is named up to a preposition: "sold 440,000 bags of coffee"
            cuts = [n for n, i in enumerate(keep[:EVENT_WORDS]) if self.doc[i].dep_ == "prep" and i > token.i]
            keep = keep[:cuts[-1] if cuts else EVENT_WORDS]
        while keep and self.doc[keep[-1]].pos_ in EDGE_POS:
            keep.pop()
        if not keep:
            return None
        phrase = self.doc[keep[0]:keep[-1] + 1]
        name = phrase.text.strip(" ,“”\"'")
        if not name:
            return None
        for existing, (ename, start, _) in self.events.items():
            if ename == name and start == phrase.start_char:
                return existing
        eid = LocalRef.event(len(self.events))
        self.events[eid] = (name, phrase.start_char, phrase.end_char)
        return eid

    def _inside_phrase(self, t: Token, head: Token) -> bool:
        while t.i != head.i:
            if t.dep_ in ("relcl", "acl", "appos", "advcl", "punct", "npadvmod") or t.i < head.left_edge.i \
                    or t.lower_ in ("including", "includes", "include") \
                    or t.dep_ in ("cc", "conj") and t.head.i == head.i:  # what is coordinated with the head
                return False
            t = t.head
        return True


    @staticmethod
    def asserted(token: Token, *, modal_ok: bool = False) -> bool:
        """False for a negated, hypothetical, asked-for, refused or denied event (`kg.mood`)."""
        return asserted(token, modal_ok=modal_ok)

    @staticmethod
    def content_clause(clause: Token) -> bool:
        return content_clause(clause)

    def _owner(self, noun: Token, *, of: bool = False) -> list[str]:
        """Whose a noun's thing is: "Russia's", "Russian", "ISIL" in "the ISIL attack"; with `of`,
        also "positions of the Palestinian forces"."""
        if noun.i in self.at:
            return []
        for child in noun.children:
            if child.dep_ in ("poss", "amod", "compound", "nmod") and self.ref(child):
                return [self.ref(child)]
        for prep in (c for c in noun.children if of and c.dep_ == "prep" and c.lower_ == "of"):
            return [r for p in prep.children if p.dep_ == "pobj" for r in self.refs(p) or self._owner(p)]
        return []

    def _by(self, noun: Token) -> list[str]:
        """ "demanded an admission by Moscow", "rejected calls by X": the doer of a nominal object."""
        if noun.pos_ not in ("NOUN", "PROPN") or noun.i in self.at:
            return []
        # "the plan proposed by the United Nations": the doer of the participle that names the thing
        holders = [noun] + [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"]
        return [r for h in holders for p in h.children if p.dep_ in ("prep", "agent") and p.lower_ == "by"
                for o in p.children if o.dep_ == "pobj" for r in self.refs(o)]

    def _pattern_object_targets(self, verb: Token, rtype: RelationType) -> list[Token]:
        """A CAMEO pattern codes the verb by its object ("impose restrictions", "impose a blockade"): the
        target hangs from that object or the verb ("imposed restrictions on Turkey")."""
        things = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and c.i not in self.at]
        # "apologised to Egypt", "exchanged fire with Indian troops"; "on" only after an object a pattern
        # coded ("will trade on NASDAQ" is no target); not the object's own "to", nor a place ("travel to Paris")
        verb_preps = CODED_VERB_PREPS | ({"on"} if things else set()) | (
            {"against"} if rtype.plover in HOSTILE_CATEGORIES else set())  # "unite against ISIL" is no consultation
        preps = [p for p in preps_of(verb) if p.head.i == verb.i and p.lower_ in verb_preps]  # "gave support to"
        # what talks are "on" is their topic ("began talks on Gibraltar"), what a blockade is "on", its target
        object_preps = {"with"} if rtype.topic_objects else PATTERN_OBJECT_PREPS
        preps += [p for t in things for p in t.children if p.dep_ == "prep" and p.lower_ in object_preps]
        return [o for prep in preps for o in prep.children if o.dep_ == "pobj" and not self._a_place(o)]

    def hyphen_pair(self, noun: Token) -> list[str]:
        """The two ends of "Soviet-American talks", "U.S.-Canada trade talks", "the Iran-Iraq war"."""
        mods = [t for t in noun.subtree if t.i < noun.i and t.i in self.at and t.dep_ in ("amod", "compound", "nmod")]
        for a in mods:
            b = self.doc[a.i + 2] if a.i + 2 < noun.i else None
            if b is not None and self.doc[a.i + 1].text == "-" and b.i in self.at and self.at[a.i] != self.at[b.i]:
                return [self._mention_id(self.at[a.i]), self._mention_id(self.at[b.i])]
        return []

    def parties(self, noun: Token, *, depth: int = 1) -> list[str]:
        """Who a proposal, plan or truce is of or with: "a UN plan", "an offer from Egypt", "an extension
        of the truce with Iran" (through `depth` "of"s)."""
        if noun.i in self.at:
            return []
        objects = [(p.lower_, o) for p in noun.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
        found = self._owner(noun) + [r for prep, o in objects if prep in ("by", "from", "with") for r in self.refs(o)]
        if found or not depth:
            return found
        return [r for prep, o in objects if prep == "of" for r in self.parties(o, depth=depth - 1)]

    def _modifier_entity(self, noun: Token, *, types: frozenset[str] | None = None,
                         preps: tuple[str, ...] = ("of", "to", "for", "at", "with"), exclude: int = -1) -> str | None:
        """The entity a noun is said of: "a Russian ally", "Russia's minister", "an ally of Russia";
        `types` limits the modifier, `exclude` names a token that is not it."""
        for child in noun.children:
            if child.dep_ in ("amod", "compound", "poss", "nmod") and child.i in self.at and child.i != exclude:
                found = self._mention_id(self.at[child.i])
                if types is None or self._type(found) in types:
                    return found
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in preps):
            for obj in (p for p in prep.children if p.dep_ == "pobj" and p.i != exclude):
                found = self.ref(obj)
                if found:
                    return found
        return None

    def _container(self, place_noun: Token, place: Token) -> str | None:
        """What "the Syrian city of X", "the city of X in Syria" puts X in."""
        return self._modifier_entity(place_noun, types=frozenset({EntityType.STATE}), preps=("in",), exclude=place.i)

    def company(self, end: LocalRef) -> bool:
        """The end is a company: an organisation whose name ends in a legal form ("Vitronics Corp")."""
        return end.is_mention and self.mentions[end.index].type == EntityType.ORGANISATION \
            and is_company(self.mentions[end.index].name)

    def _type(self, end: str) -> str:
        return self.mentions[end.index].type if end.is_mention else EntityType.EVENT

    def targets(self, token: Token, rtype: RelationType, skip: frozenset[int] = frozenset()) -> list[str]:
        ents = self.refs(token)
        if ents or not rtype.event_objects:
            return [] if rtype.requires_event else ents
        event = self.event(token, skip)
        return [event] if event else []
