"""Data Docs: one GX folder per database, pages that load nothing from the network (assets vendored
next to the site), and `newsclaims eval` never writing into another database's site."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from flows.validate import CDN_ASSETS, make_offline
from tests.conftest import FIXTURES, ROOT, SEEDS, run_pipeline

CHROMIUM = Path("/usr/bin/chromium")
LOADS = re.compile(r"""<(?:script|link|img)\b[^>]*?\b(?:src|href)\s*=\s*["']([^"']+)["']""", re.I)


def _loaded(page: Path) -> list[str]:
    """What a page loads (scripts, stylesheets, images; plain links to other pages are not loads)."""
    return LOADS.findall(page.read_text(encoding="utf-8"))


def test_the_rewrite_points_every_known_cdn_asset_at_the_vendored_copy(tmp_path):
    site = tmp_path / "site"
    (site / "validations" / "a" / "r" / "t").mkdir(parents=True)
    (site / "static" / "images").mkdir(parents=True)
    (site / "static" / "images" / "logo-long.png").write_bytes(b"png")  # GX writes its own logo there
    tags = "\n".join(f'<link rel="stylesheet" href="{u}">' if u.endswith(".css")
                     else f'<script src="{u}" integrity="sha384-x" crossorigin="anonymous"></script>'
                     for u in CDN_ASSETS)
    logo = '<img src="https://great-expectations-web-assets.s3.us-east-2.amazonaws.com/logo-long.png?d=1&x=2">'
    page = site / "validations" / "a" / "r" / "t" / "p.html"
    page.write_text(f"<html><head>{tags}</head><body>{logo}<a href='https://greatexpectations.io'>gx</a>"
                    "</body></html>")
    (site / "index.html").write_text(f"<html><head>{tags}</head></html>")
    assert make_offline(site) == 2
    assert make_offline(site) == 0  # idempotent
    for p in (page, site / "index.html"):
        loads = _loaded(p)
        assert loads and not [u for u in loads if u.startswith("http")], loads
        for u in loads:
            assert (p.parent / u).resolve().exists(), u
    assert "https://greatexpectations.io" in page.read_text()  # a link is not a load
    assert "vega" not in page.read_text()
    assert "integrity=" not in page.read_text() and "crossorigin" not in page.read_text()  # file:// pages


@pytest.mark.slow
def test_each_database_has_its_own_offline_site_and_eval_writes_into_neither(tmp_path, monkeypatch):
    from flows.evaluate import evaluate
    from flows.settings import get_settings

    monkeypatch.delenv("NEWSCLAIMS_GX_DIR", raising=False)  # the session shares one; here the default
    inp = tmp_path / "in"
    inp.mkdir()
    shutil.copy(sorted(SEEDS.glob("*.txt"))[0], inp / "a.txt")
    a, b = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    sa, sb = run_pipeline([inp], a), run_pipeline([inp], b)
    assert Path(sa.docs_path) == tmp_path / "a.duckdb.gx" / "uncommitted" / "data_docs" / "local_site" / "index.html"
    assert Path(sb.docs_path).parts[-5] == "b.duckdb.gx"
    site_a = Path(sa.docs_path).parent
    pages = list(site_a.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        loads = _loaded(page)
        remote = [u for u in loads if re.match(r"https?://", u)]
        assert remote == [], (page, remote)
        missing = [u for u in loads if not (page.parent / u).resolve().exists()
                   and not u.endswith("favicon.ico")]  # GX's own favicon path is one level short
        assert missing == [], (page, missing)
    assert sa.run_id in site_a.joinpath("index.html").read_text()
    assert sb.run_id not in site_a.joinpath("index.html").read_text()

    before = sorted(p.name for p in site_a.rglob("*.html"))
    report = evaluate(FIXTURES / "eval", get_settings(db=a))
    assert report["killed"]["n"] > 0
    assert sorted(p.name for p in site_a.rglob("*.html")) == before  # eval used a site of its own

    from tests.test_report import require_chromium

    require_chromium()
    from playwright.sync_api import sync_playwright

    fetched, errors = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM),
                                    args=["--headless", "--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                       else (fetched.append(route.request.url), route.abort()))
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            suite_page = next(p for p in pages if "/validations/articles/" in str(p))
            page.goto(suite_page.as_uri())
            page.wait_for_selector(".bootstrap-table", timeout=15_000)  # built by bootstrap-table's JS
            font = page.evaluate("getComputedStyle(document.querySelector('.fas, .far, .fa') || document.body)"
                                 ".fontFamily")
        finally:
            browser.close()
    assert fetched == [] and errors == []
    assert "Font Awesome" in font
