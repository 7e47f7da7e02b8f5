"""transforms.events person_groups / incident_evidence name keys: one person under several forms of the name
(a generational suffix, a middle name or initial, an age glued to the name), issue 12; and the father and son
that must stay two people.

Hand-made names, texts and article rows; expected values come from reading them.
"""

from __future__ import annotations

import polars as pl
import pytest
import spacy

from tests.test_events import frames, partition
from transforms import entities as ent
from transforms import events as evt
from transforms import incident_evidence as ie


# ---------------------------------------------------------------- the parts of a name

@pytest.mark.parametrize("name, parts", [
    ("Luis Ortega", ("luis", (), "ortega", "")),
    ("Luis Ortega Jr.", ("luis", (), "ortega", "jr")),
    ("Luis Ortega, Jr.", ("luis", (), "ortega", "jr")),
    ("Luis A. Ortega Sr", ("luis", ("a",), "ortega", "sr")),
    ("Dana Whitfield III", ("dana", (), "whitfield", "iii")),
    ("Corinne Vail,19", ("corinne", (), "vail", "")),  # an age glued to the name
    ("Corinne Vail 19", ("corinne", (), "vail", "")),
    ('Omar "Big O" Vance II', ("omar", (), "vance", "ii")),
    ("Vail,19", None),  # a surname alone
    ("Thomas Jr.", None),  # a first name and a suffix: no surname
    ("NBC10 Staff", None),  # digits left in the name
    (None, None),
])
def test_person_parts(name, parts):
    assert evt.person_parts(name) == parts


# ---------------------------------------------------------------- which forms are one person

@pytest.mark.parametrize("names, groups", [
    pytest.param(["Luis Ortega Jr.", "Luis Ortega"], [{0, 1}], id="jr-and-bare"),
    pytest.param(["Luis Ortega, Jr.", "Luis Ortega Jr"], [{0, 1}], id="comma-jr"),
    pytest.param(["Dana Whitfield III", "Dana Whitfield"], [{0, 1}], id="roman-numeral"),
    pytest.param(["Corinne Vail,19", "Corinne Vail"], [{0, 1}], id="age-glued"),
    pytest.param(["Luis Alberto Ortega", "Luis Ortega", "Luis A. Ortega"], [{0, 1}, {0, 2}], id="middle-and-initial"),
    pytest.param(["Luis Ortega Sr.", "Luis Ortega Jr."], [], id="father-and-son"),
    pytest.param(["Luis Ortega Sr.", "Luis Ortega Jr.", "Luis Ortega"], [], id="bare-name-of-father-or-son"),
    pytest.param(["Dana Whitfield II", "Dana Whitfield III"], [], id="two-numerals"),
    pytest.param(["Luis Alberto Ortega", "Luis Miguel Ortega"], [], id="two-middle-names"),
    pytest.param(["Luis B. Ortega", "Luis Alberto Ortega"], [], id="initial-of-another-name"),
    pytest.param(["Luis Ortega Jr.", "Luis Ortiz Jr."], [], id="another-surname"),
    pytest.param(["Luis Ortega Jr.", "Luisa Ortega"], [], id="another-first-name"),
    # a quoted nickname inside the name
    pytest.param(['Dana "Sparks" Whitfield', "Dana Whitfield"], [{0, 1}], id="straight-quotes"),
    pytest.param(["Omar \u201cBig O\u201d Vance", "Omar Vance"], [{0, 1}], id="curly-quotes"),
    pytest.param(['Dana "Sparks" Whitfield', "Dana Whitman"], [], id="nickname-another-surname"),
    pytest.param(['"Sparks" Whitfield', "Whitfield"], [], id="a-surname-alone-is-no-one"),
])
def test_forms_of_one_name_are_one_person(names, groups):
    info = {str(i): (n, "PERSON", len(n.split())) for i, n in enumerate(names)}
    out = evt.person_groups(info)
    assert sorted(sorted(int(x) for x in (e, c)) for e, c in out.items()) == sorted(map(sorted, groups))


def test_a_place_of_a_persons_name_is_not_grouped():
    info = {"0": ("Ortega Jr.", "GPE", 2), "1": ("Luis Ortega", "GPE", 2), "2": ("Luis Ortega Jr.", "ORG", 3)}
    assert evt.person_groups(info) == {}


@pytest.mark.parametrize("crew_b, together", [
    pytest.param(["person:Luis Ortega Jr.", "person:Marta J. Quill"], True, id="suffix-and-initial"),
    pytest.param(["person:Luis Ortega,41", "person:Marta Quill"], True, id="age-glued"),
    pytest.param(["person:Luis Ortega", "person:Marta Quill"], True, id="plain"),
    pytest.param(["person:Luis Ortega Sr.", "person:Marta Quill"], False, id="the-father"),
    pytest.param(["person:Luis Ortiz Jr.", "person:Marta Quill"], False, id="another-man"),
])
def test_a_factory_fire_follow_up_naming_the_victims_otherwise_joins(crew_b, together):
    """A plant fire and a report five months later on the lawsuit: the plant and two victims in common
    (3 anchors); "Luis Ortega Sr." is the victim's father, who is not the victim (2 anchors: apart)."""
    arts, mentions = frames([("a1", "2019-04-02", "2019-04-02", "Fire at plastics plant injures two workers"),
                             ("a2", "2019-09-12", "2019-09-12", "Injured workers sue plant owner")],
                            {"a1": ["city:Delmont", "venue:Delmont Plastics Plant", "person:Luis Ortega Jr.",
                                    "person:Marta Quill"],
                             "a2": ["city:Delmont", "venue:Delmont Plastics Plant", *crew_b]})
    assignments, _ = evt.cluster_events(arts, mentions)
    assert (assignments["event_id"].n_unique() == 1) is together


def test_father_and_son_in_two_incidents_stay_apart():
    """A father hurt in a crash and, three weeks later, his son hurt in a house fire, in one town: the
    shared surname and first name do not make them one incident."""
    arts, mentions = frames([("a1", "2018-02-01", "2018-02-01", "Driver hurt in crash on Route 9"),
                             ("a2", "2018-02-22", "2018-02-22", "Man burned in house fire")],
                            {"a1": ["city:Millbrook", "person:Ray Tanner Sr."],
                             "a2": ["city:Millbrook", "person:Ray Tanner Jr."]})
    assignments, _ = evt.cluster_events(arts, mentions)
    assert partition(assignments) == {frozenset({"a1"}), frozenset({"a2"})}


# ---------------------------------------------------------------- name: and age: keys of the texts

@pytest.mark.parametrize("text, keys", [
    ("The worker, Luis Ortega Jr., 41, was flown to a burn unit.", ["age:41", "name:luis ortega"]),
    ("Luis Ortega, Jr., 41, was flown to a burn unit.", ["age:41", "name:luis ortega"]),
    ("Dana Whitfield III, 19, drowned in the quarry.", ["age:19", "name:dana whitfield"]),
    ("Rescuers pulled Corinne Vail,19, from the rubble.", ["age:19", "name:corinne vail"]),
    ("The crash killed a 33-year-old Ray Tanner Sr. of Millbrook.", ["age:33", "name:ray tanner"]),
    ("The plant was identified as Ortega Jr. Plastics.", []),  # no first name: no person
    ("Firefighters said the blaze began at 2, 4, or 5 places.", []),
])
def test_name_keys_drop_a_generational_suffix_and_glued_punctuation(text, keys):
    assert sorted(k for k in ie.incident_keys(text) if k.startswith(("name:", "age:"))) == keys


# ---------------------------------------------------------------- an age glued to a PERSON mention (entities)

@pytest.mark.parametrize("text, span, label, name", [
    ("Rescuers pulled Corinne Vail, 19, from the rubble.", "Corinne Vail, 19", "PERSON", "Corinne Vail"),
    ("The blast killed Omar Vance,41 and two others.", "Omar Vance,41", "PERSON", "Omar Vance"),
    ("Vance 41 was a welder at the mine.", "Vance 41", "PERSON", "Vance"),
    ("Luis Ortega Jr., 23, was driving.", "Luis Ortega Jr., 23", "PERSON", "Luis Ortega Jr."),
    ("Sgt. Dana Whitfield, 38, drowned.", "Sgt. Dana Whitfield, 38", "PERSON", "Dana Whitfield"),
    # not a person: the number stays ("Interstate 95", "Apollo 13"); a name without a number is unchanged
    ("A crash closed Interstate 95 overnight.", "Interstate 95", "FAC", "Interstate 95"),
    ("The quake shook Station 12 at dawn.", "Station 12", "ORG", "Station 12"),
    ("Flood waters swept away Dana Kowalski.", "Dana Kowalski", "PERSON", "Dana Kowalski"),
])
def test_an_age_glued_to_a_person_is_cut_from_the_name(text, span, label, name):
    start = text.index(span)
    s, e = ent.trim_span(text, start, start + len(span), label)
    assert text[s:e] == name


@pytest.mark.parametrize("text", ["34", "Officer, 34", ", 34"])
def test_an_age_alone_is_no_person(text):
    assert ent.trim_span(text, 0, len(text), "PERSON") is None


def test_a_person_with_a_glued_age_is_a_mention_of_the_name():
    """The model's "Corinne Vail, 19" (a comma inside: dropped as two names before) is a mention of Corinne
    Vail, the name the other reports of the explosion give."""
    text = "An explosion at the mill hurt Corinne Vail, 19, of Delmont. Vail was flown to a burn unit."
    nlp = spacy.blank("en")
    doc = nlp(text)
    start = text.index("Corinne Vail, 19")
    doc.ents = [doc.char_span(start, start + len("Corinne Vail, 19"), label="PERSON")]
    m = ent.entity_mentions(pl.DataFrame({"article_id": ["a0"], "body_clean": [text]}), [doc])
    assert ("Corinne Vail", "PERSON") in set(m.select("surface", "label").iter_rows())
