"""Helpers for tests that run `newsclaims` in a subprocess and stop it on purpose.

The subprocess is the real CLI (``python -m flows.cli`` from the repo root) in a
session of its own, so a test can kill its whole process group (Prefect starts
a temporary API server as a child). Fault points are armed with
NEWSCLAIMS_FAULT (flows/faults.py); the child prints
``newsclaims-fault: POINT pid=N`` on stderr when it reaches one.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from tests.conftest import ROOT

CORPUS = Path("/work/shared/corpora/gva_dev")
_MARK = re.compile(r"newsclaims-fault: (\S+) pid=(\d+)")


def corpus_files(n: int) -> list[Path]:
    """The first ``n`` gva_dev articles (copied at test time, never committed)."""
    files = sorted(p for p in CORPUS.glob("*.txt"))
    if len(files) < n:
        pytest.skip(f"needs {n} articles in {CORPUS}")
    return files[:n]


@pytest.fixture(scope="session")
def prefect_api() -> dict:
    """Env that points child runs at this test session's Prefect server.

    Without it every `newsclaims run` subprocess starts (and stops) a temporary
    Prefect server of its own, which costs 5-10 s each on a busy machine.
    """
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()  # the instance in-process flow runs of this session use
    server.start()
    return {"PREFECT_API_URL": server.api_url}


def child_env(extra: dict | None = None) -> dict:
    """The environment a user's shell would give the CLI (conftest's Prefect log levels removed)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PREFECT_LOGGING_LEVEL", "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL")}
    return {**env, **(extra or {})}


def cli(*args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run `newsclaims ARGS` to completion."""
    return subprocess.run([sys.executable, "-m", "flows.cli", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, env=child_env(env))


class Proc:
    """`newsclaims ARGS` running in the background; stderr is collected line by line."""

    def __init__(self, *args: str, fault: str = "", env: dict | None = None, max_file_bytes: int | None = None):
        """``max_file_bytes``: RLIMIT_FSIZE of the CLI process (writes past it fail as on a full disk)."""
        env = child_env({**(env or {}), "NEWSCLAIMS_FAULT": fault})
        self.started = time.monotonic()

        def limit() -> None:
            import resource

            resource.setrlimit(resource.RLIMIT_FSIZE, (max_file_bytes, max_file_bytes))

        self.proc = subprocess.Popen([sys.executable, "-m", "flows.cli", *args], cwd=ROOT, env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     errors="replace", start_new_session=True,
                                     preexec_fn=limit if max_file_bytes else None)
        self.err_lines: list[str] = []
        self.marks: list[str] = []
        self.mark_times: dict[str, float] = {}  # time.monotonic() when each point was reported
        self._cond = threading.Condition()
        self._out: list[str] = []
        threading.Thread(target=self._pump, args=(self.proc.stderr, self.err_lines), daemon=True).start()
        threading.Thread(target=self._pump, args=(self.proc.stdout, self._out), daemon=True).start()

    def _pump(self, stream, sink: list[str]) -> None:
        for line in stream:
            with self._cond:
                sink.append(line)
                m = _MARK.search(line)
                if m:
                    self.marks.append(m.group(1))
                    self.mark_times.setdefault(m.group(1), time.monotonic())
                self._cond.notify_all()
        with self._cond:
            self._cond.notify_all()

    def wait_mark(self, point: str, timeout: float = 240) -> None:
        """Block until the child reports reaching ``point`` (fails if it exits first)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while point not in self.marks:
                if self.proc.poll() is not None and point not in self.marks:
                    raise AssertionError(f"exited ({self.proc.returncode}) before {point}:\n{self.stderr}")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"{point} not reached in {timeout} s:\n{self.stderr}")
                self._cond.wait(min(left, 0.5))

    def kill(self, sig: int = signal.SIGKILL, group: bool = False) -> None:
        """Signal the CLI process only (as `kill PID` or the OOM killer would); ``group``: its whole group."""
        assert self.proc.poll() is None, "the run ended before it could be killed"
        if group:
            os.killpg(self.proc.pid, sig)
        else:
            self.proc.send_signal(sig)

    def group_pids(self) -> list[int]:
        """Live processes of the run's process group (the CLI, its watchdog and children)."""
        pids = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                fields = stat[stat.rindex(")") + 2:].split()
                if fields[0] != "Z" and int(fields[2]) == self.proc.pid:
                    pids.append(int(entry.name))
        return sorted(pids)

    def wait_group_gone(self, timeout: float = 20) -> list[int]:
        """Wait until no process of the group is left; the ones still there after ``timeout``."""
        deadline = time.monotonic() + timeout
        while (left := self.group_pids()) and time.monotonic() < deadline:
            time.sleep(0.2)
        return left

    def wait(self, timeout: float = 240) -> int:
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            raise

    def cleanup(self) -> None:
        """Whatever is left of the process group (e.g. an orphaned Prefect server) is ended."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(30)
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def group_alive(self) -> bool:
        try:
            os.killpg(self.proc.pid, 0)
            return True
        except ProcessLookupError:
            return False

    @property
    def stderr(self) -> str:
        with self._cond:
            return "".join(self.err_lines)

    @property
    def stdout(self) -> str:
        with self._cond:
            return "".join(self._out)


# ---------------------------------------------------------------- database checks

# Everything but pipeline_runs: the article-level and run-wide tables a run writes.
DATA_TABLES = ("articles", "date_mentions", "claims", "entities", "entity_mentions", "events",
               "source_files", "rejected_inputs")
# Columns that name the run or the clock, which differ between equal histories.
VOLATILE = {"run_id", "ingested_at", "rejected_at", "first_run_id", "last_run_id", "mtime_ns"}


def q(db: Path, sql: str, params=None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """The data a run history leaves, without run ids or timestamps (sorted rows per table)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table in DATA_TABLES:
            cols = [r[0] for r in con.execute(
                "select column_name from information_schema.columns where table_name = ? "
                "order by ordinal_position", [table]).fetchall() if r[0] not in VOLATILE]
            rows = con.execute(f"select {', '.join(cols)} from {table}").fetchall()
            out[table] = sorted(rows, key=repr)
        return out
    finally:
        con.close()


def assert_only_whole_runs(db: Path) -> None:
    """Every row belongs to a committed run; no orphans; no duplicate content."""
    ok = {r[0] for r in q(db, "select run_id from pipeline_runs where status = 'success'")}
    for table, col in (("articles", "run_id"), ("rejected_inputs", "run_id"), ("source_files", "last_run_id")):
        runs = {r[0] for r in q(db, f"select distinct {col} from {table}")}
        assert runs <= ok, f"{table} holds rows of runs that did not commit: {runs - ok}"
    for child in ("date_mentions", "claims", "entity_mentions"):
        orphans = q(db, f"select count(*) from {child} where article_id not in (select article_id from articles)")
        assert orphans == [(0,)], f"orphan {child}"
    assert q(db, "select count(*) - count(distinct content_sha256) from articles") == [(0,)]
    assert q(db, "select count(*) from source_files where status in ('article', 'duplicate') "
                 "and article_id not in (select article_id from articles)") == [(0,)]
    assert q(db, "select count(*) from articles where article_id not in "
                 "(select article_id from source_files where article_id is not null)") == [(0,)]


def copy_db(src: Path, dest: Path) -> Path:
    import shutil

    for suffix in ("", ".wal"):
        if Path(str(src) + suffix).exists():
            shutil.copy(str(src) + suffix, str(dest) + suffix)
    return dest
