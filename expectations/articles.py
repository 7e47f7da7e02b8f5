"""Suite ``articles``: one row per distinct article, the rows a run inserts.

Rules: article_id unique, not null and the hash of body_clean; enum sources in
their vocabularies; published_date (when known) not before 1900 nor after the
run's day, and NULL exactly when its source is 'none'; event_date not after
the run's day; body_clean non-empty with at least Settings.min_words words;
every article belongs to an event of this run's events table; event_time
(when known) is a clock time HH:MM (midnight: 24:00) or a TimeML part of the day (MO, AF, EV, NI).
"""

from __future__ import annotations

import hashlib

import great_expectations.expectations as gxe
import polars as pl

from expectations.base import (EARLIEST_DATE, MIN_WORDS, TODAY, Batch, expect, holds, ids, in_vocabulary, key_rules,
                               resolves)
from transforms.text import word_count

TABLE = "articles"
KEY = "article_id"

PUBLISHED_DATE_SOURCES = ("header", "metadata", "none")
# the kinds transforms/dates/incident.py names (module docstring, "event_date_source")
EVENT_DATE_SOURCES = ("relative_weekday", "relative_phrase", "absolute_in_text", "event_context",
                      "published_date_fallback", "event_of_cluster", "none")
NOT_NULL = ("source_path", "published_date_source", "event_date_source", "body_raw", "body_clean", "run_id",
            "event_id")
# articles.event_time: a clock time (TimeML writes midnight as 24:00), or a TimeML part of the day
EVENT_TIME_FORM = r"^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00|MO|AF|EV|NI)$"
# body texts are not handed to GX: their lengths stand for them (NULL when the text is)
LENGTH_OF = {"body_raw": "body_raw_length", "body_clean": "body_clean_length"}


def _sha256(text: str | None) -> str | None:
    return None if text is None else hashlib.sha256(text.encode("utf-8")).hexdigest()


def frame(b: Batch) -> pl.DataFrame:
    a = b.articles
    return a.select(
        "article_id", "source_path", "published_date", "published_date_source", "event_date",
        "event_date_source", "word_count", "run_id", "event_id",
        *[pl.col(c).str.len_chars().alias(h) for c, h in LENGTH_OF.items()],
        pl.col("body_clean").map_elements(_sha256, return_dtype=pl.String).alias("body_sha256"),
        pl.col("body_clean").map_elements(word_count, return_dtype=pl.Int64).alias("body_words"),
        (pl.col("published_date").is_null() == (pl.col("published_date_source") == "none"))
        .fill_null(False).alias("published_date_matches_source"),
        resolves("event_id", ids(b.events, "event_id")),
        (pl.col("event_time") if "event_time" in a.columns else pl.lit(None, pl.String))
        .str.contains(EVENT_TIME_FORM).fill_null(True).alias("event_time_is_a_time_of_day"),
    ).with_columns(
        (pl.col("body_sha256").str.slice(0, 16) == pl.col("article_id")).fill_null(False)
        .alias("article_id_is_body_hash"),
    )


def expectations() -> list[gxe.Expectation]:
    return [
        *key_rules(KEY, "article"),
        holds("article_id_is_body_hash", name="article_id_is_body_hash", on="article_id",
              about="article_id is the first 16 hex digits of sha256(body_clean)"),
        *[expect(f"{c}_not_null", gxe.ExpectColumnValuesToNotBeNull, column=LENGTH_OF.get(c, c), on=c,
                 about=f"every article has its {c}") for c in NOT_NULL],
        in_vocabulary("published_date_source", PUBLISHED_DATE_SOURCES, "an article's"),
        in_vocabulary("event_date_source", EVENT_DATE_SOURCES, "an article's"),
        expect("published_date_in_range", gxe.ExpectColumnValuesToBeBetween, column="published_date",
               min_value=EARLIEST_DATE, max_value=TODAY,
               about="published_date is not before 1900 and not after the day of the run"),
        holds("published_date_matches_source", name="published_date_null_iff_source_none",
              on="published_date", about="published_date is NULL exactly when published_date_source is 'none'"),
        expect("event_date_in_range", gxe.ExpectColumnValuesToBeBetween, column="event_date",
               min_value=EARLIEST_DATE, max_value=TODAY,
               about="event_date is not before 1900 and not after the day of the run"),
        expect("body_clean_min_words", gxe.ExpectColumnValuesToBeBetween, column="body_words",
               min_value=MIN_WORDS, on="body_clean",
               about="body_clean has at least Settings.min_words words (so it is not empty)"),
        expect("word_count_matches_body_clean", gxe.ExpectColumnPairValuesToBeEqual,
               column_A="word_count", column_B="body_words", on="word_count",
               about="word_count is the number of words of body_clean"),
        holds("event_id_resolves", name="event_id_resolves_to_event", on="event_id",
              about="every article's event_id is an event of this run's events table"),
        holds("event_time_is_a_time_of_day", name="event_time_is_a_time_of_day", on="event_time",
              about="event_time (when known) is HH:MM (24:00 midnight) or a TimeML part of the day (MO, AF, EV, NI)"),
    ]
