"""Suite ``rejected_inputs``: one row per rejected input file per run, the rows a run inserts.

Rules: (run_id, source_path) unique; source_path set; reason a stable code
(lower_snake_case) so reports can group by it.
"""

from __future__ import annotations

import great_expectations.expectations as gxe
import polars as pl

from expectations.base import Batch, expect, pick

TABLE = "rejected_inputs"
KEY = "source_path"  # one run writes a path once


def frame(b: Batch) -> pl.DataFrame:
    return pick(b.rejected_inputs, "source_path", "reason")


def expectations() -> list[gxe.Expectation]:
    return [
        expect("source_path_not_null", gxe.ExpectColumnValuesToNotBeNull, column="source_path",
               about="every rejected input names its path"),
        expect("source_path_unique", gxe.ExpectColumnValuesToBeUnique, column="source_path",
               about="a run rejects a path once"),
        expect("reason_not_null", gxe.ExpectColumnValuesToNotBeNull, column="reason",
               about="every rejected input has a reason"),
        expect("reason_is_a_code", gxe.ExpectColumnValuesToMatchRegex, column="reason", regex=r"^[a-z][a-z0-9_]*$",
               about="a rejection reason is a stable lower_snake_case code"),
    ]
