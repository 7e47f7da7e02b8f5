"""Where the extraction tasks run: the Prefect task runner chosen by Settings.

- ``thread``: one process (a thread pool of ``workers``, default 1).
- ``process``: a pool of ``workers`` processes (default: one per core).
- ``dask``: prefect-dask; a LocalCluster of ``workers`` processes, or the
  scheduler at ``dask_address``.
- ``auto`` (the default): ``resolve_task_runner`` picks thread or process from
  the number of files the run will read.

``shared_prefect_api`` makes worker processes report to the run's Prefect API:
without a configured server each process that runs a task would start its own
temporary server (about 220 MB and several CPU seconds each).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from pathlib import Path
from typing import Iterator

from flows.settings import Settings


def workers(settings: Settings) -> int:
    """Parallel extraction tasks: the setting, else 1 thread or one process per core."""
    if settings.workers:
        return settings.workers
    return 1 if settings.task_runner in ("thread", "auto") else (os.cpu_count() or 1)


def task_runner_for(settings: Settings):
    """The Prefect task runner the settings name ('auto' unresolved means threads)."""
    from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner

    if settings.task_runner == "process":
        return ProcessPoolTaskRunner(max_workers=workers(settings))
    if settings.task_runner == "dask":
        from prefect_dask import DaskTaskRunner

        if settings.dask_address:
            return DaskTaskRunner(address=settings.dask_address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": workers(settings), "threads_per_worker": 1,
                                              "processes": True, "dashboard_address": None})
    return ThreadPoolTaskRunner(max_workers=workers(settings))


def files_to_read(paths: list[str], settings: Settings) -> int:
    """How many files a run over ``paths`` would read now: listed, and new or changed by stat.

    An estimate for choosing the task runner before the flow starts (the flow
    plans again under the run lock); without a readable database, every file.
    """
    from flows.reader import list_inputs
    from transforms.incremental import unchanged_by_stat
    from warehouse import loader

    listing = list_inputs([Path(p) for p in paths], settings.article_suffixes,
                          follow_outside_links=settings.follow_outside_links)
    if not settings.db.exists():
        return listing.files.height
    try:
        con = loader.connect(settings.db, read_only=True)
        try:
            ledger = loader.read_frame(con, "select * from source_files")  # as the flow reads it
        finally:
            con.close()
    except Exception:  # busy, or an old/foreign file: the flow will say so
        return listing.files.height
    return int((~unchanged_by_stat(listing.files, ledger)).sum())


def resolve_task_runner(settings: Settings, paths: list[str]) -> Settings:
    """'auto' -> 'thread' or 'process'.

    A process pool pays a few seconds per worker to start (Python, Prefect and
    spaCy load again in each) and wins on longer runs: it is chosen when the
    files to read make more batches than there are cores (with 2 cores and 200
    files per batch: 600 files and more); a small or incremental run stays in
    one process.
    """
    if settings.task_runner != "auto":
        return settings
    cores = os.cpu_count() or 1
    batches = -(-files_to_read(paths, settings) // settings.batch_size)
    if cores > 1 and batches > cores:
        return settings.model_copy(update={"task_runner": "process", "workers": settings.workers or cores})
    return settings.model_copy(update={"task_runner": "thread", "workers": settings.workers or 1})


def describe_task_runner(settings: Settings) -> str:
    if settings.task_runner == "dask" and settings.dask_address:
        return f"dask at {settings.dask_address}"
    n = workers(settings)
    unit = {"process": "process", "dask": "Dask worker"}.get(settings.task_runner, "thread")
    plural = "es" if unit == "process" else "s"
    return f"{settings.task_runner} ({n} {unit}{plural if n != 1 else ''})"


@contextlib.contextmanager
def shared_prefect_api(settings: Settings) -> Iterator[None]:
    """One temporary Prefect server for the run and every worker process it starts.

    Does nothing when PREFECT_API_URL names a server, or when the tasks run in
    this process (threads). Otherwise starts Prefect's temporary server here and
    puts its URL in this process's settings and environment, which the process
    pool and a LocalCluster's workers inherit. (Workers of a remote Dask
    cluster cannot reach it: give both sides a real server's PREFECT_API_URL.)
    """
    from prefect.settings import PREFECT_API_URL, temporary_settings

    if PREFECT_API_URL.value() or settings.task_runner not in ("process", "dask"):
        yield
        return
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()  # the one this process's client would start (a singleton)
    started_here = not server.running
    server.start()
    before = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = server.api_url
    try:
        with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
            yield
    finally:
        if before is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = before
        if started_here:
            server.stop()


# ---------------------------------------------------------------- SIGTERM ends the process

SIGTERM_GRACE_S = 10.0  # after SIGTERM: time to record the failure and stop Prefect's server
_bound = {"on": False}


def hard_exit(code: int) -> None:
    """End the process even when a thread is blocked in the kernel (a read of a FIFO): Python's
    shutdown and Prefect's task runner would wait for it forever. Runs the exit hooks (they stop
    Prefect's temporary server) for at most SIGTERM_GRACE_S, then leaves without joining threads."""
    import atexit

    hooks = threading.Thread(target=atexit._run_exitfuncs, daemon=True)
    hooks.start()
    hooks.join(SIGTERM_GRACE_S)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)


def arm_hard_exit(code: int, grace: float = SIGTERM_GRACE_S) -> None:
    """``hard_exit(code)`` in ``grace`` seconds unless the process has ended by then."""
    timer = threading.Timer(grace, hard_exit, [code])
    timer.daemon = True
    timer.start()


def bound_sigterm(enable: bool | None = None) -> None:
    """Inside the flow (main thread): SIGTERM arms ``arm_hard_exit`` before Prefect's handler runs.

    Prefect's handler records the run as failed, then waits for the task runner's
    threads; a thread blocked for good would keep the process alive after that.
    ``bound_sigterm(True)`` is the CLI's opt-in (a long-lived process such as
    `serve`'s runs leaves Prefect's handling alone); a call without argument
    wraps the handler in place when opted in.
    """
    if enable is not None:
        _bound["on"] = enable
        return
    if not _bound["on"] or threading.current_thread() is not threading.main_thread():
        return
    prev = signal.getsignal(signal.SIGTERM)
    if not callable(prev) or getattr(prev, "_newsclaims_bound", False):
        return

    def handler(signum, frame):
        arm_hard_exit(128 + signum)
        prev(signum, frame)

    handler._newsclaims_bound = True
    with contextlib.suppress(ValueError):
        signal.signal(signal.SIGTERM, handler)


# ---------------------------------------------------------------- Prefect reachable, its home usable


class PrefectUnavailable(RuntimeError):
    """Prefect's API does not answer, or its home folder / database cannot be used (one clear line)."""


def check_prefect_api(timeout: float) -> None:
    """With PREFECT_API_URL set: its /health must answer within ``timeout`` seconds.

    A server that accepts connections and never answers would otherwise keep a
    run silent for ever (Prefect's client waits and retries).
    """
    from prefect.settings import PREFECT_API_URL

    url = PREFECT_API_URL.value()
    if not url:
        return
    import httpx

    where = f"the Prefect API at {url} (PREFECT_API_URL)"
    advice = "check that server, or unset PREFECT_API_URL to let the run start a temporary one"
    try:
        response = httpx.get(url.rstrip("/") + "/health", timeout=timeout)
    except httpx.TimeoutException:
        raise PrefectUnavailable(f"{where} did not answer within {timeout:g} s "
                                 f"(NEWSCLAIMS_PREFECT_API_TIMEOUT); {advice}") from None
    except httpx.HTTPError as exc:
        raise PrefectUnavailable(f"cannot reach {where}: {exc}; {advice}") from None
    if response.status_code != 200:
        raise PrefectUnavailable(f"{where} answered HTTP {response.status_code} to /health; {advice}")


def _sqlite_path(url: str) -> Path | None:
    for prefix in ("sqlite+aiosqlite:///", "sqlite:///"):
        if url.startswith(prefix):
            rest = url[len(prefix):].split("?", 1)[0]
            return None if rest in ("", ":memory:") else Path(rest)
    return None


def check_prefect_home() -> None:
    """Without PREFECT_API_URL (a temporary server): PREFECT_HOME writable, its prefect.db readable.

    Otherwise the temporary server fails to start with hundreds of lines of
    tracebacks and "Timed out ... ephemeral Prefect API server", on every run.
    """
    import sqlite3
    import tempfile

    from prefect.settings import PREFECT_API_URL, PREFECT_HOME, get_current_settings

    if PREFECT_API_URL.value():
        return
    home = Path(PREFECT_HOME.value()).expanduser()
    try:
        home.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=home, prefix=".newsclaims-probe-"):
            pass
    except OSError as exc:
        raise PrefectUnavailable(
            f"Prefect's home folder {home} (PREFECT_HOME) cannot be written: {exc.strerror or exc}. "
            "Point PREFECT_HOME at a writable folder, or set PREFECT_API_URL to a Prefect server") from None
    url = get_current_settings().server.database.connection_url
    db = _sqlite_path(url.get_secret_value() if hasattr(url, "get_secret_value") else str(url))
    if db is None or not db.exists():
        return
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            problem = con.execute("pragma quick_check(1)").fetchone()[0]
        finally:
            con.close()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc):
            return  # another process is writing it: alive, not damaged
        problem = str(exc)
    except sqlite3.DatabaseError as exc:
        problem = str(exc)
    if problem != "ok":
        raise PrefectUnavailable(
            f"Prefect's database {db} is damaged ({problem}). It holds only Prefect's own run history "
            f"(newsclaims keeps its records in the DuckDB file): move it away (mv {db} {db}.damaged) and "
            "run again, or point PREFECT_HOME at another folder")


def check_prefect(settings: Settings) -> None:
    """Both checks, before a run starts Prefect (PrefectUnavailable with one clear line)."""
    check_prefect_api(settings.prefect_api_timeout)
    check_prefect_home()
