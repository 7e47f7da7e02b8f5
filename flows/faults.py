"""Test-only fault injection: make a run pause, fail or crash at a named point.

NEVER set in production. ``NEWSCLAIMS_FAULT`` is read here and nowhere else;
the flow calls :func:`point` at a few places, which does nothing unless the
variable names that point. The crash, concurrency and retry tests use it to
stop a real ``newsclaims run`` exactly where they want (docs/RELIABILITY.md).

    NEWSCLAIMS_FAULT="POINT:ACTION[:ARG][,POINT:ACTION[:ARG]...]"

Points, in run order:

    open-run       the run row is written; the DuckDB write connection is still open
    extract        in each extraction task, files read, before spaCy and the parsers
    before-load    everything extracted and finalised; the database is not open
    before-commit  every row of the run written inside the load transaction, not committed
    after-commit   the load transaction committed; the connection not yet closed

Actions:

    mark           only print the marker line
    pause:SECONDS  print the marker, then sleep (a test kills the process meanwhile)
    hold:FILE      print the marker, then wait until FILE exists (at most 10 minutes)
    raise          raise InjectedFault (a RuntimeError: not retried)
    oserror:N      raise OSError(EIO) the first N times this process reaches the point
    fifo           open a FIFO nobody writes to: the thread blocks in the kernel for good
                   (as a read of an input file swapped for a FIFO would; signals cannot free it)

Every armed point prints ``newsclaims-fault: POINT pid=PID`` to stderr first,
so a test can wait for it.
"""

from __future__ import annotations

import errno
import os
import sys
import threading
import time
from pathlib import Path

ENV = "NEWSCLAIMS_FAULT"
POINTS = ("open-run", "extract", "before-load", "before-commit", "after-commit")
_HOLD_MAX_S = 600.0

_reached: dict[str, int] = {}
_lock = threading.Lock()


class InjectedFault(RuntimeError):
    """The failure NEWSCLAIMS_FAULT asked for."""


def _armed(name: str) -> tuple[str, str] | None:
    for entry in os.environ.get(ENV, "").split(","):
        where, _, rest = entry.strip().partition(":")
        if where == name:
            action, _, arg = rest.partition(":")
            return action, arg
    return None


def point(name: str) -> None:
    """Do what NEWSCLAIMS_FAULT asks at ``name`` (nothing when unset)."""
    assert name in POINTS, name
    armed = _armed(name)
    if armed is None:
        return
    action, arg = armed
    with _lock:
        _reached[name] = n = _reached.get(name, 0) + 1
    print(f"newsclaims-fault: {name} pid={os.getpid()}", file=sys.stderr, flush=True)
    if action == "mark":
        return
    if action == "pause":
        time.sleep(float(arg))
    elif action == "hold":
        deadline = time.monotonic() + _HOLD_MAX_S
        while not Path(arg).exists() and time.monotonic() < deadline:
            time.sleep(0.05)
    elif action == "fifo":
        import tempfile

        fifo = Path(tempfile.mkdtemp(prefix="newsclaims-fault-")) / "fifo"
        os.mkfifo(fifo)
        with open(fifo, "rb") as fh:  # blocks until a writer opens it: never
            fh.read()
    elif action == "raise":
        raise InjectedFault(f"injected fault at {name} ({ENV})")
    elif action == "oserror":
        if n <= int(arg or 1):
            raise OSError(errno.EIO, f"injected I/O error at {name} ({ENV}), time {n}")
    else:
        raise ValueError(f"{ENV}: unknown action {action!r} at {name}")
