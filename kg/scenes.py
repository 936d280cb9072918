"""Where an event happened, as its target when no one is named: "exploded bombs in the capital Kabul",
"demonstrated in Monrovia", "imposed martial law in Baghdad", "will evacuate the settlements in the
Gaza Strip" (as event data codes them). The relation says so: `properties.target_role: location`.
"""
from __future__ import annotations

from spacy.tokens import Token

from .lexicon import RelationType
from .model import EntityType
from .doers import DoerReader

SCENE_CATEGORIES = {"ASSAULT", "PROTEST", "COERCE", "RETREAT"}
VISITING = {"VISITS"}  # "arrived in Dhaka for a two-day visit": where a visit is made is what it visits
# Asked for where a state is asked: "sought refuge in Germany" is asked of Germany (not of a town).
STATE_SCENE_CATEGORIES = {"REQUEST"}
SCENE_PREPS = {"in", "at", "outside", "near"}
SCENE_TYPES = {EntityType.PLACE, EntityType.STATE}


class SceneReader(DoerReader):
    def scene_targets(self, verb: Token, rtype: RelationType) -> list[str]:
        """Where a deed of a category done to a place happened, unless it was done to someone unnamed."""
        if rtype.plover in STATE_SCENE_CATEGORIES:  # by a state or a people, not a firm raising money in Australia
            askers = [s for s in self.subjects(verb) if self._type(s) != EntityType.ORGANISATION or self.mentions[s.index].group]
            return [t for t in self._scene(verb) if self._type(t) == EntityType.STATE] if askers else []
        if rtype.name in VISITING:
            return self._scene(verb)
        if rtype.plover not in SCENE_CATEGORIES or self._unnamed_actor_object(verb, rtype):
            return []
        return self._scene(verb)

    def _unnamed_actor_object(self, verb: Token, rtype: RelationType) -> bool:
        """ "fought government troops near Aleppo": the fight is with an actor the text does not name, not
        with the town (people counted as victims, "killed 23 people", are not such an actor; but people
        arrested are whom a coercion is done to: "arrested 50 protesters in Lagos" is not against Lagos)."""
        if rtype.plover == "RETREAT":  # "withdrew its troops in Chechnya": the troops are what withdraws
            return False
        if rtype.plover == "COERCE":
            return any(c.dep_ == "dobj" and self.names_people(c) for c in verb.children)
        return any(c.dep_ == "dobj" and self._is_group(c) and not any(n.dep_ == "nummod" for n in c.children)
                   for c in verb.children)

    def _scene(self, verb: Token) -> list[str]:
        """The places and states a verb, or its object, is said to happen in ("in the capital Kabul")."""
        # the verb, its object, and a clause saying when ("killed 23 people when they blew themselves up in X")
        holders = [verb] + [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.i not in self.at
                            or c.dep_ == "advcl" and c.pos_ == "VERB"]
        places = [o for h in holders for prep in h.children if prep.dep_ == "prep" and prep.lower_ in SCENE_PREPS
                  for o in prep.children if o.dep_ == "pobj"]
        places += [a for o in places if o.i not in self.at for a in o.children if a.dep_ == "appos"]
        # a place, not people named by one ("in the Gulf and U.S. officials said": a misparse of two clauses)
        return [self._mention_id(self.at[o.i]) for o in places if o.i in self.at
                and self.mentions[self.at[o.i]].type in SCENE_TYPES and not self.mentions[self.at[o.i]].agent]
