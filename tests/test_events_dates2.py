"""Issue 12: a day a title names before the article's date is the incident's date for clustering
("Man hurt in Jan. 5 blast dies": the text dates the death, the title the blast). Not a day after the article
(a schedule), not one more than MAX_DAYS_TITLE_DAY back, not in a title looking back a year ("One year after the
May 4 fire"). Hand-made titles and article rows; each case fails with its change reverted."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from tests.test_events import frames, partition
from transforms import events as evt


@pytest.mark.parametrize("title, published, expected", [
    # follow-ups dated by the incident's day: fires, floods, blasts, crashes, collapses, shootings
    ("Man wounded in Nov. 2 warehouse fire dies", date(2016, 11, 22), date(2016, 11, 2)),
    ("Flood victims of March 3 still without homes", date(2016, 4, 2), date(2016, 3, 3)),
    ("Man hurt in Jan. 5 blast dies", date(2017, 1, 19), date(2017, 1, 5)),
    ("Update on the March 3, 2015 mine collapse", date(2015, 6, 10), date(2015, 3, 3)),
    ("Dec. 28 pileup: second driver dies", date(2017, 1, 4), date(2016, 12, 28)),  # last year's December
    ("Suspect in August 14th shooting arrested", date(2016, 9, 1), date(2016, 8, 14)),
    ("Ferry capsized Sept. 9; death toll rises to 41", date(2016, 9, 12), date(2016, 9, 9)),
    # a day after the article's: a schedule, not the incident
    ("Bridge closed until Jan. 5 after crash", date(2016, 12, 20), None),
    ("Funeral set for June 12 for quake victims", date(2016, 6, 8), None),
    # the article's own day: nothing to move
    ("Gas explosion levels home on April 9", date(2016, 4, 9), None),
    # more than MAX_DAYS_TITLE_DAY back
    ("Trial opens in Jan. 5, 2015 factory blast", date(2016, 3, 1), None),
    ("Man hurt in Jan. 5 blast dies", date(2016, 8, 1), None),  # 209 days: no blast's day this close
    # a title looking back a year: the day is last year's, not this year's
    ("One year after the May 4 fire, families rebuild", date(2017, 5, 6), None),
    ("Anniversary of Feb. 10 earthquake marked", date(2017, 2, 11), None),
    ("Two years since the March 3 flood", date(2018, 3, 5), None),
    # no day, a time, a range, an age: nothing
    ("Girl, 5, killed in tornado", date(2016, 5, 1), None),
    ("Mine collapse traps 12", date(2016, 5, 1), None),
    ("March 3-5 storms killed 4", date(2016, 3, 20), None),  # a range of days
    ("Boy, 1 year old, hurt in May 2 crash", date(2016, 5, 9), date(2016, 5, 2)),  # an age is no look back
    ("Man hurt in Nov. 2 blast dies", None, None),  # no article date: nothing to compare
    ("Man hurt in Feb. 30 blast dies", date(2016, 3, 10), None),  # no such day
])
def test_title_day(title, published, expected):
    assert evt.title_day(title, published) == expected


def _cluster(rows, names):
    arts, mentions = frames(rows, names)
    arts = arts.with_columns(pl.Series("incident_keys", [[]] * arts.height, dtype=pl.List(pl.String)))
    assignments, _ = evt.cluster_events(arts, mentions)
    return dict(assignments.iter_rows()), assignments


def test_a_follow_up_dated_by_its_title_is_not_a_report_of_that_days_other_incident():
    """'Man hurt in Nov. 2 Elmwood fire dies' (the text dates the death, Nov. 20) is of the Nov. 2 fire, not of
    the house fire of Nov. 20 in the same city."""
    names = ["city:Elmwood", "org:Elmwood Fire Department"]
    ev, _ = _cluster([("a1", "2016-11-03", "2016-11-02", "Three hurt in Elmwood warehouse fire"),
                      ("a2", "2016-11-22", "2016-11-20", "Man hurt in Nov. 2 Elmwood fire dies"),
                      ("a3", "2016-11-21", "2016-11-20", "Child dies in Elmwood house fire")],
                     {"a1": names, "a2": names, "a3": names})
    assert ev["a2"] != ev["a3"]


BLAST = ["city:Carver Falls", "venue:Dunmore Chemical Plant"]


@pytest.mark.parametrize("title, published, together", [
    # the blast's day in the title: 14 days back, dated as the blast, one incident with its first report
    ("Worker hurt in Jan. 5 Carver Falls plant blast dies", "2017-01-19", True),
    # the same follow-up without the day: the text dates the death, two weeks on; one shared venue is not enough
    ("Worker hurt in Carver Falls plant blast dies", "2017-01-19", False),
])
def test_a_title_day_dates_a_follow_up_as_its_incident(title, published, together):
    ev, _ = _cluster([("a1", "2017-01-05", "2017-01-05", "Blast rocks Carver Falls chemical plant"),
                      ("a2", published, "2017-01-18", title)],
                     {"a1": BLAST, "a2": BLAST})
    assert (ev["a1"] == ev["a2"]) is together
