"""Prefect-native observability: a real run's log lines and its summary artifact, read back through
Prefect's client (what the UI shows for "what did the 03:00 run do")."""

from __future__ import annotations

import shutil
import time

import pytest

from tests.conftest import SEEDS, query, run_pipeline

pytestmark = pytest.mark.slow


def test_a_run_leaves_its_summary_as_an_artifact_and_its_log_in_prefect(tmp_path):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (ArtifactFilter, ArtifactFilterFlowRunId, LogFilter,
                                                LogFilterFlowRunId)

    inp = tmp_path / "in"
    inp.mkdir()
    shutil.copy(sorted(SEEDS.glob("*.txt"))[0], inp / "a.txt")
    (inp / "empty | odd.txt").write_bytes(b"")
    db = tmp_path / "w.duckdb"
    summary = run_pipeline([inp], db)  # run logs at INFO, as the CLI keeps them (tests/conftest.py)
    assert summary.status == "success"
    (flow_run_id,) = query(db, "select flow_run_id from pipeline_runs")[0]
    assert flow_run_id

    with get_client(sync_client=True) as client:
        arts = client.read_artifacts(artifact_filter=ArtifactFilter(
            flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id])))
        by_key = {a.key: a for a in arts}
        assert set(by_key) == {"newsclaims-run", "newsclaims-run-rows"}
        md = by_key["newsclaims-run"].data
        assert f"# newsclaims run {summary.run_id}: success" in md
        assert "| 2 | 1 | 0 | 0 | 0 | 1 | 0 |" in md  # seen, new, changed, unchanged, duplicate, rejected, skipped
        assert "| articles | 1 | 1 |" in md
        assert "empty \\| odd.txt | empty\\_file |" in md  # a pipe in a file name does not break the table
        assert "All " in md and "expectations passed" in md
        assert summary.docs_path and summary.docs_path.replace("_", "\\_") in md
        assert by_key["newsclaims-run-rows"].type == "table"

        deadline = time.monotonic() + 20
        messages = []
        while time.monotonic() < deadline:
            logs = client.read_logs(log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[flow_run_id])))
            messages = [lg.message for lg in logs]
            if any(m.startswith(f"run {summary.run_id} success") for m in messages):
                break
            time.sleep(0.5)
        assert any(m.startswith(f"run {summary.run_id} success in ") and "2 files seen" in m for m in messages), \
            messages
        assert any("rejected " in m and "empty_file" in m for m in messages)
