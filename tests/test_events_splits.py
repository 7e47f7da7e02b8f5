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


# ---------------------------------------------------------------- the texts' ages, outweighed

@pytest.mark.parametrize("title_b, keys_b, together", [
    pytest.param("Route 9 bridge flood: teen rescued, driver missing", ["age:15"], True,
                 id="titles-share-four-words"),  # route, bridge, flood, driver, missing
    pytest.param("Teen rescued near Route 9", ["age:15"], False, id="titles-share-one-word"),
    pytest.param("Teen rescued near Route 9", ["age:23"], True, id="one-age-in-common"),
])
def test_alike_titles_outweigh_the_texts_other_ages(title_b, keys_b, together):
    """Two same-day reports of a flood in one town: one text gives the missing driver's age, the other the
    rescued teen's. Titles that share most of their words are one incident whatever ages the texts give; with
    one title word in common the texts' other ages keep them apart."""
    assert _together([("a1", "2018-06-02", "2018-06-02", "Flood sweeps car off Route 9 bridge, driver missing"),
                      ("a2", "2018-06-02", "2018-06-02", title_b)],
                     {"a1": ["city:Harlow"], "a2": ["city:Harlow"]},
                     {"a1": ["age:23"], "a2": keys_b}) is together


_QUAKE_A = ["city:Delmont", "city:Marlow County", "city:Eastgate", "org:Marlow County Emergency Management"]


@pytest.mark.parametrize("names_b, keys_a, keys_b, together", [
    pytest.param(_QUAKE_A, ["age:17", "age:34"], ["age:40"], True, id="much-in-common"),
    pytest.param(_QUAKE_A[:1], ["age:17", "age:34"], ["age:40"], False, id="less-in-common"),
    pytest.param(_QUAKE_A, ["age:17", "name:dana whitfield"], ["age:40", "name:omar vance"], False,
                 id="other-people-named"),
    pytest.param(_QUAKE_A, ["age:17", "block:100 elm"], ["age:40", "block:7800 clyo"], False,
                 id="other-blocks"),
    pytest.param(_QUAKE_A, ["age:17", "name:dana whitfield"], ["age:40"], True, id="one-text-names-people"),
])
def test_much_in_common_outweighs_the_texts_other_ages(names_b, keys_a, keys_b, together):
    """Two same-day reports of an earthquake: the town, the county, the neighbourhood and the county's
    emergency agency in common, no title words; the texts' ages share none (each report names other injured).
    Much in common outweighs the ages, unless the texts name other people or other blocks (two incidents'
    reports, each with its own victims or address)."""
    assert _together([("a1", "2019-11-04", "2019-11-04", "Quake shakes homes, injures several"),
                      ("a2", "2019-11-04", "2019-11-04", "Residents pick up after tremor")],
                     {"a1": _QUAKE_A, "a2": names_b}, {"a1": keys_a, "a2": keys_b}) is together


# ---------------------------------------------------------------- reports of the incident's day, as a group

_PLANT = ["city:Ridgeway", "venue:Ridgeway Polymer Plant", "org:Ridgeway Fire Department"]
_CREW = ["person:Dana Whitfield", "person:Omar Vance", "person:Lena Pruitt"]


@pytest.mark.parametrize("day_b2, together", [
    pytest.param("2016-03-10", True, id="two-reports-of-the-first-days-join"),
    pytest.param("2016-03-12", False, id="a-group-spanning-three-days-apart"),
])
def test_a_group_of_the_incidents_day_joins_an_event_beyond_the_span(day_b2, together):
    """An explosion's first report (a1) and a sentencing report nine months later (a2, the three victims' names:
    a strong link) make an event spanning 274 days. Two more first-day reports (b1, b2) share a witness with each
    other and the plant with a1: b1 and b2 join first, then their weak links to a1 cannot stretch an event
    beyond MAX_SPAN_DAYS -- but they are the incident's own day's reports, as a lone report of that day would
    be, so they join; not a group whose own dates span more than a day."""
    arts, mentions = frames(
        [("a1", "2016-03-09", "2016-03-09", "Two killed in plant explosion"),
         ("a2", "2016-12-08", "2016-12-07", "Plant owner sentenced over deadly blast"),
         ("b1", "2016-03-09", "2016-03-09", "Blast rocks polymer plant"),
         ("b2", day_b2, day_b2, "Witness describes polymer plant blast")],
        {"a1": _PLANT + _CREW, "a2": ["city:Ridgeway", *_CREW],
         "b1": _PLANT + ["person:Rhea Stanton"], "b2": _PLANT + ["person:Rhea Stanton"]})
    links = {tuple(sorted(p)): s for *p, s in evt.pair_evidence(arts, mentions).filter(pl.col("linked"))
             .select("article_id", "article_id_b", "strong").rows()}
    assert links.get(("a1", "a2")) is True and links.get(("a1", "b1")) is False  # b1's is a weak link
    assignments, _ = evt.cluster_events(arts, mentions)
    groups = {frozenset(g["article_id"]) for _, g in assignments.group_by("event_id")}
    assert groups == ({frozenset({"a1", "a2", "b1", "b2"})} if together
                      else {frozenset({"a1", "a2"}), frozenset({"b1", "b2"})})


# ---------------------------------------------------------------- titles naming different people of one incident

@pytest.mark.parametrize("title_b, keys_a, keys_b, together", [
    pytest.param("Man, 23, identified in fatal shooting", ["age:15", "age:23"], ["age:23", "age:15"], True,
                 id="both-texts-give-both-ages"),
    pytest.param("Man, 23, identified in fatal shooting", ["age:15"], ["age:23", "age:15"], False,
                 id="one-text-gives-only-its-titles-age"),
    pytest.param("Man, 23, identified in fatal shooting", [], [], False, id="no-text-ages"),
    pytest.param("Man, 31, identified in fatal shooting", ["age:15", "age:23"], ["age:31", "age:15"], False,
                 id="another-victim"),
    pytest.param("Man, 23, identified after fatal crash", ["age:15", "age:23"], ["age:23", "age:15"], True,
                 id="a-crash"),
])
def test_titles_of_a_suspect_and_a_victim_whose_texts_give_both_ages(title_b, keys_a, keys_b, together):
    """Same day and city: "Police arrest 15-year-old in fatal shooting" and a report naming the victim, 23: the
    titles' ages differ (a suspect's and a victim's), which alone parts two same-day reports; when both texts give
    both ages they are one incident's two people, and the alike titles link the two."""
    title_a = ("Police arrest 15-year-old in fatal shooting" if "shooting" in title_b
               else "Police arrest 15-year-old after fatal crash")
    assert _together([("a1", "2017-02-12", "2017-02-11", title_a), ("a2", "2017-02-12", "2017-02-11", title_b)],
                     {"a1": ["city:Kenosha"], "a2": ["city:Kenosha"]},
                     {"a1": keys_a, "a2": keys_b}) is together
