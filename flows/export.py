"""Parquet export: every table and view of the warehouse, for BI tools and other engines.

    newsclaims export --format parquet DIR [--db FILE] [--wait SECONDS]

Layout of DIR (one snapshot of the database):

    manifest.json                      what was exported: relations, kinds, row counts, paths, last run
    catalog.sql                        `create view <name> as select ... from read_parquet(<abs path>)`
                                       for every relation, same columns in the same order: run it once
                                       in any DuckDB file (or as a BI tool's init SQL) to query the export
                                       by the warehouse's names
    <table>.parquet                    one file per table and per view
    claims/claim_type=<type>/*.parquet tables in PARTITIONED are Hive-partitioned folders

Read a partitioned table with ``read_parquet('DIR/claims/**/*.parquet', hive_partitioning = true)``;
the partition column comes back as the last column. docs/BI.md shows how BI tools use it.

- The database is opened read-only (``warehouse.loader.connect``): a run that holds the
  write lock makes the export fail at once with DatabaseBusy (or wait ``timeout`` seconds);
  the previous export in DIR stays as it was.
- Atomic: everything is written to a hidden sibling folder, then swapped into place with
  one rename (Linux renameat2 RENAME_EXCHANGE when DIR already holds an export). A reader
  sees the old export or the new one, never a mix or a half-written file.
- DIR must be new, empty, or a previous export (it has our manifest.json); anything else is
  refused rather than replaced.
- The export owns only what its manifest lists (manifest.json, catalog.sql, the relation
  files and folders). Anything else a user put into DIR since (a dashboard file, a notes
  folder) is moved into the new export before the swap and is there afterwards; an entry
  that appears during the swap itself is moved back from the old export. Nothing of the
  user's is deleted. A user entry with the name of a new relation stops the export.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from warehouse.loader import connect

MANIFEST = "manifest.json"
CATALOG = "catalog.sql"
MANIFEST_MARK = "newsclaims_export"
# Tables worth partitioning: BI filters claims by type, and the folders prune the scan.
PARTITIONED: dict[str, tuple[str, ...]] = {"claims": ("claim_type",)}

_TMP_PREFIX = ".{name}.tmp-"
_OLD_PREFIX = ".{name}.old-"


class ExportError(RuntimeError):
    """The destination cannot take an export (it holds something else)."""


@dataclass
class Relation:
    name: str
    kind: str  # table | view
    rows: int
    path: str  # relative to the export folder
    partition_by: tuple[str, ...] = ()
    columns: list[tuple[str, str]] = field(default_factory=list)  # (name, DuckDB type), in table order

    def read_sql(self, root: Path | str = "") -> str:
        """The read_parquet call for this relation; paths relative to the export unless ``root``."""
        base = f"{root}/{self.path}" if str(root) else self.path
        if self.partition_by:
            types = dict(self.columns)
            hive = ", ".join(f"{_quote_str(c)}: {_quote_str(types.get(c, 'VARCHAR'))}" for c in self.partition_by)
            return (f"read_parquet({_quote_str(base + '/**/*.parquet')}, hive_partitioning = true, "
                    f"hive_types = {{{hive}}})")
        return f"read_parquet({_quote_str(base)})"

    def view_sql(self, root: Path | str) -> str:
        """``create or replace view`` over the export at ``root`` with the relation's column order."""
        cols = ", ".join(_quote_ident(c) for c, _ in self.columns) or "*"
        return f"create or replace view {_quote_ident(self.name)} as select {cols} from {self.read_sql(root)};"


@dataclass
class ExportResult:
    dest: Path
    relations: list[Relation] = field(default_factory=list)
    seconds: float = 0.0
    last_run_id: str | None = None


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _quote_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def list_relations(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(name, 'table' | 'view') of the main schema: tables first, then views, by name."""
    rows = con.execute(
        "select table_name, table_type from information_schema.tables "
        "where table_schema = 'main' and table_catalog = current_database() "
        "order by table_type = 'VIEW', table_name"
    ).fetchall()
    return [(name, "view" if ttype == "VIEW" else "table") for name, ttype in rows]


def _is_previous_export(dest: Path) -> bool:
    try:
        return bool(json.loads((dest / MANIFEST).read_text(encoding="utf-8")).get(MANIFEST_MARK))
    except (OSError, ValueError, AttributeError):
        return False


def check_destination(dest: Path) -> None:
    if not dest.exists() and not dest.is_symlink():
        return
    if not dest.is_dir():
        raise ExportError(f"{dest} exists and is not a folder")
    if any(dest.iterdir()) and not _is_previous_export(dest):
        raise ExportError(f"{dest} is not empty and holds no newsclaims export ({MANIFEST}); "
                          "choose a new or empty folder")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove_stale_siblings(dest: Path) -> None:
    """Hidden temp/old folders left by an export that crashed (its process is gone)."""
    for prefix in (_TMP_PREFIX, _OLD_PREFIX):
        for p in dest.parent.glob(prefix.format(name=dest.name) + "*"):
            m = re.search(r"-(\d+)-[^-]*$", p.name)
            if m and not _pid_alive(int(m.group(1))):
                shutil.rmtree(p, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); False when unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    return False


def owned_entries(folder: Path) -> set[str]:
    """Top-level names an export in ``folder`` owns: its manifest, catalog and relation paths."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    if not isinstance(manifest, dict) or not manifest.get(MANIFEST_MARK):
        return set()
    names = {MANIFEST, CATALOG}
    for rel in manifest.get("relations") or []:
        path = str(rel.get("path", "")) if isinstance(rel, dict) else ""
        top = path.split("/", 1)[0]
        if top and top not in (".", ".."):
            names.add(top)
    return names


def _foreign_entries(folder: Path, owned: set[str]) -> list[str]:
    """Names in ``folder`` an export did not write (the user's files and folders)."""
    try:
        return sorted(name for name in os.listdir(folder) if name not in owned)
    except FileNotFoundError:
        return []


def _carry_over(src: Path, dest: Path, names: list[str]) -> None:
    for name in names:
        with contextlib.suppress(FileNotFoundError):  # the user removed it meanwhile
            os.rename(src / name, dest / name)


def _swap_into_place(new: Path, dest: Path) -> None:
    if not dest.exists():
        os.rename(new, dest)  # atomic; fails if someone created dest meanwhile
        return
    # the user's entries in the previous export go into the new one before the swap
    old_owned = owned_entries(dest)
    new_owned = owned_entries(new)
    foreign = _foreign_entries(dest, old_owned) if old_owned else []
    clash = sorted(set(foreign) & new_owned)
    if clash:
        raise ExportError(f"{dest} holds {', '.join(clash)}, which the new export would write "
                          "(a relation of that name); move it, or export to another folder")
    _carry_over(dest, new, foreign)
    try:
        swapped = _exchange(new, dest)
    except BaseException:
        _carry_over(new, dest, foreign)  # never delete the user's entries with the temp folder
        raise
    if swapped:
        # `new` now holds the previous export; anything the user added during the swap goes back
        _carry_over(new, dest, [n for n in _foreign_entries(new, old_owned) if n not in new_owned])
        shutil.rmtree(new, ignore_errors=True)
        return
    # fallback: two renames; for a moment DIR does not exist, but it is never half-written
    old = Path(tempfile.mkdtemp(prefix=_OLD_PREFIX.format(name=dest.name) + f"{os.getpid()}-",
                                dir=dest.parent))
    os.rmdir(old)
    try:
        os.rename(dest, old)
    except BaseException:
        _carry_over(new, dest, foreign)
        raise
    os.rename(new, dest)
    _carry_over(old, dest, [n for n in _foreign_entries(old, old_owned) if n not in new_owned])
    shutil.rmtree(old, ignore_errors=True)


def _copy_relation(con: duckdb.DuckDBPyConnection, tmp: Path, name: str, kind: str) -> Relation:
    partition_by = PARTITIONED.get(name, ()) if kind == "table" else ()
    rows = con.execute(f"select count(*) from {_quote_ident(name)}").fetchone()[0]
    columns = [(c, t) for c, t in con.execute(
        f"select column_name, column_type from (describe select * from {_quote_ident(name)})").fetchall()]
    source = f"(select * from {_quote_ident(name)})"
    if partition_by and rows:
        cols = ", ".join(_quote_ident(c) for c in partition_by)
        con.execute(f"copy {source} to {_quote_str(str(tmp / name))} "
                    f"(format parquet, partition_by ({cols}))")
        return Relation(name, kind, rows, name, partition_by, columns)
    if partition_by:  # no rows, so no partition folders: one empty file keeps the glob readable
        folder = tmp / name / "/".join(f"{c}=__empty__" for c in partition_by)
        folder.mkdir(parents=True)
        cols = ", ".join(_quote_ident(c) for c in partition_by)
        con.execute(f"copy (select * exclude ({cols}) from {_quote_ident(name)}) to "
                    f"{_quote_str(str(folder / 'data_0.parquet'))} (format parquet)")
        return Relation(name, kind, rows, name, partition_by, columns)
    con.execute(f"copy {source} to {_quote_str(str(tmp / (name + '.parquet')))} (format parquet)")
    return Relation(name, kind, rows, name + ".parquet", (), columns)


def export_parquet(db: Path, dest: Path, *, timeout: float = 0.0) -> ExportResult:
    """Write every table and view of ``db`` as Parquet under ``dest``, atomically."""
    t0 = time.monotonic()
    dest = Path(os.path.abspath(dest))
    check_destination(dest)
    con = connect(db, read_only=True, timeout=timeout)  # DatabaseBusy while a run writes
    dest.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_siblings(dest)
    tmp = Path(tempfile.mkdtemp(prefix=_TMP_PREFIX.format(name=dest.name) + f"{os.getpid()}-",
                                dir=dest.parent))
    result = ExportResult(dest)
    try:
        con.execute("begin transaction")  # one snapshot for every relation
        for name, kind in list_relations(con):
            result.relations.append(_copy_relation(con, tmp, name, kind))
        last = con.execute("select run_id, finished_at from pipeline_runs where status = 'success' "
                           "order by finished_at desc limit 1").fetchone()
        con.execute("commit")
        result.last_run_id = last[0] if last else None
        manifest = {
            MANIFEST_MARK: 1,
            "exported_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "database": str(Path(db).resolve()),
            "last_successful_run": {"run_id": last[0], "finished_at": str(last[1])} if last else None,
            "relations": [
                {"name": r.name, "kind": r.kind, "rows": r.rows, "path": r.path,
                 "partition_by": list(r.partition_by), "read_sql": r.read_sql(),
                 "columns": [{"name": c, "type": t} for c, t in r.columns]}
                for r in result.relations
            ],
        }
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        catalog = [f"-- newsclaims export of {manifest['database']} at {manifest['exported_at']}",
                   f"-- views over {dest} (run once; they read the newest export on every query)"]
        catalog += [r.view_sql(dest) for r in result.relations]
        (tmp / CATALOG).write_text("\n".join(catalog) + "\n", encoding="utf-8")
        os.chmod(tmp, 0o755)  # mkdtemp makes it 0700; BI services often run as another user
        con.close()
        check_destination(dest)  # still ours to replace
        _swap_into_place(tmp, dest)
    except BaseException:
        with contextlib.suppress(duckdb.Error):
            con.close()
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    result.seconds = time.monotonic() - t0
    return result
