"""Raw file bytes -> staged articles: decode, header, title, page furniture, ids.

Pure functions: they take bytes/strings (or a Polars frame of read records) and
return values or frames. Nothing here opens a file. Every format ends here the
same way: a text article's bytes (``.txt``) are decoded and split into header
and body; a structured record (HTML, JSON, CSV/Parquet, WARC: the fields its
reader in flows/formats/ gave) brings its text and metadata, and its title
becomes the first line of body_clean (so every span indexes one text).

Rules (DESIGN.md "Input"):
- bytes are decoded from a BOM, as UTF-8, as BOM-less UTF-16, or with
  charset-normalizer; binary or undecodable bytes are rejected with a reason;
- an optional first-line header `` date YYYY-MM-DD `` gives published_date;
  a header whose date is malformed, impossible or in the future rejects the file;
- a body_clean longer than the caller's ``max_chars`` is rejected (too_long):
  spaCy refuses texts over 1,000,000 characters and needs ~5 GB for one that long;
- a short first line without a final period is the title and stays the first
  line of body_clean;
- page-furniture lines are dropped from body_clean (kept in body_raw);
- article_id is the first 16 hex digits of sha256(body_clean).
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Literal

import polars as pl

OnError = Literal["raise", "null"]


class RejectedInput(ValueError):
    """A file that is not a usable article; ``reason`` is a stable code."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


# ---------------------------------------------------------------- decoding

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY_MAGIC = (
    b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x7fELF", b"\x1f\x8b",
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _utf16_without_bom(raw: bytes) -> str | None:
    """Decode BOM-less UTF-16: NULs fill one side of most byte pairs (Latin text), none the other."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    even, odd = raw[0::2], raw[1::2]
    for zeros, other, enc in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.7 * len(zeros) and other.count(0) <= 0.05 * len(other):
            try:
                return raw.decode(enc)
            except UnicodeDecodeError:
                return None
    return None


# well-formed UTF-8 multibyte sequences (RFC 3629 ranges: no overlongs, no surrogates)
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
# the commonest UTF-8 characters of Western text: U+00A0-U+00BF, U+00C0-U+00FF (accented
# letters) and U+2000-U+203F (’ “ ” – — …); as cp1252 these read as mojibake (Â° Ã© â€™)
_UTF8_WESTERN = re.compile(rb"\xc2[\xa0-\xbf]|\xc3[\x80-\xbf]|\xe2\x80[\x80-\xbf]")


def _looks_like_damaged_utf8(raw: bytes) -> bool:
    """Invalid UTF-8 that is mostly UTF-8: its common characters, or most high bytes in valid sequences.

    cp1252 text forms valid UTF-8 pairs only by accident ("JOSÉ’S" is C9 92), so a
    few accidental pairs do not make it UTF-8.
    """
    if _UTF8_WESTERN.search(raw):
        return True
    high = sum(b >= 0x80 for b in raw)
    in_sequences = sum(len(m) for m in _UTF8_MULTIBYTE.findall(raw))
    return in_sequences >= 0.9 * high


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """Return (text, encoding) or raise RejectedInput(empty_file|binary_content|undecodable_bytes).

    Order: BOM; NUL bytes mean UTF-16 (BOM-less) or binary; strict UTF-8; a file
    that still fails UTF-8 but is mostly UTF-8 is corrupt (rejected, not guessed:
    see _looks_like_damaged_utf8); text that is at least 70% ASCII and valid cp1252 is cp1252 (the legacy
    encoding of English news pages); anything else goes to charset-normalizer
    and must read as text (words separated by spaces).
    """
    if not raw:
        raise RejectedInput("empty_file", "0 bytes")
    if raw.startswith(_BINARY_MAGIC):
        raise RejectedInput("binary_content", f"file signature {raw[:4]!r}")
    text = encoding = None
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            try:
                text, encoding = raw.decode(enc), enc.replace("-sig", "")
            except UnicodeDecodeError as exc:
                raise RejectedInput("undecodable_bytes", f"invalid {enc}: {exc.reason}") from exc
            break
    if text is None and b"\x00" in raw:
        text = _utf16_without_bom(raw)
        if text is None:
            raise RejectedInput("binary_content", "NUL bytes in a file that is not UTF-16")
        encoding = "utf-16"
    if text is None:
        try:
            text, encoding = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            if _looks_like_damaged_utf8(raw):
                raise RejectedInput(
                    "undecodable_bytes", f"corrupt UTF-8 at byte {exc.start}: {exc.reason}"
                ) from exc
    if text is None:
        high = sum(b >= 0x80 for b in raw)
        if high <= 0.3 * len(raw):
            try:
                text, encoding = raw.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                pass
    if text is None:
        from charset_normalizer import from_bytes  # imported lazily: costs ~50 ms

        best = from_bytes(raw).best()
        if best is None:
            raise RejectedInput("undecodable_bytes", "no text encoding fits these bytes")
        text, encoding = str(best), best.encoding
        if len(text) > 40 and sum(c.isspace() for c in text) < 0.03 * len(text):
            raise RejectedInput(
                "undecodable_bytes", f"bytes decode as {encoding} only to something that is not text"
            )
    controls = len(_CONTROL.findall(text))
    if controls > max(8, 0.01 * len(text)):
        raise RejectedInput("binary_content", f"{controls} control characters")
    if not text.strip():
        raise RejectedInput("empty_file", f"only whitespace ({len(raw)} bytes)")
    return text, encoding


# ---------------------------------------------------------------- header

# ` date 2024-03-22 Body...`: leading space, the word date, an ISO date.
_HEADER = re.compile(r"\A(?P<lead>[ \t]?)date[ \t]+(?P<token>\S+)[ \t]?")
_ISO_LIKE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}\Z")


def parse_header(text: str, *, today: date) -> tuple[date | None, str]:
    """Split the optional date header off ``text``: (published_date, rest).

    A header that is present but malformed, impossible (2024-02-30) or in the
    future raises RejectedInput. Text without a header returns (None, text).
    """
    m = _HEADER.match(text)
    if m is None:
        return None, text
    token = m.group("token")
    if not m.group("lead") and not _ISO_LIKE.match(token):
        return None, text  # "date night in Paris..." is prose, not a header
    if not _ISO_LIKE.match(token):
        raise RejectedInput("invalid_header_date", f"header date {token!r} is not YYYY-MM-DD")
    try:
        y, mo, d = (int(p) for p in token.split("-"))
        published = date(y, mo, d)
    except ValueError as exc:
        raise RejectedInput("invalid_header_date", f"header date {token!r}: {exc}") from exc
    if published > today:
        raise RejectedInput("future_published_date", f"header date {token} is after {today}")
    return published, text[m.end():]


# ---------------------------------------------------------------- cleaning

FURNITURE_LINES = [
    r"advertis(e)?ment",
    r"watch this (report|story|video)( on your mobile device)?",
    r"please enable javascript to watch this video",
    r"like this: like loading\.\.\.",
    r"share this:.*",
    r"(print|email|twitter|pinterest|google|facebook|more|photos|comments?)",
    r"\d+ pending comments?",
    r"copy link copy",
    r"hide transcript show transcript",
    r"trending stories:",
    r"\(?(©|copyright\b).*",
]
_FURNITURE = re.compile(r"\A(?:" + "|".join(FURNITURE_LINES) + r")\s*\Z", re.IGNORECASE)
_TITLE_MAX_CHARS = 200
_WORD = re.compile(r"\w+")


def is_furniture(line: str) -> bool:
    return bool(_FURNITURE.match(line.strip()))


def clean_body(text: str) -> str:
    """Body text without page furniture; newlines normalized; NFC."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [ln.rstrip() for ln in text.split("\n") if not is_furniture(ln)]
    out = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return out.strip()


def split_title(body_clean: str) -> str | None:
    """The first line when it reads as a headline: short, no final period, more text follows."""
    first, sep, rest = body_clean.partition("\n")
    first = first.strip()
    if not sep or not rest.strip() or not first:
        return None
    if len(first) > _TITLE_MAX_CHARS or first.endswith((".", ",", ";")):
        return None
    return first


def article_hash(body_clean: str) -> str:
    return hashlib.sha256(body_clean.encode("utf-8")).hexdigest()


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


# ---------------------------------------------------------------- metadata

_ISO_DATE = re.compile(r"\A\s*(\d{4})-(\d{1,2})-(\d{1,2})")


def metadata_date(value, *, today: date) -> date | None:
    """A reader's publication date (ISO date or datetime text, or a date) -> date; None when unusable.

    A date after ``today`` rejects the record (future_published_date), as a header does.
    """
    if value is None:
        return None
    if isinstance(value, date):
        published = value
    else:
        text = str(value).strip()
        m = _ISO_DATE.match(text)
        if m:
            try:
                published = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
        else:
            import dateparser  # "March 22, 2024", "22 Mar 2024 10:00 GMT"

            parsed = dateparser.parse(text, settings={"RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": True})
            if parsed is None:
                return None
            published = parsed.date()
    if published > today:
        raise RejectedInput("future_published_date", f"metadata date {value} is after {today}")
    if published.year < 1900:
        return None
    return published


def registered_domain(url: str | None) -> str | None:
    """The registered domain of a URL (www.bbc.co.uk -> bbc.co.uk), or None."""
    if not url:
        return None
    from courlan import extract_domain  # public-suffix aware (tld); pure

    try:
        return extract_domain(url) or None
    except Exception:
        return None


def outlet_of(outlet: str | None, url: str | None) -> str | None:
    """The site's name when the record gave one, else the URL's registered domain.

    An outlet given as a host name (news-please's source_domain www.bbc.co.uk) is
    its registered domain (bbc.co.uk), so one outlet has one name.
    """
    name = str(outlet).strip() if outlet is not None else ""
    if name and _HOST.match(name):
        return registered_domain(f"https://{name}/") or name.lower()
    if name:
        return name
    return registered_domain(url)


_HOST = re.compile(r"\A(?:[a-z0-9-]+\.)+[a-z]{2,}\Z", re.IGNORECASE)


@dataclass(frozen=True)
class StagedArticle:
    article_id: str
    title: str | None
    published_date: date | None
    published_date_source: str
    body_raw: str
    body_clean: str
    word_count: int
    content_sha256: str
    encoding: str
    source_url: str | None = None
    outlet: str | None = None
    authors: list[str] | None = None
    language: str | None = None


def stage_text(raw: bytes, *, today: date, max_chars: int | None = None) -> StagedArticle:
    """One file's bytes -> a staged article, or RejectedInput."""
    text, encoding = decode_bytes(raw)
    published, rest = parse_header(text, today=today)
    body_clean = clean_body(rest)
    if not body_clean:
        raise RejectedInput("empty_file", "no text after the header and page furniture")
    _check_length(body_clean, max_chars)
    sha = article_hash(body_clean)
    return StagedArticle(
        article_id=sha[:16],
        title=split_title(body_clean),
        published_date=published,
        published_date_source="header" if published else "none",
        body_raw=text,
        body_clean=body_clean,
        word_count=word_count(body_clean),
        content_sha256=sha,
        encoding=encoding,
    )


def _check_length(body: str, max_chars: int | None) -> None:
    """A body_clean longer than ``max_chars`` is rejected (too_long) before spaCy sees it."""
    if max_chars is not None and len(body) > max_chars:
        raise RejectedInput(
            "too_long", f"{len(body):,} characters of text > limit {max_chars:,} (NEWSCLAIMS_MAX_ARTICLE_CHARS)"
        )


def stage_fields(fields: dict, *, today: date, max_chars: int | None = None) -> StagedArticle:
    """A structured record (text, title, published, source_url, outlet, authors, language) -> staged article."""
    text = unicodedata.normalize("NFC", (fields.get("text") or "").replace("\r\n", "\n").replace("\r", "\n"))
    title = fields.get("title")
    title = " ".join(title.split()) if isinstance(title, str) and title.strip() else None
    if title and len(title) > _TITLE_MAX_CHARS:
        title = None
    body = clean_body(text)
    if not body or not _WORD.search(body):
        raise RejectedInput("empty_file", "the record has no text")
    if title and body.split("\n", 1)[0].strip() != title:
        body = f"{title}\n{body}"  # the title is the first line of body_clean, as in a text file
    raw = f"{title}\n{text}" if title and not text.startswith(title) else text
    _check_length(body, max_chars)
    published = metadata_date(fields.get("published"), today=today)
    sha = article_hash(body)
    url = fields.get("source_url") or fields.get("url")
    return StagedArticle(
        article_id=sha[:16],
        title=title or split_title(body),
        published_date=published,
        published_date_source="metadata" if published else "none",
        body_raw=raw,
        body_clean=body,
        word_count=word_count(body),
        content_sha256=sha,
        encoding="utf-8",
        source_url=url,
        outlet=outlet_of(fields.get("outlet"), url),
        authors=list(fields["authors"]) if fields.get("authors") else None,
        language=fields.get("language"),
    )


ARTICLE_SCHEMA = {
    "article_id": pl.String,
    "source_path": pl.String,
    "source_record": pl.String,
    "record_index": pl.Int64,
    "title": pl.String,
    "published_date": pl.Date,
    "published_date_source": pl.String,
    "body_raw": pl.String,
    "body_clean": pl.String,
    "word_count": pl.Int32,
    "content_sha256": pl.String,
    "encoding": pl.String,
    "source_url": pl.String,
    "outlet": pl.String,
    "authors": pl.List(pl.String),
    "language": pl.String,
    "file_sha256": pl.String,
}
REJECTED_SCHEMA = {
    "source_path": pl.String,
    "source_record": pl.String,
    "reason": pl.String,
    "detail": pl.String,
    "file_sha256": pl.String,
    "size_bytes": pl.Int64,
}


def stage_articles(
    files: pl.DataFrame, *, today: date, max_chars: int | None = None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Read files (source_path, raw, file_sha256, size_bytes, read_error) -> (articles, rejected).

    A row with a read_error ("reason: detail") is rejected with that reason.
    Every input row lands in exactly one of the two outputs.
    """
    articles, rejected = [], []
    for row in files.iter_rows(named=True):
        base = {"source_path": row["source_path"], "file_sha256": row["file_sha256"]}
        try:
            if row.get("read_error"):
                reason, _, detail = row["read_error"].partition(": ")
                raise RejectedInput(reason, detail)
            staged = stage_text(row["raw"], today=today, max_chars=max_chars)
        except RejectedInput as exc:
            rejected.append(
                base | {"reason": exc.reason, "detail": exc.detail, "size_bytes": row["size_bytes"]}
            )
            continue
        articles.append(base | staged.__dict__)
    return (
        pl.DataFrame(articles, schema=ARTICLE_SCHEMA),
        pl.DataFrame(rejected, schema=REJECTED_SCHEMA),
    )


def stage_records(
    records: pl.DataFrame, files: pl.DataFrame, *, today: date, max_chars: int | None = None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Read records (flows.reader.RECORD_SCHEMA, the ones to stage) -> (articles, rejected).

    ``files`` gives each path's file_sha256 and size_bytes. A record with a
    record_error ("reason: detail") is rejected with that reason; a record
    with ``raw`` bytes is a text article (decoded, header, title), one with
    fields a structured record. Every input row lands in exactly one output.
    """
    info = {r["source_path"]: r for r in files.select("source_path", "file_sha256", "size_bytes").iter_rows(named=True)}
    articles, rejected = [], []
    for row in records.iter_rows(named=True):
        f = info.get(row["source_path"], {})
        base = {"source_path": row["source_path"], "file_sha256": f.get("file_sha256")}
        key = {"source_record": row["source_record"], "record_index": row["record_index"]}
        try:
            if row.get("record_error"):
                reason, _, detail = row["record_error"].partition(": ")
                raise RejectedInput(reason, detail)
            if row.get("raw") is not None:
                staged = stage_text(row["raw"], today=today, max_chars=max_chars)
            else:
                staged = stage_fields(row, today=today, max_chars=max_chars)
        except RejectedInput as exc:
            rejected.append(base | {"source_record": row["source_record"], "reason": exc.reason,
                                    "detail": exc.detail, "size_bytes": f.get("size_bytes")})
            continue
        articles.append(base | key | staged.__dict__)
    return (
        pl.DataFrame(articles, schema=ARTICLE_SCHEMA),
        pl.DataFrame(rejected, schema=REJECTED_SCHEMA),
    )


def rejected_per_file(rejected: pl.DataFrame) -> pl.DataFrame:
    """One rejected_inputs row per file: a file's bad records become one row naming them.

    Its reason is the first bad record's; the detail names each bad record
    ("line 2: malformed_json: ...; line 5: ...", at most 10, then a count).
    """
    if not rejected.height or "source_record" not in rejected.columns:
        return rejected
    rows = []
    for (path,), group in rejected.group_by("source_path", maintain_order=True):
        recs = group.to_dicts()
        if len(recs) == 1 and recs[0].get("source_record") is None:
            rows.append(recs[0])
            continue
        parts = [f"{r['source_record'] or 'file'}: {r['reason']}: {r['detail']}" for r in recs[:10]]
        more = f"; and {len(recs) - 10} more" if len(recs) > 10 else ""
        first = recs[0]
        rows.append(first | {"detail": f"{len(recs)} bad record(s): " + "; ".join(parts) + more})
    return pl.DataFrame(rows, schema=rejected.schema)
