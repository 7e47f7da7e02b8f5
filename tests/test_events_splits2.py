"""Issue 12, round 4: a report of a new incident that recalls an earlier one in the same town ("On Nov. 1, an
11-year-old was killed ...") is no follow-up of it, and other fixes that keep one incident's reports together.
Hand-made texts and article rows; each case fails with its change reverted."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from tests.test_events import _dates, frames, partition
from transforms import events as evt
from transforms.incident_evidence import incident_keys, opening_day

_LEAD = ("Four people were hurt when a gas main exploded in a bakery on Grant Street on Friday night. "
         "Firefighters pulled two workers from the rubble. The blast shattered windows along the block. ")


@pytest.mark.parametrize("sentence, article_date, expected", [
    ("On Nov. 1, an 11-year-old boy was killed.", date(2015, 12, 11), date(2015, 11, 1)),
    ("On November 1, 2014, a levee broke.", date(2015, 12, 11), date(2014, 11, 1)),
    ("In October of 2014, two miners died.", date(2015, 3, 28), date(2014, 10, 1)),
    ("On Dec. 20, a bus overturned.", date(2015, 12, 11), date(2014, 12, 20)),  # a day after the report: last year
    ("Back on March 3 a fire gutted the mill.", date(2016, 5, 1), date(2016, 3, 3)),
    ("May God rest their souls.", date(2016, 5, 1), None),  # "May" opening a sentence is no month
    ("Police said the quake struck at noon.", date(2016, 5, 1), None),
    ("On Nov. 1, an 11-year-old boy was killed.", None, None),  # no article date: nothing to compare
])
def test_opening_day(sentence, article_date, expected):
    assert opening_day(sentence, article_date) == expected


@pytest.mark.parametrize("tail, article_date, background, recalled", [
    # a sentence opening on a day weeks before the article tells of another incident: its names are background
    ("On Nov. 1, Ruth Oakes died when a flood swept her car off the same road.", date(2015, 12, 11),
     {"ruth oakes"}, {"2015-11-01"}),
    # a month only: its names are background, but no day is recalled
    ("In October of 2014, Omar Vance was killed in a mine collapse nearby.", date(2015, 12, 11),
     {"omar vance"}, set()),
    # the sentence after it goes on telling of the other incident
    ("On Nov. 1, a tanker crashed on Route 9. Its driver, Omar Vance, was killed.", date(2015, 12, 11),
     {"omar vance"}, {"2015-11-01"}),
    # a day of the same week is the incident's own account ("On Dec. 9, the owner Omar Vance had reported a leak")
    ("On Dec. 9, owner Omar Vance had reported a gas smell.", date(2015, 12, 11), set(), set()),
    # no article date: no date cue
    ("On Nov. 1, Ruth Oakes died when a flood swept her car off the same road.", None, set(), set()),
])
def test_a_sentence_opening_on_an_earlier_day_is_background(tail, article_date, background, recalled):
    keys = incident_keys(_LEAD + tail, article_date)
    assert {k.split(":", 1)[1] for k in keys if k.startswith("background:")} == background
    assert {k.split(":", 1)[1] for k in keys if k.startswith("recalled:")} == recalled


def test_a_recalled_day_in_the_lead_is_the_reports_own():
    """A follow-up that opens on the incident's day ("On Nov. 1, Ruth Oakes died ...") tells of that incident."""
    keys = incident_keys("On Nov. 1, Ruth Oakes died when a flood swept her car away. Her family sued the county. "
                         + "The county said the road was closed. " * 6, date(2015, 12, 11))
    assert not [k for k in keys if k.startswith(("background:", "recalled:"))]


_TOWN = ["city:Mount Orrin", "city:Bexley County"]


@pytest.mark.parametrize("keys_b, together", [
    ([], True),  # the later report names the first one's day, Nov. 1 (no passage opening on it): a follow-up
    (["recalled:2015-11-01"], False),  # "On Nov. 1, ..." opens a passage recalling it: a report of another blast
])
def test_a_day_named_only_in_a_recalled_passage_does_not_refer_back(keys_b, together):
    """A December report of a new explosion in the same town recalls the November one ("On Nov. 1, an 11-year-old
    was killed in a blast on Elm Street"): both titles give an 11-year-old, the town is the same, and the text
    names Nov. 1; that day opens a passage about the other incident, so the report does not refer back to it."""
    names = _TOWN + ["org:Bexley County Fire Marshal"]
    arts, mentions = frames([("a1", "2015-11-02", "2015-11-01", "Boy, 11, killed in Mount Orrin house explosion"),
                             ("a2", "2015-12-11", "2015-12-11", "Four hurt, including 11-year-old, in Mount Orrin blast")],
                            {"a1": names, "a2": names})
    arts = arts.with_columns(pl.Series("incident_keys", [[], keys_b], dtype=pl.List(pl.String)))
    assignments, _ = evt.cluster_events(arts, mentions, date_mentions=_dates([("a2", "2015-11-01")]))
    assert (len(partition(assignments)) == 1) is together


# ---------------------------------------------------------------- a baby's age in months after an age noun

@pytest.mark.parametrize("title, ages", [
    ("Baby, 13 months, hurt when space heater sets home ablaze", {"1"}),  # a year old, not 13
    ("Infant, 6 weeks, among 3 hurt in bus crash", {"6 week"}),
    ("Toddler, 20 months, and boy, 4, rescued from flood", {"1", "4"}),
    ("Girl, 5, killed in tornado", {"5"}),  # an age in years as before
    ("Man, 20, gets 13 months in prison for deadly crash", {"20"}),  # a sentence's months are no age
])
def test_an_age_nouns_age_in_months_is_no_age_in_years(title, ages):
    assert evt._title_ages(title) == ages


def test_a_babys_months_do_not_part_it_from_a_report_giving_its_age():
    """"Baby, 13 months, hurt in house fire" and "1-year-old hurt in Elmwood fire": one child, same day and town."""
    names = ["city:Elmwood", "org:Elmwood Fire Department"]
    arts, mentions = frames([("a1", "2020-01-10", "2020-01-10", "Baby, 13 months, hurt in Elmwood house fire"),
                             ("a2", "2020-01-10", "2020-01-10", "1-year-old hurt in Elmwood house fire")],
                            {"a1": names, "a2": names})
    arts = arts.with_columns(pl.Series("incident_keys", [[], []], dtype=pl.List(pl.String)))
    assignments, _ = evt.cluster_events(arts, mentions)
    assert len(partition(assignments)) == 1
