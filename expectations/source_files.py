"""Suite ``source_files``: one row per input path ever seen (the ledger), the rows a run upserts.

Rules: source_path unique and not null; status in its vocabulary; sizes
non-negative; a path recorded as an article or a duplicate points at an
article of the batch or one already loaded.
"""

from __future__ import annotations

import great_expectations.expectations as gxe
import polars as pl

from expectations.base import Batch, expect, holds, in_vocabulary, key_rules

TABLE = "source_files"
KEY = "source_path"
# 'quarantined': the file's article failed an expectation and is in quarantine;
# 'records': a multi-record file (JSONL, CSV, WARC, ...) whose records are in source_records
STATUSES = ("article", "duplicate", "rejected", "quarantined", "records")


def frame(b: Batch) -> pl.DataFrame:
    f = b.source_files
    holds_article = pl.col("status").is_in(["article", "duplicate"])
    return f.select(
        "source_path", "status", "size_bytes",
        (~holds_article | pl.col("article_id").is_in(b.article_ids().unique().implode()))
        .fill_null(False).alias("article_id_resolves"),
    )


def expectations() -> list[gxe.Expectation]:
    return [
        *key_rules(KEY, "ledger row"),
        expect("status_not_null", gxe.ExpectColumnValuesToNotBeNull, column="status",
               about="every ledger row has a status"),
        in_vocabulary("status", STATUSES, "a ledger row's"),
        expect("size_bytes_not_negative", gxe.ExpectColumnValuesToBeBetween, column="size_bytes", min_value=0,
               about="a file's size is 0 bytes or more"),
        holds("article_id_resolves", name="article_id_resolves_to_article", on="article_id",
              about="an article or duplicate path points at an article of the batch or one already loaded"),
    ]
