"""Format readers behind flows/reader.py: one small module per input format.

Each reader turns the bytes (or the stream) of one file into records: one
article each, with the metadata its format carries. flows/reader.py is the
only caller (the one way in); staging (transforms/text.py) is format-free.

A record is a ``Record``: its key inside the file (``None`` for a file that is
one article), its position, the sha256 of its raw bytes (the ledger's record
identity) and either the raw bytes of a text article (``raw``), the fields a
structured format gave (``fields``) or the reason it is unusable (``error``,
"reason: detail"). ``parse=False`` asks a reader for the keys and hashes only
(the records the ledger already holds unchanged are not parsed again).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

# suffix -> format; a file's format is chosen by suffix, then checked on its content
SUFFIXES = {
    ".txt": "txt",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".parquet": "parquet",
    ".warc": "warc",
    ".warc.gz": "warc",
}
# formats whose files may hold many articles (records keyed by source_record)
MULTI_RECORD = {"json", "jsonl", "csv", "parquet", "warc"}
# formats read as a stream (never loaded whole, not bound by the file size limit)
STREAMED = {"warc"}


def format_of(name: str, extra_txt: tuple[str, ...] = ()) -> str | None:
    """The format a file name says (``None``: not a supported format)."""
    lower = name.lower()
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if lower.endswith(suffix):
            return SUFFIXES[suffix]
    if extra_txt and lower.endswith(tuple(s.lower() for s in extra_txt)):
        return "txt"
    return None


@dataclass
class Record:
    key: str | None  # line 3, row 2, item 1, <urn:uuid:...>; None: the file is the record
    index: int  # position in the file (0-based), for ordering
    sha256: str
    raw: bytes | None = None  # a text article's bytes (txt)
    fields: dict = field(default_factory=dict)  # text, title, published, url, outlet, authors, language
    error: str | None = None  # "reason: detail"
    parsed: bool = True


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class FormatError(ValueError):
    """The whole file cannot be read in its format; ``reason`` is a stable code."""

    def __init__(self, reason: str, detail: str):
        super().__init__(f"{reason}: {detail}")
        self.reason, self.detail = reason, detail
