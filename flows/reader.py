"""The one way in for raw data: list input folders and read article files.

Nothing else in the project opens an input folder or article file (the format
readers in flows/formats/ work on what this module opens for them). Listing
never reads contents (cheap stat only); reading never raises for a bad file:
problems become ``read_error`` ("reason: detail") and, later, rejected_inputs
rows. A file whose name is not valid UTF-8 cannot be a text key in the
warehouse: it is rejected at listing (undecodable_file_name) under its name
with the bad bytes escaped (\\xe9).

Listing walks folders iteratively (any depth), sorted, loop-safe. A symlink
that resolves outside the input roots (the paths given) is not followed
unless ``follow_outside_links`` (NEWSCLAIMS_FOLLOW_OUTSIDE_LINKS) says so: it
is rejected (symlink_outside_input). A file of no supported format is rejected
(unsupported_format), never dropped unnamed; FIFOs, sockets and devices are
rejected (not_a_regular_file). Files are opened with O_NONBLOCK and checked to
be regular files after opening, so a file swapped for a FIFO after listing
never blocks a read.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat as stat_mod
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from flows import formats
from flows.formats import FormatError, Record


class InputPathError(FileNotFoundError):
    """A path given on the command line does not exist (a CLI error, not a rejected input)."""


FILES_SCHEMA = {"source_path": pl.String, "size_bytes": pl.Int64, "mtime_ns": pl.Int64,
                "ctime_ns": pl.Int64, "inode": pl.Int64, "format": pl.String}
READ_SCHEMA = {
    "source_path": pl.String,
    "raw": pl.Binary,
    "file_sha256": pl.String,
    "size_bytes": pl.Int64,
    "mtime_ns": pl.Int64,
    "read_error": pl.String,
}
# one row per file a read step looked at (first chunk of a multi-record file)
FILE_READ_SCHEMA = {
    "source_path": pl.String,
    "format": pl.String,
    "file_sha256": pl.String,
    "size_bytes": pl.Int64,
    "mtime_ns": pl.Int64,
    "ctime_ns": pl.Int64,
    "inode": pl.Int64,
    "read_error": pl.String,
}
# one row per record read (single-record files: source_record NULL)
RECORD_SCHEMA = {
    "source_path": pl.String,
    "source_record": pl.String,
    "record_index": pl.Int64,
    "record_sha256": pl.String,
    "parsed": pl.Boolean,
    "raw": pl.Binary,
    "text": pl.String,
    "title": pl.String,
    "published": pl.String,
    "source_url": pl.String,
    "outlet": pl.String,
    "authors": pl.List(pl.String),
    "language": pl.String,
    "record_error": pl.String,
}


@dataclass
class Listing:
    files: pl.DataFrame  # FILES_SCHEMA: candidate article files
    skipped: list[str] = field(default_factory=list)  # hidden files (.DS_Store, .hidden.txt)
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


def _inside(real: str, roots: list[str]) -> bool:
    return any(real == r or real.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


def list_inputs(paths: list[Path], suffixes: tuple[str, ...] = (".txt",), *,
                follow_outside_links: bool = False) -> Listing:
    """Walk files and folders (iteratively, any depth, loop-safe), sorted.

    ``suffixes``: extra suffixes read as plain text articles (besides the formats
    of flows/formats: .txt .html .htm .json .jsonl .csv .parquet .warc .warc.gz).
    """
    missing = [str(p) for p in paths if not os.path.lexists(p)]
    if missing:
        raise InputPathError(f"input path does not exist: {', '.join(missing)}")
    files: dict[str, tuple] = {}
    listing = Listing(files=pl.DataFrame(schema=FILES_SCHEMA))
    visited_dirs: set[tuple[int, int]] = set()
    roots = [os.path.realpath(p) for p in paths]

    def reject(path: str, reason: str, detail: str) -> None:
        listing.rejected.append({"source_path": text_path(path), "reason": reason, "detail": detail})

    def visit(path: str, top: bool) -> list[str]:
        """Look at one path; return the children of a folder (sorted) to walk next."""
        try:
            st = os.stat(path)
        except OSError as exc:
            reason = "symlink_loop" if exc.errno == errno.ELOOP else "unreadable_file"
            if exc.errno == errno.ENOENT and os.path.islink(path):
                reason = "broken_symlink"
            reject(path, reason, _describe(exc))
            return []
        if not top and not follow_outside_links and os.path.islink(path):
            real = os.path.realpath(path)
            if not _inside(real, roots):
                reject(path, "symlink_outside_input",
                       f"links to {text_path(real)}, outside the input folders "
                       "(NEWSCLAIMS_FOLLOW_OUTSIDE_LINKS=true follows such links)")
                return []
        if stat_mod.S_ISDIR(st.st_mode):
            key = (st.st_dev, st.st_ino)
            if key in visited_dirs:
                if os.path.islink(path):
                    reject(path, "symlink_loop", "folder already visited through another link")
                return []
            visited_dirs.add(key)
            try:
                with os.scandir(path) as it:
                    names = sorted(entry.name for entry in it)
            except OSError as exc:
                reject(path, "unreadable_folder", _describe(exc))
                return []
            return [os.path.join(path, name) for name in names]
        name = os.path.basename(path)
        if name.startswith("."):
            listing.skipped.append(path)
            return []
        if not stat_mod.S_ISREG(st.st_mode):
            reject(path, "not_a_regular_file", f"a {_kind(st.st_mode)}, not a file")
            return []
        fmt = formats.format_of(name, suffixes)
        if fmt is None:
            reject(path, "unsupported_format",
                   f"no reader for {_suffix(name)!r} files (read: {', '.join(sorted(formats.SUFFIXES))})")
            return []
        if text_path(path) != path:
            reject(path, "undecodable_file_name", "the path is not valid UTF-8: rename the file")
            return []
        files.setdefault(path, (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, fmt))
        return []

    stack = [(os.path.abspath(p), True) for p in reversed(paths)]
    while stack:  # depth first, in sorted order, without recursion (1,000s of levels are fine)
        path, top = stack.pop()
        stack.extend((child, False) for child in reversed(visit(path, top)))
    listing.files = pl.DataFrame([(p, *v) for p, v in files.items()], schema=FILES_SCHEMA, orient="row")
    return listing


def _kind(mode: int) -> str:
    for test, name in ((stat_mod.S_ISFIFO, "FIFO"), (stat_mod.S_ISSOCK, "socket"), (stat_mod.S_ISCHR, "character device"),
                       (stat_mod.S_ISBLK, "block device")):
        if test(mode):
            return name
    return "special file"


def _suffix(name: str) -> str:
    stem, dot, ext = name.rpartition(".")
    return f".{ext}" if dot and stem else name


class NotRegularFile(OSError):
    pass


def _nonblocking(path, flags):
    return os.open(path, flags | os.O_NONBLOCK)


def open_input(path: str):
    """Open an input file for binary reading without ever blocking (a FIFO swapped in is refused)."""
    fh = open(path, "rb", opener=_nonblocking)
    try:
        st = os.fstat(fh.fileno())
        if not stat_mod.S_ISREG(st.st_mode):
            raise NotRegularFile(errno.EINVAL, f"a {_kind(st.st_mode)} replaced the file after listing")
    except BaseException:
        fh.close()
        raise
    return fh, st


def _read_error(exc: OSError) -> str:
    if isinstance(exc, NotRegularFile):
        return f"not_a_regular_file: {exc.strerror}"
    if isinstance(exc, FileNotFoundError):
        return f"unreadable_file: vanished before it was read ({_describe(exc)})"
    return f"unreadable_file: {_describe(exc)}"


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
                fh, _ = open_input(path)
                with fh:
                    raw = fh.read(max_bytes + 1)
                if len(raw) > max_bytes:  # grew since stat
                    raw, err = None, f"too_large: more than {max_bytes:,} bytes"
                else:
                    sha = hashlib.sha256(raw).hexdigest()
                    size = len(raw)
        except OSError as exc:
            err = _read_error(exc)
        rows.append((path, raw, sha, size, mtime, err))
    return pl.DataFrame(rows, schema=READ_SCHEMA, orient="row")


# ---------------------------------------------------------------- records


@dataclass
class ReadBatch:
    """What one read step produced: file rows, record rows, and where to go on (multi-record files)."""

    files: pl.DataFrame  # FILE_READ_SCHEMA
    records: pl.DataFrame  # RECORD_SCHEMA
    resume: list[tuple[str, int, int]]  # (path, position, record index) to read in a later step


def _record_row(path: str, rec: Record, single: bool) -> tuple:
    f = rec.fields
    return (path, None if single else rec.key, rec.index, rec.sha256, rec.parsed, rec.raw,
            f.get("text"), f.get("title"), None if f.get("published") is None else str(f.get("published")),
            f.get("url"), f.get("outlet"), f.get("authors"), f.get("language"), rec.error)


def _file_sha(fh) -> str:
    h = hashlib.sha256()
    for block in iter(lambda: fh.read(1 << 20), b""):
        h.update(block)
    return h.hexdigest()


def read_units(units: list[tuple[str, int, int]], known_files: dict[str, str], known_records: dict,
               *, max_bytes: int, budget: int, column_map: dict | None = None,
               extra_txt: tuple[str, ...] = ()) -> ReadBatch:
    """Read work units ``(path, position, record index)``; position 0 = the file from its start.

    ``known_files``: path -> file_sha256 in the ledger (a file whose bytes are the
    same is not parsed: nothing in it changed); ``known_records``: (path, record)
    -> record_sha256 (a record with the same bytes is keyed and hashed, not
    parsed). At most ``budget`` records are parsed; what is left of a file is
    returned in ``resume``. Streamed formats (WARC) are not bound by ``max_bytes``.
    """
    file_rows, record_rows, resume = [], [], []
    left = [budget]
    for i, (path, position, first_index) in enumerate(units):
        if left[0] <= 0:
            resume.extend(units[i:])
            break
        fmt = formats.format_of(os.path.basename(path), extra_txt) or "txt"
        first = position == 0 and first_index == 0
        try:
            fh, st = open_input(path)
        except OSError as exc:
            if first:
                file_rows.append((path, fmt, None, None, None, None, None, _read_error(exc)))
            continue
        with fh:
            row = [path, fmt, None, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, None]
            try:
                if fmt in formats.STREAMED:
                    sha = _file_sha(fh) if first else None
                    data = None
                elif st.st_size > max_bytes:
                    raise _TooLarge(f"too_large: {st.st_size:,} bytes > limit {max_bytes:,} (NEWSCLAIMS_MAX_FILE_BYTES)")
                else:
                    data = fh.read(max_bytes + 1)
                    if len(data) > max_bytes:
                        raise _TooLarge(f"too_large: more than {max_bytes:,} bytes")
                    sha = hashlib.sha256(data).hexdigest()
                    row[3] = len(data)
                row[2] = sha
                if first and sha is not None and known_files.get(path) == sha:
                    file_rows.append(tuple(row))  # same bytes as loaded: nothing in it changed
                    continue
                def parse(key, s, _p=path):  # parse a record only while the budget lasts, and only if new/changed
                    return left[0] > 0 and (key is None or known_records.get((_p, key)) != s)

                single = fmt not in formats.MULTI_RECORD
                records = _records(fmt, fh, data, st.st_size, position, first_index, parse, column_map)
                if fmt == "json" and data is not None:
                    single = len(records) == 1 and records[0].key is None
                if not isinstance(records, _Positioned):  # a list (one article, or a JSON list): from first_index
                    records = [(r, r.index) for r in records if r.index >= first_index]
                for rec, pos in records:
                    if left[0] <= 0:
                        resume.append((path, pos, rec.index))
                        break
                    record_rows.append(_record_row(path, rec, single))
                    if rec.parsed:
                        left[0] -= 1
            except _TooLarge as exc:
                row[7] = str(exc)
            except FormatError as exc:
                row[7] = f"{exc.reason}: {exc.detail}"
            except OSError as exc:
                row[7] = _read_error(exc)
            except RejectedText as exc:
                row[7] = str(exc)
            if first:
                file_rows.append(tuple(row))
    return ReadBatch(
        files=pl.DataFrame(file_rows, schema=FILE_READ_SCHEMA, orient="row"),
        records=pl.DataFrame(record_rows, schema=RECORD_SCHEMA, orient="row"),
        resume=resume,
    )


class _TooLarge(Exception):
    pass


class RejectedText(Exception):
    pass


class _Positioned(list):
    """Records with the position each starts at (a generator, for streamed formats)."""

    def __init__(self, gen):
        super().__init__()
        self.gen = gen

    def __iter__(self):
        return iter(self.gen)


def _decode(data: bytes) -> str:
    from transforms.text import RejectedInput, decode_bytes

    try:
        return decode_bytes(data)[0]
    except RejectedInput as exc:
        raise RejectedText(f"{exc.reason}: {exc.detail}") from exc


def _records(fmt: str, fh, data: bytes | None, size: int, position: int, first_index: int, parse, column_map):
    from flows.formats import html, newsplease, tables, warc

    if fmt == "txt":
        return [Record(key=None, index=0, sha256=formats.sha256(data), raw=data)]
    if fmt == "html":
        return html.read(data)
    if fmt == "json":
        return newsplease.read_json(_decode(data), data, parse=parse)
    if fmt == "jsonl":
        return _Positioned((r, r.index) for r in newsplease.read_jsonl(_decode(data), start=first_index, parse=parse))
    if fmt == "csv":
        return _Positioned((r, r.index) for r in tables.read_csv(_decode(data), start=first_index,
                                                                 mapping=column_map, parse=parse))
    if fmt == "parquet":
        import io

        return _Positioned((r, r.index) for r in tables.read_parquet(io.BytesIO(data), start=first_index,
                                                                     mapping=column_map, parse=parse))
    if fmt == "warc":
        fh.seek(0)
        warc.check_magic(fh.read(8))
        return _Positioned(warc.read_warc(fh, start=position, first_index=first_index, parse=parse, size=size))
    raise FormatError("unsupported_format", f"no reader for {fmt}")
