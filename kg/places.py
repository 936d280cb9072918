"""Places in the parse: "the Syrian city of Aleppo", "Aleppo, Syria", "the Pentagon in Washington",
"the Ukrainian capital, Kyiv" -> LOCATED_IN. A part of `kg.relations.DocumentRelations`."""
from __future__ import annotations

from .intents import IntentReader
from .model import EntityType


class PlaceReader(IntentReader):
    def _places(self) -> None:
        """ "the Syrian city of Aleppo", "Aleppo, Syria", "the Pentagon in Washington" -> LOCATED_IN."""
        for n, m in enumerate(self.mentions):
            if m.type not in (EntityType.PLACE, EntityType.ORGANISATION):
                continue
            root, me = self.doc[m.end - 1], self._mention_id(n)
            if m.type == EntityType.PLACE and root.dep_ == "pobj" and root.head.lower_ == "of" and \
                    self.titles.key(root.head.head.lemma_) in self.titles.place_nouns:
                container = self._container(root.head.head, root)
                if container:
                    self.add([me], "LOCATED_IN", [container], root, "place")
            nxt = self.doc[m.end + 1] if m.end + 1 < len(self.doc) else None
            if m.type == EntityType.PLACE and nxt is not None and self.doc[m.end].text == "," and nxt.i in self.at:
                other = self.mentions[self.at[nxt.i]]
                after = self.doc[other.end] if other.end < len(self.doc) else None
                # not "after talks in Bonn, Mitterrand said": the comma closes an adjunct before the subject
                if other.type in (EntityType.STATE, EntityType.PLACE) and self.doc[other.end - 1].dep_ not in (
                        "nsubj", "nsubjpass") and (after is None or after.lower_ not in ("and", "or")):
                    self.add([me], "LOCATED_IN", [self._mention_id(self.at[nxt.i])], root, "place")
            if m.type != EntityType.PLACE:
                continue
            for prep in (c for c in root.children if c.dep_ == "prep" and c.lower_ == "in"):
                for obj in (p for p in prep.children if p.dep_ == "pobj" and p.i in self.at):
                    if self.mentions[self.at[obj.i]].type in (EntityType.STATE, EntityType.PLACE):
                        self.add([me], "LOCATED_IN", [self._mention_id(self.at[obj.i])], root, "place")

    def _appositive_places(self) -> None:
        """ "the Ukrainian capital, Kyiv", "Kyiv, the Ukrainian capital" -> LOCATED_IN(Kyiv, Ukraine)."""
        for token in self.doc:
            if token.dep_ != "appos":
                continue
            for place, noun in ((token, token.head), (token.head, token)):
                if place.i in self.at and self.mentions[self.at[place.i]].type == EntityType.PLACE \
                        and noun.i not in self.at \
                        and self.titles.key(noun.lemma_) in self.titles.place_nouns:
                    container = self._container(noun, place)
                    if container:
                        self.add([self._mention_id(self.at[place.i])], "LOCATED_IN", [container], noun, "place")
