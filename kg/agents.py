"""Actors named by a description: an agent noun with its state or body ("Palestinian officials", "the
U.S. negotiator", "Poland's parliament", "security forces in Guinea", "the Bush administration") is one
mention of that actor, carrying the noun's CAMEO agent code (`kg/data/agents.json`). A part of
`kg.entities.MentionFinder`, which holds the gazetteer, titles and actor dictionaries these read.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from .gazetteer import Entry
from .mentions import Found
from .model import EntityType

# An agent noun that is also a stance: "the Administration's opposition to a tax increase" is its view.
STANCES = {"opposition": {"to", "against"}}
# Agents only a state or body has: a name before them is not a people's ("the Reagan administration").
OFFICIAL_CODES = frozenset({"GOV", "MIL", "COP", "LEG", "JUD", "SPY"})
# Who is sent to speak for a state or body: "a delegation from Greece" is Greece's (not "troops from Iraq").
ENVOYS = frozenset({"delegation", "envoy", "emissary", "diplomat", "official", "negotiator", "representative"})


class AgentPhrases:
    def _agent_phrase(self, doc: Doc, found: Found, taken: set[int]) -> Found | None:
        """A state or body named with an agent noun is one mention with that agent: "Palestinian
        officials", "the U.S. negotiator", "Poland's parliament", "NATO peacekeeping troops" (not a title
        before a name: "Russian Foreign Minister Sergei Lavrov")."""
        root = doc[found.end - 1]
        led = self._led(root.text) if found.type == EntityType.PERSON and found.end - found.start == 1 else None
        if led is not None and root.head.lemma_.lower() in ("administration", "government", "regime") \
                and root.head.i == found.end and root.dep_ in ("compound", "poss"):  # "the Bush administration"
            return replace(found, end=found.end + 1, type=EntityType.STATE.value, name=led.name, agent="GOV",
                           via_metonymy=True, role=None, role_holder=None, titled_start=None, known=None)
        if found.type == EntityType.PLACE and (people := self._people_named(doc[found.start:found.end], place=True)):
            start, end, code = people  # "the Darfur rebels", "Tamil rebels": a people or movement, not the place
            return Found(start, end, EntityType.ORGANISATION.value, doc[start:end].text, agent=code, group=True,
                         instead=found)
        if found.type not in (EntityType.STATE, EntityType.ORGANISATION) \
                or root.dep_ not in ("amod", "compound", "poss", "nmod", "conj"):
            return None
        head = root.head
        if root.dep_ == "conj":  # "Indian and Pakistani troops": the last of the names joined before the noun
            if head.dep_ not in ("amod", "compound", "nmod") or head.head.i != found.end or head.i not in taken:
                return None
            head = head.head
        while head.dep_ == "compound" and head.head.i > head.i and head.head.pos_ == "NOUN":
            head = head.head  # "Syrian government forces"
        if found.type == EntityType.STATE and head.ent_type_ == "NORP" and head.tag_ == "NNPS" and root.dep_ == "amod" \
                and head.i == found.end and head.i not in taken:  # "Iraqi Kurds", "Bosnian Serbs": a people of a state
            return Found(found.start, head.i + 1, EntityType.ORGANISATION.value, doc[found.start:head.i + 1].text,
                         group=True, instead=found)
        between = doc[found.end:head.i + 1]
        # A title with no name after it is an agent noun too: "Taiwan's Vice Foreign Minister visited ..."
        titled = head.pos_ == "PROPN" and self.titles.is_role(doc[found.end:head.i + 1].text.lstrip("'s ").strip())
        if head.i < found.end or head.pos_ != "NOUN" and not titled or head.dep_ == "compound" or any(
                t.i in taken or t.is_punct and t.text != "-" or t.head.i > head.i or t.head.i < found.start
                for t in between[:-1]) or any(c.dep_ == "appos" and c.i in taken for c in head.children):
            return None
        if any(c.dep_ == "prep" and c.lower_ in STANCES.get(head.lemma_.lower(), ()) for c in head.children):
            return None
        code = self.actors.agent([t.lemma_ for t in between if t.dep_ == "compound" or t.i == head.i])
        group = self.titles.key(head.lemma_) in self.titles.group_nouns or head.lower_ in self.titles.group_nouns
        demonym = root.dep_ == "amod" or found.end - found.start == 1 and root.text != found.name  # "Kenyan", PROPN
        # a people named between ("Iraqi Kurdish leaders", "Bosnian Serb forces") are whose the agents are
        people = any(t.ent_type_ == "NORP" and t.dep_ in ("amod", "compound") for t in between[:-1])
        if found.type == EntityType.STATE and code and head.tag_ == "NNS" and (people and code not in OFFICIAL_CODES or (
                code not in self.actors.state_codes | self.actors.no_group_codes and demonym)):
            # "Nigerian workers", "Swiss doctors": a people's group, not its state
            return Found(found.start, head.i + 1, EntityType.ORGANISATION.value, doc[found.start:head.i + 1].text,
                         agent=code, group=True, instead=found)
        if not (code or group):
            head, code = self._inner_agent(between, head)
        if found.type == EntityType.STATE and (code not in self.actors.state_codes if code else not group) \
                or not (code or group):
            return None
        return replace(found, end=self._joined_agents(head, taken).i + 1, agent=code, name_end=found.end,
                       via_metonymy=found.via_metonymy or found.type == EntityType.STATE)

    def _joined_agents(self, head: Token, taken: set[int]) -> Token:
        """The last of the agent nouns coordinated under one name: "Israeli troops and police", "Syrian
        troops, tanks and helicopters" name one actor (not "Israeli troops and Palestinian police")."""
        last = head
        for conj in sorted((t for t in head.conjuncts if t.i > head.i), key=lambda t: t.i):
            if conj.pos_ != "NOUN" or conj.i in taken or not self.actors.agent([conj.lemma_]) or any(
                    c.dep_ not in ("cc", "punct", "conj") for c in conj.children) \
                    or any(t.i in taken or t.dep_ not in ("cc", "punct") for t in head.doc[last.i + 1:conj.i]):
                break
            last = conj
        return last

    def _agent_in(self, doc: Doc, found: Found, taken: set[int]) -> Found | None:
        """Agents named by where they are are that state's: "rebels in the Ivory Coast", "security forces
        in Guinea", "officials in Moscow" (not "U.S. troops in Iraq": they are named by whose they are)."""
        root = doc[found.end - 1]
        prep, head = root.head, root.head.head
        if found.type != EntityType.STATE or root.dep_ != "pobj" or prep.lower_ != "in" or prep.i != found.start - 1 \
                and doc[found.start - 1].lower_ != "the" or head.pos_ != "NOUN" or head.i != prep.i - 1 or head.i in taken:
            return None
        if any(c.dep_ in ("amod", "compound", "poss", "nmod") and (c.pos_ == "PROPN" or c.ent_type_ or c.i in taken)
               for c in head.children):
            return None  # "European officials in Tokyo", "Chrysler officials in Detroit": whose they are
        words = [head]
        while words[0].i > 0 and (before := doc[words[0].i - 1]).dep_ in ("compound", "amod") \
                and before.head == head and not before.is_punct and (before.i == 0 or doc[before.i - 1].text != "-"):
            words.insert(0, before)
        code = self.actors.agent([t.lemma_ for t in words])
        if code not in self.actors.state_codes:
            return None
        return replace(found, start=words[0].i, agent=code, name_start=found.start, via_metonymy=True)

    def _agent_of(self, doc: Doc, found: Found, taken: set[int]) -> Found | None:
        """Agents named by whose they are after the noun: "workers of the National Textile Company", "militants loyal
        to Hamas", "refugees fleeing the fighting in Sudan", "refugees from Sudan" (people who come from a
        state; not "troops from Iraq", who may be anyone's): one mention, the phrase from the agent noun."""
        if found.type not in (EntityType.STATE, EntityType.ORGANISATION) or found.group:
            return None
        name = doc[found.start:found.end].root
        if name.conjuncts:  # "governors of the U.S., Japan and France": each state's, read from the noun
            return None
        noun = self._owner_noun(name, body=found.type == EntityType.ORGANISATION)
        # people, not an office ("president of Borg-Warner") nor a body ("the central bank of Mexico")
        if noun is None or noun.tag_ != "NNS" and noun.lemma_ not in ENVOYS or self.titles.is_role(noun.text) \
                or noun.i in taken \
                or any(t.i in taken or t.is_punct and t.text != "-" for t in doc[noun.i:found.start]):
            return None
        words = [noun]
        while words[0].i > 0 and (before := doc[words[0].i - 1]).dep_ in ("compound", "amod") \
                and before.head == noun and before.i not in taken and not before.is_punct:
            words.insert(0, before)
        code = self.actors.agent([t.lemma_ for t in words])
        if code is None or code in self.actors.no_group_codes:
            return None
        if found.type == EntityType.STATE and code not in self.actors.state_codes:  # "refugees from Sudan"
            return Found(words[0].i, found.end, EntityType.ORGANISATION.value, doc[words[0].i:found.end].text,
                         agent=code, group=True, instead=found)
        return replace(found, start=words[0].i, agent=code, name_start=found.start,
                       via_metonymy=found.via_metonymy or found.type == EntityType.STATE)

    def _owner_noun(self, name: Token, *, body: bool = False) -> Token | None:
        """The noun a name says whose it is through "of", "loyal to", "fleeing (the war in)" or, for people,
        "from"."""
        fleeing = lambda t: t.dep_ == "acl" and t.tag_ == "VBG"  # noqa: E731
        if name.dep_ == "dobj" and fleeing(name.head):  # "refugees fleeing Sudan"
            return name.head.head if name.head.head.pos_ == "NOUN" else None
        if name.dep_ != "pobj":
            return None
        prep, above = name.head, name.head.head
        if prep.lower_ in ("in", "from") and (fleeing(above) or above.dep_ == "dobj" and fleeing(above.head)):
            above = above.head.head if above.dep_ == "dobj" else above.head  # "fleeing the fighting in Sudan"
        elif prep.lower_ == "to" and above.lower_ == "loyal" and above.dep_ == "amod":
            above = above.head
        elif prep.lower_ == "from" and above.pos_ == "NOUN" and (
                self.titles.key(above.lemma_) in self.titles.people_nouns or above.lemma_ in ENVOYS
                or body and self.actors.agent([above.lemma_])):  # a body's members: "gunmen from the Shining Path"
            return above
        elif prep.lower_ == "from" and above.pos_ == "VERB":  # "received a delegation from X": the parse's "from"
            return next((o for o in above.children if o.dep_ == "dobj" and o.lemma_ in ENVOYS
                         and o.right_edge.i == prep.i - 1), None)
        elif prep.lower_ != "of":
            return None
        return above if above.pos_ == "NOUN" and above.i < name.i else None

    def _agent_before(self, doc: Doc, found: Found, taken: set[int]) -> Found | None:
        """An agent noun written before a body's name says what it is: "the rebel Kurdistan Workers' Party",
        "the separatist ETA", "the dissident Charter 77" (REB, REB, OPP)."""
        word = doc[found.start - 1] if found.start else None
        if found.type != EntityType.ORGANISATION or found.group or word is None or word.i in taken \
                or not word.is_lower or word.pos_ not in ("NOUN", "ADJ") or word.dep_ not in ("amod", "compound") \
                or not found.start <= word.head.i < found.end:
            return None
        code = self.actors.agent([word.lemma_]) or self.actors.agent([word.lower_])
        return replace(found, start=word.i, agent=code, name_start=found.start) if code else None

    def groups(self, doc: Doc, found: list[Found]) -> list[Found]:
        """Peoples and movements that are no state, named by what they are: "Kurdish rebels", "Chechen
        refugees", "Moslem fundamentalists", "Bosnian Serbs" (spaCy's NORP with an agent noun, or a plural NORP),
        "Turkish Kurd refugees" and "a Karen guerrilla stronghold" (a people's name the model took for a
        person's, before an agent noun of no state)."""
        people = {f.start: f for f in found if f.type == EntityType.PERSON and f.end - f.start == 1 and f.role is None}
        taken = {i for f in found if f.start not in people for i in range(f.start, f.end)}
        out = []
        for span in doc.ents:
            if any(t.i in taken for t in span):
                continue
            extent = self._people(span) if span.label_ == "NORP" else self._people_named(span)
            if extent is None or span.label_ == "NORP" and span.start in people:
                continue
            start, end, code = extent
            if start and (before := doc[start - 1]).ent_type_ == "NORP" and before.dep_ == "amod" \
                    and before.head.i == end - 1 and before.i not in taken:  # "Turkish Kurd refugees"
                start -= 1
            if any(i in taken or i in people and i != span.start for i in range(start, end)):
                continue
            out.append(Found(start, end, EntityType.ORGANISATION.value, doc[start:end].text, agent=code, group=True,
                             instead=people.get(span.start)))
        return out

    def _people(self, span: Span) -> tuple[int, int, str | None] | None:
        """(start, end, agent code) of a people named by spaCy's NORP: "Kurdish rebels", "Bosnian Serbs"."""
        root = span.root
        head = root.head if root.dep_ in ("amod", "compound") else root
        code = self.actors.agent([head.lemma_])
        if head.i == root.i and root.tag_ not in ("NNS", "NNPS") or head.i != root.i and (
                head.tag_ != "NNS" or head.i != span.end or code in self.actors.no_group_codes
                or not (code or head.lower_ in self.titles.group_nouns)):
            return self._people_named(span) if head.i != root.i else None
        return span.start, max(head.i, span.end - 1) + 1, code

    def _people_named(self, span: Span, *, place: bool = False) -> tuple[int, int, str] | None:
        """ "Kurd refugees", "Karen guerrilla stronghold": a one-word name modifying an agent noun of a group
        that is no state's (REB, REF, OPP ...), or beside one that modifies the same noun."""
        root = span.root
        if len(span) != 1 or root.dep_ not in ("compound", "amod", "nmod") \
                or not place and span.label_ not in ("PERSON", "NORP"):
            return None
        after = span.doc[span.end] if span.end < len(span.doc) else None
        word = root.head if root.head.i == span.end else after if after is not None and after.head.i == root.head.i \
            and after.dep_ in ("compound", "amod") and after.pos_ == "NOUN" else None
        code = self.actors.agent([word.lemma_]) if word is not None else None
        if not code or code in OFFICIAL_CODES | self.actors.no_group_codes:
            return None
        return span.start, span.end + 1, code

    def _inner_agent(self, between: Span, head: Token) -> tuple[Token, str | None]:
        """An agent noun modifying another noun names the actor: "Israeli military policies" is the
        policies of the Israeli military."""
        for t in reversed(between[:-1]):
            code = self.actors.agent([t.lemma_]) if t.head.i == head.i and t.dep_ in ("amod", "compound") else None
            if code:
                return t, code
        return head, None

    def _led(self, surname: str | None) -> Entry | None:
        """The state a surname's government is ("the Reagan Administration"), from the actor dictionaries."""
        code = self.actors.government_of(surname) if surname and " " not in surname.strip() else None
        return self.gaz.lookup(self.actors.countries.get(code, "")) if code else None
