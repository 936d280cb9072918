"""Background knowledge about actors, from the event-data field's dictionaries (`data/agents.json`,
`data/actors.json`, converted from Phoenix by `scripts/build-vocab`).

Agent nouns ("officials", "troops", "riot police") carry a CAMEO agent code (GOV, MIL, COP, ...):
"Israeli troops" is a mention of Israel whose agent is MIL. People named in the dictionaries
carry their country and dated roles; that knowledge types a mention and is kept on the node,
and never makes a relation by itself. Lookups are dicts keyed by lower-case forms.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .data import read_text as data_text

SOURCE = "Phoenix actor dictionaries (PETRARCH2, MIT)"


@dataclass(frozen=True)
class KnownPerson:
    """A person of the actor dictionaries: name, CAMEO country code and (code, from, until) roles."""

    name: str
    country: str | None
    roles: tuple[tuple[str, str, str], ...]

    def properties(self, country_name: str | None) -> dict:
        """What the node carries: its country, its roles with their dates (CAMEO actor codes: country and
        agent, "RUSGOV"), and where that came from; plain strings, so that Neo4j stores them as they are.

        >>> KnownPerson("A B", "RUS", (("RUSGOV", "2004-03-09", ""),)).properties("Russia")["actor_roles"]
        ['RUSGOV from 2004-03-09']
        """
        roles = [" ".join([code, *(["from", start] if start else []), *(["until", end] if end else [])])
                 for code, start, end in self.roles]
        return {k: v for k, v in (("country", country_name), ("actor_roles", roles), ("actor_source", SOURCE)) if v}


def person_key(name: str) -> str:
    """
    >>> person_key("Sergei  V. Lavrov")
    'sergei v lavrov'
    """
    return " ".join(re.sub(r"[.’']", " ", name.lower()).split())


class Actors:
    def __init__(self) -> None:
        phoenix = json.loads(data_text("agents.json"))["agents"]
        extra = json.loads(data_text("aliases.json"))["agents"]
        self.agents: dict[str, str] = {**phoenix, **extra["nouns"]}
        self.state_codes = frozenset(extra["state_codes"])
        self.no_group_codes = frozenset(extra["no_group_codes"])
        actors = json.loads(data_text("actors.json"))
        self.countries: dict[str, str] = actors["countries"]
        self.places: list[str] = actors["places"]
        self.bodies: dict[str, dict] = actors["bodies"]
        self.people: dict[str, KnownPerson | None] = {}
        governing: dict[str, Counter] = {}
        for name, others, roles in actors["people"]:
            person = KnownPerson(name, _country(roles), tuple(tuple(r) for r in roles))
            for form in (name, *others):
                self._add_person(person_key(form), person)
            governed = {code[:3] for code, _, _ in roles if code.endswith("GOV") and not code.startswith(("IGO", "NGO"))}
            for country in governed:
                governing.setdefault(person_key(name).split()[-1], Counter())[country] += 1
        self.governments = {surname: _dominant(counts) for surname, counts in governing.items()}

    def government_of(self, surname: str) -> str | None:
        """The country whose government people of this surname led or sat in, if one stands out: "the Reagan
        administration" is the United States'.

        >>> actors().countries[actors().government_of("Reagan")], actors().government_of("Lee") is None
        ('United States of America', True)
        """
        return self.governments.get(person_key(surname))

    def _add_person(self, key: str, person: KnownPerson) -> None:
        if key not in self.people:
            self.people[key] = person
            return
        known = self.people[key]
        if known is not None and known.country != person.country:
            self.people[key] = None  # a name two people of different countries share says nothing of either
        elif known is not None and len(person.roles) > len(known.roles):
            self.people[key] = person

    def agent(self, words: list[str]) -> str | None:
        """The agent code of a noun phrase's last words, longest first ("riot police", "police").

        >>> actors().agent(["riot", "police"]), actors().agent(["troop"]), actors().agent(["table"])
        ('COP', 'MIL', None)
        """
        for n in range(min(len(words), 3), 0, -1):
            code = self.agents.get(" ".join(words[-n:]).lower())
            if code:
                return code[:3]
        return None

    def person(self, name: str) -> KnownPerson | None:
        """
        >>> p = actors().person("Vladimir Putin")
        >>> p.country, any(code == "RUSGOV" for code, _, _ in p.roles)
        ('RUS', True)
        """
        return self.people.get(person_key(name))


def _dominant(counts: Counter) -> str | None:
    """The one country that has at least twice as many as any other."""
    (top, n), *rest = counts.most_common(2) + [(None, 0)]
    return top if n >= 2 * rest[0][1] else None


def _country(roles: list[list[str]]) -> str | None:
    """The country of a person's roles: the three-letter prefix they share, if they do ('RUSGOV' -> 'RUS')."""
    codes = {code[:3] for code, _, _ in roles if not code.startswith(("IGO", "NGO", "IMG"))}
    return codes.pop() if len(codes) == 1 else None


@lru_cache(maxsize=1)
def actors() -> Actors:
    return Actors()
