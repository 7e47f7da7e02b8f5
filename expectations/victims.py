"""Suite ``victims``: one row per person an article reports as harmed (the victim roster), the rows a run inserts.

Rules: person_id unique and not null; the article resolves; role and outcome in their
vocabularies; people and mentions at least 1; every claim_id names a claim of the batch;
the first mention's span lies in the article's body_clean and slices back to its surface.
"""

from __future__ import annotations

import great_expectations.expectations as gxe
import polars as pl

from expectations.base import Batch, expect, holds, ids, in_vocabulary, key_rules, pick, resolves, span_rules, with_spans
from transforms.claims.roster import OUTCOMES, ROLES

TABLE = "victims"
KEY = "person_id"
NOT_NULL = ("article_id", "role", "outcome", "people", "surface", "char_start", "char_end", "mentions")


def frame(b: Batch) -> pl.DataFrame:
    v = pick(b.victims, "person_id", "article_id", "role", "outcome", "people", "surface", "char_start",
             "char_end", "mentions", "claim_ids")
    claim_ids = ids(b.claims, "claim_id").cast(pl.String).implode()
    if "claim_ids" in v.columns and v.height:
        known = pl.col("claim_ids").list.eval(pl.element().is_in(claim_ids.first())).list.all()
    else:
        known = pl.lit(True)
    return with_spans(v, b.bodies()).with_columns(
        resolves("article_id", b.article_ids()),
        known.fill_null(False).alias("claims_resolve"),
        ((pl.col("people") >= 1) & (pl.col("mentions") >= 1)).fill_null(False).alias("counts_positive"),
    ).drop("claim_ids")  # a list column: checked through claims_resolve


def expectations() -> list[gxe.Expectation]:
    return [
        *key_rules(KEY, "roster person"),
        *[expect(f"{c}_not_null", gxe.ExpectColumnValuesToNotBeNull, column=c,
                 about=f"every roster person has its {c}") for c in NOT_NULL],
        holds("article_id_resolves", name="article_id_resolves_to_article", on="article_id",
              about="every roster person belongs to an article of the batch or one already loaded"),
        in_vocabulary("role", ROLES, "a roster person's"),
        in_vocabulary("outcome", OUTCOMES, "a roster person's"),
        holds("counts_positive", name="people_and_mentions_at_least_one", on="people",
              about="a roster person counts at least one person and is mentioned at least once"),
        holds("claims_resolve", name="claim_ids_resolve_to_claims", on="person_id",
              about="every claim a roster person lists is a claim of the batch"),
        *span_rules("roster person"),
    ]
