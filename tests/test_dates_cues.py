"""The incident date's cue words (transforms/lexicon/date_cues.yaml, transforms/dates/incident.py tiers):
incidents other than shootings are incidents, and a victim's later state, a search or a court step on a
later day dates that step, not the incident. Our own sentences; with the cue lists of before this
change 8 of the 9 CASES fail (all but the fireworks depot, which "happened" already dated); the
GUARDS pass either way; the NAMED rows fail without tier 5."""

from __future__ import annotations

from datetime import date

import pytest

from transforms.dates import event_date, find_date_mentions

SAT, SUN, MON, TUE, WED = (date(2024, 3, d) for d in (23, 24, 25, 26, 27))

CASES = [
    # a victim's later state: "in critical condition", "still", "remained"
    ("A 12-year-old was in critical condition Tuesday after he was wounded in a shooting Monday evening.",
     TUE, MON),
    ("Three people were still in the hospital Wednesday night, recovering from Monday's blast at the plant.",
     WED, MON),
    ("Three miners were still trapped Wednesday after the mine collapsed on Monday.", WED, MON),
    # the search goes on after the incident
    ("Rescuers were still searching the rubble Tuesday, two days after the earthquake struck on Sunday.",
     TUE, SUN),
    # the incident is a fire, a blast, a flood, a capsized boat: its day beats a reporting day
    ("Fire officials said Monday that the blaze that destroyed the warehouse started Sunday night.", MON, SUN),
    ("Police said Tuesday that the explosion at the fireworks depot happened Sunday.", TUE, SUN),
    ("Officials confirmed Wednesday that the ferry capsized Monday near the harbor.", WED, MON),
    # court steps: a judge, a bond hearing, a trial
    ("A man appeared before a judge Tuesday, charged in a shooting that wounded two people Saturday.", WED, SAT),
    ("Bond was set Monday for the driver in the bombing on Saturday.", TUE, SAT),
]

# the day names the incident (tier 5): "the May 25 fatal shooting", "Sunday night's shooting", "Monday's
# blast" beats a recent reporting or court day of the same sentence
NAMED = [
    ("The man accused in the May 25 fatal shooting entered a plea today in county court.", date(2024, 11, 18),
     date(2024, 5, 25), "absolute_in_text"),
    ("Police on Tuesday released the names of the victims of Sunday night's fatal shooting.", TUE, SUN,
     "relative_weekday"),
    ("Investigators on Wednesday were combing the site of Monday's gas explosion.", WED, MON, "relative_weekday"),
    ("Residents returned Thursday to homes damaged in Tuesday\u2019s flood.", date(2024, 3, 28), TUE,
     "relative_weekday"),
]

GUARDS = [
    # a follow-up word after the incident's day says nothing of it
    ("Two people were shot Saturday night, and one remained in critical condition.", SUN, SAT),
    ("A gas explosion Sunday killed four workers; the plant remained closed Monday.", TUE, SUN),
]


@pytest.mark.parametrize("text,published,expected,source", NAMED)
def test_a_day_that_names_the_incident_dates_it(text, published, expected, source):
    assert event_date(text, published, find_date_mentions(text, published)) == (expected, source), text


@pytest.mark.parametrize("text", ["After Tuesday's vote the council adjourned.", "Tuesday's game was a shootout.",
                                  "On Tuesday shooting stars lit the sky."])
def test_a_day_before_another_noun_does_not_name_the_incident(text):
    from transforms.dates.incident import _tier

    m = next(x for x in find_date_mentions(text, WED) if x["surface"].startswith("Tuesday"))
    assert _tier(text, m) < 5


@pytest.mark.parametrize("text,published,expected", CASES + GUARDS)
def test_the_incident_day_is_the_one_of_the_incident(text, published, expected):
    day, source = event_date(text, published, find_date_mentions(text, published))
    assert (day, source) == (expected, "relative_weekday"), text
