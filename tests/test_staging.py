"""Bounded memory: batches spilled to a run-scoped Parquet staging dir, and the load that streams from it."""

from __future__ import annotations

from datetime import datetime

import polars as pl
import pytest

from flows.staging import ROW_KEY, RunStaging
from tests.conftest import SEEDS, query, run_pipeline
from tests.test_dask import TABLES, table_rows
from transforms.pipeline import BatchFrames
from warehouse import loader


def batch(paths: list[str], dated: list[bool]) -> BatchFrames:
    arts = pl.DataFrame({
        "source_path": paths, "article_id": [p.upper() for p in paths],
        "published_date": [datetime(2024, 1, 1).date() if d else None for d in dated],
        "body_raw": [f"raw {p}" for p in paths], "body_clean": [f"clean {p}" for p in paths],
    })
    empty = pl.DataFrame()
    return BatchFrames(read=arts.select("source_path"), staged=arts.select("source_path", "article_id"),
                       articles=arts, rejected=empty, date_mentions=empty, entity_mentions=empty, claims=empty,
                       seconds={"ner": 1.0})


def test_staging_reads_batches_back_in_batch_order_without_texts_and_cleans_up(tmp_path):
    root = tmp_path / "w.duckdb.staging"
    (root / "killed-run").mkdir(parents=True)  # left by a run that was killed
    with RunStaging(root, "r1") as stage:
        assert not (root / "killed-run").exists()
        stage.put(1, batch(["c", "d"], [True, False]))  # finished first
        stage.put(0, batch(["a", "b"], [False, True]))
        light = stage.light_batch()
        assert light.articles["source_path"].to_list() == ["a", "b", "c", "d"]
        assert "body_raw" not in light.articles.columns
        assert light.articles["body_clean"].to_list() == ["clean a", None, None, "clean d"]  # undated keep it
        assert light.articles[ROW_KEY].to_list() == [0, 1, 1 << 32, (1 << 32) + 1]
        assert light.seconds == {"ner": 2.0}
        assert [p.name for p in stage.files("articles")] == ["batch-00000.articles.parquet",
                                                              "batch-00001.articles.parquet"]
        # the suites get the texts back for the rows they check, in the rows' order
        some = light.articles.filter(pl.col("source_path").is_in(["d", "a"])).reverse()
        back = stage.with_texts(some)
        assert back.select("source_path", "body_raw", "body_clean").rows() == [("d", "raw d", "clean d"),
                                                                               ("a", "raw a", "clean a")]
    assert not root.exists()


def test_staging_is_removed_when_the_run_fails(tmp_path):
    root = tmp_path / "s"
    with pytest.raises(RuntimeError), RunStaging(root, "r1") as stage:
        stage.put(0, batch(["a"], [True]))
        raise RuntimeError("load failed")
    assert not root.exists()


def test_load_takes_text_columns_from_parquet_by_row_key(tmp_path):
    con = loader.connect(tmp_path / "w.duckdb")
    loader.ensure_schema(con)
    with RunStaging(tmp_path / "st", "r1") as stage:
        stage.put(0, batch(["/a.txt", "/b.txt"], [True, True]))
        light = stage.light_batch().articles.filter(pl.col("source_path") == "/b.txt").with_columns(
            pl.lit("none").alias("published_date_source"), pl.lit("none").alias("event_date_source"),
            pl.lit(2).alias("word_count"), pl.lit("x").alias("content_sha256"), pl.lit("r1").alias("run_id"),
            pl.lit(datetime(2024, 1, 1)).alias("ingested_at"))
        wide = loader.ParquetColumns(files=tuple(map(str, stage.files("articles"))), key=(ROW_KEY,),
                                     columns=("body_raw", "body_clean"))
        loader.start_run(con, "r1", [], False)
        plan = loader.LoadPlan(run_id="r1", from_parquet={"articles": wide})
        plan.add("articles", light)
        loader.commit_run(con, plan)
        assert con.execute("select source_path, body_raw, body_clean from articles").fetchall() == \
            [("/b.txt", "raw /b.txt", "clean /b.txt")]

        # a row whose texts are not staged fails the load (all or nothing), never inserts NULL texts
        loader.start_run(con, "r2", [], False)
        plan = loader.LoadPlan(run_id="r2", from_parquet={"articles": wide})
        plan.add("articles", light.with_columns(pl.lit("C").alias("article_id"), pl.lit(99).alias(ROW_KEY)))
        with pytest.raises(RuntimeError, match="no match"):
            loader.commit_run(con, plan)
    assert con.execute("select count(*) from articles").fetchone()[0] == 1
    con.close()


@pytest.mark.slow
def test_one_file_per_batch_gives_the_same_tables_and_leaves_no_staging(tmp_path):
    one = run_pipeline([SEEDS], tmp_path / "one.duckdb", batch_size=1)
    big = run_pipeline([SEEDS], tmp_path / "big.duckdb")
    assert one.status == big.status == "success"
    for table in TABLES:
        assert table_rows(tmp_path / "one.duckdb", table) == table_rows(tmp_path / "big.duckdb", table), table
    assert query(tmp_path / "one.duckdb", "select count(*) from articles")[0][0] == 5
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.duckdb", "big.duckdb.lock", "one.duckdb",
                                                          "one.duckdb.lock"]


@pytest.mark.slow
def test_a_failed_run_removes_its_staging(tmp_path, seeds_copy):
    (seeds_copy / "empty.txt").write_bytes(b"")
    from flows.ingest import StrictModeFailure

    with pytest.raises(StrictModeFailure):
        run_pipeline([seeds_copy], tmp_path / "w.duckdb", strict=True)
    assert not (tmp_path / "w.duckdb.staging").exists()
    assert query(tmp_path / "w.duckdb", "select status from pipeline_runs") == [("failed",)]
