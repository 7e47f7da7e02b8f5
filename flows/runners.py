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
