"""Suite ``entity_mentions``: one row per entity mention in an article, the rows a run inserts.

Rules: mention_id unique and not null; the article and the entity resolve
(entities is replaced whole each run, so the entity must be in this run's
table); label in the entity types; the span lies in the article's body_clean
and slices back to its surface.
"""

from __future__ import annotations

import great_expectations.expectations as gxe
import polars as pl

from expectations.base import (Batch, expect, holds, ids, in_vocabulary, key_rules, pick, resolves, span_rules,
                               with_spans)
from transforms.entities import LABELS

TABLE = "entity_mentions"
KEY = "mention_id"
NOT_NULL = ("article_id", "surface", "char_start", "char_end", "label")


def frame(b: Batch) -> pl.DataFrame:
    m = pick(b.entity_mentions, "mention_id", "article_id", "entity_id", "surface", "char_start", "char_end",
                                 "label")
    return with_spans(m, b.bodies()).with_columns(resolves("article_id", b.article_ids()),
                                                  resolves("entity_id", ids(b.entities, "entity_id")))


def expectations() -> list[gxe.Expectation]:
    return [
        *key_rules(KEY, "entity mention"),
        *[expect(f"{c}_not_null", gxe.ExpectColumnValuesToNotBeNull, column=c,
                 about=f"every entity mention has its {c}") for c in NOT_NULL],
        holds("article_id_resolves", name="article_id_resolves_to_article", on="article_id",
              about="every entity mention belongs to an article of the batch or one already loaded"),
        holds("entity_id_resolves", name="entity_id_resolves_to_entity", on="entity_id",
              about="a mention's entity_id (when set) is an entity of this run's entities table"),
        in_vocabulary("label", LABELS, "an entity mention's"),
        *span_rules("entity mention"),
    ]
