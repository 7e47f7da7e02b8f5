"""Scale-out: the same run on a real 2-worker Dask cluster equals the local run, row for row."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS, query

pytestmark = pytest.mark.slow

# shared/ sits beside the checkout (CI's clone, /work/main); worktrees elsewhere use /work/shared
GVA_DEV = next((p for p in (ROOT.parent / "shared" / "corpora" / "gva_dev", Path("/work/shared/corpora/gva_dev"))
                if p.is_dir()), Path("/work/shared/corpora/gva_dev"))
TABLES = ("articles", "date_mentions", "claims", "entities", "entity_mentions", "events", "source_files",
          "rejected_inputs")
RUN_SPECIFIC = ("run_id", "first_run_id", "last_run_id", "ingested_at", "rejected_at")


def _nlp_loads() -> tuple[int, int]:
    """Runs on a Dask worker: (spaCy loads, load_nlp calls) of that worker process."""
    from flows.nlp import load_nlp

    info = load_nlp.cache_info()
    return info.misses, info.hits + info.misses


def table_rows(db: Path, table: str) -> list[tuple]:
    columns = [c for (c,) in query(db, "select column_name from information_schema.columns "
                                       "where table_name = ? order by ordinal_position", [table])
               if c not in RUN_SPECIFIC]
    names = ", ".join(f'"{c}"' for c in columns)
    return query(db, f"select {names} from {table} order by all")


@pytest.fixture
def corpus(tmp_path) -> Path:
    """seeds/ plus 30 gva_dev articles, copied at test time."""
    if not GVA_DEV.is_dir():
        pytest.skip(f"{GVA_DEV} not available")
    dest = tmp_path / "input"
    shutil.copytree(SEEDS, dest / "seeds")
    (dest / "gva").mkdir()
    for path in sorted(GVA_DEV.glob("*.txt"))[:30]:
        shutil.copy(path, dest / "gva" / path.name)
    return dest


def test_dask_cluster_run_equals_local_run_and_loads_spacy_once_per_worker(corpus, tmp_path):
    from distributed import Client, LocalCluster

    from flows.ingest import ingest_articles
    from flows.runners import shared_prefect_api, task_runner_for
    from flows.settings import get_settings

    local = get_settings(db=tmp_path / "local.duckdb", batch_size=4)
    assert ingest_articles([str(corpus)], local).status == "success"

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        dask = get_settings(db=tmp_path / "dask.duckdb", batch_size=4, task_runner="dask",
                            dask_address=cluster.scheduler_address)
        with shared_prefect_api(dask):  # as the CLI does: the workers report to this run's server
            summary = ingest_articles.with_options(task_runner=task_runner_for(dask))([str(corpus)], dask)
        loads = client.run(_nlp_loads)

    assert summary.status == "success"
    assert summary.files_new == 35
    for table in TABLES:
        assert table_rows(dask.db, table) == table_rows(local.db, table), table
    assert query(dask.db, "select count(*) from articles")[0][0] >= 30

    # 9 batches of 4 files on 2 workers: every worker that ran some loaded spaCy exactly once
    batches = -(-35 // 4)
    assert sum(calls for _, calls in loads.values()) == batches
    assert all(n_loads == (1 if calls else 0) for n_loads, calls in loads.values()), loads
