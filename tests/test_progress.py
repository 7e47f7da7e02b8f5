"""Progress per article: the task-side ticks, the flow-side lines with rate and ETA."""

from __future__ import annotations

import io

import pytest

from flows import progress


@pytest.mark.parametrize("done, total, elapsed, text", [
    (0, 300, 5.0, "0/300 files (0%)"),  # no rate before anything is done
    (120, 300, 24.0, "120/300 files (40%), 5.0 files/s, ETA 36 s"),
    (30, 3000, 60.0, "30/3000 files (1%), 0.5 files/s, ETA 99 min 00 s"),
    (5, 5, 2.0, "5/5 files (100%), 2.5 files/s, ETA 0 s"),
])
def test_progress_line_states_count_rate_and_eta(done, total, elapsed, text):
    assert progress.describe(done, total, elapsed) == text


def test_lines_mode_sums_running_ticks_and_finished_batches(tmp_path, monkeypatch):
    folder = tmp_path / "progress"
    monkeypatch.setattr(progress, "TICK_EVERY", 0.0)
    tick_a, tick_b = progress.ticker(folder / "00000"), progress.ticker(folder / "00001")
    out = io.StringIO()
    logged = []

    class Log:
        def info(self, line):
            logged.append(line)

    with progress.RunProgress("lines", 10, folder, log=Log(), interval=3600, stream=out) as p:
        tick_a(3)
        tick_b(2)
        p.poll()
        assert p.done == 5 and out.getvalue() == ""  # not yet time for a line
        p.batch_done("00000", 6)  # the finished batch counts all its files, not its ticks
        assert p.done == 8
        p.poll(force_line=True)
    assert out.getvalue().startswith("progress: 8/10 files (80%), ") and "ETA" in out.getvalue()
    assert logged == [out.getvalue().strip()]


def test_a_tick_that_cannot_write_is_ignored(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    progress.ticker(blocker / "sub" / "00000")(1)  # parent is a file: OSError swallowed
