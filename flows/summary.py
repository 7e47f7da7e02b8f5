"""What a run reports: the RunSummary, filled by the flow (or the no-op path) and printed by the CLI.

Light on purpose (no Prefect, GX or spaCy import): the unchanged re-run path
(flows/noop.py) builds a summary without starting Prefect. The file counts come
from one place, transforms.outcomes.run_counts, so they always add up.
"""

from __future__ import annotations

import os
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime

import polars as pl

from transforms.outcomes import run_counts


@dataclass
class RunSummary:
    run_id: str
    db: str
    status: str = "running"
    files_seen: int = 0
    files_new: int = 0
    files_changed: int = 0
    files_unchanged: int = 0
    files_skipped: int = 0
    files_rejected: int = 0
    files_duplicate: int = 0
    rows_quarantined: int = 0
    expectations_failed: int = 0
    row_counts: dict[str, int] = field(default_factory=dict)
    table_totals: dict[str, int] = field(default_factory=dict)
    rejected: list[dict] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # the paths counted in files_skipped
    quarantined: dict[str, int] = field(default_factory=dict)
    failed_expectations: dict[str, int] = field(default_factory=dict)  # "suite.expectation" -> rows
    stage_seconds: dict[str, float] = field(default_factory=dict)
    duration_s: float = 0.0  # inside the run (the flow, or the no-op path)
    wall_s: float | None = None  # since the process started (Python, imports, Prefect start-up included)
    error: str | None = None
    docs_path: str | None = None
    prefect: bool = True  # False: an unchanged re-run recorded without starting Prefect
    nothing_ingested: bool = False  # files were given, none of them holds an article

    def run_fields(self) -> dict:
        keys = ("files_seen", "files_new", "files_changed", "files_unchanged", "files_skipped",
                "files_rejected", "files_duplicate", "rows_quarantined", "expectations_failed", "duration_s")
        return {k: getattr(self, k) for k in keys}

    def set_outcomes(self, outcomes: pl.DataFrame) -> None:
        """The file counts from the outcome of every input (transforms.outcomes)."""
        for k, v in run_counts(outcomes).items():
            setattr(self, k, v)
        self.skipped = outcomes.filter(pl.col("outcome") == "skipped")["source_path"].to_list()


def table_totals(con) -> dict[str, int]:
    """Rows per base table on an open DuckDB connection (the summary's "total" column)."""
    tables = [r[0] for r in con.execute(
        "select table_name from information_schema.tables where table_schema='main' "
        "and table_type='BASE TABLE' order by 1").fetchall()]
    return {t: con.execute(f'select count(*) from "{t}"').fetchone()[0] for t in tables}


class StrictModeFailure(RuntimeError):
    pass


def new_run_id() -> str:
    return f"{datetime.now():%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"


def process_wall_seconds() -> float | None:
    """Seconds since this process started (what a user's stopwatch shows for one command).

    Linux: uptime now minus the process's start in clock ticks since boot (10 ms
    resolution; psutil's create_time rounds the boot time to whole seconds).
    """
    try:
        with open("/proc/self/stat", "rb") as f:
            start_ticks = int(f.read().rsplit(b")", 1)[1].split()[19])
        with open("/proc/uptime", "rb") as f:
            uptime = float(f.read().split()[0])
        return max(0.0, uptime - start_ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError):
        try:
            import psutil

            return max(0.0, time.time() - psutil.Process(os.getpid()).create_time())
        except Exception:  # no process table to ask
            return None


def strict_failure(rejected: int, rejected_reasons: list[str], dq=None) -> str | None:
    """Why a --strict run must fail, or None: any rejected input, any failed expectation (data suites and
    the run-record suites alike: a run row whose counts do not add up fails a strict run)."""
    if rejected:
        return f"--strict: {rejected} input(s) rejected ({', '.join(sorted(set(rejected_reasons)))})"
    if dq is not None and dq.expectations_failed:
        return f"--strict: {dq.expectations_failed} expectation(s) failed: {dq.describe()}; see {dq.docs_path}"
    return None


def _md(value) -> str:
    """A user string as literal Markdown table/text content (pipes, backticks, brackets escaped)."""
    text = str(value).replace("\\", "\\\\")
    for ch in "|`*_[]<>#":
        text = text.replace(ch, "\\" + ch)
    return text.replace("\n", " ")


def summary_markdown(s: RunSummary) -> str:
    """The run as a Markdown artifact: what the Prefect UI shows for "what did the 03:00 run do"."""
    lines = [
        f"# newsclaims run {_md(s.run_id)}: {s.status}",
        "",
        f"Database {_md(s.db)}; {s.duration_s:.1f} s in the run."
        + (f" Error: {_md(s.error)}" if s.error else ""),
        "",
        "| files seen | new | changed | unchanged | duplicate | rejected | not articles |",
        "|---:|---:|---:|---:|---:|---:|---:|",
        f"| {s.files_seen} | {s.files_new} | {s.files_changed} | {s.files_unchanged} | {s.files_duplicate} "
        f"| {s.files_rejected} | {s.files_skipped} |",
        "",
        "## Rows",
        "",
        "| table | written this run | total |",
        "|---|---:|---:|",
    ]
    for name in sorted(set(s.table_totals) | set(s.row_counts)):
        lines.append(f"| {name} | {s.row_counts.get(name, 0)} | {s.table_totals.get(name, '')} |")
    evaluated = s.row_counts.get("dq_results", 0)
    lines += ["", "## Data quality", ""]
    if s.failed_expectations:
        lines += [f"{s.expectations_failed} of {evaluated} expectations failed:", "",
                  "| expectation | rows |", "|---|---:|"]
        lines += [f"| {_md(k)} | {v} |" for k, v in sorted(s.failed_expectations.items())]
    elif evaluated:
        lines.append(f"All {evaluated} expectations passed.")
    else:
        lines.append("Nothing validated (no new or changed input).")
    if s.rows_quarantined:
        lines += ["", f"Quarantined {s.rows_quarantined} rows: "
                  + ", ".join(f"{_md(k)} {v}" for k, v in sorted(s.quarantined.items()))]
    lines += ["", "## Rejected inputs", ""]
    if s.rejected:
        lines += ["| file | reason | detail |", "|---|---|---|"]
        lines += [f"| {_md(r['source_path'])} | {_md(r['reason'])} | {_md(r['detail'])} |" for r in s.rejected[:100]]
        if len(s.rejected) > 100:
            lines.append(f"... and {len(s.rejected) - 100} more (table rejected_inputs)")
    else:
        lines.append("None.")
    lines += ["", "## Data Docs", "", _md(s.docs_path) if s.docs_path else "Not rebuilt by this run."]
    return "\n".join(lines) + "\n"
