"""Exceptions the CLI turns into one-line errors (see `kg.cli`).

A library message says what is wrong in the library's words; what the caller can
change about it is data on the exception (`KgError.option`, `KgError.value`), which
the CLI words as its own flags (`kg.cli.cli_message`) and an API caller can read.
"""
from __future__ import annotations

from typing import Any


class KgError(Exception):
    """Anything a user can fix: the message names the file or value and what is wrong.

    `option` names the setting that fixes it or gets past it, as the library calls it
    (``skip_errors``, ``text_field``, ``params``, ``password``, ``credentials``,
    ``database``, ``model``, ``workers``, ``graph``, ``cypher``, ``bulk``, ``cache``,
    ``engine``); `value` is what it is about (such as the parameter's name).

    >>> import pickle
    >>> exc = pickle.loads(pickle.dumps(KgError("a.bin: binary file", option="skip_errors")))
    >>> str(exc), exc.option
    ('a.bin: binary file', 'skip_errors')
    """

    def __init__(self, message: str = "", *, option: str | None = None, value: Any = None):
        super().__init__(message)
        self.option = option
        self.value = value


class KgWarning(UserWarning):
    """Something the API went on past: a document whose extraction failed and was left out."""


class InputError(KgError):
    """An input file or record that cannot be read."""


class OutputError(KgError):
    """An output that cannot be written (missing or read-only folder), or that would overwrite an input."""


class ExportError(KgError):
    """An export that cannot be made: unknown format, or an output that cannot be written."""


class GraphFormatError(KgError, ValueError):
    """Graph JSON that does not follow the contract; the message names the first bad field."""


class ViewError(KgError):
    """The view page cannot be written."""


class LexiconError(KgError, ValueError):
    """A lexicon file that cannot be read or does not have the expected shape."""


class SchemaError(KgError, ValueError):
    """A label or relationship type outside the schema."""


class Neo4jBackendError(KgError):
    """Neo4j could not be reached, refused the credentials or the database, or failed a query."""


class QueryError(KgError, ValueError):
    """An unknown query or a parameter it does not take, lacks or cannot use."""
