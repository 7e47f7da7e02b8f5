"""Data quality in real flow runs: seeds pass every suite, a bad article is quarantined, --strict fails."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import expectations
from flows.settings import get_settings
from tests.conftest import SEEDS, query, run_pipeline

pytestmark = pytest.mark.slow

# 14 words: under Settings.min_words (20), and it names a place and a figure
SHORT = " date 2024-03-22 Two people were shot dead in Springfield on Friday night, police said."
TABLES = ("articles", "date_mentions", "entity_mentions", "claims", "entities", "events", "source_files",
          "rejected_inputs", "quarantine", "dq_results")


def every_expectation(*tables: str) -> set[tuple[str, str]]:
    return {(s.TABLE, e.meta["name"]) for s in expectations.ALL_SUITES if s.TABLE in tables
            for e in s.expectations()}


@pytest.fixture
def with_short(tmp_path) -> Path:
    """seeds/ plus one article too short to load."""
    dest = tmp_path / "input"
    shutil.copytree(SEEDS, dest)
    (dest / "short.txt").write_text(SHORT)
    return dest


@pytest.fixture(scope="module")
def seeds_own_gx(tmp_path_factory) -> Path:
    """The seeds run with a GX folder of its own: the session's shared folder keeps the Data Docs of
    only the last DOCS_RUNS runs, so a run made early in the session is pruned from it by now."""
    root = tmp_path_factory.mktemp("seeds-gx")
    db = root / "newsclaims.duckdb"
    assert run_pipeline([SEEDS], db, gx_dir=root / "gx").status == "success"
    return db


def test_seeds_pass_every_suite_and_every_result_is_recorded(seeds_own_gx):
    seeds_db = seeds_own_gx
    run_id, failed, quarantined = query(seeds_db, "select run_id, expectations_failed, rows_quarantined "
                                                  "from pipeline_runs")[0]
    assert (failed, quarantined) == (0, 0)
    results = query(seeds_db, "select suite, expectation, success, element_count from dq_results where run_id = ?",
                    [run_id])
    # every suite of a table with rows this run (seeds have no rejected inputs; a first run merges no events;
    # the seeds name no victim one by one, so the victims roster is empty; seeds are text files, no records)
    assert {(s, e) for s, e, _, _ in results} == every_expectation(*[
        t for t in expectations.KEYS if t not in ("rejected_inputs", "event_id_history", "victims", "source_records")],
        "pipeline_runs",
        "dq_results")
    assert [r for r in results if not r[2]] == []
    assert {(s, n) for s, _, _, n in results if s in ("articles", "source_files")} == {
        ("articles", 5), ("source_files", 5)}
    assert query(seeds_db, "select count(*) from quarantine") == [(0,)]
    docs = seeds_db.parent / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html"
    assert docs.exists() and run_id in docs.read_text()


def test_a_short_article_is_quarantined_with_its_rows_and_the_run_goes_on(with_short, tmp_path):
    db = tmp_path / "w.duckdb"
    summary = run_pipeline([with_short], db)
    assert summary.status == "success"
    assert summary.quarantined["articles"] == 1 and summary.rows_quarantined == sum(summary.quarantined.values())
    assert summary.rows_quarantined > 1  # its mentions and claims went with it
    assert summary.expectations_failed == 1
    assert list(summary.failed_expectations) == ["articles.body_clean_min_words"]
    assert Path(summary.docs_path).exists()
    assert "validate" in summary.stage_seconds

    assert query(db, "select count(*) from articles") == [(5,)]
    assert query(db, "select count(*) from articles where source_path like '%short.txt'") == [(0,)]
    rows = query(db, "select table_name, expectation, count(*) from quarantine group by all order by 1")
    assert rows[0] == ("articles", "body_clean_min_words", 1)
    assert {t for t, _, _ in rows[1:]} <= {"claims", "date_mentions", "entity_mentions"}
    assert {e for _, e, _ in rows[1:]} == {"held_back:articles.body_clean_min_words"}
    article = query(db, "select row_key, json_extract_string(row_data, '$.source_path') from quarantine "
                        "where table_name = 'articles'")[0]
    for table in ("claims", "date_mentions", "entity_mentions"):  # nothing dangles
        assert query(db, f"select count(*) from {table} where article_id = ?", [article[0]]) == [(0,)]
    assert article[1].endswith("short.txt")
    assert query(db, "select status from source_files where source_path like '%short.txt'") == [("quarantined",)]
    assert query(db, "select expectations_failed, rows_quarantined from pipeline_runs") == [
        (1, summary.rows_quarantined)]
    assert query(db, "select count(*) from dq_results where not success") == [(1,)]
    # no event, entity or claim points at what is not loaded
    assert query(db, "select count(*) from events e where not exists "
                     "(select 1 from articles a where a.event_id = e.event_id)") == [(0,)]
    assert query(db, "select count(*) from entity_mentions m where entity_id not in "
                     "(select entity_id from entities)") == [(0,)]

    again = run_pipeline([with_short], db)  # unchanged: not re-read, not re-quarantined
    assert (again.files_new, again.files_unchanged, again.rows_quarantined) == (0, 6, 0)
    assert query(db, "select count(*) from quarantine where table_name = 'articles'") == [(1,)]


def test_strict_fails_the_run_on_a_failed_expectation_and_commits_nothing(with_short, tmp_path):
    from flows.ingest import StrictModeFailure

    db = tmp_path / "w.duckdb"
    with pytest.raises(StrictModeFailure, match="articles.body_clean_min_words"):
        run_pipeline([with_short], db, strict=True)
    assert query(db, "select status, strict from pipeline_runs") == [("failed", True)]
    assert "body_clean_min_words" in query(db, "select error from pipeline_runs")[0][0]
    for table in TABLES:
        assert query(db, f"select count(*) from {table}") == [(0,)], table


def test_strict_cli_exits_nonzero_and_docs_command_prints_the_site(with_short, tmp_path, capsys):
    from flows.cli import main

    db = tmp_path / "w.duckdb"
    assert main(["run", str(with_short), "--db", str(db), "--strict", "--no-progress"]) == 1
    assert "nothing was committed" in capsys.readouterr().err
    assert main(["run", str(with_short), "--db", str(db), "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "quarantined" in out and "articles.body_clean_min_words: 1 rows" in out and "data docs:" in out
    assert main(["docs", "--db", str(db)]) == 0
    index = Path(capsys.readouterr().out.strip())
    assert index.name == "index.html" and index.exists()
    assert main(["docs", "--db", str(tmp_path / "none.duckdb")]) == 2


def test_a_run_row_that_does_not_add_up_is_a_recorded_failure_not_a_quarantine(tmp_path):
    """The run-record suites check the run's row as the load will complete it."""
    from datetime import date, datetime
    from types import SimpleNamespace

    import polars as pl

    from flows.validate import validate_plan
    from warehouse.loader import LoadPlan

    plan = LoadPlan(run_id="r1")
    plan.add("rejected_inputs", pl.DataFrame([{"run_id": "r1", "source_path": "/in/e.txt", "reason": "empty_file",
                                               "detail": "0 bytes", "rejected_at": datetime(2024, 6, 1)}]))
    # 4 files seen, but only 1 rejected and nothing else: 3 files unaccounted for
    plan.run_fields = {"files_seen": 4, "files_new": 0, "files_changed": 0, "files_unchanged": 0,
                       "files_skipped": 0, "files_rejected": 1, "files_duplicate": 0}
    state = SimpleNamespace(articles=pl.DataFrame(), entity_mentions=pl.DataFrame())
    out, report = validate_plan(plan, state, get_settings(db=tmp_path / "w.duckdb"), date(2024, 6, 1))
    assert report.failed == {"pipeline_runs.files_seen_accounted_for": 1}
    assert report.expectations_failed == 1 and report.rows_quarantined == 0
    assert out.inserts["rejected_inputs"][0].height == 1 and "quarantine" not in out.inserts
    dq = pl.concat(out.inserts["dq_results"])
    assert set(dq["suite"]) == {"rejected_inputs", "pipeline_runs", "dq_results"}
    assert dq.filter(pl.col("suite") == "dq_results")["success"].all()  # the data suite's results were sound
