"""newsclaims: turn raw news articles into claims, dates, entities and events in DuckDB.

    newsclaims run [PATH ...] [--db FILE] [--strict]   ingest files/folders (default seeds/)
    newsclaims serve --cron "*/15 * * * *" [PATH ...]  the same run as a scheduled Prefect deployment
    newsclaims status [--db FILE]                      last runs (with the error of a failed one), row counts
    newsclaims sql "SELECT ...; SELECT ..." [--db FILE]  ad-hoc SQL on a read-only connection (no file access)
    newsclaims eval DIR [--json FILE] [--with-seeds] [--errors]   score the pipeline against DIR/gold.csv
    newsclaims eval-timex DIR [--json FILE]            score time expressions against a TimeML gold folder
    newsclaims export --format parquet [DIR] [--db FILE]   every table and view as Parquet (atomic)
    newsclaims report [--out FILE] [--db FILE]         self-contained HTML dashboard (works offline)
    newsclaims backup DEST [--db FILE]                 consistent single-file copy of the database
    newsclaims docs [--db FILE]                        rebuild the Data Docs site, print its path

Exit codes: 0 ok, 1 the run failed (nothing committed), 2 bad usage or a missing path,
3 the database is busy (a run or a reader holds it; --wait queues), 143 stopped by SIGTERM.
Settings: NEWSCLAIMS_* environment variables (flows/settings.py); contract: docs/DESIGN.md.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_BUSY = 0, 1, 2, 3


def _quiet_prefect(verbose: bool) -> None:
    """Prefect's log lines are noise in a CLI summary unless asked for: the console handler is quiet,
    while the run logger keeps INFO, so the run's own log lines reach the Prefect API (its UI)."""
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO")
    os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "INFO" if verbose else "CRITICAL")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    # the temporary server gets 60 s to start, not Prefect's 20: a busy 2-core machine needs more
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "60")
    os.environ.setdefault("PREFECT_LOGGING_LOG_PRINTS", "false")
    import warnings

    # an unusable PREFECT_HOME is reported in one line by flows.runners.check_prefect_home
    warnings.filterwarnings("ignore", message="Failed to create the Prefect home directory")
    if not verbose:  # "EventsWorker - Still processing items: N items remaining..." at exit:
        import logging  # Prefect's service loggers are top-level, outside PREFECT_LOGGING_LEVEL

        for name in ("EventsWorker", "APILogWorker"):
            logging.getLogger(name).setLevel(logging.ERROR)


def _console():
    from rich.console import Console

    # piped output (files, CI logs, README examples) is not cut to 80 columns
    return Console() if sys.stdout.isatty() else Console(width=200)


def _err(msg: str) -> None:
    print(f"newsclaims: error: {msg}", file=sys.stderr)


def _on_sigterm(signum, frame) -> None:
    """SIGTERM (a scheduler's timeout) exits through SystemExit, so the failure is recorded and
    atexit stops Prefect's temporary server; a timer makes sure the process really ends."""
    from flows.runners import arm_hard_exit

    arm_hard_exit(128 + signum)
    sys.exit(128 + signum)


# ---------------------------------------------------------------- run


def _run_inputs(args: argparse.Namespace):
    """Settings and input paths of `run` and `serve`, or None after a usage error was printed."""
    from flows.reader import text_path
    from flows.settings import get_settings

    settings = get_settings(db=args.db, strict=args.strict or None, batch_size=args.batch_size,
                            lock_timeout=args.wait, task_runner=args.task_runner,
                            dask_address=args.dask_address, workers=args.workers)
    paths = [Path(p) for p in args.paths] or [settings.seeds_dir]
    missing = [str(p) for p in paths if not os.path.lexists(p)]
    if missing:
        _err(f"input path does not exist: {', '.join(missing)}")
        return None
    undecodable = [shown for p in paths if (shown := text_path(str(p))) != str(p)]
    if undecodable:  # it could not be stored or passed to Prefect; a folder holding it can
        _err(f"input path is not valid UTF-8: {', '.join(undecodable)} (rename it, or pass its folder)")
        return None
    return settings, paths


def _check_db(db: Path) -> None:
    """NotADatabase for a --db that is a folder, empty, damaged or not DuckDB, before Prefect starts."""
    from warehouse.loader import DatabaseBusy, check_database_file, connect

    check_database_file(db)
    if os.path.lexists(db):
        try:
            connect(db, read_only=True).close()  # a cut-short file fails here, unchanged
        except DatabaseBusy:  # a run is loading: the run lock will say so
            pass


def _release_frames(exc: BaseException) -> None:
    """Drop the locals of the frames a failure's tracebacks hold (Prefect keeps the exception in
    the run's state). They hold DuckDB connections and relations, which DuckDB's bindings
    (nanobind) would report as ~40 lines of "leaked instance" at exit."""
    import traceback

    seen: set[int] = set()
    todo = [exc]
    while todo:
        e = todo.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        if e.__traceback__ is not None:
            traceback.clear_frames(e.__traceback__)
        todo += [e.__cause__, e.__context__]


def _committed(db: Path, run_id: str) -> bool:
    """Whether ``run_id`` reached 'success' in ``db`` (False when that cannot be read)."""
    from warehouse.loader import connect

    try:
        con = connect(db, read_only=True, timeout=5)
        try:
            row = con.execute("select status from pipeline_runs where run_id = ?", [run_id]).fetchone()
        finally:
            con.close()
    except Exception:  # noqa: BLE001 - unknown means "not known to be committed"
        return False
    return bool(row) and row[0] == "success"


def cmd_run(args: argparse.Namespace) -> int:
    inputs = _run_inputs(args)
    if inputs is None:
        return EXIT_USAGE
    settings, paths = inputs
    _check_db(settings.db)
    console = _console()
    shown = ", ".join(str(p) for p in paths)
    console.print(f"[bold]newsclaims run[/] {_esc(shown)} -> {_esc(settings.db)}", highlight=False)
    # nothing to read: record the run without importing or starting Prefect (flows/noop.py)
    from flows.noop import try_noop_run
    from warehouse.loader import DatabaseBusy, RunLocked

    try:
        summary = try_noop_run(paths, settings)
    except (RunLocked, DatabaseBusy) as exc:
        _err(str(exc))
        return EXIT_BUSY
    if summary is not None:
        console.print("task runner: none (nothing to read; Prefect not started)", highlight=False)
        print_summary(console, summary)
        return EXIT_OK
    from flows.procwatch import reap_leftovers, start_watchdog

    reap_leftovers(settings.db)  # children of an earlier run that was killed with its watchdog
    start_watchdog(settings.db)  # this run's children end with it, however it ends
    _quiet_prefect(args.verbose)
    from flows.ingest import StrictModeFailure, ingest_articles, new_run_id
    from flows.runners import (PrefectUnavailable, bound_sigterm, check_prefect, describe_task_runner,
                               resolve_task_runner, shared_prefect_api, task_runner_for)

    settings = resolve_task_runner(settings, [str(p) for p in paths])
    console.print(f"task runner: {describe_task_runner(settings)}", highlight=False)
    flow_fn = ingest_articles.with_options(task_runner=task_runner_for(settings))
    run_id = new_run_id()
    # SIGTERM (a scheduler's timeout) exits through SystemExit, so atexit stops Prefect's
    # temporary server; Python's default would leave that server process running.
    # Inside the flow Prefect's own handler comes first and the run is recorded as failed.
    try:  # bounded: a Prefect API that never answers, a damaged PREFECT_HOME: one clear line
        check_prefect(settings)
    except PrefectUnavailable as exc:
        _err(f"run not started: {exc}")
        return EXIT_FAILED
    signal.signal(signal.SIGTERM, _on_sigterm)
    bound_sigterm(True)  # the flow's own SIGTERM handler arms the same bound
    progress = "off" if args.no_progress else ("bar" if console.is_terminal else "lines")
    try:
        with shared_prefect_api(settings):
            try:
                summary = flow_fn([str(p) for p in paths], settings, run_id=run_id, progress=progress)
            finally:
                _drain_prefect()  # while the run's server still answers (process/dask runners stop it)
    except (RunLocked, DatabaseBusy) as exc:
        _err(str(exc))
        return EXIT_BUSY
    except StrictModeFailure as exc:
        _err(f"{exc}; nothing was committed")
        return EXIT_FAILED
    except Exception as exc:  # the flow recorded it in pipeline_runs
        _release_frames(exc)
        if _committed(settings.db, run_id):  # Prefect (or the summary) failed after the commit
            print(f"newsclaims: warning: run {run_id} was committed (see `newsclaims status`), but failed "
                  f"after the commit: {type(exc).__name__}: {exc}", file=sys.stderr)
            return EXIT_OK
        _err(f"run failed, nothing was committed: {type(exc).__name__}: {exc}")
        return EXIT_FAILED
    try:
        print_summary(console, summary)
    except Exception as exc:  # the run is committed: say so, whatever went wrong in printing
        _err(f"run {summary.run_id} committed, but its summary could not be printed: {type(exc).__name__}: {exc}")
    return EXIT_OK


def _drain_prefect(timeout: float = 15.0) -> None:
    """Send the run's queued log lines and events to the Prefect API now.

    With the process or Dask runner the run's temporary server stops when the
    run ends (flows/runners.py); log lines still queued then would be retried at
    exit against a server that is gone, and the process would not exit.
    """
    try:
        from prefect.events.worker import EventsWorker
        from prefect.logging.handlers import APILogWorker

        for worker in (APILogWorker, EventsWorker):
            worker.drain_all(timeout=timeout, at_exit=False)
    except Exception:  # observability must not fail or hang a finished run
        pass


def _esc(value) -> str:
    """A user string (path, file name, reason detail) as literal text for rich: `[bold]` stays `[bold]`."""
    from rich.markup import escape

    return escape(str(value))


def summary_lines(s) -> list[str]:
    """The summary's text lines (rich markup; every user string escaped), before the rows table."""
    from flows.summary import process_wall_seconds

    wall = s.wall_s if s.wall_s is not None else process_wall_seconds()
    timing = f"{s.duration_s:.1f} s" + (f" ({wall:.1f} s wall, start-up included)" if wall is not None else "")
    lines = [
        f"run [bold]{_esc(s.run_id)}[/] {s.status} in {timing}: "
        f"{s.files_seen} files seen = {s.files_new} new + {s.files_changed} changed + "
        f"{s.files_unchanged} unchanged + {s.files_duplicate} duplicate + {s.files_rejected} rejected + "
        f"{s.files_skipped} not articles (skipped)"
    ]
    for r in s.rejected[:20]:
        lines.append(f"  rejected {_esc(r['source_path'])}: {_esc(r['reason'])} ({_esc(r['detail'])})")
    if len(s.rejected) > 20:
        lines.append(f"  ... and {len(s.rejected) - 20} more (see table rejected_inputs)")
    if getattr(s, "nothing_ingested", False):
        lines.append(f"  nothing ingested: {s.files_seen} file(s) given, none holds an article "
                     "(formats: docs/FORMATS.md)")
    skipped = getattr(s, "skipped", []) or []
    for p in skipped[:5]:
        lines.append(f"  skipped {_esc(p)} (hidden file)")
    if len(skipped) > 5:
        lines.append(f"  ... and {len(skipped) - 5} more hidden files skipped")
    if s.rows_quarantined:
        detail = ", ".join(f"{_esc(k)}: {v}" for k, v in sorted(s.quarantined.items()))
        lines.append(f"  quarantined {s.rows_quarantined} rows ({detail}); see table quarantine")
    evaluated = s.row_counts.get("dq_results", 0)
    if evaluated and not s.expectations_failed:
        lines.append(f"  data quality: all {evaluated} expectations passed")
    if s.expectations_failed:
        lines.append(f"  {s.expectations_failed} of {evaluated} expectation(s) failed:")
        for name, n in sorted(s.failed_expectations.items()):
            lines.append(f"    {_esc(name)}: {n} rows")
    return lines


def print_summary(console, s) -> None:
    from rich.table import Table

    for line in summary_lines(s):
        console.print(line, highlight=False)
    table = Table(title="rows", show_edge=False)
    table.add_column("table")
    table.add_column("written this run", justify="right")
    table.add_column("total", justify="right")
    for name in sorted(set(s.table_totals) | set(s.row_counts)):
        table.add_row(name, str(s.row_counts.get(name, 0)), str(s.table_totals.get(name, "")))
    console.print(table)
    if s.stage_seconds:
        console.print("stage seconds: " + ", ".join(f"{k} {v:.1f}" for k, v in s.stage_seconds.items()),
                      highlight=False)
    if s.docs_path:
        console.print(f"data docs: {_esc(s.docs_path)}", highlight=False)


# ---------------------------------------------------------------- serve


def cmd_serve(args: argparse.Namespace) -> int:
    inputs = _run_inputs(args)
    if inputs is None:
        return EXIT_USAGE
    settings, paths = inputs
    from prefect.schedules import Cron

    try:
        Cron(args.cron)
    except ValueError as exc:
        _err(f"bad --cron {args.cron!r}: {exc}")
        return EXIT_USAGE
    _quiet_prefect(args.verbose)
    from flows.serve import NoPrefectServer, api_url, serve

    def ready() -> None:
        print(f"newsclaims serve: ingest_articles/{args.name} on {args.cron!r} "
              f"({', '.join(str(p) for p in paths)} -> {settings.db}); serving until Ctrl-C or SIGTERM. "
              f"Trigger a run now: prefect deployment run 'ingest_articles/{args.name}'", flush=True)

    from flows.runners import PrefectUnavailable, check_prefect_api

    try:
        if api_url():
            check_prefect_api(settings.prefect_api_timeout)
        stopped_by = serve(paths, settings, args.cron, name=args.name, timezone=args.timezone, on_ready=ready)
    except PrefectUnavailable as exc:
        _err(str(exc))
        return EXIT_FAILED
    except NoPrefectServer as exc:
        _err(str(exc))
        return EXIT_USAGE
    if stopped_by:
        print(f"newsclaims serve: stopped by {signal.Signals(stopped_by).name}; the schedule stays active "
              "on the server (a new `newsclaims serve` picks it up)", flush=True)
    return EXIT_OK


# ---------------------------------------------------------------- status / sql


def _read_only(db: Path):
    from warehouse.loader import connect

    return connect(db, read_only=True)


def cmd_status(args: argparse.Namespace) -> int:
    from flows.settings import get_settings

    import duckdb

    settings = get_settings(db=args.db)
    con = _read_only(settings.db)
    console = _console()
    try:
        con.execute("select 1 from pipeline_runs limit 0")
    except duckdb.CatalogException:
        con.close()
        _err(f"{settings.db} is a DuckDB database but holds no newsclaims runs (no table pipeline_runs): "
             "pass the right --db")
        return EXIT_USAGE
    runs = con.execute(
        "select run_id, status, strftime(started_at, '%Y-%m-%d %H:%M:%S'), round(duration_s, 1), "
        "files_seen, files_new, files_changed, files_rejected, rows_quarantined, error "
        "from pipeline_runs order by started_at desc limit ?", [args.limit]).fetchall()
    cols = ["run_id", "status", "started", "secs", "seen", "new", "changed", "rejected", "quarantined", "error"]
    shown = [(*r[:-1], _short(r[-1])) for r in runs]
    _print_rows(console, cols, shown, title=f"last runs of {_esc(settings.db)}")
    for r in runs:
        if r[-1]:  # the whole error of every failed or interrupted run, not only its status
            console.print(f"  {_esc(r[0])} {_esc(r[1])}: {_esc(r[-1])}", highlight=False)
    tables = [r[0] for r in con.execute(
        "select table_name from information_schema.tables where table_schema = 'main' "
        "and table_type = 'BASE TABLE' order by 1").fetchall()]
    counts = [(t, con.execute(f'select count(*) from "{t}"').fetchone()[0]) for t in tables]
    _print_rows(console, ["table", "rows"], counts, title="row counts")
    con.close()
    return EXIT_OK


def _short(text: str | None, n: int = 60) -> str | None:
    if not text:
        return None
    first = text.splitlines()[0]
    return first if len(first) <= n else first[: n - 1] + "…"


def _print_rows(console, columns, rows, title=None, fmt="table") -> None:
    if fmt == "json":
        print(json.dumps([dict(zip(columns, r)) for r in rows], default=str, indent=1))
        return
    if fmt == "csv":
        import csv

        w = csv.writer(sys.stdout)
        w.writerow(columns)
        w.writerows(rows)
        return
    from rich.table import Table

    from rich import box

    table = Table(title=title, show_lines=False, box=box.SIMPLE_HEAD)
    for c in columns:
        # a column is never narrower than its name: wide results wrap values, not headers
        table.add_column(_esc(c), overflow="fold", min_width=len(str(c)))
    for r in rows:
        table.add_row(*["NULL" if v is None else _esc(v) for v in r])
    console.print(table)


_SQL_QUERY_KINDS = {"SELECT", "EXPLAIN", "PRAGMA", "CALL"}  # duckdb StatementType names


def cmd_sql(args: argparse.Namespace) -> int:
    import duckdb

    from flows.settings import get_settings

    settings = get_settings(db=args.db)
    # A read-only connection protects the tables, not the files: COPY ... TO '<the
    # database file>' would overwrite the warehouse. So: queries only, no file access.
    try:
        kinds = {s.type.name for s in duckdb.extract_statements(args.query)}
    except duckdb.Error as exc:
        _err(f"SQL error: {exc}")
        return EXIT_USAGE
    if kinds - _SQL_QUERY_KINDS:
        _err(f"SQL error: newsclaims sql runs queries only ({', '.join(sorted(_SQL_QUERY_KINDS))}), "
             f"not {', '.join(sorted(kinds - _SQL_QUERY_KINDS))}")
        return EXIT_USAGE
    import threading

    from warehouse.loader import connect

    timeout = args.timeout if args.timeout is not None else settings.sql_timeout
    try:  # bounds: memory (DuckDB memory_limit) and time (interrupted after `timeout` seconds)
        con = connect(settings.db, read_only=True, timeout=args.wait or 0.0,
                      config={"memory_limit": settings.sql_memory_limit})
    except (duckdb.InvalidInputException, duckdb.ParserException) as exc:
        _err(f"bad NEWSCLAIMS_SQL_MEMORY_LIMIT {settings.sql_memory_limit!r}: {str(exc).splitlines()[0]}")
        return EXIT_USAGE
    con.execute("set enable_external_access = false")
    con.execute("set lock_configuration = true")
    timer = threading.Timer(timeout, con.interrupt)
    timer.daemon = True
    timer.start()
    results = []  # (columns, rows) of every statement, in order
    cut = []  # the statements whose output --limit cut (1-based)
    try:
        for statement in duckdb.extract_statements(args.query):
            cur = con.execute(statement)
            columns = [d[0] for d in cur.description] if cur.description else []
            rows = cur.fetchmany(args.limit + 1) if columns else []
            if len(rows) > args.limit:
                cut.append(len(results) + 1)
            results.append((columns, rows[:args.limit]))
    except duckdb.InterruptException:
        _err(f"SQL error: the query ran longer than {timeout:g} s and was stopped "
             "(--timeout SECONDS or NEWSCLAIMS_SQL_TIMEOUT allows more)")
        return EXIT_USAGE
    except duckdb.OutOfMemoryException as exc:
        _err(f"SQL error: the query needs more than the memory limit of {settings.sql_memory_limit} "
             f"(NEWSCLAIMS_SQL_MEMORY_LIMIT allows more): {str(exc).splitlines()[0]}")
        return EXIT_USAGE
    except duckdb.Error as exc:
        n = len(results) + 1
        _err(f"SQL error{f' in statement {n}' if len(duckdb.extract_statements(args.query)) > 1 else ''}: {exc}")
        return EXIT_USAGE
    finally:
        timer.cancel()
        con.close()
    print_results(_console(), results, args.format)
    for n in cut:  # on stderr, so csv/json output stays clean
        which = f" of statement {n}" if len(results) > 1 else ""
        print(f"newsclaims: output{which} cut at {args.limit:,} rows by --limit; the query returned more "
              "(raise --limit, or add LIMIT/aggregate in the query)", file=sys.stderr)
    return EXIT_OK


def print_results(console, results: list[tuple[list, list]], fmt: str) -> None:
    """Each statement's result: tables one after another (titled when several), CSV blocks separated by
    a blank line, JSON as one array (several statements: an array of arrays)."""
    if fmt == "json":
        data = [[dict(zip(cols, r)) for r in rows] for cols, rows in results]
        print(json.dumps(data[0] if len(data) == 1 else data, default=str, indent=1))
        return
    for i, (columns, rows) in enumerate(results, start=1):
        if fmt == "csv" and i > 1:
            print()
        if len(results) > 1 and fmt == "table":
            console.print(f"-- statement {i} of {len(results)}" + ("" if columns else ": no result"),
                          highlight=False)
        _print_rows(console, columns, rows, fmt=fmt)


# ---------------------------------------------------------------- eval


def cmd_eval(args: argparse.Namespace) -> int:
    from flows.settings import get_settings

    settings = get_settings(batch_size=args.batch_size)
    if not args.dir.is_dir():
        _err(f"not a folder: {args.dir}")
        return EXIT_USAGE
    from flows.timex_eval import is_timeml_gold

    if is_timeml_gold(args.dir):  # a TimeML gold folder (tempeval_tbaq): score the time expressions
        return cmd_eval_timex(argparse.Namespace(dir=args.dir, json=args.json, errors=None, keep_db=args.keep_db,
                                                 batch_size=args.batch_size, verbose=args.verbose))
    _quiet_prefect(args.verbose)
    from flows.evaluate import evaluate

    report = evaluate(args.dir, settings, with_seeds=args.with_seeds, keep_db=args.keep_db, errors=args.errors)
    rows = []
    for kind in ("killed", "injured"):
        r = report[kind]
        rows.append((f"{kind}: exact match, all articles", r["exact_match"], r["n"]))
        rows.append((f"{kind}: exact match, gold > 0", r["exact_match_gold_positive"], r["n_gold_positive"]))
        rows.append((f"{kind}: mean absolute error", r["mae"], r["n"]))
    rows.append(("event_date: exact match", report["event_date"]["exact_match"], report["event_date"]["n"]))
    ev = report["events"]
    rows.append((f"events: adjusted Rand index ({ev['n_events']} events, {ev['n_gold_incidents']} gold)",
                 ev["adjusted_rand_index"], ev["n"]))
    rows.append(("events: pair precision (same-event pairs that are one incident)", ev["pair_precision"],
                 ev["pairs_predicted"]))
    rows.append(("events: pair recall (same-incident pairs put in one event)", ev["pair_recall"],
                 ev["pairs_gold"]))
    city = report["city_in_gpe"]
    rows.append(("gold city among the article's GPE entities", city["recall"], city["n"]))
    rows.append(("  ... among articles whose text names the city", city["recall_where_text_names_city"],
                 city["n_text_names_city"]))
    _print_rows(_console(), ["metric", "value", "n"], rows, title=f"eval of {args.dir}")
    if args.errors:
        errs = [(e["file"], e["claim_type"], e["gold"], e["predicted"], e["surface"] or "", e["rule_id"] or "")
                for e in report["errors"]]
        _print_rows(_console(), ["file", "type", "gold", "predicted", "winning claim", "rule_id"], errs,
                    title=f"{len(errs)} figure(s) that differ from gold (docs/RULES.md explains each rule)")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, default=str))
        print(f"wrote {args.json}")
    return EXIT_OK


def cmd_eval_timex(args: argparse.Namespace) -> int:
    """Score date_mentions against a TimeML gold folder (tempeval_tbaq layout)."""
    from flows.settings import get_settings
    from flows.timex_eval import evaluate_timex, is_timeml_gold, report_rows

    if not args.dir.is_dir():
        _err(f"not a folder: {args.dir}")
        return EXIT_USAGE
    if not is_timeml_gold(args.dir):
        _err(f"{args.dir}/gold.csv is no TimeML gold (needs columns tid, char_start, char_end, value)")
        return EXIT_USAGE
    settings = get_settings(batch_size=args.batch_size)
    _quiet_prefect(args.verbose)
    report = evaluate_timex(args.dir, settings, keep_db=args.keep_db, errors_csv=args.errors)
    _print_rows(_console(), ["metric", "value", "n"], report_rows(report),
                title=f"time expressions of {args.dir} ({report['files']} files)")
    if args.json:
        report = {k: v for k, v in report.items() if k != "errors"}
        args.json.write_text(json.dumps(report, indent=2, default=str))
        print(f"wrote {args.json}")
    return EXIT_OK


# ---------------------------------------------------------------- export / report


def cmd_export(args: argparse.Namespace) -> int:
    from flows.export import ExportError, export_parquet
    from flows.settings import get_settings
    from warehouse.loader import DatabaseBusy

    settings = get_settings(db=args.db, export_dir=args.dir)
    try:
        result = export_parquet(settings.db, settings.export_dir, timeout=args.wait or 0.0)
    except DatabaseBusy as exc:
        _err(f"export not written, {exc} The previous export in {settings.export_dir} is unchanged.")
        return EXIT_BUSY
    except ExportError as exc:
        _err(str(exc))
        return EXIT_USAGE
    rows = [(r.name, r.kind, r.rows, r.path + ("  (by " + ", ".join(r.partition_by) + ")" if r.partition_by
                                               else "")) for r in result.relations]
    _print_rows(_console(), ["relation", "kind", "rows", "path"], rows,
                title=f"Parquet export of {settings.db}")
    n_views = sum(r.kind == "view" for r in result.relations)
    print(f"exported {len(result.relations) - n_views} tables and {n_views} views to {result.dest} "
          f"in {result.seconds:.1f} s; views over it: {result.dest / 'catalog.sql'}")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from flows.settings import get_settings
    from warehouse.loader import DatabaseBusy, backup

    settings = get_settings(db=args.db)
    try:
        result = backup(settings.db, args.dest, timeout=args.wait or 0.0)
    except DatabaseBusy as exc:
        _err(f"backup not written, {exc}")
        return EXIT_BUSY
    except FileExistsError as exc:
        _err(str(exc))
        return EXIT_USAGE
    rows = sum(result.tables.values())
    print(f"backed up {settings.db} to {result.path} ({len(result.tables)} tables, {rows:,} rows, "
          f"{result.path.stat().st_size / 1e6:.1f} MB, one file, no .wal) in {result.seconds:.1f} s")
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from flows.report import write_report
    from flows.settings import get_settings
    from warehouse.loader import DatabaseBusy

    settings = get_settings(db=args.db, report_file=args.out)
    try:
        result = write_report(settings.db, settings.report_file, max_events=args.max_events,
                              timeout=args.wait or 0.0)
    except DatabaseBusy as exc:
        _err(f"report not written, {exc}")
        return EXIT_BUSY
    print(f"wrote {result.path} ({result.size_bytes / 1e6:.1f} MB, {result.n_events} events, "
          f"{result.n_charts} charts; self-contained, opens offline)")
    return EXIT_OK


# ---------------------------------------------------------------- docs


def cmd_docs(args: argparse.Namespace) -> int:
    from flows.settings import get_settings

    settings = get_settings(db=args.db)
    if not settings.db.exists():
        _err(f"no database at {settings.db}: run `newsclaims run` first")
        return EXIT_USAGE
    from flows.validate import build_docs

    print(build_docs(settings.gx_dir))
    return EXIT_OK


# ---------------------------------------------------------------- parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("newsclaims")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown (not installed: run make setup)"


EXIT_CODES_HELP = ("exit codes: 0 ok, 1 the run failed (nothing committed), 2 bad usage or a missing path, "
                   "3 the database is busy (--wait queues), 143 stopped by SIGTERM")
DB_HELP = "DuckDB file (default warehouse/newsclaims.duckdb, or NEWSCLAIMS_DB)"


def build_parser() -> argparse.ArgumentParser:
    head, _, rest = __doc__.partition("\n\n")
    p = argparse.ArgumentParser(prog="newsclaims", description=head, epilog=rest,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser("run", help="ingest article files/folders as one Prefect flow run")
    run.add_argument("paths", nargs="*", help="files or folders (recursive); default seeds/")
    run.add_argument("--db", type=Path, help=DB_HELP)
    run.add_argument("--strict", action="store_true",
                     help="fail the run, committing nothing, on any rejected input or failed expectation")
    run.add_argument("--batch-size", type=int, help="articles per extraction task (default 200)")
    run.add_argument("--wait", type=float, metavar="SECONDS",
                     help="wait this long for another run's lock instead of failing at once")
    run.add_argument("--task-runner", choices=["auto", "thread", "process", "dask"],
                     help="Prefect task runner (default auto: one process for small runs, a process pool "
                          "on every core for large ones)")
    run.add_argument("--workers", type=int,
                     help="parallel extraction tasks (default: 1 thread; one process/Dask worker per core)")
    run.add_argument("--dask-address", help="tcp://host:port of an existing Dask scheduler")
    run.add_argument("--no-progress", action="store_true", help="no progress bar")
    run.add_argument("-v", "--verbose", action="store_true", help="show Prefect's log lines")
    run.set_defaults(func=cmd_run)

    sv = sub.add_parser("serve", help="serve the run as a Prefect deployment on a cron schedule "
                                      "(needs a Prefect server: docs/SCHEDULING.md)")
    sv.add_argument("paths", nargs="*", help="files or folders (recursive); default seeds/")
    sv.add_argument("--cron", required=True, help='cron schedule, e.g. "*/15 * * * *"')
    sv.add_argument("--timezone", help="time zone of the cron schedule, e.g. Europe/Berlin (default UTC)")
    sv.add_argument("--name", default="newsclaims-scheduled", help="deployment name")
    sv.add_argument("--db", type=Path, help=DB_HELP)
    sv.add_argument("--strict", action="store_true", help="fail a run on any rejected input or failed expectation")
    sv.add_argument("--batch-size", type=int, help="articles per extraction task (default 200)")
    sv.add_argument("--wait", type=float, metavar="SECONDS", help="wait this long for another run's lock")
    sv.add_argument("--task-runner", choices=["auto", "thread", "process", "dask"],
                    help="task runner of each scheduled run (auto: threads, as scheduled runs are incremental)")
    sv.add_argument("--workers", type=int, help="parallel extraction tasks")
    sv.add_argument("--dask-address", help="tcp://host:port of an existing Dask scheduler")
    sv.add_argument("-v", "--verbose", action="store_true", help="show Prefect's log lines")
    sv.set_defaults(func=cmd_serve)

    st = sub.add_parser("status", help="last runs (with the error of a failed one) and row counts")
    st.add_argument("--db", type=Path, help=DB_HELP)
    st.add_argument("--limit", type=int, default=10, help="runs shown (default 10)")
    st.set_defaults(func=cmd_status)

    sq = sub.add_parser("sql", help="run SQL queries (several: separated by ';') on a read-only connection "
                                     "(no file access) and print each result")
    sq.add_argument("query", help="one or more statements separated by ';' (each result is printed)")
    sq.add_argument("--db", type=Path, help=DB_HELP)
    sq.add_argument("--format", choices=["table", "csv", "json"], default="table", help="output format (default table)")
    sq.add_argument("--limit", type=int, default=10_000,
                    help="rows printed at most per statement (a note on stderr says when the output was cut)")
    sq.add_argument("--timeout", type=float, metavar="SECONDS",
                    help="stop the query after this long (default NEWSCLAIMS_SQL_TIMEOUT, 60)")
    sq.add_argument("--wait", type=float, metavar="SECONDS", help="wait this long while a run holds the db")
    sq.set_defaults(func=cmd_sql)

    ev = sub.add_parser("eval", help="run the pipeline on DIR (articles + gold.csv) and score it")
    ev.add_argument("dir", type=Path, help="folder of articles with a gold.csv")
    ev.add_argument("--json", type=Path, metavar="FILE", help="also write the metrics as JSON")
    ev.add_argument("--with-seeds", action="store_true",
                    help="add seeds/ as one more incident (for the clustering score)")
    ev.add_argument("--keep-db", type=Path, metavar="FILE", help="keep the evaluation database here")
    ev.add_argument("--errors", action="store_true",
                    help="also list every article whose killed/injured figure differs from gold, with the "
                         "winning claim's surface and rule_id")
    ev.add_argument("--batch-size", type=int, help="articles per extraction task (default 200)")
    ev.add_argument("-v", "--verbose", action="store_true", help="show Prefect's log lines")
    ev.set_defaults(func=cmd_eval)

    et = sub.add_parser("eval-timex", help="run the pipeline on DIR (articles + TimeML gold.csv) and score "
                                           "its time expressions, TempEval-3 style")
    et.add_argument("dir", type=Path, help="a TimeML gold folder: articles + gold.csv of time expressions")
    et.add_argument("--json", type=Path, metavar="FILE", help="also write the measures as JSON")
    et.add_argument("--errors", type=Path, metavar="FILE", help="write one row per error here (CSV)")
    et.add_argument("--keep-db", type=Path, metavar="FILE", help="keep the evaluation database here")
    et.add_argument("--batch-size", type=int, help="articles per extraction task (default 200)")
    et.add_argument("-v", "--verbose", action="store_true", help="show Prefect's log lines")
    et.set_defaults(func=cmd_eval_timex)

    ex = sub.add_parser("export", help="write every table and view as Parquet, atomically (read-only on the db)")
    ex.add_argument("dir", type=Path, nargs="?", help="export folder (default warehouse/export)")
    ex.add_argument("--format", choices=["parquet"], default="parquet", help="file format (parquet)")
    ex.add_argument("--db", type=Path, help=DB_HELP)
    ex.add_argument("--wait", type=float, metavar="SECONDS", help="wait this long while a run holds the db")
    ex.set_defaults(func=cmd_export)

    bk = sub.add_parser("backup", help="write a consistent single-file copy of the database "
                                       "(with what its .wal holds); never overwrites")
    bk.add_argument("dest", type=Path, help="new file, or a folder (the copy is named after the db and time)")
    bk.add_argument("--db", type=Path, help=DB_HELP)
    bk.add_argument("--wait", type=float, metavar="SECONDS", help="wait this long while a run holds the db")
    bk.set_defaults(func=cmd_backup)

    rp = sub.add_parser("report", help="write a self-contained HTML dashboard (timelines, consensus, data quality)")
    rp.add_argument("--out", type=Path, metavar="FILE", help="HTML file (default reports/newsclaims-report.html)")
    rp.add_argument("--db", type=Path, help=DB_HELP)
    rp.add_argument("--max-events", type=int, default=20, metavar="N", help="events shown, largest first")
    rp.add_argument("--wait", type=float, metavar="SECONDS", help="wait this long while a run holds the db")
    rp.set_defaults(func=cmd_report)

    dd = sub.add_parser("docs", help="rebuild the Great Expectations Data Docs site and print its path")
    dd.add_argument("--db", type=Path, help="the database whose data-quality results to render")
    dd.set_defaults(func=cmd_docs)
    for sp in sub.choices.values():  # every command's --help ends with the exit codes
        sp.epilog, sp.formatter_class = EXIT_CODES_HELP, argparse.RawDescriptionHelpFormatter
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # `newsclaims sql ... | head`: the reader left, which is fine
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except FileNotFoundError as exc:
        _err(str(exc))
        return EXIT_USAGE
    except Exception as exc:
        from warehouse.loader import DatabaseBusy, RunLocked

        if isinstance(exc, (DatabaseBusy, RunLocked)):
            _err(str(exc))
            return EXIT_BUSY
        from warehouse.loader import NotADatabase

        if isinstance(exc, NotADatabase):
            _err(str(exc))
            return EXIT_USAGE
        raise


if __name__ == "__main__":
    sys.exit(main())
