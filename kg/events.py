"""Which event a verb says, from the CAMEO verb dictionary, and its PLOVER category.

`kg/data/cameo_verbs.json` (built by scripts/build-vocab from PETRARCH2's dictionary) lists some
1,800 verbs, each with a default CAMEO code and the patterns of its synonym block: "give" alone is
060 (material cooperation), "give aid" 070 (provide aid), "give a reception" 043 (host), "give
access" nothing. `VerbDictionary.code` reads a verb's frame from the dependency parse (its object
words, particles, prepositions with their objects' words, its subject's words) and picks the most
specific pattern found there, else the verb's default. The dictionary is indexed by lemma: a verb
looks only at its own block's patterns. `kg/data/plover.json` maps codes to PLOVER categories.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from . import data

# The verb's dependents whose words its patterns name ("give aid", "set off", "put on alert").
FRAME_DEPS = {"dobj", "dative", "prt", "attr", "oprd", "acomp", "advmod", "npadvmod", "xcomp", "ccomp", "nsubjpass"}
SUBJECT_DEPS = {"nsubj", "agent"}
PARTICLES = {"out", "back", "away", "off"}  # a phrasal verb's particle the parse may hang its preposition on
PREFIX_MIN = 4  # a dictionary stem shorter than this matches only the whole word ("aid" is not "aide")


@dataclass(frozen=True)
class Pattern:
    code: str | None  # None: the verb says no event in this frame
    subject: tuple[frozenset[str], ...]
    objects: tuple[frozenset[str], ...]
    preps: tuple[tuple[str, tuple[frozenset[str], ...]], ...]
    verbs: frozenset[str]  # the verbs it was written for; empty: every verb of its block

    @property
    def size(self) -> int:
        return len(self.subject) + len(self.objects) + sum(1 + len(w) for _, w in self.preps)


@dataclass(frozen=True)
class Frame:
    """The words around a verb, as lower-case lemmas and forms."""

    subject: frozenset[str]
    objects: frozenset[str]
    preps: tuple[tuple[str, frozenset[str]], ...]


def _matches(alternatives: frozenset[str], words: frozenset[str]) -> bool:
    """One of a pattern's alternatives is in the frame, a phrase with all its words ("armed services" is not
    "World Film Services").

    >>> _matches(frozenset({"armed services", "troops"}), frozenset({"world", "film", "services"}))
    False
    """
    return any(all(_word_matches(w, words) for w in alt.split()) for alt in alternatives)


def _word_matches(word: str, words: frozenset[str]) -> bool:
    """A dictionary word is in the frame: "aid_" exactly, "negotiat" as a stem of a word there."""
    if word.endswith("_"):
        return word[:-1] in words
    return word in words or len(word) >= PREFIX_MIN and any(w.startswith(word) for w in words)


class VerbDictionary:
    def __init__(self, verbs: dict, blocks: list, synsets: dict, plover: dict,
                 generic: frozenset[str] = frozenset()) -> None:
        self.synsets = {name: frozenset(words) for name, words in synsets.items()}
        compiled = [[self._pattern(p) for p in b["patterns"]] for b in blocks]
        self.verbs: dict[str, tuple[str | None, tuple[Pattern, ...]]] = {}
        for verb, entry in verbs.items():
            # A generic verb ("hold" in the block of "confine", "take" in that of "seize") says an
            # event only through a pattern; the others take their own code, else their block's.
            default = entry["code"] or next((blocks[n]["code"] for n in entry["blocks"] if blocks[n]["code"]), None)
            if verb in generic:
                default = None
            patterns = [p for n in entry["blocks"] for p in compiled[n] if not p.verbs or verb in p.verbs]
            # The most specific pattern first; among equals, one that names a word before one that names only a
            # preposition ("broke relations with X" is 161, not "broke with X", 130), then one for this very verb.
            patterns.sort(key=lambda p: (-p.size, sum(not words for _, words in p.preps), verb not in p.verbs))
            self.verbs[verb] = (default, tuple(patterns))
        self.categories = {code: v["category"] for code, v in plover.items()}

    def _words(self, word: str) -> frozenset[str]:
        if word.startswith("&"):
            return self.synsets.get(word[1:], frozenset({word}))  # an unknown set matches nothing
        return frozenset({word})

    def _pattern(self, spec: dict) -> Pattern:
        words = lambda ws: tuple(self._words(w) for w in ws)  # noqa: E731
        return Pattern(spec["code"], words(spec["subject"]), words(spec["object"]),
                       tuple((prep.rstrip("_"), words(ws)) for prep, ws in spec["preps"]),
                       frozenset(v.rstrip("_") for v in spec["for"]))

    def knows(self, verb: Token) -> bool:
        """The verb is in the dictionary, alone or with its particle ("pull out")."""
        return self._entry(verb) is not None

    def code(self, verb: Token) -> str | None:
        """The CAMEO code the verb says in its sentence, or None."""
        entry = self._entry(verb)
        if entry is None:
            return None
        specific = self._pattern_code(verb, entry)
        return entry[0] if specific is False else specific

    def specific_code(self, verb: Token) -> str | None:
        """The code of a pattern the verb's frame fits ("attacked the decision" 111, not the verb's 190),
        or None when no pattern fits or the pattern says no event."""
        entry = self._entry(verb)
        return None if entry is None else self._pattern_code(verb, entry) or None

    def _pattern_code(self, verb: Token, entry: tuple) -> str | None | bool:
        """The first fitting pattern's code (None: no event), or False when no pattern fits."""
        patterns = entry[1]
        frame = frame_of(verb) if patterns else None
        fitting = [p for p in patterns if self._fits(p, frame)]
        if not fitting:
            return False
        # among the most specific, one that names the object's head ("cut oil supplies" is "supplies", 162)
        heads = _words(c for c in verb.children if c.dep_ == "dobj")
        best = [p for p in fitting if p.size == fitting[0].size]
        return next((p.code for p in best if any(_matches(a, heads) for a in p.objects)), best[0].code)

    def _entry(self, verb: Token) -> tuple | None:
        entry = None
        for child in verb.children:  # a phrasal entry ("ask for", "rule out") before the bare verb
            if child.dep_ in ("prt", "prep") and f"{verb.lemma_.lower()} {child.lower_}" in self.verbs:
                entry = self.verbs[f"{verb.lemma_.lower()} {child.lower_}"]
                break
        return entry or self.verbs.get(verb.lemma_.lower()) or self.verbs.get(verb.lower_)

    @staticmethod
    def _fits(pattern: Pattern, frame: Frame) -> bool:
        all_prep_words = frozenset().union(*(w for _, w in frame.preps)) if frame.preps else frozenset()
        if not all(_matches(a, frame.objects | all_prep_words) for a in pattern.objects):
            return False
        if not all(_matches(a, frame.subject) for a in pattern.subject):
            return False
        for prep, words in pattern.preps:
            if not any(p == prep and all(_matches(a, w) for a in words) for p, w in frame.preps):
                return False
        return True

    def category(self, code: str | None) -> str | None:
        """The PLOVER category of a CAMEO code (that of its longest listed prefix)."""
        while code:
            if code in self.categories:
                return self.categories[code]
            code = code[:-1]
        return None


def _words(tokens) -> frozenset[str]:
    return frozenset(w for t in tokens for w in (t.lemma_.lower(), t.lower_))


def frame_of(verb: Token) -> Frame:
    kids = list(verb.children)
    objects = _words(t for c in kids if c.dep_ in FRAME_DEPS for t in c.subtree if t.dep_ != "prep")
    subject = _words(t for c in kids if c.dep_ in SUBJECT_DEPS for t in c.subtree)
    preps = tuple((c.lower_, _words(t for t in c.subtree if t.i != c.i))
                  for c in kids if c.dep_ in ("prep", "agent", "dative") and c.pos_ == "ADP")
    preps += tuple((g.lower_, _words(t for t in g.subtree if t.i != g.i)) for g in particle_preps(verb))
    # "gave aid to Iraq": the object's own prepositions count as the verb's ("put on alert along the border").
    preps += tuple((g.lower_, _words(t for t in g.subtree if t.i != g.i))
                   for c in kids if c.dep_ in ("dobj", "pobj") for g in c.children if g.dep_ == "prep")
    return Frame(subject, objects, preps)


def particle_preps(verb: Token) -> list[Token]:
    """The prepositions the parse hangs on a phrasal verb's particle: "of" in "pulled out of the talks"."""
    return [g for c in verb.children if c.dep_ in ("prep", "prt") and c.lower_ in PARTICLES
            for g in c.children if g.dep_ == "prep"]


@lru_cache(maxsize=1)
def verb_dictionary() -> VerbDictionary:
    """The bundled CAMEO verb dictionary.

    >>> verbs = verb_dictionary()
    >>> verbs.category("0331"), verbs.category("046"), verbs.category("016")
    ('AGREE', 'CONSULT', 'REJECT')
    """
    cameo = json.loads(data.read_text("cameo_verbs.json"))
    plover = json.loads(data.read_text("plover.json"))["codes"]
    generic = frozenset(json.loads(data.read_text("relations.json")).get("generic_verbs", []))
    return VerbDictionary(cameo["verbs"], cameo["blocks"], cameo["synsets"], plover, generic)
