"""Prefect flow ``ingest_articles``: wiring only.

Tasks do I/O (list and read inputs, read warehouse state, load) and hand
frames to transforms/ (pure) and warehouse/loader.py. One task works on a
batch of files, never on one file. The run holds the per-database run lock
from start to end; DuckDB itself is opened for writing only at the start (run
row) and for the final one-transaction load, so readers can query meanwhile.
"""

# No `from __future__ import annotations` here: `newsclaims serve` runs this flow in a subprocess
# from a by-value pickle, and Prefect validates the JSON parameters against the real annotations
# (a string "Settings" would not resolve there; tests/test_serve.py checks this).
import contextlib
import sys
import time
from datetime import date, datetime
from pathlib import Path

import polars as pl
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import wait

from flows import faults
from flows.noop import choose_article_figures
from flows.progress import RunProgress
from flows.reader import list_inputs, read_units
from flows.runners import bound_sigterm, task_runner_for, workers  # noqa: F401  (task_runner_for: the CLI's import)
from flows.settings import Settings
from flows.staging import TEXT_COLUMNS, RunStaging
from flows.summary import RunSummary, StrictModeFailure, new_run_id, strict_failure, table_totals  # noqa: F401  (re-exported)
from transforms.incremental import mark_quarantined, unchanged_by_stat
from transforms.outcomes import duplicates_of, file_outcomes
from warehouse import loader

TASK_OPTS = dict(cache_policy=NO_CACHE, persist_result=False)


# ---------------------------------------------------------------- tasks


@task(name="open-run", **TASK_OPTS)
def open_run(settings: Settings, run_id: str, inputs: list[str]) -> pl.DataFrame:
    """Create/upgrade the schema, close out crashed runs, log this one; return the ledger."""
    con = loader.connect(settings.db, timeout=settings.lock_timeout)
    try:
        loader.ensure_schema(con)
        loader.backfill_article_figures(con, choose_article_figures)  # an older file's claims
        loader.apply_recorded_failures(con, settings.db)  # failed runs that could not say so ...
        loader.mark_interrupted(con)  # ... and the ones that died
        loader.start_run(con, run_id, inputs, settings.strict)
        from prefect.runtime import flow_run

        # the Prefect flow run of this run (NULL for a no-op run recorded without Prefect, flows/noop.py)
        con.execute("update pipeline_runs set flow_run_id = ? where run_id = ?", [flow_run.id, run_id])
        faults.point("open-run")
        return loader.read_frame(con, "select * from source_files")
    finally:
        con.close()


def _records_ledger(settings: Settings) -> pl.DataFrame:
    """The source_records ledger (records of multi-record files), read under the run lock."""
    con = loader.connect(settings.db, read_only=True, timeout=max(settings.lock_timeout, 10))
    try:
        return loader.read_frame(con, "select * from source_records")
    finally:
        con.close()


@task(name="list-inputs", **TASK_OPTS)
def plan_inputs(paths: list[str], settings: Settings, ledger: pl.DataFrame):
    listing = list_inputs([Path(p) for p in paths], settings.article_suffixes,
                          follow_outside_links=settings.follow_outside_links)
    same = unchanged_by_stat(listing.files, ledger)
    return listing, listing.files.filter(~same), int(same.sum())


@task(name="extract-batch", retries=2, retry_delay_seconds=1,
      retry_condition_fn=lambda task, run, state: isinstance(state.result(raise_on_failure=False), OSError),
      **TASK_OPTS)
def extract_batch(units: list[tuple[str, int, int]], known: pl.DataFrame, known_records: pl.DataFrame,
                  settings: Settings, today: date, progress_file: str | None = None):
    """Read work units (path, position, record index) -> BatchFrames (at most batch_size records parsed);
    ``progress_file``: where the articles done so far are ticked for the run's progress line."""
    from flows.nlp import load_nlp
    from flows.progress import ticker
    from transforms.pipeline import extract_batch as extract

    read = read_units([tuple(u) for u in units], dict(known.select("source_path", "file_sha256").iter_rows()),
                      {(p, r): s for p, r, s in known_records.select("source_path", "source_record",
                                                                     "record_sha256").iter_rows()},
                      max_bytes=settings.max_file_bytes, budget=settings.batch_size,
                      column_map=settings.column_map, extra_txt=settings.article_suffixes)
    nlp = load_nlp(settings.spacy_model)
    faults.point("extract")
    res = extract(read.files, known, nlp, today=today, max_chars=settings.max_article_chars,
                  records=read.records, known_records=known_records, on_article=ticker(progress_file))
    res.resume = read.resume
    return res


@task(name="read-warehouse-state", **TASK_OPTS)
def read_state(settings: Settings, ledger: pl.DataFrame):
    from transforms.pipeline import ARTICLE_STATE_COLUMNS, WarehouseState

    con = loader.connect(settings.db, read_only=True, timeout=max(settings.lock_timeout, 10))
    try:
        q = lambda sql: loader.read_frame(con, sql)  # noqa: E731
        return WarehouseState(
            ledger=ledger,
            ledger_records=q("select * from source_records"),
            # body_clean only where the run-wide date pass may need it (undated articles)
            articles=q(f"select {', '.join(ARTICLE_STATE_COLUMNS)}, case when published_date is null "
                       "then body_clean end as body_clean from articles"),
            entity_mentions=q("select * from entity_mentions"),
            claims=q("select claim_id, article_id, claim_type, value_low, attributed_surface, "
                     "attributed_char_start, attributed_char_end, attributed_to, event_id, is_article_figure from claims"),
            date_mentions=q("select d.* from date_mentions d join articles a using (article_id) "
                            "where a.published_date is null"),
            events=q("select event_id, first_published from events"),
            mentioned_dates=q("select article_id, resolved_date, precision from date_mentions "
                              "where resolved_date is not null and precision = 'day'"),
            taken_event_ids=q("select event_id from events union select event_id from event_id_history "
                              "union select new_event_id from event_id_history where new_event_id is not null"),
        )
    finally:
        con.close()


@task(name="finalize", **TASK_OPTS)
def finalize_run(batch, state, settings: Settings, run_id: str):
    from transforms.pipeline import finalize

    aliases = pl.read_csv(settings.aliases_file) if settings.aliases_file.exists() else pl.DataFrame()
    return finalize(batch, state, aliases, run_id=run_id)


@task(name="validate", **TASK_OPTS)
def validate(settings: Settings, plan: loader.LoadPlan, state, today: date):
    """Run the expectations/ suites on what the plan would commit; failing rows go to quarantine."""
    from flows.validate import validate_plan

    return validate_plan(plan, state, settings, today)


@task(name="load", **TASK_OPTS)
def load(settings: Settings, plan: loader.LoadPlan) -> dict[str, int]:
    con = loader.connect(settings.db, timeout=max(settings.lock_timeout, settings.load_wait))
    try:
        counts = loader.commit_run(con, plan, before_commit=lambda: faults.point("before-commit"))
        faults.point("after-commit")
        # the run is committed (in the .wal at least); fold it into the .duckdb file
        problem = loader.checkpoint(con)
        if problem:
            get_run_logger().warning("checkpoint after the commit failed (the run is committed and "
                                     "kept in %s.wal): %s", settings.db, problem)
        return counts
    finally:
        con.close()


def _table_totals(settings: Settings) -> dict[str, int]:
    con = loader.connect(settings.db, read_only=True, timeout=10)
    try:
        return table_totals(con)
    finally:
        con.close()


def _record_failure(settings: Settings, run_id: str, error: str, summary: RunSummary) -> None:
    """The failure into pipeline_runs; when the database cannot take it (disk full, a reader
    holding the file), into a side file the next run applies, so the run is not taken for
    one that died ('interrupted')."""
    try:
        con = loader.connect(settings.db, timeout=min(10.0, settings.load_wait))
        try:
            loader.fail_run(con, run_id, error, {"duration_s": summary.duration_s})
            return
        finally:
            con.close()
    except Exception:  # the original error matters more than the bookkeeping
        pass
    loader.record_failure_aside(settings.db, run_id, error)


def _build_plan(run_id: str, fin, rejected: pl.DataFrame, summary: RunSummary) -> loader.LoadPlan:
    plan = loader.LoadPlan(run_id=run_id, delete_article_ids=fin.delete_article_ids)
    now = datetime.now()
    plan.add("articles", fin.new_articles.with_columns(pl.lit(run_id).alias("run_id"),
                                                       pl.lit(now).alias("ingested_at")))
    plan.add("date_mentions", fin.new_date_mentions)
    plan.add("entity_mentions", fin.new_entity_mentions)
    plan.add("claims", fin.new_claims)
    plan.add("victims", fin.new_victims)
    plan.add("event_id_history", fin.event_history.with_columns(pl.lit(run_id).alias("run_id"),
                                                               pl.lit(now).alias("recorded_at")))
    plan.add("rejected_inputs", rejected.with_columns(pl.lit(run_id).alias("run_id"),
                                                      pl.lit(now).alias("rejected_at")))
    plan.upserts["source_files"] = fin.source_files
    plan.replaces["entities"] = fin.entities
    plan.replaces["events"] = fin.events
    plan.updates["articles"] = ("article_id", fin.article_updates)
    plan.updates["entity_mentions"] = ("mention_id", fin.mention_updates)
    plan.updates["claims"] = ("claim_id", fin.claim_updates)
    plan.updates["date_mentions"] = ("mention_id", fin.date_updates)
    return plan


# ---------------------------------------------------------------- flow


def _chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _parallelism(settings: Settings) -> int:
    """How many extraction tasks the flow's task runner runs at once."""
    from prefect.context import FlowRunContext

    runner = FlowRunContext.get().task_runner
    if settings.task_runner == "dask" and hasattr(runner, "client"):
        return max(1, sum(runner.client.ncores().values()))
    return max(1, workers(settings))


def _extract_bounded(batches: list[list[str]], known: pl.DataFrame, settings: Settings, today: date,
                     known_records: pl.DataFrame | None = None, progress=None):
    """Yield (batch index, BatchFrames) as extraction tasks finish, keeping at most
    2 x parallelism of them submitted or held, so memory does not grow with the corpus.
    ``progress`` (flows.progress.RunProgress) is polled while the tasks work.

    A batch parses at most batch_size records; what is left of a multi-record file
    (a WARC, a long JSONL) comes back as work units and goes on in a later batch."""
    if not batches:
        return
    if known_records is None:
        known_records = pl.DataFrame(schema={"source_path": pl.String, "source_record": pl.String,
                                             "record_sha256": pl.String})
    slots = 2 * _parallelism(settings)
    queue = [[(p, 0, 0) for p in paths] for paths in batches]
    queue.reverse()
    next_index = [0]
    running: dict = {}

    def submit_next() -> None:
        if queue:
            units = queue.pop()
            paths = sorted({u[0] for u in units})
            index = next_index[0]
            tick_file = str(progress.folder / f"{index:05d}") if progress is not None else None
            fut = extract_batch.submit(units, known.filter(pl.col("source_path").is_in(paths)),
                                       known_records.filter(pl.col("source_path").is_in(paths)), settings, today,
                                       tick_file)
            running[fut] = index
            next_index[0] += 1

    for _ in range(slots):
        submit_next()
    while running:
        done = set()
        while not done:
            done = wait(list(running), timeout=0.5).done
            if progress is not None:
                progress.poll()
        fut = min(done, key=running.get)
        index = running.pop(fut)
        res = fut.result()
        if res.resume:
            queue.append([tuple(u) for u in res.resume])
        submit_next()  # keep the workers busy while the caller spills this one
        yield index, res


@contextlib.contextmanager
def _run_lock(settings: Settings, run_id: str, scheduled: bool):
    """The run lock; a scheduled run refused by it (a manual run is working) says so and leaves a row."""
    entered = False
    try:
        with loader.run_lock(settings.db, timeout=settings.lock_timeout, note=f"run {run_id}"):
            entered = True
            yield
    except loader.RunLocked as exc:
        if scheduled and not entered:
            error = f"RunLocked: {exc}"
            print(f"newsclaims: scheduled run {run_id} did not start: {exc}", file=sys.stderr, flush=True)
            _record_refused(settings, run_id, error)
        raise


def _record_refused(settings: Settings, run_id: str, error: str) -> None:
    """A 'failed' pipeline_runs row for a run that never started (no lock: insert only, never
    touching other runs' rows); beside the database when it is busy."""
    try:
        con = loader.connect(settings.db, timeout=min(10.0, settings.load_wait))
        try:
            loader.ensure_schema(con)
            con.execute("insert into pipeline_runs (run_id, started_at, finished_at, status, error) "
                        "values (?, now(), now(), 'failed', ?)", [run_id, error[:4000]])
            return
        finally:
            con.close()
    except Exception:
        pass
    loader.record_failure_aside(settings.db, run_id, error, started=False)


@flow(name="ingest_articles", log_prints=False)
def ingest_articles(paths: list[str], settings: Settings, run_id: str | None = None,
                    progress: str | bool = "off", scheduled: bool = False) -> RunSummary:
    """Ingest article files/folders into the warehouse as one run (all rows or none).

    ``scheduled``: a run of the served deployment; when another run holds the
    lock it records a failed pipeline_runs row and prints why (a manual run is
    refused with exit 3 and leaves no row).
    """
    log = get_run_logger()
    bound_sigterm()  # under the CLI: SIGTERM ends the process even if a read thread is stuck
    run_id = run_id or new_run_id()
    started = time.perf_counter()
    summary = RunSummary(run_id=run_id, db=str(settings.db))
    today = date.today()

    with (_run_lock(settings, run_id, scheduled),
          RunStaging(settings.staging_root, run_id) as stage):
        ledger = open_run(settings, run_id, [str(p) for p in paths])
        try:
            ledger_records = _records_ledger(settings)
            listing, to_read, unchanged = plan_inputs(paths, settings, ledger)
            batches = _chunks(to_read["source_path"].to_list(), settings.batch_size)
            known = ledger.select("source_path", "file_sha256")
            log.info("run %s: %d files listed, %d to read in %d batches", run_id, listing.seen,
                     to_read.height, len(batches))

            # at most 2 batches per worker in flight; each finished one is spilled to Parquet
            with RunProgress(progress, to_read.height, stage.dir / "progress", log=log,
                             interval=settings.progress_interval) as shown:
                for index, res in _extract_bounded(batches, known, settings, today, ledger_records, shown):
                    stage.put(index, res)
                    shown.batch_done(f"{index:05d}", res.read.height)
                    del res
                if batches:
                    shown.poll(force_line=True)
            batch = stage.light_batch()
            rejected_listing = pl.DataFrame(listing.rejected, schema={
                "source_path": pl.String, "reason": pl.String, "detail": pl.String})
            changes = dict(batch.read.select("source_path", "change").iter_rows()) if batch else {}
            from transforms.text import rejected_per_file

            rejected = pl.concat([rejected_per_file(batch.rejected), rejected_listing], how="diagonal_relaxed") \
                if batch else rejected_listing
            # a listing rejection (loop, unreadable folder) is reported once, not on every run
            seen_rejects = set(ledger.filter(pl.col("status") == "rejected")["source_path"].to_list())
            rejected = rejected.filter(~pl.col("source_path").is_in(sorted(seen_rejects))
                                       | pl.col("source_path").is_in(to_read["source_path"].implode()))
            summary.rejected = rejected.select("source_path", "reason", "detail").to_dicts()
            summary.stage_seconds = batch.seconds if batch else {}
            outcome_of = dict(listed=listing.files["source_path"].to_list(), skipped=listing.skipped,
                              listing_rejected=[r["source_path"] for r in listing.rejected],
                              changes=changes, rejected=rejected["source_path"].to_list())
            summary.set_outcomes(file_outcomes(**outcome_of))

            summary.nothing_ingested = _nothing_ingested(listing, batch, ledger)
            if settings.strict and summary.nothing_ingested:
                raise StrictModeFailure(f"--strict: nothing ingested: {listing.seen} file(s) given, none holds an "
                                        "article (see the rejected files)")
            if settings.strict and (why := strict_failure(rejected.height, rejected["reason"].to_list())):
                raise StrictModeFailure(why)

            if batch is None or (batch.read.filter(pl.col("change") != "unchanged").height == 0
                                 and rejected.height == 0):
                # nothing new: no extraction happened, only bookkeeping
                plan = loader.LoadPlan(run_id=run_id)
                if batch is not None:
                    plan.upserts["source_files"] = _refresh_stat(batch.read, ledger, run_id)
            else:
                state = read_state(settings, ledger)
                fin = finalize_run(batch, state, settings, run_id)
                summary.set_outcomes(file_outcomes(**outcome_of, duplicates=duplicates_of(fin.source_files, changes)))
                plan = _build_plan(run_id, fin, rejected, summary)
                plan.upserts["source_files"] = pl.concat(
                    [fin.source_files, _listing_rejects(rejected_listing, ledger, run_id)],
                    how="diagonal_relaxed")
                if fin.source_records.height:
                    plan.upserts["source_records"] = fin.source_records
                # the suites check texts and spans: the new articles' texts, read back for them ...
                if "articles" in plan.inserts:
                    plan.inserts["articles"] = [stage.with_texts(f) for f in plan.inserts["articles"]]
                plan.run_fields = summary.run_fields()  # the run row's counts, for its suite
                plan, dq = validate(settings, plan, state, today)
                if "source_records" in plan.upserts:  # records whose article was quarantined say so
                    kept = pl.concat([f.select("article_id") for f in plan.inserts.get("articles", [])]
                                     or [pl.DataFrame(schema={"article_id": pl.String})])
                    held_back = set(fin.new_articles["article_id"].to_list()) - set(kept["article_id"].to_list())
                    plan.upserts["source_records"] = mark_quarantined(plan.upserts["source_records"], held_back)
                # ... and let go again: the load streams them from the staging files
                if "articles" in plan.inserts:
                    plan.inserts["articles"] = [f.drop(TEXT_COLUMNS, strict=False) for f in plan.inserts["articles"]]
                plan.from_parquet["articles"] = stage.text_columns()
                _record_dq(summary, dq)
                if settings.strict and (why := strict_failure(0, [], dq)):
                    raise StrictModeFailure(why)
            summary.duration_s = round(time.perf_counter() - started, 2)
            plan.run_fields = summary.run_fields()
            faults.point("before-load")
            summary.row_counts = load(settings, plan)
            summary.status = "success"
        except BaseException as exc:
            summary.status = "failed"
            detail = str(exc) or (f"signal {exc.signal}" if hasattr(exc, "signal") else "")
            summary.error = f"{type(exc).__name__}: {detail}"
            summary.duration_s = round(time.perf_counter() - started, 2)
            _record_failure(settings, run_id, summary.error, summary)
            _publish(summary, log)
            raise
        # inside the lock: a queued run may take the database the moment it is released
        try:
            summary.table_totals = _table_totals(settings)
        except loader.DatabaseBusy:  # a reader held it too long; the run is committed all the same
            summary.table_totals = {}
    _publish(summary, log)
    return summary


ARTIFACT_KEY = "newsclaims-run"  # the latest run's summary under one key; each run's version is kept


def _publish(summary: RunSummary, log) -> None:
    """The run's summary in Prefect: log lines in the run log and a Markdown + table artifact."""
    from prefect.artifacts import create_markdown_artifact, create_table_artifact

    from flows.summary import summary_markdown

    try:
        log.info("run %s %s in %.1f s: %d files seen = %d new + %d changed + %d unchanged + %d duplicate "
                 "+ %d rejected + %d not articles", summary.run_id, summary.status, summary.duration_s,
                 summary.files_seen, summary.files_new, summary.files_changed, summary.files_unchanged,
                 summary.files_duplicate, summary.files_rejected, summary.files_skipped)
        for r in summary.rejected[:20]:
            log.warning("rejected %s: %s (%s)", r["source_path"], r["reason"], r["detail"])
        for name, n in sorted(summary.failed_expectations.items()):
            log.warning("expectation failed: %s (%s rows)", name, n)
        if summary.error:
            log.error("run failed, nothing committed: %s", summary.error)
        if summary.docs_path:
            log.info("data docs: %s", summary.docs_path)
        create_markdown_artifact(markdown=summary_markdown(summary), key=ARTIFACT_KEY,
                                 description=f"newsclaims run {summary.run_id}: {summary.status}")
        rows = [{"table": t, "written this run": summary.row_counts.get(t, 0),
                 "total": summary.table_totals.get(t)}
                for t in sorted(set(summary.table_totals) | set(summary.row_counts))]
        if rows:
            create_table_artifact(table=rows, key=f"{ARTIFACT_KEY}-rows",
                                  description=f"rows written by newsclaims run {summary.run_id}")
    except Exception as exc:  # observability must not fail a committed run
        log.warning("could not publish the run summary to Prefect: %s: %s", type(exc).__name__, exc)


def _record_dq(summary: RunSummary, dq) -> None:
    summary.rows_quarantined = dq.rows_quarantined
    summary.quarantined = dq.quarantined
    summary.expectations_failed = dq.expectations_failed
    summary.failed_expectations = dq.failed
    summary.docs_path = dq.docs_path
    summary.stage_seconds = {**summary.stage_seconds, **dq.seconds}


def _nothing_ingested(listing, batch, ledger: pl.DataFrame) -> bool:
    """Files were given and none of them holds an article (staged now, or unchanged and holding one)."""
    if listing.seen == 0:
        return False
    if batch is not None and batch.staged.height:
        return False
    holding = ledger.filter(pl.col("status").is_in(["article", "duplicate", "records", "quarantined"]))
    return not listing.files.join(holding.select("source_path"), on="source_path", how="semi").height


def _refresh_stat(read: pl.DataFrame, ledger: pl.DataFrame, run_id: str) -> pl.DataFrame:
    """Ledger rows of files re-read but unchanged in content: new stat, same everything else."""
    stat = [c for c in ("size_bytes", "mtime_ns", "ctime_ns", "inode") if c in read.columns]
    return (
        ledger.drop(*stat, strict=False)
        .join(read.select("source_path", *stat), on="source_path", how="inner")
        .with_columns(pl.lit(run_id).alias("last_run_id"))
    )


def _listing_rejects(rejected_listing: pl.DataFrame, ledger: pl.DataFrame, run_id: str) -> pl.DataFrame:
    first = dict(ledger.select("source_path", "first_run_id").iter_rows())
    return rejected_listing.select(
        "source_path",
        pl.lit("rejected").alias("status"),
        pl.col("source_path").replace_strict(first, default=run_id, return_dtype=pl.String).alias("first_run_id"),
        pl.lit(run_id).alias("last_run_id"),
    )
