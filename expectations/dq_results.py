"""Suite ``dq_results``: the expectation results of the run's data suites, before they are committed.

A run record, not data: failures are recorded next to the others (and fail a
--strict run), no row is held back. The results of the two run-record suites
(pipeline_runs and this one) are not checked again. Rules: run_id, suite,
expectation, success and evaluated_at set; the run's id on every row; suite
one of the data suites; one result per suite and expectation; counts
non-negative; a result with a count fails exactly when some row was unexpected.
"""

from __future__ import annotations

import great_expectations.expectations as gxe
import polars as pl

from expectations.base import Batch, expect, holds, in_vocabulary, pick

TABLE = "dq_results"
KEY = "expectation"
QUARANTINE = False  # a run record: failures are recorded, no row is held back


def frame(b: Batch) -> pl.DataFrame:
    f = pick(b.dq_results, "run_id", "suite", "expectation", "success", "element_count", "unexpected_count",
             "evaluated_at")
    run_ids = pick(b.pipeline_runs, "run_id")["run_id"]
    return f.with_columns(
        pl.col("run_id").is_in(run_ids.implode()).fill_null(False).alias("run_id_is_the_runs"),
        (pl.col("unexpected_count").is_null() | (pl.col("success") == (pl.col("unexpected_count") == 0)))
        .fill_null(False).alias("success_agrees"),
    )


def expectations() -> list[gxe.Expectation]:
    from expectations import SUITES  # the data suites (the package imports this module)

    return [
        *[expect(f"{c}_not_null", gxe.ExpectColumnValuesToNotBeNull, column=c, about=f"every result has its {c}")
          for c in ("run_id", "suite", "expectation", "success", "evaluated_at")],
        holds("run_id_is_the_runs", name="run_id_is_the_runs", on="run_id",
              about="a result carries the id of the run that evaluated it"),
        in_vocabulary("suite", [s.TABLE for s in SUITES], "a result's"),
        expect("suite_expectation_unique", gxe.ExpectCompoundColumnsToBeUnique, column_list=["suite", "expectation"],
               on="expectation", about="a run records one result per suite and expectation"),
        expect("element_count_not_negative", gxe.ExpectColumnValuesToBeBetween, column="element_count",
               min_value=0, about="a result counts 0 or more rows"),
        expect("unexpected_count_not_negative", gxe.ExpectColumnValuesToBeBetween, column="unexpected_count",
               min_value=0, about="a result counts 0 or more unexpected rows"),
        holds("success_agrees", name="success_agrees_with_unexpected_count", on="success",
              about="a result with a count succeeds exactly when no row was unexpected"),
    ]
