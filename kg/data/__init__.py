"""kg's data files (relation vocabulary, aliases, titles, the view's script and style), read with
`importlib.resources` so that they are found wherever the package is installed."""
from __future__ import annotations

from importlib import resources


def path(name: str):
    """The data file `name` as an `importlib.resources` Traversable (it has `read_text`, `read_bytes`)."""
    return resources.files(__package__).joinpath(name)


def read_text(name: str) -> str:
    """The text of the data file `name`.

    >>> '"types"' in read_text("relations.json")
    True
    """
    return path(name).read_text(encoding="utf-8")
