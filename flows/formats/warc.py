"""WARC archives (``.warc``, ``.warc.gz``; e.g. Common Crawl's CC-NEWS): streamed record by record.

Each ``response`` record with an HTML payload goes through the HTML reader
(flows/formats/html.py) with the record's WARC-Target-URI as its URL; other
records (requests, metadata, images, redirects) are not articles and are
passed over. The archive is never loaded whole: records are read one at a
time from a file object (warcio), and a run resumes an archive at a record's
byte offset (``start``). Records are keyed by WARC-Record-ID. A record whose
payload is shorter than its Content-Length, or bytes after the last complete
record, make the file's last record ``truncated_warc``.
"""

from __future__ import annotations

import hashlib

from flows.formats import FormatError, Record
from flows.formats import html as html_reader


def read_warc(fh, *, start: int = 0, first_index: int = 0, parse=lambda key, sha: True, size: int | None = None):
    """Yield (Record, byte offset of the record) from byte offset ``start`` of the open archive ``fh``."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    fh.seek(start)
    it = ArchiveIterator(fh)
    index, end = first_index, start
    try:
        for rec in it:
            if not str(getattr(rec, "format", "warc")).startswith("warc"):  # warcio also reads old ARC files
                yield Record(key=f"record at byte {end}", index=index, sha256="",
                             error=f"malformed_warc: an {rec.format} record at byte {end}, not a WARC record"), end
                return
            is_response = rec.rec_type == "response" and rec.http_headers is not None
            payload = rec.content_stream().read() if is_response else rec.raw_stream.read()
            missing = getattr(rec.raw_stream, "limit", 0) or 0  # bytes the block promised but did not have
            it.read_to_end(rec)
            offset = it.get_record_offset()
            key = rec.rec_headers.get_header("WARC-Record-ID") or f"record at byte {offset}"
            if missing:
                yield Record(key=key, index=index, sha256="",
                             error=f"truncated_warc: record at byte {offset} lacks {missing} of its "
                                   f"{rec.length} bytes"), offset
                return
            end = offset + it.get_record_length()
            if not is_response:
                continue
            ctype = rec.http_headers.get_header("Content-Type") or ""
            if "html" not in ctype.lower() or rec.http_headers.get_statuscode() != "200":
                continue  # not an article page (image, redirect, error): passed over, not a record
            sha = hashlib.sha256(payload).hexdigest()
            if not parse(key, sha):
                yield Record(key=key, index=index, sha256=sha, parsed=False), offset
            else:
                fields = html_reader.extract(payload, url=rec.rec_headers.get_header("WARC-Target-URI"))
                error = fields.pop("error", None)
                yield Record(key=key, index=index, sha256=sha, fields=fields, error=error), offset
            index += 1
    except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
        reason = "malformed_warc" if end == 0 else "truncated_warc"  # nothing read yet: not an archive at all
        yield Record(key=f"record at byte {end}", index=index, sha256="",
                     error=f"{reason}: {type(exc).__name__}: {str(exc).strip()[:200]}"), end
        return
    if size is not None and end < size and _tail_has_data(fh, end, size):
        yield Record(key=f"record at byte {end}", index=index, sha256="",
                     error=f"truncated_warc: {size - end} bytes after the last complete record "
                           f"(a record cut short)"), end


def _tail_has_data(fh, end: int, size: int) -> bool:
    """Bytes after the last record that are more than its closing CRLFs (uncompressed records end in 4)."""
    fh.seek(end)
    return bool(fh.read(min(size - end, 4096)).strip())


def check_magic(head: bytes) -> None:
    if not (head.startswith(b"WARC/") or head.startswith(b"\x1f\x8b")):
        raise FormatError("malformed_warc", f"not a WARC file (starts with {head[:8]!r})")
