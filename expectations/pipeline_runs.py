"""Suite ``pipeline_runs``: the run's own row, as the load is about to complete it.

A run record, not data: a row failing here is not quarantined (the run row is
what records the run); the failure lands in dq_results, counts in the run's
expectations_failed and fails a --strict run. Rules: run_id set; status in its
vocabulary; every count non-negative; the files seen are all accounted for
(new + changed + unchanged + skipped + rejected + duplicate = seen).
"""

from __future__ import annotations

import great_expectations.expectations as gxe
import polars as pl

from expectations.base import Batch, expect, holds, in_vocabulary, key_rules, pick

TABLE = "pipeline_runs"
KEY = "run_id"
QUARANTINE = False  # a run record: failures are recorded, no row is held back
STATUSES = ("running", "success", "failed", "interrupted")
FILE_PARTS = ("files_new", "files_changed", "files_unchanged", "files_skipped", "files_rejected", "files_duplicate")
COUNTS = ("files_seen", *FILE_PARTS, "rows_quarantined", "expectations_failed")


def frame(b: Batch) -> pl.DataFrame:
    f = pick(b.pipeline_runs, "run_id", "status", *COUNTS)
    return f.with_columns(
        (pl.col("files_seen") == pl.sum_horizontal(*FILE_PARTS)).fill_null(False).alias("files_accounted_for"))


def expectations() -> list[gxe.Expectation]:
    return [
        *key_rules(KEY, "run"),
        in_vocabulary("status", STATUSES, "a run's"),
        *[expect(f"{c}_not_negative", gxe.ExpectColumnValuesToBeBetween, column=c, min_value=0,
                 about=f"a run's {c} is 0 or more") for c in COUNTS],
        holds("files_accounted_for", name="files_seen_accounted_for", on="files_seen",
              about="every file seen is new, changed, unchanged, skipped, rejected or a duplicate"),
    ]
