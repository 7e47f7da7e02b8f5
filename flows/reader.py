"""The one way in for raw data: list input folders and read article files.

Nothing else in the project opens an input folder or article file. Listing
never reads contents (cheap stat only); reading returns raw bytes plus their
sha256 and never raises for a bad file: problems become ``read_error``
("reason: detail") and, later, rejected_inputs rows. A file whose name is not
valid UTF-8 cannot be a text key in the warehouse: it is rejected at listing
(undecodable_file_name) under its name with the bad bytes escaped (\\xe9).
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat as stat_mod
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl


class InputPathError(FileNotFoundError):
    """A path given on the command line does not exist (a CLI error, not a rejected input)."""


FILES_SCHEMA = {"source_path": pl.String, "size_bytes": pl.Int64, "mtime_ns": pl.Int64}
READ_SCHEMA = {
    "source_path": pl.String,
    "raw": pl.Binary,
    "file_sha256": pl.String,
    "size_bytes": pl.Int64,
    "mtime_ns": pl.Int64,
    "read_error": pl.String,
}


@dataclass
class Listing:
    files: pl.DataFrame  # FILES_SCHEMA: candidate article files
    skipped: list[str] = field(default_factory=list)  # not articles (README.md, gold.csv, ...)
    rejected: list[dict] = field(default_factory=list)  # source_path, reason, detail

    @property
    def seen(self) -> int:
        return self.files.height + len(self.skipped) + len(self.rejected)


def text_path(path: str) -> str:
    """``path`` as storable text: bytes that are not UTF-8 (surrogate-escaped by os) become \\xNN."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")


def _describe(exc: OSError) -> str:
    return f"{exc.strerror or exc.__class__.__name__} ({errno.errorcode.get(exc.errno, exc.errno)})"


def list_inputs(paths: list[Path], suffixes: tuple[str, ...] = (".txt",)) -> Listing:
    """Walk files and folders (recursively, following symlinks, loop-safe), sorted."""
    missing = [str(p) for p in paths if not os.path.lexists(p)]
    if missing:
        raise InputPathError(f"input path does not exist: {', '.join(missing)}")
    files: dict[str, tuple[int, int]] = {}
    listing = Listing(files=pl.DataFrame(schema=FILES_SCHEMA))
    visited_dirs: set[tuple[int, int]] = set()

    def reject(path: str, reason: str, detail: str) -> None:
        listing.rejected.append({"source_path": text_path(path), "reason": reason, "detail": detail})

    def visit(path: str) -> None:
        try:
            st = os.stat(path)
        except OSError as exc:
            reason = "symlink_loop" if exc.errno == errno.ELOOP else "unreadable_file"
            if exc.errno == errno.ENOENT and os.path.islink(path):
                reason = "broken_symlink"
            reject(path, reason, _describe(exc))
            return
        if stat_mod.S_ISDIR(st.st_mode):
            key = (st.st_dev, st.st_ino)
            if key in visited_dirs:
                if os.path.islink(path):
                    reject(path, "symlink_loop", "folder already visited through another link")
                return
            visited_dirs.add(key)
            try:
                with os.scandir(path) as it:
                    names = sorted(entry.name for entry in it)
            except OSError as exc:
                reject(path, "unreadable_folder", _describe(exc))
                return
            for name in names:
                visit(os.path.join(path, name))
            return
        if not stat_mod.S_ISREG(st.st_mode):
            listing.skipped.append(path)
            return
        name = os.path.basename(path)
        if name.startswith(".") or not name.lower().endswith(suffixes):
            listing.skipped.append(path)
            return
        if text_path(path) != path:
            reject(path, "undecodable_file_name", "the path is not valid UTF-8: rename the file")
            return
        files.setdefault(path, (st.st_size, st.st_mtime_ns))

    for p in paths:
        visit(os.path.abspath(p))
    listing.files = pl.DataFrame(
        [(p, s, m) for p, (s, m) in files.items()], schema=FILES_SCHEMA, orient="row"
    )
    return listing


def read_files(paths: list[str], max_bytes: int) -> pl.DataFrame:
    """Raw bytes of each path (READ_SCHEMA). Oversized files are not read."""
    rows = []
    for path in paths:
        raw = sha = err = None
        size = mtime = None
        try:
            st = os.stat(path)
            size, mtime = st.st_size, st.st_mtime_ns
            if size > max_bytes:
                err = f"too_large: {size:,} bytes > limit {max_bytes:,} (NEWSCLAIMS_MAX_FILE_BYTES)"
            else:
                with open(path, "rb") as fh:
                    raw = fh.read(max_bytes + 1)
                if len(raw) > max_bytes:  # grew since stat
                    raw, err = None, f"too_large: more than {max_bytes:,} bytes"
                else:
                    sha = hashlib.sha256(raw).hexdigest()
                    size = len(raw)
        except FileNotFoundError as exc:
            err = f"unreadable_file: vanished before it was read ({_describe(exc)})"
        except OSError as exc:
            err = f"unreadable_file: {_describe(exc)}"
        rows.append((path, raw, sha, size, mtime, err))
    return pl.DataFrame(rows, schema=READ_SCHEMA, orient="row")
