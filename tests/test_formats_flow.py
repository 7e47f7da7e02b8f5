"""End to end over real-world formats: real Prefect runs, DuckDB files and GX suites.

A folder mixing every format gives one article per record, a re-run reads
nothing, records are tracked one by one in the ledger, provenance follows
copies (issue 14.1), and an edit that restores the mtime is seen (issue 14.12).
"""

from __future__ import annotations

import json
import os
import shutil
import time
from datetime import date

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.conftest import FIXTURES, SEEDS, query, run_pipeline
from tests.test_formats import write_warc

pytestmark = pytest.mark.slow
FORMATS = FIXTURES / "formats"


def mixed_folder(root):
    inp = root / "in"
    inp.mkdir()
    for f in FORMATS.iterdir():
        shutil.copy(f, inp / f.name)
    shutil.copy(SEEDS / "003_5324aab2ba0551e9.txt", inp / "seed.txt")
    pq.write_table(pa.table({
        "title": ["Tram derails in Milan"],
        "text": ["Two people were killed and 40 injured when a tram derailed in central Milan on Friday, the fire "
                 "brigade said. Rescuers worked through the night to free passengers trapped in the second car."],
        "published": ["2024-02-23"], "url": ["https://www.lombardypost.it/tram"], "outlet": ["Lombardy Post"],
    }), inp / "rows.parquet")
    write_warc(inp / "crawl.warc.gz", 3)
    (inp / "NOTES.md").write_text("# my notes\n")
    return inp


def test_a_folder_of_every_format_gives_one_article_per_record_and_a_rerun_reads_nothing(tmp_path):
    inp = mixed_folder(tmp_path)
    db = tmp_path / "w.duckdb"
    s = run_pipeline([inp], db)
    assert s.status == "success"
    # html 1 + json 1 + jsonl 3 + csv 2 + parquet 1 + warc 3 + txt 1
    per_file = dict(query(db, "select regexp_extract(source_path, '[^/]+$'), count(*) from articles group by 1"))
    assert per_file == {"denver_mall.html": 1, "newsplease_record.json": 1, "three_records.jsonl": 3,
                        "table.csv": 2, "rows.parquet": 1, "crawl.warc.gz": 3, "seed.txt": 1}
    assert query(db, "select reason from rejected_inputs where source_path like '%NOTES.md'") == \
        [("unsupported_format",)]
    assert any(r["source_path"].endswith("NOTES.md") and r["reason"] == "unsupported_format" for r in s.rejected)
    assert query(db, "select published_date_source, count(*) from articles group by 1 order by 1") == \
        [("metadata", 11), ("none", 1)]
    assert query(db, "select outlet, source_url from articles where source_path like '%.html'") == \
        [("Rocky Ledger", "https://www.rockyledger.com/news/2024/05/14/denver-mall-shooting")]
    # the views show who reported it
    rows = query(db, "select distinct outlet, source_url from claims_enriched where source_file = 'table.csv' "
                     "order by 1")
    assert rows == [("Archipelago News", "https://www.archipelagonews.id/ferry-sulawesi"),
                    ("moravianherald.cz", "https://www.moravianherald.cz/ostrava-gas-blast")]
    outlets = query(db, "select outlets from event_sources where list_contains(outlets, 'Rocky Ledger')")
    assert outlets == [(["Rocky Ledger"],)]
    assert query(db, "select count(*) from dq_results where not success") == [(0,)]
    # the ledger by record was validated, every record of it: jsonl, csv, parquet and warc records
    [(records,)] = query(db, "select count(*) from source_records")
    assert records >= 3 + 2 + 1 + 3
    assert query(db, "select element_count from dq_results where suite = 'source_records' "
                     "and expectation = 'source_path_source_record_unique'") == [(records,)]

    again = run_pipeline([inp], db)
    assert (again.files_new, again.files_changed, again.files_rejected) == (0, 0, 0)
    assert again.stage_seconds == {}  # nothing was parsed
    assert query(db, "select count(*) from articles") == [(12,)]


def test_the_ledger_keys_records_a_changed_line_replaces_its_rows_a_new_one_is_added(tmp_path):
    inp = tmp_path / "in"
    inp.mkdir()
    feed = inp / "feed.jsonl"
    shutil.copy(FORMATS / "three_records.jsonl", feed)
    db = tmp_path / "w.duckdb"
    run_pipeline([inp], db)
    before = dict(query(db, "select source_record, article_id from articles"))
    lines = feed.read_text().splitlines()
    lines[1] = lines[1].replace("One worker was killed", "Two workers were killed").replace("kills one", "kills two")
    lines.append(json.dumps({"title": "Landslide in Kerala buries homes", "maintext": "Rescuers pulled 11 people "
                             "alive from the mud after a landslide buried a row of homes in Kerala on Monday, "
                             "district officials said. Four people are still missing.",
                             "date_publish": "2024-04-15", "url": "https://www.southindiaherald.in/kerala"}))
    feed.write_text("\n".join(lines) + "\n")
    s = run_pipeline([inp], db)
    assert (s.files_changed, s.files_new) == (1, 0)
    after = dict(query(db, "select source_record, article_id from articles"))
    assert after["line 1"] == before["line 1"] and after["line 3"] == before["line 3"]  # untouched
    assert after["line 2"] != before["line 2"]  # replaced ...
    assert query(db, "select count(*) from articles where article_id = ?", [before["line 2"]]) == [(0,)]
    assert query(db, "select count(*) from claims where article_id = ?", [before["line 2"]]) == [(0,)]
    assert set(after) == {"line 1", "line 2", "line 3", "line 4"}  # ... and one added
    assert query(db, "select source_record, status from source_records order by 1") == \
        [("line 1", "article"), ("line 2", "article"), ("line 3", "article"), ("line 4", "article")]
    # only the changed and the new line were parsed: 2 articles' extraction ran
    assert sorted(r[0] for r in query(db, "select source_record from articles where run_id = ?", [s.run_id])) == \
        ["line 2", "line 4"]
    # a line removed: its article goes, the ledger says so
    feed.write_text("\n".join(lines[:1] + lines[2:]) + "\n")  # line numbers shift: keyed by line, not content
    run_pipeline([inp], db)
    assert query(db, "select count(*) from articles") == [(3,)]
    assert query(db, "select source_record, status from source_records where status = 'removed'") == \
        [("line 4", "removed")]


def test_copy_then_edit_keeps_provenance_on_the_copy(tmp_path, seeds_copy):
    """Issue 14.1: A holds X, B is a copy of A, then A changes."""
    inp = seeds_copy
    a, b = inp / "a.txt", inp / "b.txt"
    shutil.move(inp / "003_5324aab2ba0551e9.txt", a)
    db = tmp_path / "w.duckdb"
    run_pipeline([inp], db)
    x = query(db, "select article_id from articles where source_path = ?", [str(a)])[0][0]
    shutil.copy(a, b)
    run_pipeline([inp], db)
    a.write_text("A fire at a warehouse in the port of Rotterdam injured three workers on Monday, the fire "
                 "service said. The blaze was put out after two hours and the cause is under investigation.\n")
    s = run_pipeline([inp], db)
    assert s.status == "success"
    assert query(db, "select source_path from articles where article_id = ?", [x]) == [(str(b),)]
    assert query(db, "select count(*) from articles where source_path = ?", [str(a)]) == [(1,)]
    assert query(db, "select count(*) from articles where source_path = ? and article_id <> ?", [str(a), x]) == [(1,)]
    # X's figures are shown under b.txt, none under a.txt
    assert query(db, "select distinct source_file from claims_enriched where article_id = ?", [x]) == [("b.txt",)]
    assert query(db, "select status, article_id from source_files where source_path = ?", [str(b)]) == \
        [("article", x)]
    assert query(db, "select count(*) from dq_results where run_id = ? and not success", [s.run_id]) == [(0,)]


def test_an_edit_that_keeps_size_and_restores_mtime_is_seen(tmp_path, seeds_copy):
    """Issue 14.12: same size, `touch -r` back to the old mtime: the ctime changed, so the file is read."""
    db = tmp_path / "w.duckdb"
    path = seeds_copy / "000_1f00454815d1b512.txt"
    run_pipeline([seeds_copy], db)
    st = os.stat(path)
    text = path.read_text()
    assert "more than 60" in text
    time.sleep(0.05)
    path.write_text(text.replace("more than 60", "more than 70"))  # same size
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # what touch -r does
    assert os.stat(path).st_size == st.st_size and os.stat(path).st_mtime_ns == st.st_mtime_ns
    s = run_pipeline([seeds_copy], db)
    assert s.files_changed == 1
    body = query(db, "select body_clean from articles where source_path = ?", [str(path)])[0][0]
    assert "more than 70" in body


def test_a_run_that_ingests_nothing_says_so_and_strict_fails_it(tmp_path):
    from flows.ingest import StrictModeFailure

    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "README.md").write_text("notes")
    (inp / "gold.csv").write_text("file,killed\na.txt,1\n")
    s = run_pipeline([inp], tmp_path / "w.duckdb")
    assert s.nothing_ingested
    assert {(os.path.basename(r["source_path"]), r["reason"]) for r in s.rejected} == \
        {("README.md", "unsupported_format"), ("gold.csv", "no_text_column")}
    with pytest.raises(StrictModeFailure, match="nothing ingested"):
        run_pipeline([inp], tmp_path / "w2.duckdb", strict=True)
    ok = run_pipeline([SEEDS], tmp_path / "w3.duckdb")
    assert not ok.nothing_ingested


def test_metadata_dates_are_published_dates(tmp_path):
    inp = tmp_path / "in"
    inp.mkdir()
    shutil.copy(FORMATS / "newsplease_record.json", inp)
    db = tmp_path / "w.duckdb"
    run_pipeline([inp], db)
    assert query(db, "select published_date, published_date_source, authors, language from articles") == \
        [(date(2024, 6, 2), "metadata", ["Lena Hoffmann", "Tom Baker"], "en")]
