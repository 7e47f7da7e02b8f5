"""The unchanged re-run, decided and recorded before Prefect is imported or started.

Most scheduled runs find nothing new. Deciding that takes a listing (stat only)
and the ledger (source_files); starting Prefect (its imports and temporary
server) takes 5-20 s on this machine. So ``newsclaims run`` asks here first:
when every listed file is unchanged by stat and every listing rejection was
reported by an earlier run, nothing is to be read, and the run is recorded in
pipeline_runs (status success, counts from transforms.outcomes, flow_run_id
NULL) under the run lock, without a Prefect flow run. Anything else returns
None and the caller runs the ``ingest_articles`` flow, which plans again under
the lock. Setting ``fast_noop=false`` (NEWSCLAIMS_FAST_NOOP) makes every run a
Prefect flow run (a Prefect UI then lists the no-op runs too).

Imports stay light here (no prefect, spacy, great_expectations): the CLI's
wall time on this path is Python, polars, duckdb and pydantic.
"""

from __future__ import annotations

import time
from pathlib import Path

import polars as pl

from flows.reader import Listing, list_inputs
from flows.settings import Settings
from flows.summary import RunSummary, new_run_id, table_totals
from transforms.incremental import unchanged_by_stat
from transforms.outcomes import file_outcomes
from warehouse import loader


def choose_article_figures(claims: pl.DataFrame) -> pl.DataFrame:
    """transforms.claims.choice.choose, imported only when an older file's claims need it
    (this module is the path of a run that starts neither Prefect nor spaCy)."""
    from transforms.claims.choice import choose

    return choose(claims)


def nothing_to_read(listing: Listing, ledger: pl.DataFrame) -> bool:
    """True when a run would read no file and report no new rejection (the flow's own planning rules)."""
    if listing.files.height and not bool(unchanged_by_stat(listing.files, ledger).all()):
        return False
    reported = set(ledger.filter(pl.col("status") == "rejected")["source_path"].to_list()) if ledger.height \
        else set()
    return all(r["source_path"] in reported for r in listing.rejected)


def _ledger(con) -> pl.DataFrame | None:
    try:
        return loader.read_frame(con, "select * from source_files")
    except Exception:  # an old or foreign file: the flow will upgrade it or say what is wrong
        return None


def try_noop_run(paths: list[str | Path], settings: Settings) -> RunSummary | None:
    """Record an unchanged re-run without Prefect and return its summary, or None (run the flow)."""
    started = time.perf_counter()
    if not settings.fast_noop or not Path(settings.db).exists():
        return None
    listing = list_inputs([Path(p) for p in paths], settings.article_suffixes)
    try:  # a cheap look first, without the lock: most runs that have work to do stop here
        con = loader.connect(settings.db, read_only=True, timeout=0)
    except loader.DatabaseBusy:
        return None
    try:
        ledger = _ledger(con)
    finally:
        con.close()
    if ledger is None or not nothing_to_read(listing, ledger):
        return None

    run_id = new_run_id()
    with loader.run_lock(settings.db, timeout=settings.lock_timeout, note=f"run {run_id} (no-op)"):
        con = loader.connect(settings.db, timeout=max(settings.lock_timeout, 10))
        try:
            loader.ensure_schema(con)
            loader.backfill_article_figures(con, choose_article_figures)  # an older file's claims
            ledger = _ledger(con)  # again, under the lock: another run may have changed it meanwhile
            if ledger is None or not nothing_to_read(listing, ledger):
                return None
            summary = RunSummary(run_id=run_id, db=str(settings.db), prefect=False)
            summary.set_outcomes(file_outcomes(
                listed=listing.files["source_path"].to_list(), skipped=listing.skipped,
                listing_rejected=[r["source_path"] for r in listing.rejected]))
            loader.mark_interrupted(con)
            loader.start_run(con, run_id, [str(p) for p in paths], settings.strict)
            summary.duration_s = round(time.perf_counter() - started, 2)
            plan = loader.LoadPlan(run_id=run_id, run_fields=summary.run_fields())
            summary.row_counts = loader.commit_run(con, plan)
            summary.status = "success"
            summary.table_totals = table_totals(con)
        finally:
            con.close()
    return summary
