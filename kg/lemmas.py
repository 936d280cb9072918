"""A pipeline component that mends the verb lemmas the rule lemmatizer gets wrong.

English's rule lemmatizer strips "-ed", "-es", "-ing" and keeps the first stem its index knows,
and both "stag" and "stage" are in it: "staged" -> "stag", "waged" -> "wag", "fined" -> "fin",
"hoped" -> "hop". The event vocabulary then misses the verb, and "Iran hoped to sign" loses the
mood that keeps it from being a fact. Spelling settles it: a one-syllable stem ending in one vowel
and one consonant doubles that consonant before an ending ("hop" -> "hopped", "hopping"), so
"hoped" is "hope" + "d".
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

INFLECTED_TAGS = {"VBD", "VBN", "VBG", "VBZ"}
ENDINGS = ("ed", "ing", "es")
# One syllable ending in a single vowel and a single consonant that English doubles (not w, x, y).
DOUBLING_STEM = re.compile(r"[^aeiou]*[aeiou][b-df-hj-np-tvz]")


def mended_lemma(text: str, lemma: str) -> str:
    """The lemma of an inflected verb, with the "e" the lemmatizer dropped put back.

    >>> [mended_lemma(t, l) for t, l in [("staged", "stag"), ("hoped", "hop"), ("stages", "stag")]]
    ['stage', 'hope', 'stage']
    >>> [mended_lemma(t, l) for t, l in [("hopped", "hop"), ("visited", "visit"), ("showed", "show")]]
    ['hop', 'visit', 'show']
    """
    lower = text.lower()
    if len(lemma) < 3 or not lower.startswith(lemma) or lower[len(lemma):] not in ENDINGS:
        return lemma
    return lemma + "e" if DOUBLING_STEM.fullmatch(lemma) else lemma


@Language.factory("kg_verb_lemmas", requires=["token.lemma", "token.tag"], assigns=["token.lemma"])
def make_verb_lemmas(nlp: Language, name: str):
    return mend_verb_lemmas


def mend_verb_lemmas(doc: Doc) -> Doc:
    for token in doc:
        if token.tag_ in INFLECTED_TAGS:
            mended = mended_lemma(token.text, token.lemma_)
            if mended != token.lemma_:
                token.lemma_ = mended
    return doc
