"""Accuracy metrics against gold data (pure; used by `newsclaims eval`).

Gold is one row per article file (gva_dev/gold.csv): file, incident_id,
killed, injured, incident_date, city, state.
"""

from __future__ import annotations

from collections import Counter
from math import comb

import polars as pl

from transforms.claims.choice import choose


def best_values(claims: pl.DataFrame, claim_type: str) -> pl.DataFrame:
    """article_figures' rule: per article, the value_low of the claim that states the article's figure
    (claims.is_article_figure, transforms/claims/choice.py); claims without the flag are chosen here."""
    if "is_article_figure" not in claims.columns:
        claims = choose(claims)
    return (
        claims.filter((pl.col("claim_type") == claim_type) & pl.col("is_article_figure").fill_null(False))
        .select("article_id", pl.col("value_low").alias("best_value"))
    )


def figure_accuracy(predicted: pl.DataFrame, gold: pl.DataFrame, column: str) -> dict:
    """Exact match and MAE of predicted[file, best_value] against gold[file, column].

    An article with no claim predicts 0 (how DESIGN.md says readers treat a missing row).
    """
    joined = gold.select("file", pl.col(column).alias("gold")).join(
        predicted.select("file", "best_value"), on="file", how="left"
    ).with_columns(pl.col("best_value").fill_null(0))
    hit = joined["best_value"] == joined["gold"]
    positive = joined.filter(pl.col("gold") > 0)
    return {
        "n": joined.height,
        "exact_match": round(float(hit.mean()), 4) if joined.height else None,
        "n_gold_positive": positive.height,
        "exact_match_gold_positive": round(
            float((positive["best_value"] == positive["gold"]).mean()), 4
        ) if positive.height else None,
        "mae": round(float((joined["best_value"] - joined["gold"]).abs().mean()), 4)
        if joined.height else None,
    }


def date_accuracy(predicted: pl.DataFrame, gold: pl.DataFrame) -> dict:
    """Share of articles whose predicted[file, event_date] equals gold incident_date."""
    day = pl.col("incident_date")
    day = day if gold.schema["incident_date"] == pl.Date else day.cast(pl.String).str.to_date("%Y-%m-%d")
    joined = gold.select("file", day.alias("gold")).join(
        predicted.select("file", "event_date"), on="file", how="left"
    )
    hit = (joined["event_date"] == joined["gold"]).fill_null(False)
    return {"n": joined.height, "exact_match": round(float(hit.mean()), 4) if joined.height else None}


def adjusted_rand_index(labels_true: list, labels_pred: list) -> float:
    """Hubert & Arabie's ARI of two clusterings of the same items."""
    if len(labels_true) != len(labels_pred):
        raise ValueError("both clusterings must label the same items")
    n = len(labels_true)
    if n < 2:
        return 1.0
    pairs = Counter(zip(labels_true, labels_pred))
    sum_ij = sum(comb(c, 2) for c in pairs.values())
    sum_a = sum(comb(c, 2) for c in Counter(labels_true).values())
    sum_b = sum(comb(c, 2) for c in Counter(labels_pred).values())
    expected = sum_a * sum_b / comb(n, 2)
    maximum = (sum_a + sum_b) / 2
    if maximum == expected:
        return 1.0
    return (sum_ij - expected) / (maximum - expected)


def pair_scores(labels_true: list, labels_pred: list) -> dict:
    """Pairwise clustering scores: of the article pairs put in one event, the share that are one gold
    incident (precision); of the gold same-incident pairs, the share put in one event (recall).

    -> pairs_true, pairs_pred, pairs_both, precision, recall, f1 (None where a denominator is 0).
    """
    if len(labels_true) != len(labels_pred):
        raise ValueError("both clusterings must label the same items")
    both = sum(comb(c, 2) for c in Counter(zip(labels_true, labels_pred)).values())
    true_pairs = sum(comb(c, 2) for c in Counter(labels_true).values())
    pred_pairs = sum(comb(c, 2) for c in Counter(labels_pred).values())
    precision = both / pred_pairs if pred_pairs else None
    recall = both / true_pairs if true_pairs else None
    f1 = (2 * precision * recall / (precision + recall)
          if precision is not None and recall is not None and precision + recall else None)
    return {"pairs_true": true_pairs, "pairs_pred": pred_pairs, "pairs_both": both,
            "precision": precision, "recall": recall, "f1": f1}
