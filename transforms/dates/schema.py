"""The columns and value sets of date_mentions and the event-date rows, the resolution
result and the parse error (the names other modules and the GX suites import).
"""

from __future__ import annotations

from datetime import date
from typing import Literal, NamedTuple

import polars as pl

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
