"""Format readers through the one way in (flows.reader.read_units) and staging (transforms.text).

Fixtures are our own real-looking pages and records (tests/fixtures/formats/);
the Parquet file and the WARC archives are built here (pyarrow, warcio).
"""

from __future__ import annotations

import gzip
import io
import json
import shutil
from datetime import date

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from flows.reader import read_units
from tests.conftest import FIXTURES
from transforms.incremental import classify_read
from transforms.text import outlet_of, rejected_per_file, stage_records

FORMATS = FIXTURES / "formats"
TODAY = date(2026, 1, 1)


def read(path, budget=100, known_files=None, known_records=None, **kw):
    return read_units([(str(path), 0, 0)], known_files or {}, known_records or {}, max_bytes=5_000_000,
                      budget=budget, **kw)


def staged(path, **kw):
    rb = read(path, **kw)
    articles, rejected = stage_records(rb.records, rb.files, today=TODAY)
    return rb, articles, rejected


def test_html_page_main_text_and_metadata_without_page_furniture():
    rb, articles, rejected = staged(FORMATS / "denver_mall.html")
    assert rejected.height == 0 and articles.height == 1
    a = articles.row(0, named=True)
    assert a["title"] == "Gunman kills three at Denver mall, police say"
    assert a["published_date"] == date(2024, 5, 14) and a["published_date_source"] == "metadata"
    assert a["source_url"] == "https://www.rockyledger.com/news/2024/05/14/denver-mall-shooting"
    assert a["outlet"] == "Rocky Ledger"
    assert a["authors"] == ["Maria Gomez"] and a["language"] == "en"
    assert a["source_record"] is None
    body = a["body_clean"]
    assert body.split("\n")[0] == a["title"]  # the title is the first line: spans index one text
    assert "killing three people and wounding at least five others" in body
    for furniture in ("cookies", "Home", "Sports", "Related stories", "Storm knocks out power", "All rights reserved",
                      "Privacy policy"):
        assert furniture not in body, furniture


def test_newsplease_json_record():
    _, articles, rejected = staged(FORMATS / "newsplease_record.json")
    assert rejected.height == 0
    a = articles.row(0, named=True)
    assert a["title"] == "Floods in Bavaria kill at least four, thousands evacuated"
    assert a["published_date"] == date(2024, 6, 2)
    assert a["outlet"] == "rhinepost.de"  # source_domain www.rhinepost.de, as its registered domain
    assert a["source_url"] == "https://www.rhinepost.de/en/news/flooding-bavaria"
    assert a["authors"] == ["Lena Hoffmann", "Tom Baker"] and a["language"] == "en"
    assert "forced more than 3,000 residents from their homes" in a["body_clean"]


def test_jsonl_three_records_one_article_each():
    rb, articles, _ = staged(FORMATS / "three_records.jsonl")
    got = [(r["source_record"], r["title"], r["published_date"], r["outlet"]) for r in articles.iter_rows(named=True)]
    assert got == [
        ("line 1", "Bus crash near Lyon injures 12", date(2024, 4, 12), "alpesmatin.fr"),
        ("line 2", "Warehouse fire in Ghent kills one", date(2024, 4, 13), "flandersdaily.be"),
        # no source_domain: the URL's registered domain (a two-level public suffix)
        ("line 3", "Stampede at Accra stadium leaves 5 dead", date(2024, 4, 14), "goldcoasttimes.com.gh"),
    ]
    assert articles["authors"].to_list()[2] is None


def test_csv_rows_and_outlet_from_column_or_url():
    _, articles, _ = staged(FORMATS / "table.csv")
    got = [(r["source_record"], r["title"], r["published_date"], r["outlet"], r["source_url"])
           for r in articles.iter_rows(named=True)]
    assert got == [
        ("row 1", "Ferry sinks off Sulawesi, 9 missing", date(2024, 2, 20), "Archipelago News",
         "https://www.archipelagonews.id/ferry-sulawesi"),
        ("row 2", "Gas blast in Ostrava injures 7", date(2024, 2, 21), "moravianherald.cz",
         "https://www.moravianherald.cz/ostrava-gas-blast"),
    ]


def test_parquet_rows_with_a_column_map(tmp_path):
    path = tmp_path / "export.parquet"
    pq.write_table(pa.table({
        "headline": ["Tram derails in Milan", "Quake shakes Izmir"],
        "story": ["Two people were killed and 40 injured when a tram derailed in central Milan on Friday, the fire "
                  "brigade said.", "At least 14 people were injured when a magnitude 5.9 earthquake struck Izmir "
                  "on Monday, officials said."],
        "published": [date(2024, 2, 23), date(2024, 3, 4)],
        "url": ["https://www.lombardypost.it/tram", "https://www.aegeanwire.com.tr/izmir-quake"],
        "author": ["Giulia Rossi; Marco Bianchi", None],
    }), path)
    rb = read(path, column_map={"headline": "title", "story": "text"})
    articles, rejected = stage_records(rb.records, rb.files, today=TODAY)
    assert rejected.height == 0
    got = [(r["source_record"], r["title"], r["published_date"], r["outlet"], r["authors"])
           for r in articles.iter_rows(named=True)]
    assert got == [("row 1", "Tram derails in Milan", date(2024, 2, 23), "lombardypost.it",
                    ["Giulia Rossi", "Marco Bianchi"]),
                   ("row 2", "Quake shakes Izmir", date(2024, 3, 4), "aegeanwire.com.tr", None)]


PAGE = """<html lang="en"><head><title>{title} | Harbour Gazette</title>
<meta property="og:site_name" content="Harbour Gazette">
<meta property="article:published_time" content="2024-07-{day:02d}T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<div class="cookie-consent">This site uses cookies. Accept cookies</div>
<article><h1>{title}</h1>
<p>{n} people were injured when a crane collapsed at the harbour of Port Elwood on Tuesday, the coast guard said in a statement released in the afternoon.</p>
<p>Record {i}: dock workers were evacuated from the area while engineers inspected the remaining cranes, a port authority spokesman told reporters.</p>
<p>The harbour will stay closed until Thursday while investigators work out why the crane's arm gave way during the morning shift.</p>
</article><footer>Copyright 2024 Harbour Gazette. Terms. Privacy.</footer></body></html>"""


def write_warc(path, n: int, *, gzip_records=True, extra=True):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gzip_records)
        for i in range(n):
            if extra:  # a request record and an image response: not articles
                w.write_record(w.create_warc_record(f"https://harbourgazette.com/{i}", "request",
                                                    payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
            body = PAGE.format(title=f"Crane collapse number {i} injures {i + 2}", day=1 + i % 28, n=i + 2,
                               i=i).encode()
            hh = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(f"https://www.harbourgazette.com/news/crane-{i}", "response",
                                                payload=io.BytesIO(body), http_headers=hh))
            if extra and i == 0:
                img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
                w.write_record(w.create_warc_record("https://www.harbourgazette.com/logo.png", "response",
                                                    payload=io.BytesIO(b"\x89PNG...."), http_headers=img))
    return path


@pytest.mark.parametrize("gz", [True, False])
def test_warc_html_responses_become_articles_keyed_by_record_id(tmp_path, gz):
    path = write_warc(tmp_path / ("cc.warc.gz" if gz else "cc.warc"), 3, gzip_records=gz)
    rb = read(path)
    articles, rejected = stage_records(rb.records, rb.files, today=TODAY)
    assert rejected.height == 0 and articles.height == 3  # requests and the image are not records
    assert all(k.startswith("<urn:uuid:") for k in articles["source_record"])
    a = articles.row(1, named=True)
    assert a["source_url"] == "https://www.harbourgazette.com/news/crane-1"
    assert a["outlet"] == "Harbour Gazette" and a["published_date"] == date(2024, 7, 2)
    assert "3 people were injured" in a["body_clean"] and "cookies" not in a["body_clean"]


def test_warc_is_read_in_chunks_that_resume_where_the_last_stopped(tmp_path):
    path = write_warc(tmp_path / "cc.warc.gz", 7)
    whole = read(path).records["source_record"].to_list()
    keys, units, files = [], [(str(path), 0, 0)], 0
    while units:
        rb = read_units(units, {}, {}, max_bytes=1000, budget=3)  # streamed: not bound by max_bytes
        files += rb.files.height
        keys += rb.records["source_record"].to_list()
        assert rb.records.height <= 3
        units = rb.resume
    assert keys == whole and len(keys) == 7 and files == 1


def test_a_json_list_is_records_and_resumes_at_its_item(tmp_path):
    items = [json.loads(line) for line in (FORMATS / "three_records.jsonl").read_text().splitlines()]
    path = tmp_path / "list.json"
    path.write_text(json.dumps(items + items[:2]))  # 5 items, the last two repeat the first two
    keys, units = [], [(str(path), 0, 0)]
    while units:
        rb = read_units(units, {}, {}, max_bytes=10**6, budget=2)
        keys += rb.records["source_record"].to_list()
        units = rb.resume
    assert keys == ["item 1", "item 2", "item 3", "item 4", "item 5"]


def test_unchanged_records_are_hashed_not_parsed(tmp_path):
    path = shutil.copy(FORMATS / "three_records.jsonl", tmp_path / "x.jsonl")
    first = read(path).records
    known = {(str(path), r["source_record"]): r["record_sha256"] for r in first.iter_rows(named=True)}
    lines = open(path).read().splitlines()
    lines[1] = lines[1].replace("kills one", "kills two")
    open(path, "w").write("\n".join(lines) + "\n")
    again = read(path, known_records=known).records
    assert again.select("source_record", "parsed").rows() == [("line 1", False), ("line 2", True), ("line 3", False)]
    assert again["title"].to_list()[0] is None and again["title"].to_list()[1] == "Warehouse fire in Ghent kills two"
    # the same bytes as the ledger's file hash: the file is not parsed at all
    same = read(path, known_files={str(path): read(path).files["file_sha256"][0]})
    assert same.records.height == 0


# ---------------------------------------------------------------- bad input, per format

def bad_cases(tmp_path):
    good = json.loads((FORMATS / "three_records.jsonl").read_text().splitlines()[0])
    (tmp_path / "mixed.jsonl").write_text(json.dumps(good) + "\n{\"title\": \"cut off\", \"maintext\": \"Th\n"
                                          + json.dumps({"title": "no text here"}) + "\n")
    (tmp_path / "notext.csv").write_text("headline,published\nSomething happened,2024-01-01\n")
    (tmp_path / "empty.html").write_text("<html><body><nav><a href='/'>Home</a></nav><footer>© 2024</footer>"
                                         "</body></html>")
    (tmp_path / "broken.json").write_text('{"title": "x", "maintext": ')
    good_warc = write_warc(tmp_path / "full.warc.gz", 3, extra=False).read_bytes()
    (tmp_path / "cut.warc.gz").write_bytes(good_warc[:-60])
    raw = write_warc(tmp_path / "full.warc", 2, gzip_records=False, extra=False).read_bytes()
    (tmp_path / "cut.warc").write_bytes(raw[:-200])
    (tmp_path / "fake.warc").write_bytes(b"<html>not an archive</html>")
    (tmp_path / "future.json").write_text(json.dumps(good | {"date_publish": "2031-05-01"}))


@pytest.mark.parametrize("name, loaded, reason, detail", [
    ("mixed.jsonl", 1, "malformed_json", "line 2"),  # the good line still loads; the others are named
    ("notext.csv", 0, "no_text_column", "headline, published"),
    ("empty.html", 0, "no_extractable_text", "no main text"),
    ("broken.json", 0, "malformed_json", "line 1"),
    ("cut.warc.gz", 2, "truncated_warc", ""),
    ("cut.warc", 1, "truncated_warc", ""),
    ("fake.warc", 0, "malformed_warc", "not a WARC file"),
    ("future.json", 0, "future_published_date", "2031-05-01"),
])
def test_each_bad_input_gets_its_reason(tmp_path, name, loaded, reason, detail):
    bad_cases(tmp_path)
    rb = read(tmp_path / name)
    files = classify_read(rb.files, pl.DataFrame(schema={"source_path": pl.String, "file_sha256": pl.String}))
    errors = files.filter(pl.col("read_error").is_not_null())
    articles, rejected = stage_records(rb.records, files, today=TODAY)
    if errors.height:  # the whole file
        got_reason, got_detail = errors["read_error"][0].split(": ", 1)
    else:  # its bad records, as the one rejected_inputs row of the file
        merged = rejected_per_file(rejected)
        assert merged.height == 1
        got_reason, got_detail = merged["reason"][0], merged["detail"][0]
    assert articles.height == loaded
    assert got_reason == reason
    assert detail in got_detail


def test_malformed_jsonl_names_every_bad_line(tmp_path):
    bad_cases(tmp_path)
    rb = read(tmp_path / "mixed.jsonl")
    _, rejected = stage_records(rb.records, rb.files, today=TODAY)
    merged = rejected_per_file(rejected).row(0, named=True)
    assert merged["detail"].startswith("2 bad record(s): line 2: malformed_json")
    assert "line 3: no_text_field" in merged["detail"]


@pytest.mark.parametrize("outlet, url, expected", [
    ("Rocky Ledger", None, "Rocky Ledger"),
    ("www.bbc.co.uk", None, "bbc.co.uk"),
    (None, "https://news.example.com.au/a/b", "example.com.au"),
    ("", "http://www.lemonde.fr/x", "lemonde.fr"),
    (None, None, None),
])
def test_outlet_is_the_site_name_else_the_registered_domain(outlet, url, expected):
    assert outlet_of(outlet, url) == expected


def test_a_gzip_that_is_not_a_warc_is_rejected_not_crashed(tmp_path):
    (tmp_path / "a.warc.gz").write_bytes(gzip.compress(b"just some text, not an archive\n" * 10))
    rb = read(tmp_path / "a.warc.gz")
    assert rb.files["read_error"].to_list() == [None]
    assert [e.split(":")[0] for e in rb.records["record_error"].to_list()] == ["malformed_warc"]
