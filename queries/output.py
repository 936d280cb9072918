"""Query rows as a text table, JSON or CSV.

>>> rows = [{"id": "state:a", "docs": ["x", "y"], "n": 2}, {"id": "state:bb", "docs": [], "n": None}]
>>> print(format_rows(rows, "table"))
id        docs  n
--------  ----  -
state:a   x; y  2
state:bb
>>> print(format_rows(rows, "csv"), end="")
id,docs,n
state:a,x; y,2
state:bb,,
>>> format_rows([], "table")
'(no rows)'
"""
from __future__ import annotations

import csv
import io
import json
from typing import Any

FORMATS = ("table", "json", "csv")
MAX_CELL = 80


def cell(value: Any) -> str:
    """A value as text: lists joined by '; ', null as nothing."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_CELL else text[:MAX_CELL - 1] + "…"


def shown_columns(columns: list[str]) -> list[str]:
    """A table's columns: an id column (`X` or `X_id`) beside its `X_name` is left out, since ids
    such as an event's run to 80 characters; `--format json` and `csv` keep every column.

    >>> shown_columns(["date", "source", "source_name", "from_id", "from_name", "person", "name"])
    ['date', 'source_name', 'from_name', 'person', 'name']
    """
    names = {c[:-len("_name")] for c in columns if c.endswith("_name")}
    return [c for c in columns if c not in names and not (c.endswith("_id") and c[:-len("_id")] in names)]


def table(rows: list[dict]) -> str:
    if not rows:
        return "(no rows)"
    columns = shown_columns(list(rows[0]))
    cells = [[_short(cell(r.get(c))) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    line = lambda values: "  ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()
    return "\n".join([line(columns), line(["-" * w for w in widths]), *map(line, cells)])


def format_rows(rows: list[dict], fmt: str) -> str:
    """`rows` in one of FORMATS (a table shortens long cells and shows names for ids; JSON and CSV
    keep them whole)."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1, default=str)
    if fmt == "csv":
        if not rows:
            return ""
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(list(rows[0]))
        writer.writerows([cell(r.get(c)) for c in rows[0]] for r in rows)
        return buf.getvalue()
    if fmt == "table":
        return table(rows)
    raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
