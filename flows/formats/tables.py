"""CSV and Parquet tables: one article per row (records ``row 1``, ``row 2``, ...).

Columns: title, text (or body / maintext / content), published (or date /
date_publish / published_date), url, outlet (or source / source_domain /
site_name), authors, language. Other names are mapped by the setting
``NEWSCLAIMS_COLUMN_MAP`` ('{"headline": "title", "story": "text"}'). A table
without a text column is rejected whole (``no_text_column``); a row with an
empty text is a bad record (``no_text_field``).
"""

from __future__ import annotations

import csv
import io
import json

from flows.formats import FormatError, Record, sha256

ALIASES = {
    "text": ("text", "body", "maintext", "content", "article", "article_text"),
    "title": ("title", "headline"),
    "published": ("published", "date", "date_publish", "published_date", "publish_date", "pubdate"),
    "url": ("url", "source_url", "link"),
    "outlet": ("outlet", "source", "source_domain", "site_name", "sitename", "publisher"),
    "authors": ("authors", "author", "byline"),
    "language": ("language", "lang"),
}


def column_roles(columns: list[str], mapping: dict[str, str] | None = None) -> dict[str, str]:
    """role -> the table's column holding it; raises FormatError without a text column."""
    lower = {c.strip().lower(): c for c in columns}
    roles: dict[str, str] = {}
    for col, role in (mapping or {}).items():
        if col in columns:
            roles[role] = col
    for role, names in ALIASES.items():
        if role not in roles:
            hit = next((lower[n] for n in names if n in lower), None)
            if hit is not None:
                roles[role] = hit
    if "text" not in roles:
        raise FormatError("no_text_column", f"no text column among {', '.join(columns) or '(none)'}: expected one "
                          f"of {', '.join(ALIASES['text'])} (or map one with NEWSCLAIMS_COLUMN_MAP)")
    return roles


def _authors(value):
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        out = [str(a).strip() for a in value if a is not None and str(a).strip()]
    else:
        out = [a.strip() for a in str(value).replace(";", ",").split(",") if a.strip()]
    return out or None


def _row_record(i: int, row: dict, roles: dict[str, str], parse) -> Record:
    raw = json.dumps(row, sort_keys=True, default=str, ensure_ascii=False).encode("utf-8")
    key, sha = f"row {i + 1}", sha256(raw)
    if not parse(key, sha):
        return Record(key=key, index=i, sha256=sha, parsed=False)
    get = lambda role: row.get(roles[role]) if role in roles else None  # noqa: E731
    text = get("text")
    if text is None or not str(text).strip():
        return Record(key=key, index=i, sha256=sha, error=f"no_text_field: {key} has an empty {roles['text']}")
    published = get("published")
    return Record(key=key, index=i, sha256=sha, fields={
        "text": str(text),
        "title": str(get("title")) if get("title") not in (None, "") else None,
        "published": published if published not in ("",) else None,
        "url": str(get("url")) if get("url") else None,
        "outlet": str(get("outlet")) if get("outlet") else None,
        "authors": _authors(get("authors")),
        "language": str(get("language")) if get("language") else None,
    })


def read_csv(text: str, *, start: int = 0, mapping=None, parse=lambda key, sha: True):
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        columns = reader.fieldnames or []
    except csv.Error as exc:
        raise FormatError("malformed_csv", str(exc)) from exc
    roles = column_roles(list(columns), mapping)
    try:
        for i, row in enumerate(reader):
            if i >= start:
                yield _row_record(i, row, roles, parse)
    except csv.Error as exc:
        raise FormatError("malformed_csv", f"line {reader.line_num}: {exc}") from exc


def read_parquet(fh, *, start: int = 0, mapping=None, parse=lambda key, sha: True):
    """Stream a Parquet file's rows (batches of 256 rows; never the whole table)."""
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(fh)
    except Exception as exc:
        raise FormatError("malformed_parquet", f"{type(exc).__name__}: {exc}") from exc
    roles = column_roles(pf.schema_arrow.names, mapping)
    i = 0
    for batch in pf.iter_batches(batch_size=256, columns=sorted(set(roles.values()))):
        for row in batch.to_pylist():
            if i >= start:
                yield _row_record(i, row, roles, parse)
            i += 1
