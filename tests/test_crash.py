"""Crash safety: `newsclaims run` killed part-way leaves only whole earlier runs.

Each case starts a real run (subprocess) that adds 20 gva_dev articles and
changes one to a database holding an earlier run of 10, stops it at one point
(SIGKILL at the points listed, SIGTERM once), then checks that

- the database holds exactly the earlier run (or, killed after the commit,
  exactly the new one): no partial rows, no orphan claims or mentions;
- the killed run is recorded as 'running', then 'interrupted' by the next run
  (or 'failed' when SIGTERM let it say so);
- the next run completes and the result equals an uninterrupted history
  (same rows in every table, no duplicates).
"""

from __future__ import annotations

import os
import shutil
import signal
import time
from pathlib import Path

import pytest

from tests.conftest import SEEDS, run_pipeline
from tests.runproc import (Proc, assert_only_whole_runs, cli, copy_db, corpus_files, prefect_api, q,  # noqa: F401
                           snapshot)
from warehouse import loader

pytestmark = pytest.mark.slow

N_BASE, N_NEW = 10, 20


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    """base.duckdb: a first run; input/: its files (one changed) + N_NEW more; ref.duckdb: base + a clean run."""
    root = tmp_path_factory.mktemp("crash")
    files = corpus_files(N_BASE + N_NEW)
    inp = root / "input"
    inp.mkdir()
    for f in files[:N_BASE]:
        shutil.copy(f, inp / f.name)
    base = root / "base.duckdb"
    assert run_pipeline([inp], base).status == "success"
    for f in files[N_BASE:]:
        shutil.copy(f, inp / f.name)
    changed = inp / files[0].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\nPolice said the investigation continues.\n",
                       encoding="utf-8")
    ref = copy_db(base, root / "ref.duckdb")
    summary = run_pipeline([inp], ref)
    assert (summary.status, summary.files_new, summary.files_changed) == ("success", N_NEW, 1)
    return {"input": inp, "base": base, "ref": ref, "base_snap": snapshot(base), "ref_snap": snapshot(ref)}


# (case id, signal, NEWSCLAIMS_FAULT, point to wait for, seconds after it, database state it must leave,
#  status of the killed run once the next run has started)
KILLS = [
    ("during-extraction", signal.SIGKILL, "extract:mark,before-load:mark", "extract", 0.2, "base", "interrupted"),
    ("run-row-written", signal.SIGKILL, "open-run:pause:300", "open-run", 0, "base", "interrupted"),
    ("load-before-commit", signal.SIGKILL, "before-commit:pause:300", "before-commit", 0, "base", "interrupted"),
    ("load-after-commit", signal.SIGKILL, "after-commit:pause:300", "after-commit", 0, "ref", "success"),
    ("sigterm-in-load", signal.SIGTERM, "before-commit:pause:300", "before-commit", 0, "base", "failed"),
]


@pytest.mark.parametrize("case,sig,fault,point,delay,leaves,final_status", KILLS, ids=[k[0] for k in KILLS])
def test_killed_run_leaves_whole_runs_and_the_next_run_completes(history, prefect_api, tmp_path, case, sig, fault,
                                                                 point, delay, leaves, final_status):
    db = copy_db(history["base"], tmp_path / "w.duckdb")
    base_runs = q(db, "select run_id from pipeline_runs")
    # the SIGTERM case starts Prefect's temporary server of its own, to show it is stopped
    env = {} if sig == signal.SIGTERM else prefect_api
    run = Proc("run", str(history["input"]), "--db", str(db), "--no-progress", fault=fault, env=env)
    try:
        run.wait_mark(point)
        time.sleep(delay)
        if case == "during-extraction":
            assert "before-load" not in run.marks, "extraction finished before the kill: use more files"
        if case == "load-after-commit":
            assert Path(str(db) + ".wal").exists()  # killed before the checkpoint: the run is in the .wal
        run.kill(sig)  # the CLI process only, as `kill -9 PID` or the OOM killer
        rc = run.wait()
        assert rc == (-signal.SIGKILL if sig == signal.SIGKILL else 128 + signal.SIGTERM), run.stderr
        # no process of the killed run is left (its watchdog ends them, then itself)
        assert run.wait_group_gone() == [], "processes of the killed run are still running"
    finally:
        run.cleanup()

    # 1. what the crash left: exactly one whole history, never a mix
    if case == "load-after-commit":  # `newsclaims backup` takes what the .wal holds into one file
        backup = loader.backup(db, tmp_path / "backup.duckdb").path
        assert not Path(str(backup) + ".wal").exists()
        assert snapshot(backup) == history["ref_snap"]
    assert_only_whole_runs(db)
    assert snapshot(db) == history[f"{leaves}_snap"]
    killed = q(db, "select run_id, status, error from pipeline_runs where run_id not in (select unnest(?))",
               [[r[0] for r in base_runs]])
    assert len(killed) == 1, killed
    killed_id, status, error = killed[0]
    if sig == signal.SIGTERM:
        assert (status, error) == ("failed", "TerminationSignal: signal 15")
        # Prefect's temporary server was stopped (wait_group_gone above: nothing of the group is left)
    else:
        assert status == ("success" if leaves == "ref" else "running")

    # 2. the next run closes the killed one out and completes; nothing lost, nothing twice
    again = run_pipeline([history["input"]], db)
    assert again.status == "success"
    expect_new = 0 if leaves == "ref" else N_NEW
    assert (again.files_new, again.files_duplicate) == (expect_new, 0)
    assert q(db, "select status from pipeline_runs where run_id = ?", [killed_id]) == [(final_status,)]
    assert_only_whole_runs(db)
    assert snapshot(db) == history["ref_snap"]
    assert q(db, "select count(*) from articles") == [(N_BASE + N_NEW,)]


# ---------------------------------------------------------------- processes of a run (issue 14.5, 14.6)


def _pids_alive(pids) -> list[int]:
    from flows.procwatch import start_time

    return [p for p in pids if start_time(p) is not None]


def test_sigterm_ends_the_run_even_when_a_read_thread_is_blocked_for_good(history, tmp_path):
    """A read stuck in the kernel (a FIFO nobody writes to) used to keep the process alive after
    SIGTERM recorded `failed`; now it exits 143 within the grace period, with its Prefect server."""
    db = copy_db(history["base"], tmp_path / "w.duckdb")
    run = Proc("run", str(history["input"]), "--db", str(db), "--no-progress", fault="extract:fifo")
    try:
        run.wait_mark("extract")
        time.sleep(0.5)  # the extraction thread is now inside open() of the FIFO
        children = [p for p in run.group_pids() if p != run.proc.pid]
        assert children, "expected Prefect's temporary server and the watchdog"
        t0 = time.monotonic()
        run.kill(signal.SIGTERM)
        assert run.wait(60) == 128 + signal.SIGTERM, run.stderr
        assert time.monotonic() - t0 < 40
        assert run.wait_group_gone() == []
    finally:
        run.cleanup()
    assert q(db, "select status, error from pipeline_runs order by started_at desc limit 1") == \
        [("failed", "TerminationSignal: signal 15")]


def test_sigkill_leaves_no_server_pool_worker_or_resource_tracker(history, tmp_path):
    """The process runner's pool workers, multiprocessing's resource tracker and Prefect's temporary
    server end within seconds of a SIGKILL of the run (its watchdog)."""
    db = copy_db(history["base"], tmp_path / "w.duckdb")
    run = Proc("run", str(history["input"]), "--db", str(db), "--no-progress", "--task-runner", "process",
               "--workers", "1", fault="extract:pause:300")
    try:
        run.wait_mark("extract")
        cmds = {p: Path(f"/proc/{p}/cmdline").read_bytes() for p in run.group_pids() if p != run.proc.pid}
        kinds = {k for k, needle in (("server", b"uvicorn"), ("tracker", b"resource_tracker"),
                                     ("worker", b"spawn_main"), ("watchdog", b"flows.procwatch"))
                 if any(needle in c for c in cmds.values())}
        assert kinds == {"server", "tracker", "worker", "watchdog"}, cmds
        run.kill(signal.SIGKILL)
        assert run.wait() == -signal.SIGKILL
        assert run.wait_group_gone() == [], "processes of the killed run are still running"
    finally:
        run.cleanup()
    assert not list(tmp_path.glob("w.duckdb.procs-*.json"))


def test_the_next_run_reaps_what_a_run_killed_with_its_watchdog_left(tmp_path, prefect_api):
    """Both the run and its watchdog SIGKILLed: Prefect's temporary server lives on, until the next run."""
    db = tmp_path / "w.duckdb"
    inp = tmp_path / "input"
    shutil.copytree(SEEDS, inp)
    run = Proc("run", str(inp), "--db", str(db), "--no-progress", fault="extract:pause:300")
    try:
        run.wait_mark("extract")
        (record,) = tmp_path.glob("w.duckdb.procs-*.json")
        deadline = time.monotonic() + 10
        while "uvicorn" not in record.read_text() and time.monotonic() < deadline:
            time.sleep(0.2)
        watchdog = [p for p in run.group_pids() if b"flows.procwatch" in Path(f"/proc/{p}/cmdline").read_bytes()]
        left = [p for p in run.group_pids() if p != run.proc.pid and p not in watchdog]
        assert len(watchdog) == 1 and left, run.group_pids()
        os.kill(watchdog[0], signal.SIGKILL)
        run.kill(signal.SIGKILL)
        run.wait()
        time.sleep(1)
        assert _pids_alive(left) == left, "the orphaned server should still be running"
        again = cli("run", str(inp), "--db", str(db), "--no-progress", env=prefect_api)
        assert again.returncode == 0, again.stderr
        assert _pids_alive(left) == []
        assert not record.exists()
    finally:
        run.cleanup()


def test_a_prefect_api_that_never_answers_gives_a_bounded_wait_and_a_clear_error(tmp_path):
    import socket

    sink = socket.socket()
    sink.bind(("127.0.0.1", 0))
    sink.listen(16)  # accepts (the kernel does) and never answers
    try:
        t0 = time.monotonic()
        done = cli("run", str(SEEDS), "--db", str(tmp_path / "w.duckdb"), "--no-progress", timeout=90,
                   env={"PREFECT_API_URL": f"http://127.0.0.1:{sink.getsockname()[1]}/api",
                        "NEWSCLAIMS_PREFECT_API_TIMEOUT": "2"})
        took = time.monotonic() - t0
    finally:
        sink.close()
    assert done.returncode == 1, done.stderr
    assert "did not answer within 2 s (NEWSCLAIMS_PREFECT_API_TIMEOUT)" in done.stderr
    assert done.stderr.count("\n") == 1 and took < 60, done.stderr
    assert not (tmp_path / "w.duckdb").exists()


# ---------------------------------------------------------------- transient failures (in-process)


def _arm(monkeypatch, spec: str):
    from flows import faults

    monkeypatch.setattr(faults, "_reached", {})
    monkeypatch.setenv("NEWSCLAIMS_FAULT", spec)
    return faults


@pytest.fixture
def loaded(seeds_copy, tmp_path):
    """A database with the seeds run, and one new article in the input folder."""
    db = tmp_path / "w.duckdb"
    assert run_pipeline([seeds_copy], db).status == "success"
    shutil.copy(corpus_files(1)[0], seeds_copy / "new.txt")
    return db, seeds_copy, snapshot(db)


def test_an_oserror_in_extraction_is_retried_and_the_run_succeeds(loaded, monkeypatch):
    db, inp, _ = loaded
    faults = _arm(monkeypatch, "extract:oserror:1")
    summary = run_pipeline([inp], db)
    assert summary.status == "success" and summary.files_new == 1
    assert faults._reached["extract"] == 2  # failed once, retried once
    assert q(db, "select count(*) from articles") == [(6,)]


@pytest.mark.parametrize("spec, point, error, attempts", [
    ("extract:oserror:9", "extract", "OSError: [Errno 5] injected I/O error at extract (NEWSCLAIMS_FAULT), time 3", 3),
    ("extract:raise", "extract", "InjectedFault: injected fault at extract (NEWSCLAIMS_FAULT)", 1),
    ("before-commit:raise", "before-commit", "InjectedFault: injected fault at before-commit (NEWSCLAIMS_FAULT)", 1),
])
def test_a_failed_batch_or_load_fails_the_run_cleanly(loaded, monkeypatch, spec, point, error, attempts):
    """Retries only for OSError (3 attempts), none otherwise; the reason lands in pipeline_runs; nothing commits."""
    db, inp, before = loaded
    faults = _arm(monkeypatch, spec)
    with pytest.raises((OSError, faults.InjectedFault)):
        run_pipeline([inp], db)
    assert faults._reached[point] == attempts
    assert q(db, "select status, error from pipeline_runs order by started_at desc limit 1") == [("failed", error)]
    assert snapshot(db) == before
    assert_only_whole_runs(db)
    monkeypatch.delenv("NEWSCLAIMS_FAULT")
    assert run_pipeline([inp], db).files_new == 1  # and the next run does the work


def test_a_failed_run_exits_1_and_says_nothing_was_committed(loaded, monkeypatch, capsys):
    from flows.cli import main

    db, inp, before = loaded
    _arm(monkeypatch, "before-commit:raise")
    sigterm = signal.getsignal(signal.SIGTERM)
    try:
        rc = main(["run", str(inp), "--db", str(db), "--no-progress"])
    finally:
        signal.signal(signal.SIGTERM, sigterm)  # the CLI installs its own
    assert rc == 1
    assert "run failed, nothing was committed: InjectedFault: injected fault at before-commit" in \
        capsys.readouterr().err
    assert snapshot(db) == before


def test_a_transient_read_error_loses_nothing(loaded, monkeypatch):
    """A file that fails to open is rejected once, then read by the next run although its stat is the same."""
    import builtins
    import errno

    import flows.reader

    db, inp, _ = loaded
    new = str(inp / "new.txt")

    def flaky_open(path, *args, **kwargs):
        if str(path) == new:
            raise OSError(errno.EIO, "Input/output error")
        return builtins.open(path, *args, **kwargs)

    monkeypatch.setattr(flows.reader, "open", flaky_open, raising=False)
    first = run_pipeline([inp], db)
    assert first.rejected == [{"source_path": new, "reason": "unreadable_file", "detail": "Input/output error (EIO)"}]
    still = run_pipeline([inp], db)  # still failing: tried again, not reported twice
    assert (still.files_rejected, still.files_unchanged) == (0, 6)
    monkeypatch.undo()
    healed = run_pipeline([inp], db)
    assert healed.files_changed == 1
    assert q(db, "select status from source_files where source_path = ?", [new]) == [("article",)]
    assert q(db, "select count(*) from articles") == [(6,)]
