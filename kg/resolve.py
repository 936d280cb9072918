"""The resolve stage: mentions -> one node per real-world thing, within and across documents.

Titles are already off people's names (`kg.entities`); here short forms join
their long form ("Mr. Kerry" -> "Kerry" -> John Kerry), name variants join
("Bashar al-Assad" = "Bashar Assad"), abbreviations join their expansion
("AFCENT" = "Air Force Central Command", by initials), and an organisation's
shorter name joins the longer one that ends with it. Ids are stable: made from
type and canonical name, so the same corpus always gives the same ids.

`Resolver.add` takes documents as they stream in and keeps only what the
graph needs; `Resolver.graph` merges across documents with a union-find, so
the result does not depend on batch sizes or worker counts.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache

from networkx.utils import UnionFind

from .graph import merge_relations
from .model import Document, Entity, EntityType, Extraction, Graph, Mention, Relation

NAME_PARTICLES = re.compile(r"^(al|el|ad|as|ash|at|ar)-", re.I)
SMALL_WORDS = {"of", "the", "for", "and", "on", "in", "de", "du", "des", "la", "le", "to", "a"}


@lru_cache(maxsize=1 << 16)
def norm(name: str) -> str:
    """A comparison key for names: case, dots, accents, a leading "the" and punctuation ignored.

    >>> norm("The U.N."), norm("Jean-Marc  Ayrault"), norm("Associated Press")
    ('un', 'jean-marc ayrault', 'associated press')
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower().replace(".", "")
    text = re.sub(r"^the\s+", "", text.strip().replace("’", "'"))
    text = re.sub(r"[^\w\s'-]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def slug(text: str) -> str:
    """
    >>> slug("Jean-Marc Ayrault"), slug("U.N. envoy")
    ('jean-marc-ayrault', 'un-envoy')
    """
    return re.sub(r"[^a-z0-9]+", "-", norm(text)).strip("-") or "x"


def entity_id(etype: str, name: str) -> str:
    """
    >>> entity_id("State", "United States")
    'state:united-states'
    """
    return f"{etype.lower()}:{slug(name)}"


@lru_cache(maxsize=1 << 16)
def person_tokens(name: str) -> tuple[str, ...]:
    """Name words without Arabic article prefixes: "Bashar al-Assad" -> ('bashar', 'assad')."""
    return tuple(NAME_PARTICLES.sub("", w) for w in norm(name).split())


@lru_cache(maxsize=1 << 16)
def initials(name: str) -> str:
    """
    >>> initials("Air Force Central Command"), initials("United Nations")
    ('afcc', 'un')
    """
    return "".join(w[0] for w in norm(name).replace("-", " ").split() if w not in SMALL_WORDS)


@dataclass
class Cluster:
    """One thing as seen so far: its type, names (with counts), mentions, roles."""

    type: str
    names: Counter = field(default_factory=Counter)
    surfaces: set = field(default_factory=set)
    mentions: list = field(default_factory=list)
    roles: set = field(default_factory=set)
    properties: dict = field(default_factory=dict)
    scope: str = ""  # events stay within their document

    def canonical(self) -> str:
        """The fullest name: most words, then most frequent, then alphabetical."""
        return min(self.names, key=lambda n: (-len(n.split()), -self.names[n], n))


CORPORATE = re.compile(r"(\s*,?\s+(co|corp|corporation|inc|incorporated|ltd|limited|llc|plc|company|group|holdings?|"
                       r"sa|ag|nv|se|spa|bv|gmbh|lp|llp))+$")


@lru_cache(maxsize=1 << 16)
def _core(name: str) -> str:
    """An organisation's name without its legal form: "General Electric Co." -> "general electric"."""
    return CORPORATE.sub("", norm(name))


def _joins(short: Cluster, long: Cluster) -> bool:
    """Does the short name stand for the long one (same type assumed)?"""
    s, l = short.canonical(), long.canonical()
    if short.type == EntityType.PERSON:
        st, lt = person_tokens(s), person_tokens(l)
        if not st or not lt:
            return False
        if len(st) == 1:
            return len(lt) > 1 and st[0] == lt[-1]
        return len(st) < len(lt) and st[0] == lt[0] and st[-1] == lt[-1] or st == lt
    if short.type == EntityType.ORGANISATION and _core(s) == _core(l) and _core(s):
        return len(s) < len(l)  # "Boeing" -> "Boeing Co"
    if short.type in (EntityType.ORGANISATION, EntityType.PLACE):
        sw, lw = norm(s).split(), norm(l).split()
        if len(sw) < len(lw) and len(sw) >= 2 and lw[-len(sw):] == sw and short.type == EntityType.ORGANISATION:
            return True  # "Air Force Central Command" -> "U.S. Air Force Central Command"
        return len(sw) == 1 and len(s) >= 2 and norm(s).replace("-", "") in (initials(l), initials(" ".join(lw[1:])))
    return False


def _join_keys(name: str, etype: str, *, probe: bool) -> set[str]:
    """Keys under which `_joins` can hold: a short form (`probe`) and its long form share one.

    >>> sorted(_join_keys("John Kerry", "Person", probe=False)), sorted(_join_keys("Kerry", "Person", probe=True))
    (['last:kerry'], ['last:kerry'])
    """
    if etype == EntityType.PERSON:
        words = person_tokens(name)
        return {f"last:{words[-1]}"} if words else set()
    if etype not in (EntityType.ORGANISATION, EntityType.PLACE):
        return set()
    words = norm(name).split()
    if probe:  # an abbreviation is one word; a shorter name ends like the long one in two or more
        keys = {f"ini:{norm(name).replace('-', '')}"} if len(words) == 1 else set()
    else:
        keys = {f"ini:{initials(name)}", f"ini:{initials(' '.join(words[1:]))}"}
    if etype == EntityType.ORGANISATION and words:
        keys.add(f"core:{_core(name)}")
        if len(words) >= 2:
            keys.add(f"tail:{' '.join(words[-2:])}")
    return keys


class Resolver:
    """Merges documents' extractions into one graph, as they stream in."""

    def __init__(self, *, symmetric: frozenset[str] = frozenset()) -> None:
        self.symmetric = symmetric
        self.documents: list[Document] = []
        self.clusters: list[Cluster] = []
        self.by_key: dict[tuple[str, str, str], int] = {}
        # (source cluster, target cluster, relation): `graph` names the ends once clusters are joined.
        self.relations: list[tuple[int, int, Relation]] = []
        self.apart: set[tuple[str, str]] = set()  # (short name, full name) seen to be two people

    def add(self, extraction: Extraction) -> None:
        """Take one document's findings: its mentions join clusters, its relations are kept."""
        self.documents.append(extraction.document)
        local = self._local_clusters(extraction)
        self.relations += [(local[rel.source], local[rel.target], rel) for rel in extraction.relations]

    def _local_clusters(self, extraction: Extraction) -> dict[str, int]:
        """Map each local entity id to a cluster index, joining clusters of the same key."""
        ents = _one_type_per_name(_retype_person_names(extraction.entities))
        company_names = _company_names(ents)
        ents = [replace(e, type=EntityType.ORGANISATION.value) if e.name in company_names else e for e in ents]
        full_names = {**_full_names(ents), **company_names}
        self.apart |= _other_people(ents)
        out: dict[str, int] = {}
        for ent in ents:
            scope = extraction.document.id if ent.type == EntityType.EVENT else ""
            name = full_names.get(ent.name, ent.name) if ent.type in (EntityType.PERSON, EntityType.ORGANISATION) \
                else ent.name
            key = (ent.type, norm(name), scope)
            if key not in self.by_key:
                self.by_key[key] = len(self.clusters)
                self.clusters.append(Cluster(ent.type, scope=scope))
            index = self.by_key[key]
            cluster = self.clusters[index]
            cluster.names[name] += 1
            cluster.surfaces.update(ent.aliases + ((ent.name,) if name != ent.name else ()))
            cluster.mentions += ent.mentions
            cluster.roles.update(ent.roles)
            cluster.properties.update(ent.properties)
            out[ent.id] = index
        return out

    def _global_union(self) -> UnionFind:
        """Join each short form to the one longer name it fits, comparing only names that share a key."""
        uf = UnionFind()
        index: dict[str, list[int]] = defaultdict(list)
        for i, c in enumerate(self.clusters):
            uf[i]  # every cluster is a set of its own to begin with
            for key in _join_keys(c.canonical(), c.type, probe=False):
                index[key].append(i)
        order = sorted(range(len(self.clusters)), key=lambda i: -len(self.clusters[i].canonical().split()))
        for i in order:
            short = self.clusters[i]
            candidates = {j for key in _join_keys(short.canonical(), short.type, probe=True) for j in index[key]}
            matches = sorted(j for j in candidates if j != i and _joins(short, self.clusters[j])
                             and (norm(short.canonical()), norm(self.clusters[j].canonical())) not in self.apart)
            if len({uf[j] for j in matches}) == 1:  # only an unambiguous short form joins
                uf.union(i, matches[0])
        return uf

    def graph(self) -> Graph:
        """The resolved graph of every document added so far."""
        uf = self._global_union()
        groups: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.clusters)):
            groups[uf[i]].append(i)
        ids: dict[int, str] = {}
        entities = []
        for members in groups.values():
            entity = self._merged_entity([self.clusters[i] for i in members])
            entities.append(entity)
            ids.update({i: entity.id for i in members})
        # A generator: each renamed finding is merged and dropped at once, not all held beside the originals.
        relations = (replace(r, source=ids[s], target=ids[t]) for s, t, r in self.relations if ids[s] != ids[t])
        entities = _unique_ids(entities)
        return Graph(tuple(self.documents), tuple(sorted(entities, key=lambda e: e.id)),
                     tuple(merge_relations(relations, self.symmetric)))

    @staticmethod
    def _merged_entity(clusters: list[Cluster]) -> Entity:
        merged = Cluster(clusters[0].type, scope=clusters[0].scope)
        for c in clusters:
            merged.names.update(c.names)
            merged.surfaces |= c.surfaces
            merged.mentions += c.mentions
            merged.roles |= c.roles
            merged.properties.update(c.properties)
        name = merged.canonical()
        aliases = sorted((set(merged.names) | merged.surfaces) - {name}, key=lambda a: (norm(a), a))
        mentions = sorted(set(merged.mentions), key=lambda m: (m.doc, m.start, m.end))
        prefix = f"{slug(merged.scope.rsplit('.', 1)[0])}/" if merged.scope else ""
        eid = entity_id(merged.type, prefix + name) if not prefix else f"event:{prefix}{slug(name)}"
        return Entity(eid, name, merged.type, tuple(aliases), tuple(mentions), tuple(sorted(merged.roles)),
                      merged.properties)


def _full_names(entities: list[Entity]) -> dict[str, str]:
    """Within one document, a person's short name stands for the one full name it fits that was
    written before it (news names a person in full first: "Nancy Reagan" after "President Reagan" is
    someone else).

    >>> people = [Entity(f"m{i}", n, "Person", (), (Mention("d", i, i + 1, n),))
    ...           for i, n in enumerate(("Antony Blinken", "Blinken", "Kerry", "John Kerry"))]
    >>> _full_names(people)
    {'Blinken': 'Antony Blinken'}
    """
    first: dict[str, int] = {}
    for e in entities:
        if e.type == EntityType.PERSON:
            start = min((m.start for m in e.mentions), default=0)
            first[e.name] = min(first.get(e.name, start), start)
    names = sorted(first, key=lambda n: (-len(n.split()), n))
    namesakes = _by_last_name(names)
    out: dict[str, str] = {}
    for short in names:
        fits = {out.get(n, n) for n in namesakes.get(person_tokens(short)[-1:], ()) if n != short
                and first[n] < first[short] and _joins(Cluster(EntityType.PERSON, Counter([short])),
                                                       Cluster(EntityType.PERSON, Counter([n])))}
        if len(fits) == 1:
            out[short] = fits.pop()
    return out


# Bodies whose name begins longer names of their parts: "the Senate" is not the Senate Finance Committee.
INSTITUTIONS = {"senate", "house", "congress", "parliament", "assembly", "council", "court", "cabinet", "government",
                "administration", "treasury", "army", "navy", "party", "committee", "commission", "ministry"}


def _company_names(entities: list[Entity]) -> dict[str, str]:
    """Within one document, a one-word name that begins the one longer organisation name written before
    it stands for that organisation, unless it is a person's last name there or has a title: spaCy often
    tags the short form of a company as a person ("Navistar" after "Navistar International Corp").

    >>> ents = [Entity("m0", "Navistar International Corp", "Organisation", (), (Mention("d", 0, 27, "x"),)),
    ...         Entity("m1", "Navistar", "Person", (), (Mention("d", 40, 48, "Navistar"),)),
    ...         Entity("m2", "Baker", "Person", (), (Mention("d", 50, 55, "Baker"),)),
    ...         Entity("m3", "Baker International", "Organisation", (), (Mention("d", 1, 20, "x"),)),
    ...         Entity("m4", "James Baker", "Person", (), (Mention("d", 2, 13, "James Baker"),))]
    >>> _company_names(ents)
    {'Navistar': 'Navistar International Corp'}
    """
    first = {e.name: min((m.start for m in e.mentions), default=0) for e in entities}
    unfit = INSTITUTIONS | {person_tokens(e.name)[-1] for e in entities
                            if e.type == EntityType.PERSON and len(person_tokens(e.name)) > 1}  # and surnames
    by_first_word: dict[str, list[str]] = defaultdict(list)
    for e in entities:
        if e.type == EntityType.ORGANISATION and len(e.name.split()) > 1:
            by_first_word[e.name.split()[0]].append(e.name)
    out = {}
    for e in entities:
        if e.type in (EntityType.PERSON, EntityType.ORGANISATION) and len(e.name.split()) == 1 and not e.roles \
                and norm(e.name) not in unfit:
            longer = {n for n in by_first_word.get(e.name, ()) if first[n] < first[e.name]}
            if len(longer) == 1:
                out[e.name] = longer.pop()
    return out


def _other_people(entities: list[Entity]) -> set[tuple[str, str]]:
    """(short, full) name pairs that one document shows to be two people: the short name comes
    first, with a title the full name never has ("President Reagan" ... "Nancy Reagan").

    >>> people = [Entity("m0", "Reagan", "Person", (), (Mention("d", 0, 6, "Reagan"),), ("President",)),
    ...           Entity("m1", "Nancy Reagan", "Person", (), (Mention("d", 50, 62, "Nancy Reagan"),))]
    >>> _other_people(people)
    {('reagan', 'nancy reagan')}
    """
    first: dict[str, int] = {}
    roles: dict[str, set] = defaultdict(set)
    for e in entities:
        if e.type == EntityType.PERSON:
            first[e.name] = min([first.get(e.name, 1 << 62), *(m.start for m in e.mentions)])
            roles[e.name].update(e.roles)
    namesakes = _by_last_name(first)
    return {(norm(short), norm(full)) for short in first for full in namesakes.get(person_tokens(short)[-1:], ())
            if first[short] < first[full] and roles[short] and not roles[short] & roles[full]
            and _joins(Cluster(EntityType.PERSON, Counter([short])), Cluster(EntityType.PERSON, Counter([full])))}


def _by_last_name(names) -> dict[tuple[str, ...], list[str]]:
    """People's names by their last word, in the order given: a short name can only stand for a name
    that ends like it (`_joins`), so only those are compared, not every pair (issue 8: a one-line
    text of 2 MB of news names 1,755 people, and comparing all pairs took 25 s).

    >>> _by_last_name(["John Kerry", "Kerry", "Bashar al-Assad"])
    {('kerry',): ['John Kerry', 'Kerry'], ('assad',): ['Bashar al-Assad']}
    """
    out: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for name in names:
        if person_tokens(name):  # a name without words joins nothing
            out[person_tokens(name)[-1:]].append(name)
    return dict(out)


# The types spaCy confuses for one name.
CONFUSABLE_TYPES = (EntityType.PLACE, EntityType.ORGANISATION, EntityType.PERSON)


def _one_type_per_name(entities: list[Entity]) -> list[Entity]:
    """Within one document, a name NER typed differently takes its most frequent type
    (ties: place, then organisation, then person), so "Dabiq" is one node.

    >>> ents = [Entity(f"m{i}", "Dabiq", t) for i, t in enumerate(["Organisation", "Place", "Place"])]
    >>> [e.type for e in _one_type_per_name(ents)]
    ['Place', 'Place', 'Place']
    """
    votes: dict[str, Counter] = defaultdict(Counter)
    for e in entities:
        if e.type in CONFUSABLE_TYPES:
            votes[norm(e.name)][e.type] += 1
    best = {name: max(count, key=lambda t: (count[t], -CONFUSABLE_TYPES.index(t))) for name, count in votes.items()}
    return [replace(e, type=best[norm(e.name)]) if e.type in CONFUSABLE_TYPES else e for e in entities]


def _retype_person_names(entities: tuple[Entity, ...]) -> list[Entity]:
    """A non-gazetteer mention whose text is a person's (last) name in this document is that person.

    spaCy may tag one mention of "Harrigian" as an organisation and the rest as a person.
    """
    people = {w for e in entities if e.type == EntityType.PERSON for w in (norm(e.name), *person_tokens(e.name)[-1:])}
    out = []
    for e in entities:
        if e.type in (EntityType.ORGANISATION, EntityType.PLACE) and e.name == (e.aliases[0] if e.aliases else e.name) \
                and norm(e.name) in people:
            e = replace(e, type=EntityType.PERSON.value)
        out.append(e)
    return out


def _unique_ids(entities: list[Entity]) -> list[Entity]:
    """Two things whose names slug alike still get distinct ids (a numeric suffix, in name order)."""
    seen: Counter = Counter()
    out = []
    for e in sorted(entities, key=lambda e: (e.id, e.name, e.mentions[:1])):
        seen[e.id] += 1
        out.append(e if seen[e.id] == 1 else replace(e, id=f"{e.id}-{seen[e.id]}"))
    return out
