"""Accuracy metrics (hand-computed expectations) and the `eval` command end to end."""

import json
import subprocess
import sys
from datetime import date

import polars as pl
import pytest

from tests.conftest import ROOT
from transforms.evaluation import adjusted_rand_index, best_values, date_accuracy, figure_accuracy, pair_scores

GOLD = pl.DataFrame({"file": ["a", "b", "c", "d"], "killed": [1, 0, 2, 0],
                     "incident_date": ["2016-07-18", "2016-07-19", "2016-07-20", "2016-07-21"]})


def test_best_value_is_the_largest_value_low_per_article():
    claims = pl.DataFrame({"article_id": ["x", "x", "y", "y"], "claim_type": ["killed", "killed", "killed", "injured"],
                           "value_low": [60, 62, 40, 100]})
    got = dict(best_values(claims, "killed").iter_rows())
    assert got == {"x": 62, "y": 40}


def test_figure_accuracy_counts_missing_articles_as_zero():
    predicted = pl.DataFrame({"file": ["a", "c"], "best_value": [1, 3]})  # b and d predict 0
    r = figure_accuracy(predicted, GOLD, "killed")
    assert r["exact_match"] == 0.75  # a, b, d right; c wrong
    assert r["exact_match_gold_positive"] == 0.5  # a right, c wrong
    assert r["mae"] == 0.25


def test_date_accuracy():
    predicted = pl.DataFrame({"file": ["a", "b", "c"],
                              "event_date": [date(2016, 7, 18), date(2016, 7, 20), None]})
    assert date_accuracy(predicted, GOLD)["exact_match"] == 0.25


@pytest.mark.parametrize(
    "truth, pred, ari",
    [
        ([1, 1, 2, 2], ["a", "a", "b", "b"], 1.0),  # identical up to names
        ([1, 1, 2, 2], ["a", "b", "a", "b"], -0.5),  # worse than chance
        ([1, 2, 3, 4], ["a", "b", "c", "d"], 1.0),  # all singletons
        ([1, 1, 1, 2], ["a", "a", "b", "b"], 0.0),  # Hubert-Arabie value for this table
    ],
)
def test_adjusted_rand_index(truth, pred, ari):
    assert adjusted_rand_index(truth, pred) == pytest.approx(ari)


@pytest.mark.parametrize(
    "truth, pred, expected",
    [
        # gold pairs {12, 34}; predicted pairs {12, 13, 23, 45}: one of four right, one of two found
        ([1, 1, 2, 2, 3], ["a", "a", "a", "b", "b"], (2, 4, 1, 0.25, 0.5)),
        ([1, 1, 2, 2], ["a", "a", "b", "b"], (2, 2, 2, 1.0, 1.0)),
        # everything split: nothing predicted, so no precision; no gold pair found
        ([1, 1, 1], ["a", "b", "c"], (3, 0, 0, None, 0.0)),
        # all singletons in the gold, two merged: precision 0, no recall to speak of
        ([1, 2, 3], ["a", "a", "b"], (0, 1, 0, 0.0, None)),
    ],
)
def test_pair_scores(truth, pred, expected):
    got = pair_scores(truth, pred)
    assert (got["pairs_true"], got["pairs_pred"], got["pairs_both"], got["precision"], got["recall"]) == expected


def test_pair_scores_needs_the_same_items():
    with pytest.raises(ValueError):
        pair_scores([1, 2], ["a"])


@pytest.mark.slow
def test_eval_command_scores_a_gold_folder(tmp_path):
    """Two gva_dev articles: a child killed in Gaston; a man who shot himself in the leg."""
    out = tmp_path / "eval.json"
    proc = subprocess.run([sys.executable, "-m", "flows.cli", "eval", str(ROOT / "tests/fixtures/eval"),
                           "--json", str(out)], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(out.read_text())
    assert report["killed"]["exact_match"] == 1.0 and report["killed"]["n"] == 2
    assert report["injured"]["exact_match"] == 1.0
    assert report["events"]["n_events"] == 2
    # two incidents, two events: no pair to find, none predicted
    assert (report["events"]["pairs_gold"], report["events"]["pairs_predicted"]) == (0, 0)
    assert "events: pair precision" in proc.stdout and "events: pair recall" in proc.stdout
    assert "killed: exact match, all articles" in proc.stdout
