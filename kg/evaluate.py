"""Score a graph against gold annotations (`kg eval`; the gold format is in docs/evaluation.md).

The matching rules are those of the project's scorer, so `kg eval` reports the figures we publish:

- an entity matches a gold entity (or optional one) when its name, else one of its aliases, equals
  the gold name or a gold alias after `normalise`, and its type is one of the gold types
  (`loose`: State, Organisation and Place stand for one another); only Person, State,
  Organisation and Place are scored;
- a second entity matching a gold entity already matched is a duplicate (a resolution miss) and
  counts against precision; one matching no gold entity is a false positive; one matching an
  optional entity counts neither way;
- a relation matches a gold relation when the types agree (`classes`: share a relation class,
  `kg/data/relation_classes.json`, where `properties.plover` also gives one) and both ends match:
  a gold end names a gold entity (by its name), or is `{"event": [keywords]}`, matching any entity
  whose name contains a keyword; gold `"symmetric": true` allows either direction. A repeat of a
  matched gold relation counts neither way, and so does a match of an optional relation;
- a predicted relation of a forbidden type from a forbidden source, or an entity named like a
  forbidden one, is listed as forbidden;
- with several documents in the graph, each gold file is scored against its own document (the one
  whose id or source file name is that of the gold "text"); counts of the files are summed.

Everything takes graph JSON as dicts (`kg.graph.to_json`), so the figures do not depend on how
the graph was read.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .data import read_text as data_text
from .errors import KgError
from .model import EntityType

SCORED_TYPES = frozenset({EntityType.PERSON, EntityType.STATE, EntityType.ORGANISATION, EntityType.PLACE})
NOT_SCORED_ENDS = frozenset({"Document", "Sentence", "Chunk", "Mention", "Article"})
LOOSE_TYPES = frozenset({EntityType.STATE, EntityType.ORGANISATION, EntityType.PLACE})


class EvalError(KgError):
    """A gold file that cannot be read or does not have the documented shape."""


def normalise(name: str) -> str:
    """The form names are compared in: case, dots, a leading "the", punctuation and spacing dropped.

    >>> normalise("The U.S.  Air-Force, ")
    'us air-force'
    >>> normalise("Côte d\u2019Ivoire") == normalise("côte d'ivoire")
    True
    """
    text = re.sub(r"^the\s+", "", name.lower().replace("\u2019", "'").replace(".", "").strip())
    return " ".join(re.sub(r"[^\w\s'-]", " ", text).split())


def _relation_classes() -> tuple[dict[str, frozenset[str]], dict[str, str]]:
    data = json.loads(data_text("relation_classes.json"))
    by_type: dict[str, set[str]] = {name: {name} for name in data["classes"]}
    for name, members in data["classes"].items():
        for rtype in members:
            by_type.setdefault(rtype, set()).add(name)
    return {t: frozenset(c) for t, c in by_type.items()}, data["plover"]


CLASSES_OF_TYPE, CLASS_OF_PLOVER = _relation_classes()


def gold_kinds(rtype: str, classes: bool) -> frozenset[str]:
    """What a gold relation type is compared by: itself, or its classes (none: not scored).

    >>> sorted(gold_kinds("COOPERATES_WITH", True)), gold_kinds("DENIES", True), gold_kinds("DENIES", False)
    (['ALLIANCE', 'COMMUNICATION'], frozenset(), frozenset({'DENIES'}))
    """
    return CLASSES_OF_TYPE.get(rtype, frozenset()) if classes else frozenset({rtype})


def predicted_kinds(relation: dict, classes: bool) -> frozenset[str]:
    """As `gold_kinds`, plus the class of the relation's PLOVER category when scoring classes.

    >>> sorted(predicted_kinds({"type": "DEMANDS", "properties": {"plover": "threaten"}}, True))
    ['CONFLICT']
    """
    kinds = gold_kinds(relation.get("type", ""), classes)
    plover = str((relation.get("properties") or {}).get("plover", "")).upper()
    if classes and plover in CLASS_OF_PLOVER:
        kinds = kinds | {CLASS_OF_PLOVER[plover]}
    return kinds


def _types(gold_entity: dict) -> set[str]:
    t = gold_entity["type"]
    return set(t) if isinstance(t, list) else {t}


class GoldEntities:
    """The gold entities of one file, required then optional, looked up by normalised name or alias."""

    def __init__(self, required: list[dict], optional: list[dict], loose: bool = False):
        self.items = [(g, False) for g in required] + [(g, True) for g in optional]
        self.loose = loose
        self.by_name: dict[str, list[int]] = {}
        for index, (g, _) in enumerate(self.items):
            for name in (g["name"], *g.get("aliases", [])):
                self.by_name.setdefault(normalise(name), []).append(index)

    def type_fits(self, etype: str, index: int) -> bool:
        gold = _types(self.items[index][0])
        return etype in gold or (self.loose and etype in LOOSE_TYPES and bool(gold & LOOSE_TYPES))

    def match(self, entity: dict) -> int | None:
        """The index of the gold entity `entity` is; its name is tried before its aliases."""
        for names in ([entity.get("name", "")], entity.get("aliases") or []):
            for name in names:
                for index in self.by_name.get(normalise(name), []):
                    if self.type_fits(entity["type"], index):
                        return index
        return None

    def name(self, index: int) -> str:
        return self.items[index][0]["name"]

    def optional(self, index: int) -> bool:
        return self.items[index][1]


@dataclass
class Part:
    """Counts of one part (entities or relations) and what lies behind them."""
    tp: int = 0
    fp: int = 0
    required: int = 0
    duplicates: int = 0
    ignored: int = 0
    gold_dropped: int = 0
    missed: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    duplicate_names: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        judged = self.tp + self.fp + self.duplicates
        return self.tp / judged if judged else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.required if self.required else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "Part") -> "Part":
        return Part(*(getattr(self, k) + getattr(other, k) for k in
                      ("tp", "fp", "required", "duplicates", "ignored", "gold_dropped",
                       "missed", "false_positives", "duplicate_names")))

    def figures(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "duplicates": self.duplicates, "required": self.required,
                "ignored": self.ignored, "gold_dropped": self.gold_dropped, "precision": self.precision,
                "recall": self.recall, "f1": self.f1, "missed": self.missed,
                "false_positives": self.false_positives, "duplicate_names": self.duplicate_names}


@dataclass
class Score:
    """The score of a graph against one gold file, or the sum over several (`name` "all")."""
    name: str
    entities: Part
    relations: Part
    forbidden: list[str]
    warnings: list[str] = field(default_factory=list)

    def add(self, other: "Score") -> "Score":
        return Score("all", self.entities.add(other.entities), self.relations.add(other.relations),
                     self.forbidden + other.forbidden, self.warnings + other.warnings)


def score_entities(pred: dict, gold: GoldEntities, gold_doc: dict, scope: set[str] | None,
                   forbidden: list[str]) -> tuple[Part, dict[str, int | None]]:
    """Entity counts, and the gold index of every predicted entity (for the relation ends)."""
    part = Part(required=len(gold_doc["entities"]))
    banned = {normalise(name) for name in gold_doc.get("forbidden_entities", [])}
    gold_of: dict[str, int | None] = {}
    matched: set[int] = set()
    for eid, entity in {e["id"]: e for e in pred.get("entities", [])}.items():
        scored = entity.get("type") in SCORED_TYPES
        gold_of[eid] = index = gold.match(entity) if scored else None
        if not scored or (scope is not None and eid not in scope):
            continue  # outside the document: it only resolves relation ends
        label = f"{entity.get('name')} ({entity.get('type')})"
        if normalise(entity.get("name", "")) in banned:
            forbidden.append(f"entity {entity.get('name')!r}")
        if index is None:
            part.fp += 1
            part.false_positives.append(label)
        elif index in matched:
            part.duplicates += 1
            part.duplicate_names.append(label)
        else:
            matched.add(index)
            part.tp += not gold.optional(index)
    part.missed = [g["name"] for i, (g, opt) in enumerate(gold.items) if not opt and i not in matched]
    return part, gold_of


def end_matches(entity: dict, gold_index: int | None, gold_end, gold: GoldEntities) -> bool:
    """Whether a predicted relation end is the gold end: a gold entity's name or {"event": [keywords]}."""
    if isinstance(gold_end, dict):
        name = normalise(entity.get("name", ""))
        return any(normalise(keyword) in name for keyword in gold_end["event"])
    return gold_index is not None and normalise(gold.name(gold_index)) == normalise(gold_end)


@dataclass(frozen=True)
class Ends:
    """A predicted relation's two entities and their gold indexes."""
    source: dict
    target: dict
    source_gold: int | None
    target_gold: int | None


def relation_matches(kinds: frozenset[str], ends: Ends, gold_rel: dict, gold: GoldEntities, classes: bool) -> bool:
    if not kinds & gold_kinds(gold_rel["type"], classes):
        return False
    forward = (end_matches(ends.source, ends.source_gold, gold_rel["source"], gold)
               and end_matches(ends.target, ends.target_gold, gold_rel["target"], gold))
    return forward or bool(gold_rel.get("symmetric")) and (
        end_matches(ends.target, ends.target_gold, gold_rel["source"], gold)
        and end_matches(ends.source, ends.source_gold, gold_rel["target"], gold))


def _ends(relation: dict, entities: dict[str, dict], gold_of: dict[str, int | None]) -> Ends | str | None:
    """The relation's ends; a string when one is missing (a false positive), None when not scored."""
    source, target = entities.get(relation.get("source")), entities.get(relation.get("target"))
    if source is None or target is None:
        return f"dangling {relation.get('type')} {relation.get('source')}->{relation.get('target')}"
    if {source.get("type"), target.get("type")} & NOT_SCORED_ENDS:
        return None
    return Ends(source, target, gold_of.get(relation["source"]), gold_of.get(relation["target"]))


def score_relations(pred: dict, gold: GoldEntities, gold_doc: dict, gold_of: dict[str, int | None],
                    classes: bool, forbidden: list[str]) -> Part:
    required = [g for g in gold_doc["relations"] if gold_kinds(g["type"], classes)]
    optional = [g for g in gold_doc.get("optional_relations", []) if gold_kinds(g["type"], classes)]
    part = Part(required=len(required), gold_dropped=len(gold_doc["relations"]) - len(required))
    entities = {e["id"]: e for e in pred.get("entities", [])}
    matched: set[int] = set()
    for relation in pred.get("relations", []):
        kinds = predicted_kinds(relation, classes)
        ends = _ends(relation, entities, gold_of) if kinds else None
        if not kinds or classes and isinstance(ends, Ends) \
                and EntityType.EVENT in (ends.source.get("type"), ends.target.get("type")):
            part.ignored += 1  # no class, or an event object, which class-level gold does not annotate
            continue
        if not isinstance(ends, Ends):
            part.fp += ends is not None
            part.false_positives += [ends] if ends else []
            continue
        forbidden += [f"relation {ends.source.get('name')} {relation['type']} {ends.target.get('name')}"
                      for f in gold_doc.get("forbidden_relations", [])
                      if relation["type"] == f["type"] and end_matches(ends.source, ends.source_gold, f["source"], gold)]
        hits = [k for k, g in enumerate(required) if relation_matches(kinds, ends, g, gold, classes)]
        if hits or any(relation_matches(kinds, ends, g, gold, classes) for g in optional):
            new = [k for k in hits if k not in matched]
            matched.update(new[:1])
            part.tp += bool(new)
            continue
        part.fp += 1
        part.false_positives.append(f"{ends.source.get('name')} {relation['type']} {ends.target.get('name')}")
    part.missed = [f"{g['source']} {g['type']} {g['target']}" for k, g in enumerate(required) if k not in matched]
    return part


def score_file(pred: dict, gold_doc: dict, *, classes: bool = False, loose: bool = False,
               scope: set[str] | None = None, name: str = "gold") -> Score:
    """Score graph JSON `pred` against one gold file; `scope` (entity ids) limits which entities count."""
    gold = GoldEntities(gold_doc["entities"], gold_doc.get("optional_entities", []), loose)
    forbidden: list[str] = []
    entities, gold_of = score_entities(pred, gold, gold_doc, scope, forbidden)
    relations = score_relations(pred, gold, gold_doc, gold_of, classes, forbidden)
    return Score(name, entities, relations, forbidden)


def _file_name(value) -> str:
    return re.split(r"[\\/]", str(value or ""))[-1]


def documents_of(pred: dict, gold_doc: dict, gold_path: Path) -> set[str] | None:
    """Ids of the documents a gold file annotates: those whose id or source has the file name of its
    "text" (with or without extension); None when the graph holds fewer than two documents.

    >>> pred = {"documents": [{"id": "a.txt"}, {"id": "b", "source": "texts/b.txt"}]}
    >>> documents_of(pred, {"text": "../texts/b.txt"}, Path("gold/b.json"))
    {'b'}
    >>> documents_of(pred, {}, Path("gold/a.json"))
    {'a.txt'}
    """
    docs = pred.get("documents") or []
    if len(docs) < 2:
        return None
    base = Path(gold_doc.get("text") or gold_path.with_suffix(".txt")).name
    names = {base, Path(base).stem}
    return {d.get("id") for d in docs if _file_name(d.get("id")) in names or _file_name(d.get("source")) in names}


def restrict(pred: dict, doc_ids: set[str]) -> tuple[dict, set[str]]:
    """The graph's relations with evidence in those documents (or, with none, both ends
    mentioned there), and the ids of the entities mentioned there."""
    def in_docs(items) -> bool:
        return any(isinstance(item, dict) and item.get("doc") in doc_ids for item in items or [])

    scope = {e["id"] for e in pred.get("entities", []) if in_docs(e.get("mentions"))}
    relations = [r for r in pred.get("relations", [])
                 if (in_docs(r["evidence"]) if r.get("evidence")
                     else r.get("source") in scope and r.get("target") in scope)]
    return {**pred, "relations": relations}, scope


def gold_paths(paths) -> list[Path]:
    """The gold files: each file given, and every *.json in each folder given (sorted)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if not path.exists():
            raise EvalError(f"{path}: no such gold file or folder")
        found += sorted(path.glob("*.json")) if path.is_dir() else [path]
    if not found:
        raise EvalError(f"no gold files (*.json) in {', '.join(map(str, paths))}; see docs/evaluation.md")
    return found


def read_gold(path: Path) -> dict:
    """A gold file, checked for the fields scoring reads; the error names the file and the field."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EvalError(f"{path}: not a readable gold file ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("entities"), list) \
            or not isinstance(data.get("relations"), list):
        raise EvalError(f"{path}: a gold file is an object with 'entities' and 'relations' lists (docs/evaluation.md)")
    for key in ("entities", "optional_entities"):
        for i, g in enumerate(data.get(key, [])):
            if not isinstance(g, dict) or not isinstance(g.get("name"), str) or "type" not in g:
                raise EvalError(f"{path}: {key}[{i}] needs a 'name' and a 'type'")
    for key in ("relations", "optional_relations", "forbidden_relations"):
        for i, r in enumerate(data.get(key, [])):
            needed = ("source", "type") if key == "forbidden_relations" else ("source", "type", "target")
            if not isinstance(r, dict) or any(k not in r for k in needed):
                raise EvalError(f"{path}: {key}[{i}] needs {', '.join(repr(k) for k in needed)}")
    return data


def evaluate(pred: dict, gold: list[str | Path], *, classes: bool = False, loose: bool = False) -> list[Score]:
    """One Score per gold file, then their sum when there are several (named "all")."""
    scores = []
    for path in gold_paths(gold):
        gold_doc = read_gold(path)
        doc_ids, scope, doc_pred, warnings = documents_of(pred, gold_doc, path), None, pred, []
        if doc_ids is not None:
            if not doc_ids:
                warnings.append(f"no document of the graph is the text of {path.name}")
            doc_pred, scope = restrict(pred, doc_ids)
        score = score_file(doc_pred, gold_doc, classes=classes, loose=loose, scope=scope, name=path.name)
        score.warnings += warnings
        scores.append(score)
    if len(scores) > 1:
        total = scores[0]
        for score in scores[1:]:
            total = total.add(score)
        scores.append(total)
    if len(pred.get("documents") or []) > 1:
        orphans = sum(not e.get("mentions") and e.get("type") in SCORED_TYPES for e in pred.get("entities", []))
        if orphans:
            scores[-1].warnings.append(f"{orphans} entities without mentions belong to no document and were not scored")
    return scores


def as_json(scores: list[Score]) -> dict:
    """The overall figures and each file's, for `kg eval --json`."""
    def one(score: Score) -> dict:
        return {"entities": score.entities.figures(), "relations": score.relations.figures(),
                "forbidden": score.forbidden}
    return {**one(scores[-1]), "files": {s.name: one(s) for s in scores if s.name != "all" or len(scores) == 1}}
