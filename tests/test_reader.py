"""The input reader: recursive listing, skipped non-articles, rejects, size limit."""

import os

import pytest

from flows.reader import InputPathError, list_inputs, read_files


def write(path, data: bytes = b"Body text."):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_lists_articles_recursively_and_skips_other_files(tmp_path):
    write(tmp_path / "a.txt")
    write(tmp_path / "sub" / "deeper" / "b.TXT")
    write(tmp_path / "gold.csv")
    write(tmp_path / "README.md")
    write(tmp_path / ".hidden.txt")
    listing = list_inputs([tmp_path])
    names = [os.path.relpath(p, tmp_path) for p in listing.files["source_path"]]
    assert names == ["a.txt", "sub/deeper/b.TXT"]
    assert sorted(os.path.basename(p) for p in listing.skipped) == [".hidden.txt", "README.md", "gold.csv"]
    assert listing.rejected == []
    assert listing.seen == 5


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
