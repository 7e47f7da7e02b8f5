"""Suite ``events``: one row per incident (articles clustered), the whole table.

events is recomputed over every article and replaced by each run, so the suite
checks the whole table. Rules: event_id unique and not null; article_count at
least 1; first_published <= last_published; event_date not before 1900 nor
after the run's day; event_time (when known) HH:MM or a TimeML part of
the day (the articles' EVENT_TIME_FORM); location_entity_id (when set) an entity of this run's
entities table.
"""

from __future__ import annotations

import great_expectations.expectations as gxe
import polars as pl

from expectations.articles import EVENT_TIME_FORM
from expectations.base import EARLIEST_DATE, TODAY, Batch, expect, holds, ids, key_rules, pick, resolves

TABLE = "events"
KEY = "event_id"


def frame(b: Batch) -> pl.DataFrame:
    return pick(b.events, "event_id", "event_date", "event_time", "location_entity_id", "article_count",
                "first_published", "last_published").with_columns(
        resolves("location_entity_id", ids(b.entities, "entity_id")),
        pl.col("event_time").cast(pl.String).str.contains(EVENT_TIME_FORM).fill_null(True)
        .alias("event_time_is_a_time_of_day"))


def expectations() -> list[gxe.Expectation]:
    return [
        *key_rules(KEY, "event"),
        expect("article_count_positive", gxe.ExpectColumnValuesToBeBetween, column="article_count", min_value=1,
               about="an event has at least one article"),
        expect("first_published_le_last_published", gxe.ExpectColumnPairValuesAToBeGreaterThanB,
               column_A="last_published", column_B="first_published", or_equal=True,
               ignore_row_if="either_value_is_missing",
               about="an event's first article is not published after its last"),
        expect("event_date_in_range", gxe.ExpectColumnValuesToBeBetween, column="event_date",
               min_value=EARLIEST_DATE, max_value=TODAY,
               about="event_date is not before 1900 and not after the day of the run"),
        holds("event_time_is_a_time_of_day", name="event_time_is_a_time_of_day", on="event_time",
              about="event_time (when known) is HH:MM or a TimeML part of the day (MO, AF, EV, NI)"),
        holds("location_entity_id_resolves", name="location_entity_id_resolves_to_entity",
              on="location_entity_id",
              about="an event's location_entity_id (when set) is an entity of this run's entities table"),
    ]
