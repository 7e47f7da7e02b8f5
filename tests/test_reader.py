"""The input reader: recursive listing, formats, rejects (unsupported, links, FIFOs), size limit."""

import os
import threading

import pytest

from flows.reader import InputPathError, list_inputs, read_files, read_units


def write(path, data: bytes = b"Body text."):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_lists_every_format_recursively_and_names_what_it_cannot_read(tmp_path):
    write(tmp_path / "a.txt")
    write(tmp_path / "sub" / "deeper" / "b.TXT")
    write(tmp_path / "gold.csv")
    write(tmp_path / "page.HTM")
    write(tmp_path / "cc" / "news.warc.gz")
    write(tmp_path / "README.md")
    write(tmp_path / "photo.jpeg")
    write(tmp_path / ".hidden.txt")
    listing = list_inputs([tmp_path])
    rows = {os.path.relpath(p, tmp_path): f for p, f in listing.files.select("source_path", "format").iter_rows()}
    assert rows == {"a.txt": "txt", "cc/news.warc.gz": "warc", "gold.csv": "csv", "page.HTM": "html",
                    "sub/deeper/b.TXT": "txt"}
    assert [os.path.basename(p) for p in listing.skipped] == [".hidden.txt"]
    rejected = {os.path.basename(r["source_path"]): (r["reason"], r["detail"]) for r in listing.rejected}
    assert rejected["README.md"][0] == "unsupported_format" and "'.md'" in rejected["README.md"][1]
    assert rejected["photo.jpeg"][0] == "unsupported_format"
    assert listing.seen == 8


def test_a_suffix_setting_reads_more_files_as_text(tmp_path):
    write(tmp_path / "notes.md")
    listing = list_inputs([tmp_path], (".txt", ".md"))
    assert listing.files["format"].to_list() == ["txt"] and listing.rejected == []


def test_a_symlink_that_leaves_the_input_is_rejected_unless_allowed(tmp_path):
    """Issue 14.4: a .txt link to a file outside the input folder (/etc/passwd) is not read."""
    inp = write(tmp_path / "in" / "a.txt").parent
    write(tmp_path / "in" / "sub" / "b.txt")
    os.symlink("/etc/passwd", inp / "passwd.txt")
    os.symlink(tmp_path / "outside", inp / "elsewhere")  # a folder link out of the input
    write(tmp_path / "outside" / "c.txt")
    os.symlink(inp / "sub" / "b.txt", inp / "inside.txt")  # a link within the input is fine
    listing = list_inputs([inp])
    names = sorted(os.path.relpath(p, inp) for p in listing.files["source_path"])
    assert names == ["a.txt", "inside.txt", "sub/b.txt"]
    reasons = {os.path.basename(r["source_path"]): r for r in listing.rejected}
    assert reasons.keys() == {"passwd.txt", "elsewhere"}
    assert reasons["passwd.txt"]["reason"] == "symlink_outside_input"
    assert "/etc/passwd" in reasons["passwd.txt"]["detail"]
    allowed = list_inputs([inp], follow_outside_links=True)
    assert sorted(os.path.relpath(p, inp) for p in allowed.files["source_path"]) == \
        ["a.txt", "elsewhere/c.txt", "inside.txt", "passwd.txt", "sub/b.txt"]
    # a link named on the command line is the user's choice: read
    assert list_inputs([inp / "passwd.txt"]).files.height == 1


def test_a_fifo_is_rejected_at_listing_and_never_blocks_a_read(tmp_path):
    """Issue 14.5: a FIFO listed, or swapped in for a file after listing, is refused without blocking."""
    os.mkfifo(tmp_path / "pipe.txt")
    listing = list_inputs([tmp_path])
    assert [(os.path.basename(r["source_path"]), r["reason"]) for r in listing.rejected] == \
        [("pipe.txt", "not_a_regular_file")]
    path = write(tmp_path / "in" / "a.txt", b"Some text.")
    listing = list_inputs([path.parent])
    path.unlink()
    os.mkfifo(path)  # swapped after listing; no writer will ever open it
    out = {}
    t = threading.Thread(target=lambda: out.update(
        old=read_files([str(path)], 1000).to_dicts()[0],
        new=read_units([(str(path), 0, 0)], {}, {}, max_bytes=1000, budget=10).files.to_dicts()[0]), daemon=True)
    t.start()
    t.join(10)
    assert not t.is_alive(), "reading a FIFO blocked"
    assert out["old"]["read_error"].startswith("not_a_regular_file: a FIFO")
    assert out["new"]["read_error"].startswith("not_a_regular_file: a FIFO")


def test_deep_folders_are_walked_without_recursion(tmp_path):
    """Issue 14.7: 1,100 nested levels (a path of ~2,200 characters) list fine."""
    folder = str(tmp_path)
    for _ in range(1100):  # os.makedirs itself recurses
        folder = os.path.join(folder, "d")
        os.mkdir(folder)
    write(tmp_path / "top.txt")
    deep = os.path.join(folder, "bottom.txt")
    with open(deep, "wb") as fh:
        fh.write(b"Text at the bottom.")
    try:
        listing = list_inputs([tmp_path])
        assert [os.path.basename(p) for p in listing.files["source_path"]] == ["bottom.txt", "top.txt"]
        assert len(listing.files["source_path"][0]) > 2200 and listing.rejected == []
    finally:  # shutil.rmtree (and pytest's own clean-up of tmp_path) recurse: remove bottom-up here
        os.unlink(deep)
        while folder != str(tmp_path):
            os.rmdir(folder)
            folder = os.path.dirname(folder)


def test_missing_path_is_a_cli_error(tmp_path):
    with pytest.raises(InputPathError, match="does not exist"):
        list_inputs([tmp_path / "nope"])


def test_symlink_loop_and_broken_link_are_rejected_not_fatal(tmp_path):
    write(tmp_path / "d" / "a.txt")
    os.symlink(tmp_path / "d", tmp_path / "d" / "loop")  # d/loop -> d
    os.symlink(tmp_path / "gone.txt", tmp_path / "broken.txt")
    os.symlink(tmp_path / "self.txt", tmp_path / "self.txt")  # ELOOP on stat
    listing = list_inputs([tmp_path])
    assert [os.path.basename(p) for p in listing.files["source_path"]] == ["a.txt"]
    reasons = {os.path.relpath(r["source_path"], tmp_path): r["reason"] for r in listing.rejected}
    assert reasons == {"broken.txt": "broken_symlink", "d/loop": "symlink_loop", "self.txt": "symlink_loop"}


def test_same_file_given_twice_is_listed_once(tmp_path):
    f = write(tmp_path / "a.txt")
    listing = list_inputs([tmp_path, f])
    assert listing.files.height == 1


def test_read_files_hashes_and_enforces_size_limit(tmp_path):
    small = write(tmp_path / "small.txt", b"x" * 10)
    big = write(tmp_path / "big.txt", b"x" * 101)
    gone = tmp_path / "gone.txt"
    rows = {r["source_path"]: r for r in read_files([str(small), str(big), str(gone)], max_bytes=100).to_dicts()}
    assert rows[str(small)]["raw"] == b"x" * 10
    assert rows[str(small)]["file_sha256"] == __import__("hashlib").sha256(b"x" * 10).hexdigest()
    assert rows[str(big)]["raw"] is None and rows[str(big)]["read_error"].startswith("too_large: 101 bytes")
    assert rows[str(gone)]["read_error"].startswith("unreadable_file: vanished")
