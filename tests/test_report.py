"""`newsclaims report`: the chart logic on hand-made rows, the page on edge cases, and the
seeds report opened in a real headless Chromium (Debian's, no browser download).

`make test` installs chromium (apt, as root) when it is missing; elsewhere the browser
tests skip with a message (CI=true makes them fail instead). The screenshot of the seeds
report is saved under test-artifacts/ (git-ignored).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from flows import report
from tests.conftest import ROOT
from warehouse import loader

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
ARTIFACTS = ROOT / "test-artifacts"


def require_chromium() -> None:
    """Outside CI a missing browser skips the test with how to get it; in CI (CI=true) it fails."""
    if CHROMIUM.exists():
        return
    msg = ("Debian's chromium is not installed (/usr/bin/chromium): `make test` installs it as root, "
           "or run `sudo apt-get install --no-install-recommends chromium`")
    if os.environ.get("CI"):
        pytest.fail(msg)
    pytest.skip(msg)


@pytest.mark.parametrize("qualifier, stated, low, high, surface, label", [
    ("exact", 62, 62, 62, "62", "62"),
    ("exact", 9, 7, 7, "9", "7"),  # derived: 9 shot, 2 of them killed -> 7 injured
    ("at_least", 60, 60, None, "at least 60", "≥60"),
    ("more_than", 60, 61, None, "more than 60", ">60"),
    ("about", 30, 30, 30, "about 30", "~30"),
    ("range", None, 10, 12, "between 10 and 12", "10–12"),
    ("at_most", 5, 0, 5, "at most 5", "≤5"),
    ("vague", None, 24, None, "dozens", "dozens (≥24)"),
])
def test_short_labels_show_the_figure_as_stated(qualifier, stated, low, high, surface, label):
    assert report.short_label(qualifier, stated, low, high, surface) == label


def _point(aid, published, value, qualifier, stated=None, high=None, ctype="killed"):
    return {"event_id": "e", "claim_type": ctype, "article_id": aid, "title": None, "published_date": published,
            "is_dated": published is not None, "best_value": value, "best_value_high": high,
            "best_qualifier": qualifier, "best_value_stated": stated if stated is not None else value,
            "best_surface": "s", "best_hedged": False, "source_file": f"{aid}.txt", "report_number": 1}


def test_timeline_figure_marks_qualifiers_open_bounds_undated_and_reference_lines():
    timeline = [
        _point("a1", date(2024, 3, 22), 61, "more_than", stated=60),
        _point("a2", date(2024, 3, 23), 60, "at_least"),
        _point("a3", date(2024, 3, 23), 40, "at_least"),  # same day as a2
        _point("a4", None, 62, "exact", high=62),
        _point("a5", date(2024, 3, 22), 10, "range", high=12, ctype="injured"),
    ]
    consensus = [{"claim_type": "killed", "conservative_value": 40, "latest_value": 60, "latest_is_tied": True},
                 {"claim_type": "injured", "conservative_value": 10, "latest_value": 10, "latest_is_tied": False}]
    fig = report.timeline_figure(timeline, consensus)
    data = [t for t in fig.data if t.x and t.x[0] is not None]  # legend-only traces have x = [None]
    by_name = {}
    for t in data:
        by_name.setdefault(t.name, []).append(t)
    more_than = by_name["more than"][0]
    assert more_than.marker.symbol == "triangle-up-open" and list(more_than.text) == [">60"]
    assert list(more_than.error_y.array)[0] > 0  # open upper bound drawn as a bar up...
    assert any(t.marker.symbol == "arrow-up" for t in data)  # ...with an arrow head
    at_least = by_name["at least"][0]
    assert at_least.marker.symbol == "triangle-up" and len(set(at_least.x)) == 2  # same-day reports spread
    exact = by_name["exact"][0]
    assert exact.xaxis != more_than.xaxis and list(exact.error_y.array) == [0]  # undated panel, no bar
    rng = by_name["range"][0]
    assert list(rng.error_y.array) == [2] and rng.error_y.width > 0  # 10-12: capped bar of 2
    assert {lg.name for lg in fig.data if lg.showlegend is not False and lg.x == (None,)} >= \
        {"more than", "at least", "exact", "range", "no upper bound"}
    lines = {(s.y0, s.line.dash) for s in fig.layout.shapes}
    assert {(40, "dash"), (60, "dot"), (10, "dash"), (10, "dot")} <= lines
    notes = " ".join(a.text for a in fig.layout.annotations)
    assert "conservative 40" in notes and "latest 60" in notes and "undated" in notes


def test_timeline_figure_with_a_type_only_undated_and_a_crowded_day():
    timeline = [_point(f"k{i}", date(2024, 3, 22), 10 + i, "exact", high=10 + i) for i in range(9)]
    timeline.append(_point("u1", None, 5, "vague", ctype="injured"))
    fig = report.timeline_figure(timeline, [])
    killed = next(t for t in fig.data if t.name == "exact" and t.x[0] is not None)
    xs = sorted(killed.x)
    assert len(set(xs)) == 9 and xs[-1] - xs[0] <= timedelta(hours=16)  # spread, within the day
    assert any(t.name == "vague" and t.x[0] is not None for t in fig.data)


def _empty_db(tmp_path) -> Path:
    db = tmp_path / "empty.duckdb"
    con = loader.connect(db)
    loader.ensure_schema(con)
    con.close()
    return db


def test_report_on_an_empty_database(tmp_path):
    out = report.write_report(_empty_db(tmp_path), tmp_path / "r.html")
    page = out.path.read_text()
    assert "No run recorded" in page and "No events yet" in page and out.n_charts == 0


def test_report_shows_rejected_inputs_quarantine_and_expectation_failures(tmp_path):
    db = _empty_db(tmp_path)
    con = duckdb.connect(str(db))
    now = datetime(2024, 4, 1, 12, 0)
    con.execute("insert into pipeline_runs (run_id, started_at, status, files_seen, files_rejected, "
                "rows_quarantined, expectations_failed) values ('r0', ?, 'success', 1, 0, 0, 0), "
                "('r1', ?, 'success', 3, 1, 2, 1)", [datetime(2024, 3, 1), now])
    con.execute("insert into rejected_inputs (run_id, source_path, reason, detail, file_sha256, size_bytes, "
                "rejected_at) values ('r1', '/in/bad.txt', 'binary_content', 'NUL bytes', "
                "null, 10, ?)", [now])
    con.execute("insert into quarantine (run_id, table_name, row_key, expectation, row_data, quarantined_at) "
                "values ('r1', 'claims', 'k1', 'value_low_le_value_high', '{}', ?), "
                "('r1', 'claims', 'k2', 'value_low_le_value_high', '{}', ?)", [now, now])
    con.execute("insert into dq_results (run_id, suite, expectation, column_name, success, element_count, "
                "unexpected_count, unexpected_sample, evaluated_at) values "
                "('r1', 'claims', 'expect_column_pair_values_a_to_be_greater_than_b', 'value_high', false, 9, 2, "
                "null, ?), ('r1', 'claims', 'expect_column_values_to_not_be_null', 'claim_id', true, 9, 0, null, ?)",
                [now, now])
    con.close()
    page = report.write_report(db, tmp_path / "r.html").path.read_text()
    assert "r1" in page and "/in/bad.txt" in page and "binary_content" in page
    assert re.search(r"value_low_le_value_high</code></td><td class=\"n\">2<", page)
    assert "1 failed</span> of 2 evaluated" in page
    assert "expect_column_pair_values_a_to_be_greater_than_b" in page
    assert "No expectation results recorded" not in page


# ---------------------------------------------------------------- the seeds report in a browser


@pytest.fixture(scope="module")
def seeds_report(seeds_db, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    proc = subprocess.run([sys.executable, "-m", "flows.cli", "report", "--out", str(out), "--db", str(seeds_db)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "wrote" in proc.stdout
    return out


@pytest.mark.slow
def test_seeds_report_is_self_contained(seeds_report):
    page = seeds_report.read_text()
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=", page)  # no CDN, no external file
    assert page.count("<script type=\"text/javascript\">") >= 1 and "Plotly.newPlot" in page
    assert re.search(r">0 failed</span> of \d+ evaluated", page)  # the seeds pass every suite


@pytest.mark.slow
def test_seeds_report_in_headless_chromium(seeds_report):
    require_chromium()
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    requests: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
            page.on("console", lambda msg: errors.append(f"console: {msg.text}") if msg.type == "error" else None)
            page.on("request", lambda req: None if req.url.startswith(("file:", "data:", "blob:", "about:"))
                    else requests.append(req.url))
            page.goto(seeds_report.as_uri())
            page.wait_for_selector(".js-plotly-plot .main-svg")
            traces = page.evaluate("Array.from(document.querySelectorAll('.js-plotly-plot'))"
                                   ".map(d => (d.data || []).filter(t => t.x && t.x[0] !== null).length)")
            markers = page.locator(".js-plotly-plot .scatterlayer .point").count()
            chart_text = page.evaluate("Array.from(document.querySelectorAll('.js-plotly-plot text'))"
                                       ".map(t => t.textContent).join(' | ')")
            consensus = page.locator("table.consensus tr", has_text="killed").first.inner_text()
            undated_rows = page.locator("table.sources tr", has_text="undated").count()
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "report-seeds.png"), full_page=True)
        finally:
            browser.close()
    assert errors == []
    assert requests == []  # works offline: nothing fetched from the network
    assert len(traces) == 1 and traces[0] >= 3  # one event chart, several qualifier traces
    assert markers >= 8  # killed 4 + injured 4 articles (and arrow heads)
    assert "no published date" in chart_text and "undated reports" in chart_text  # the undated panel
    assert "conservative 40" in chart_text and "latest 60" in chart_text  # reference lines
    assert ">60" in chart_text and "≥40" in chart_text  # qualifiers labelled as stated
    assert re.search(r"killed\s+4\s+\d+\s+40\s+62", consensus)  # conservative 40, max 62
    assert undated_rows == 2  # 002 and 003 have no date header
    assert (ARTIFACTS / "report-seeds.png").stat().st_size > 10_000



@pytest.mark.parametrize("command", ["export", "report"])
def test_bi_md_documents_every_option_of_export_and_report(command):
    from flows.cli import build_parser

    doc = (ROOT / "docs" / "BI.md").read_text()
    sub = next(a for a in build_parser()._subparsers._group_actions[0].choices.items() if a[0] == command)[1]
    assert f"newsclaims {command}" in doc
    for action in sub._actions:
        for opt in action.option_strings:
            if opt.startswith("--") and opt != "--help":
                assert opt in doc, f"docs/BI.md does not mention {command} {opt}"


# ---------------------------------------------------------------- evidence, overview, DQ panel, size


@pytest.mark.parametrize("body, sentence, span, parts", [
    ("Police said. Two people were killed on Friday. More later.", "Two people were killed on Friday.",
     (13, 16), ("", "Two", " people were killed on Friday.")),
    # the same sentence twice: the occurrence that holds the figure
    ("3 dead. Later: 3 dead. End.", "3 dead.", (15, 16), ("", "3", " dead.")),
    # no sentence: a window around the figure, cut at spaces
    ("a " * 100 + "killed 12 people" + " b" * 100, None, (207, 209), ("…" + "a " * 76 + "killed ", "12",
                                                                    " people" + " b" * 76 + "…")),
    # a sentence that does not cover the span is not trusted
    ("One. Two 5 three.", "One.", (9, 10), ("One. Two ", "5", " three.")),
])
def test_quote_parts_mark_the_figure_in_its_sentence(body, sentence, span, parts):
    assert body[span[0]:span[1]] == parts[1]
    assert report.quote_parts(body, sentence, *span) == parts


@pytest.mark.parametrize("url, link", [
    ("https://news.example.org/a?b=1", "https://news.example.org/a?b=1"),
    ("http://x.example/p", "http://x.example/p"),
    ("javascript:alert(1)", None), ("file:///etc/passwd", None), (None, None), ("https://a.example/\"x", None),
])
def test_only_http_urls_become_links(url, link):
    assert report._safe_url(url) == link


@pytest.mark.slow
def test_report_evidence_overview_and_the_dq_panel_after_an_unchanged_rerun(tmp_path):
    """A real run, provenance filled in as a web reader would give it, then a no-op re-run."""
    import shutil

    from tests.conftest import SEEDS, run_pipeline

    inp = tmp_path / "in"
    inp.mkdir()
    for p in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(p, inp / p.name)
    db = tmp_path / "w.duckdb"
    first = run_pipeline([inp], db)
    con = duckdb.connect(str(db))
    con.execute("update articles set source_url = 'https://news.example.org/crocus?id=1', "
                "outlet = 'Example <News>' where source_path like '%000_%'")
    (n_claims,) = con.execute("select count(*) from claims where not coalesce(is_background, false)").fetchone()
    con.close()
    from flows.cli import main

    assert main(["run", str(inp), "--db", str(db), "--no-progress"]) == 0  # the no-op path: no dq_results
    out = report.write_report(db, tmp_path / "r.html")
    page = out.path.read_text()
    assert out.size_bytes < 1_500_000  # plotly's basic bundle, not the full 4.8 MB one
    # the DQ panel: the last run that validated something, not the no-op one
    assert f"those of run <code>{first.run_id}</code>" in page and "No expectation results" not in page
    assert re.search(r">0 failed</span> of \d+ evaluated", page)
    # overview first, then the events
    assert page.index('id="overview"') < page.index('id="data-quality"') < page.index('class="event"')
    assert page.count("<tr class=") >= 1 and 'data-event-id="' in page[page.index('id="overview"'):]
    # evidence: every figure, its sentence with the figure marked, outlet linked to its URL (escaped)
    ev = page[page.index('<table class="evidence">'):]
    ev = ev[:ev.index("</table>")]
    assert ev.count("<mark>") == n_claims
    assert '<a href="https://news.example.org/crocus?id=1" rel="noopener noreferrer">Example &lt;News&gt;</a>' in ev
    assert "<mark>more than 60</mark> fatalities" in ev
    assert "001_96ab3e3545c57bc3.txt" in ev  # no outlet or URL: the source file
    who = page[page.index('<table class="sources">'):]
    who = who[:who.index("</table>")]
    assert '<a href="https://news.example.org/crocus?id=1" rel="noopener noreferrer">Example &lt;News&gt;</a> · ' \
        '000_' in who
