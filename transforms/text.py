"""Raw file bytes -> staged articles: decode, header, title, page furniture, ids.

Pure functions: they take bytes/strings (or a Polars frame of read files) and
return values or frames. Nothing here opens a file.

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


def stage_text(raw: bytes, *, today: date, max_chars: int | None = None) -> StagedArticle:
    """One file's bytes -> a staged article, or RejectedInput."""
    text, encoding = decode_bytes(raw)
    published, rest = parse_header(text, today=today)
    body_clean = clean_body(rest)
    if not body_clean:
        raise RejectedInput("empty_file", "no text after the header and page furniture")
    if max_chars is not None and len(body_clean) > max_chars:
        raise RejectedInput(
            "too_long", f"{len(body_clean):,} characters of text > limit {max_chars:,} (NEWSCLAIMS_MAX_ARTICLE_CHARS)"
        )
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


ARTICLE_SCHEMA = {
    "article_id": pl.String,
    "source_path": pl.String,
    "title": pl.String,
    "published_date": pl.Date,
    "published_date_source": pl.String,
    "body_raw": pl.String,
    "body_clean": pl.String,
    "word_count": pl.Int32,
    "content_sha256": pl.String,
    "encoding": pl.String,
    "file_sha256": pl.String,
}
REJECTED_SCHEMA = {
    "source_path": pl.String,
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
