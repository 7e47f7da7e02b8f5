"""transforms.events / incident_evidence: evidence that keeps two incidents of one city and week apart
(wrongly merged pairs, issue 12), and the follow-ups of one incident that must still join.

Hand-made texts and article rows; expected values come from reading them.
"""

from __future__ import annotations

import polars as pl
import pytest

from tests.test_events import frames, partition
from transforms import events as evt
from transforms import incident_evidence as ie


def _with_keys(arts: pl.DataFrame, keys: list[list[str]]) -> pl.DataFrame:
    return arts.with_columns(pl.Series("incident_keys", keys, dtype=pl.List(pl.String)))


# ---------------------------------------------------------------- a time or a part of a city is no person

@pytest.mark.parametrize("text, name", [
    ("Two people were shot on the West Side, 19, and ...", None),  # "West Side" before an age
    ("On Sunday, 33, people gathered.", None),
    ("Earlier Sunday, 4 people were hurt in a fire.", None),
    ("A fire in the Far Side, 4, forced ...", None),
    ("A 7-year-old Detroit boy was hurt when the roof fell in.", None),  # a city and an age noun
    ("Firefighters found Ada Brennan, 81, in the kitchen.", "name:ada brennan"),  # a person: still a name
    ("The driver, identified as Luis Ocampo, was trapped.", "name:luis ocampo"),
    ("Rescuers reached June Saunders, 58, after the flood.", "name:june saunders"),  # a month is a first name
])
def test_a_time_or_a_part_of_a_city_is_no_name_key(text, name):
    names = [k for k in ie.incident_keys(text) if k.startswith("name:")]
    assert names == ([name] if name else [])


@pytest.mark.parametrize("words, person", [
    (["west", "side"], False), (["on", "monday"], False), (["earlier", "thursday"], False),
    (["detroit", "boy"], False), (["facebook", "live"], False), (["kevin", "monday"], False),
    (["west", "allis"], False),  # a direction first: a place ("West Allis")
    (["ada", "brennan"], True), (["june", "saunders"], True), (["may", "tran"], True),
])
def test_is_person_name(words, person):
    assert ie.is_person_name(words) is person


def test_two_fires_whose_texts_name_only_the_west_side_stay_apart():
    """Two house fires in one city a week apart; both texts say "on the West Side, <age>," (a name: key
    before the fix) and nothing else in common: two incidents."""
    texts = ["A house fire on the West Side, 19, residents fled. Firefighters said a space heater started it.",
             "Flames tore through a duplex on the West Side, 19, neighbors said. Two people were treated."]
    arts, mentions = frames([("a1", "2017-01-10", "2017-01-10", "House fire displaces family"),
                             ("a2", "2017-01-16", "2017-01-16", "Duplex fire injures two")],
                            {"a1": ["city:Rockford"], "a2": ["city:Rockford"]})
    arts = _with_keys(arts, [ie.incident_keys(t) for t in texts])
    assert not any(k.startswith("name:") for ks in arts["incident_keys"].to_list() for k in ks)
    assignments, _ = evt.cluster_events(arts, mentions)
    assert partition(assignments) == {frozenset({"a1"}), frozenset({"a2"})}


def test_a_follow_up_naming_the_victim_still_joins():
    """The same fire: the second report names the victim ("Ada Brennan, 81,") as the first does."""
    texts = ["Firefighters found Ada Brennan, 81, in the kitchen of her home on the West Side, 19, neighbors said.",
             "Ada Brennan, 81, who was pulled from the fire, died on Tuesday, her family said."]
    arts, mentions = frames([("a1", "2017-01-10", "2017-01-10", "Woman pulled from house fire"),
                             ("a2", "2017-01-12", "2017-01-12", "Woman pulled from fire dies")],
                            {"a1": ["city:Rockford"], "a2": ["city:Rockford"]})
    arts = _with_keys(arts, [ie.incident_keys(t) for t in texts])
    assignments, _ = evt.cluster_events(arts, mentions)
    assert partition(assignments) == {frozenset({"a1", "a2"})}


# ---------------------------------------------------------------- an officer who speaks for the police

@pytest.mark.parametrize("text, official", [
    ("The roof caved in, Officer Dan Roebuck said.", "official:dan roebuck"),
    ("Fire department Officer Dan Roebuck said Sunday the blaze was set.", "official:dan roebuck"),
    ("Deputy Ann Lisle told reporters the driver had fled.", "official:ann lisle"),
    ("Trooper Omar Falk says the truck crossed the median.", "official:omar falk"),
    ("Officer Dan Roebuck was shot in the arm.", None),  # the officer may be the victim
    ("Officer Dan Roebuck's cruiser was hit.", None),
    ("Officer Dan Roebuck, who fired twice, was placed on leave.", None),
])
def test_an_officer_who_speaks_is_an_official(text, official):
    keys = [k for k in ie.incident_keys(text) if k.startswith("official:")]
    assert keys == ([official] if official else [])


@pytest.mark.parametrize("text_b, together", [
    # another fire the same week: the same spokesman officer quoted, nothing else in common
    ("A garage burned on Elm, Officer Dan Roebuck said. No one was hurt.", False),
    # the same fire two days later: the victim named as in the first report
    ("Ada Brennan, 81, died of her burns, Officer Dan Roebuck said.", True),
])
def test_a_spokesman_officer_does_not_link_two_fires(text_b, together):
    text_a = "Firefighters found Ada Brennan, 81, in the kitchen, Officer Dan Roebuck said."
    arts, mentions = frames([("a1", "2017-01-10", "2017-01-10", "House fire on Oak"),
                             ("a2", "2017-01-12", "2017-01-12", "Fire update")],
                            {"a1": ["city:Rockford", "person:Dan Roebuck"],
                             "a2": ["city:Rockford", "person:Dan Roebuck"]})
    arts = _with_keys(arts, [ie.incident_keys(text_a), ie.incident_keys(text_b)])
    assignments, _ = evt.cluster_events(arts, mentions)
    assert (assignments["event_id"].n_unique() == 1) is together


# ---------------------------------------------------------------- a person recalled from another incident

_LEAD_TEXT = ("A fire tore through a duplex on Oak Street early Monday. Two children were hurt. "
              "Firefighters said a space heater started it. Neighbors carried the children out. "
              "The Red Cross is helping the family. The house was a total loss. ")


@pytest.mark.parametrize("tail, background", [
    # "last November" tells of another incident: Mara Quill is named only there
    ("Last November, Mara Quill died in a fire two blocks away.", True),
    ("The blaze came a year after a fire last December killed Mara Quill nearby.", True),
    # another person of the same last name speaks in a sentence without a cue: still background
    ("Last November, Mara Quill died in a fire two blocks away. Fire marshal aide Tom Quill said the "
     "smoke alarms worked.", True),
    # the same person by her last name in a sentence without a cue: she is part of this report
    ("Last November, Mara Quill died in a fire two blocks away. The cause is unknown. "
     "Quill was the children's aunt.", False),
    ("Mara Quill, the children's aunt, called 911.", False),  # no cue at all
])
def test_a_person_recalled_from_another_incident_is_background(tail, background):
    keys = ie.incident_keys(_LEAD_TEXT + tail)
    assert ("background:mara quill" in keys) is background
    assert not any(k.startswith("background:last") for k in keys)  # "Last November" is no person


@pytest.mark.parametrize("sentence, same", [
    ("Quill said the alarms worked.", True),
    ("Ms. Quill said the alarms worked.", True),
    ("Mara Quill said the alarms worked.", True),
    ("Aide Tom Quill said the alarms worked.", False),  # another first name: another person
    ("Nobody was home.", False),
])
def test_names_same_person(sentence, same):
    assert ie._names_same_person(sentence, ["Mara", "Quill"]) is same


def test_a_new_fire_recalling_last_novembers_victim_is_not_her_event():
    """Two fires of one town five months apart: the second report recalls the first's victim ("last November")
    and names her with her age; the first report names her as its victim. Apart; a follow-up naming her
    outside a background passage still joins the first."""
    first = "Firefighters found Mara Quill, 67, in the kitchen of her home on Elm Street on Sunday."
    second = _LEAD_TEXT + "Last November, 67-year-old Mara Quill died in a fire two blocks away."
    follow = "Mara Quill, 67, who died in the Elm Street fire, was buried Friday, her family said."
    arts, mentions = frames([("a1", "2016-11-06", "2016-11-06", "Woman dies in house fire"),
                             ("a2", "2017-04-10", "2017-04-10", "Two children hurt in duplex fire"),
                             ("a3", "2016-11-12", "2016-11-11", "Fire victim buried")],
                            {a: ["city:Rockford", "person:Mara Quill"] for a in ("a1", "a2", "a3")})
    arts = _with_keys(arts, [ie.incident_keys(t) for t in (first, second, follow)])
    assignments, _ = evt.cluster_events(arts, mentions)
    assert partition(assignments) == {frozenset({"a1", "a3"}), frozenset({"a2"})}
