"""Incremental planning: stat and hash checks, duplicates, replaced articles."""

import polars as pl

from transforms.incremental import classify_read, unchanged_by_stat

LEDGER = pl.DataFrame(
    {
        "source_path": ["/a.txt", "/b.txt", "/c.txt", "/unread.txt"],
        "file_sha256": ["sa", "sb", "sc", None],  # /unread.txt: rejected unread (I/O error, too large)
        "size_bytes": [10, 20, 30, 40],
        "mtime_ns": [1, 2, 3, 4],
        "status": ["article", "duplicate", "article", "rejected"],
        "article_id": ["A", "A", "C", None],
    }
)


RECORDS = pl.DataFrame(schema={"source_path": pl.String, "source_record": pl.String, "change": pl.String})


def test_unchanged_by_stat_needs_same_size_and_mtime():
    files = pl.DataFrame({"source_path": ["/a.txt", "/b.txt", "/c.txt", "/new.txt", "/unread.txt"],
                          "size_bytes": [10, 21, 30, 5, 40], "mtime_ns": [1, 2, 99, 1, 4]})
    # a file the ledger never hashed is read again even with the same stat
    assert unchanged_by_stat(files, LEDGER).to_list() == [True, False, False, False, False]


def test_classify_read_by_hash():
    read = pl.DataFrame({"source_path": ["/a.txt", "/c.txt", "/new.txt", "/b.txt", "/unread.txt", "/unread.txt"],
                         "file_sha256": ["sa", "sc2", "sn", None, None, "su"]})
    assert classify_read(read, LEDGER)["change"].to_list() == \
        ["unchanged", "changed", "new", "changed", "unchanged", "changed"]


def test_resolve_refs_first_path_wins_and_existing_content_is_duplicate():
    from transforms.incremental import resolve_refs

    staged = [(("/x.txt", ""), 0, "X"), (("/y.txt", ""), 0, "X"), (("/z.txt", ""), 0, "C")]
    refs = resolve_refs({("/c.txt", ""): "C"}, {"/x.txt", "/y.txt", "/z.txt"}, RECORDS, staged, set(), {"C"},
                        {"C": ("/c.txt", "")})
    assert refs.inserted == {"X": ("/x.txt", "")}
    assert refs.status == {("/x.txt", ""): "article", ("/y.txt", ""): "duplicate", ("/z.txt", ""): "duplicate"}


def test_resolve_refs_orphans_only_what_no_path_holds():
    from transforms.incremental import old_refs, resolve_refs

    before = old_refs(LEDGER, pl.DataFrame(schema={"source_path": pl.String, "source_record": pl.String,
                                                   "article_id": pl.String, "status": pl.String}))
    src = {"A": ("/a.txt", ""), "C": ("/c.txt", "")}
    # /c.txt changed to new content: C is held by nobody -> orphaned
    assert resolve_refs(before, {"/c.txt"}, RECORDS, [(("/c.txt", ""), 0, "C2")], set(), {"A", "C"}, src).orphans == {"C"}
    # /a.txt changed, but /b.txt still holds A -> kept, and A moves to /b.txt
    refs = resolve_refs(before, {"/a.txt"}, RECORDS, [(("/a.txt", ""), 0, "A2")], set(), {"A", "C"}, src)
    assert refs.orphans == set() and refs.moves == {"A": ("/b.txt", "")}
    # /c.txt changed and became unreadable (rejected) -> C orphaned
    refs = resolve_refs(before, {"/c.txt"}, RECORDS, [], {("/c.txt", "")}, {"A", "C"}, src)
    assert refs.orphans == {"C"} and refs.status == {("/c.txt", ""): "rejected"}


def test_unchanged_by_stat_sees_ctime_and_inode():
    """Issue 14.12: same size and mtime (touch -r) but a new ctime or inode is not unchanged."""
    known = LEDGER.with_columns(pl.Series("ctime_ns", [7, 8, 9, 10]), pl.Series("inode", [1, 2, 3, 4]))
    files = pl.DataFrame({"source_path": ["/a.txt", "/a.txt", "/a.txt"], "size_bytes": [10, 10, 10],
                          "mtime_ns": [1, 1, 1], "ctime_ns": [7, 70, 7], "inode": [1, 1, 99]})
    assert unchanged_by_stat(files, known).to_list() == [True, False, False]



def test_resolve_refs_moves_an_article_to_the_copy_that_still_holds_it():
    """Issue 14.1: a.txt held X, b.txt is its copy (duplicate), then a.txt changes to Y."""
    from transforms.incremental import resolve_refs

    before = {("/a.txt", ""): "X", ("/b.txt", ""): "X"}
    refs = resolve_refs(before, {"/a.txt"}, RECORDS, [(("/a.txt", ""), 0, "Y")], set(), {"X"},
                        {"X": ("/a.txt", "")})
    assert refs.orphans == set()
    assert refs.inserted == {"Y": ("/a.txt", "")}
    assert refs.moves == {"X": ("/b.txt", "")}
    assert refs.status == {("/a.txt", ""): "article", ("/b.txt", ""): "article"}


def test_resolve_refs_records_changed_unchanged_removed():
    from transforms.incremental import resolve_refs

    before = {("/f.jsonl", "line 1"): "A", ("/f.jsonl", "line 2"): "B", ("/f.jsonl", "line 3"): "C"}
    records = pl.DataFrame({"source_path": ["/f.jsonl"] * 2, "source_record": ["line 1", "line 2"],
                            "change": ["unchanged", "changed"]})
    refs = resolve_refs(before, {"/f.jsonl"}, records, [(("/f.jsonl", "line 2"), 1, "B2")], set(),
                        {"A", "B", "C"}, {"A": ("/f.jsonl", "line 1"), "B": ("/f.jsonl", "line 2"),
                                          "C": ("/f.jsonl", "line 3")})
    assert refs.orphans == {"B", "C"}
    assert refs.status == {("/f.jsonl", "line 1"): "article", ("/f.jsonl", "line 2"): "article",
                           ("/f.jsonl", "line 3"): "removed"}
    assert refs.after == {("/f.jsonl", "line 1"): "A", ("/f.jsonl", "line 2"): "B2"}


def test_records_whose_article_is_quarantined_say_so():
    from transforms.incremental import mark_quarantined

    rows = pl.DataFrame({"source_record": ["line 1", "line 2", "line 3"], "status": ["article", "duplicate", "rejected"],
                         "article_id": ["A", "A", None]})
    assert mark_quarantined(rows, {"A"})["status"].to_list() == ["quarantined", "quarantined", "rejected"]
    assert mark_quarantined(rows, set())["status"].to_list() == ["article", "duplicate", "rejected"]
