"""The command line as a user meets it: summaries with user strings printed literally, the no-op
re-run without Prefect, help, --version, exit codes, `sql` with several statements, wide tables."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT, SEEDS, query


def cli(*args: str, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "flows.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          env=full_env, timeout=timeout)


@pytest.mark.slow
def test_rich_markup_in_file_names_is_printed_literally_after_a_real_run(tmp_path):
    """`[/]` in a path used to crash the summary after the commit (exit 1, 'nothing committed')."""
    inp = tmp_path / "odd["  # with the file below: the path holds `[/]`
    inp.mkdir()
    shutil.copy(sorted(SEEDS.glob("*.txt"))[0], inp / "]closing.txt")
    (inp / "[bold]loud.txt").write_bytes(b"")  # rejected (empty_file): its name is printed
    (inp / "[red]notes.md").write_text("not an article")
    db = tmp_path / "w.duckdb"
    done = cli("run", str(inp), "--db", str(db), env={"NEWSCLAIMS_PROGRESS_INTERVAL": "0.2"})
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "progress: 2/2 files (100%), " in out  # piped: progress as plain lines, the last at the end
    assert f"rejected {inp}/[bold]loud.txt: empty_file" in out
    assert f"not an article: {inp}/[red]notes.md" in out
    assert f"newsclaims run {inp}" in out
    assert query(db, "select status, files_seen, files_new, files_rejected, files_skipped from pipeline_runs") == \
        [("success", 3, 1, 1, 1)]
    assert query(db, "select source_path from articles") == [(str(inp / "]closing.txt"),)]


@pytest.mark.slow
def test_an_unchanged_rerun_is_recorded_fast_without_prefect(tmp_path):
    db = tmp_path / "w.duckdb"
    first = cli("run", str(SEEDS), "--db", str(db), "--no-progress")
    assert first.returncode == 0, first.stderr
    assert "Prefect not started" not in first.stdout
    walls = []
    for _ in range(3):
        t0 = time.monotonic()
        again = cli("run", str(SEEDS), "--db", str(db), "--no-progress")
        walls.append(time.monotonic() - t0)
        assert again.returncode == 0, again.stderr
        assert "task runner: none (nothing to read; Prefect not started)" in again.stdout
        assert "5 files seen = 0 new + 0 changed + 5 unchanged" in again.stdout
    runs = query(db, "select status, files_seen, files_unchanged, flow_run_id is null from pipeline_runs "
                     "order by started_at")
    assert runs[0][:3] == ("success", 5, 0) and runs[0][3] is False  # the first run is a Prefect flow run
    assert runs[1:] == [("success", 5, 5, True)] * 3
    assert min(walls) <= 3.0, walls  # best of 3 (the bar); typically under 1 s here

    # a changed file is not a no-op: the flow runs (and a later unchanged run is fast again)
    inp = tmp_path / "in"
    shutil.copytree(SEEDS, inp)
    assert cli("run", str(inp), "--db", str(db), "--no-progress", env={"NEWSCLAIMS_FAST_NOOP": "false"}) \
        .returncode == 0
    assert query(db, "select count(*) from pipeline_runs where flow_run_id is null") == [(3,)]


def test_the_noop_path_imports_no_prefect_spacy_or_gx():
    code = ("import sys; from flows import noop, cli; "
            "print(sorted(m for m in ('prefect', 'spacy', 'great_expectations') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "[]", done.stderr
