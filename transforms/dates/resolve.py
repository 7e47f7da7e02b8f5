"""Calendar dates: one candidate surface resolved against the published date.

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
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from transforms.dates.patterns import (
    _CANDIDATE, _HOLIDAYS, _MONTHS, _MONTH_FULL, _NUMBERS, _WEEKDAY, _WEEKDAYS, _YEAR,
)
from transforms.dates.schema import DateParseError, OnError, Resolved


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
