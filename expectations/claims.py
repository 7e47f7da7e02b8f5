"""Suite ``claims``: one row per figure stated in an article, the rows a run inserts.

Rules: claim_id unique and not null; claim_type, qualifier and unit in their
vocabularies; counts non-negative, at least one bound, value_low <= value_high,
and plausible (people counts at most 100,000, crowds and halls at most
10,000,000); the article, its event and the attributed entity resolve;
event_id and published_date are the article's; the figure's span (and the
attribution's, when there is one) lies in the article's body_clean and
slices back to its surface; choice_rule in its vocabulary and at most one claim per
(article, claim_type) flagged is_article_figure.
"""

from __future__ import annotations

import great_expectations.expectations as gxe
import polars as pl
from great_expectations.expectations.row_conditions import Column

from expectations.base import (MAX_CROWD, MAX_PEOPLE, Batch, expect, holds, ids, in_vocabulary, key_rules, pick,
                               resolves, span_rules, with_spans)
from transforms.claims import CLAIM_TYPES
from transforms.claims.choice import CHOICE_RULES
from transforms.claims.model import SCOPES
from transforms.claims.rules import rules
from transforms.figures import QUALIFIERS

TABLE = "claims"
KEY = "claim_id"
UNITS = ("people", "seats")
CROWD_TYPES = ("attendance", "capacity")
NOT_NULL = ("article_id", "event_id", "claim_type", "qualifier", "surface", "char_start", "char_end", "hedged",
            "rule_id", "scope")


def frame(b: Batch) -> pl.DataFrame:
    c = pick(b.claims, "claim_id", "article_id", "event_id", "claim_type", "value_stated", "value_low", "value_high",
             "qualifier", "unit", "surface", "char_start", "char_end", "hedged", "attributed_to",
             "attributed_surface", "attributed_char_start", "attributed_char_end", "published_date", "rule_id",
             "derived_from", "scope", "is_article_figure", "choice_rule")
    bodies = b.bodies()
    c = with_spans(c, bodies)
    c = with_spans(c, bodies, "attributed_char_start", "attributed_char_end", prefix="attributed_")
    articles = b.published().join(pick(b.articles, "article_id", "event_id"), on="article_id", how="left")
    return (
        c.join(articles.rename({"published_date": "_a_published", "event_id": "_a_event"}), on="article_id",
               how="left", maintain_order="left")
        .with_columns(
            resolves("article_id", b.article_ids()),
            resolves("event_id", ids(b.events, "event_id")),
            resolves("attributed_to", ids(b.entities, "entity_id")),
            # a derived claim names a claim of the batch or the rule of the figure it adjusted
            resolves("derived_from", pl.concat([ids(b.claims, "claim_id").cast(pl.String).rename("id"),
                                                pl.Series("id", list(rules()), dtype=pl.String)])),
            pl.col("published_date").eq_missing(pl.col("_a_published")).alias("published_date_is_articles"),
            # an article loaded earlier is not in the batch: its event is not known here
            (pl.col("_a_event").is_null() | pl.col("event_id").eq_missing(pl.col("_a_event")))
            .alias("event_id_is_articles"),
            (pl.col("value_low").is_not_null() | pl.col("value_high").is_not_null()).alias("has_a_bound"),
            pl.coalesce("value_low", "value_high").alias("figure"),
            # the article's figure: at most one claim per (article, claim_type) states it
            (~pl.col("is_article_figure").fill_null(False)
             | (pl.col("is_article_figure").fill_null(False).cast(pl.Int32).sum().over("article_id", "claim_type")
                <= 1)).alias("one_article_figure"),
        )
        .drop("_a_published", "_a_event")
    )


def expectations() -> list[gxe.Expectation]:
    people = Column("claim_type").is_in([t for t in CLAIM_TYPES if t not in CROWD_TYPES])
    return [
        *key_rules(KEY, "claim"),
        *[expect(f"{c}_not_null", gxe.ExpectColumnValuesToNotBeNull, column=c, about=f"every claim has its {c}")
          for c in NOT_NULL],
        in_vocabulary("claim_type", CLAIM_TYPES, "a claim's"),
        in_vocabulary("qualifier", QUALIFIERS, "a claim's"),
        in_vocabulary("unit", UNITS, "a claim's"),
        in_vocabulary("scope", SCOPES, "a claim's"),
        in_vocabulary("choice_rule", CHOICE_RULES, "a chosen claim's"),
        holds("one_article_figure", name="one_article_figure_per_type", on="is_article_figure",
              about="at most one claim per article and claim type states the article's figure (article_figures)"),
        *[expect(f"{c}_not_negative", gxe.ExpectColumnValuesToBeBetween, column=c, min_value=0,
                 about=f"a claim's {c} is a count (0 or more)") for c in ("value_stated", "value_low", "value_high")],
        holds("has_a_bound", name="figure_has_a_bound", on="value_low",
              about="a claim has a lower or an upper bound (value_low is NULL only for 'at most' figures)"),
        expect("value_low_le_value_high", gxe.ExpectColumnPairValuesAToBeGreaterThanB,
               column_A="value_high", column_B="value_low", or_equal=True, ignore_row_if="either_value_is_missing",
               about="a claim's lower bound is not above its upper bound (NULL high = unbounded)"),
        expect("people_count_plausible", gxe.ExpectColumnValuesToBeBetween, column="figure", on="value_low",
               max_value=MAX_PEOPLE, row_condition=people,
               about=f"killed, injured, detained ... figures are at most {MAX_PEOPLE:,}"),
        expect("crowd_count_plausible", gxe.ExpectColumnValuesToBeBetween, column="figure", on="value_low",
               max_value=MAX_CROWD, row_condition=Column("claim_type").is_in(list(CROWD_TYPES)),
               about=f"attendance and capacity figures are at most {MAX_CROWD:,}"),
        holds("article_id_resolves", name="article_id_resolves_to_article", on="article_id",
              about="every claim belongs to an article of the batch or one already loaded"),
        holds("event_id_resolves", name="event_id_resolves_to_event", on="event_id",
              about="a claim's event_id (when set) is an event of this run's events table"),
        holds("derived_from_resolves", name="derived_from_resolves", on="derived_from",
              about="a derived claim's derived_from (when set) is a claim of the batch or a rule of docs/RULES.md"),
        holds("attributed_to_resolves", name="attributed_to_resolves_to_entity", on="attributed_to",
              about="a claim's attributed_to (when set) is an entity of this run's entities table"),
        holds("event_id_is_articles", name="event_id_is_the_articles", on="event_id",
              about="a claim's event_id is its article's"),
        holds("published_date_is_articles", name="published_date_is_the_articles", on="published_date",
              about="a claim's published_date is its article's"),
        *span_rules("claim"),
        *span_rules("attribution", surface="attributed_surface", prefix="attributed_",
                    start="attributed_char_start", end="attributed_char_end", nullable=True),
    ]
