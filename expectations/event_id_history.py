"""Suite ``event_id_history``: one row per (run, old event id, event id its articles went to), the rows
a run inserts.

Rules: history_id unique and not null; event_id set; change one of merged, split,
removed; n_articles at least 1; new_event_id set unless the event was removed, and then
an event of this run's events table; a merged or removed id is no longer an event, a
split one still is.
"""

from __future__ import annotations

import great_expectations.expectations as gxe
import polars as pl

from expectations.base import Batch, expect, holds, ids, in_vocabulary, key_rules, pick
from transforms.events import CHANGES

TABLE = "event_id_history"
KEY = "history_id"


def frame(b: Batch) -> pl.DataFrame:
    events = ids(b.events, "event_id").unique().implode()
    return pick(b.event_id_history, "history_id", "event_id", "new_event_id", "change", "n_articles").with_columns(
        (pl.col("new_event_id").is_not_null() == (pl.col("change") != "removed")).alias("target_matches_change"),
        (pl.col("new_event_id").is_null() | pl.col("new_event_id").is_in(events)).alias("new_event_id_resolves"),
        pl.when(pl.col("change") == "split").then(pl.col("event_id").is_in(events))
        .otherwise(~pl.col("event_id").is_in(events)).alias("old_id_state_matches_change"),
    )


def expectations() -> list[gxe.Expectation]:
    return [
        *key_rules(KEY, "event id change"),
        expect("event_id_not_null", gxe.ExpectColumnValuesToNotBeNull, column="event_id",
               about="every change names the id it changes"),
        in_vocabulary("change", CHANGES, "an event id change's"),
        expect("n_articles_positive", gxe.ExpectColumnValuesToBeBetween, column="n_articles", min_value=1,
               about="a change moves or removes at least one article"),
        holds("target_matches_change", name="new_event_id_set_unless_removed", on="new_event_id",
              about="a merge or split names the event the articles went to; a removal names none"),
        holds("new_event_id_resolves", name="new_event_id_resolves_to_event", on="new_event_id",
              about="the event a merge or split points at is in this run's events table"),
        holds("old_id_state_matches_change", name="old_event_id_matches_change", on="event_id",
              about="a split event still exists; a merged or removed one does not"),
    ]
