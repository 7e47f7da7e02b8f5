"""Concurrent runs and readers on one database file.

A run holds the run lock (``<db>.lock``) from start to end, but the DuckDB file
only at its start (the run row) and during the load. So: a second run is
refused (exit 3) or queues with --wait; `newsclaims sql` reads between the two
and says clearly, with exit 3, when the run holds the file; a reader that holds
the file makes the run wait for it. Nothing is ever half written.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time

import pytest

from tests.conftest import SEEDS, run_pipeline
from tests.runproc import Proc, assert_only_whole_runs, cli, corpus_files, prefect_api, q  # noqa: F401

pytestmark = pytest.mark.slow


@pytest.fixture
def seeded(tmp_path):
    """A database holding the seeds run, and a folder of 8 new articles."""
    db = tmp_path / "w.duckdb"
    assert run_pipeline([SEEDS], db).status == "success"
    inp = tmp_path / "input"
    inp.mkdir()
    for f in corpus_files(8):
        shutil.copy(f, inp / f.name)
    return db, inp


def _count(db, env) -> subprocess.CompletedProcess:
    return cli("sql", "select count(*) as n from articles", "--db", str(db), "--format", "csv", env=env)


class _Reader:
    """Another process with a read-only DuckDB connection open (an analyst's BI tool)."""

    def __init__(self, db, hold_s: float):
        self.proc = subprocess.Popen(
            [sys.executable, "-c",
             "import duckdb, sys, time; c = duckdb.connect(sys.argv[1], read_only=True); "
             "print('open', flush=True); time.sleep(float(sys.argv[2])); c.close(); print('closed', flush=True)",
             str(db), str(hold_s)], stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout.readline().strip() == "open"

    def closed_at(self) -> float:
        assert self.proc.stdout.readline().strip() == "closed"
        t = time.monotonic()
        self.proc.wait(30)
        return t


def test_second_run_is_refused_or_queued_and_sql_reads_between_the_writes(seeded, tmp_path, prefect_api):
    db, inp = seeded
    go_load, go_commit = tmp_path / "go-load", tmp_path / "go-commit"
    env = prefect_api
    first = Proc("run", str(inp), "--db", str(db), "--no-progress", env=env,
                 fault=f"extract:hold:{go_load},before-commit:hold:{go_commit}")
    queued = waiting = None
    try:
        # 1. the first run is extracting: it holds the run lock, not the database file
        first.wait_mark("extract")
        refused = cli("run", str(inp), "--db", str(db), "--no-progress", env=env)
        assert refused.returncode == 3, refused.stderr
        assert "another newsclaims run is using" in refused.stderr and f"pid {first.proc.pid}" in refused.stderr
        assert "--wait SECONDS" in refused.stderr and "Traceback" not in refused.stderr
        read = _count(db, env)
        assert (read.returncode, read.stdout.split()) == (0, ["n", "5"]), read.stderr
        assert cli("status", "--db", str(db), env=env).returncode == 0
        queued = Proc("run", str(inp), "--db", str(db), "--no-progress", "--wait", "300", env=env)

        # 2. the first run is loading: it holds the database file for writing
        go_load.touch()
        first.wait_mark("before-commit")
        busy = _count(db, env)
        assert busy.returncode == 3, busy.stderr
        assert f"cannot read {db}: another process is writing to it (held by" in busy.stderr
        assert f"PID {first.proc.pid})" in busy.stderr
        assert "Traceback" not in busy.stderr
        assert queued.proc.poll() is None  # still waiting for the run lock
        waiting = Proc("sql", "select count(*) as n from articles", "--db", str(db), "--format", "csv",
                       "--wait", "120", env=env)  # a reader that waits for the load instead

        go_commit.touch()
        assert waiting.wait() == 0, waiting.stderr
        assert waiting.stdout.split() == ["n", "13"]  # it read after the commit, all of it
        assert first.wait() == 0, first.stderr
        assert queued.wait() == 0, queued.stderr
    finally:
        for p in (first, queued, waiting):
            if p:
                p.cleanup()

    assert "= 8 new" in first.stdout and "= 0 new + 0 changed + 8 unchanged" in queued.stdout
    runs = q(db, "select status, started_at, finished_at from pipeline_runs order by started_at")
    assert [r[0] for r in runs] == ["success"] * 3  # seeds, first, queued; the refused run left no row
    assert runs[2][1] >= runs[1][2], "the queued run started before the first one finished"
    assert_only_whole_runs(db)
    assert q(db, "select count(*) from articles") == [(13,)]
    read = _count(db, env)
    assert read.stdout.split() == ["n", "13"]


def test_a_reader_holding_the_file_makes_the_run_wait_or_fail_clearly(seeded, tmp_path, prefect_api):
    db, inp = seeded
    env = prefect_api
    # a reader is open when the run starts: refused at once without --wait ...
    reader = _Reader(db, hold_s=60)
    try:
        refused = cli("run", str(inp), "--db", str(db), "--no-progress", env=env)
    finally:
        reader.proc.kill()
        reader.proc.wait()
    assert refused.returncode == 3, refused.stderr
    assert f"cannot write to {db}: another process has it open" in refused.stderr
    assert q(db, "select count(*) from pipeline_runs") == [(1,)]

    # ... and a reader that opens during extraction delays the load until it closes
    go = tmp_path / "go"
    run = Proc("run", str(inp), "--db", str(db), "--no-progress", env=env,
               fault=f"before-load:hold:{go},after-commit:mark")
    try:
        run.wait_mark("before-load")
        reader = _Reader(db, hold_s=3)
        go.touch()
        closed = reader.closed_at()
        assert run.wait() == 0, run.stderr
    finally:
        run.cleanup()
    assert run.mark_times["after-commit"] >= closed, "the load did not wait for the reader"
    assert q(db, "select status from pipeline_runs order by started_at") == [("success",), ("success",)]
    assert_only_whole_runs(db)
    assert q(db, "select count(*) from articles") == [(13,)]
