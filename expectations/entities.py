"""Suite ``entities``: one row per real-world entity (aliases merged), the whole table.

entities is recomputed over every mention and replaced by each run, so the
suite checks the whole table. Rules: entity_id unique and not null;
canonical_name set; entity_type in the entity types; article_count at least 1
and mention_count at least article_count.
"""

from __future__ import annotations

import great_expectations.expectations as gxe
import polars as pl

from expectations.base import Batch, expect, in_vocabulary, key_rules, pick
from transforms.entities import LABELS

TABLE = "entities"
KEY = "entity_id"


def frame(b: Batch) -> pl.DataFrame:
    return pick(b.entities, "entity_id", "canonical_name", "entity_type", "article_count", "mention_count")


def expectations() -> list[gxe.Expectation]:
    return [
        *key_rules(KEY, "entity"),
        expect("canonical_name_not_null", gxe.ExpectColumnValuesToNotBeNull, column="canonical_name",
               about="every entity has a canonical_name"),
        expect("entity_type_not_null", gxe.ExpectColumnValuesToNotBeNull, column="entity_type",
               about="every entity has an entity_type"),
        in_vocabulary("entity_type", LABELS, "an entity's"),
        expect("article_count_positive", gxe.ExpectColumnValuesToBeBetween, column="article_count", min_value=1,
               about="an entity is named by at least one article"),
        expect("mention_count_ge_article_count", gxe.ExpectColumnPairValuesAToBeGreaterThanB,
               column_A="mention_count", column_B="article_count", or_equal=True,
               ignore_row_if="either_value_is_missing",
               about="an entity has at least one mention in each article naming it"),
    ]
