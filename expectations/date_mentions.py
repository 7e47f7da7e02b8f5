"""Suite ``date_mentions``: one row per time expression in an article, the rows a run inserts.

Rules: mention_id unique and not null; the article resolves (to an article of
the batch or one already loaded); precision in its vocabulary (NULL for
values that are no calendar day, month or year); timex_type one of DATE, TIME,
DURATION, SET; mod one of TimeML's mods; a timex_value has the shape of a
value of its type (P3D for a DURATION, 2024-03-22T21:40 for a TIME ...) and a
resolved_date only goes with a DATE or TIME; is_relative set; the span lies in
the article's body_clean and slices back to its surface.
"""

from __future__ import annotations

import great_expectations.expectations as gxe
import polars as pl

from expectations.base import Batch, expect, holds, in_vocabulary, key_rules, pick, resolves, span_rules, with_spans
from transforms.dates import MODS, PRECISIONS, TIMEX_TYPES, TIMEX_VALUE_PATTERNS

TABLE = "date_mentions"
KEY = "mention_id"
NOT_NULL = ("article_id", "surface", "char_start", "char_end", "is_relative", "timex_type")


def _value_fits_type() -> pl.Expr:
    fits = pl.lit(False)
    for timex_type, pattern in TIMEX_VALUE_PATTERNS.items():
        fits = fits | ((pl.col("timex_type") == timex_type) & pl.col("timex_value").str.contains(pattern))
    calendar_only = pl.col("resolved_date").is_null() | pl.col("timex_type").is_in(["DATE", "TIME"])
    return ((pl.col("timex_value").is_null() | fits) & calendar_only).fill_null(False).alias("value_fits_type")


def frame(b: Batch) -> pl.DataFrame:
    m = pick(b.date_mentions, "mention_id", "article_id", "surface", "char_start", "char_end", "precision",
                               "is_relative", "resolved_date", "timex_type", "timex_value", "mod")
    m = m.with_columns(pl.col("timex_type", "timex_value").cast(pl.String))
    return with_spans(m, b.bodies()).with_columns(resolves("article_id", b.article_ids()), _value_fits_type())


def expectations() -> list[gxe.Expectation]:
    return [
        *key_rules(KEY, "date mention"),
        *[expect(f"{c}_not_null", gxe.ExpectColumnValuesToNotBeNull, column=c,
                 about=f"every date mention has its {c}") for c in NOT_NULL],
        holds("article_id_resolves", name="article_id_resolves_to_article", on="article_id",
              about="every date mention belongs to an article of the batch or one already loaded"),
        in_vocabulary("precision", PRECISIONS, "a date mention's"),
        in_vocabulary("timex_type", TIMEX_TYPES, "a date mention's"),
        in_vocabulary("mod", MODS, "a date mention's"),
        holds("value_fits_type", name="timex_value_fits_timex_type", on="timex_value",
              about="a timex_value has the shape of a TimeML value of its timex_type, and only DATE and TIME "
                    "mentions carry a resolved_date"),
        *span_rules("date mention"),
    ]
