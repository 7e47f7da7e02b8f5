"""Finding time expressions in a text: calendar candidates (transforms.dates.patterns,
resolved by transforms.dates.resolve) merged with the timex rules of transforms/timex.py,
anchored in text order.

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
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

import polars as pl

from transforms import lexicon
from transforms import scan, timex
from transforms.dates.patterns import (
    CANDIDATE_MARGIN, _CANDIDATE, _CAP_WORD_AFTER, candidate_anchors, _CLAUSE_START, _FUTURE_MARKER, _FUTURE_REACH, _PAST_VERB,
    _YEAR_NOT_FOLLOWED,
)
from transforms.dates.resolve import resolve_date
from transforms.dates.schema import DATE_MENTION_SCHEMA, PRECISIONS, Resolved
from transforms.figures import AFTER_STREET
from transforms.ids import stable_id


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


def _candidates(text: str, whole: bool = False):
    """(kind, start, end) of every date expression candidate in ``text``, in order. The pattern is
    tried around the words every candidate contains (patterns.candidate_anchors), or on the whole
    text with ``whole`` (the same candidates, slower: the tests compare both)."""
    matches = (_CANDIDATE.finditer(text) if whole
               else scan.finditer_near(_CANDIDATE, text, candidate_anchors(text), CANDIDATE_MARGIN))
    for m in matches:
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
