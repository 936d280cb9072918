"""Finding entity mentions in a parsed document: spaCy NER corrected by the gazetteer.

A mention gets one of the contract's types and a name: the gazetteer's
canonical name for states and well-known bodies ("Moscow denied" -> Russia),
the name without titles for people ("Col. John Thomas" -> John Thomas, with
the title kept as a role). A capital stands for its state unless it is a
location ("talks in Moscow" -> the place Moscow).
"""
from __future__ import annotations

import re

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .actors import Actors, actors
from .agents import AgentPhrases
from .mentions import Found
from .gazetteer import Entry, Gazetteer, Titles, cities
from .model import EntityType
from .organisations import OrganisationNames

DIRECTIONAL_PREPS = {"to", "from", "toward", "towards"}
MOTION = {"go", "travel", "fly", "come", "return", "arrive", "head", "move", "trip", "journey", "visit", "flight",
          "road", "route", "flee", "drive", "sail", "deploy", "march", "ride", "relocate", "escape", "evacuate",
          "way", "mission", "delegation", "leave", "depart", "miles", "kilometers", "kilometres", "km", "north",
          "south", "east", "west", "distance", "highway", "train", "bus"}
PLACE_HEADS = {"capital", "city", "town", "seat", "port", "village"}
NER_TYPES = {"PERSON": EntityType.PERSON.value, "ORG": EntityType.ORGANISATION.value, "GPE": EntityType.PLACE.value,
             "LOC": EntityType.PLACE.value, "FAC": EntityType.PLACE.value, "NORP": EntityType.STATE.value}
LOCATIVE_PREPS = {"in", "at", "near", "to", "from", "into", "outside", "inside", "around", "across", "toward",
                  "towards", "through", "via", "within", "throughout", "beyond", "onto", "out", "of"}
# Words that make a proper-noun span an organisation, whatever comes before it.
ORG_WORDS = re.compile(r"\b(Command|Council|Ministry|Party|Army|Front|Group|Agency|Committee|Organi[sz]ation|Union|"
                       r"Bank|Court|Department|Office|Forces|News|Press|Times|Post|Corp|Inc|Ltd|Company|Association|"
                       r"Institute|University|Commission|Assembly|Parliament|Brigade|Movement|Federation|Network)\b")
POSSESSIVE = re.compile(r"(’s|'s|’|')$")
# A name ending in one of these names an occasion or a document, not a body or a place.
EVENT_TAILS = {"conference", "summit", "agreement", "accord", "accords", "treaty", "communique", "communiqué",
               "resolution", "initiative", "process", "talks", "convention", "protocol", "ceasefire", "forum",
               "declaration", "charter", "games", "olympics", "election", "elections", "war", "memorandum", "dialogue",
               "dialog", "negotiations", "meeting"}
# Single words that spaCy tags as organisations at the start of a sentence or a heading.
GENERIC_ORG_WORDS = {"department", "ministry", "government", "office", "agency", "committee", "administration",
                     "embassy", "commission", "bureau", "council", "court", "question", "answer", "update"}
GOVERNMENT = re.compile(r"^(?:the\s+)?(?:(?P<state>[\w. '-]+?)\s+(?:government|regime|administration|authorities)"
                        r"|(?:government|governments|regime)\s+of\s+(?:the\s+)?(?P<state2>[\w. '-]+))$", re.I)
# Who governs from a capital ("the government in Moscow"); troops or diplomats there may be anyone's.
SEAT_NOUNS = {"government", "authority", "authorities", "official", "regime", "administration", "leadership", "ministry"}
# "an ally of Washington", "the government of Baghdad": a capital as whom one is related to is its state
RELATED_NOUNS = SEAT_NOUNS | {"ally", "partner", "enemy", "foe", "friend", "adversary", "rival", "backer", "critic",
                              "envoy", "ambassador", "embassy", "delegation", "policy", "position", "decision"}
NOT_A_NAME = re.compile(r"[@#/]|https?:|www\.")
# A one-word name the tagger takes for a common word is a capitalised word, not a name ("However", "Its")
COMMON_POS = frozenset({"ADJ", "ADV", "PRON", "DET", "ADP", "AUX", "CCONJ", "SCONJ", "PART"})


class MentionFinder(AgentPhrases):
    def __init__(self, nlp, gazetteer: Gazetteer, titles: Titles, known: Actors | None = None) -> None:
        self.gaz, self.titles, self.actors = gazetteer, titles, known or actors()
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.matcher.add("GAZ", list(nlp.tokenizer.pipe(gazetteer.patterns())))
        self.organisations = OrganisationNames(nlp, gazetteer)

    def find(self, doc: Doc) -> list[Found]:
        gaz_spans = [Span(doc, s, e, label="GAZ") for _, s, e in self.matcher(doc)]
        ner_spans = [part for e in doc.ents if e.label_ in NER_TYPES for part in self._split(e)]
        ner_spans += self._located_cities(doc)
        title_ends = {start: stop for start in range(len(doc)) if doc[start].is_title
                      and (stop := self._title_at(doc, start, len(doc)))}
        ner_spans += self._titled_names(doc, title_ends, {i for e in ner_spans for i in range(e.start, e.end)})
        # multi-word titles ("Secretary of State"): no entity is found inside one
        titles = [Span(doc, s, e) for s, e in title_ends.items() if e - s > 1 and " " in doc[s:e].text]
        trimmed = [t for t in map(self._trim, gaz_spans + ner_spans[::-1]) if t is not None]
        spans = filter_spans(titles + trimmed)
        spans = [s for s in spans if s.label_]
        in_names = {t.text for s in gaz_spans + ner_spans if len(s) > 1 for t in s}  # words of the longer names
        found = [f for f in (self._classify(s, in_names) for s in spans) if f is not None]
        found = self.organisations.correct(doc, found)
        taken = {i for f in found for i in range(f.start, f.end)}
        found = sorted(found + self._repeated_names(doc, found, taken) + self._conjoined(doc, found, taken),
                       key=lambda f: f.start)
        taken = {i for f in found for i in range(f.start, f.end)}
        found = [self._agent_phrase(doc, f, taken) or f for f in found]
        taken = {i for f in found for i in range(f.start, f.end)}
        found = [self._agent_in(doc, f, taken) or self._agent_before(doc, f, taken) or self._agent_of(doc, f, taken) or f
                 for f in found]
        groups = self.groups(doc, found)
        named = {g.instead.start for g in groups if g.instead is not None}  # "Kurd refugees": no person Kurd
        return sorted([f for f in found if f.start not in named] + groups, key=lambda f: f.start)

    def _repeated_names(self, doc: Doc, found: list[Found], taken: set[int]) -> list[Found]:
        """A one-word name the text has already given a person or body (their surname, "Lebed"; "Interfax")
        is that name wherever else it stands as a proper noun and NER missed it."""
        names: dict[str, Found] = {}
        for f in found:
            last = doc[f.end - 1]
            if f.type == EntityType.PERSON and f.end - f.start > 1 \
                    or f.type == EntityType.ORGANISATION and f.end - f.start == 1:
                names.setdefault(last.text, f)
        out = []
        for token in doc:
            f = names.get(token.text)
            if f is None or token.i in taken or token.pos_ != "PROPN" or not token.is_title and not token.is_upper \
                    or self.titles.key(token.text) in self.titles.first_words or \
                    any(t.pos_ == "PROPN" and t.i not in taken for t in doc[max(token.i - 1, 0):token.i + 2] if t != token):
                continue
            out.append(Found(token.i, token.i + 1, f.type, token.text if f.type == EntityType.PERSON else f.name))
        return out

    def _conjoined(self, doc: Doc, found: list[Found], taken: set[int]) -> list[Found]:
        """A name NER missed, coordinated with an organisation it found, is one too ("negotiations between
        Panhandle Eastern Petroleum Corp and Sonatrach")."""
        out, taken = [], set(taken)
        for f in (f for f in found if f.type == EntityType.ORGANISATION):
            for name in doc[f.end - 1].conjuncts:
                start = min([name.i] + [c.i for c in name.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"])
                text = doc[start:name.i + 1].text
                if name.pos_ == "PROPN" and name.is_title and len(name) > 1 and not self.titles.is_role(text) \
                        and not any(i in taken for i in range(start, name.i + 1)) and self.gaz.lookup(text) is None:
                    out.append(Found(start, name.i + 1, EntityType.ORGANISATION.value, text))
                    taken |= set(range(start, name.i + 1))
        return out

    def _titled_names(self, doc: Doc, title_ends: dict[int, int], named: set[int]) -> list[Span]:
        """A name after a person's title (`title_ends`: where each title ends) that NER missed is a person's when
        the actor dictionaries know it ("Jordan's King Abdullah II"; not "the General Agreement on Tariffs")."""
        out = []
        for stop in title_ends.values():
            end = stop
            while end < len(doc) and end - stop < 3 and doc[end].pos_ == "PROPN" and end not in named \
                    and (doc[end].is_title or doc[end].is_upper and len(doc[end]) <= 4):
                end += 1
            name = doc[stop:end].text
            if end > stop and (self.actors.person(name) or self.actors.government_of(doc[end - 1].text)):
                out.append(Span(doc, stop, end, label="PERSON"))
        return out

    def _located_cities(self, doc: Doc) -> list[Span]:
        """Known cities named as places ("in Aleppo", "the city of Manbij") that NER missed or took for a person."""
        out = []
        for token in doc:
            head = token.head
            named = head.lower_ == "of" and self.titles.key(head.head.lemma_) in self.titles.place_nouns
            place = head.lower_ in LOCATIVE_PREPS - {"of"} or named
            if token.dep_ != "pobj" or not place or token.pos_ != "PROPN":
                continue
            start = min(t.i for t in token.subtree if t.pos_ == "PROPN" or t.i == token.i)
            span = doc[start:token.i + 1]
            # "the town of Bihac": what a place noun names is a place, known or not, where NER saw no name
            if span.text in cities() or named and not any(t.ent_type_ in NER_TYPES for t in span):
                out.append(Span(doc, span.start, span.end, label="GPE"))
        return out

    def _split(self, span: Span) -> list[Span]:
        """NER sometimes runs two names together over a comma ("Iraqi Armed Forces, Popular Mobilization
        Forces"), a spaced dash or a line break ("CRICKET - AUSTRALIA", a headline's section and its subject),
        or a hyphen between two states ("Soviet-American talks")."""
        doc = span.doc

        def cut(t: Token) -> bool:
            return t.is_space or t.text in "()" or t.text in "-\u2013\u2014" and t.i > 0 and bool(doc[t.i - 1].whitespace_ and t.whitespace_) \
                or t.text == "," and span.label_ != "PERSON" or t.text == "-" and span.start < t.i < span.end - 1 \
                and all(self.gaz.lookup(doc[i].text) is not None for i in (t.i - 1, t.i + 1))
        if not any(cut(t) for t in span):
            return [span]
        parts, start = [], span.start
        for t in span:
            if cut(t):
                parts.append(Span(doc, start, t.i, label=span.label_))
                start = t.i + 1
        parts.append(Span(doc, start, span.end, label=span.label_))
        named = [Span(doc, p.start + 1, p.end, label=p.label_) if len(p) > 1 and p[0].lower_ == "the" else p
                 for p in parts if len(p)]  # (a slice of a span loses its label)
        return [p for p in named if p[0].is_title or p[0].is_upper]

    def _trim(self, span: Span) -> Span | None:
        """Drop leading determiners, spaces and titles, a trailing possessive and number from a span."""
        start, end = span.start, span.end
        doc, people = span.doc, span.label_ == "PERSON"
        while start < end:
            title_end = self._title_at(doc, start, end) if people else None
            if not (title_end or doc[start].lower_ in ("the", "a", "an") or doc[start].is_space):
                break
            start = title_end or start + 1
        while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_space
                               or doc[end - 1].like_num and span.label_ != "GAZ"):
            end -= 1
        if start >= end:
            return None
        return Span(span.doc, start, end, label=span.label_)

    def _title_at(self, doc: Doc, start: int, end: int) -> int | None:
        """End of a title (rank, honorific, office) starting at token `start`, if one does."""
        if self.titles.key(doc[start].text) not in self.titles.first_words:
            return None
        for stop in range(min(end, start + 6), start, -1):
            text = doc[start:stop].text
            nxt = stop + 1 if stop < len(doc) and doc[stop].text == "." else stop
            if self.titles.is_title(text) and (stop < end or text.endswith(".")):
                return nxt if nxt <= end else stop
        return None

    def _classify(self, span: Span, in_names: set[str]) -> Found | None:
        if NOT_A_NAME.search(span.text):
            return None
        entry = self.gaz.lookup(span.text, loose=span.label_ != "GAZ")
        if span.label_ == "GAZ" and entry is None:
            # The matcher also matches capitalised forms ("Al-Nusra" for "al-Nusra") that only a loose lookup finds.
            entry = self.gaz.lookup(span.text, loose=True)
            if entry is None:
                return None
        if span.label_ == "GAZ" or entry is not None and span.label_ != "PERSON":
            return self._from_entry(span, entry)
        etype = NER_TYPES[span.label_] if not (span.label_ == "FAC" and self._acts(span.root)) \
            else EntityType.ORGANISATION.value  # a building does not hold talks: "talks with Dome"
        government = self._government(span)
        if government is not None:
            return government
        if etype == EntityType.ORGANISATION and len(span) == 1 and span.text in cities() and not self._acts(span.root) \
                or self._named_place(span):
            etype = EntityType.PLACE.value  # NER takes many a town for an organisation or a person
        if span[-1].lower_ in EVENT_TAILS | {t + "s" for t in EVENT_TAILS} and len(span) > 1:
            return Found(span.start, span.end, EntityType.EVENT.value, span.text)
        if len(span) == 1 and (span[0].lower_ in GENERIC_ORG_WORDS or self._common_word(span, in_names)
                               or etype == EntityType.PERSON and span[0].pos_ != "PROPN"):
            return None  # "Department", "QUESTION:", "Missiles struck ...", "However, ...", "Fierce fighting"
        if span.label_ == "NORP":
            return self._norp(span)
        if etype != EntityType.PERSON and not ORG_WORDS.search(span.text) and (
                self._follows_role(span) or span.label_ == "ORG" and len(span) > 1 and self.actors.person(span.text)):
            etype = EntityType.PERSON.value  # "U.N. envoy Staffan de Mistura", a person of the actor dictionaries
        if etype == EntityType.PERSON:
            return self._person(span)
        if all(t.is_lower or self.titles.is_title(t.text) for t in span if not t.is_punct):
            return None
        return Found(span.start, span.end, etype, POSSESSIVE.sub("", span.text))

    @staticmethod
    def _common_word(span: Span, in_names: set[str]) -> bool:
        """A one-word span of a capitalised word the tagger takes for a common one: "However, ...", "Its success",
        and a sentence's first word modifying a noun ("Fierce fighting ..."). Not "CONCACAF", nor a name modifying a
        noun within a sentence ("former Auxerre playmaker"), nor one that a longer name of the text has
        ("Coastal spokesman Jim Bailey" after "Coastal Corp"), nor a people's name NER tags."""
        token = span[0]
        if token.pos_ not in COMMON_POS or token.is_upper:
            return False
        return token.dep_ not in ("amod", "compound") or token.is_sent_start and token.text not in in_names \
            and span.label_ != "NORP"

    def _named_place(self, span: Span) -> bool:
        """ "the town of Tel Tamer", and a "person" after "in" ("fighting in Raqqah"), are places."""
        root = span.root
        if root.dep_ != "pobj" or span.label_ not in ("PERSON", "ORG"):
            return False
        prep = root.head
        if prep.lower_ == "of":
            return self.titles.key(prep.head.lemma_) in self.titles.place_nouns
        return span.label_ == "PERSON" and prep.lower_ in ("in", "near", "outside", "inside", "around", "throughout")

    def _government(self, span: Span) -> Found | None:
        """ "the Syrian Government", "Government of Iraq" name the state itself."""
        text = POSSESSIVE.sub("", span.text)
        match = GOVERNMENT.match(text)
        if not match:
            return None
        entry = self.gaz.lookup(match.group("state") or match.group("state2") or "") or self._led(match.group("state"))
        if entry is None or entry.type != EntityType.STATE:
            return None
        return Found(span.start, span.end, EntityType.STATE.value, entry.name, via_metonymy=True)

    def _from_entry(self, span: Span, entry: Entry) -> Found:
        if entry.kind == "capital" and (self._is_location(span.root) and not self._seat_of(span.root)
                                        or self._before_its_country(span)):
            return Found(span.start, span.end, EntityType.PLACE.value, span.text)
        return Found(span.start, span.end, entry.type, entry.name, via_metonymy=entry.kind in ("capital", "demonym"))

    def _seat_of(self, token: Token) -> bool:
        """ "the government in Bonn", "officials in Moscow", "an ally of Washington": a capital as the seat of who
        governs is the state."""
        prep = token.head
        return token.dep_ == "pobj" and (prep.lower_ == "in" and prep.head.lemma_.lower() in SEAT_NOUNS
                                         or prep.lower_ == "of" and prep.head.lemma_.lower() in RELATED_NOUNS)

    def _norp(self, span: Span) -> Found | None:
        """A non-demonym group name is an entity only as a place: "the city of Aleppo"."""
        head = span.root.head
        if span.root.dep_ == "pobj" and head.lower_ == "of" and self.titles.key(head.head.lemma_) in self.titles.place_nouns:
            return Found(span.start, span.end, EntityType.PLACE.value, span.text)
        return None

    def _person(self, span: Span) -> Found | None:
        name = POSSESSIVE.sub("", span.text).strip()
        if not name or self.titles.is_title(name) or self.gaz.lookup(name) is not None:
            return None
        role, holder = self._role_before(span)
        return Found(span.start, span.end, EntityType.PERSON.value, name, role, holder,
                     titled_start=self._titles_start(span), known=self._known_person(name))

    def _known_person(self, name: str) -> dict | None:
        """A person of the actor dictionaries: country and dated roles, for the node (never a relation)."""
        person = self.actors.person(name) if " " in name else None
        if person is None:
            return None
        country = self.actors.countries.get(person.country or "")
        entry = self.gaz.lookup(country) if country else None
        return person.properties(entry.name if entry is not None else country)

    def _follows_role(self, span: Span) -> bool:
        return span.start > 0 and self.titles.is_role(span.doc[span.start - 1].text)

    def _titles_start(self, span: Span) -> int | None:
        """Where the capitalised titles and ranks right before a name begin ("Lt. Gen. Jeffrey Harrigian")."""
        doc, i = span.doc, span.start
        while i > 0:
            for length in range(min(6, i), 0, -1):
                words = doc[i - length:i]
                if not any(t.is_space or t.is_punct and t.text not in "-." for t in words) and \
                        words[0].is_title and self.titles.is_title(words.text):
                    i -= length
                    break
            else:
                break
        return i if i < span.start else None

    def _role_before(self, span: Span) -> tuple[str | None, int | None]:
        """The office or role written just before a name, and the token of whose it is.

        "Russian Foreign Minister Sergei Lavrov" -> ("Foreign Minister", token of "Russian").
        """
        doc, i = span.doc, span.start
        ends = [i]  # the role may end at the name, or before a rank ("chief Lt. Gen. Jeffrey Harrigian")
        while i > 0 and (doc[i - 1].text == "." or self.titles.key(doc[i - 1].text) in
                         self.titles.ranks | self.titles.honorifics):
            i -= 1
        for end in dict.fromkeys(ends + [i]):
            for length in range(min(6, end), 0, -1):
                words = doc[end - length:end]
                if self.titles.is_role(words.text) and not any(t.is_punct and t.text != "-" or t.is_space
                                                               for t in words):
                    holder = end - length - 1
                    while holder > 0 and doc[holder].pos_ == "ADJ" and doc[holder].is_lower and holder > end - length - 3:
                        holder -= 1  # "Nigerian junior foreign minister": the holder is before the rank
                    if holder > 0 and doc[holder].tag_ == "POS":  # "Egypt's President ..."
                        holder -= 1
                    return words.text, holder if holder >= 0 and not doc[holder].is_punct else None
        return None, None

    def _before_its_country(self, span: Span) -> bool:
        """ "Berlin, Germany": a city named with its country is a place."""
        doc = span.doc
        if span.end + 1 >= len(doc) or doc[span.end].text != ",":
            return False
        entry = self.gaz.lookup(doc[span.end + 1].text) or self.gaz.lookup(doc[span.end + 1:span.end + 3].text)
        return entry is not None and entry.kind == "country"

    @staticmethod
    def _acts(token: Token) -> bool:
        """Named as one who acts or takes part, not where: "Columbia said", "talks with Columbia"."""
        return token.dep_ == "nsubj" and token.head.pos_ == "VERB" or \
            token.dep_ == "pobj" and token.head.lower_ in ("with", "by", "between", "against")

    @staticmethod
    def _is_location(token: Token) -> bool:
        """Is this capital a place here ("talks in Moscow") rather than its government?"""
        while token.dep_ == "conj":
            token = token.head
        if token.dep_ == "pobj" and token.head.lower_ in DIRECTIONAL_PREPS:
            # "flew to Moscow", "a delegation to Berlin", but "sold wheat to Moscow"
            return token.head.head.lemma_ in MOTION or token.head.head.head.lemma_ in MOTION
        if token.dep_ == "pobj":
            return token.head.lower_ in LOCATIVE_PREPS
        if token.dep_ == "appos" and token.head.lemma_.lower() in PLACE_HEADS:
            return True  # "the Ukrainian capital, Kyiv"
        return token.dep_ in ("npadvmod", "appos") and token.head.pos_ == "PROPN"
