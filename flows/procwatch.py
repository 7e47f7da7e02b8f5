"""Children die with the run: a watchdog process, and the next run reaps what a killed one left.

A `newsclaims run` starts child processes: Prefect's temporary API server
(~250 MB), and with the process runner the pool workers and multiprocessing's
resource tracker (~1 GB together). A SIGKILLed or OOM-killed run cannot stop them,
and the kernel re-parents them to init, where they live on.

- ``start_watchdog(db)`` (called by the CLI before Prefect starts) spawns
  ``python -m flows.procwatch PARENT_PID RECORD``: a small process (standard
  library only, ~10 MB) that every 0.5 s notes the run's descendants in RECORD
  (``<db>.procs-<pid>.json``: pid, start time, command line), and once the run's
  process is gone ends the ones still alive (SIGTERM, then SIGKILL after 3 s)
  and removes RECORD. It ignores SIGINT/SIGTERM so Ctrl-C or a group SIGTERM
  lets the run clean up first; SIGKILL ends it.
- ``reap_leftovers(db)`` (the next run, before it starts anything) reads the
  records of runs whose process and watchdog are both gone (both SIGKILLed)
  and ends what they list. A process is only ever signalled when its pid *and*
  its start time (``/proc/PID/stat`` field 22) match the record, so a reused
  pid is never touched.

Linux only (``/proc``); elsewhere both do nothing.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

POLL_S = 0.5
TERM_GRACE_S = 3.0
_PROC = Path("/proc")
_started: set[int] = set()


def start_time(pid: int) -> int | None:
    """The process's start time in clock ticks since boot (None when it is gone)."""
    try:
        stat = (_PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2:].split()  # after "pid (comm) "
    return int(fields[19])  # field 22 of the whole line


def _ppid(pid: int) -> int | None:
    try:
        stat = (_PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    return int(stat[stat.rindex(")") + 2:].split()[1])


def _cmdline(pid: int) -> str:
    try:
        return (_PROC / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace").strip()
    except OSError:
        return ""


def descendants(root: int) -> list[int]:
    """Every live descendant of ``root`` (children, their children, ...)."""
    children: dict[int, list[int]] = {}
    for entry in _PROC.iterdir():
        if entry.name.isdigit():
            ppid = _ppid(int(entry.name))
            if ppid is not None:
                children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def alive(pid: int, started: int | None) -> bool:
    """The same process (pid and start time) still runs (a zombie has ended: it only waits to be reaped)."""
    if started is None:
        return False
    try:
        stat = (_PROC / str(pid) / "stat").read_text()
    except OSError:
        return False
    fields = stat[stat.rindex(")") + 2:].split()
    return fields[0] not in ("Z", "X") and int(fields[19]) == started


def end_processes(procs: list[dict]) -> list[int]:
    """SIGTERM the recorded processes still alive, SIGKILL those left after TERM_GRACE_S."""
    live = [p for p in procs if alive(p["pid"], p["start"])]
    for p in live:
        _signal(p["pid"], signal.SIGTERM)
    deadline = time.monotonic() + TERM_GRACE_S
    while time.monotonic() < deadline and any(alive(p["pid"], p["start"]) for p in live):
        time.sleep(0.1)
    for p in live:
        if alive(p["pid"], p["start"]):
            _signal(p["pid"], signal.SIGKILL)
    return [p["pid"] for p in live]


def _signal(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def record_paths(db: Path) -> list[Path]:
    db = Path(db)
    return sorted(db.parent.glob(db.name + ".procs-*.json"))


def _write(record: Path, data: dict) -> None:
    tmp = record.with_name(record.name + ".tmp")
    tmp.write_text(json.dumps(data), encoding="utf-8")
    os.replace(tmp, record)


def watch(parent: int, record: Path) -> None:
    """The watchdog's loop (``python -m flows.procwatch PARENT RECORD``)."""
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_IGN)
    me = os.getpid()
    parent_start = start_time(parent)
    known: dict[int, dict] = {}
    written = None
    while alive(parent, parent_start):
        for pid in descendants(parent):
            if pid != me and pid not in known:
                started = start_time(pid)
                if started is not None:
                    known[pid] = {"pid": pid, "start": started, "cmd": _cmdline(pid)[:300]}
        known = {pid: p for pid, p in known.items() if alive(pid, p["start"])}
        data = {"parent": parent, "parent_start": parent_start, "watchdog": me,
                "watchdog_start": start_time(me), "children": sorted(known.values(), key=lambda p: p["pid"])}
        if data != written:
            try:
                _write(record, data)
                written = data
            except OSError:
                pass  # disk full: keep watching from memory
        time.sleep(POLL_S)
    # the run is gone: also whatever its children started meanwhile
    for p in list(known.values()):
        for pid in descendants(p["pid"]):
            started = start_time(pid)
            if pid != me and started is not None:
                known.setdefault(pid, {"pid": pid, "start": started, "cmd": ""})
    end_processes(list(known.values()))
    try:
        record.unlink()
    except OSError:
        pass


def start_watchdog(db: Path) -> subprocess.Popen | None:
    """Spawn the watchdog over this process, its record beside ``db`` (None off Linux or on error)."""
    if not _PROC.is_dir() or os.getpid() in _started:
        return None
    _started.add(os.getpid())  # one watchdog per process (it watches every child of it)
    db = Path(db)
    record = db.with_name(f"{db.name}.procs-{os.getpid()}.json")
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
        return subprocess.Popen([sys.executable, "-m", "flows.procwatch", str(os.getpid()), str(record)],
                                cwd=str(Path(__file__).resolve().parents[1]), stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, close_fds=True)
    except OSError:
        return None


def reap_leftovers(db: Path) -> list[int]:
    """End the children of earlier runs on ``db`` whose run and watchdog were both killed."""
    ended: list[int] = []
    for record in record_paths(db):
        try:
            data = json.loads(record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if alive(data.get("parent", -1), data.get("parent_start")) or \
                alive(data.get("watchdog", -1), data.get("watchdog_start")):
            continue  # that run (or its watchdog) is still there and looks after itself
        ended += end_processes(list(data.get("children", [])))
        try:
            record.unlink()
        except OSError:
            pass
    return ended


if __name__ == "__main__":
    watch(int(sys.argv[1]), Path(sys.argv[2]))
