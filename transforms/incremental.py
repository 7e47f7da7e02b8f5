"""Incremental runs: decide what a run must process and what it replaces.

The ledger is ``source_files`` (one row per input path ever seen). Rules:

1. A listed path whose size, mtime, ctime and inode equal the ledger's is *unchanged* and is
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

Records (a file that holds many articles: JSON lists, JSONL, CSV, Parquet,
WARC) are keyed inside their file by ``source_record`` (line 3, row 2,
<urn:uuid:...>) in the second ledger, ``source_records``. When such a file
changed, each record is classified on its own by the sha256 of its bytes: an
unchanged record is not parsed again and keeps its article, a changed one
replaces its rows, a new one is added, and a record gone from the file no
longer holds its article (status 'removed').

Provenance follows the holders: an article's source (source_path,
source_record) is always a path/record that holds it now. When the file an
article came from changes and another path (a copy) still holds the content,
the article moves to that path (the first in sort order) and that path's
ledger row becomes its 'article' row; the changed file's new content is an
article of its own.

The stat check (rule 1) compares size, mtime, ctime and inode: an edit that
keeps the size and restores the mtime (``touch -r``) still changes the ctime.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

SOURCE_FILES_SCHEMA = {
    "source_path": pl.String,
    "file_sha256": pl.String,
    "size_bytes": pl.Int64,
    "mtime_ns": pl.Int64,
    "ctime_ns": pl.Int64,
    "inode": pl.Int64,
    "format": pl.String,
    "status": pl.String,
    "article_id": pl.String,
    "first_run_id": pl.String,
    "last_run_id": pl.String,
}


STAT_COLUMNS = ("size_bytes", "mtime_ns", "ctime_ns", "inode")


def unchanged_by_stat(files: pl.DataFrame, known: pl.DataFrame) -> pl.Series:
    """Boolean mask over ``files``: same path, size, mtime, ctime and inode as the ledger.

    ctime and inode are compared when both sides have them (a ledger written
    before they were recorded has NULLs there: such a file is read once more).
    """
    cols = [c for c in STAT_COLUMNS if c in files.columns and c in known.columns]
    joined = files.join(
        known.select("source_path", *[pl.col(c).alias(f"k_{c}") for c in cols], pl.col("file_sha256").alias("k_sha")),
        on="source_path",
        how="left",
        maintain_order="left",
    )
    same = joined["k_sha"].is_not_null()
    for c in cols:
        same = same & (joined[f"k_{c}"] == joined[c])
    return same.fill_null(False)


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


SOURCE_RECORDS_SCHEMA = {
    "source_path": pl.String,
    "source_record": pl.String,
    "record_sha256": pl.String,
    "status": pl.String,
    "article_id": pl.String,
    "first_run_id": pl.String,
    "last_run_id": pl.String,
}


def classify_records(records: pl.DataFrame, read: pl.DataFrame, known_records: pl.DataFrame) -> pl.DataFrame:
    """Add ``change`` to read records: a single-record file's record changes with its file;
    a keyed record is new (unknown key), unchanged (same sha256) or changed."""
    file_change = read.select("source_path", pl.col("change").alias("_fc"))
    k = known_records.select("source_path", "source_record", pl.col("record_sha256").alias("_ks"),
                             pl.lit(True).alias("_kk"))
    return (
        records.join(file_change, on="source_path", how="left", maintain_order="left")
        .join(k, on=["source_path", "source_record"], how="left", maintain_order="left")
        .with_columns(
            pl.when(pl.col("source_record").is_null()).then(pl.col("_fc").fill_null("changed"))
            .when(pl.col("_kk").is_null()).then(pl.lit("new"))
            .when(pl.col("_ks") == pl.col("record_sha256")).then(pl.lit("unchanged"))
            .otherwise(pl.lit("changed"))
            .alias("change")
        )
        .drop("_fc", "_ks", "_kk")
    )


Key = tuple[str, str]  # (source_path, source_record or "" for a file that is one article)


@dataclass
class Refs:
    """Who holds which article once this run is applied."""

    orphans: set[str]  # article ids nothing holds any more (deleted)
    inserted: dict[str, Key]  # new article id -> its source
    status: dict[Key, str]  # article | duplicate | rejected | removed, for every key this run writes
    after: dict[Key, str]  # every key holding an article after the run
    moves: dict[str, Key]  # surviving article id -> its new source (its old one no longer holds it)


def old_refs(ledger: pl.DataFrame, ledger_records: pl.DataFrame) -> dict[Key, str]:
    refs: dict[Key, str] = {}
    for p, a in ledger.select("source_path", "article_id").iter_rows():
        if a is not None:
            refs[(p, "")] = a
    if ledger_records.height:
        for p, r, a, st in ledger_records.select("source_path", "source_record", "article_id", "status").iter_rows():
            if a is not None and st != "removed":
                refs[(p, r)] = a
    return refs


def resolve_refs(before: dict[Key, str], touched: set[str], records: pl.DataFrame, staged: list[tuple[Key, int, str]],
                 rejected: set[Key], existing_ids: set[str], sources: dict[str, Key]) -> Refs:
    """Apply one run's reads to the holders of articles.

    ``before``: key -> article id (the ledgers); ``touched``: paths read and new
    or changed (all their keys are decided again); ``records``: the read records
    (source_path, source_record, change); ``staged``: (key, record_index,
    article_id) of staged records; ``rejected``: keys rejected this run (a
    file-level rejection is (path, "")); ``existing_ids``: article ids loaded;
    ``sources``: loaded article id -> its (source_path, source_record).
    """
    new_refs: dict[Key, str | None] = {}
    for p, r, change in records.select("source_path", "source_record", "change").iter_rows():
        key = (p, r or "")
        if p in touched and change == "unchanged":
            new_refs[key] = before.get(key)  # a record whose bytes are the same keeps its article
    for key, _, aid in staged:
        new_refs[key] = aid
    for key in rejected:
        new_refs[key] = None
    removed = {k for k in before if k[0] in touched and k not in new_refs}
    for k in removed:
        new_refs[k] = None
    replaced = {k for k in before if k in new_refs}
    after = {k: a for k, a in before.items() if k not in new_refs}
    after.update({k: a for k, a in new_refs.items() if a is not None})
    orphans = {before[k] for k in replaced} - set(after.values())

    seen = set(existing_ids) - orphans
    inserted: dict[str, Key] = {}
    status: dict[Key, str] = {}
    for key, _, aid in sorted(staged, key=lambda t: (t[0][0], t[1], t[0][1])):
        if aid in seen:
            status[key] = "duplicate"
        else:
            seen.add(aid)
            inserted[aid] = key
            status[key] = "article"
    for k, a in new_refs.items():
        if a is None:
            status[k] = "removed" if k in removed else "rejected"
        elif k not in status:  # an unchanged record of a changed file keeps its article
            status[k] = "article" if sources.get(a) == k else "duplicate"
    # provenance: a surviving article whose source no longer holds it moves to a holder that does
    holders: dict[str, list[Key]] = {}
    for k, a in after.items():
        holders.setdefault(a, []).append(k)
    moves: dict[str, Key] = {}
    for aid, src in sources.items():
        if aid in orphans or after.get(src) == aid:
            continue
        if aid in holders:
            moves[aid] = min(holders[aid])
    for aid, key in moves.items():
        status[key] = "article"
    for aid, key in inserted.items():
        status[key] = "article"
    for k, a in new_refs.items():  # a holder that is not its article's source is a duplicate
        if a is not None and status.get(k) == "article":
            src = inserted.get(a) or moves.get(a) or sources.get(a)
            if src is not None and src != k:
                status[k] = "duplicate"
    return Refs(orphans=orphans, inserted=inserted, status=status, after=after, moves=moves)


def mark_quarantined(ledger_rows: pl.DataFrame, article_ids: set[str]) -> pl.DataFrame:
    """Ledger rows pointing at an article held back in quarantine get status 'quarantined'."""
    if not article_ids or not ledger_rows.height:
        return ledger_rows
    return ledger_rows.with_columns(
        pl.when(pl.col("status").is_in(["article", "duplicate"]) & pl.col("article_id").is_in(sorted(article_ids)))
        .then(pl.lit("quarantined")).otherwise(pl.col("status")).alias("status"))
