"""Sports results, standings and fixtures in news copy: the lines that are rows, and the team names in them.

"Partick 1 St Mirren 1", "Watford 4 2 0 2 4 5 6", "MINNESOTA AT MILWAUKEE" (the visitors, at a place),
"Walsall v Wrexham": the names there are teams, whatever town they are named after. The text stage keeps such a row on a line of
its own (`kg.text` joins hard-wrapped lines), and `kg.organisations` makes its names organisations.
Standard library only: the text stage runs before spaCy is loaded.
"""
from __future__ import annotations

import re

_WORD = r"[A-Z][\w'.&-]*"
# A team's name: capitalised words, a few lower-case joiners, and a one- or two-letter town mark ("( L )").
_TEAM = rf"{_WORD}(?: (?:de|del|la|le|of|and) {_WORD}| {_WORD})*(?: \(\s?[A-Z]{{1,2}}\s?\))?"
_COUNTRY_NOTE = r"(?: \(\s?[A-Z][\w. ]*?\s?\))?"  # "Alba ( Germany ) 75": the team's country, not the team
_SCORE = r"\d{1,3}"
SCORE_LINE = re.compile(rf"^\s*(?P<a>{_TEAM}){_COUNTRY_NOTE} {_SCORE},? (?P<b>{_TEAM}){_COUNTRY_NOTE} {_SCORE}"
                        r"(?: \([^()]*\))?\s*\.?\s*$")
# A standings row: a team and only small numbers after it (played, won, lost, percentage, games behind).
STANDINGS_ROW = re.compile(rf"^\s*(?P<a>{_TEAM})(?: (?:\d{{1,3}}|\.\d{{3}}|-|\d{{1,2}} 1/2|1/2)){{3,}}\s*$")
# A schedule row, "MINNESOTA AT MILWAUKEE": the visiting team, at a place (the home team's town).
SCHEDULE_ROW = re.compile(rf"^\s*(?P<a>{_TEAM}) (?:AT|at) {_TEAM}\s*$")
FIXTURE = re.compile(rf"(?:^|[,:;] )\s*(?P<a>{_TEAM}) v (?P<b>{_TEAM})(?=\s*(?:[,;.(]|$))")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_DAYS = rf"{_MONTH} \d{{1,2}}(?:-\d{{1,2}})?"
# A club's fixture list: "May 18 v Worcestershire", "July 16-18 v Glamorgan ( three days )".
DATED_FIXTURE = re.compile(rf"^\s*{_DAYS}(?: - {_DAYS})? v (?P<a>{_TEAM})(?: \([^()]*\))?\s*\.?\s*$")
# Standings and schedules are lists: a lone line of that shape is more likely something else.
LISTED = (STANDINGS_ROW, SCHEDULE_ROW)
ROW_MAX = 120  # characters: a row is short, and a long line is not worth matching


# What every row holds (a score, a count, "v" or "at"): lines without it are not matched at all.
_MAYBE_ROW = re.compile(r"\d| v | (?:at|AT) ")


def row_shapes(lines: list[str]) -> list[re.Pattern | None]:
    """For each line, the row pattern it is a row of, or None.

    >>> [p is not None for p in row_shapes(["Watford 4 2 0 2 4 5 6", "Fulham 4 3 0 1 5 3 9", "It rained.", "Net 4 5 6"])]
    [True, True, False, False]
    """
    candidates = [len(line) <= ROW_MAX and _MAYBE_ROW.search(line) is not None for line in lines]
    listed = [next((p for p in LISTED if p.match(line)), None) if maybe else None
              for line, maybe in zip(lines, candidates)]
    out = []
    for n, (line, maybe) in enumerate(zip(lines, candidates)):
        neighbours = listed[max(n - 1, 0):n] + listed[n + 1:n + 2]
        shape = listed[n] if listed[n] is not None and listed[n] in neighbours else None
        alone = [p for p in (SCORE_LINE, DATED_FIXTURE, FIXTURE) if maybe and p.search(line)]
        out.append(shape or (alone[0] if alone else None))
    return out


def team_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the team names in the rows and fixtures of `text`.

    >>> t = "Results :\\nPartick 1 St Mirren 1\\nPostponed : Walsall v Wrexham ."
    >>> [t[s:e] for s, e in team_spans(t)]
    ['Partick', 'St Mirren', 'Walsall', 'Wrexham']
    """
    lines, out, offset = text.split("\n"), [], 0
    for line, shape in zip(lines, row_shapes(lines)):
        matches = list(FIXTURE.finditer(line)) if shape is FIXTURE else [shape.match(line)] if shape else []
        out += [(offset + m.start(g), offset + m.end(g)) for m in matches for g in ("a", "b") if m.groupdict().get(g)]
        offset += len(line) + 1
    return out


def row_breaks(text: str) -> set[int]:
    """Offsets of the line breaks that end or precede a row: each row stays a line of its own."""
    lines, breaks, offset = text.split("\n"), set(), 0
    shapes = row_shapes(lines)
    for n, line in enumerate(lines[:-1]):
        offset += len(line)
        if shapes[n] is not None or shapes[n + 1] is not None:
            breaks.add(offset)
        offset += 1
    return breaks
