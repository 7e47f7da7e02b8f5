"""Date mentions in article bodies, and the date (and time) of the reported incident.

Pure functions: text / Polars frames in, values / frames out. No I/O, no clock:
nothing here ever reads today's date; every relative expression is resolved
against the article's published_date, and without one it stays unresolved.

Mentions (``find_date_mentions``, one per time expression in body_clean)
------------------------------------------------------------------------
Every TIMEX3 kind, each with timex_type (DATE | TIME | DURATION | SET),
timex_value (TimeML) and mod (docs/TIMEX.md). Calendar dates are this module's
(below); durations, sets, times of day, PRESENT/PAST/FUTURE_REF, quarters,
seasons, decades, anaphoric expressions ... come from the rule table of
transforms/timex.py (resolution 'timex:<rule id>'). Overlapping candidates: the
longer span wins, then the calendar reading. Mentions are resolved in text
order, so that anaphoric ones take the last date mentioned as their anchor;
a modifier right before a span joins it ("late November", mod END); a clock
time right before its day is one TIME ("9 a.m. Tuesday"); a month and its
relative year one DATE ("June last year"). Calendar mentions get their value
from resolved_date / precision (weeks as ISO weeks, "last night" as
2024-03-21TNI); timex rule mentions get resolved_date / precision from their
value when it is a calendar day, month or year.

Calendar candidates come from one compiled regex (month names, weekdays, numeric dates,
relative phrases, years); dateparser (settings RELATIVE_BASE, DATE_ORDER=MDY,
REQUIRE_PARTS, RETURN_AS_TIMEZONE_AWARE=False, PREFER_DATES_FROM) is called only on
candidate surfaces, memoised on (surface, base date). ``text[char_start:char_end]
== surface`` always.

- Absolute dates: "March 22, 2024", "22 March 2024", "3/22/2024" (month first;
  "3/22/24" is 2024: two-digit years are 20yy below 70, else 19yy),
  "2024-03-22", "Friday, March 22, 2024" -> precision 'day'; "March 2024",
  "May of 2014" -> 'month' (resolved to the 1st); years -> 'year' (January 1st).
- Year-less dates ("March 22", "Dec. 5", "in March", fixed-date holidays such as
  "the Fourth of July", "Christmas Eve") take the year that puts them closest to
  published_date, a day ahead counting as two days back (reports look back more
  than ahead), or the first one ahead in a future clause ("will reopen in
  January"); resolution 'year_from_published'. "last March" is the latest
  March before P's month, "next March" the first one after it (is_relative).
  With no published_date they stay NULL
  ('unresolved_no_published'); ``resolve_with_event_context`` may fill them later
  from the event's date ('year_from_event').
- Years alone are date expressions and are kept, precision 'year': only with a
  context that makes them years ("in 2004", "since 2010", "the 2004 Beslan
  siege", "mid-2015"), never street numbers ("the 2000 block", "at 2010 Oak St"),
  counts ("2000 people"), money or parts of other numbers.
- Relative expressions (is_relative = True), against published_date P:
  "today", "tonight", "this morning/afternoon/evening", "earlier today" -> P;
  "yesterday", "last night", "late last night" -> P - 1 day;
  "N days ago" -> P - N; "N weeks ago" -> P - 7N (precision 'day');
  "last month", "N months ago", "earlier this month" -> 'month';
  "last year", "this year", "N years ago" -> 'year'.
  Week spans ("last week", "earlier this week", "last weekend") name some day
  in a week: kept as mentions with resolved_date NULL and precision NULL
  ('week_span'), timex_value the ISO week (2024-W11, 2024-W12-WE).
- Weekdays ("Tuesday", "on Saturday" -> surface "Saturday", "Saturday night",
  "early Sunday"): news convention, the most recent such day on or before P
  ('weekday_past'); "last Tuesday" / "this past Tuesday": strictly before P;
  "next Tuesday": strictly after; a weekday shortly after a future marker in its
  clause ("will", "scheduled", "set for", ...; no past verb such as "said" in
  between): the first such day on or after P ('weekday_future').
- A candidate that cannot be read, or falls outside the calendar, is kept with
  resolved_date NULL and resolution 'unparsed' (``resolve_date`` raises
  DateParseError instead with on_error="raise").
- Not calendar dates (the timex rules may read them: "3 a.m." is a TIME):
  ages, money, counts, "24/7"; "may"/"march" in
  lower case; a capitalised weekday or month followed by another capitalised word
  ("Sunday School", "June Smith") unless it is part of a date.

Incident date (``event_dates``, one row per article)
---------------------------------------------------
Candidates are the article's day-precision mentions resolved on or before the
published date P: relative ones (weekdays, yesterday, N days ago) within 31 days
of P, calendar dates (with or without a year) within 400 days; any resolved day
mention when P is NULL.
Only calendar mentions are candidates (resolution not 'timex:...': no time of
day alone, duration or "two days later"); a generic "today" is PRESENT_REF.
Page metadata is never a candidate ("Posted:", "Updated:", a date followed by a
clock time or a closing parenthesis). Each candidate gets a tier from its
sentence (see ``_tier``):

  4  an incident word (shot, shooting, killed, gunfire, wounded, ...) within
     80 characters (about a dozen words): "was shot Saturday", "the Aug. 12 shooting";
  3  an incident word elsewhere in its sentence;
  2  only a weak cue in the sentence (died, found, happened, incident, ...);
  1  an incident word, but a follow-up word right before the mention, for what
     happened after the incident: "police said Monday", "was arrested Tuesday",
     "in court Thursday", "died Friday" (the death often follows the shooting);
  0  none.

The highest tier wins; within a tier a date in the last 31 days beats an older
one (an old dated mention is usually an earlier, other incident), then the
first mention in the text wins (the lede reports the incident).
event_date_source names the winner's kind: 'relative_weekday' (a weekday),
'relative_phrase' (yesterday, last night, N days ago, ...), 'absolute_in_text'
(a full or year-less calendar date), 'event_context' (a year-less date dated by
``resolve_with_event_context``). Without a candidate: published_date
('published_date_fallback'), else NULL ('none'). After events are clustered,
an article still without a date takes its event's date ('event_of_cluster',
set in transforms/pipeline.finalize).

Measured with tools/dev_dates.py on gva_dev (300 US shooting reports, GVA gold
incident dates); the error classes left are listed in that script's docstring.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Literal, NamedTuple

import polars as pl

from transforms import lexicon
from transforms import timex
from transforms.figures import AFTER_STREET
from transforms.ids import stable_id

OnError = Literal["raise", "null"]

DATE_MENTION_SCHEMA: dict[str, pl.DataType] = {
    "mention_id": pl.String,
    "article_id": pl.String,
    "surface": pl.String,
    "char_start": pl.Int32,
    "char_end": pl.Int32,
    "resolved_date": pl.Date,
    "precision": pl.String,
    "is_relative": pl.Boolean,
    "resolution": pl.String,
    "timex_type": pl.String,
    "timex_value": pl.String,
    "mod": pl.String,
}
EVENT_DATE_SCHEMA: dict[str, pl.DataType] = {
    "article_id": pl.String,
    "event_date": pl.Date,
    "event_date_source": pl.String,
    "event_time": pl.String,
}
PRECISIONS = ("day", "month", "year")
TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
# the shape of a TimeML value of each type (the date_mentions suite checks every row against it)
TIMEX_VALUE_PATTERNS = {
    "DATE": r"^(?:[0-9X]{2,4}(?:-(?:[0-9X]{2}|W[0-9X]{2}|Q[1-4X]|H[12]|SP|SU|FA|WI)(?:-[0-9X]{2}|-WE)?)?"
            r"(?:T[0-9:]+|T(?:MO|AF|EV|NI))?|PRESENT_REF|PAST_REF|FUTURE_REF)$",
    "TIME": r"^[0-9X]{4}-[0-9X]{2}-[0-9X]{2}T(?:[0-9]{2}:[0-9]{2}|MO|AF|EV|NI)$",
    "DURATION": r"^P(?:[0-9X.]+[YQMWDEC]|[0-9X.]+WE)*(?:T(?:[0-9X.]+[HMS])+)?$",
    "SET": r"^(?:P(?:[0-9X.]+[YQMWD])*(?:T(?:[0-9X.]+[HMS])+)?|XXXX(?:-[0-9A-Z]+)*(?:T(?:MO|AF|EV|NI))?)$",
}
MODS = ("START", "MID", "END", "APPROX", "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE",
        "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER")


class DateParseError(ValueError):
    """A candidate surface that the date rules cannot interpret."""


class Resolved(NamedTuple):
    resolved_date: date | None
    precision: str | None  # 'day' | 'month' | 'year' | None (week spans)
    is_relative: bool
    resolution: str


# ---------------------------------------------------------------- vocabulary

_MONTHS = {**lexicon.mapping("time_words", "months"), **lexicon.mapping("time_words", "month_abbreviations")}
_WEEKDAYS = lexicon.mapping("time_words", "weekdays")
_NUMBERS = {k: v for k, v in lexicon.mapping("timex_words", "numbers").items() if " " not in k and v <= 12}


def _capitalised(words) -> str:
    """An alternation of capitalised words, longest first (the calendar patterns are case-sensitive)."""
    return "(?:" + "|".join(w.capitalize() for w in sorted(words, key=lambda w: (-len(w), w))) + ")"


_MONTH_FULL = _capitalised(lexicon.words("time_words", "months"))
_MONTH_ABBR = _capitalised(lexicon.words("time_words", "month_abbreviations")) + r"\.?"
_MONTH = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR})"
_WEEKDAY = _capitalised(lexicon.words("time_words", "weekdays"))
_DAYNUM = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89][0-9]{2}|20[0-9]{2})"
_PART = r"(?:morning|afternoon|evening|night|overnight)"
_NUM = r"(?:\d{1,3}|" + "|".join(sorted(_NUMBERS, key=lambda w: (-len(w), w))) + ")"
_HOLIDAYS = {k: tuple(v) for k, v in lexicon.mapping("timex_words", "holidays").items()}


def _holiday_pattern(name: str) -> str:
    words = [w if w == "of" else w.capitalize() for w in name.split()]
    body = r"\s+".join(re.escape(w).replace("'", "['’]") for w in words)
    return (r"(?:the\s+)?" if name.startswith("fourth") else "") + body


_HOLIDAY = "|".join(_holiday_pattern(k) for k in sorted(_HOLIDAYS, key=lambda k: (-len(k), k)))
# a number that continues (digits, 3:30; 22-23 is fine), or a day followed by a unit
_NOT_AFTER_DAY = r"(?![0-9]|:\d|\.\d|\s*(?:a\.m\.|p\.m\.|am\b|pm\b|%|percent\b)|[- ]?years?[- ]old)"
# a month alone is not followed by its day or year ("in June 12-year-old Ann" is June alone)
_NO_DAY_OR_YEAR = rf"(?!,?\s+(?:of\s+)?(?:{_YEAR}\b|{_DAYNUM}\b{_NOT_AFTER_DAY}))"

# Candidate patterns, tried in this order at each position (longest forms first).
_CANDIDATE = re.compile(
    r"|".join([
        # Friday, March 22, 2024 | March 22nd | Mar. 22, 2024 | March 22 2024
        rf"(?P<md>\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAYNUM}\b{_NOT_AFTER_DAY}"
        rf"(?:,?\s+{_YEAR}\b(?![-/.]?\d))?)",
        # 22 March 2024 | 22nd of March | Friday, 22 March
        rf"(?P<dm>\b(?:{_WEEKDAY},?\s+)?{_DAYNUM}\s+(?:of\s+)?{_MONTH}\b(?:,?\s+{_YEAR}\b(?![-/.]?\d))?)",
        # March 2024 | March, 2024
        rf"(?P<my>\b{_MONTH},?\s+(?:of\s+)?{_YEAR}\b(?![-/.]?\d))",
        # fixed-date holidays: Fourth of July, Christmas Eve, New Year's Day
        rf"(?P<hol>\b(?:{_HOLIDAY})\b)",
        # 3/22/2024, 3/22/24 (month first); 2024-03-22
        r"(?P<num>(?<![\d/.,$])(?:1[0-2]|0?[1-9])/(?:3[01]|[12][0-9]|0?[1-9])/(?:\d{4}|\d{2})(?![\d/]))",
        r"(?P<iso>(?<![\d\-/.])(?:1[89]|20)\d{2}-(?:1[0-2]|0[1-9])-(?:3[01]|[12][0-9]|0[1-9])(?![\d\-]))",
        # relative phrases (case-insensitive inline)
        r"(?P<rel>\b(?i:(?:(?:late|early)\s+)?last\s+night"
        r"|(?:(?:early|late|earlier|later)\s+)?(?:yesterday|today)(?:\s+" + _PART + r")?"
        r"|tonight|(?:(?:early|late|earlier|later)\s+)?this\s+(?:morning|afternoon|evening)"
        r"|(?:earlier|later)\s+this\s+(?:week|month|year)"
        r"|(?:last|this)\s+(?:week|weekend|month|year)|this\s+past\s+(?:week|weekend)"
        r"|" + _NUM + r"\s+(?:days?|weeks?|months?|years?)\s+ago"
        r")\b)",
        # weekdays with modifiers and part of day: early Saturday morning, last Tuesday
        rf"(?P<wd>\b(?:(?i:early|late)\s+)?(?:(?i:last|this\s+past|past|this|next|this\s+coming|coming)\s+)?"
        rf"{_WEEKDAY}(?:\s+{_PART})?\b)",
        # month alone after a preposition: in March, since mid-May, by June
        rf"(?P<mom>\b(?i:last|next|this)\s+{_MONTH_FULL}\b{_NO_DAY_OR_YEAR})",
        rf"(?P<mo_ctx>\b(?i:in|since|during|until|through|by|from|of|before|after|early|late|mid|for|to|the|a)"
        rf"(?:\s+|-))"
        rf"(?P<mo>{_MONTH_FULL})\b{_NO_DAY_OR_YEAR}",
        # a year in a year context: in 2004, the 2004 Beslan siege, mid-2015
        rf"(?P<yr_ctx>\b(?i:in|since|during|until|through|by|from|of|before|after|between|and|to|"
        rf"early|late|mid|the|year|summer|spring|fall|autumn|winter)(?:\s+|-))(?P<yr>{_YEAR})\b",
    ])
)

# a capitalised word right after a weekday/month alone makes it a name ("Sunday School")
_CAP_WORD_AFTER = re.compile(r"[ \t]+(?:[A-Z][a-z]|[A-Z]\b)")
_YEAR_NOT_FOLLOWED = re.compile(
    r"(?:[-/.,]\d|\s*%|\s*-?" + lexicon.alternation("timex_words", "count_nouns") + r"\b)", re.IGNORECASE)


def _phrases(key: str) -> str:
    """A lexicon list as a regex alternation whose spaces match any whitespace."""
    return lexicon.alternation("timex_words", key).replace(r"\ ", r"\s+")


_FUTURE_MARKER = re.compile(rf"(?:(?<![\w'])(?:{_phrases('future_markers')})|(?<=\w)'ll)\b", re.IGNORECASE)
_PAST_VERB = re.compile(rf"\b(?:{_phrases('past_verbs')})\b", re.IGNORECASE)
_FUTURE_REACH = 60  # a future marker this close before the weekday, with no past verb between
# where the clause of a date starts: the last sentence end, or a relative clause after a comma
# ("she would bring aid to the towns, where the May 2 floods killed 40": its own tense)
_CLAUSE_START = re.compile(r"(?:[.!?;\n]|,\s+(?:" + _phrases("relative_clause_openers") + r")\b)"
                           r"(?=(?:(?![.!?;\n]|,\s+(?:" + _phrases("relative_clause_openers") + r")\b).)*\Z)",
                           re.IGNORECASE | re.DOTALL)
_METADATA_BEFORE = re.compile(
    r"\b(?:posted|updated?|published|last\s+modified)\b[^.\n]{0,25}\Z", re.IGNORECASE
)


# ---------------------------------------------------------------- parsing

def _dateparser_settings(base: date | None, require: tuple[str, ...]) -> dict:
    return {
        # a fixed base when the surface carries its own year: the clock is never read
        "RELATIVE_BASE": datetime.combine(base or date(2000, 1, 1), datetime.min.time()),
        "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "TIMEZONE": "UTC",
        "DATE_ORDER": "MDY",
        "PREFER_LOCALE_DATE_ORDER": False,
        "REQUIRE_PARTS": list(require),
        "STRICT_PARSING": False,
    }


@lru_cache(maxsize=65536)
def _dateparser(surface: str, base: date | None, require: tuple[str, ...] = ()) -> tuple[date, str] | None:
    """dateparser on one surface: (date, period) or None.

    Memoised on (surface, base, parts). The base is the published date only for
    "N months/years ago"; full dates pass None and year-less ones a fixed
    leap-year base (their year is set by ``_closest_year``), so their cache
    entries are shared by every article.
    """
    from dateparser.date import DateDataParser  # lazy: importing dateparser costs ~0.3 s

    parser = DateDataParser(languages=["en"], settings=_dateparser_settings(base, require))
    data = parser.get_date_data(surface)
    if data.date_obj is None:
        return None
    return data.date_obj.date(), data.period


def _closest_year(month: int, day: int, anchor: date, future_weight: int = 2,
                  tense: str | None = None) -> date | None:
    """(month, day) in the year that puts it closest to ``anchor``, a day ahead counting
    ``future_weight`` days back; ties go to the past.

    Reports look back more often than ahead: "Dec. 5" in a March article is last
    December, "Sept. 12" in March is last September; "June 3" in March (a trial
    date, 72 days ahead vs 294 back) and "Jan. 5" in late December are ahead.
    """
    best = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            d = date(year, month, day)
        except ValueError:  # Feb 29 in a common year
            continue
        distance = (d - anchor).days
        if (tense == "past" and distance > 0) or (tense == "future" and distance < 0):
            continue  # the clause's tense says which side of the anchor
        key = -distance if distance <= 0 else future_weight * distance
        if best is None or key < best[0]:
            best = (key, d)
    return best[1] if best else None


def _weekday(target: int, published: date, mode: str) -> date:
    """mode: 'on_or_before' | 'before' | 'on_or_after' | 'after' published."""
    if mode in ("on_or_before", "before"):
        back = (published.weekday() - target) % 7
        if back == 0 and mode == "before":
            back = 7
        return published - timedelta(days=back)
    ahead = (target - published.weekday()) % 7
    if ahead == 0 and mode == "after":
        ahead = 7
    return published + timedelta(days=ahead)


_STRIP_WEEKDAY = re.compile(rf"\A{_WEEKDAY},?\s+")
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b")


def _absolute(surface: str, kind: str, published: date | None, tense: str | None = None) -> Resolved:
    text = _ORDINAL.sub("", _STRIP_WEEKDAY.sub("", surface)).replace(" of ", " ")
    if kind == "num" and re.search(r"/\d{2}\Z", text):  # 3/22/24: 20yy below 70, else 19yy
        yy = int(text[-2:])
        text = f"{text[:-2]}{2000 + yy if yy < 70 else 1900 + yy}"
    has_year = bool(re.search(r"\d{4}\Z|/\d{2}\Z", text)) or kind == "iso"
    if kind == "my":
        parsed = _dateparser(text, None, ("month", "year"))
        if parsed is None:
            raise DateParseError(f"no month/year in {surface!r}")
        return Resolved(parsed[0].replace(day=1), "month", False, "absolute")
    if has_year:
        parsed = _dateparser(text, None, ("day", "month", "year"))
        if parsed is None:
            raise DateParseError(f"no calendar date in {surface!r}")
        return Resolved(parsed[0], "day", False, "absolute")
    # year-less: dateparser reads month and day against a leap-year base, the year is ours
    parsed = _dateparser(text, date(2000, 1, 1), ("day", "month"))
    if parsed is None:
        raise DateParseError(f"no month/day in {surface!r}")
    if published is None:
        return Resolved(None, "day", False, "unresolved_no_published")
    resolved = _closest_year(parsed[0].month, parsed[0].day, published, tense=tense)
    return Resolved(resolved, "day", False, "year_from_published" if resolved else "invalid_date")


def _relative(surface: str, published: date | None) -> Resolved:
    s = " ".join(surface.lower().split())
    week_span = re.search(r"\b(?:week|weekend)\b", s) and "ago" not in s
    if week_span:
        return Resolved(None, None, True, "week_span")
    precision = "day"
    if "ago" in s:
        unit = re.search(r"(day|week|month|year)", s).group(1)
        precision = {"day": "day", "week": "day", "month": "month", "year": "year"}[unit]
    elif "month" in s:
        precision = "month"
    elif "year" in s:
        precision = "year"
    if published is None:
        return Resolved(None, precision, True, "unresolved_no_published")
    if "last night" in s or "yesterday" in s:
        return Resolved(published - timedelta(days=1), "day", True, "relative_to_published")
    if any(w in s for w in ("today", "tonight", "this morning", "this afternoon", "this evening")):
        return Resolved(published, "day", True, "relative_to_published")
    if precision == "month" and "ago" not in s:
        back = 1 if "last" in s or "past" in s else 0
        y, m = divmod(published.year * 12 + published.month - 1 - back, 12)
        return Resolved(date(y, m + 1, 1), "month", True, "relative_to_published")
    if precision == "year" and "ago" not in s:
        back = 1 if "last" in s or "past" in s else 0
        return Resolved(date(published.year - back, 1, 1), "year", True, "relative_to_published")
    m = re.match(r"(\S+)\s+(day|week|month|year)s?\s+ago", s)
    n = int(m.group(1)) if m.group(1).isdigit() else _NUMBERS[m.group(1)]
    if m.group(2) == "day":
        return Resolved(published - timedelta(days=n), "day", True, "relative_to_published")
    if m.group(2) == "week":
        return Resolved(published - timedelta(days=7 * n), "day", True, "relative_to_published")
    parsed = _dateparser(f"{n} {m.group(2)}s ago", published)
    if parsed is None:
        raise DateParseError(f"cannot resolve {surface!r}")
    d = parsed[0]
    d = d.replace(day=1) if precision == "month" else date(d.year, 1, 1)
    return Resolved(d, precision, True, "relative_to_published")


def _weekday_mention(surface: str, published: date | None, future: bool) -> Resolved:
    s = " ".join(surface.lower().split())
    target = next(v for k, v in _WEEKDAYS.items() if k in s)
    if published is None:
        return Resolved(None, "day", True, "unresolved_no_published")
    if re.search(r"\b(?:last|past)\b", s):
        return Resolved(_weekday(target, published, "before"), "day", True, "weekday_past")
    if re.search(r"\bnext\b", s):
        return Resolved(_weekday(target, published, "after"), "day", True, "weekday_future")
    if future or re.search(r"\bcoming\b", s):
        return Resolved(_weekday(target, published, "on_or_after"), "day", True, "weekday_future")
    return Resolved(_weekday(target, published, "on_or_before"), "day", True, "weekday_past")


def _kind(surface: str) -> str | None:
    """Which candidate pattern ``surface`` is, or None when it is no date expression."""
    if re.fullmatch(_YEAR, surface):
        return "yr"
    if re.fullmatch(_MONTH_FULL, surface):
        return "mo"
    m = _CANDIDATE.fullmatch(surface)
    if m is None or m.lastgroup in ("mo", "yr"):
        return None
    return m.lastgroup


def resolve_date(
    surface: str,
    published: date | None,
    *,
    future: bool = False,
    tense: str | None = None,
    on_error: OnError = "raise",
) -> Resolved:
    """Resolve one date surface against ``published`` (never against the clock).

    ``future`` says the surface sits in a clause about the future (weekdays only);
    ``tense`` ('past' | 'future' | None) is the tense of the clause of a year-less date
    ("stepped down in March" is the last March, "will open in March" the next one).
    A surface the rules cannot read raises DateParseError (on_error="raise") or
    returns Resolved(None, None, is_relative, 'unparsed') (on_error="null").
    """
    if on_error not in ("raise", "null"):
        raise ValueError(f"on_error must be 'raise' or 'null', not {on_error!r}")
    kind = _kind(surface)
    try:
        if kind is None:
            raise DateParseError(f"not a date expression: {surface!r}")
        if kind in ("md", "dm", "my", "num", "iso"):
            return _absolute(surface, kind, published, tense)
        if kind == "rel":
            return _relative(surface, published)
        if kind == "wd":
            return _weekday_mention(surface, published, future)
        if kind == "yr":
            return Resolved(date(int(surface), 1, 1), "year", False, "absolute")
        if kind == "hol":
            if published is None:
                return Resolved(None, "day", False, "unresolved_no_published")
            key = re.sub(r"\s+", " ", surface.lower().replace("’", "'")).removeprefix("the ")
            return Resolved(_closest_year(*_HOLIDAYS[key], published, tense=tense), "day", False,
                            "year_from_published")
        # a month alone ("in March": the closest March) or "last March" / "next March"
        if published is None:
            return Resolved(None, "month", kind == "mom", "unresolved_no_published")
        words = surface.lower().split()
        month, this_month = _MONTHS[words[-1]], published.replace(day=1)
        if words[0] == "last":
            year = published.year - (month >= published.month)
            return Resolved(date(year, month, 1), "month", True, "relative_to_published")
        if words[0] == "next":
            year = published.year + (month <= published.month)
            return Resolved(date(year, month, 1), "month", True, "relative_to_published")
        if words[0] == "this":
            return Resolved(date(published.year, month, 1), "month", True, "relative_to_published")
        return Resolved(_closest_year(month, 1, this_month, tense=tense), "month", False, "year_from_published")
    except (DateParseError, OverflowError, ValueError) as exc:  # unreadable, or out of date's range
        if on_error == "raise":
            if isinstance(exc, DateParseError):
                raise
            raise DateParseError(f"{surface!r} against {published}: {exc}") from exc
        return Resolved(None, None, kind in ("rel", "wd", "mom"), "unparsed")


# ---------------------------------------------------------------- finding

def _in_future_clause(text: str, start: int) -> bool:
    """A future marker shortly before ``start`` in its clause, no past verb in between:
    "is scheduled to appear in court Monday", "a vigil will be held Sunday"."""
    window = text[max(0, start - 200):start]
    m = _CLAUSE_START.search(window)
    clause = window[m.end():] if m else window
    markers = list(_FUTURE_MARKER.finditer(clause))
    if not markers:
        return False
    between = clause[markers[-1].end():]
    return len(between) <= _FUTURE_REACH and not _PAST_VERB.search(between)


def _clause_tense(text: str, start: int, end: int) -> str | None:
    """'future' when a future marker stands before ``start`` in its clause ("will open in
    March": the next March) with no past verb after it ("will stay open for those who were
    flooded out in November": the last November), else None (measured on TBAQ: reading
    past verbs as 'past' lost more year-less dates than it fixed)."""
    window = text[max(0, start - 200):start]
    m = _CLAUSE_START.search(window)
    before = window[m.end():] if m else window
    markers = list(_FUTURE_MARKER.finditer(before))
    if markers and not _PAST_VERB.search(before, markers[-1].end()):
        return "future"  # a past verb after the marker ("will ... since he was rescued in May"): its own time
    return None  # past verbs do not decide: the closest-year rule already leans back


def _street_after(after: str) -> bool:
    """A street name follows (the shared address pattern of transforms/figures.py, with at
    least one name word, starting with a letter): "at 2010 Oak St" is a house number, while
    "a 2015 court document" and "2016  200 East Sixth Street" keep their years."""
    m = AFTER_STREET.match(after)
    return bool(m) and m.group("words")[:1].isalpha()


def _candidates(text: str):
    """(kind, start, end) of every date expression candidate in ``text``, in order."""
    for m in _CANDIDATE.finditer(text):
        kind = m.lastgroup  # mo_ctx / yr_ctx (the preposition) close before mo / yr
        if kind in ("mo", "yr"):
            start, end = m.span(kind)
        else:
            start, end = m.span()
        after = text[end:end + 60]
        if kind in ("wd", "mo") and _CAP_WORD_AFTER.match(after):
            # "Sunday School", "June Smith" ... unless a new sentence starts there
            continue
        if kind == "yr":
            if _YEAR_NOT_FOLLOWED.match(after) or _street_after(after):
                continue
            if text[max(0, start - 1):start] in ("$", "#"):
                continue
        yield kind, start, end


_PART_CODE = re.compile(rf"(?i)\b({lexicon.alternation('timex_words', 'parts_of_day')})\b")
_POINT_MODS = {w.rstrip("-"): v for w, v in lexicon.mapping("timex_words", "mod_prefixes").items()
               if " " not in w and w in lexicon.words("timex_words", "mods_for_points")
               and v in ("START", "MID", "END")}  # early, late, mid
_MOD_FIRST_WORD = re.compile(rf"(?i)\A({'|'.join(sorted(_POINT_MODS))})\b")
_RELATIVE_YEAR = re.compile(r"(?i)(?:this|last|next)\s+year")
_LEADING_MOD = re.compile(r"(?i)\A(?:early|late|mid|the\s+(?:end|beginning|start|middle)\s+of)(?:\s+|-)")
_CLOCK_DAY_GAP = re.compile(r"\A\s*,?\s*\Z")


@lru_cache(maxsize=4)
def _mod_prefix(kind: str) -> re.Pattern:
    """'points' | 'times' | 'durations': the modifiers that may stand right before such a timex."""
    mods = lexicon.mapping("timex_words", "mod_prefixes")
    allowed = set(lexicon.words("timex_words", "mods_for_durations" if kind == "durations" else "mods_for_points"))
    if kind == "points":
        allowed -= {"about", "around", "approximately", "roughly"}
    words = sorted((w for w in mods if w in allowed), key=lambda w: (-len(w), w))
    alt = "|".join(re.escape(w.rstrip("-")) for w in words)
    return re.compile(rf"(?i)(?<![\w'’-])(?P<mod>{alt})(?:\s+|\s*-\s*)\Z")


def _week_span_value(surface: str, published: date | None) -> str | None:
    """'last week' -> the ISO week before published's; 'this weekend' -> 2024-W12-WE."""
    if published is None:
        return None
    s = " ".join(surface.lower().split())
    back = -1 if re.search(r"\b(?:last|past)\b", s) else 0
    unit = "weekend" if "weekend" in s else "week"
    return timex.relative_value("last" if back else "this", unit, published)


def _calendar_value(surface: str, kind: str, res: Resolved, published: date | None) -> tuple[str | None, str]:
    """The TimeML value and type of a calendar mention: 2024-03-22, 2024-W12, 2024-03-22TEV."""
    if res.resolution == "week_span":
        return _week_span_value(surface, published), "DATE"
    value = None
    if res.resolved_date is not None and res.precision in PRECISIONS:
        iso = res.resolved_date.isoformat()
        value = {"day": iso[:10], "month": iso[:7], "year": iso[:4]}[res.precision]
    if value is None:
        return None, "DATE"
    low = surface.lower()
    if kind == "rel" and re.search(r"\bweeks?\s+ago\b", low):
        return timex.week_value(res.resolved_date), "DATE"
    # "last night", "this morning" are TIMEs; "Friday night" stays the day (TBAQ's annotators
    # valued it as the day as often as with the part of the day: the day is the safer value)
    part = _PART_CODE.search(surface) if kind == "rel" else None
    if part and res.precision == "day":
        code = lexicon.mapping("timex_words", "parts_of_day")[part.group(1).lower()]
        return f"{value}T{code}", "TIME"
    return value, "DATE"


def _calendar_value_from(value: str | None, timex_type: str) -> tuple[date | None, str | None]:
    """resolved_date / precision of a DATE value that is a calendar day, month or year (a time
    of day found alone keeps none: "7:39 AM" after a dateline is no date of its own)."""
    if value is None or timex_type != "DATE":
        return None, None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?", value)
    if not m:
        return None, None
    y, mo, d = m.groups()
    try:
        if d:
            return date(int(y), int(mo), int(d)), "day"
        if mo:
            return date(int(y), int(mo), 1), "month"
        return date(int(y), 1, 1), "year"
    except ValueError:
        return None, None


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < e and s < end for s, e in spans)


def _select(text: str) -> list[tuple[int, int, tuple]]:
    """Calendar candidates and timex rule matches, overlaps resolved: the longer span wins,
    then a calendar candidate (unless the rule overrides calendar readings), then the earlier.
    A rule match carries the calendar kind of the same span, if any: its reading when the
    rule's handler declines the match."""
    cands = [(start, end, 1, ("cal", kind)) for kind, start, end in _candidates(text)]
    calendar = {(start, end): payload[1] for start, end, _, payload in cands}
    cands += [(start, end, 2 if rule.overrides_calendar else 0, ("tx", rule, m, calendar.get((start, end))))
              for start, end, rule, m in timex.find(text)]
    cands.sort(key=lambda c: (-(c[1] - c[0]), -c[2], c[0]))
    taken: list[tuple[int, int]] = []
    chosen = []
    for start, end, _, payload in cands:
        if not _overlaps(taken, start, end):
            taken.append((start, end))
            chosen.append((start, end, payload))
    chosen.sort(key=lambda c: c[0])
    return chosen


def find_date_mentions(text: str, published: date | None) -> list[dict]:
    """Every time expression in ``text`` (see the module docstring for the rules).

    Returns dicts: surface, char_start, char_end, resolved_date, precision,
    is_relative, resolution, timex_type, timex_value, mod; ``text[char_start:char_end] ==
    surface``. Never raises on text: a candidate that cannot be read is kept with
    resolution 'unparsed'.
    """
    if not text:
        return []
    out: list[dict] = []
    ref: timex.Ref | None = None  # the last date mentioned: the anchor of anaphoric expressions
    ref_period: timex.Ref | None = None  # the last quarter, half or year mentioned
    for start, end, payload in _select(text):
        surface = text[start:end]
        anaphoric = False
        mod = None
        r = None
        if payload[0] == "tx":
            r = timex.normalise(payload[2], payload[1], timex.Context(text, published, ref, ref_period))
            if r is None or r.get("value") is None:
                if payload[3] is None:
                    continue
                payload = ("cal", payload[3])  # the rule declined: the calendar reading of the span
        if payload[0] == "cal":
            kind = payload[1]
            future = kind == "wd" and _in_future_clause(text, start)
            tense = _clause_tense(text, start, end) if kind in ("md", "dm", "mo", "hol") else None
            res = resolve_date(surface, published, future=future, tense=tense, on_error="null")
            value, ttype = _calendar_value(surface, kind, res, published)
            if kind == "rel" and value and re.fullmatch(r"(?i)(?:a|one)\s+year\s+ago", surface) \
                    and ref_period is not None and ref_period.granularity in ("quarter", "half"):
                value = timex.shift(timex.parse_value(ref_period.value)[0], ref_period.granularity,
                                    -4 if ref_period.granularity == "quarter" else -2)  # the year-ago quarter
                anaphoric = True
            row = {"resolved_date": res.resolved_date, "precision": res.precision,
                   "is_relative": res.is_relative, "resolution": res.resolution,
                   "timex_type": ttype, "timex_value": value}
            first = _MOD_FIRST_WORD.match(surface)
            if first:
                mod = _POINT_MODS[first.group(1).lower()]
        else:
            rule = payload[1]
            ttype = r.get("type") or rule.type
            resolved, precision = _calendar_value_from(r["value"], ttype)
            row = {"resolved_date": resolved, "precision": precision, "is_relative": bool(r.get("relative")),
                   "resolution": f"timex:{rule.id}", "timex_type": ttype, "timex_value": r["value"]}
            anaphoric = bool(r.get("anaphoric"))
            mod = r.get("mod")
        # a modifier right before the span belongs to it: "late November", "nearly two months"
        prev_end = out[-1]["char_end"] if out else 0
        kind_of = {"DURATION": "durations", "TIME": "times"}.get(row["timex_type"], "points")
        if row["timex_type"] != "SET" and not mod:
            pm = _mod_prefix(kind_of).search(text, max(prev_end, start - 25), start)
            if pm:
                word = " ".join(pm.group("mod").lower().split())
                mods = lexicon.mapping("timex_words", "mod_prefixes")
                mod = mods.get(word) or mods.get(word + "-")
                start = pm.start()
                surface = text[start:end]
        row.update({"surface": surface, "char_start": start, "char_end": end, "mod": mod})
        # a month and its relative year are one expression: "February this year", "June last year"
        if out and row["precision"] == "year" and _RELATIVE_YEAR.fullmatch(row["surface"]) \
                and out[-1]["precision"] == "month" and out[-1]["resolution"] != "absolute" \
                and out[-1]["timex_value"] and text[out[-1]["char_end"]:start].isspace():
            month = out.pop()
            year, mm = int(row["timex_value"]), int(month["timex_value"][5:7])
            row.update({"surface": text[month["char_start"]:end], "char_start": month["char_start"],
                        "timex_value": f"{year}-{mm:02d}", "resolved_date": date(year, mm, 1),
                        "precision": "month", "mod": month["mod"]})
        # times of day right before their day are one expression: "9 a.m. Tuesday", "noon Friday"
        if out and out[-1]["resolution"] in ("timex:clock_time", "timex:part_of_day") \
                and row["precision"] == "day" and row["timex_type"] == "DATE" and row["timex_value"] \
                and _CLOCK_DAY_GAP.match(text[out[-1]["char_end"]:start]):
            clock = out.pop()
            row.update({"surface": text[clock["char_start"]:end], "char_start": clock["char_start"],
                        "timex_type": "TIME", "mod": clock["mod"] or row["mod"],
                        "timex_value": row["timex_value"] + "T" + clock["timex_value"].split("T", 1)[1]})
        out.append(row)
        value = row["timex_value"]
        gran = timex.granularity(value) if value and row["timex_type"] in ("DATE", "TIME") else None
        if gran and not anaphoric:
            ref = timex.Ref(value[:10] if gran == "day" else value, gran, start, end)
            if gran in ("quarter", "half", "year"):
                ref_period = ref
        elif row["timex_type"] == "DURATION":
            ref_period = timex.year_to_date(row["surface"], value, ref_period, published, start, end) or ref_period
    return [{k: r[k] for k in MENTION_KEYS} for r in out]


MENTION_KEYS = ("surface", "char_start", "char_end", "resolved_date", "precision", "is_relative", "resolution",
                "timex_type", "timex_value", "mod")


def mention_id(article_id: str, char_start: int, char_end: int) -> str:
    key = f"{article_id}\x1fdate\x1f{char_start}\x1f{char_end}"
    return stable_id(key)


def date_mentions(articles: pl.DataFrame) -> pl.DataFrame:
    """articles[article_id, body_clean, published_date] -> one row per date mention."""
    rows = []
    for art in articles.select("article_id", "body_clean", "published_date").iter_rows(named=True):
        for m in find_date_mentions(art["body_clean"] or "", art["published_date"]):
            rows.append({
                "mention_id": mention_id(art["article_id"], m["char_start"], m["char_end"]),
                "article_id": art["article_id"],
                **m,
            })
    return pl.DataFrame(rows, schema=DATE_MENTION_SCHEMA)


# ---------------------------------------------------------------- incident date

def _cue_words(key: str) -> str:
    """The lexicon list ``date_cues.<key>`` as a regex alternation; a space matches any whitespace."""
    items = sorted(lexicon.words("date_cues", key), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items) + ")"


# the incident itself: a sentence with one of these is about the shooting
_INCIDENT_CUE = re.compile(r"\b" + _cue_words("incident_cues") + r"\b", re.IGNORECASE)
_WEAK_CUE = re.compile(r"\b" + _cue_words("weak_cues") + r"\b", re.IGNORECASE)
# what happened after: "said Monday", "arrested Tuesday", "in court Thursday"
_FOLLOW_UP_BEFORE = re.compile(r"\b" + _cue_words("follow_up_words") + r"\b[^.!?\n]{0,25}\Z", re.IGNORECASE)
# a sentence ends at . ! ? (not after an initial, a.m., Mr., St., Ave., ...) or a line break
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Za-z])(?<!\b(?:Mr|Ms|St|Jr|Sr|Dr|No))(?<!\b(?:Mrs|Ave|Gov|Sgt|Det))[.!?](?=\s)|\n"
)
_TIMESTAMP_AFTER = re.compile(r"\A,?\s*\d{1,2}:\d{2}\b|\A\)")
_NEAR_CHARS = 80  # about a dozen words
_WINDOW_DAYS = 31  # relative mentions; a calendar date may be older
_WINDOW_DAYS_DATED = 400


def _sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - 400)
    s = lo
    for m in _SENTENCE_END.finditer(text, lo, start):
        s = m.end()
    m = _SENTENCE_END.search(text, end, end + 400)
    return s, (m.end() if m else min(len(text), end + 400))


def _source(resolution: str) -> str:
    if resolution == "year_from_event":
        return "event_context"
    if resolution.startswith("weekday"):
        return "relative_weekday"
    if resolution == "relative_to_published":
        return "relative_phrase"
    return "absolute_in_text"


def _tier(text: str, m: dict) -> int:
    """How surely a mention dates the incident itself, 0-4 (the module docstring's tiers)."""
    start, end = m["char_start"], m["char_end"]
    s, e = _sentence_span(text, start, end)
    follow_up = bool(_FOLLOW_UP_BEFORE.search(text, s, start))
    near = _INCIDENT_CUE.search(text, max(s, start - _NEAR_CHARS), min(e, end + _NEAR_CHARS))
    if near or _INCIDENT_CUE.search(text, s, e):
        return 1 if follow_up else (4 if near else 3)
    if _WEAK_CUE.search(text, s, e) and not follow_up:
        return 2
    return 0


def event_date(text: str, published: date | None, mentions: list[dict]) -> tuple[date | None, str]:
    """The incident date of one article from its mentions: (event_date, event_date_source)."""
    best = None
    for m in mentions:
        d = m["resolved_date"]
        if d is None or m["precision"] != "day" or (m["resolution"] or "").startswith("timex:"):
            continue  # calendar mentions only: times, anaphora ("two days later") are not candidates
        if published is not None:
            dated = m["resolution"] in ("absolute", "year_from_published")
            window = _WINDOW_DAYS_DATED if dated else _WINDOW_DAYS
            if not 0 <= (published - d).days <= window:
                continue
        before = text[max(0, m["char_start"] - 40):m["char_start"]]
        after = text[m["char_end"]:m["char_end"] + 12]
        if _METADATA_BEFORE.search(before) or (
            not m["is_relative"] and _TIMESTAMP_AFTER.match(after)
        ):
            continue  # "Posted: Friday, January 31, 2014 10:21 AM", "(Nov. 2)"
        tier = _tier(text, m)
        old = published is not None and (published - d).days > _WINDOW_DAYS
        key = (-tier, old, m["char_start"])
        if best is None or key < best[0]:
            best = (key, d, _source(m["resolution"]))
    if best is not None:
        return best[1], best[2]
    if published is not None:
        return published, "published_date_fallback"
    return None, "none"


def event_time(text: str, mentions: list[dict], day: date | None) -> str | None:
    """The incident's time of day on ``day`` as the text gives it: "21:40" (a clock time)
    or a TimeML part of the day ("MO", "AF", "EV", "NI"); None when the text gives none.

    Candidates: TIME mentions valued on ``day`` ("9:40 p.m. Friday", "last night") and day
    mentions of ``day`` that name a part of the day ("Friday night"); the one in the
    sentence most surely about the incident (``_tier``) wins, then the first.
    """
    if day is None:
        return None
    iso = day.isoformat()
    parts = lexicon.mapping("timex_words", "parts_of_day")
    best = None
    for m in mentions:
        value = m.get("timex_value") or ""
        if m.get("timex_type") == "TIME" and value.startswith(iso + "T"):
            when = value.split("T", 1)[1]
        elif m["resolved_date"] == day and m["precision"] == "day" and _PART_CODE.search(m["surface"]):
            when = parts[_PART_CODE.search(m["surface"]).group(1).lower()]
        else:
            continue
        key = (-_tier(text, m), m["char_start"])
        if best is None or key < best[0]:
            best = (key, when)
    return best[1] if best else None


def event_dates(articles: pl.DataFrame, mentions: pl.DataFrame) -> pl.DataFrame:
    """articles[article_id, published_date, body_clean] + their date mentions -> one row per
    article: article_id, event_date, event_date_source (rule in the module docstring).

    body_clean feeds the incident-word scoring; articles without it (a frame of
    already-loaded article state) are scored as if no sentence had a cue.
    """
    by_article: dict[str, list[dict]] = {}
    for m in mentions.sort("article_id", "char_start").iter_rows(named=True):
        by_article.setdefault(m["article_id"], []).append(m)
    if "body_clean" not in articles.columns:
        articles = articles.with_columns(body_clean=pl.lit(None, pl.String))
    rows = []
    for art in articles.select("article_id", "body_clean", "published_date").iter_rows(named=True):
        text, ms = art["body_clean"] or "", by_article.get(art["article_id"], [])
        d, source = event_date(text, art["published_date"], ms)
        when = event_time(text, ms, d) if source != "published_date_fallback" else None
        rows.append({"article_id": art["article_id"], "event_date": d, "event_date_source": source,
                     "event_time": when})
    return pl.DataFrame(rows, schema=EVENT_DATE_SCHEMA)


# ---------------------------------------------------------------- event context

def year_from_event(surface: str, event_day: date) -> Resolved | None:
    """A year-less date surface ("March 22", "Dec. 5", "Christmas Eve", "in March") placed
    in the year closest to ``event_day``; None for any other surface."""
    surface = _LEADING_MOD.sub("", surface)  # "late March" is dated as "March"
    kind = _kind(surface)
    if kind in ("md", "dm"):
        text = _ORDINAL.sub("", _STRIP_WEEKDAY.sub("", surface)).replace(" of ", " ")
        if re.search(rf"{_YEAR}\Z", text):
            return None
        parsed = _dateparser(text, date(2000, 1, 1), ("day", "month"))
        if parsed is None:
            return None
        month, day, precision = parsed[0].month, parsed[0].day, "day"
    elif kind == "hol":
        key = re.sub(r"\s+", " ", surface.lower().replace("’", "'")).removeprefix("the ")
        (month, day), precision = _HOLIDAYS[key], "day"
    elif kind == "mo":
        month, day, precision = _MONTHS[surface.lower()], 1, "month"
        event_day = event_day.replace(day=1)
    else:
        return None
    resolved = _closest_year(month, day, event_day, future_weight=1)
    return Resolved(resolved, precision, False, "year_from_event") if resolved else None


def resolve_with_event_context(mentions: pl.DataFrame, articles: pl.DataFrame) -> pl.DataFrame:
    """Second pass, once articles are clustered into events: year-less dates of articles
    with NO published_date take the year that puts them closest to their event's date.

    articles: article_id, published_date, event_id, event_date_of_event. Only mentions
    still unresolved for want of a published date change (resolution 'year_from_event');
    relative expressions and weekdays stay NULL, and every other row is returned as is.
    """
    context = articles.filter(
        pl.col("published_date").is_null() & pl.col("event_date_of_event").is_not_null()
    ).select("article_id", "event_date_of_event").unique("article_id")
    event_day = dict(context.iter_rows())
    if not event_day or mentions.height == 0:
        return mentions
    rows = []
    for m in mentions.iter_rows(named=True):
        anchor = event_day.get(m["article_id"])
        if anchor is not None and m["resolved_date"] is None and m["resolution"] == "unresolved_no_published":
            res = year_from_event(m["surface"], anchor)
            if res is not None:
                m = m | res._asdict()
                if "timex_value" in m:
                    iso = res.resolved_date.isoformat()
                    m["timex_value"] = iso[:10] if res.precision == "day" else iso[:7]
        rows.append(m)
    return pl.DataFrame(rows, schema=mentions.schema)
