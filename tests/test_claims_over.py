"""Issue 15, over-counts: people the tallies do not count, our own sentences, one article each.
Each case is run with the patterns alone (parse=None) and with the parse: both must give the
article's count of the type (the largest main-scope value_low of that claim type)."""

from __future__ import annotations

import polars as pl
import pytest

from tests.conftest import ARTICLE_SCHEMA

# text, claim type -> count
CASES = [
    # an unborn child (lexicon person_nouns.uncounted_*) is no counted person, alone or in a list
    ("A pregnant woman and her unborn child were killed in the shooting.", "killed", 1),
    ("Five adults and an unborn baby died when fire swept through the farmhouse.", "killed", 5),
    ("The crash killed three people, including an unborn child, on the interstate.", "killed", 2),
    ("Her unborn baby did not survive the collision, doctors said.", "killed", 0),
    ("The woman, who was pregnant, survived, but the fetus died.", "killed", 0),
    ("A gunman wounded a pregnant woman and her unborn son in the parking lot.", "injured", 1),
    # must not fire: born children, the mother herself, a count that does not include the unborn
    ("A pregnant woman and her baby were killed in the shooting.", "killed", 2),
    ("A pregnant woman was killed in the crash on Route 9.", "killed", 1),
    ("Three people were killed in the blast; an unborn child was among those saved.", "killed", 3),
    ("Two toddlers and a newborn died in the apartment fire.", "killed", 3),
    # a round-up of deaths ('a string / series / spate of ... deaths, slayings') counts several
    # incidents: an aggregate, not the article's incident (lexicon claims_gates.roundup_incidents)
    ("Her death was the first in a string of three shooting deaths in the county.", "killed", 0),
    ("The crash was the latest in a series of four traffic deaths on the bridge this spring.", "killed", 0),
    ("A spate of slayings left five people dead in the city.", "killed", 0),
    # must not fire: one incident's deaths, no round-up noun
    ("The fire caused three deaths in the apartment block.", "killed", 3),
    ("The shooting deaths of three people shocked the town.", "killed", 3),
    # a precedent clause ('comes a week after a ...', 'came after an ...', 'follows a ...') names an
    # earlier incident: the figures after it are that incident's (scope 'other')
    ("A man was shot dead downtown; it came two days after an attack at a club left 20 people dead.", "killed", 1),
    ("The bus crash killed two and comes a week after a ferry sinking killed 40 people.", "killed", 2),
    ("A miner was killed on Monday; the accident follows a mine collapse that killed nine workers.", "killed", 1),
    # must not fire: the figure comes before the cue, or 'came after' without an incident of its own
    ("Three people were killed in the blast, which came after the gas leak was reported.", "killed", 3),
    ("Two hikers died in a fall that came after a storm washed out the trail.", "killed", 2),
]


def _counts(nlp, parse) -> dict[tuple[str, str], int]:
    from transforms.claims import extract_claims

    texts = [t for t, _, _ in CASES]
    articles = pl.DataFrame([{"article_id": f"a{i}", "title": None, "body_clean": t, "published_date": None,
                              "event_date": None} for i, t in enumerate(texts)], schema=ARTICLE_SCHEMA)
    claims = extract_claims(articles, list(nlp.ner.pipe(texts)), parse)
    main = claims.filter((pl.col("scope") == "main") & ~pl.col("negated"))
    return {(t, kind): main.filter((pl.col("article_id") == f"a{i}") & (pl.col("claim_type") == kind))
            ["value_low"].max() or 0 for i, (t, kind, _) in enumerate(CASES)}


@pytest.fixture(scope="module")
def counts(nlp):
    return {"patterns": _counts(nlp, None), "parse": _counts(nlp, nlp.parse)}


@pytest.mark.parametrize("mode", ["patterns", "parse"])
@pytest.mark.parametrize("text, kind, expected", CASES, ids=[t[:40] for t, _, _ in CASES])
def test_count(counts, mode, text, kind, expected):
    assert counts[mode][(text, kind)] == expected
