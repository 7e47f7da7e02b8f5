"""End to end: the ingest_articles flow on seeds/ with real Prefect, spaCy and DuckDB."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date

import pytest

from tests.conftest import ROOT, SEEDS, query, run_pipeline

pytestmark = pytest.mark.slow

COUNTED = ("articles", "date_mentions", "claims", "entities", "entity_mentions", "events", "source_files",
           "rejected_inputs")


def counts(db) -> dict[str, int]:
    return {t: query(db, f"select count(*) from {t}")[0][0] for t in COUNTED}


def by_prefix(db, prefix: str, column: str):
    rows = query(db, f"select {column} from articles where source_path like ?", [f"%/{prefix}%"])
    assert len(rows) == 1, f"expected one article for {prefix}, got {rows}"
    return rows[0][0]


def test_seeds_load_as_five_articles_with_their_header_dates(seeds_db):
    assert query(seeds_db, "select count(*) from articles")[0][0] == 5
    assert by_prefix(seeds_db, "000_", "published_date") == date(2024, 3, 22)
    assert by_prefix(seeds_db, "001_", "published_date") == date(2024, 3, 23)
    assert by_prefix(seeds_db, "004_", "published_date") == date(2024, 3, 23)
    assert by_prefix(seeds_db, "002_", "published_date") is None
    assert by_prefix(seeds_db, "003_", "published_date") is None
    assert by_prefix(seeds_db, "003_", "title") == \
        "Attack at Moscow Concert Hall Leaves 62 Dead: ISIS Claims Responsibility"
    assert by_prefix(seeds_db, "002_", "published_date_source") == "none"
    assert by_prefix(seeds_db, "000_", "published_date_source") == "header"
    assert "Advertisment" not in by_prefix(seeds_db, "001_", "body_clean")
    assert "Advertisment" in by_prefix(seeds_db, "001_", "body_raw")
    runs = query(seeds_db, "select status, files_seen, files_new, files_rejected from pipeline_runs")
    assert runs == [("success", 5, 5, 0)]


def test_late_last_night_in_001_resolves_to_the_day_before_publication(seeds_db):
    rows = query(seeds_db, "select d.surface, d.resolved_date, d.is_relative from date_mentions d "
                           "join articles a using (article_id) where a.source_path like '%/001_%' "
                           "and lower(d.surface) like '%last night%'")
    assert rows == [("late last night", date(2024, 3, 22), True)]


def test_every_date_span_slices_body_clean(seeds_db):
    bad = query(seeds_db, "select d.surface from date_mentions d join articles a using (article_id) "
                          "where substr(a.body_clean, d.char_start + 1, d.char_end - d.char_start) <> d.surface")
    assert bad == []


def test_rerun_over_the_same_folder_adds_nothing(seeds_db, tmp_path):
    db = tmp_path / "w.duckdb"
    run_pipeline([SEEDS], db)
    before = counts(db)
    again = run_pipeline([SEEDS], db)
    assert counts(db) == before
    assert (again.files_new, again.files_changed, again.files_unchanged) == (0, 0, 5)
    assert again.stage_seconds == {}  # nothing was parsed
    assert query(db, "select count(*) from pipeline_runs where status = 'success'")[0][0] == 2


def test_new_file_alone_is_processed_and_changed_file_replaces_its_rows(seeds_copy, tmp_path):
    db = tmp_path / "w.duckdb"
    run_pipeline([seeds_copy], db)
    old_id = by_prefix(db, "000_", "article_id")
    shutil.copy(ROOT / "tests" / "fixtures" / "articles" / "gva_606175.txt", seeds_copy / "new.txt")
    added = run_pipeline([seeds_copy], db)
    assert (added.files_new, added.files_changed, added.files_unchanged) == (1, 0, 5)
    assert query(db, "select count(*) from articles")[0][0] == 6

    path = seeds_copy / "000_1f00454815d1b512.txt"
    path.write_text(path.read_text().replace("more than 60 fatalities", "more than 70 fatalities"))
    changed = run_pipeline([seeds_copy], db)
    assert (changed.files_new, changed.files_changed) == (0, 1)
    assert query(db, "select count(*) from articles")[0][0] == 6
    new_id = by_prefix(db, "000_", "article_id")
    assert new_id != old_id
    for table in ("articles", "date_mentions", "claims", "entity_mentions"):
        assert query(db, f"select count(*) from {table} where article_id = ?", [old_id])[0][0] == 0
    assert query(db, "select count(*) from date_mentions where article_id = ?", [new_id])[0][0] > 0


def test_duplicate_content_under_another_name_is_recorded_once(seeds_copy, tmp_path):
    db = tmp_path / "w.duckdb"
    shutil.copy(seeds_copy / "003_5324aab2ba0551e9.txt", seeds_copy / "copy_of_003.txt")
    summary = run_pipeline([seeds_copy], db)
    assert summary.files_duplicate == 1
    assert query(db, "select count(*) from articles")[0][0] == 5
    assert query(db, "select status from source_files where source_path like '%copy_of_003.txt'") == \
        [("duplicate",)]


def _unreadable(path):
    """A regular file this process cannot read (root ignores permission bits: use /proc/self/mem,
    through a link out of the input folder, which the run below allows)."""
    if os.geteuid() == 0:
        os.symlink("/proc/self/mem", path)
    else:
        path.write_text("secret")
        path.chmod(0)


# Each bad input, what it is, and the rejected_inputs reason it produces.
BAD_INPUTS = [
    ("empty.txt", b"", "empty_file"),
    ("blank.txt", b"  \n\n\t ", "empty_file"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary_content"),
    ("garbage.txt", bytes((i * 37) % 128 + 128 for i in range(600)), "undecodable_bytes"),
    ("big.txt", b"Police said two people were shot. " * 100, "too_large"),  # limit set to 2,000 bytes
    ("bad_date.txt", b" date 2024-02-30 Police said two people were shot on Friday.", "invalid_header_date"),
    ("not_iso.txt", b" date 30/02/2024 Police said two people were shot on Friday.", "invalid_header_date"),
    ("future.txt", b" date 2999-01-01 Police said two people were shot on Friday.", "future_published_date"),
    ("unreadable.txt", _unreadable, "unreadable_file"),
]


def test_bad_inputs_are_rejected_with_reasons_and_nothing_loaded_is_lost(seeds_db, tmp_path):
    db = tmp_path / "w.duckdb"
    run_pipeline([SEEDS], db)
    articles_before = query(db, "select article_id from articles order by 1")
    bad = tmp_path / "bad"
    bad.mkdir()
    for name, content, _ in BAD_INPUTS:
        if callable(content):
            content(bad / name)
        else:
            (bad / name).write_bytes(content)
    (bad / "good.txt").write_bytes(b" date 2016-07-27 A man was shot and killed in Gaston on Monday, "
                                   b"police said. The shooting happened at a home on Glenn Road.")
    summary = run_pipeline([bad], db, max_file_bytes=2000, follow_outside_links=True)
    assert summary.status == "success"
    got = dict(query(db, "select regexp_extract(source_path, '[^/]+$'), reason from rejected_inputs"))
    assert got == {name: reason for name, _, reason in BAD_INPUTS}
    # each file counted once: the rejected ones are not also "new" (transforms/outcomes.py)
    assert (summary.files_seen, summary.files_rejected, summary.files_new) == (len(BAD_INPUTS) + 1, len(BAD_INPUTS), 1)
    assert query(db, "select count(*) from articles where source_path like '%good.txt'")[0][0] == 1
    assert set(articles_before) <= set(query(db, "select article_id from articles order by 1"))
    # a re-run does not reject the same unchanged files again
    again = run_pipeline([bad], db, max_file_bytes=2000, follow_outside_links=True)
    assert again.files_rejected == 0
    assert query(db, "select count(*) from rejected_inputs")[0][0] == len(BAD_INPUTS)


def test_missing_path_is_a_clear_cli_error(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "flows.cli", "run", str(tmp_path / "nope"),
                           "--db", str(tmp_path / "w.duckdb")], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2
    assert "input path does not exist" in proc.stderr and "nope" in proc.stderr
    assert not (tmp_path / "w.duckdb").exists()
