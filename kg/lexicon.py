"""The relation vocabulary: which words say which relation, read from data files.

The bundled `data/relations.json` holds the vocabulary; a user's file of the
same shape extends it (`kg extract --lexicon FILE`).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import data
from .errors import KgError, LexiconError, SchemaError
from .schema import check_type_name


# The 2021 PLOVER manual's categories (CONTRACT.md, properties.plover).
PLOVER_CATEGORIES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                     "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
HOSTILE_CATEGORIES = frozenset(PLOVER_CATEGORIES[8:])  # the manual orders the cooperative eight first


@dataclass(frozen=True)
class RelationType:
    name: str
    symmetric: bool = False
    verbs: frozenset[str] = frozenset()
    verb_preps: frozenset[str] = frozenset()
    phrasal: frozenset[tuple[str, str]] = frozenset()  # ("call", "on"): that verb, only with that preposition
    object_verbs: frozenset[str] | None = None
    nouns: frozenset[str] = frozenset()
    noun_preps: frozenset[str] = frozenset()
    appositions: frozenset[str] = frozenset()
    event_objects: bool = False
    requires_event: bool = False
    clause_targets: bool = False
    clause_events: bool = False  # a clause object with no object of its own is still an Event ("denied it was there")
    plover: str | None = None  # its PLOVER category; None for types that are not events (HOLDS_ROLE)
    cameo: str | None = None  # the CAMEO code of what its own words say
    cameo_codes: frozenset[str] = frozenset()  # the CAMEO codes (prefixes) of verbs that say this type
    recipient: bool = False  # a thing goes to someone: "gave aid to Y", "offered Y help" -> Y, not the aid
    # "denied the motion", "denied a request": with such an object the verb says `refused_as` instead
    refused_objects: frozenset[str] = frozenset()
    refused_as: str | None = None
    owner_targets: bool = False  # whose object is the target too: "condemned ISIL's attacks" is against ISIL
    owner_of: bool = False  # and the owner after "of": "shelled positions of X"
    reciprocal: frozenset[str] = frozenset()  # words said of two who do it to each other: "X and Y clashed"
    spoken: bool = False  # done by saying it: a passive with no doer in what X says is X's ("are denied")
    # who, with one of these verbs, hosts a relation of another type between two others has this
    # one with each of them ("Egypt hosted talks between X and Y": meets each, CAMEO 043)
    hosts: frozenset[str] = frozenset()
    hosts_cameo: str | None = None
    patterns_decide: bool = False  # a CAMEO pattern fitting its verb's frame says the type ("attacked the plan": 111)
    # deeds named as its object whose "against", "on" or "with" is its target, beside any hostile type's
    # nouns: "threatened retaliation against X", "threatened sanctions on Japan", "warned of war with India"
    deed_nouns: frozenset[str] = frozenset()
    topic_objects: bool = False  # its object is what it is about: "discussed trade with Japan" -> Japan
    claimants_as: str | None = None  # the type said against whose claims its object is ("denied X's accusations")

    def mutual(self, word: str) -> bool:
        """Whether two who do what `word` says do it to each other ("negotiated", "clashed")."""
        return self.symmetric or word in self.reciprocal


@dataclass(frozen=True)
class Lexicon:
    types: dict[str, RelationType] = field(default_factory=dict)

    def type_for_code(self, code: str | None) -> RelationType | None:
        """The type a CAMEO code says: the one listing the code's longest prefix.

        >>> load_lexicon().type_for_code("0331").name, load_lexicon().type_for_code("045").name
        ('OFFERS', 'BROKERED')
        """
        while code:
            for rtype in self.types.values():
                if code in rtype.cameo_codes:
                    return rtype
            code = code[:-1]
        return None

    def event_properties(self, name: str, code: str | None = None) -> dict:
        """properties.plover and properties.cameo for a relation of type `name`."""
        rtype = self.types.get(name)
        if rtype is None or rtype.plover is None:
            return {}
        code = code or rtype.cameo
        return {"plover": rtype.plover, "cameo": code} if code else {"plover": rtype.plover}

    @property
    def symmetric(self) -> frozenset[str]:
        return frozenset(n for n, t in self.types.items() if t.symmetric)

    def verb_types(self, lemma: str) -> list[RelationType]:
        return [t for t in self.types.values() if lemma in t.verbs or any(v == lemma for v, _ in t.phrasal)]

    @staticmethod
    def object_preps(rtype: RelationType, lemma: str) -> set[str]:
        """Prepositions whose object is this verb's target: "negotiate with", and "call on" for "call"."""
        return set(rtype.verb_preps) | {p for v, p in rtype.phrasal if v == lemma}

    def host_type(self, lemma: str) -> RelationType | None:
        """The type who hosts others' talks with verb `lemma` has with each of them.

        >>> load_lexicon().host_type("host").name, load_lexicon().host_type("hold")
        ('MEETS_WITH', None)
        """
        return next((t for t in self.types.values() if lemma in t.hosts), None)

    def noun_types(self, lemma: str) -> list[RelationType]:
        return [t for t in self.types.values() if lemma in t.nouns]

    def apposition_types(self, lemma: str) -> list[RelationType]:
        return [t for t in self.types.values() if lemma in t.appositions]


def _relation_type(name: str, spec: dict) -> RelationType:
    sets = {k: frozenset(w.lower() for w in spec.get(k, [])) for k in
            ("verbs", "verb_preps", "nouns", "noun_preps", "appositions", "deed_nouns")}
    # "call on" in verbs: the verb "call" says this relation only with "on".
    phrasal = frozenset(tuple(v.split(" ", 1)) for v in sets["verbs"] if " " in v)
    sets["verbs"] = frozenset(v for v in sets["verbs"] if " " not in v)
    objs = spec.get("object_verbs")
    hosts = spec.get("hosts", {})
    if not isinstance(hosts, dict) or not isinstance(hosts.get("verbs", []), list):
        raise LexiconError(f"relation type {name}: hosts must be an object with a 'verbs' list and a 'cameo' code")
    plover = spec.get("plover")
    if plover is not None and plover not in PLOVER_CATEGORIES:
        raise LexiconError(f"relation type {name}: plover {plover!r} is not one of {', '.join(PLOVER_CATEGORIES)}")
    return RelationType(name=name, symmetric=bool(spec.get("symmetric", False)),
                        plover=plover, cameo=spec.get("cameo"), cameo_codes=frozenset(spec.get("cameo_codes", [])),
                        recipient=bool(spec.get("recipient", False)),
                        object_verbs=frozenset(objs) if objs is not None else None,
                        event_objects=bool(spec.get("event_objects", False)),
                        requires_event=bool(spec.get("requires_event", False)),
                        clause_targets=bool(spec.get("clause_targets", False)),
                        clause_events=bool(spec.get("clause_events", False)), phrasal=phrasal,
                        owner_targets=bool(spec.get("owner_targets", False)),
                        owner_of=spec.get("owner_targets") == "of",
                        reciprocal=frozenset(spec.get("reciprocal", [])), spoken=bool(spec.get("spoken", False)),
                        hosts=frozenset(hosts.get("verbs", [])), hosts_cameo=hosts.get("cameo"),
                        patterns_decide=bool(spec.get("patterns_decide", False)),
                        topic_objects=bool(spec.get("topic_objects", False)), claimants_as=spec.get("claimants_as"),
                        refused_objects=frozenset(spec.get("refused_objects", [])), refused_as=spec.get("refused_as"),
                        **sets)


def _read(path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LexiconError(f"cannot read lexicon {path}: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("types"), dict):
        raise LexiconError(f"lexicon {path} needs an object with a 'types' object (see kg/data/relations.json)")
    for name in data["types"]:
        try:
            check_type_name(name)  # the one rule for names, so kg load and the exports accept what this does
        except SchemaError as exc:
            raise LexiconError(f"lexicon {path}: {exc}") from None
    return data["types"]


def merge_specs(base: dict, extra: dict) -> dict:
    """Extend `base` with `extra`: word lists are joined, flags are overridden.

    >>> merge_specs({"A": {"verbs": ["x"]}}, {"A": {"verbs": ["y"], "symmetric": True}})
    {'A': {'verbs': ['x', 'y'], 'symmetric': True}}
    """
    merged = {name: dict(spec) for name, spec in base.items()}
    for name, spec in extra.items():
        target = merged.setdefault(name, {})
        for key, value in spec.items():
            joined = isinstance(value, list) and isinstance(target.get(key, []), list)
            target[key] = target.get(key, []) + value if joined else value
    return merged


@lru_cache(maxsize=8)
def load_lexicon(extra: str | None = None) -> Lexicon:
    """The bundled vocabulary, extended by the lexicon file at `extra` if given.

    >>> lex = load_lexicon()
    >>> "NEGOTIATES_WITH" in lex.symmetric, lex.verb_types("deny")[0].name
    (True, 'DENIES')
    """
    specs = _read(data.path("relations.json"))
    if extra:
        specs = merge_specs(specs, _read(Path(extra)))
    types = {name: _relation_type(name, spec) for name, spec in specs.items()}
    for rtype in types.values():
        for field in ("refused_as", "claimants_as"):
            named = getattr(rtype, field)
            if named is not None and named not in types:
                raise LexiconError(f"relation type {rtype.name}: {field} {named!r} is no relation type")
    return Lexicon(types)
