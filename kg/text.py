"""The text stage: a raw article -> what to parse, and its date and publisher.

Web page chrome (newsletter sign-ups, copyright lines, comment policies,
"click to" links) is not content: those lines are blanked with spaces so that
they yield no entities while every offset still points into the raw file. A
dateline ("- The Washington Times - Tuesday, September 20, 2016") gives the
document's date and publisher and is blanked too.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import replace
from datetime import date

from .gazetteer import WORD, known_names
from .model import PreparedText, SourceText
from .tables import row_breaks

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
DATELINE_MAX = 400  # characters
DATELINE_PLACE = re.compile(r"^\s*([A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,3})(?=[\s,(])")
_SPACE_RUN = re.compile(r"\s{2,}|[\n\t\r\f\v\u00a0]")
# Wire copy marks company names and their stock symbols: "<Carsey-Werner Co>", "Nippon Steel Corp <NSTC.T>".
MARKED = re.compile(r"<([A-Z][^<>\n]{0,79})>")
TICKER = re.compile(r"[A-Z0-9]{1,6}(?:\.[A-Z0-9]{1,3})?")


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


def _blank_all(text: str, ranges: list[tuple[int, int, str]]) -> str:
    """`text` with each (start, end, fill) range turned into `fill` (line breaks kept), in one pass."""
    pieces, last = [], 0
    for start, end, fill in ranges:
        pieces += [text[last:start], re.sub(r"[^\n]", fill, text[start:end])]
        last = end
    return "".join(pieces) + text[last:]


def dateline_place(line: str) -> int | None:
    """Where the place a dateline opens with, in capitals, ends ("LONDON 1996-08-30"): it is a mention.

    >>> dateline_place("LONDON 1996-08-30"), dateline_place("- The Daily - Monday, May 2, 2016")
    (6, None)
    """
    m = DATELINE_PLACE.match(line)
    return m.end(1) if m and " ".join(WORD.findall(m.group(1))).lower() in known_names() else None


def is_dateline(line: str) -> bool:
    """A line that is a date, perhaps with a publisher or byline, not a sentence with a date in it.

    >>> is_dateline("- The Washington Times - Tuesday, September 20, 2016"), is_dateline("May 2, 2016")
    (True, True)
    >>> is_dateline("The U.S. and Japan agreed on March 3, 1987 to cut tariffs on chips.")
    False
    """
    if len(line) > DATELINE_MAX:  # a dateline is short; a huge one-line text must not be searched for dates
        return False
    return parse_date(line) is not None and (len(line.strip()) <= 40 or dateline_publisher(line) is not None)


def wire_markup(text: str) -> list[tuple[int, int, str]]:
    """Blank ranges for wire markup: a stock symbol goes, a marked name keeps its words.

    >>> t = "Nippon Steel Corp <NSTC.T> denied it; <Carsey-Werner Co> sued."
    >>> _blank_all(t, wire_markup(t))
    'Nippon Steel Corp          denied it;  Carsey-Werner Co  sued.'
    """
    out = []
    for m in MARKED.finditer(text):
        if TICKER.fullmatch(m.group(1)):
            out.append((m.start(), m.end(), " "))
        else:
            out += [(m.start(), m.start() + 1, " "), (m.end() - 1, m.end(), " ")]
    return out


def _inside(at: int, ranges: list[tuple[int, int, str]]) -> bool:
    """Is `at` inside one of `ranges` (sorted, apart, as the line pass makes them)?

    >>> _inside(5, [(0, 3, " "), (4, 9, " ")]), _inside(3, [(0, 3, " "), (4, 9, " ")])
    (True, False)
    """
    n = bisect.bisect_right(ranges, (at, float("inf"), "")) - 1
    return n >= 0 and ranges[n][0] <= at < ranges[n][1]


def _lines(text: str):
    pos = 0
    for line in text.splitlines(keepends=True):
        yield pos, line
        pos += len(line)


def tidy_space(text: str, kept: list[int] = ()) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Join hard-wrapped lines and collapse blank runs; paragraph breaks stay as one blank line, and a line
    break at an offset in `kept` (sorted: the breaks around table rows) as a line break.

    Returns the new text and its shifts (see `PreparedText`).

    >>> tidy_space("the United\\n    States  said\\n\\n\\nNext")
    ('the United States said\\n\\nNext', ((0, 0), (11, 4), (18, 5), (24, 6)))
    """
    pieces, shifts, last, size = [], [(0, 0)], 0, 0
    for m in _SPACE_RUN.finditer(text):
        new = "\n\n" if m.group().count("\n") >= 2 else "\n" if kept and _holds(m, kept) else " "
        pieces += [text[last:m.start()], new]
        size += m.start() - last + len(new)
        if m.end() - size != shifts[-1][1]:
            shifts.append((size, m.end() - size))
        last = m.end()
    pieces.append(text[last:])
    return "".join(pieces), tuple(shifts)


def _holds(match: re.Match, offsets: list[int]) -> bool:
    at = bisect.bisect_left(offsets, match.start())
    return at < len(offsets) and offsets[at] < match.end()


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
    bom = 1 if source.raw.startswith("\ufeff") else 0  # not text; offsets still count it, as they are raw
    body = source.raw[bom:]
    for start, line in _lines(body):
        if not line.strip():
            continue
        nonblank += 1
        when = is_dateline(line) and parse_date(line) if nonblank <= DATELINE_LINES else None
        if when:
            doc = replace(doc, date=doc.date or when, publisher=doc.publisher or dateline_publisher(line))
        place = dateline_place(line) if when else None
        if place:  # the rest of the line becomes a paragraph break, so that the place is a sentence of its own
            drop.append((start + place, start + len(line), "\n"))
        elif when or is_chrome(line):
            drop.append((start, start + len(line), " "))
    drop += [r for r in wire_markup(body) if not _inside(r[0], drop)]  # a line already blanked stays so
    blanked = _blank_all(body, sorted(drop))
    tidy, shifts = tidy_space(blanked, sorted(row_breaks(blanked)))
    return PreparedText(doc, source.raw, tidy, tuple((at, delta + bom) for at, delta in shifts))


# ---- text in capitals ------------------------------------------------------------------------------
# A cased model parses headlines, datelines and tables in capitals badly ("LEICESTERSHIRE TAKE OVER AT
# TOP"): such runs are given the case of running text before parsing. Only the case changes, so every
# offset stays the same; mentions and evidence are still cut from the text as written.

_MAX_PHRASE = 4


def caps_line(line: str) -> bool:
    """A line in capitals: nearly all its letters upper case, with two words or more.

    >>> caps_line("CRICKET - LEICESTERSHIRE TAKE OVER AT TOP ."), caps_line("NATO said so."), caps_line("U.S. GDP")
    (True, False, False)
    """
    letters = [c for c in line if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return upper >= 8 and upper >= 0.9 * len(letters) and sum(len(w) > 1 and w.isupper() for w in line.split()) >= 2


def _starts_sentence(content: str, at: int) -> bool:
    i = at - 1
    while i >= 0 and content[i] in " \t":
        i -= 1
    return i < 0 or content[i] in ".!?\n\"“(:;"


class Truecaser:
    """Gives runs of capitals the case of running text.

    A word takes, in this order: the form of a known name of several words it begins
    (`kg.gazetteer.known_names`: "NEW YORK" -> "New York"), the form it has inside sentences elsewhere
    in the same text, the form of a known one-word name, lower case if it is an English word (the
    model's lemmatizer tables) or a function word, else a capital initial.
    """

    def __init__(self, nlp) -> None:
        self.words: set[str] = set(nlp.Defaults.stop_words)
        self.rules: list[tuple[str, str]] = []
        lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
        lookups = getattr(lemmatizer, "lookups", None)
        if lookups is not None:
            tables = {name: lookups.get_table(name) for name in ("lemma_index", "lemma_exc", "lemma_rules")
                      if lookups.has_table(name)}
            for pos in ("noun", "verb", "adj", "adv"):
                self.words.update(tables.get("lemma_index", {}).get(pos, ()))
                self.words.update(tables.get("lemma_exc", {}).get(pos, {}).keys())
                self.rules += [tuple(r) for r in tables.get("lemma_rules", {}).get(pos, ()) if r[0]]

    def __call__(self, content: str) -> str:
        """
        >>> from kg.nlp import load_model
        >>> t = Truecaser(load_model())
        >>> t("SOCCER - JAPAN BEAT SYRIA IN NEW YORK .\\nLONDON , Sept 20 - Japan's coach Ito said the win was lucky.")
        "Soccer - Japan beat Syria in New York .\\nLondon , Sept 20 - Japan's coach Ito said the win was lucky."
        """
        runs = self._runs(content)
        if not runs:
            return content
        seen = self._seen_forms(content, runs)
        out = list(content)
        for start, end in runs:
            words = [(m.start(), m.group()) for m in WORD.finditer(content, start, end)]
            n = 0
            while n < len(words):
                known = self._phrase(words[n:n + _MAX_PHRASE])
                if known and known[0] == 1 and words[n][1].lower() in seen:
                    known = None  # how the text itself writes the word says more than a name list
                size, forms = known or (1, [self._word(words[n][1], seen)])
                for (at, raw), form in zip(words[n:n + size], forms):
                    if _starts_sentence(content, at):
                        form = form[:1].upper() + form[1:]
                    if len(form) != len(raw) or form.lower() != raw.lower():
                        form = raw  # never change the length or the letters ("ß".upper() is "SS")
                    out[at:at + len(raw)] = form
                n += size
        return "".join(out)

    @staticmethod
    def _runs(content: str) -> list[tuple[int, int]]:
        """Lines in capitals, and a line's first words in capitals before a comma (a dateline: "WASHINGTON,")."""
        runs, pos = [], 0
        for line in content.splitlines(keepends=True):
            if caps_line(line):
                runs.append((pos, pos + len(line)))
            else:
                lead = re.match(r"\s*([A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,3})\s*[,(]", line)
                if lead and len(lead.group(1)) > 3:
                    runs.append((pos + lead.start(1), pos + lead.end(1)))
            pos += len(line)
        return runs

    @staticmethod
    def _seen_forms(content: str, runs: list[tuple[int, int]]) -> dict[str, str]:
        """Lower-case word -> its commonest form inside sentences of the text outside the runs."""
        counts: dict[str, dict[str, int]] = {}
        last = 0
        for start, end in [*runs, (len(content), len(content))]:
            for m in WORD.finditer(content, last, start):
                word = m.group()
                if not (word.isupper() or _starts_sentence(content, m.start())):
                    forms = counts.setdefault(word.lower(), {})
                    forms[word] = forms.get(word, 0) + 1
            last = end
        return {word: max(forms, key=forms.get) for word, forms in counts.items()}

    def _phrase(self, words: list[tuple[int, str]]) -> tuple[int, list[str]] | None:
        """The longest known name starting at the first word: its length and its words as the name writes them."""
        names = known_names()  # built on first use: most corpora have no capitals to case
        for size in range(len(words), 0, -1):
            known = names.get(" ".join(w.lower() for _, w in words[:size]))
            if known:
                return size, known
        return None

    def _word(self, word: str, seen: dict[str, str]) -> str:
        low = word.lower()
        if low in seen:
            return seen[low]
        if len(word) == 1:
            return word
        if low in self.words or any(low.endswith(old) and low[:len(low) - len(old)] + new in self.words
                                    for old, new in self.rules):
            return low
        return word[0] + low[1:]
