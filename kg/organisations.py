"""Organisations that spaCy's NER misses or takes for places and people, found by how news copy writes them.

- Sports results, standings and fixtures ("Partick 1 St Mirren 1", "Watford 4 2 0 2 4 5 6", "Walsall v
  Wrexham"): the names there are teams, whatever town they are named after. A state stays a state (a
  national side is written as its country, and kg keeps one node per country).
- A run of capitalised words ending in a company's legal form ("Dow Chemical Co", "Siemens AG") is a
  company; a name NER typed a person or a place is a body when it ends in an organisation's head word
  ("Kurdistan Democratic Party"). Both word lists are `data/organisations.json`.
- An abbreviation defined in parentheses after a body's name ("Kurdistan Democratic Party ( KDP )") is
  that body.
"""
from __future__ import annotations

import json
import re

from spacy.tokens import Doc, Span

from .data import read_text as data_text
from .gazetteer import Gazetteer
from .mentions import Found
from .model import EntityType
from .tables import team_spans

ORG = EntityType.ORGANISATION.value
ABBREVIATION = re.compile(r"^[A-Z][A-Z&]{1,6}$")
CONNECTORS = {"of", "for", "and", "the", "de", "&", "in", "on"}


class OrganisationNames:
    def __init__(self, gazetteer: Gazetteer) -> None:
        data = json.loads(data_text("organisations.json"))
        self.legal_forms = frozenset(data["legal_forms"])
        self.head_words = frozenset(data["head_words"]) | self.legal_forms
        self.gaz = gazetteer

    def correct(self, doc: Doc, found: list[Found]) -> list[Found]:
        """`found` with the teams, companies and defined abbreviations of `doc` made organisations."""
        found = [self._by_head_word(doc, f) for f in found]
        found = _overlay(_overlay(found, self.companies(doc), keep_longer=True), self.teams(doc), keep_longer=False)
        return sorted(found + self.abbreviations(doc, found), key=lambda f: f.start)

    def teams(self, doc: Doc) -> list[Found]:
        return [f for start, end in team_spans(doc.text) for f in self._team(doc, start, end)]

    def _team(self, doc: Doc, start: int, end: int) -> list[Found]:
        span = doc.char_span(start, end, alignment_mode="contract")
        if span is None or not len(span):
            return []
        entry = self.gaz.lookup(span.text)
        if entry is not None and entry.type == EntityType.STATE and entry.kind != "capital":
            return []  # a national side, or a header ("RUSSIA" above a table) that names the country
        return [Found(span.start, span.end, ORG, span.text)]

    def companies(self, doc: Doc) -> list[Found]:
        """ "Daniels Pharmaceuticals Inc", "Gold Fields of South Africa Ltd": capitalised words up to a legal form."""
        out, i = [], 1
        while i < len(doc):
            if doc[i].text not in self.legal_forms or not _capitalised(doc[i - 1]) or doc[i].is_sent_start:
                i += 1
                continue
            end = i + 1
            while end < len(doc) and doc[end].text in self.legal_forms and not doc[end].is_sent_start:
                end += 1  # "Co Inc"
            start = self._company_start(doc, i - 1)
            span = doc[start:end]
            if self.gaz.lookup(span.text) is None and "\n" not in span.text:
                out.append(Found(start, end, ORG, span.text))
            i = end
        return out

    @staticmethod
    def _company_start(doc: Doc, start: int) -> int:
        """Back over the capitalised words of a company's name, and an "&" or "of" between two of them."""
        while start > 0 and not doc[start].is_sent_start:
            before = doc[start - 1]
            # "Shares of Corvane Inc": a sentence's first word before "of" is not the name's
            joined = before.text in ("&", "of") and start > 1 and _capitalised(doc[start - 2]) \
                and not doc[start - 1].is_sent_start and not (before.text == "of" and doc[start - 2].is_sent_start)
            if not (_capitalised(before) or joined):
                break
            start -= 2 if joined else 1
        return start + 1 if doc[start].lower_ in ("the", "a", "an") else start

    def _by_head_word(self, doc: Doc, found: Found) -> Found:
        """A person's or place's name that ends in a body's head word is the body's ("Zemun Football Club")."""
        if found.type not in (EntityType.PERSON, EntityType.PLACE) or found.end - found.start < 2 \
                or found.via_metonymy or doc[found.end - 1].text not in self.head_words \
                or self.gaz.lookup(doc[found.start:found.end].text) is not None:
            return found
        return Found(found.start, found.end, ORG, doc[found.start:found.end].text)

    def abbreviations(self, doc: Doc, found: list[Found]) -> list[Found]:
        """ "the Kurdistan Democratic Party ( KDP )": KDP is the party, by the initials of its words."""
        by_end = {f.end: f for f in found if f.type == ORG}
        taken = {i for f in found for i in range(f.start, f.end)}
        out = []
        for token in doc[1:-1]:
            body = by_end.get(token.i - 1)
            if body is None or doc[token.i - 1].text != "(" or doc[token.i + 1].text != ")" \
                    or not ABBREVIATION.match(token.text) or token.i in taken:
                continue
            if _initials_fit(token.text, doc[body.start:body.end]):
                out.append(Found(token.i, token.i + 1, ORG, body.name))
        return out


def _capitalised(token) -> bool:
    """A word of a name: "Dow", "IBM", "Coca-Cola", "AT&T"; not "Mo.-based" nor a number."""
    parts = [p for p in re.split(r"[-&.']", token.text) if p]
    return bool(parts) and all(p[0].isupper() and p.isalpha() for p in parts)


def _initials_fit(abbreviation: str, name: Span) -> bool:
    """Do the abbreviation's letters follow the initials of the name's words, in order (joiners optional)?"""
    words = [t.text for t in name if not t.is_punct]
    initials = "".join(w[0].upper() for w in words if w.lower() not in CONNECTORS)
    letters = abbreviation.replace("&", "")
    if letters == initials:
        return True
    with_joiners = "".join(w[0].upper() for w in words)
    it = iter(with_joiners)
    return letters[0] == with_joiners[0] and all(ch in it for ch in letters) and len(letters) >= len(initials) - 1


def _overlay(found: list[Found], organisations: list[Found], *, keep_longer: bool) -> list[Found]:
    """The organisations replace the mentions they overlap, but for (`keep_longer`) an organisation found
    already that holds one."""
    out = list(found)
    for org in organisations:
        clash = [f for f in out if f.start < org.end and org.start < f.end]
        if keep_longer and any(f.type == ORG and f.start <= org.start and org.end <= f.end for f in clash):
            continue
        out = [f for f in out if f not in clash] + [org]
    return out
