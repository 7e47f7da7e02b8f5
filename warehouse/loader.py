"""DuckDB warehouse: connections, schema, the run lock and the one-transaction load.

- ``connect`` gives clear errors when another process holds the database.
- ``ensure_schema`` applies schema.sql (adding new columns to old files) and
  (re)creates every view in views/.
- ``run_lock`` serialises runs: a second run waits up to ``timeout`` seconds,
  then fails with RunLocked naming the holder.
- ``commit_run`` writes everything one run produced in a single transaction.

Values never go into SQL text: rows travel as Arrow tables registered on the
connection, and scalars as bound parameters. Table and column names come from
this module's code, never from input.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterator

import duckdb
import polars as pl

HERE = Path(__file__).resolve().parent
SCHEMA_SQL = HERE / "schema.sql"
VIEWS_DIR = HERE / "views"

# Tables holding rows that belong to one article (deleted when the article is replaced).
ARTICLE_CHILD_TABLES = ("date_mentions", "claims", "entity_mentions", "victims")


class DatabaseBusy(RuntimeError):
    """The DuckDB file is locked by another process."""


class RunLocked(RuntimeError):
    """Another newsclaims run holds the run lock of this database."""


class NotADatabase(RuntimeError):
    """The --db path exists but is not a (readable) DuckDB database; it is left untouched."""


# A DuckDB file starts with an 8-byte checksum, then the magic bytes "DUCK".
_MAGIC, _MAGIC_AT = b"DUCK", 8


def check_database_file(db: Path) -> None:
    """Refuse a path that exists but cannot be a DuckDB database, before DuckDB opens it.

    A missing path is fine (a run creates it). A folder, an empty file or one
    without DuckDB's header raises NotADatabase; nothing is written to it.
    """
    db = Path(db)
    if not os.path.lexists(db):
        return
    if db.is_dir():
        raise NotADatabase(f"{db} is a folder, not a DuckDB database file: pass --db FILE")
    try:
        with open(db, "rb") as fh:
            head = fh.read(_MAGIC_AT + len(_MAGIC))
    except OSError as exc:
        raise NotADatabase(f"cannot read {db}: {exc.strerror or exc}") from exc
    if not head:
        raise NotADatabase(f"{db} is an empty file (0 bytes), not a DuckDB database; it was left as it "
                           "is. Remove it to start a new database there, or pass another --db")
    if head[_MAGIC_AT:] != _MAGIC:
        raise NotADatabase(f"{db} is not a DuckDB database (no DuckDB header); it was left as it is. "
                           "Pass the right --db, or restore the file from a backup (`newsclaims backup`)")


def _open_error(db: Path, exc: Exception) -> NotADatabase:
    text = str(exc).removeprefix("IO Error: ")
    return NotADatabase(f"cannot open {db} as a DuckDB database: {text}. The file was left as it is; "
                        "if it was cut short or damaged, restore it from a backup (`newsclaims backup`)")


_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (.*?) \(PID (\d+)\)", re.S)


def _busy_message(db: Path, exc: Exception, read_only: bool) -> str:
    m = _LOCK_HOLDER.search(str(exc))
    holder = f" (held by {m.group(1).strip()}, PID {m.group(2)})" if m and m.group(2) else ""
    # a writer excludes readers; any open connection (a reader too) excludes a writer
    if read_only:
        return (
            f"cannot read {db}: another process is writing to it{holder}. "
            "A newsclaims run holds the database only while it loads; retry in a moment (--wait SECONDS), "
            "or read a Parquet export (`newsclaims export`) meanwhile."
        )
    return (
        f"cannot write to {db}: another process has it open{holder}, maybe only to read it "
        "(`newsclaims sql`/`report`/`export`, a BI tool or a DuckDB shell): a run can write only when no "
        "one else has the file open. Close that connection (BI tools: read the Parquet export or a copy "
        "instead), or pass --wait SECONDS to let this run wait for it."
    )


def connect(db: Path, *, read_only: bool = False, timeout: float = 0.0,
            config: dict | None = None) -> duckdb.DuckDBPyConnection:
    """Open the database, retrying for ``timeout`` seconds while another process holds it.

    ``config``: DuckDB settings for the connection (e.g. ``memory_limit``).
    """
    db = Path(db)
    if read_only and not os.path.lexists(db):
        raise FileNotFoundError(f"no database at {db}: run `newsclaims run` first")
    check_database_file(db)
    if not read_only:
        db.parent.mkdir(parents=True, exist_ok=True)
    try:
        return _retry_while_locked(db, lambda: duckdb.connect(str(db), read_only=read_only, config=config or {}),
                                   timeout=timeout, read_only=read_only)
    except (duckdb.SerializationException, duckdb.InternalException) as exc:
        raise _open_error(db, exc) from None


def _retry_while_locked(db: Path, action, *, timeout: float, read_only: bool):
    """``action()`` (an open or attach of ``db``), tried again every 0.2 s while another process holds
    the file's lock, for up to ``timeout`` seconds; then DatabaseBusy. Other I/O errors: one clear line."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return action()
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise _open_error(db, exc) from None
            if time.monotonic() >= deadline:
                raise DatabaseBusy(_busy_message(db, exc, read_only)) from exc
            time.sleep(0.2)


@contextlib.contextmanager
def run_lock(db: Path, *, timeout: float = 0.0, note: str = "") -> Iterator[None]:
    """Exclusive per-database run lock (flock on ``<db>.lock``), released on exit or crash."""
    lock_path = Path(str(db) + ".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 512, 0).decode("utf-8", "replace").strip() or "unknown"
                    raise RunLocked(
                        f"another newsclaims run is using {db} ({holder}). Wait for it to finish, "
                        "or pass --wait SECONDS (NEWSCLAIMS_LOCK_TIMEOUT) to queue behind it."
                    ) from None
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, since {datetime.now():%Y-%m-%d %H:%M:%S} {note}".encode(), 0)
        yield
    finally:
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        os.close(fd)  # closing the descriptor releases the flock


def checkpoint(con: duckdb.DuckDBPyConnection) -> str | None:
    """Fold the write-ahead log (``<db>.wal``) into the database file; the error text if it failed.

    After a commit the run is safe either way (DuckDB replays the .wal on the next
    open); a checkpoint makes the .duckdb file alone hold it, so a plain file copy
    is a whole backup. It fails when the disk is full or a reader has the file open
    through this process; the .wal then stays until a later checkpoint.
    """
    try:
        con.execute("checkpoint")
    except duckdb.Error as exc:
        return str(exc)
    return None


@dataclass
class BackupResult:
    path: Path
    tables: dict[str, int]
    seconds: float


def backup(db: Path, dest: Path, *, timeout: float = 0.0) -> BackupResult:
    """A consistent single-file copy of ``db`` (with what its .wal holds) at ``dest``; never overwrites.

    ``dest`` is a new file, or an existing folder (the copy is named after the
    database and the time). The source is attached read-only, so no run can write
    meanwhile (a run that is loading makes this wait ``timeout`` seconds, then
    DatabaseBusy); the copy is written to a hidden temporary file, checkpointed,
    its row counts compared with the source's, then linked into place.
    """
    t0 = time.monotonic()
    db, dest = Path(db), Path(dest)
    if not os.path.lexists(db):
        raise FileNotFoundError(f"no database at {db}: run `newsclaims run` first")
    check_database_file(db)
    if dest.is_dir():
        dest = dest / f"{db.stem}-{datetime.now():%Y%m%dT%H%M%S}{db.suffix or '.duckdb'}"
    if os.path.lexists(dest):
        raise FileExistsError(f"{dest} exists; a backup never overwrites a file: choose a new name")
    if not dest.parent.is_dir():
        raise FileNotFoundError(f"no folder {dest.parent} for the backup")
    tmp = dest.with_name(f".{dest.name}.tmp-{os.getpid()}")
    con = duckdb.connect()
    try:
        _retry_while_locked(db, lambda: con.execute("attach ? as nc_src (read_only)", [str(db)]),
                            timeout=timeout, read_only=True)
        con.execute("attach ? as nc_copy", [str(tmp)])
        con.execute("copy from database nc_src to nc_copy")
        tables = [r[0] for r in con.execute(
            "select table_name from duckdb_tables() where database_name = 'nc_src' and not internal "
            "order by 1").fetchall()]
        counts = {}
        for t in tables:
            a = con.execute(f'select count(*) from nc_src.main."{t}"').fetchone()[0]
            b = con.execute(f'select count(*) from nc_copy.main."{t}"').fetchone()[0]
            if a != b:
                raise RuntimeError(f"backup of {db}: table {t} has {b} rows in the copy, {a} in the source")
            counts[t] = a
        con.execute("checkpoint nc_copy")
        con.execute("detach nc_copy")
        con.execute("detach nc_src")
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.link(tmp, dest)  # fails rather than replace a file that appeared meanwhile
    finally:
        con.close()
        for leftover in (tmp, Path(str(tmp) + ".wal")):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(leftover)
    return BackupResult(dest, counts, time.monotonic() - t0)


# ---------------------------------------------------------------- schema


def _table_columns(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, str]]:
    rows = con.execute(
        "select table_name, column_name, data_type from information_schema.columns "
        "where table_schema = 'main' and table_name in "
        "(select table_name from information_schema.tables where table_type = 'BASE TABLE') "
        "order by table_name, ordinal_position"
    ).fetchall()
    out: dict[str, dict[str, str]] = {}
    for table, column, dtype in rows:
        out.setdefault(table, {})[column] = dtype
    return out


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create missing tables, add columns that schema.sql gained since, (re)create views."""
    ddl = SCHEMA_SQL.read_text(encoding="utf-8")
    reference = duckdb.connect(":memory:")
    reference.execute(ddl)
    wanted = _table_columns(reference)
    reference.close()
    con.execute(ddl)
    have = _table_columns(con)
    for table, columns in wanted.items():
        for column, dtype in columns.items():
            if column not in have.get(table, {}):
                con.execute(f'alter table {table} add column "{column}" {dtype}')
    create_views(con)


def backfill_article_figures(con: duckdb.DuckDBPyConnection, choose: Callable[[pl.DataFrame], pl.DataFrame]) -> int:
    """Set is_article_figure / choice_rule on claims loaded before those columns existed.

    ``ensure_schema`` adds the columns to an older file as NULL, and article_figures (which
    reads the flag) would then show nothing for those articles until they were re-extracted.
    ``choose`` (transforms.claims.choice.choose, passed in: the warehouse does not import the
    transforms) is run over the stored claims of every article with an unset flag, in one
    transaction; returns the number of claims updated (0 on an up-to-date file).
    """
    pending = con.execute("select count(*) from claims where is_article_figure is null").fetchall()[0][0]
    if not pending:
        return 0
    con.execute("begin transaction")
    try:
        stored = read_frame(con, "select * from claims where article_id in "
                                 "(select distinct article_id from claims where is_article_figure is null)")
        chosen = choose(stored).select("claim_id", "is_article_figure", "choice_rule")
        con.register("_chosen_figures", chosen.to_arrow())
        con.execute("update claims set is_article_figure = c.is_article_figure, choice_rule = c.choice_rule "
                    "from _chosen_figures as c where claims.claim_id = c.claim_id")
        con.unregister("_chosen_figures")
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return chosen.height


def view_files() -> list[Path]:
    return sorted(VIEWS_DIR.glob("*.sql"))


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    """Run every views/*.sql (create or replace view ...); retries cover view-on-view order."""
    pending = view_files()
    while pending:
        failed = []
        for path in pending:
            try:
                con.execute(path.read_text(encoding="utf-8"))
            except duckdb.CatalogException:
                failed.append(path)
        if len(failed) == len(pending):
            # surface the real error of the first view that cannot be created
            con.execute(failed[0].read_text(encoding="utf-8"))
        pending = failed


# ---------------------------------------------------------------- runs


def failure_files(db: Path) -> list[Path]:
    """Where a run records its failure when it cannot write it into the database, best first.

    ``<db>.failures.jsonl`` beside the database; when that cannot be written either
    (the disk is full), a file in the system's temporary folder named after the
    database's path. The next run applies both (``apply_recorded_failures``).
    """
    import hashlib
    import tempfile

    key = hashlib.sha1(str(Path(db).resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return [Path(str(db) + ".failures.jsonl"), Path(tempfile.gettempdir()) / f"newsclaims-failures-{key}.jsonl"]


def record_failure_aside(db: Path, run_id: str, error: str, *, started: bool = True) -> Path | None:
    """Append the failure of ``run_id`` to the first side file that takes it; its path, or None."""
    line = json.dumps({"run_id": run_id, "error": error[:4000], "at": datetime.now().isoformat(),
                       "started": started}) + "\n"
    for path in failure_files(db):
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
            try:
                os.write(fd, line.encode("utf-8", "surrogateescape"))
                os.fsync(fd)
            finally:
                os.close(fd)
            return path
        except OSError:
            continue
    return None


def apply_recorded_failures(con: duckdb.DuckDBPyConnection, db: Path) -> int:
    """Failures that runs recorded beside the database go into pipeline_runs (callers hold the run lock).

    A run still 'running' becomes 'failed' with the recorded reason; a run that
    never got a row (a scheduled run refused by the run lock) gets one. The side
    files are removed once applied; applying one twice changes nothing.
    """
    applied, seen = 0, []
    for path in failure_files(db):
        try:
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
        seen.append(path)
        for line in lines:
            try:
                rec = json.loads(line)
                run_id, error = str(rec["run_id"]), str(rec["error"])
            except (ValueError, KeyError, TypeError):
                continue  # a line cut short by a full disk
            at = rec.get("at")
            updated = con.execute(
                "update pipeline_runs set status = 'failed', finished_at = coalesce(finished_at, "
                "try_cast(? as timestamp), now()), error = ? where run_id = ? and status = 'running' "
                "returning run_id", [at, error, run_id]).fetchall()
            if not updated and not con.execute("select 1 from pipeline_runs where run_id = ?",
                                                [run_id]).fetchall():
                con.execute(
                    "insert into pipeline_runs (run_id, started_at, finished_at, status, error) values "
                    "(?, coalesce(try_cast(? as timestamp), now()), coalesce(try_cast(? as timestamp), now()), "
                    "'failed', ?)", [run_id, at, at, error])
                updated = [run_id]
            applied += len(updated)
    for path in seen:
        with contextlib.suppress(OSError):
            path.unlink()
    return applied


def mark_interrupted(con: duckdb.DuckDBPyConnection) -> int:
    """Runs left 'running' by a crashed process (callers hold the run lock).

    Call ``apply_recorded_failures`` first: a run that failed but could not write
    its failure recorded it aside and is 'failed', not 'interrupted'.
    """
    n = con.execute(
        "update pipeline_runs set status = 'interrupted', finished_at = coalesce(finished_at, now()), "
        "error = coalesce(error, 'process ended before the run committed') "
        "where status = 'running' returning run_id"
    ).fetchall()
    return len(n)


def start_run(con: duckdb.DuckDBPyConnection, run_id: str, inputs: list[str], strict: bool) -> None:
    con.execute(
        "insert into pipeline_runs (run_id, started_at, status, inputs, strict) values (?, now(), 'running', ?, ?)",
        [run_id, inputs, strict],
    )


def fail_run(con: duckdb.DuckDBPyConnection, run_id: str, error: str, stats: dict | None = None) -> None:
    stats = stats or {}
    con.execute(
        "update pipeline_runs set status = 'failed', finished_at = now(), error = ?, "
        "duration_s = ?, row_counts = ? where run_id = ? and status = 'running'",  # never a committed run
        [error[:4000], stats.get("duration_s"), json.dumps(stats.get("row_counts", {})), run_id],
    )


def read_frame(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> pl.DataFrame:
    return pl.from_arrow(con.sql(sql, params=params or None).to_arrow_table())


@dataclass(frozen=True)
class ParquetColumns:
    """Columns the inserted rows of a table take from Parquet files (joined on ``key``).

    The rows' light columns travel in memory; wide columns (article texts) are
    streamed from the run's staging files by DuckDB, never all held in memory.
    """

    files: tuple[str, ...]
    key: tuple[str, ...]
    columns: tuple[str, ...]


@dataclass
class LoadPlan:
    """Everything one run writes. Frames are Polars; their columns must exist in the table."""

    run_id: str
    delete_article_ids: set[str] = field(default_factory=set)
    inserts: dict[str, list[pl.DataFrame]] = field(default_factory=dict)
    upserts: dict[str, pl.DataFrame] = field(default_factory=dict)  # insert or replace by primary key
    replaces: dict[str, pl.DataFrame] = field(default_factory=dict)  # whole-table replacement
    updates: dict[str, tuple[str, pl.DataFrame]] = field(default_factory=dict)  # table -> (key, frame)
    from_parquet: dict[str, ParquetColumns] = field(default_factory=dict)  # inserted rows' wide columns
    run_fields: dict = field(default_factory=dict)

    def add(self, table: str, frame: pl.DataFrame) -> None:
        if frame.height:
            self.inserts.setdefault(table, []).append(frame)

    def row_counts(self) -> dict[str, int]:
        counts = {t: sum(f.height for f in fs) for t, fs in self.inserts.items()}
        for t, f in {**self.upserts, **self.replaces}.items():
            counts[t] = counts.get(t, 0) + f.height
        return counts


def _table_column_names(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [r[0] for r in con.execute(
        "select column_name from information_schema.columns where table_schema = 'main' "
        "and table_name = ? order by ordinal_position", [table]).fetchall()]


def _names(columns) -> str:
    return ", ".join(f'"{c}"' for c in columns)


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame, verb: str = "insert",
            wide: ParquetColumns | None = None) -> None:
    """Insert a frame by column name; frame columns the table does not have are not stored.

    With ``wide``, the rows take those columns from its Parquet files instead,
    joined on its key (which need not be a column of the table); every row
    must find its match.
    """
    columns = set(_table_column_names(con, table))
    params = None
    if wide is None:
        frame = frame.select([c for c in frame.columns if c in columns])
        sql = f"{verb} into {table} by name select * from _nc_rows"
    else:
        frame = frame.select([c for c in frame.columns
                              if (c in columns and c not in wide.columns) or c in wide.key])
        extra = [k for k in wide.key if k not in columns]
        rows = f"r.* exclude ({_names(extra)})" if extra else "r.*"
        taken = ", ".join(f'p."{c}"' for c in wide.columns)
        sql = (f"{verb} into {table} by name select {rows}, {taken} from _nc_rows r join "
               f"(select {_names((*wide.key, *wide.columns))} from read_parquet(?, union_by_name = true)) p "
               f"using ({_names(wide.key)})")
        params = [list(wide.files)]
    con.register("_nc_rows", frame.to_arrow())
    try:
        inserted = con.execute(sql, params).fetchone()[0]
        if wide is not None and inserted != frame.height:
            raise RuntimeError(f"{table}: {frame.height - inserted} row(s) found no match in the staged "
                               f"Parquet files for {', '.join(wide.columns)}")
    finally:
        with contextlib.suppress(duckdb.Error):
            con.unregister("_nc_rows")


def _primary_key(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    row = con.execute("select constraint_column_names from duckdb_constraints() where table_name = ? "
                      "and constraint_type = 'PRIMARY KEY'", [table]).fetchone()
    return list(row[0]) if row else []


def _replace_changed(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> int:
    """Make ``table`` hold exactly ``frame``'s rows, writing only what differs; -> rows written.

    Rows whose key is not in the frame are deleted; new rows and rows with any changed
    column are inserted or replaced; unchanged rows are not touched (so a run reports
    the events and entities it changed, not the whole table).
    """
    key = _primary_key(con, table)
    columns = [c for c in _table_column_names(con, table) if c in frame.columns]
    if not key or not all(k in columns for k in key):
        con.execute(f"delete from {table}")
        if frame.height:
            _insert(con, table, frame)
        return frame.height
    con.register("_nc_new", frame.select(columns).to_arrow())
    try:
        keys = _names(key)
        deleted = con.execute(f"delete from {table} where ({keys}) not in (select ({keys}) from _nc_new)"
                              if len(key) > 1 else
                              f"delete from {table} where {keys} not in (select {keys} from _nc_new)").fetchone()[0]
        changed = con.execute(f"insert or replace into {table} ({_names(columns)}) "
                              f"select * from _nc_new except select {_names(columns)} from {table}").fetchone()[0]
    finally:
        with contextlib.suppress(duckdb.Error):
            con.unregister("_nc_new")
    return int(deleted) + int(changed)


def commit_run(con: duckdb.DuckDBPyConnection, plan: LoadPlan,
               before_commit: Callable[[], None] | None = None) -> dict[str, int]:
    """Apply ``plan`` in one transaction and mark the run successful; all or nothing.

    ``before_commit`` runs inside the transaction once every row is written (the
    flow's test-only fault point; an exception there rolls everything back).
    """
    con.execute("begin transaction")
    try:
        if plan.delete_article_ids:
            ids = pl.DataFrame({"article_id": sorted(plan.delete_article_ids)})
            con.register("_nc_gone", ids.to_arrow())
            for table in (*ARTICLE_CHILD_TABLES, "articles"):
                con.execute(f"delete from {table} where article_id in (select article_id from _nc_gone)")
        replaced: dict[str, int] = {}
        for table, frame in plan.replaces.items():
            replaced[table] = _replace_changed(con, table, frame)
        for table, frames in plan.inserts.items():
            for frame in frames:
                _insert(con, table, frame, wide=plan.from_parquet.get(table))
        for table, frame in plan.upserts.items():
            if frame.height:
                _insert(con, table, frame, verb="insert or replace")
        for table, (key, frame) in plan.updates.items():
            if not frame.height:
                continue
            cols = [c for c in frame.columns if c != key]
            con.register("_nc_upd", frame.to_arrow())
            sets = ", ".join(f'"{c}" = u."{c}"' for c in cols)
            try:
                con.execute(f'update {table} set {sets} from _nc_upd u where {table}."{key}" = u."{key}"')
            finally:
                with contextlib.suppress(duckdb.Error):
                    con.unregister("_nc_upd")
        counts = {**plan.row_counts(), **replaced}  # a replaced table: only the rows that changed
        counts["pipeline_runs"] = 1  # this run's row, inserted at its start, completed here
        fields = dict(plan.run_fields)
        fields["row_counts"] = json.dumps(counts)
        assignments = ", ".join(f'"{k}" = ?' for k in fields)
        con.execute(
            f"update pipeline_runs set status = 'success', finished_at = now(), {assignments} where run_id = ?",
            [*fields.values(), plan.run_id],
        )
        if before_commit is not None:
            before_commit()
        con.execute("commit")
    except BaseException:
        with contextlib.suppress(duckdb.Error):
            con.execute("rollback")
        raise
    finally:
        for name in ("_nc_gone",):
            with contextlib.suppress(duckdb.Error):
                con.unregister(name)
    return counts
