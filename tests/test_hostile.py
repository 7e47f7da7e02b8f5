"""Hostile input: every bad file is a rejected_inputs row with a reason, and the run carries on.

One table of (file, how it is made, what must happen): a rejected_inputs
reason, "skipped" (not an article file), or the article body it must load as.
The whole table goes through one real run; the cases that need a race, a
permission or volume (a file deleted between listing and reading, a folder
this user cannot read, 10,000 tiny files) have tests of their own below.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from flows.reader import list_inputs, read_files
from tests.conftest import run_pipeline
from tests.runproc import child_env, cli, prefect_api, q  # noqa: F401

pytestmark = pytest.mark.slow

GOOD = (" date 2016-07-27 A man was shot and killed in Gaston on Monday, police said. The shooting "
        "happened at a home on Glenn Road and the victim died at the scene before help arrived.")
# (at least 20 words: shorter articles are quarantined by the data-quality suite)
UTF16_BODY = ("Zürich police said “two people” were shot at the Café Odéon on Friday night; one died at the "
              "scene and the other was taken to hospital, officers said.")
CP1252_BODY = ("The café’s owner said “three people” were hurt – one seriously – in the attack on Sunday, "
               "and police in Zürich are looking for the gunman, a spokesman said.")


def _sparse(size: int):
    def make(path: Path):
        with open(path, "wb") as fh:
            fh.truncate(size)  # 100 MB on paper, no blocks on disk
    return make


def _symlink(target: str):
    def make(path: Path):
        os.symlink(target, path)
    return make


def _loop_dir(path: Path):
    path.mkdir()
    (path / "inside.txt").write_bytes(GOOD.replace("Gaston", "Belmont").encode())
    os.symlink(path, path / "again")  # again -> its own folder


def _unreadable(path: Path):
    """A regular file this process cannot read (root ignores permission bits: use /proc/self/mem,
    through a link out of the input folder, which the run allows)."""
    if os.geteuid() == 0:
        os.symlink("/proc/self/mem", path)
    else:
        path.write_text("secret")
        path.chmod(0)


def _fifo(path: Path):
    os.mkfifo(path)  # opening it would block forever: must never be read


TOMORROW = (date.today() + timedelta(days=1)).isoformat()
TEN_MB_LINE = b"Police said two people were shot. " * 308_405  # one line, 10.4 MB, no newline
LONG_LINE = b"Police said two people were shot. " * 9_000  # one line, 306 KB: under the byte limit

# (file name (bytes: raw file-system name), content or maker, expected)
# expected: a rejected_inputs reason, "skipped", or ("article", body_clean it must load as)
HOSTILE = [
    (b"empty.txt", b"", "empty_file"),
    (b"png_renamed.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 8,
     "binary_content"),
    (b"utf16_bom.txt", (" date 2024-03-01 " + UTF16_BODY).encode("utf-16"), ("article", UTF16_BODY)),
    (b"utf16le_no_bom.txt", UTF16_BODY.replace("Friday", "Monday").encode("utf-16-le"),
     ("article", UTF16_BODY.replace("Friday", "Monday"))),
    (b"cp1252.txt", CP1252_BODY.encode("cp1252"), ("article", CP1252_BODY)),
    (b"sparse_100mb.txt", _sparse(100 * 1024 * 1024), "too_large"),
    (b"one_line_10mb.txt", TEN_MB_LINE, "too_large"),
    (b"one_line_306kb.txt", LONG_LINE, "too_long"),
    (b"impossible_date.txt", b" date 2024-02-30 Police said two people were shot on Friday.", "invalid_header_date"),
    (b"month_13.txt", b" date 2024-13-01 Police said two people were shot on Friday.", "invalid_header_date"),
    (b"future_date.txt", f" date {TOMORROW} Police said two people were shot on Friday.".encode(),
     "future_published_date"),
    (b"header_only.txt", b" date 2024-03-01 ", "empty_file"),
    (b"furniture_only.txt", b"Advertisement\n\nWatch this report on your mobile device\n", "empty_file"),
    (b"loop_dir", _loop_dir, "symlink_loop"),  # loop_dir/again; loop_dir/inside.txt loads once
    (b"self_link.txt", _symlink("self_link.txt"), "symlink_loop"),
    (b"broken_link.txt", _symlink("no_such_file.txt"), "broken_symlink"),
    (b"unreadable.txt", _unreadable, "unreadable_file"),
    (b"fifo.txt", _fifo, "not_a_regular_file"),  # never opened at listing; refused if swapped in later
    (b"notes.md", b"# my notes", "unsupported_format"),  # named, not skipped silently
    (b"a'b\"c;drop table articles;--.txt", GOOD.replace("Gaston", "Dallas").encode(),
     ("article", GOOD.replace("Gaston", "Dallas")[17:])),
    (b"line\nbreak.txt", GOOD.replace("Gaston", "Austin").encode(), ("article", GOOD.replace("Gaston", "Austin")[17:])),
    (b"%_like\\ 'quote.txt", GOOD.replace("Gaston", "Tulsa").encode(), ("article", GOOD.replace("Gaston", "Tulsa")[17:])),
    (b"caf\xe9_latin1_name.txt", GOOD.replace("Gaston", "Omaha").encode(), "undecodable_file_name"),
]


def _build(folder: Path) -> dict[str, object]:
    """Make every HOSTILE file in ``folder``; return {stored source_path: expected}."""
    expected = {}
    for raw_name, content, want in HOSTILE:
        path = Path(os.fsdecode(os.path.join(os.fsencode(folder), raw_name)))
        if callable(content):
            content(path)
        else:
            path.write_bytes(content)
        key = str(path)
        if raw_name == b"loop_dir":
            key = str(path / "again")
        expected[os.fsencode(key).decode("utf-8", "backslashreplace")] = want
    return expected


def test_every_hostile_file_gets_its_reason_and_the_run_carries_on(tmp_path):
    bad = tmp_path / "hostile"
    bad.mkdir()
    expected = _build(bad)
    (bad / "good.txt").write_text(GOOD)
    db = tmp_path / "w.duckdb"

    t0 = time.monotonic()
    summary = run_pipeline([bad], db, follow_outside_links=True)
    assert summary.status == "success"
    assert time.monotonic() - t0 < 120

    rejected = dict(q(db, "select source_path, reason from rejected_inputs"))
    bodies = dict(q(db, "select source_path, body_clean from articles"))
    for path, want in expected.items():
        if want == "skipped":
            assert path not in rejected and path not in bodies, path
        elif isinstance(want, tuple):
            assert bodies.get(path) == want[1], (path, rejected.get(path))
        else:
            assert rejected.get(path) == want, path
    assert set(rejected) == {p for p, w in expected.items() if isinstance(w, str) and w != "skipped"}
    assert bodies[str(bad / "good.txt")] == GOOD[17:]
    assert str(bad / "loop_dir" / "inside.txt") in bodies  # the loop is cut, its folder still read once
    assert summary.files_rejected == len(rejected) and summary.files_skipped == 0
    # the dates of the decoded files came through their headers
    assert q(db, "select published_date from articles where source_path like '%utf16_bom.txt'") == \
        [(date(2024, 3, 1),)]
    # SQL metacharacters in names were data, never SQL: every table is there and whole
    assert q(db, "select count(*) from articles") == [(len(bodies),)]
    assert q(db, "select count(*) from source_files where source_path = ?",
             [str(bad / "a'b\"c;drop table articles;--.txt")]) == [(1,)]

    # a re-run reads nothing again and reports no rejection twice
    again = run_pipeline([bad], db, follow_outside_links=True)
    assert (again.files_new, again.files_changed, again.files_rejected) == (0, 0, 0)
    assert q(db, "select count(*) from rejected_inputs") == [(len(rejected),)]


def test_file_deleted_between_listing_and_reading(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    keep, gone, emptied = folder / "keep.txt", folder / "gone.txt", folder / "emptied.txt"
    for i, p in enumerate((keep, gone, emptied)):
        p.write_text(GOOD.replace("Gaston", ["Gaston", "Denver", "Reno"][i]))
    # the reader on its own: listed, then deleted / truncated, then read
    listing = list_inputs([folder])
    gone.rename(tmp_path / "gone.bak")
    emptied.write_bytes(b"")
    rows = {r["source_path"]: r for r in read_files(listing.files["source_path"].to_list(), 10**6).to_dicts()}
    assert rows[str(gone)]["read_error"].startswith("unreadable_file: vanished before it was read")
    assert rows[str(emptied)]["raw"] == b"" and rows[str(keep)]["read_error"] is None
    (tmp_path / "gone.bak").rename(gone)
    emptied.write_text(GOOD.replace("Gaston", "Reno"))

    # end to end: the flow's read step finds the file gone; the run carries on
    import flows.ingest

    real = flows.ingest.read_units

    def read_after_delete(units, *args, **kwargs):
        if gone.exists():
            gone.unlink()
        return real(units, *args, **kwargs)

    monkeypatch.setattr(flows.ingest, "read_units", read_after_delete)
    db = tmp_path / "w.duckdb"
    summary = run_pipeline([folder], db)
    assert summary.status == "success"
    assert q(db, "select source_path, reason from rejected_inputs") == [(str(gone), "unreadable_file")]
    assert q(db, "select count(*) from articles") == [(2,)]
    # it comes back: the next run reads it as a new article
    monkeypatch.setattr(flows.ingest, "read_units", real)
    gone.write_text(GOOD.replace("Gaston", "Denver"))
    again = run_pipeline([folder], db)
    assert q(db, "select count(*) from articles") == [(3,)]
    assert again.files_rejected == 0


def _without_dac(argv: list[str]) -> list[str]:
    """argv run as this root user minus the capabilities that let root read anything."""
    if os.geteuid() != 0:
        return argv
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: cannot make a folder unreadable to this process")
    caps = "-dac_override,-dac_read_search"
    return ["setpriv", f"--bounding-set={caps}", f"--inh-caps={caps}", *argv]


def test_folder_without_read_permission_is_rejected_and_the_rest_loads(tmp_path, prefect_api):
    import sys

    from tests.conftest import ROOT

    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "open").mkdir()
    (folder / "locked" / "inside.txt").write_text(GOOD)
    (folder / "open" / "a.txt").write_text(GOOD.replace("Gaston", "Boise"))
    (folder / "open" / "no_read.txt").write_text(GOOD.replace("Gaston", "Salem"))
    (folder / "locked").chmod(0)
    (folder / "open" / "no_read.txt").chmod(0)
    db = tmp_path / "w.duckdb"
    try:
        proc = subprocess.run(_without_dac([sys.executable, "-m", "flows.cli", "run", str(folder), "--db", str(db),
                                            "--no-progress"]),
                              cwd=ROOT, capture_output=True, text=True, timeout=300, env=child_env(prefect_api))
    finally:
        (folder / "locked").chmod(0o755)
    assert proc.returncode == 0, proc.stderr
    assert sorted(q(db, "select source_path, reason from rejected_inputs")) == [
        (str(folder / "locked"), "unreadable_folder"),
        (str(folder / "open" / "no_read.txt"), "unreadable_file"),
    ]
    assert q(db, "select source_path from articles") == [(str(folder / "open" / "a.txt"),)]
    assert "rejected" in proc.stdout and "unreadable_folder" in proc.stdout


N_TINY = 10_000


def test_ten_thousand_tiny_files_in_nested_folders(tmp_path):
    """1/3 are empty (rejected), the rest copies of 25 short articles (25 loaded, the rest duplicates)."""
    root = tmp_path / "tiny"
    texts = [f"Report {k}: police in Springfield said a man was shot on Oak Street on Tuesday night and "
             f"taken to the hospital, where he was listed in stable condition, officers said." for k in range(25)]
    for i in range(N_TINY):
        d = root / f"a{i % 10}" / f"b{i // 10 % 20}" / f"c{i // 200 % 5}"
        d.mkdir(parents=True, exist_ok=True)
        (d / f"n{i}.txt").write_text("" if i % 3 == 0 else texts[i % 25])
    db = tmp_path / "w.duckdb"
    t0 = time.monotonic()
    summary = run_pipeline([root], db)
    first = time.monotonic() - t0
    empty = len(range(0, N_TINY, 3))
    assert summary.status == "success"
    assert (summary.files_seen, summary.files_new, summary.files_rejected) == (N_TINY, 25, empty)
    assert summary.files_duplicate == N_TINY - empty - 25
    assert q(db, "select count(*) from articles") == [(25,)]
    assert q(db, "select reason, count(*) from rejected_inputs group by 1") == [("empty_file", empty)]
    assert q(db, "select count(*) from source_files") == [(N_TINY,)]

    t0 = time.monotonic()
    again = run_pipeline([root], db)
    second = time.monotonic() - t0
    assert (again.files_unchanged, again.files_new) == (N_TINY, 0)
    print(f"10,000 tiny files: first run {first:.1f} s, unchanged re-run {second:.1f} s")
    assert first < 120 and second < 30, (first, second)


# ---------------------------------------------------------------- SQL through the CLI

WRITES = [
    "insert into articles select * from articles",
    "delete from claims",
    "update pipeline_runs set status = 'success'",
    "drop table articles",
    "create table evil as select 1 as x",
    "alter table articles add column x int",
    "select 1; drop table claims",  # a second statement
    "copy (select 1) to '{db}'",  # the read-only connection could still write files
    "copy articles to '{db}.wal'",
    "export database '{tmp}/dump'",
    "attach '{db}' as w (read_only false); delete from w.articles",
    "attach '{tmp}/other.duckdb' as o; create table o.t as select 1",
    "set enable_external_access = true; copy (select 1) to '{db}'",
    "select * from read_text('/etc/hostname')",  # no file access at all
]


@pytest.mark.parametrize("statement", WRITES)
def test_sql_command_is_read_only_and_changes_nothing(seeds_db, tmp_path, capsys, statement):
    import hashlib

    from flows.cli import main

    db = tmp_path / "w.duckdb"
    shutil.copy(seeds_db, db)
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    rc = main(["sql", statement.format(db=db, tmp=tmp_path), "--db", str(db)])
    err = capsys.readouterr().err
    assert rc == 2 and "SQL error" in err, err
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest
    assert not Path(str(db) + ".wal").exists() and not (tmp_path / "dump").exists()
    assert main(["sql", "select count(*) from articles", "--db", str(db), "--format", "csv"]) == 0
    assert capsys.readouterr().out.split() == ["count_star()", "5"]


def test_sql_output_piped_into_head_ends_quietly(seeds_db):
    import sys

    from tests.conftest import ROOT

    proc = subprocess.Popen([sys.executable, "-m", "flows.cli", "sql", "select * from range(200000)",
                             "--db", str(seeds_db), "--format", "csv"], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "range"
    proc.stdout.close()  # what `| head -1` does
    assert proc.wait(60) == 0
    assert "Traceback" not in proc.stderr.read()


def test_reliability_md_lists_every_reason_code_and_fault_point():
    import re

    from flows import faults
    from tests.conftest import ROOT

    doc = (ROOT / "docs" / "RELIABILITY.md").read_text()
    text_src = (ROOT / "transforms" / "text.py").read_text()
    reader_src = (ROOT / "flows" / "reader.py").read_text()
    codes = set(re.findall(r'RejectedInput\(\s*"([a-z_]+)"', text_src))
    codes |= set(re.findall(r'reject\([^,]+,\s*"([a-z_]+)"', reader_src))
    codes |= set(re.findall(r'reason = "([a-z_]+)"', reader_src))
    codes |= set(re.findall(r'err = f?"([a-z_]+): ', reader_src))
    assert len(codes) >= 12, codes
    for code in codes:
        assert f"| `{code}` |" in doc, f"docs/RELIABILITY.md has no row for reason {code}"
    for point in faults.POINTS:
        assert point in doc


def test_a_non_utf8_path_argument_is_a_usage_error(tmp_path, capsys):
    from flows.cli import main

    name = os.fsdecode(os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt"))
    Path(name).write_text(GOOD)
    assert main(["run", name, "--db", str(tmp_path / "w.duckdb")]) == 2
    err = capsys.readouterr().err
    assert "input path is not valid UTF-8" in err and "caf\\xe9.txt" in err
    assert not (tmp_path / "w.duckdb").exists()
