"""Suite ``date_mentions``: one row per date expression in an article, the rows a run inserts.

Rules: mention_id unique and not null; the article resolves (to an article of
the batch or one already loaded); precision in its vocabulary (NULL for week
spans); is_relative set; the span lies in the article's body_clean and
slices back to its surface.
"""

from __future__ import annotations

import great_expectations.expectations as gxe
import polars as pl

from expectations.base import Batch, expect, holds, in_vocabulary, key_rules, pick, resolves, span_rules, with_spans
from transforms.dates import PRECISIONS

TABLE = "date_mentions"
KEY = "mention_id"
NOT_NULL = ("article_id", "surface", "char_start", "char_end", "is_relative")


def frame(b: Batch) -> pl.DataFrame:
    m = pick(b.date_mentions, "mention_id", "article_id", "surface", "char_start", "char_end", "precision",
                               "is_relative")
    return with_spans(m, b.bodies()).with_columns(resolves("article_id", b.article_ids()))


def expectations() -> list[gxe.Expectation]:
    return [
        *key_rules(KEY, "date mention"),
        *[expect(f"{c}_not_null", gxe.ExpectColumnValuesToNotBeNull, column=c,
                 about=f"every date mention has its {c}") for c in NOT_NULL],
        holds("article_id_resolves", name="article_id_resolves_to_article", on="article_id",
              about="every date mention belongs to an article of the batch or one already loaded"),
        in_vocabulary("precision", PRECISIONS, "a date mention's"),
        *span_rules("date mention"),
    ]
