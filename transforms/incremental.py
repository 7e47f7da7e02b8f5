"""Incremental runs: decide what a run must process and what it replaces.

The ledger is ``source_files`` (one row per input path ever seen). Rules:

1. A listed path whose size and mtime equal the ledger's is *unchanged* and is
   not even read, provided the ledger holds its hash: a file that was never
   read (unreadable, too large, vanished) is tried again on every run, so a
   transient I/O error or a raised size limit loses nothing.
2. Otherwise it is read and hashed: the same sha256 as the ledger's is
   *unchanged* (only its stat is refreshed); a known path with another hash is
   *changed*; an unknown path is *new*. A known path that could not be read,
   now or before, is *unchanged* too (its rejection is reported once).
3. New and changed files are staged. A staged article whose article_id already
   exists (loaded earlier, or earlier in this run) is a *duplicate*: its path is
   recorded, pointing at that article, and no second article row is written.
4. A changed file replaces its old rows: the old article is deleted unless
   another path still holds the same content.
Paths that disappeared from the input are left alone (runs add and replace,
they never delete what they did not see).
"""

from __future__ import annotations

import polars as pl

SOURCE_FILES_SCHEMA = {
    "source_path": pl.String,
    "file_sha256": pl.String,
    "size_bytes": pl.Int64,
    "mtime_ns": pl.Int64,
    "status": pl.String,
    "article_id": pl.String,
    "first_run_id": pl.String,
    "last_run_id": pl.String,
}


def unchanged_by_stat(files: pl.DataFrame, known: pl.DataFrame) -> pl.Series:
    """Boolean mask over ``files``: same path, size and mtime as the ledger."""
    joined = files.join(
        known.select("source_path", pl.col("size_bytes").alias("k_size"), pl.col("mtime_ns").alias("k_mtime"),
                     pl.col("file_sha256").alias("k_sha")),
        on="source_path",
        how="left",
        maintain_order="left",
    )
    return (
        (joined["k_size"] == joined["size_bytes"]) & (joined["k_mtime"] == joined["mtime_ns"])
        & joined["k_sha"].is_not_null()
    ).fill_null(False)


def classify_read(read: pl.DataFrame, known: pl.DataFrame) -> pl.DataFrame:
    """Add ``change`` = new | changed | unchanged to read files (by sha256)."""
    k = known.select("source_path", pl.col("file_sha256").alias("k_sha"), pl.lit(True).alias("k_known"))
    return (
        read.join(k, on="source_path", how="left", maintain_order="left")
        .with_columns(
            pl.when(pl.col("k_known").is_null())
            .then(pl.lit("new"))
            .when(pl.col("file_sha256").is_not_null() & (pl.col("file_sha256") == pl.col("k_sha")))
            .then(pl.lit("unchanged"))
            .when(pl.col("file_sha256").is_null() & pl.col("k_sha").is_null())
            .then(pl.lit("unchanged"))  # still unreadable: already reported
            .otherwise(pl.lit("changed"))
            .alias("change")
        )
        .drop("k_sha", "k_known")
    )


def assign_articles(
    staged_article_ids: list[tuple[str, str]],
    existing_article_ids: set[str],
) -> tuple[set[str], dict[str, str]]:
    """Which staged (source_path, article_id) pairs are new articles vs duplicates.

    Returns (paths whose article is inserted, {path: status}) where status is
    'article' or 'duplicate'. The first path (in the given order) of a new
    content wins.
    """
    seen = set(existing_article_ids)
    inserted, status = set(), {}
    for path, article_id in staged_article_ids:
        if article_id in seen:
            status[path] = "duplicate"
        else:
            seen.add(article_id)
            inserted.add(path)
            status[path] = "article"
    return inserted, status


def orphaned_articles(
    known: pl.DataFrame, replaced_paths: set[str], new_refs: dict[str, str | None]
) -> set[str]:
    """Article ids no path holds any more once ``replaced_paths`` point at ``new_refs``.

    ``known``: the ledger (source_path, article_id); ``new_refs``: path ->
    article_id (None for rejected) for every path this run records.
    """
    before = {
        p: a for p, a in known.select("source_path", "article_id").iter_rows() if a is not None
    }
    old_ids = {before[p] for p in replaced_paths if p in before}
    after = {p: a for p, a in before.items() if p not in new_refs}
    after.update({p: a for p, a in new_refs.items() if a is not None})
    return old_ids - set(after.values())
