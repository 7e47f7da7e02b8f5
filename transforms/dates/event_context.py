"""Event context: once articles are clustered into events, year-less dates of articles
with no published date take the year closest to their event's date.
"""

from __future__ import annotations

import re
from datetime import date

import polars as pl

from transforms.dates.mentions import _LEADING_MOD
from transforms.dates.patterns import _HOLIDAYS, _MONTHS, _YEAR
from transforms.dates.resolve import _ORDINAL, _STRIP_WEEKDAY, _closest_year, _dateparser, _kind
from transforms.dates.schema import Resolved


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
