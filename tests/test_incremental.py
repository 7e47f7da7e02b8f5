"""Incremental planning: stat and hash checks, duplicates, replaced articles."""

import polars as pl

from transforms.incremental import assign_articles, classify_read, orphaned_articles, unchanged_by_stat

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


def test_assign_articles_first_path_wins_and_existing_content_is_duplicate():
    inserted, status = assign_articles([("/x.txt", "X"), ("/y.txt", "X"), ("/z.txt", "C")], {"C"})
    assert inserted == {"/x.txt"}
    assert status == {"/x.txt": "article", "/y.txt": "duplicate", "/z.txt": "duplicate"}


def test_orphaned_articles_only_when_no_path_holds_the_content():
    # /c.txt changed to new content: C is held by nobody -> orphaned
    assert orphaned_articles(LEDGER, {"/c.txt"}, {"/c.txt": "C2"}) == {"C"}
    # /a.txt changed, but /b.txt still holds A -> kept
    assert orphaned_articles(LEDGER, {"/a.txt"}, {"/a.txt": "A2"}) == set()
    # /c.txt changed and became unreadable (rejected) -> C orphaned
    assert orphaned_articles(LEDGER, {"/c.txt"}, {"/c.txt": None}) == {"C"}
