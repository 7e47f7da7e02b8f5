"""Date mentions in article bodies, and the date (and time) of the reported incident.

Pure functions: text / Polars frames in, values / frames out. No I/O, no clock:
nothing here ever reads today's date; every relative expression is resolved
against the article's published_date, and without one it stays unresolved.

Modules, one concern each:

- transforms.dates.schema: the columns and value sets of date_mentions and event dates;
- transforms.dates.patterns: the calendar vocabulary, candidate regexes and tense cues;
- transforms.dates.resolve: one calendar surface resolved against the published date;
- transforms.dates.mentions: every time expression of a text (calendar candidates and the
  timex rules of transforms/timex.py), anchored in text order; the date_mentions frame;
- transforms.dates.incident: the incident's date and time among an article's mentions;
- transforms.dates.event_context: year-less dates dated by their event (second pass).

The names other modules use are imported from here (``from transforms.dates import ...``).
"""

from __future__ import annotations

from transforms.dates.schema import (
    DATE_MENTION_SCHEMA, DateParseError, EVENT_DATE_SCHEMA, MODS, OnError, PRECISIONS, Resolved, TIMEX_TYPES,
    TIMEX_VALUE_PATTERNS,
)
from transforms.dates.resolve import resolve_date
from transforms.dates.mentions import date_mentions, find_date_mentions, mention_id, MENTION_KEYS
from transforms.dates.incident import event_date, event_dates, event_time
from transforms.dates.event_context import resolve_with_event_context, year_from_event
from transforms.dates.resolve import _dateparser  # tools/dev_dates.py clears its cache

__all__ = [
    "DATE_MENTION_SCHEMA",
    "EVENT_DATE_SCHEMA",
    "MENTION_KEYS",
    "MODS",
    "OnError",
    "PRECISIONS",
    "TIMEX_TYPES",
    "TIMEX_VALUE_PATTERNS",
    "DateParseError",
    "Resolved",
    "resolve_date",
    "find_date_mentions",
    "date_mentions",
    "mention_id",
    "event_date",
    "event_time",
    "event_dates",
    "year_from_event",
    "resolve_with_event_context",
]
