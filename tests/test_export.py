"""`newsclaims export`: Parquet round trip, atomic replacement, a busy database, the CLI."""

from __future__ import annotations

import json
import subprocess
import sys

import duckdb
import pytest

from flows import export
from tests.conftest import ROOT
from warehouse.loader import DatabaseBusy

pytestmark = pytest.mark.slow  # uses the seeds run


@pytest.fixture(scope="module")
def exported(seeds_db, tmp_path_factory):
    dest = tmp_path_factory.mktemp("export") / "parquet"
    return export.export_parquet(seeds_db, dest)


def relations_of(db) -> list[tuple[str, str]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return export.list_relations(con)
    finally:
        con.close()


def test_every_table_and_view_is_exported(seeds_db, exported):
    want = relations_of(seeds_db)
    assert {"claims", "articles", "claim_consensus", "claims_enriched", "entity_cooccurrence",
            "event_sources"} <= {n for n, _ in want}
    assert [(r.name, r.kind) for r in exported.relations] == want
    manifest = json.loads((exported.dest / "manifest.json").read_text())
    assert [m["name"] for m in manifest["relations"]] == [n for n, _ in want]
    assert manifest["last_successful_run"]["run_id"] == exported.last_run_id


def test_parquet_read_back_equals_the_database_row_for_row(seeds_db, exported):
    """Through catalog.sql: the same names, the same columns in the same order, the same rows."""
    con = duckdb.connect()
    con.execute((exported.dest / "catalog.sql").read_text())
    con.execute(f"attach '{seeds_db}' as src (read_only)")
    for r in exported.relations:
        src = con.execute(f"select * from src.main.{r.name} limit 0")
        src_cols = [(d[0], str(d[1])) for d in src.description]
        pq = con.execute(f"select * from main.{r.name} limit 0")
        assert [(d[0], str(d[1])) for d in pq.description] == src_cols, r.name
        n_db = con.execute(f"select count(*) from src.main.{r.name}").fetchone()[0]
        assert con.execute(f"select count(*) from main.{r.name}").fetchone()[0] == n_db == r.rows, r.name
        for a, b in ((f"src.main.{r.name}", f"main.{r.name}"), (f"main.{r.name}", f"src.main.{r.name}")):
            diff = con.execute(f"select count(*) from (from {a} except all from {b})").fetchone()[0]
            assert diff == 0, f"{r.name}: {diff} rows differ"


def test_claims_are_partitioned_by_claim_type(exported):
    folders = {p.name for p in (exported.dest / "claims").iterdir()}
    assert {"claim_type=killed", "claim_type=injured"} <= folders
    con = duckdb.connect()
    killed = con.execute(f"select count(*) from read_parquet('{exported.dest}/claims/claim_type=killed/*.parquet')")
    assert killed.fetchone()[0] > 0


def _claim_in_manifest(dest, name: str) -> None:
    """Make the export in ``dest`` list one more relation file (one a later export no longer has)."""
    manifest = json.loads((dest / "manifest.json").read_text())
    manifest["relations"].append({"name": name, "kind": "view", "rows": 0, "path": name + ".parquet"})
    (dest / "manifest.json").write_text(json.dumps(manifest))
    (dest / (name + ".parquet")).write_bytes(b"x")


def test_a_second_export_replaces_the_first_and_leaves_no_temp_folders(seeds_db, tmp_path):
    dest = tmp_path / "out"
    export.export_parquet(seeds_db, dest)
    _claim_in_manifest(dest, "stale")  # something only the old export has
    export.export_parquet(seeds_db, dest)
    assert not (dest / "stale.parquet").exists()
    assert (dest / "manifest.json").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_second_export_keeps_the_users_own_files_in_the_folder(seeds_db, tmp_path):
    """Issue 14.2: a dashboard file and a notes folder put into the export folder survive re-exports."""
    dest = tmp_path / "out"
    export.export_parquet(seeds_db, dest)
    (dest / "dashboard.json").write_text('{"charts": 3}')
    (dest / "notes").mkdir()
    (dest / "notes" / "todo.md").write_text("check killed counts")
    (dest / ".hidden-config").write_text("k=v")
    for _ in range(2):
        export.export_parquet(seeds_db, dest)
        assert (dest / "dashboard.json").read_text() == '{"charts": 3}'
        assert (dest / "notes" / "todo.md").read_text() == "check killed counts"
        assert (dest / ".hidden-config").read_text() == "k=v"
        assert (dest / "claims_enriched.parquet").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    owned = export.owned_entries(dest)
    assert {"manifest.json", "catalog.sql", "claims", "articles.parquet"} <= owned
    assert not {"dashboard.json", "notes", ".hidden-config"} & owned


def test_a_user_file_named_like_a_new_relation_stops_the_export_and_is_kept(seeds_db, tmp_path):
    dest = tmp_path / "out"
    export.export_parquet(seeds_db, dest)
    manifest = json.loads((dest / "manifest.json").read_text())
    manifest["relations"] = [r for r in manifest["relations"] if r["name"] != "events"]
    (dest / "manifest.json").write_text(json.dumps(manifest))  # as if `events` were new in this export
    (dest / "events.parquet").write_text("the user's own file")
    with pytest.raises(export.ExportError, match="events.parquet"):
        export.export_parquet(seeds_db, dest)
    assert (dest / "events.parquet").read_text() == "the user's own file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_failed_export_leaves_the_previous_one_untouched(seeds_db, tmp_path, monkeypatch):
    dest = tmp_path / "out"
    export.export_parquet(seeds_db, dest)
    before = sorted(p.relative_to(dest) for p in dest.rglob("*"))

    def boom(con, tmp, name, kind):
        if name == "events":
            raise RuntimeError("disk full")
        return real(con, tmp, name, kind)

    real = export._copy_relation
    monkeypatch.setattr(export, "_copy_relation", boom)
    with pytest.raises(RuntimeError, match="disk full"):
        export.export_parquet(seeds_db, dest)
    assert sorted(p.relative_to(dest) for p in dest.rglob("*")) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_folder_that_is_not_an_export_is_refused(seeds_db, tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(export.ExportError, match="not empty"):
        export.export_parquet(seeds_db, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


@pytest.fixture
def busy_db(seeds_db, tmp_path):
    """A copy of the seeds database held open for writing by another process (as a run does)."""
    db = tmp_path / "busy.duckdb"
    db.write_bytes(seeds_db.read_bytes())
    holder = subprocess.Popen(
        [sys.executable, "-c",
         f"import duckdb, time; c = duckdb.connect({str(db)!r}); print('ready', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "ready"
    yield db
    holder.kill()
    holder.wait()


def test_export_says_clearly_when_a_run_holds_the_database(busy_db, tmp_path):
    with pytest.raises(DatabaseBusy, match="another process is writing"):
        export.export_parquet(busy_db, tmp_path / "out")
    assert not (tmp_path / "out").exists()
    proc = subprocess.run([sys.executable, "-m", "flows.cli", "export", "--format", "parquet",
                           str(tmp_path / "out"), "--db", str(busy_db)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 3
    assert "export not written" in proc.stderr and "another process is writing" in proc.stderr


def test_cli_export(seeds_db, tmp_path):
    proc = subprocess.run([sys.executable, "-m", "flows.cli", "export", "--format", "parquet",
                           str(tmp_path / "bi"), "--db", str(seeds_db)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "claims_enriched" in proc.stdout and "exported" in proc.stdout
    assert (tmp_path / "bi" / "claim_consensus.parquet").exists()


def test_an_empty_warehouse_exports_readable_empty_relations(tmp_path):
    from warehouse import loader

    db = tmp_path / "empty.duckdb"
    con = loader.connect(db)
    loader.ensure_schema(con)
    con.close()
    result = export.export_parquet(db, tmp_path / "out")
    con = duckdb.connect()
    con.execute((result.dest / "catalog.sql").read_text())
    con.execute(f"attach '{db}' as src (read_only)")
    for r in result.relations:
        assert con.execute(f"select count(*) from main.{r.name}").fetchone()[0] == 0
        assert [d[0] for d in con.execute(f"select * from main.{r.name} limit 0").description] == \
            [d[0] for d in con.execute(f"select * from src.main.{r.name} limit 0").description]
