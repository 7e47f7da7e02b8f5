"""Suite ``source_records``: one row per record of a multi-record input file (JSON list, JSONL,
CSV, Parquet, WARC) ever seen (the ledger by record), the rows a run upserts.

Rules: (source_path, source_record) set and unique together; status in its vocabulary;
record_sha256 a sha256 hex digest where set, and set on every record that was read
(all but 'removed', a record gone from its file); a record recorded as an article or a
duplicate points at an article of the batch or one already loaded.

A failing ledger row is quarantined and not written: the record is then not known as
seen, so the next run reads it again (nothing is lost, it costs a re-read).
"""

from __future__ import annotations

import great_expectations.expectations as gxe
import polars as pl

from expectations.base import Batch, expect, holds, in_vocabulary

TABLE = "source_records"
KEY = ("source_path", "source_record")  # compound: quarantine.row_key is "path [record]"
# 'removed': the record was in the file on an earlier run and is gone from it now;
# 'quarantined': the record's article failed an expectation and is in quarantine
STATUSES = ("article", "duplicate", "rejected", "removed", "quarantined")
SHA256 = r"^[0-9a-f]{64}$"


def frame(b: Batch) -> pl.DataFrame:
    f = b.source_records
    holds_article = pl.col("status").is_in(["article", "duplicate"])
    return f.select(
        "source_path", "source_record", "status", "record_sha256",
        (~holds_article | pl.col("article_id").is_in(b.article_ids().unique().implode()))
        .fill_null(False).alias("article_id_resolves"),
        ((pl.col("status") == "removed") | pl.col("record_sha256").is_not_null())
        .fill_null(False).alias("read_record_has_sha256"),
    )


def expectations() -> list[gxe.Expectation]:
    return [
        expect("source_path_not_null", gxe.ExpectColumnValuesToNotBeNull, column="source_path",
               about="every record names its file"),
        expect("source_record_not_null", gxe.ExpectColumnValuesToNotBeNull, column="source_record",
               about="every record names its place in the file (line 3, row 2, item 1, a WARC-Record-ID)"),
        expect("source_path_source_record_unique", gxe.ExpectCompoundColumnsToBeUnique,
               column_list=["source_path", "source_record"], on="source_record",
               about="a record of a file is in the ledger once"),
        expect("status_not_null", gxe.ExpectColumnValuesToNotBeNull, column="status",
               about="every record has a status"),
        in_vocabulary("status", STATUSES, "a record's"),
        expect("record_sha256_is_a_sha256", gxe.ExpectColumnValuesToMatchRegex, column="record_sha256",
               regex=SHA256, about="a record's hash is 64 lowercase hex digits"),
        holds("read_record_has_sha256", name="read_record_has_sha256", on="record_sha256",
              about="every record still in its file has the hash of its bytes"),
        holds("article_id_resolves", name="article_id_resolves_to_article", on="article_id",
              about="an article or duplicate record points at an article of the batch or one already loaded"),
    ]
