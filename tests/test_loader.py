"""The warehouse loader on its own, on temporary DuckDB files."""

import subprocess
import sys
import time
from datetime import datetime

import duckdb
import polars as pl
import pytest

from warehouse import loader


@pytest.fixture
def con(tmp_path):
    c = loader.connect(tmp_path / "w.duckdb")
    loader.ensure_schema(c)
    yield c
    c.close()


def article(aid: str, run_id: str = "r1") -> pl.DataFrame:
    return pl.DataFrame({
        "article_id": [aid], "source_path": [f"/{aid}.txt"], "published_date_source": ["none"],
        "event_date_source": ["none"], "body_raw": ["b"], "body_clean": ["b"], "word_count": [1],
        "content_sha256": [aid * 4], "run_id": [run_id], "ingested_at": [datetime(2024, 1, 1)],
    })


def test_ensure_schema_is_idempotent_and_adds_new_columns(tmp_path):
    db = tmp_path / "old.duckdb"
    c = duckdb.connect(str(db))
    c.execute("create table claims (claim_id varchar primary key, article_id varchar)")  # an old file
    loader.ensure_schema(c)
    loader.ensure_schema(c)
    cols = {r[0] for r in c.execute("select column_name from information_schema.columns "
                                    "where table_name = 'claims'").fetchall()}
    assert {"claim_id", "value_low", "hedged", "attributed_to"} <= cols
    tables = {r[0] for r in c.execute("select table_name from information_schema.tables").fetchall()}
    assert {"articles", "date_mentions", "claims", "entities", "entity_mentions", "events",
            "pipeline_runs", "rejected_inputs", "quarantine", "dq_results", "source_files"} <= tables


def test_commit_run_writes_everything_and_marks_the_run(con):
    loader.start_run(con, "r1", ["seeds"], False)
    plan = loader.LoadPlan(run_id="r1")
    plan.add("articles", article("a1"))
    plan.upserts["source_files"] = pl.DataFrame({"source_path": ["/a1.txt"], "status": ["article"],
                                                 "article_id": ["a1"]})
    plan.run_fields = {"files_new": 1}
    assert loader.commit_run(con, plan) == {"articles": 1, "source_files": 1, "pipeline_runs": 1}
    assert con.execute("select status, files_new from pipeline_runs").fetchall() == [("success", 1)]
    assert con.execute("select article_id from articles").fetchall() == [("a1",)]


def test_commit_run_is_all_or_nothing(con):
    loader.start_run(con, "r1", [], False)
    plan = loader.LoadPlan(run_id="r1")
    plan.add("articles", article("a1"))
    loader.commit_run(con, plan)
    loader.start_run(con, "r2", [], False)
    bad = loader.LoadPlan(run_id="r2", delete_article_ids={"a1"})
    bad.add("articles", article("a2", "r2"))
    bad.add("articles", article("a2", "r2"))  # duplicate primary key: the whole run must roll back
    with pytest.raises(duckdb.Error):
        loader.commit_run(con, bad)
    assert con.execute("select article_id from articles").fetchall() == [("a1",)]
    assert con.execute("select status from pipeline_runs where run_id = 'r2'").fetchone() == ("running",)
    assert loader.mark_interrupted(con) == 1
    assert con.execute("select status from pipeline_runs where run_id = 'r2'").fetchone() == ("interrupted",)


def test_replacing_an_article_deletes_its_child_rows(con):
    loader.start_run(con, "r1", [], False)
    plan = loader.LoadPlan(run_id="r1")
    plan.add("articles", article("a1"))
    plan.add("claims", pl.DataFrame({"claim_id": ["c1"], "article_id": ["a1"], "claim_type": ["killed"],
                                     "qualifier": ["exact"], "surface": ["2"], "char_start": [0],
                                     "char_end": [1], "hedged": [False]}))
    loader.commit_run(con, plan)
    loader.start_run(con, "r2", [], False)
    loader.commit_run(con, loader.LoadPlan(run_id="r2", delete_article_ids={"a1"}))
    assert con.execute("select count(*) from claims").fetchone() == (0,)
    assert con.execute("select count(*) from articles").fetchone() == (0,)


def test_run_lock_refuses_a_second_holder(tmp_path):
    db = tmp_path / "w.duckdb"
    with loader.run_lock(db, note="first"):
        with pytest.raises(loader.RunLocked, match="another newsclaims run"):
            with loader.run_lock(db, timeout=0.3):
                pass
    with loader.run_lock(db):  # released after the first holder leaves
        pass


def test_connect_reports_a_busy_database_clearly(tmp_path):
    db = tmp_path / "w.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         f"import duckdb, time; c = duckdb.connect({str(db)!r}); print('ready', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        t0 = time.monotonic()
        with pytest.raises(loader.DatabaseBusy, match="another process is writing"):
            loader.connect(db, read_only=True, timeout=0.5)
        assert time.monotonic() - t0 >= 0.5  # it waited for the timeout
        with pytest.raises(loader.DatabaseBusy):
            loader.connect(db)
    finally:
        holder.kill()
        holder.wait()
    loader.connect(db, read_only=True).close()  # free again once the holder is gone


def _events(rows):
    return pl.DataFrame(rows, schema={"event_id": pl.String, "label": pl.String, "article_count": pl.Int32},
                        orient="row")


def test_a_replaced_table_writes_and_counts_only_the_rows_that_changed(con):
    loader.start_run(con, "r1", [], False)
    first = loader.LoadPlan(run_id="r1")
    first.replaces["events"] = _events([("e1", "Blast", 1), ("e2", "Fire", 2), ("e3", "Flood", 1)])
    assert loader.commit_run(con, first)["events"] == 3
    loader.start_run(con, "r2", [], False)
    second = loader.LoadPlan(run_id="r2")
    # e1 unchanged, e2 gained an article, e3 gone, e4 new: 1 changed + 1 deleted + 1 inserted
    second.replaces["events"] = _events([("e1", "Blast", 1), ("e2", "Fire", 3), ("e4", "Storm", 1)])
    assert loader.commit_run(con, second)["events"] == 3
    assert con.execute("select event_id, label, article_count from events order by 1").fetchall() == [
        ("e1", "Blast", 1), ("e2", "Fire", 3), ("e4", "Storm", 1)]
    loader.start_run(con, "r3", [], False)
    third = loader.LoadPlan(run_id="r3")
    third.replaces["events"] = _events([("e1", "Blast", 1), ("e2", "Fire", 3), ("e4", "Storm", 1)])
    assert loader.commit_run(con, third)["events"] == 0
    # an empty frame empties the table
    loader.start_run(con, "r4", [], False)
    fourth = loader.LoadPlan(run_id="r4")
    fourth.replaces["events"] = _events([])
    assert loader.commit_run(con, fourth)["events"] == 3
    assert con.execute("select count(*) from events").fetchone() == (0,)


def test_an_older_files_claims_get_the_article_figure_flag_when_the_schema_is_upgraded(tmp_path):
    """A file written before claims.is_article_figure existed: the upgrade adds the column as NULL,
    and backfill_article_figures sets it by the choice rule, so article_figures is not empty."""
    from transforms.claims.choice import choose

    db = tmp_path / "old.duckdb"
    c = duckdb.connect(str(db))
    c.execute("create table articles (article_id varchar primary key, source_path varchar, title varchar, "
              "published_date date, event_id varchar)")
    c.execute("insert into articles values ('a1', '/a1.txt', 'Two dead in fire', null, null)")
    c.execute("create table claims (claim_id varchar primary key, article_id varchar not null, "
              "claim_type varchar not null, value_low bigint, value_high bigint, qualifier varchar not null, "
              "surface varchar not null, char_start integer not null, char_end integer not null, "
              "hedged boolean not null, in_title boolean, is_background boolean, scope varchar)")
    # the title and the lead agree on 2; a later sentence's 14 is about another (background) fire,
    # and a lone 9 in the body is outvoted by the headline and the lead
    c.execute("insert into claims values "
              "('c1', 'a1', 'killed', 2, 2, 'exact', 'Two dead', 0, 8, false, true, false, 'main'), "
              "('c2', 'a1', 'killed', 2, 2, 'exact', 'two people died', 20, 35, false, false, false, 'main'), "
              "('c3', 'a1', 'killed', 14, 14, 'exact', 'killed 14', 90, 99, false, false, true, 'other')")
    loader.ensure_schema(c)
    assert c.execute("select count(*) from claims where is_article_figure is null").fetchone()[0] == 3
    assert loader.backfill_article_figures(c, choose) == 3
    assert c.execute("select count(*) from claims where is_article_figure is null").fetchone()[0] == 0
    assert c.execute("select claim_type, best_value from article_figures").fetchall() == [("killed", 2)]
    assert loader.backfill_article_figures(c, choose) == 0  # nothing left to set
    # and the connection is left ready for the next statement (no unfinished result)
    assert loader.read_frame(c, "select count(*) as n from claims")["n"].to_list() == [3]
    c.close()


def test_an_unchanged_re_run_after_the_backfill_check_still_skips_prefect(tmp_path):
    """The no-op path runs the backfill check under its lock and then reads the ledger on the
    same connection: an up-to-date file must still give an unchanged re-run (no Prefect)."""
    from flows.noop import choose_article_figures

    c = loader.connect(tmp_path / "w.duckdb")
    loader.ensure_schema(c)
    assert loader.backfill_article_figures(c, choose_article_figures) == 0
    assert loader.read_frame(c, "select * from source_files").height == 0
    c.close()
