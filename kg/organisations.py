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
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from .data import read_text as data_text
from .gazetteer import Gazetteer, titles
from .mentions import Found
from .model import EntityType
from .tables import team_spans

ORG = EntityType.ORGANISATION.value
JOINERS = {"of", "for", "in", "&"}
NOT_NAMES = {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}
ABBREVIATION = re.compile(r"^[A-Z][A-Z&]{1,6}$")
CONNECTORS = {"of", "for", "and", "the", "de", "&", "in", "on"}


class OrganisationNames:
    def __init__(self, nlp, gazetteer: Gazetteer) -> None:
        data = json.loads(data_text("organisations.json"))
        self.legal_forms = legal_forms()
        self.head_words = frozenset(data["head_words"]) | self.legal_forms
        # Matched in C: a scan of every token in Python costs more than all the rest of this module.
        self.describers = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.describers.add("BEFORE", list(nlp.tokenizer.pipe(data["described_by"])))
        self.describers.add("AFTER", list(nlp.tokenizer.pipe(data["describing"])))
        self.legal_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.legal_matcher.add("LEGAL", list(nlp.tokenizer.pipe(sorted(self.legal_forms))))
        self.gaz, self.titles = gazetteer, titles()

    def correct(self, doc: Doc, found: list[Found]) -> list[Found]:
        """`found` with the teams, companies and defined abbreviations of `doc` made organisations."""
        found = [self._by_head_word(doc, f) for f in found]
        found = _overlay(found, self.companies(doc) + self.described(doc), keep_longer=True)
        found = _overlay(found, self.teams(doc), keep_longer=False)
        defined = self.abbreviations(doc, found)
        # what the model made of the abbreviation itself ("MLSR" as a person) gives way to the definition
        return sorted(_overlay(found, defined, keep_longer=False), key=lambda f: f.start)

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
        out, done = [], 0
        for _, i, end in self.legal_matcher(doc):
            if i < max(done, 1) or not _capitalised(doc[i - 1]) or doc[i].is_sent_start:
                continue
            while end < len(doc) and doc[end].text in self.legal_forms and not doc[end].is_sent_start:
                end += 1  # "Co Inc"
            start = self._company_start(doc, i - 1)
            span = doc[start:end]
            if self.gaz.lookup(span.text) is None and "\n" not in span.text and not self._only_legal_forms(span):
                out.append(Found(start, end, ORG, span.text))
            done = end
        return out

    @staticmethod
    def _company_start(doc: Doc, start: int) -> int:
        """Back over the capitalised words of a company's name, and an "&" or "of" between two of them."""
        while start > 0 and not doc[start].is_sent_start:
            before = doc[start - 1]
            # "Shares of Corvane Inc": a sentence's first word before "of" is not the name's
            # nor a person "of" their firm: "John Williams of Bankers Trust Co"
            joined = before.text in ("&", "of") and start > 1 and _capitalised(doc[start - 2]) \
                and not doc[start - 1].is_sent_start and not (before.text == "of" and (
                    doc[start - 2].is_sent_start or doc[start - 2].ent_type_ == "PERSON"))
            if not (_capitalised(before) or joined):
                break
            start -= 2 if joined else 1
        return start + 1 if doc[start].lower_ in ("the", "a", "an") else start

    def described(self, doc: Doc) -> list[Found]:
        """ "the news agency Interfax", "publishers group UWP", "the Kayhan newspaper": a name that a
        common noun for a kind of body describes, written right before or after it, is a body."""
        out = []
        for label, start, end in self.describers(doc):
            if not all(t.is_lower for t in doc[start:end]):
                continue
            before = doc.vocab.strings[label] == "BEFORE"
            name = self._name_after(doc, end) if before else self._name_before(doc, start)
            if name is not None:
                out.append(Found(name.start, name.end, ORG, name.text))
        return out

    def _name_after(self, doc: Doc, start: int) -> Span | None:
        """The name after a describing noun, with a joiner between its words ("Human Rights in China")."""
        end = start
        while end < len(doc) and doc[end].ent_type_ not in NOT_NAMES and (
                _capitalised(doc[end]) and doc[end].pos_ == "PROPN" or end > start and doc[end].lower_ in JOINERS
                and end + 1 < len(doc) and _capitalised(doc[end + 1])):
            end += 1
        return self._a_name(doc[start:end])

    def _name_before(self, doc: Doc, end: int) -> Span | None:
        start = end
        while start > 0 and doc[start - 1].ent_type_ not in NOT_NAMES and (
                _capitalised(doc[start - 1]) and doc[start - 1].pos_ == "PROPN"
                and (not doc[start - 1].is_sent_start or doc[start].text == "-") or doc[start - 1].text == "-" and start > 1 and not doc[start - 2].whitespace_ and start < end):
            start -= 1  # "Al-Akhbar newspapers": a hyphen inside the name
        return self._a_name(doc[start:end])

    def _a_name(self, span: Span) -> Span | None:
        """The span, if it is a body's name: not empty, no title ("bank Governor ..."), no state."""
        if not len(span) or len(span) > 5 or span[-1].text == "&" or self._only_legal_forms(span) or \
                self.titles.key(span[0].text) in self.titles.first_words or self.gaz.lookup(span.text) is not None:
            return None
        return span

    def _only_legal_forms(self, span: Span) -> bool:
        """ "Co Ltd", "Inc": the rest of the name is out of reach ("Cayzer Irvine and Co Ltd", "LVI group Inc")."""
        return all(t.text in self.legal_forms for t in span)

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
        taken = {i for f in found if f.end - f.start > 1 or f.type == ORG for i in range(f.start, f.end)}
        out = []
        for token in doc[1:-1]:
            body = by_end.get(token.i - 1)
            if body is None or doc[token.i - 1].text != "(" or doc[token.i + 1].text != ")" \
                    or not ABBREVIATION.match(token.text) or token.i in taken:
                continue
            if _initials_fit(token.text, doc[body.start:body.end]):
                out.append(Found(token.i, token.i + 1, ORG, body.name))
        return out


@lru_cache(maxsize=1)
def legal_forms() -> frozenset[str]:
    return frozenset(json.loads(data_text("organisations.json"))["legal_forms"])


@lru_cache(maxsize=1)
def body_kinds() -> frozenset[str]:
    """The one-word nouns for a kind of body ("company", "party", "newspaper")."""
    return frozenset(w for w in json.loads(data_text("organisations.json"))["described_by"] if " " not in w)


def is_company(name: str) -> bool:
    """A name that ends in a legal form is a company's.

    >>> is_company("Vitronics Corp"), is_company("Asia-Pacific Economic Cooperation")
    (True, False)
    """
    return name.rsplit(None, 1)[-1] in legal_forms() if name.strip() else False


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
