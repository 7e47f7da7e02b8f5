"""transforms.events: follow-ups of one incident that the clustering used to split (issue 12), on hand-made
article rows: each mechanism joins a report that a human would join, and keeps apart the ones that must stay
apart (same city, same day, other people)."""

from __future__ import annotations

import polars as pl
import pytest

from tests.test_events import _dates, frames
from transforms import events as evt


def _together(articles, names, keys, **kw) -> bool:
    arts, mentions = frames(articles, names)
    arts = arts.with_columns(pl.Series("incident_keys", [keys.get(a, []) for a in arts["article_id"]],
                                       dtype=pl.List(pl.String)))
    assignments, _ = evt.cluster_events(arts, mentions, **kw)
    return assignments.filter(pl.col("article_id").is_in(["a1", "a2"]))["event_id"].n_unique() == 1


# ---------------------------------------------------------------- a follow-up naming a person by surname alone

_FIRE = [("a1", "2019-02-04", "2019-02-03", "Worker killed in Millbrook plant fire"),
         ("a2", "2019-04-20", "2019-04-19", "Plant owner charged months after deadly blaze")]


@pytest.mark.parametrize("names_b, keys_b, others, together", [
    pytest.param(["city:Millbrook", "person:Okafor"], [], 0, True, id="surname-of-the-victim-months-later"),
    pytest.param(["city:Harlow", "person:Okafor"], [], 0, False, id="another-town"),
    pytest.param(["city:Millbrook", "person:Okafor"], ["official:okafor"], 0, False,
                 id="the-surname-of-an-official"),
    pytest.param(["city:Millbrook", "person:Okafor", "person:Okafor Banks"], [], 0, False,
                 id="the-word-is-a-first-name-in-the-text"),
    pytest.param(["city:Millbrook", "person:Okafor"], [], 4, False, id="a-common-surname"),
    pytest.param(["city:Millbrook", "person:Okafors"], [], 0, False, id="another-surname"),
])
def test_a_bare_surname_matches_the_victim_named_in_full(names_b, keys_b, others, together):
    """'Okafor's family sued the plant' two months later; the first report named 'Darnell Okafor, 41,'."""
    articles = list(_FIRE)
    names = {"a1": ["city:Millbrook", "org:Millbrook Fire Department"], "a2": names_b}
    keys = {"a1": ["name:darnell okafor", "age:41"], "a2": keys_b}
    for i in range(others):  # other reports naming other people of that surname: the surname is common
        aid = f"o{i}"
        articles.append((aid, f"2018-0{i + 1}-10", f"2018-0{i + 1}-10", "Council meeting"))
        names[aid] = [f"city:Town{i}", f"person:Kemi{i} Okafor"]
    assert _together(articles, names, keys) is together


def test_a_bare_surname_does_not_join_same_day_reports_of_other_people():
    """Same city, same day, a shooting and a crash: the crash report's 'Reyes' is no one of the shooting's."""
    articles = [("a1", "2021-07-04", "2021-07-04", "Man shot outside bar in Dunmore"),
                ("a2", "2021-07-04", "2021-07-04", "Driver hurt in Dunmore crash")]
    names = {"a1": ["city:Dunmore", "person:Luis Ortega"], "a2": ["city:Dunmore", "person:Reyes"]}
    assert not _together(articles, names, {"a1": ["name:luis ortega", "age:30"], "a2": ["age:52"]})


# ---------------------------------------------------------------- a follow-up naming the incident's day

_MINE = ["city:Harlan", "city:Loyall", "city:Harlan County", "org:Clover Fork Coal Co."]


@pytest.mark.parametrize("names_b, title_b, day_named, together", [
    pytest.param(_MINE, "Families sue the operator", "2018-03-03", True, id="names-the-day-much-in-common"),
    pytest.param(_MINE, "Families sue the operator", None, False, id="no-day-named"),
    pytest.param(_MINE, "Families sue the operator", "2018-02-10", False, id="names-another-day"),
    pytest.param(_MINE[:2], "Families sue the operator", "2018-03-03", False, id="too-little-in-common"),
    pytest.param(_MINE, "Boy, 7, hurt in a fall", "2018-03-03", False, id="the-title-gives-other-ages"),
])
def test_a_follow_up_naming_the_day_with_much_in_common_joins(names_b, title_b, day_named, together):
    """'the March 3 explosion at the Loyall mine', three months later, and the first report of it."""
    articles = [("a1", "2018-03-04", "2018-03-03", "Man, 44, dies in Loyall mine explosion"),
                ("a2", "2018-06-12", "2018-06-11", title_b)]
    dates = _dates([("a2", day_named)]) if day_named else None
    assert _together(articles, {"a1": _MINE, "a2": names_b}, {}, date_mentions=dates) is together
