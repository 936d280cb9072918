"""The text stage: a raw article -> what to parse, and its date and publisher.

Web page chrome (newsletter sign-ups, copyright lines, comment policies,
"click to" links) is not content: those lines are blanked with spaces so that
they yield no entities while every offset still points into the raw file. A
dateline ("- The Washington Times - Tuesday, September 20, 2016") gives the
document's date and publisher and is blanked too.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from .model import PreparedText, SourceText

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_MONTH = r"(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATE_PATTERNS = (
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)", re.I),
    re.compile(r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)", re.I),
    re.compile(r"(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)"),
)
CHROME = re.compile(
    r"^\s*(sign up\b|subscribe\b|manage newsletters?|newsletters?\b|copyright\b|©|\(c\)\s*\d{4}|all rights reserved"
    r"|click (here|to)\b|please read our comment|read more\b|view comments|hide comments|share (this|on)\b"
    r"|follow us\b|advertisement\s*$|related:|recommended\b|comments?\s*$|click to"
    r"|(share|tweet|email|e-mail|print|facebook|twitter|linkedin|whatsapp|reddit|pinterest)\s*$"
    r"|story continues|skip to (main )?content|log ?in\b|register\b|image (copyright|caption|source)|photo:|"
    r"\(?(reporting|writing|editing|additional reporting|compiled) by\b|our standards:|(?-i:By [A-Z][\w.'-]+( [A-Z][\w.'-]+){0,3})"
    r"\s*([-|\u2013\u2014]\s*[\w .]+)?\s*$)", re.I)
DATELINE = re.compile(r"^[A-Z][\w.&' ]{1,60}$")  # a name-like part of a dateline
DATELINE_LINES = 3
_SPACE_RUN = re.compile(r"\s{2,}|[\n\t\r\f\v\u00a0]")


def parse_date(text: str) -> str | None:
    """The first date written in `text`, as ISO.

    >>> parse_date("- The Washington Times - Tuesday, September 20, 2016")
    '2016-09-20'
    >>> parse_date("LONDON, 3 Sept. 2015 (Reuters)")
    '2015-09-03'
    >>> parse_date("no date here") is None
    True
    """
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            month = m["month"]
            num = int(month) if month.isdigit() else next(v for k, v in MONTHS.items() if k.startswith(month.lower()[:3]))
            try:
                return date(int(m["year"]), num, int(m["day"])).isoformat()
            except ValueError:
                continue
    return None


def dateline_publisher(line: str) -> str | None:
    """The publisher named in a dateline: its first part that is neither a byline nor a date.

    >>> dateline_publisher("By Jane Smith - Associated Press - Monday, November 29, 2021")
    'Associated Press'
    >>> dateline_publisher("- The Washington Times - Tuesday, September 20, 2016")
    'The Washington Times'
    >>> dateline_publisher("Tuesday, September 20, 2016") is None
    True
    """
    parts = [p.strip(" -|") for p in re.split(r"\s+[-\u2013\u2014|]\s+|^\s*[-\u2013\u2014|]\s+", line.strip())]
    if len(parts) < 2:
        return None
    for part in parts:
        if part and not part.lower().startswith("by ") and parse_date(part) is None and DATELINE.match(part):
            return part
    return None


def is_chrome(line: str) -> bool:
    """
    >>> is_chrome("Sign up for Daily Newsletters"), is_chrome("Click to Hide"), is_chrome("Moscow denied it.")
    (True, True, False)
    """
    return bool(CHROME.match(line))


def _blank_all(text: str, ranges: list[tuple[int, int]]) -> str:
    """`text` with each (start, end) range turned into spaces (line breaks kept), in one pass."""
    pieces, last = [], 0
    for start, end in ranges:
        pieces += [text[last:start], re.sub(r"[^\n]", " ", text[start:end])]
        last = end
    return "".join(pieces) + text[last:]


def is_dateline(line: str) -> bool:
    """A line that is a date, perhaps with a publisher or byline, not a sentence with a date in it.

    >>> is_dateline("- The Washington Times - Tuesday, September 20, 2016"), is_dateline("May 2, 2016")
    (True, True)
    >>> is_dateline("The U.S. and Japan agreed on March 3, 1987 to cut tariffs on chips.")
    False
    """
    return parse_date(line) is not None and (len(line.strip()) <= 40 or dateline_publisher(line) is not None)


def _lines(text: str):
    pos = 0
    for line in text.splitlines(keepends=True):
        yield pos, line
        pos += len(line)


def tidy_space(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Join hard-wrapped lines and collapse blank runs; paragraph breaks stay as one blank line.

    Returns the new text and its shifts (see `PreparedText`).

    >>> tidy_space("the United\\n    States  said\\n\\n\\nNext")
    ('the United States said\\n\\nNext', ((0, 0), (11, 4), (18, 5), (24, 6)))
    """
    pieces, shifts, last, size = [], [(0, 0)], 0, 0
    for m in _SPACE_RUN.finditer(text):
        new = "\n\n" if m.group().count("\n") >= 2 else " "
        pieces += [text[last:m.start()], new]
        size += m.start() - last + len(new)
        if m.end() - size != shifts[-1][1]:
            shifts.append((size, m.end() - size))
        last = m.end()
    pieces.append(text[last:])
    return "".join(pieces), tuple(shifts)


def prepare(source: SourceText) -> PreparedText:
    """Drop chrome and the dateline, tidy white space; read the date and publisher from the dateline.

    >>> from kg.model import Document
    >>> p = prepare(SourceText(Document("a", "a"), "- The Daily - Monday, May 2, 2016\\n\\nRain fell.\\nClick to Hide"))
    >>> p.document.date, p.document.publisher, p.content.strip()
    ('2016-05-02', 'The Daily', 'Rain fell.')
    >>> p.raw[slice(*p.raw_span(p.content.index("Rain"), p.content.index("Rain") + 4))]
    'Rain'
    """
    doc, drop = source.document, []
    nonblank = 0
    for start, line in _lines(source.raw):
        if not line.strip():
            continue
        nonblank += 1
        when = is_dateline(line) and parse_date(line) if nonblank <= DATELINE_LINES else None
        if when:
            doc = replace(doc, date=doc.date or when, publisher=doc.publisher or dateline_publisher(line))
        if when or is_chrome(line):
            drop.append((start, start + len(line)))
    content = _blank_all(source.raw, drop)
    tidy, shifts = tidy_space(content)
    return PreparedText(doc, source.raw, tidy, shifts)
