"""Progress of a run's extraction, per article, with a rate and an ETA.

Extraction tasks run in threads, processes or Dask workers, so they report
through small files, not through memory: each task's ``tick(n)`` writes the
number of articles it has through spaCy to ``<run staging>/progress/<batch>``
(at most twice a second, atomically), and the flow polls these files while it
waits for tasks. A finished batch counts all its files.

Shown as (``mode``):

- ``bar``: a rich progress bar (the CLI on a terminal);
- ``lines``: a plain line every ``interval`` seconds (output piped to a log or cron
  mail): ``progress: 120/300 files (40%), 5.1 files/s, ETA 35 s``;
- ``off``: nothing on the terminal.

In every mode the same line goes to the Prefect run logger (the UI's run log) at
most every ``interval`` seconds.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Callable

TICK_EVERY = 0.5  # seconds between a task's progress-file writes


def ticker(path: str | Path | None) -> Callable[[int], None]:
    """A task's ``tick(n)``: n articles of its batch are through; throttled file writes."""
    if path is None:
        return lambda n: None
    path = Path(path)
    last = [0.0]

    def tick(n: int) -> None:
        now = time.monotonic()
        if now - last[0] < TICK_EVERY:
            return
        last[0] = now
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}")
            tmp.write_text(str(n))
            os.replace(tmp, path)
        except OSError:  # progress is a courtesy; never fail a task over it
            pass

    return tick


def read_ticks(folder: Path) -> dict[str, int]:
    out = {}
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return out
    for p in entries:
        if p.name.startswith("."):
            continue
        try:
            out[p.name] = int(p.read_text() or 0)
        except (OSError, ValueError):
            continue
    return out


def describe(done: int, total: int, elapsed: float) -> str:
    """``120/300 files (40%), 5.1 files/s, ETA 35 s`` (no rate or ETA before anything is done)."""
    pct = 100 * done / total if total else 100.0
    text = f"{done}/{total} files ({pct:.0f}%)"
    if done and elapsed > 0:
        rate = done / elapsed
        eta = (total - done) / rate if rate else 0
        text += f", {rate:.1f} files/s, ETA {_secs(eta)}"
    return text


def _secs(s: float) -> str:
    s = int(round(s))
    return f"{s} s" if s < 120 else f"{s // 60} min {s % 60:02d} s"


class RunProgress:
    """``with RunProgress(mode, total, folder, log) as p: ... p.batch_done(key, n); p.poll()``"""

    def __init__(self, mode: str | bool, total: int, folder: Path, log=None, interval: float = 10.0,
                 stream=None):
        if mode is True:
            mode = "bar"
        elif mode is False or mode is None:
            mode = "off"
        self.mode, self.total, self.folder, self.log = mode, total, Path(folder), log
        self.interval, self.stream = interval, stream or sys.stdout
        self.finished: dict[str, int] = {}
        self.started = time.monotonic()
        self._last_line = self.started
        self._bar = None
        self._task = None
        self.done = 0

    def __enter__(self) -> "RunProgress":
        if self.mode == "bar" and self.total:
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                                       TimeRemainingColumn)

            self._bar = Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                                 TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TimeRemainingColumn(),
                                 transient=False)
            self._bar.start()
            self._task = self._bar.add_task("extracting", total=self.total, rate="")
        return self

    def __exit__(self, *exc) -> bool:
        if self._bar is not None:
            self._bar.stop()
        return False

    def batch_done(self, key: str, n: int) -> None:
        self.finished[key] = n
        self.poll(force_line=False)

    def poll(self, force_line: bool = False) -> None:
        ticks = read_ticks(self.folder)
        ticks.update(self.finished)
        self.done = min(self.total, sum(ticks.values()))
        elapsed = time.monotonic() - self.started
        if self._bar is not None:
            rate = f"{self.done / elapsed:.1f}/s" if self.done and elapsed > 0 else ""
            self._bar.update(self._task, completed=self.done, rate=rate)
        now = time.monotonic()
        if force_line or now - self._last_line >= self.interval:
            self._last_line = now
            line = "progress: " + describe(self.done, self.total, elapsed)
            if self.mode == "lines":
                print(line, file=self.stream, flush=True)
            if self.log is not None:
                self.log.info(line)
