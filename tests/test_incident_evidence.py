"""transforms.incident_evidence (keys read from a body) and the same-day links they give transforms.events.

Inputs are my own sentences; expected keys are read off them by hand.
"""

from __future__ import annotations

import polars as pl
import pytest

from tests.test_events import frames, partition
from transforms import events as evt
from transforms.incident_evidence import MAX_KEYS, incident_keys


@pytest.mark.parametrize("text, expected", [
    ("Officers found the victim in the 1600 block of 7th Street.", {"block:1600 7th", "street:7th"}),
    ("Shots were fired at 1623 W. Madison St. on Sunday.", {"block:1600 madison", "street:madison"}),
    ("It happened in the 2900 block of Aspen Meadow.", {"block:2900 aspen meadow"}),  # no street ending
    # the name ends at its ending, whatever capitalised words follow (a new line, a sentence)
    ("Deputies went to the 2300 block of Fenwick Road\nWhen they arrived the man had fled.",
     {"block:2300 fenwick", "street:fenwick"}),
    ("A car stopped in the 600 block of Lake Orla Boulevard Tuesday.", {"block:600 lake orla", "street:lake orla"}),
    ("A farm on Tuggle Road.", {"street:tuggle"}),
    ("Deputies closed North Main Avenue.", {"street:main"}),  # a leading direction is not the name
    ("A 22-year-old man and a 19 year old woman were hurt.", {"age:22", "age:19"}),
    ("The victim, Jane Doe, 34, died.", {"age:34", "name:jane doe"}),
    ("Police were called at about 11 p.m. Wednesday.", {"hour:23"}),
    ("Police responded at 04:10:00 AM.", {"hour:4"}),
    ("The call came at 12:15 a.m.; a second at 12 p.m.", {"hour:0", "hour:12"}),
    ("He was identified as 29-year-old Allen Shearer Ramsey.", {"age:29", "name:allen ramsey"}),
    ("Police identified the victim as Jane Doe.", {"name:jane doe"}),
    ("Antoine Smelley, 23, was charged.", {"age:23", "name:antoine smelley"}),
    # a capital inside a name: "McIntyre", "DeShawn", "MacDonald"
    ("The miner, Owen McIntyre, 44, was trapped.", {"age:44", "name:owen mcintyre"}),
    ("Rescuers said DeShawn MacDonald, 19, was pulled from the river.", {"age:19", "name:deshawn macdonald"}),
    ("Fire Chief Rory McAllister said the blaze was out.", {"official:rory mcallister"}),
    ("Marcus Brown, a 19-year-old, died.", {"age:19", "name:marcus brown"}),
    ("Chief Smith said the victim died.", {"official:smith"}),  # only a last name after the title
    ("Five people were shot at a party.", set()),  # a count is not an age or an address
    # officials and reporters, by a title before the name, a role after it, or a byline
    ("Police Chief Dana Whitlock said the street was closed.", {"official:dana whitlock"}),
    ("\"We are still looking,\" said Sgt. Omar Reyes.", {"official:omar reyes"}),
    ("Priya Nand, a spokeswoman for the sheriff's office, declined to comment.", {"official:priya nand"}),
    ("Leo Marsh, the county's district attorney, filed charges.", {"official:leo marsh"}),
    ("By Wendy Carlow\nTwo men were hurt on Friday.", {"official:wendy carlow"}),
    ("Reach reporter Tom Hale at 555-0100.", {"official:tom hale"}),
    ("The department's chief spokesman, Ravi Dunmore, confirmed it.", {"official:ravi dunmore"}),
    ("Community activist Bea Sorrell asked for calm.", {"official:bea sorrell"}),
    ("Sheriff Bryce's deputies searched the woods.", {"official:bryce"}),
    # a title in front of a name described by its role: the name without the title
    ("The car burned, said Officer Nina Vale, a fire department spokeswoman.", {"official:nina vale"}),
    ("\"Stay inside,\" county emergency Director R.J. Hollis said.", {"official:r.j hollis"}),  # initials
    ("At the vigil, the Rev. Abe Munro prayed for the miners.", {"official:abe munro"}),  # a pastor
    ("Flood victims were fed by pastor Ida Kwan's church.", {"official:ida kwan"}),  # a possessive is not the name
    ("The man was shot by Kyle Prentiss on Friday.", set()),  # "by" inside a sentence: not a byline
    ("Officer Nina Vale was shot in the arm.", set()),  # an officer may be the one shot: not an official here
    ("Gail Ortiz, 51, a nurse, was killed.", {"age:51", "name:gail ortiz"}),  # a victim's age: not a role
    ("", set()),
    (None, set()),
])
def test_incident_keys(text, expected):
    assert set(incident_keys(text)) == expected


def test_incident_keys_are_bounded():
    text = " ".join(f"A {n}-year-old was hurt." for n in range(1, 100))
    keys = incident_keys(text)
    assert len(keys) == MAX_KEYS and keys[0] == "age:1"


@pytest.mark.parametrize("keys_a, keys_b, expected", [
    # (block, street, ages, hour, name, shared ages, shared victims' / suspects' names)
    (["block:1600 7th"], ["block:1600 7th", "age:5"], (True, False, "none", False, False, 0, 0)),
    (["street:tuggle", "age:29"], ["street:tuggle", "age:29"], (False, True, "same", False, False, 1, 0)),
    (["age:29", "age:4", "age:61"], ["age:4", "age:61", "age:30"], (False, False, "same", False, False, 2, 0)),
    (["age:29"], ["age:31"], (False, False, "different", False, False, 0, 0)),
    (["hour:23"], ["hour:23", "age:4"], (False, False, "none", True, False, 0, 0)),
    (["name:jane doe"], ["name:jane doe", "name:john roe"], (False, False, "none", False, True, 0, 1)),
    ([], None, (False, False, "none", False, False, 0, 0)),
    (["name:jane doe", "name:john roe"], ["name:jane doe", "name:john roe"], (False, False, "none", False, True, 0, 2)),
    (["name:jane doe", "name:john roe"], ["name:jane doe", "background:john roe"],
     (False, False, "none", False, True, 0, 1)),  # a name in passing is not evidence
])
def test_body_evidence(keys_a, keys_b, expected):
    assert tuple(evt.body_evidence(keys_a, keys_b)) == expected


CITY = ["city:Pittsburgh", "org:Allegheny County Police"]


@pytest.mark.parametrize("keys_a, keys_b, together", [
    (["block:1600 7th"], ["block:1600 7th"], True),  # the same block, the same day
    (["street:tuggle"], ["street:tuggle"], True),  # the same street in the same city and day
    (["street:tuggle", "age:29"], ["street:tuggle", "age:41"], False),  # the same street, other victims
    (["hour:23"], ["hour:23"], True),  # the same time of day
    (["hour:23", "age:29"], ["hour:23", "age:41"], False),  # other victims
    (["age:29"], ["age:29"], False),  # an age alone is not enough
    (["street:tuggle"], ["street:harmon"], False),  # two streets: two incidents
    ([], [], False),  # nothing but the city
])
def test_same_day_same_city_reports_linked_by_their_texts(keys_a, keys_b, together):
    arts, mentions = frames([("a1", "2016-05-01", "2016-05-01", "Man wounded"),
                             ("a2", "2016-05-01", "2016-05-01", "Shooting under investigation")],
                            {"a1": CITY, "a2": CITY})
    arts = arts.with_columns(pl.Series("incident_keys", [keys_a, keys_b], dtype=pl.List(pl.String)))
    assignments, _ = evt.cluster_events(arts, mentions)
    assert (assignments["event_id"].n_unique() == 1) is together


def test_the_same_block_makes_a_candidate_without_a_rare_entity_and_no_link_days_apart():
    """Two reports that share only a block are candidates; a week apart they stay two incidents."""
    arts, mentions = frames([("a1", "2016-05-01", "2016-05-01", "Man wounded"),
                             ("a2", "2016-05-01", "2016-05-01", "Woman hurt"),
                             ("a3", "2016-05-09", "2016-05-09", "Teen shot")],
                            {"a1": ["city:Pittsburgh"], "a2": ["city:Erie"], "a3": ["city:Altoona"]})
    arts = arts.with_columns(pl.Series("incident_keys", [["block:1600 7th"]] * 3, dtype=pl.List(pl.String)))
    assignments, _ = evt.cluster_events(arts, mentions)
    assert partition(assignments) == {frozenset({"a1", "a2"}), frozenset({"a3"})}


@pytest.mark.parametrize("days_b, keys_a, keys_b, together", [
    ("2016-05-03", ["block:1600 7th"], ["block:1600 7th"], True),  # two days apart: the same block still
    ("2016-05-09", ["block:1600 7th"], ["block:1600 7th"], False),  # a week apart: another incident there
    ("2016-05-20", ["name:jane doe"], ["name:jane doe"], True),  # a victim named again within a month
    ("2016-11-20", ["name:jane doe", "age:34"], ["name:jane doe", "age:34"], True),  # months later, same age
    ("2016-11-20", ["name:jane doe"], ["name:jane doe"], False),  # months later, the name alone
    ("2016-05-01", ["age:34"], ["age:34"], False),  # the same age alone
])
def test_reports_linked_by_a_block_or_a_named_person(days_b, keys_a, keys_b, together):
    arts, mentions = frames([("a1", "2016-05-01", "2016-05-01", "Man wounded"),
                             ("a2", days_b, days_b, "Shooting under investigation")],
                            {"a1": CITY, "a2": CITY})
    arts = arts.with_columns(pl.Series("incident_keys", [keys_a, keys_b], dtype=pl.List(pl.String)))
    assignments, _ = evt.cluster_events(arts, mentions)
    assert (assignments["event_id"].n_unique() == 1) is together


@pytest.mark.parametrize("killed_b, together", [(2, True), (1, False)])
def test_the_same_ages_and_figures_on_the_same_day_are_one_incident(killed_b, together):
    arts, mentions = frames([("a1", "2016-05-01", "2016-05-01", "Two dead"),
                             ("a2", "2016-05-01", "2016-05-01", "Shooting under investigation")],
                            {"a1": CITY, "a2": CITY})
    arts = arts.with_columns(pl.Series("incident_keys", [["age:19", "age:22"], ["age:22"]],
                                       dtype=pl.List(pl.String)))
    claims = pl.DataFrame({"article_id": ["a1", "a1", "a2", "a2"], "claim_type": ["killed", "injured"] * 2,
                           "value_low": [2, 1, killed_b, 1]})
    assignments, _ = evt.cluster_events(arts, mentions, claims)
    assert (assignments["event_id"].n_unique() == 1) is together


@pytest.mark.parametrize("names, together", [
    (CITY + ["person:Jane Doe"], True),  # the victim's name in both: other ages (a suspect's) do not split them
    (CITY, False),  # only the city: the ages that differ say two incidents
])
def test_ages_in_the_texts_that_differ_split_only_reports_without_a_shared_name(names, together):
    arts, mentions = frames([("a1", "2016-05-01", "2016-05-01", "Woman killed"),
                             ("a2", "2016-05-01", "2016-05-01", "Suspect arrested")],
                            {"a1": names, "a2": names})
    arts = arts.with_columns(pl.Series("incident_keys", [["age:34", "street:tuggle"], ["age:19", "street:tuggle"]],
                                       dtype=pl.List(pl.String)))
    assignments, _ = evt.cluster_events(arts, mentions)
    assert (assignments["event_id"].n_unique() == 1) is together


@pytest.mark.parametrize("days_b, together", [
    ("2016-05-02", True),  # a victim named in both, no place in common, a day apart
    ("2016-05-12", False),  # eleven days apart with no place in common: the name alone is not enough
])
def test_a_named_person_without_a_shared_place(days_b, together):
    arts, mentions = frames([("a1", "2016-05-01", "2016-05-01", "Man wounded"),
                             ("a2", days_b, days_b, "Shooting under investigation")],
                            {"a1": ["city:Pittsburgh"], "a2": ["city:Wilkinsburg"]})
    arts = arts.with_columns(pl.Series("incident_keys", [["name:jane doe"], ["name:jane doe"]],
                                       dtype=pl.List(pl.String)))
    assignments, _ = evt.cluster_events(arts, mentions)
    assert (assignments["event_id"].n_unique() == 1) is together


@pytest.mark.parametrize("keys_a, keys_b, together", [
    ([], [], True),  # a rare full name two days apart in one city: an anchor
    (["official:ann lee"], [], False),  # one text names her as a spokeswoman: she speaks for many incidents
    ([], ["official:lee"], False),  # "Sgt. Lee": the last name is enough
    (["name:ann lee"], ["official:ann lee"], False),  # an official's role wins over a victim's cue
])
def test_an_official_named_in_two_incidents_does_not_link_them(keys_a, keys_b, together):
    arts, mentions = frames([("a1", "2016-05-01", "2016-05-01", "Man wounded"),
                             ("a2", "2016-05-03", "2016-05-03", "Woman shot on porch")],
                            {"a1": CITY + ["person:Ann Lee"], "a2": CITY + ["person:Ann Lee"]})
    arts = arts.with_columns(pl.Series("incident_keys", [keys_a, keys_b], dtype=pl.List(pl.String)))
    assignments, _ = evt.cluster_events(arts, mentions)
    assert (assignments["event_id"].n_unique() == 1) is together


@pytest.mark.parametrize("title_b, names_b, keys_a, keys_b, together", [
    # months later, the victim the first text named ("identified as Jane Doe") named again: a follow-up
    ("Suspect charged", CITY + ["person:Jane Doe"], ["name:jane doe"], [], True),
    ("Suspect charged", CITY + ["person:Jane Doe"], [], ["name:jane doe"], True),
    ("Suspect charged", CITY + ["person:Jane Doe"], [], [], False),  # a name in no role: not that far apart
    ("Suspect charged", ["city:Erie", "person:Jane Doe"], ["name:jane doe"], [], False),  # no place in common
    ("Boy, 7, shot", CITY + ["person:Jane Doe"], ["name:jane doe"], [], False),  # titles give other victims' ages
    ("Suspect charged", CITY + ["person:Jane Doe"], ["name:jane doe"], ["official:jane doe"], False),  # an official
])
def test_a_victim_named_in_a_follow_up_months_later(title_b, names_b, keys_a, keys_b, together):
    arts, mentions = frames([("a1", "2016-05-01", "2016-05-01", "Girl, 9, killed"),
                             ("a2", "2016-11-20", "2016-11-20", title_b)],
                            {"a1": CITY + ["person:Jane Doe"], "a2": names_b})
    arts = arts.with_columns(pl.Series("incident_keys", [keys_a, keys_b], dtype=pl.List(pl.String)))
    assignments, _ = evt.cluster_events(arts, mentions)
    assert (assignments["event_id"].n_unique() == 1) is together


@pytest.mark.parametrize("city_b, keys_b, together", [
    # eight months later, the same block and three of the same ages: the sentencing of the same shooting
    ("Rockford", ["block:2400 kishwaukee", "age:17", "age:21", "age:44"], True),
    ("Rockford", ["block:2400 kishwaukee", "age:17", "age:21"], False),  # two ages: a block sees many incidents
    ("Belvidere", ["block:2400 kishwaukee", "age:17", "age:21", "age:44"], False),  # that block in another town
    ("Rockford", ["block:900 auburn", "age:17", "age:21", "age:44"], False),  # other block: ages alone are not enough
])
def test_the_same_block_and_ages_months_later_is_a_follow_up(city_b, keys_b, together):
    arts, mentions = frames([("a1", "2016-03-05", "2016-03-05", "Three hurt in gunfire"),
                             ("a2", "2016-11-14", "2016-11-14", "Shooter sentenced")],
                            {"a1": ["city:Rockford"], "a2": [f"city:{city_b}"]})
    arts = arts.with_columns(pl.Series("incident_keys", [["block:2400 kishwaukee", "age:17", "age:21", "age:44",
                                                          "age:30"], keys_b], dtype=pl.List(pl.String)))
    assignments, _ = evt.cluster_events(arts, mentions)
    assert (assignments["event_id"].n_unique() == 1) is together


@pytest.mark.parametrize("names_b, keys_b, together", [
    (["person:Omar Delacroix"], ["street:toulouse"], True),  # the street stands for the city the NER missed
    (["person:Omar Delacroix"], [], False),  # a name with no place in common, nine months later
    (["person:Lena Marsh"], ["street:toulouse"], False),  # a street alone: many incidents happen on it
])
def test_a_street_both_texts_name_is_a_shared_place_for_a_shared_name(names_b, keys_b, together):
    arts, mentions = frames([("a1", "2015-04-06", "2015-04-06", "Man shot on Toulouse Street"),
                             ("a2", "2016-01-15", "2016-01-15", "Jury reaches verdict")],
                            {"a1": ["city:New Orleans", "person:Omar Delacroix"], "a2": names_b})
    arts = arts.with_columns(pl.Series("incident_keys", [["street:toulouse", "name:omar delacroix"], keys_b],
                                       dtype=pl.List(pl.String)))
    assignments, _ = evt.cluster_events(arts, mentions)
    assert (assignments["event_id"].n_unique() == 1) is together


_LEAD = "A woman was hurt in a crash on Route 9 Friday. Firefighters freed her from the car. "


@pytest.mark.parametrize("text, background", [
    # a person named only in a later sentence that tells of another incident: a background mention
    (_LEAD + "In a separate crash last week, Omar Vance was killed near the bridge.", {"omar vance"}),
    (_LEAD + "Last month, Lena Pruitt died in a fire on the same road.", {"lena pruitt"}),
    (_LEAD + "Last month, Owen McIntyre died in a fire on the same road.", {"owen mcintyre"}),
    (_LEAD + "It was the town's second crash this year; an earlier one killed Ruth Oakes.", {"ruth oakes"}),
    # the sentence after a cue goes on telling of the other incident
    (_LEAD + "It was the second crash on the road this month. On May 2, Ruth Oakes hit a tree.", {"ruth oakes"}),
    # but not the one after that
    (_LEAD + "It was the second crash on the road this month. A tree fell. Ruth Oakes drove by.", set()),
    # the cue inside the first part of a long text: the report's own story
    ("Earlier this month Omar Vance was shot near the bridge. " + "He was hurt. " * 2 + "Omar Vance died. "
     + "Police kept looking for the gunman. " * 5, set()),
    # "another man" is the same incident's second victim, not a cue
    (_LEAD + "Another man, Omar Vance, was hurt in the same crash.", set()),
    # the same name in a sentence with no such cue: the report's own person, not background
    (_LEAD + "Omar Vance was driving. In a separate crash last week, Omar Vance lost a friend.", set()),
    # named in the lead: the report's own person, whatever the sentence says
    ("In a separate case, Omar Vance was charged Friday. He was held on bond. The trial is set.", set()),
    (_LEAD + "The driver, Omar Vance, was treated at the scene.", set()),  # no cue at all
])
def test_background_names(text, background):
    keys = incident_keys(text)
    assert {k.split(":", 1)[1] for k in keys if k.startswith("background:")} == background


@pytest.mark.parametrize("keys_b, together", [
    (["name:jane doe"], True),  # both texts name her as a victim: the same incident, three weeks on
    (["name:jane doe", "background:jane doe"], False),  # b recalls her "in a separate shooting": another incident
    (["background:jane doe"], False),
])
def test_a_victim_named_in_passing_by_a_report_of_another_incident(keys_b, together):
    """A report of a new incident that recalls an earlier incident's victim in a background sentence ("Last
    month, Jane Doe was killed on the same street") shares her name with the earlier reports: not evidence."""
    arts, mentions = frames([("a1", "2016-05-01", "2016-05-01", "Woman killed in flood"),
                             ("a2", "2016-05-22", "2016-05-22", "Boy swept away by river")],
                            {"a1": CITY + ["person:Jane Doe"], "a2": CITY + ["person:Jane Doe"]})
    arts = arts.with_columns(pl.Series("incident_keys", [["name:jane doe"], keys_b], dtype=pl.List(pl.String)))
    assignments, _ = evt.cluster_events(arts, mentions)
    assert (assignments["event_id"].n_unique() == 1) is together
