"""Reliability, round 2 (issue 14): odd --db files, bounded `sql`, the .wal and backups,
failure records that outlive a full disk or a reader, a scheduled run refused by a manual one.

Process and signal cases (SIGTERM with a blocked read, leaked children) are in tests/test_crash.py.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.conftest import SEEDS, run_pipeline
from tests.runproc import Proc, cli, prefect_api, q, snapshot  # noqa: F401
from warehouse import loader


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def small_db(tmp_path_factory) -> Path:
    """A newsclaims schema with no runs (enough for `sql` and `status`)."""
    db = tmp_path_factory.mktemp("small") / "w.duckdb"
    con = loader.connect(db)
    loader.ensure_schema(con)
    con.close()
    return db


# ---------------------------------------------------------------- 14.10 odd databases


def _odd(tmp_path: Path, kind: str, good: Path) -> Path:
    db = tmp_path / f"{kind}.duckdb"
    data = good.read_bytes()
    if kind == "truncated":
        db.write_bytes(data[: len(data) // 3])
    elif kind == "garbage":
        db.write_bytes(os.urandom(40_000))
    elif kind == "zero-filled":
        db.write_bytes(b"\0" * 300_000)
    elif kind == "empty":
        db.write_bytes(b"")
    elif kind == "folder":
        db.mkdir()
        (db / "keep.txt").write_text("mine")
    return db


ODD = [  # kind, what the one-line error says
    ("truncated", "cannot open"),
    ("garbage", "is not a DuckDB database (no DuckDB header)"),
    ("zero-filled", "is not a DuckDB database (no DuckDB header)"),
    ("empty", "is an empty file (0 bytes)"),
    ("folder", "is a folder, not a DuckDB database file"),
]


@pytest.mark.parametrize("command", ["status", "sql", "run", "backup"])
@pytest.mark.parametrize("kind, says", ODD, ids=[k for k, _ in ODD])
def test_an_odd_db_gives_one_clear_error_and_is_left_as_it_is(small_db, tmp_path, capsys, command, kind, says):
    from flows.cli import main

    db = _odd(tmp_path, kind, small_db)
    before = _digest(db) if db.is_file() else sorted(p.name for p in db.iterdir())
    argv = {"status": ["status"], "sql": ["sql", "select 1"], "run": ["run", str(SEEDS), "--no-progress"],
            "backup": ["backup", str(tmp_path / "copy.duckdb")]}[command]
    assert main([*argv, "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert says in err and err.count("\n") == 1 and "Traceback" not in err, err
    assert (_digest(db) if db.is_file() else sorted(p.name for p in db.iterdir())) == before
    assert not Path(str(db) + ".wal").exists()
    assert not (tmp_path / "copy.duckdb").exists()


def test_status_on_a_duckdb_file_that_is_not_ours_says_so(tmp_path, capsys):
    from flows.cli import main

    db = tmp_path / "other.duckdb"
    duckdb.connect(str(db)).execute("create table t as select 1 as x").close()
    assert main(["status", "--db", str(db)]) == 2
    assert "holds no newsclaims runs" in capsys.readouterr().err


# ---------------------------------------------------------------- 14.11 bounded sql


def test_sql_stops_a_query_at_its_time_limit(small_db):
    t0 = time.monotonic()
    done = cli("sql", "select sum(i) from range(1000000000000) t(i)", "--db", str(small_db), "--timeout", "1")
    took = time.monotonic() - t0
    assert done.returncode == 2, done.stderr
    assert "ran longer than 1 s and was stopped" in done.stderr
    assert took < 30  # python start-up included; unbounded it runs for hours


def test_sql_stops_a_query_at_its_memory_limit(small_db):
    done = cli("sql", "select list(i) as l from range(30000000) t(i)", "--db", str(small_db),
               env={"NEWSCLAIMS_SQL_MEMORY_LIMIT": "64MB"})
    assert done.returncode == 2, done.stderr
    assert "needs more than the memory limit of 64MB" in done.stderr
    assert done.stderr.count("\n") == 1, done.stderr


@pytest.mark.parametrize("n, limit, cut", [(25, 10, True), (10, 10, False), (9, 10, False)])
def test_sql_says_when_limit_cut_the_output(small_db, capsys, n, limit, cut):
    from flows.cli import main

    assert main(["sql", f"select i from range({n}) t(i)", "--db", str(small_db), "--format", "csv",
                 "--limit", str(limit)]) == 0
    out, err = capsys.readouterr()
    assert out.split() == ["i", *map(str, range(min(n, limit)))]
    assert (f"output cut at {limit:,} rows by --limit" in err) is cut, err


def test_a_bad_sql_memory_limit_is_one_clear_line(small_db, monkeypatch, capsys):
    from flows.cli import main

    monkeypatch.setenv("NEWSCLAIMS_SQL_MEMORY_LIMIT", "lots")
    assert main(["sql", "select 1", "--db", str(small_db)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("newsclaims: error: bad NEWSCLAIMS_SQL_MEMORY_LIMIT 'lots'") and err.count("\n") == 1, err


def test_sql_limits_are_settings_with_defaults(monkeypatch):
    from flows.settings import get_settings

    s = get_settings()
    assert (s.sql_memory_limit, s.sql_timeout) == ("2GB", 60.0)
    monkeypatch.setenv("NEWSCLAIMS_SQL_TIMEOUT", "5")
    monkeypatch.setenv("NEWSCLAIMS_SQL_MEMORY_LIMIT", "500MB")
    s = get_settings()
    assert (s.sql_memory_limit, s.sql_timeout) == ("500MB", 5.0)


# ---------------------------------------------------------------- 14.3 the .wal and backups


def _die_after_commit(db: Path, run_id: str) -> None:
    """Another process commits a row and is killed before any checkpoint: the row is only in <db>.wal."""
    code = ("import duckdb, os, sys; c = duckdb.connect(sys.argv[1]); "
            "c.execute(\"insert into pipeline_runs (run_id, started_at, status) values (?, now(), 'success')\", "
            "[sys.argv[2]]); os._exit(9)")
    assert subprocess.run([sys.executable, "-c", code, str(db), run_id]).returncode == 9


def test_backup_is_one_consistent_file_with_what_the_wal_holds(small_db, tmp_path, capsys):
    from flows.cli import main

    db = tmp_path / "w.duckdb"
    shutil.copy(small_db, db)
    _die_after_commit(db, "only-in-the-wal")
    assert Path(str(db) + ".wal").stat().st_size > 0
    plain = tmp_path / "plain.duckdb"
    shutil.copy(db, plain)  # what copying the .duckdb file alone gives: the run is missing
    assert q(plain, "select count(*) from pipeline_runs") == [(0,)]

    dest = tmp_path / "backups"
    dest.mkdir()
    assert main(["backup", str(dest), "--db", str(db)]) == 0, capsys.readouterr().err
    (made,) = list(dest.iterdir())
    assert made.name.startswith("w-") and made.suffix == ".duckdb"
    assert "one file, no .wal" in capsys.readouterr().out
    assert q(made, "select run_id from pipeline_runs") == [("only-in-the-wal",)]
    assert not Path(str(made) + ".wal").exists()
    views = "select view_name from duckdb_views() where not internal order by 1"
    assert q(made, views) == q(db, views) and len(q(made, views)) >= 5

    # never overwrites; refuses while a run writes (exit 3)
    assert main(["backup", str(made), "--db", str(db)]) == 2
    assert "never overwrites" in capsys.readouterr().err
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "print('ready', flush=True); time.sleep(60)", str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        assert main(["backup", str(tmp_path / "b2.duckdb"), "--db", str(db)]) == 3
        assert "backup not written" in capsys.readouterr().err
    finally:
        holder.kill()
        holder.wait()
    assert sorted(p.name for p in dest.iterdir()) == [made.name] and not (tmp_path / "b2.duckdb").exists()


@pytest.mark.slow
def test_a_run_checkpoints_so_the_duckdb_file_alone_holds_it(tmp_path):
    db = tmp_path / "w.duckdb"
    summary = run_pipeline([SEEDS], db)
    assert summary.status == "success"
    assert not Path(str(db) + ".wal").exists() or Path(str(db) + ".wal").stat().st_size == 0
    alone = tmp_path / "alone.duckdb"
    shutil.copy(db, alone)
    assert q(alone, "select run_id, status from pipeline_runs") == [(summary.run_id, "success")]
    assert q(alone, "select count(*) from articles") == [(5,)]


# ---------------------------------------------------------------- 14.9 failure records


def test_a_failure_that_cannot_go_into_the_database_is_applied_by_the_next_run(small_db, tmp_path):
    db = tmp_path / "w.duckdb"
    shutil.copy(small_db, db)
    con = loader.connect(db)
    loader.start_run(con, "died", [], False)
    loader.start_run(con, "failed-aside", [], False)
    con.close()
    assert loader.record_failure_aside(db, "failed-aside", "OSError: [Errno 28] No space left on device") == \
        Path(str(db) + ".failures.jsonl")
    assert loader.record_failure_aside(db, "refused", "RunLocked: another run", started=False)
    with open(Path(str(db) + ".failures.jsonl"), "a") as fh:
        fh.write('{"run_id": "cut-sho')  # the last line cut short by the full disk
    con = loader.connect(db)
    assert loader.apply_recorded_failures(con, db) == 2
    loader.mark_interrupted(con)
    rows = con.execute("select run_id, status, error from pipeline_runs order by run_id").fetchall()
    con.close()
    assert rows == [("died", "interrupted", "process ended before the run committed"),
                    ("failed-aside", "failed", "OSError: [Errno 28] No space left on device"),
                    ("refused", "failed", "RunLocked: another run")]
    assert not any(p.exists() for p in loader.failure_files(db))


def test_the_side_file_falls_back_to_the_temporary_folder(tmp_path):
    db = tmp_path / "ro" / "w.duckdb"  # its folder does not exist: nothing can be written beside it
    where = loader.record_failure_aside(db, "r1", "boom")
    try:
        assert where == loader.failure_files(db)[1] and where.parent == Path(__import__("tempfile").gettempdir())
        assert json.loads(where.read_text())["run_id"] == "r1"
    finally:
        where.unlink()


@pytest.mark.slow
def test_a_reader_at_load_time_fails_the_run_with_a_writers_message_and_no_interrupted(tmp_path, prefect_api):
    """The load waits NEWSCLAIMS_LOAD_WAIT for a reader, fails, cannot write its failure (the reader
    is still there) and records it aside; the next run marks it failed with that reason."""
    db = tmp_path / "w.duckdb"
    assert run_pipeline([SEEDS], db).status == "success"
    inp = tmp_path / "input"
    shutil.copytree(SEEDS, inp)
    (inp / "extra.txt").write_text((SEEDS / sorted(os.listdir(SEEDS))[0]).read_text() + "\nMore news.\n")
    go = tmp_path / "go"
    run = Proc("run", str(inp), "--db", str(db), "--no-progress", fault=f"before-load:hold:{go}",
               env={**prefect_api, "NEWSCLAIMS_LOAD_WAIT": "1"})
    reader = None
    try:
        run.wait_mark("before-load")
        reader = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; "
                                   "c = duckdb.connect(sys.argv[1], read_only=True); print('open', flush=True); "
                                   "time.sleep(120)", str(db)], stdout=subprocess.PIPE, text=True)
        assert reader.stdout.readline().strip() == "open"
        go.touch()
        assert run.wait(120) == 3, run.stderr  # busy, as a run refused at its start
    finally:
        run.cleanup()
        if reader:
            reader.kill()
            reader.wait()
    assert "cannot write to" in run.stderr and "another process has it open" in run.stderr
    assert "--wait SECONDS" in run.stderr and "retry in a moment" not in run.stderr
    assert Path(str(db) + ".failures.jsonl").exists()
    (killed,) = q(db, "select run_id, status from pipeline_runs where status <> 'success'")
    assert killed[1] == "running"  # what the database alone says before the next run
    assert run_pipeline([inp], db).status == "success"
    status, error = q(db, "select status, error from pipeline_runs where run_id = ?", [killed[0]])[0]
    assert status == "failed" and error.startswith("DatabaseBusy: cannot write to"), error
    assert not Path(str(db) + ".failures.jsonl").exists()


# ---------------------------------------------------------------- 14.13 a scheduled run refused by a manual one


@pytest.mark.slow
def test_a_scheduled_run_refused_by_the_run_lock_leaves_a_row_and_says_why(tmp_path, capfd):
    from flows.ingest import ingest_articles
    from flows.settings import get_settings

    db = tmp_path / "w.duckdb"
    settings = get_settings(db=db)
    with loader.run_lock(db, note="run manual-1"):  # a manual run is working
        with pytest.raises(loader.RunLocked):
            ingest_articles([str(SEEDS)], settings, run_id="sched-1", scheduled=True)
        with pytest.raises(loader.RunLocked):  # a manual run is refused as before: exit 3, no row
            ingest_articles([str(SEEDS)], settings, run_id="manual-2")
    err = capfd.readouterr().err
    assert "newsclaims: scheduled run sched-1 did not start: another newsclaims run is using" in err
    assert "manual-2" not in err
    rows = q(db, "select run_id, status, error like 'RunLocked: another newsclaims run is using%' from pipeline_runs")
    assert rows == [("sched-1", "failed", True)]


# ---------------------------------------------------------------- 14.10 a damaged GX folder is rebuilt


@pytest.fixture(scope="module")
def gx_template(tmp_path_factory) -> Path:
    from flows.validate import open_context

    root = tmp_path_factory.mktemp("gx-template") / "gx"
    open_context(root)
    return root


def _cut(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


DAMAGE = [  # file, how it is damaged
    ("great_expectations.yml", "cut"),
    ("great_expectations.yml", "schema"),  # valid YAML GX cannot use: the folder is set aside
    ("expectations/claims.json", "cut"),
    ("validation_definitions/events.json", "nul"),
    ("expectations/.ge_store_backend_id", "nul"),
    ("uncommitted/config_variables.yml", "nul"),
]


@pytest.mark.slow
@pytest.mark.parametrize("name, how", DAMAGE, ids=[f"{n}-{h}" for n, h in DAMAGE])
def test_a_damaged_file_in_the_gx_folder_is_rebuilt(gx_template, tmp_path, name, how):
    from flows import validate

    gx_dir = tmp_path / "gx"
    shutil.copytree(gx_template, gx_dir)
    target = gx_dir / name
    if how == "cut":
        _cut(target)
    elif how == "nul":
        target.write_bytes(b"\0" * 64)
    else:
        target.write_text("config_version: not-a-number\nstores: 7\n")
    ctx = validate.open_context(gx_dir)
    assert sorted(ctx.definitions) == sorted(m.TABLE for m in __import__("expectations").ALL_SUITES)
    suite = ctx.gx.suites.get("claims")
    assert len(suite.expectations) > 3  # written again from expectations/
    aside = list(tmp_path.glob("gx.damaged-*"))
    assert len(aside) == (1 if how == "schema" else 0)  # kept for a look, never deleted
    if how != "schema":
        from flows.gxrepair import repair_gx_dir

        assert repair_gx_dir(gx_dir) == []  # what was rebuilt parses


@pytest.mark.slow
def test_a_run_succeeds_on_a_gx_folder_with_a_damaged_project_file(gx_template, tmp_path):
    gx_dir = tmp_path / "gx"
    shutil.copytree(gx_template, gx_dir)
    _cut(gx_dir / "great_expectations.yml")
    summary = run_pipeline([SEEDS], tmp_path / "w.duckdb", gx_dir=gx_dir)
    assert summary.status == "success" and summary.expectations_failed == 0
    assert q(tmp_path / "w.duckdb", "select count(*) > 50 from dq_results") == [(True,)]


# ---------------------------------------------------------------- 14.10 PREFECT_HOME unusable


def test_the_test_session_has_a_prefect_home_of_its_own():
    """conftest gives a session without PREFECT_HOME a fresh one: two sessions on one machine (two CI
    clones) shared ~/.prefect's database and one's server stop cut the other's runs (stop 29)."""
    from prefect.settings import PREFECT_HOME

    home = Path(PREFECT_HOME.value()).expanduser().resolve()
    assert home != (Path.home() / ".prefect").resolve()
    assert home.is_dir()


@pytest.mark.slow
@pytest.mark.parametrize("case, says", [
    ("unwritable", "(PREFECT_HOME) cannot be written: Not a directory"),
    ("corrupt-db", "prefect.db is damaged (file is not a database)"),
])
def test_an_unusable_prefect_home_gives_one_clear_line(tmp_path, case, says):
    if case == "unwritable":
        (tmp_path / "file").write_text("x")
        home = tmp_path / "file" / "home"  # under a regular file: no one can create it, not even root
    else:
        home = tmp_path / "home"
        home.mkdir()
        (home / "prefect.db").write_bytes(os.urandom(100_000))
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    done = subprocess.run([sys.executable, "-m", "flows.cli", "run", str(SEEDS), "--db", str(tmp_path / "w.duckdb"),
                           "--no-progress"], cwd=Path(__file__).resolve().parents[1], capture_output=True, text=True,
                          timeout=120, env={**env, "PREFECT_HOME": str(home)})
    assert done.returncode == 1
    assert done.stderr.startswith("newsclaims: error: run not started: ") and says in done.stderr, done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    assert not (tmp_path / "w.duckdb").exists()


@pytest.mark.slow
def test_a_full_disk_fails_the_run_with_its_cause_and_the_next_run_does_the_work(tmp_path, prefect_api):
    """RLIMIT_FSIZE (writes past 256 KB fail, as on a full disk): the run fails, nothing is committed, its
    row says why (in the database, or through the side file when the database cannot take it) and is
    never taken for a death ('interrupted')."""
    db = tmp_path / "w.duckdb"
    assert run_pipeline([SEEDS], db).status == "success"
    inp = tmp_path / "input"
    shutil.copytree(SEEDS, inp)
    for f in __import__("tests.runproc", fromlist=["corpus_files"]).corpus_files(25):
        shutil.copy(f, inp / f.name)
    before = snapshot(db)
    run = Proc("run", str(inp), "--db", str(db), "--no-progress", env=prefect_api, max_file_bytes=256 * 1024)
    try:
        rc = run.wait(240)
    finally:
        run.cleanup()
    assert rc == 1, run.stderr
    assert "run failed, nothing was committed" in run.stderr and "File too large" in run.stderr
    assert snapshot(db) == before
    (failed_id,) = [r[0] for r in q(db, "select run_id from pipeline_runs where status <> 'success'")]
    assert run_pipeline([inp], db).status == "success"
    status, error = q(db, "select status, error from pipeline_runs where run_id = ?", [failed_id])[0]
    assert status == "failed" and "File too large" in error, error
    assert q(db, "select count(*) from articles") == [(30,)]


@pytest.mark.slow
def test_a_failure_after_the_commit_never_says_nothing_was_committed(tmp_path, monkeypatch, capsys):
    """Prefect's API failing after the load (seen with a full disk under PREFECT_HOME) used to print
    'run failed, nothing was committed' for a committed run, and the failure record overwrote 'success'."""
    import signal

    from flows import faults
    from flows.cli import main

    db = tmp_path / "w.duckdb"
    monkeypatch.setattr(faults, "_reached", {})
    monkeypatch.setenv("NEWSCLAIMS_FAULT", "after-commit:raise")
    sigterm = signal.getsignal(signal.SIGTERM)
    try:
        rc = main(["run", str(SEEDS), "--db", str(db), "--no-progress"])
    finally:
        signal.signal(signal.SIGTERM, sigterm)
        __import__("flows.runners", fromlist=["bound_sigterm"]).bound_sigterm(False)
    err = capsys.readouterr().err
    assert rc == 0, err
    assert "was committed (see `newsclaims status`), but failed after the commit: InjectedFault" in err
    assert "nothing was committed" not in err
    assert q(db, "select status, error from pipeline_runs") == [("success", None)]
    assert q(db, "select count(*) from articles") == [(5,)]


# ---------------------------------------------------------------- 14.13 noise


@pytest.mark.slow
def test_a_duckdb_error_in_a_run_prints_one_line_and_no_nanobind_leak_report(tmp_path, prefect_api):
    """A foreign DuckDB file whose pipeline_runs/articles clash with our schema: the error is one line
    (it used to be followed by ~40 lines of 'nanobind: leaked N instances')."""
    db = tmp_path / "w.duckdb"
    con = duckdb.connect(str(db))
    con.execute("create table pipeline_runs (x int)")
    con.execute("create view articles as select 1 as a")
    con.close()
    done = cli("run", str(SEEDS), "--db", str(db), "--no-progress", env=prefect_api)
    assert done.returncode == 1
    assert "run failed, nothing was committed: CatalogException" in done.stderr
    assert "nanobind" not in done.stderr and done.stderr.count("\n") == 1, done.stderr


@pytest.mark.parametrize("verbose, shown", [(False, False), (True, True)])
def test_prefects_events_worker_does_not_talk_at_exit_unless_verbose(verbose, shown):
    code = ("import logging, sys; from flows.cli import _quiet_prefect; _quiet_prefect(sys.argv[1] == '1'); "
            "from prefect.logging.configuration import setup_logging; setup_logging(); "
            "logging.getLogger('EventsWorker').warning('Still processing items: 5 items remaining...')")
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_LOGGING_LEVEL"}
    done = subprocess.run([sys.executable, "-c", code, "1" if verbose else "0"], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[1], env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert ("Still processing items" in done.stderr) is shown, done.stderr
