"""Staging: decoding, the date header, title, page furniture, ids (table-driven)."""

from datetime import date

import polars as pl
import pytest

from transforms.text import (
    RejectedInput,
    clean_body,
    decode_bytes,
    parse_header,
    split_title,
    stage_articles,
    stage_text,
)

TODAY = date(2026, 11, 22)
BODY = "Police said two people were shot on Main Street late Friday night."


@pytest.mark.parametrize(
    "raw, text, encoding",
    [
        (BODY.encode("utf-8"), BODY, "utf-8"),
        (b"\xef\xbb\xbf" + BODY.encode("utf-8"), BODY, "utf-8"),
        (BODY.encode("utf-16"), BODY, "utf-16"),  # with BOM
        (BODY.encode("utf-16-le"), BODY, "utf-16"),  # BOM-less
        (BODY.encode("utf-16-be"), BODY, "utf-16"),
        ("Café owner said “three people” were hurt – police.".encode("cp1252"),
         "Café owner said “three people” were hurt – police.", "cp1252"),
        ("Le café où trois personnes ont été blessées.".encode("latin-1"),
         "Le café où trois personnes ont été blessées.", "cp1252"),
    ],
)
def test_decode_reads_text_encodings(raw, text, encoding):
    assert decode_bytes(raw) == (text, encoding)


@pytest.mark.parametrize(
    "raw, reason",
    [
        (b"", "empty_file"),
        (b"  \n\t\n ", "empty_file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary_content"),
        (b"%PDF-1.7\n%\xe2\xe3", "binary_content"),
        (b"abc\x00def\x00\x01\x02" * 20, "binary_content"),  # NULs, not UTF-16
        (bytes(range(1, 32)) * 10, "binary_content"),  # control characters
        ("Café said".encode() + b"\xe2\x80 two people", "undecodable_bytes"),  # corrupt UTF-8
        (bytes((i * 37) % 128 + 128 for i in range(300)), "undecodable_bytes"),  # high bytes only
    ],
)
def test_decode_rejects_with_reason(raw, reason):
    with pytest.raises(RejectedInput) as info:
        decode_bytes(raw)
    assert info.value.reason == reason


@pytest.mark.parametrize(
    "text, published, rest",
    [
        (" date 2024-03-22 In a shocking attack", date(2024, 3, 22), "In a shocking attack"),
        ("date 2024-03-22 In a shocking attack", date(2024, 3, 22), "In a shocking attack"),
        (" date 2016-7-4 Body", date(2016, 7, 4), "Body"),
        ("In a shocking attack", None, "In a shocking attack"),
        ("date night in Paris ended in gunfire", None, "date night in Paris ended in gunfire"),
    ],
)
def test_parse_header(text, published, rest):
    assert parse_header(text, today=TODAY) == (published, rest)


@pytest.mark.parametrize(
    "text, reason",
    [
        (" date 2024-02-30 Body", "invalid_header_date"),  # impossible day
        (" date 2024-13-01 Body", "invalid_header_date"),
        (" date 22-03-2024 Body", "invalid_header_date"),  # not ISO
        (" date March Body", "invalid_header_date"),
        (" date 2027-01-01 Body", "future_published_date"),
    ],
)
def test_parse_header_rejects(text, reason):
    with pytest.raises(RejectedInput) as info:
        parse_header(text, today=TODAY)
    assert info.value.reason == reason


@pytest.mark.parametrize(
    "body, title",
    [
        ("Attack at Moscow Concert Hall Leaves 62 Dead: ISIS Claims Responsibility\n\nMOSCOW - At least 62.",
         "Attack at Moscow Concert Hall Leaves 62 Dead: ISIS Claims Responsibility"),
        ("In a devastating turn of events, the hall burned.\n\nMore.", None),  # final period: prose
        ("Only one line, no body", None),
        ("x" * 201 + "\nbody", None),  # too long for a headline
    ],
)
def test_split_title(body, title):
    assert split_title(body) == title


def test_clean_body_drops_furniture_lines_only():
    raw = "Headline here\r\n\r\nFirst paragraph.\n\nAdvertisment\n\nSecond.\nAdvertisement \n" \
          "Watch this report on your mobile device\nCopyright 2016 WIS. All rights reserved.\n" \
          "An advertisement for the show ran on Friday."
    assert clean_body(raw) == ("Headline here\n\nFirst paragraph.\n\nSecond.\n"
                               "An advertisement for the show ran on Friday.")


def test_stage_text_ids_are_content_hashes():
    a = stage_text(b" date 2024-03-23 Body one.\n\nAdvertisment\n\nMore.", today=TODAY)
    b = stage_text(b" date 2024-03-23 Body one.\n\nMore.", today=TODAY)
    assert a.article_id == b.article_id  # furniture does not change the article
    assert a.body_raw != b.body_raw
    assert a.content_sha256.startswith(a.article_id) and len(a.article_id) == 16
    assert a.published_date_source == "header"
    assert stage_text(b"No header body.", today=TODAY).published_date_source == "none"


def test_stage_articles_splits_good_and_rejected_rows():
    files = pl.DataFrame(
        {
            "source_path": ["a.txt", "b.txt", "c.txt", "d.txt"],
            "raw": [b" date 2024-03-22 Good body text.", b"", b" date 2024-02-30 x", None],
            "file_sha256": ["1", "2", "3", None],
            "size_bytes": [30, 0, 18, 10_000_000],
            "read_error": [None, None, None, "too_large: 10,000,000 bytes > limit"],
        }
    )
    articles, rejected = stage_articles(files, today=TODAY)
    assert articles["source_path"].to_list() == ["a.txt"]
    assert dict(zip(rejected["source_path"], rejected["reason"])) == {
        "b.txt": "empty_file",
        "c.txt": "invalid_header_date",
        "d.txt": "too_large",
    }
