"""Exceptions the CLI turns into one-line errors (see `kg.cli`)."""
from __future__ import annotations


class KgError(Exception):
    """Anything a user can fix: the message names the file or value and what to do."""


class InputError(KgError):
    """An input file or record that cannot be read."""
