"""Time expressions beyond calendar dates, normalised to TimeML (TIMEX3) values.

Pure functions, no I/O, no clock. The rules are data: transforms/lexicon/timex_rules.yaml
(id, pattern, what it emits, examples, counter-examples) over the word lists of
timex_words.yaml and time_words.yaml. This module compiles the rules, finds their matches
(``find``) and computes each match's value with the handler the rule names (``normalise``).
Calendar dates themselves ("March 22, 2024", "Friday", "yesterday", years) are found and
resolved by transforms/dates/ with dateparser; transforms/dates/mentions.py merges both and anchors.

Anchors (TimeML): deictic expressions ("next year", "three weeks ago", "tomorrow", "this
quarter") are resolved against the document creation time (dct, the published date);
anaphoric ones ("two days later", "the following day", "a year earlier", "the year-earlier
quarter", "the quarter") against the reference time: the last date mentioned before them,
at that date's granularity (a year earlier than 2020-Q3 is 2019-Q3). Without a dct, values
that need one are written with X placeholders (XXXX-Q3) or left out.

Values: 2024-03-22, 2024-03, 2024, 2024-W12, 2024-W12-WE, 2024-Q1, 2024-H1, 2024-SU,
199 (a decade), 19 (a century), 2024-03-22T21:40, 2024-03-22TEV, P3D, PT5H30M, PXY,
PRESENT_REF / PAST_REF / FUTURE_REF, sets (P1W, XXXX-WXX-2TNI).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Callable

from transforms import lexicon, scan

WORDS = "timex_words"
RULES_FILE = "timex_rules"
TIME_UNITS = ("S", "H")  # minute is 'M' in time units: handled by the unit name
_TOKEN = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")
_DAY_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class Rule:
    id: str
    type: str
    handler: str
    value: str | None
    regex: re.Pattern
    examples: tuple
    counter_examples: tuple
    overrides_calendar: bool
    requires: frozenset | None  # the rule is tried only on texts with one of these words


@dataclass(frozen=True)
class Ref:
    """A reference time: a value and its granularity (day, week, month, quarter, half, year)."""

    value: str
    granularity: str
    start: int  # where it was mentioned
    end: int = -1  # where the mention ends (-1: unknown)


# ---------------------------------------------------------------- the rule table

def _list(name: str) -> str:
    for file in (WORDS, "time_words"):
        if name in lexicon.load(file):
            return lexicon.alternation(file, name)
    if name == "months":  # months and their abbreviations
        return lexicon.alternation("time_words", "months")
    raise lexicon.LexiconError(f"no word list {name!r} for a timex rule")


def expand(pattern: str) -> str:
    """A rule pattern with every <<list>> replaced by the list's alternation."""
    return re.sub(r"<<(\w+)>>", lambda m: _list(m.group(1)), pattern)


@cache
def rules() -> tuple[Rule, ...]:
    out = []
    for r in lexicon.load(RULES_FILE)["rules"]:
        emit = r["emit"]
        if emit["handler"] not in HANDLERS:
            raise lexicon.LexiconError(f"timex rule {r['id']}: no handler {emit['handler']!r}")
        # not inside a word; a possessive 's may follow ("next week's vote")
        regex = re.compile(r"(?<![\w'’])(?:" + expand(r["pattern"]) + r")(?!\w)(?!['’][a-rt-z])", re.IGNORECASE)
        requires = frozenset(str(w).lower() for w in r["requires"]) if r.get("requires") else None
        out.append(Rule(r["id"], emit["type"], emit["handler"], emit.get("value"), regex,
                        tuple(r.get("examples") or ()), tuple(r.get("counter_examples") or ()),
                        bool(r.get("overrides_calendar", False)), requires))
    return tuple(out)


@cache
def _words(name: str) -> dict:
    return lexicon.mapping(WORDS, name)


def _occurrences(low: str, word: str) -> list[int]:
    """Where ``word`` occurs in the lower-cased text, as a word or inside one."""
    out, i = [], low.find(word)
    while i >= 0:
        out.append(i)
        i = low.find(word, i + 1)
    return out


def find(text: str, whole: bool = False) -> list[tuple[int, int, Rule, re.Match]]:
    """Every rule match in ``text`` as (start, end, rule, match), overlaps included. A rule is tried
    only on texts with one of its ``requires`` words, and only around where they occur (a match
    contains one of them; transforms/scan.py), or on the whole text with ``whole`` (the same
    matches, slower: the tests compare both)."""
    out = []
    low = text.lower()
    # where each required word occurs (digits: every digit), found once for all the rules
    where = {"<digit>": [m.start() for m in _DIGIT.finditer(text)]}
    exact = len(low) == len(text)  # lower() kept the offsets ("İ" does not)
    tokens = set(_TOKEN.findall(low)) | ({"<digit>"} if where["<digit>"] else set())
    for rule in rules():
        if rule.requires is not None and rule.requires.isdisjoint(tokens):
            continue  # none of its words in the text
        if rule.requires is None or not exact or whole:
            matches = rule.regex.finditer(text)
        else:
            # a rule's match contains one of its required words ("midafternoon" has "afternoon"):
            # scan only around where they occur, also inside longer words
            for w in rule.requires:
                if w not in where:
                    where[w] = _occurrences(low, w)
            points = [p for w in rule.requires for p in where[w]]
            if not points:
                continue
            matches = scan.finditer_near(rule.regex, text, points)
        has_t = "t" in rule.regex.groupindex
        for m in matches:
            start, end = m.span("t") if has_t and m.group("t") else m.span()
            if end > start:
                out.append((start, end, rule, m))
    return out


# ---------------------------------------------------------------- values

def number(word: str | None) -> float | None:
    if word is None:
        return None
    w = " ".join(word.lower().split())
    if re.fullmatch(r"\d+(?:\.\d+)?", w):
        return float(w)
    return _words("numbers").get(w)


def _num(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def unit_letter(unit: str) -> str:
    u = unit.lower()
    u = _words("unit_plurals").get(u, u).rstrip("s") if u not in _words("units") else u
    return _words("units")[u]


def duration_value(n: float | str, unit: str, half: bool = False) -> str:
    """P3D, PT5H, P2Y6M, PT1M30S, P20Y (decades), P100Y (centuries); n may be 'X'."""
    u = unit.lower()
    u = _words("unit_plurals").get(u, u)
    u = u if u in _words("units") else u.rstrip("s")
    if n == "X":
        letter = {"decade": "E", "century": "C"}.get(u, _words("units")[u])
        return ("PT" if u in lexicon.words(WORDS, "time_units") else "P") + "X" + letter
    if u == "decade":
        n, u = n * 10, "year"
    elif u == "century":
        n, u = n * 100, "year"
    elif u == "weekend":
        n, u = n * 2, "day"
    letter = _words("units")[u]
    timeish = u in lexicon.words(WORDS, "time_units")
    if half:
        extra = {"year": "6M", "month": "15D", "week": "3DT12H", "day": "T12H", "hour": "30M", "minute": "30S",
                 "quarter": "1M15D"}.get(u, "")
        if timeish:
            return f"PT{_num(n)}{letter}{extra}"
        return f"P{_num(n)}{letter}{extra}"
    return ("PT" if timeish else "P") + _num(n) + letter


def week_value(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def parse_value(value: str) -> tuple[date, str] | None:
    """A calendar-like value -> (its first day, granularity); None for other values."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?", value)
    if m:
        y, mo, d = m.group(1), m.group(2), m.group(3)
        if d:
            return date(int(y), int(mo), int(d)), "day"
        if mo:
            return date(int(y), int(mo), 1), "month"
        return date(int(y), 1, 1), "year"
    m = re.fullmatch(r"(\d{4})-Q([1-4])", value)
    if m:
        return date(int(m.group(1)), 3 * int(m.group(2)) - 2, 1), "quarter"
    m = re.fullmatch(r"(\d{4})-H([12])", value)
    if m:
        return date(int(m.group(1)), 6 * int(m.group(2)) - 5, 1), "half"
    m = re.fullmatch(r"(\d{4})-W(\d{2})(?:-WE)?", value)
    if m:
        try:
            return date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1), "week"
        except ValueError:
            return None
    return None


def shift(d: date, granularity: str, n: int) -> str:
    """The value ``n`` units of ``granularity`` from ``d`` (negative: back)."""
    if granularity == "day":
        return (d + timedelta(days=n)).isoformat()
    if granularity == "week":
        return week_value(d + timedelta(weeks=n))
    if granularity in ("month", "quarter", "half"):
        months = {"month": 1, "quarter": 3, "half": 6}[granularity] * n
        y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
        if granularity == "month":
            return f"{y}-{m + 1:02d}"
        if granularity == "quarter":
            return f"{y}-Q{m // 3 + 1}"
        return f"{y}-H{m // 6 + 1}"
    if granularity == "year":
        return str(d.year + n)
    if granularity == "decade":
        return str((d.year + 10 * n) // 10)
    if granularity == "century":
        return f"{(d.year + 100 * n) // 100:02d}"
    raise ValueError(granularity)


_UNIT_GRAN = {"day": "day", "night": "day", "week": "week", "weekend": "week", "month": "month",
              "quarter": "quarter", "year": "year", "decade": "decade", "century": "century"}


def relative_value(direction: str, unit: str, dct: date) -> str:
    """'last' / 'this' / 'next' unit against the document date: next year -> 2025."""
    d = " ".join(direction.lower().split())
    n = {"next": 1, "this coming": 1, "coming": 1, "the coming": 1, "last": -1, "this past": -1,
         "past": -1, "the past": -1, "the latest": -1}.get(d, 0)
    u = unit.lower()
    if u == "weekend":
        return shift(dct, "week", n) + "-WE"
    return shift(dct, _UNIT_GRAN[u], n)


# ---------------------------------------------------------------- handlers

@dataclass
class Context:
    text: str
    dct: date | None
    ref: Ref | None  # the last date mentioned before the match
    ref_period: Ref | None  # the last quarter / half / year mentioned before the match


Result = dict  # value, type (optional override), mod (optional), relative, anchors (bool)


def _g(m: re.Match, *names: str) -> str | None:
    for n in names:
        try:
            v = m.group(n)
        except IndexError:
            continue
        if v:
            return v
    return None


def h_fixed(m, rule, ctx):
    return {"value": rule.value, "relative": False}


def h_generic(m, rule, ctx):
    """The rule's fixed value, unless the noun before it has a determiner (group ``det``):
    a bare plural is generic ("facing cities today"), "the stories today" is specific."""
    return None if _g(m, "det") else {"value": rule.value, "relative": False}


def h_duration(m, rule, ctx):
    n = number(_g(m, "n"))
    if n is None:
        return None
    unit = _g(m, "unit")
    if unit.lower().startswith("quarter") and re.match(r"\s+of\b|s\b", ctx.text[m.end():m.end() + 4]):
        return None  # "three-quarters of its food": a fraction
    if unit.lower().startswith("quarter") and re.search(r"quarters\s*\Z", m.group(0), re.I) and \
            re.match(r"\s+of\b", ctx.text[m.end():m.end() + 4]):
        return None
    if _g(m, "n").lower() in ("a", "an") and m.group(0).lower().startswith(("a ", "an ")):
        before = re.search(r"(\w+)\W*\Z", ctx.text[max(0, m.start() - 20):m.start()])
        if not before or before.group(1).lower() not in lexicon.words(WORDS, "duration_a_before"):
            return None  # "four flights a week", "24 hours a day": a rate, not a duration
    frac = _g(m, "frac")
    half = bool(frac) or bool(re.search(r"and\s+a\s+half\s*\Z", m.group(0), re.I))
    return {"value": duration_value(n, unit, half), "relative": False}


def h_duration_vague(m, rule, ctx):
    unit = _g(m, "unit", "unit2")
    if unit is None:
        unit = re.search(r"(week|month|year)s", m.group(0), re.I).group(1)
    return {"value": duration_value("X", unit), "relative": False}


def h_duration_one(m, rule, ctx):
    return {"value": duration_value(1, _g(m, "unit")), "relative": False}


def h_set_unit(m, rule, ctx):
    unit = _g(m, "unit", "unit2").lower()
    raw = _g(m, "n")
    n = 2 if raw and raw.lower() == "other" else (number(raw) or 1)
    if unit == "night":
        unit = "day"
    return {"value": duration_value(n, unit), "relative": False}


def h_set_weekday(m, rule, ctx):
    wd = _g(m, "wd", "wd2", "wd3").lower()
    num = lexicon.mapping("time_words", "weekdays")[wd] + 1
    part = _g(m, "part", "part2")
    suffix = "T" + _words("parts_of_day")[part.lower().rstrip("s")] if part else ""
    return {"value": f"XXXX-WXX-{num}{suffix}", "relative": False}


def h_set_part(m, rule, ctx):
    return {"value": "XXXX-XX-XXT" + _words("parts_of_day")[_g(m, "part").lower()], "relative": False}


def h_set_adverb(m, rule, ctx):
    return {"value": _words("set_adverbs")[_g(m, "adv").lower()], "relative": False}


def h_relative_unit(m, rule, ctx):
    if ctx.dct is None:
        return None
    return {"value": relative_value((_g(m, "dir") or "this").replace("the current", "this").replace("the coming", "next"),
                                    _g(m, "unit"), ctx.dct), "relative": True}


def h_tomorrow(m, rule, ctx):
    if ctx.dct is None:
        return None
    days = 2 if re.match(r"the\s+day\s+after", m.group(0), re.I) else 1
    return {"value": (ctx.dct + timedelta(days=days)).isoformat(), "relative": True}


def h_ago(m, rule, ctx):
    if _g(m, "vague"):
        return {"value": "PAST_REF", "relative": False}
    if ctx.dct is None:
        return None
    n = number(_g(m, "n"))
    unit = _g(m, "unit").lower()
    if n is None:
        return None
    n = int(n)
    if unit == "decade":
        return {"value": str(ctx.dct.year - 10 * n), "relative": True}
    return {"value": shift(ctx.dct, _UNIT_GRAN[unit], -n), "relative": True}


# a sentence ends at . ! ? before a capital or quote, or at a line break
_SENTENCE_BREAK = re.compile(r"[.!?][\"'’”)]*\s+(?=[A-Z\"“`'‘(])|\n")


def _in_sentence(ctx: Context, ref: Ref | None, at: int | None) -> bool:
    """``ref`` was mentioned earlier in the sentence of the match at ``at``."""
    return ref is not None and at is not None and 0 <= ref.end <= at \
        and not _SENTENCE_BREAK.search(ctx.text, ref.end, at + 1)


def _anchor(ctx: Context, period_first: bool = False, at: int | None = None) -> tuple[date, str] | None:
    """The reference time as (date, granularity): the last date mentioned, else the dct.

    ``period_first`` (year shifts): the last quarter, half or year mentioned comes first
    (a year earlier than the third quarter is the year-before third quarter), unless a day
    was mentioned after it in the same sentence (``at``: where the match starts): "for the
    quarter ended Sept. 30, profit rose from a year earlier" is a year before Sept. 30."""
    if period_first and _in_sentence(ctx, ctx.ref, at) and ctx.ref.granularity == "day" \
            and (ctx.ref_period is None or ctx.ref.start > ctx.ref_period.start):
        period_first = False
    for ref in ((ctx.ref_period, ctx.ref) if period_first else (ctx.ref,)):
        if ref is not None:
            parsed = parse_value(ref.value)
            if parsed:
                return parsed
    return (ctx.dct, "day") if ctx.dct else None


def h_anaphoric_weekday(m, rule, ctx):
    a = _anchor(ctx)
    if a is None or a[1] != "day":
        return None
    target = lexicon.mapping("time_words", "weekdays")[_g(m, "wd").lower()]
    d = a[0]
    if re.search(r"previous|preceding", m.group(0), re.I):
        back = (d.weekday() - target) % 7 or 7
        return {"value": (d - timedelta(days=back)).isoformat(), "relative": True, "anaphoric": True}
    ahead = (target - d.weekday()) % 7 or 7
    return {"value": (d + timedelta(days=ahead)).isoformat(), "relative": True, "anaphoric": True}


def _shifted(ctx: Context, unit: str, n: int, at: int | None = None, keep_day: bool = False) -> str | None:
    """``n`` units from the reference time. A year shift keeps the anchor's quarter, half or
    month ("a year earlier" than 2020-Q3 is 2019-Q3; ``keep_day``: its day too), except for
    n = 0: "that year", "the same year" is the anchor's year."""
    unit = unit.lower()
    gran = _UNIT_GRAN.get(unit)
    a = _anchor(ctx, period_first=gran == "year", at=at)
    if a is None:
        return None
    d, g = a
    if gran == "year" and n and g in ("quarter", "half", "month"):
        return shift(d, g, n * {"quarter": 4, "half": 2, "month": 12}[g])
    if gran == "year" and n and g == "day" and keep_day:
        y, mo = divmod(d.year * 12 + d.month - 1 + 12 * n, 12)
        return date(y, mo + 1, min(d.day, 28 if mo == 1 else d.day)).isoformat()
    if gran == "day" and g != "day":
        if ctx.dct is None:
            return None
        d = ctx.dct
    return shift(d, gran, n)


def h_anaphoric_shift(m, rule, ctx):
    n = number(_g(m, "n"))
    if n is None:
        return None
    sign = -1 if _g(m, "dir", "dir2").lower() in ("earlier", "before", "prior") else 1
    v = _shifted(ctx, _g(m, "unit"), sign * int(n), at=m.start(), keep_day=_in_sentence(ctx, ctx.ref, m.start()))
    return {"value": v, "relative": True, "anaphoric": True} if v else None


def h_anaphoric_unit(m, rule, ctx):
    d = (_g(m, "dir", "dir2", "dir3") or "").lower()
    unit = _g(m, "unit", "unit2", "unit3").lower()
    n = {"following": 1, "next": 1, "after": 1, "previous": -1, "prior": -1, "preceding": -1,
         "before": -1}.get(d, 0)
    if unit == "period":
        ref = ctx.ref_period or ctx.ref
        if ref is None:
            return None
        parsed = parse_value(ref.value)
        if parsed is None:
            return None
        return {"value": shift(parsed[0], parsed[1], n) if parsed[1] not in ("decade", "century") else ref.value,
                "relative": True, "anaphoric": True}
    v = _shifted(ctx, unit, n)
    return {"value": v, "relative": True, "anaphoric": True} if v else None


def h_year_earlier(m, rule, ctx):
    a = _anchor(ctx, period_first=True)
    if a is None:
        return None
    d, g = a
    if g == "day" and not re.search(r"quarter|period|month", m.group(0), re.I):
        g = "year"
    if g in ("week", "day"):
        g = "year"
    return {"value": shift(d, g, -{"quarter": 4, "half": 2, "month": 12, "year": 1}[g]),
            "relative": True, "anaphoric": True}


def _year_from(m, ctx, *groups) -> int | None:
    y = _g(m, *groups)
    if y:
        return int(y)
    d = _g(m, "dir", "dir2")
    if d and ctx.dct:
        return ctx.dct.year + {"this": 0, "last": -1, "next": 1}[d.lower()]
    return None


def h_quarter(m, rule, ctx):
    q = _words("ordinals")[_g(m, "q").lower()]
    year = _year_from(m, ctx, "year", "year2")
    if year is None:
        if ctx.dct is None:
            return {"value": f"XXXX-Q{q}", "relative": True}
        year = ctx.dct.year if q <= quarter_of(ctx.dct) else ctx.dct.year - 1
        if _g(m, "ago"):
            year -= 1
    return {"value": f"{year}-Q{q}", "relative": not _g(m, "year", "year2")}


def h_quarter_anaphoric(m, rule, ctx):
    period = bool(_g(m, "period"))
    ref = ctx.ref_period
    if ref is not None and ref.granularity in ("quarter", "half"):
        year = _g(m, "year")
        value = (year + ref.value[4:]) if year else ref.value
        return {"value": value, "relative": True, "anaphoric": True}
    if ref is not None and ref.granularity == "year" and _g(m, "year") and period:
        return {"value": _g(m, "year"), "relative": True, "anaphoric": True}  # "nine months ... the 1988 period"
    if _g(m, "year") and ctx.dct is not None:  # "the 1988 quarter": the reporting quarter of that year
        return {"value": f"{_g(m, 'year')}-Q{(quarter_of(ctx.dct) - 2) % 4 + 1}", "relative": True}
    if period or ctx.dct is None:
        return None
    current = re.search(r"current", m.group(0), re.I)
    return {"value": shift(ctx.dct, "quarter", 0 if current else -1), "relative": True}


def h_half(m, rule, ctx):
    h = 1 if _g(m, "h").lower() in ("first", "1st") else 2
    year = _year_from(m, ctx, "year")
    if year is None:
        a = _anchor(ctx, period_first=True)
        if a is None:
            return None
        year = a[0].year
    return {"value": f"{year}-H{h}", "relative": not _g(m, "year")}


def h_year_value(m, rule, ctx):
    y = _g(m, "year").lstrip("'’")
    if len(y) == 2:
        century = (ctx.dct.year // 100) if ctx.dct else 19
        y = str(century * 100 + int(y))
        if ctx.dct and int(y) > ctx.dct.year + 10:
            y = str(int(y) - 100)
    return {"value": y, "relative": False}


_PREP_BEFORE = re.compile(r"(?i)\b(?:in|during|since|by|until|till|through|over|this|that|last|next|for|from|"
                          r"of|before|after|early|late)\s+\Z")


def h_season(m, rule, ctx):
    code = _words("seasons")[_g(m, "season").lower()]
    d = (_g(m, "dir") or "").lower()
    year = _g(m, "year")
    before = ctx.text[max(0, m.start() - 20):m.start()]
    after = ctx.text[m.end():m.end() + 4]
    if not year:
        if d in ("", "the", "the early", "the late") and not _PREP_BEFORE.search(before):
            return None
        if re.match(r"\s+of\b", after):
            return None
    if year:
        return {"value": f"{year}-{code}", "relative": False}
    if ctx.dct is None:
        return {"value": f"XXXX-{code}", "relative": True}
    start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]

    def bounds(y: int) -> tuple[date, date]:
        ey, em = divmod(y * 12 + start_month - 1 + 3, 12)
        return date(y, start_month, 1), date(ey, em + 1, 1)

    y = ctx.dct.year
    if d in ("last", "this past", "the past"):
        y = max(x for x in (y - 2, y - 1, y) if bounds(x)[1] <= ctx.dct)
    elif d == "next":
        y = min(x for x in (y - 1, y, y + 1) if bounds(x)[0] > ctx.dct)
    elif code == "WI" and ctx.dct.month <= 2:
        y -= 1
    return {"value": f"{y}-{code}", "relative": True}


def h_decade(m, rule, ctx):
    s = m.group(0)
    mod = None
    mm = re.search(r"\b(early|late|mid)", s, re.I)
    if mm:
        mod = {"early": "START", "late": "END", "mid": "MID"}[mm.group(1).lower()]
    if _g(m, "dec"):
        value = _g(m, "dec")
    else:
        digit = int(_g(m, "dec2") or _words("decade_words")[_g(m, "decw").lower()])
        if _g(m, "decw") and not re.match(r"the\b", s, re.I):
            return None  # "in her sixties" is an age
        base = ctx.dct.year if ctx.dct else 1999
        century = base // 100 if digit * 10 <= base % 100 else base // 100 - 1
        value = f"{century}{digit}"
    out = {"value": value, "relative": not _g(m, "dec")}
    if mod:
        out["mod"] = mod
    return out


def h_century(m, rule, ctx):
    c = _g(m, "c")
    if c:
        return {"value": f"{_words('century_ordinals')[c.lower()] - 1:02d}", "relative": False}
    if ctx.dct is None:
        return None
    d = _g(m, "dir").lower()
    n = 0 if d == "this" else -1 if d in ("last", "the last", "the past") else 1
    return {"value": f"{ctx.dct.year // 100 + n:02d}", "relative": True}


def _day_of(ctx: Context) -> str | None:
    if ctx.ref is not None and ctx.ref.granularity == "day":
        return ctx.ref.value[:10]
    return ctx.dct.isoformat() if ctx.dct else None


def h_clock(m, rule, ctx):
    named = _g(m, "named")
    if named:
        hhmm = _words("named_times")[named.lower()]
    else:
        if _g(m, "h24"):
            h, mi = int(m.group("h24")), int(m.group("m24"))
        elif _g(m, "h2"):
            h, mi = int(m.group("h2")), 0
            if _g(m, "part").lower() in ("afternoon", "evening") and h < 12:
                h += 12
        else:
            h, mi = int(m.group("h")), int(_g(m, "m") or 0)
            if h > 12 or h == 0:
                return None
            pm = m.group("ampm").lower().startswith("p")
            h = (h % 12) + (12 if pm else 0)
        hhmm = f"{h:02d}:{mi:02d}"
    day = _day_of(ctx)
    return {"value": f"{day or 'XXXX-XX-XX'}T{hhmm}", "relative": True}


def h_part_of_day(m, rule, ctx):
    part = (_g(m, "part", "part2") or "").lower().replace(" ", "-")
    code = _words("parts_of_day").get(part) or _words("parts_of_day")["afternoon" if "afternoon" in part else part]
    d = (_g(m, "dir") or "").lower()
    day = _day_of(ctx) if d in ("that", "the") else (ctx.dct.isoformat() if ctx.dct else None)
    return {"value": f"{day or 'XXXX-XX-XX'}T{code}", "relative": True}


def h_year_end(m, rule, ctx):
    if ctx.dct is None:
        return None
    year = ctx.dct.year - (1 if _g(m, "since") else 0)
    return {"value": str(year), "relative": True, "mod": "END"}


def h_spelled_year(m, rule, ctx):
    if _g(m, "cent"):
        year = {"nineteen": 1900, "eighteen": 1800}[m.group("cent").lower()] + _words("numbers")[
            m.group("tens").lower()] + (_words("numbers")[m.group("ones").lower()] if _g(m, "ones") else 0)
    else:
        year = 2000 + (_words("numbers")[m.group("ones2").lower()] if _g(m, "ones2") else 0)
    month = _g(m, "month")
    if month:
        number = {**lexicon.mapping("time_words", "months"),
                  **lexicon.mapping("time_words", "month_abbreviations")}[month.lower().rstrip(".")]
        return {"value": f"{year}-{number:02d}", "relative": False}
    return {"value": str(year), "relative": False}


def h_weekend(m, rule, ctx):
    if ctx.dct is None:
        return {"value": "XXXX-WXX-WE", "relative": True}
    ahead = re.match(r"(?i)(?:ahead\s+of|before)\b", m.group(0))
    if ahead:
        sat = ctx.dct + timedelta(days=(5 - ctx.dct.weekday()) % 7)
    else:
        sat = ctx.dct - timedelta(days=(ctx.dct.weekday() - 5) % 7)
    return {"value": week_value(sat) + "-WE", "relative": True}


def floating_day(name: str, year: int) -> date:
    month, weekday, which, after = _words("floating_holidays")[name]
    if which > 0:
        first = date(year, month, 1)
        d = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (which - 1))
    else:
        nxt = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
        d = nxt - timedelta(days=(nxt.weekday() - weekday) % 7)
    return d + timedelta(days=after)


def h_floating_holiday(m, rule, ctx):
    name = " ".join(m.group("hol").lower().split())
    if ctx.dct is None:
        return None
    d = (_g(m, "dir") or "").lower()
    year = ctx.dct.year
    this = floating_day(name, year)
    if d == "last":
        year = year if this < ctx.dct else year - 1
    elif d == "next":
        year = year if this > ctx.dct else year + 1
    elif (this - ctx.dct).days > 180:
        year -= 1
    return {"value": floating_day(name, year).isoformat(), "relative": True}


HANDLERS: dict[str, Callable] = {
    "fixed": h_fixed, "generic": h_generic, "duration": h_duration, "duration_vague": h_duration_vague, "duration_one": h_duration_one,
    "set_unit": h_set_unit, "set_weekday": h_set_weekday, "set_part": h_set_part, "set_adverb": h_set_adverb,
    "relative_unit": h_relative_unit, "tomorrow": h_tomorrow, "ago": h_ago,
    "anaphoric_weekday": h_anaphoric_weekday, "anaphoric_shift": h_anaphoric_shift,
    "anaphoric_unit": h_anaphoric_unit, "year_earlier": h_year_earlier, "quarter": h_quarter,
    "quarter_anaphoric": h_quarter_anaphoric, "half": h_half, "year_value": h_year_value, "season": h_season,
    "decade": h_decade, "century": h_century, "clock": h_clock, "part_of_day": h_part_of_day,
    "spelled_year": h_spelled_year, "year_end": h_year_end, "weekend": h_weekend, "floating_holiday": h_floating_holiday,
}


def normalise(m: re.Match, rule: Rule, ctx: Context) -> Result | None:
    """The rule's handler on one match: {value, relative, [mod], [anaphoric]} or None (no timex)."""
    return HANDLERS[rule.handler](m, rule, ctx)


def year_to_date(surface: str, value: str, ref_period: Ref | None, dct: date | None, start: int,
                 end: int) -> Ref | None:
    """"the nine months", "the first six months": a part of the year under report. What is
    compared with it ("a year earlier", "the 1988 period") is the year before, so it makes
    the reporting year the reference period (the year of the last quarter or half
    mentioned, else the dct's: a year mentioned before may be the compared one)."""
    m = re.fullmatch(r"P([2-9]|1[01])M", value or "")
    if m is None or not re.match(r"(?i)the\b", surface):
        return None
    quarterly = ref_period is not None and ref_period.granularity in ("quarter", "half")
    year = parse_value(ref_period.value)[0].year if quarterly else (dct.year if dct else None)
    return Ref(str(year), "year", start, end) if year else None


def granularity(value: str) -> str | None:
    parsed = parse_value(value)
    return parsed[1] if parsed else None
