"""Which subject a pronoun stands for, when no reporting verb says it.

"Egypt recalled its ambassador. It said the talks were over": "It" is Egypt. A pronoun most often
continues the subject before it (the centering tendency news prose follows), so the candidates are
the subjects earlier in its sentence, the main clause's first (for an object pronoun, not its own
clause's), then the main subject of the sentence before. Only the first candidate counts, and only
when its number and type fit the pronoun: a pronoun after a subject kg cannot name ("The company
...") stays unresolved rather than taking a name from further back.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

SUBJECT_DEPS = ("nsubj", "nsubjpass")
OBJECT_DEPS = ("dobj", "pobj", "dative")
# Pronouns a subject continues; "we", "I" and possessives are the speaker's (kg.phrases._speaker).
ANAPHORS = {"he", "she", "it", "they", "him", "them"}
PLURAL = {"they", "them"}
POSSESSIVES = {"his", "her", "its", "their"}


def depth(token: Token) -> int:
    """How many heads lie between `token` and its sentence's root.

    >>> import spacy
    >>> doc = spacy.blank("en")("a b")
    >>> depth(doc[0])
    0
    """
    steps = 0
    while token.head.i != token.i:
        token, steps = token.head, steps + 1
    return steps


def antecedent(pronoun: Token, *, hops: int = 3) -> Token | None:
    """The subject `pronoun` continues: the first candidate that is no pronoun, through at most
    `hops` pronouns that continue one another ("He arrived on Monday. He met ...")."""
    for _ in range(hops):
        found = next(candidates(pronoun), None)
        if found is None or found.pos_ != "PRON":
            return found if found is not None and plural(found) == (pronoun.lower_ in PLURAL) else None
        pronoun = found
    return None


def cataphor(pronoun: Token) -> Token | None:
    """The subject a possessive before it stands for: "After her talks with Ryzhkov, Thatcher ...", "In his
    speech, Reagan ..." (an adjunct opening the sentence, no subject before it).

    >>> import spacy
    >>> cataphor(spacy.blank("en")("his")[0]) is None
    True
    """
    if pronoun.dep_ != "poss" or pronoun.lower_ not in POSSESSIVES:
        return None
    root = pronoun.sent.root
    subjects = [c for c in root.children if c.dep_ in SUBJECT_DEPS]
    if not subjects or subjects[0].i < pronoun.i or any(t.dep_ in SUBJECT_DEPS for t in pronoun.sent if t.i < pronoun.i):
        return None
    head = pronoun.head
    while head.i != root.i and head.head.i != root.i:
        head = head.head
    opening = head.i != root.i and head.i < subjects[0].i and head.dep_ in ("prep", "advcl", "npadvmod")
    subject = subjects[0]
    # "her" is the first of "Thatcher and the Soviet Premier"; "their", the two
    fits = plural(subject) if pronoun.lower_ == "their" else subject.tag_ not in ("NNS", "NNPS")
    return subject if opening and subject.pos_ != "PRON" and fits else None


def plural(subject: Token) -> bool:
    """ "they" continues rebels, or Iran and Iraq; "it" continues "the United States" ("the Iraqi
    people as they confront ISIL" is not the United States')."""
    return subject.tag_ in ("NNS", "NNPS") or bool(subject.conjuncts) or subject.lower_ in PLURAL


def candidates(pronoun: Token) -> Iterator[Token]:
    """Subjects `pronoun` may continue, most salient first (see the module's docstring)."""
    if pronoun.lower_ not in ANAPHORS or pronoun.dep_ not in SUBJECT_DEPS + OBJECT_DEPS:
        return
    sent = pronoun.sent
    # An object pronoun is never its own clause's subject: in "Iraq attacked it", "it" is not Iraq, nor
    # in "Iraq shelled the town and attacked it", where the clause shares the subject of the one before.
    own = set(_sharing_subject(pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head))
    before = [t for t in sent if t.i < pronoun.i and t.dep_ in SUBJECT_DEPS
              and not (pronoun.dep_ in OBJECT_DEPS and t.head.i in own)]
    yield from sorted(before, key=lambda t: (depth(t), t.i))
    if sent.start > 0:
        previous = pronoun.doc[sent.start - 1].sent
        yield from (t for t in previous.root.children if t.dep_ in SUBJECT_DEPS)


def _sharing_subject(clause: Token) -> Iterator[int]:
    """The clause and the clauses it is conjoined to, whose subject it shares."""
    yield clause.i
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
        yield clause.i
