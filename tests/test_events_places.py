"""transforms.events place_groups: an organisation named by a place names that place (issue 12): a police,
sheriff or fire agency ("Hialeah police", "Marion County Sheriff's Office") and an ORG of a town's very name
(the model's label for a small town, once).

Hand-made names and article rows; expected values come from reading them.
"""

from __future__ import annotations

import pytest

from tests.test_events import frames, partition
from transforms import events as evt


@pytest.mark.parametrize("name, place", [
    ("Hialeah police", "hialeah"),
    ("Hialeah Police Department", "hialeah"),
    ("Marion County Sheriff's Office", "marion county"),
    ("Marion County Sheriffs Office", "marion county"),
    ("Louisville Metro Police Department", "louisville"),
    ("Delmont Fire Rescue", "delmont"),
    ("Delmont Fire Department", "delmont"),
    ("Delmont PD", "delmont"),
    ("Police Department", None),  # a head with no place before it
    ("Delmont Plastics", None),  # no agency head
    ("Delmont Fireworks Co.", None),  # "fireworks" is no head
    (None, None),
])
def test_agency_place(name, place):
    assert evt.agency_place(name) == place


@pytest.mark.parametrize("entities, groups", [
    pytest.param([("Hialeah", "GPE"), ("Hialeah police", "ORG")], {1: 0}, id="agency-lower-case"),
    pytest.param([("Hialeah", "GPE"), ("Hialeah Police Department", "ORG"), ("Hialeah", "ORG")], {1: 0, 2: 0},
                 id="agency-and-bare-org"),
    # the very name of a place as an ORG: only when the articles call it a place at least as often
    pytest.param([("Hialeah", "GPE", 3), ("Hialeah", "ORG", 1)], {1: 0}, id="a-town-the-model-called-an-org"),
    pytest.param([("Hialeah", "GPE", 2), ("Hialeah", "ORG", 2)], {1: 0}, id="as-often"),
    pytest.param([("Walmart", "GPE", 1), ("Walmart", "ORG", 9)], {}, id="a-company-the-model-called-a-place"),
    pytest.param([("Walmart", "GPE", 1), ("Walmart Police", "ORG", 9)], {1: 0}, id="an-agency-whatever-the-counts"),
    pytest.param([("Marion County", "GPE"), ("Marion County Sheriff's Office", "ORG")], {1: 0}, id="sheriff"),
    pytest.param([("Delmont", "LOC"), ("Delmont Fire Rescue", "ORG")], {1: 0}, id="fire-rescue-of-a-loc"),
    pytest.param([("Marion", "GPE"), ("Marion County Sheriff's Office", "ORG")], {}, id="county-is-not-the-town"),
    pytest.param([("Hialeah", "GPE"), ("Hialeah Gardens Police", "ORG")], {}, id="another-town"),
    pytest.param([("Hialeah", "GPE"), ("Hialeah Hospital", "ORG")], {}, id="a-hospital-is-no-agency"),
    pytest.param([("Hialeah", "GPE"), ("Hialeah Police Department", "FAC")], {}, id="not-an-org"),
    pytest.param([("Florida", "GPE"), ("Florida Highway Patrol", "ORG"), ("Florida", "ORG")], {},
                 id="a-state-is-no-place"),
    pytest.param([("Hialeah police", "ORG")], {}, id="no-such-place-named"),
])
def test_place_groups(entities, groups):
    """(name, type[, articles naming it: 1 when not given])."""
    info = {str(i): (x[0], x[1], len(x[0].split())) for i, x in enumerate(entities)}
    named_by = {str(i): {f"a{j}" for j in range(x[2] if len(x) > 2 else 1)} for i, x in enumerate(entities)}
    assert evt.place_groups(info, named_by) == {str(k): str(v) for k, v in groups.items()}


@pytest.mark.parametrize("names_b, together", [
    pytest.param(["org:Delmont Fire Department"], True, id="fire-department"),
    pytest.param(["org:Delmont"], True, id="the-town-as-an-org"),
    pytest.param(["city:Delmont"], True, id="the-town"),
    pytest.param(["org:Marlow Fire Department"], False, id="another-towns-department"),
    pytest.param([], False, id="no-place"),
])
def test_an_agency_names_the_place_of_a_follow_up(names_b, together):
    """A warehouse explosion and, two days later, the report naming the hurt worker: the worker's name and
    the warehouse company in common; the town given only through its fire department ("Delmont Fire Department
    said") is the place both reports name, so the two link as two reports of one incident within two days."""
    arts, mentions = frames([("a1", "2021-08-03", "2021-08-03", "Explosion rocks warehouse, worker hurt"),
                             ("a2", "2021-08-05", "2021-08-05", "Worker burned in blast identified")],
                            {"a1": ["city:Delmont", "person:Corinne Vail", "org:Vail Freight Lines"],
                             "a2": ["person:Corinne Vail", "org:Vail Freight Lines", *names_b]})
    assignments, _ = evt.cluster_events(arts, mentions)
    assert (len(partition(assignments)) == 1) is together


@pytest.mark.parametrize("name, key", [
    ("Mt. Oliver", "mount oliver"),
    ("Mount Oliver", "mount oliver"),
    ("Ft. Riley", "fort riley"),
    ("Fort Riley", "fort riley"),
    ("St. Louis", "st louis"),  # name_key already folds Saint into "st"
    ("Saint Louis", "st louis"),
    ("Bourbon St.", "bourbon street"),  # a street's ending: the full form
    ("Bourbon Street", "bourbon street"),
    ("Stanton Road SE", "stanton road"),  # a quadrant after the ending
    ("Mt. Oliver Borough", "mount oliver borough"),  # another name: not folded into the town's
    ("Pleasant Hill", "pleasant hill"),
    (None, ""),
])
def test_place_key(name, key):
    assert evt.place_key(name) == key


@pytest.mark.parametrize("entities, groups", [
    pytest.param([("Mount Vernon", "GPE"), ("Mt. Vernon", "GPE")], {1: 0}, id="mount-abbreviated"),
    pytest.param([("Mt. Vernon", "LOC"), ("Mount Vernon", "GPE")], {1: 0}, id="a-loc-and-a-gpe"),
    pytest.param([("Ft. Myers", "GPE"), ("Fort Myers", "GPE"), ("Fort Myers", "LOC")], {1: 0, 2: 0},
                 id="fort-three-spellings"),
    pytest.param([("Delmar St.", "FAC"), ("Delmar Street", "FAC")], {1: 0}, id="a-street-abbreviated"),
    pytest.param([("Delmar St.", "FAC"), ("Delmar", "GPE")], {}, id="a-street-is-not-the-town"),
    pytest.param([("Fort Riley", "FAC"), ("Fort Riley", "GPE")], {0: 1}, id="a-fac-and-a-gpe-keep-the-gpe"),
    pytest.param([("Ft. Riley", "FAC"), ("Fort Riley", "FAC")], {1: 0}, id="two-facs"),
    pytest.param([("Mount Vernon", "GPE"), ("Mount Vernon", "PERSON")], {}, id="not-a-person"),
    pytest.param([("Mount Vernon", "GPE"), ("Vernon", "GPE")], {}, id="another-place"),
])
def test_place_variants(entities, groups):
    info = {str(i): (x[0], x[1], len(x[0].split())) for i, x in enumerate(entities)}
    assert evt.place_variants(info) == {str(k): str(v) for k, v in groups.items()}


@pytest.mark.parametrize("town_b, together", [
    pytest.param("Mt. Carmel", True, id="mt-and-mount"),
    pytest.param("Mount Carmel", True, id="same-spelling"),
    pytest.param("Mt. Pleasant", False, id="another-town"),
])
def test_one_town_under_two_spellings_links_a_same_day_report(town_b, together):
    """A mine accident reported twice on one day, each text spelling the town its own way ("Mount Carmel",
    "Mt. Carmel") and naming the mining company: the town is a place both reports name, and with alike titles
    the two are one incident; with another town they share no place and too little else to link."""
    arts, mentions = frames([("a1", "2022-02-10", "2022-02-10", "Roof collapse traps miners"),
                             ("a2", "2022-02-10", "2022-02-10", "Miners trapped after roof collapse")],
                            {"a1": ["city:Mount Carmel", "org:Keystone Coal Company"],
                             "a2": [f"city:{town_b}", "org:Keystone Coal Company"]})
    assignments, _ = evt.cluster_events(arts, mentions)
    assert (len(partition(assignments)) == 1) is together


@pytest.mark.parametrize("type_b, name_b, together", [
    pytest.param("venue", "Fort Riley", True, id="the-post-as-a-fac"),
    pytest.param("venue", "Ft. Riley", True, id="abbreviated-fac"),
    pytest.param("city", "Fort Riley", True, id="same-type"),
    pytest.param("venue", "Fort Carson", False, id="another-post"),
])
def test_one_place_named_as_a_fac_and_a_gpe_links_a_same_day_report(type_b, name_b, together):
    """A barracks fire reported twice on its day: one text's "Fort Riley" is a GPE, the other's a FAC (the NER's
    choice): one place both name, so the alike titles link them; another post shares nothing."""
    arts, mentions = frames([("a1", "2015-09-11", "2015-09-11", "Soldier hurt in Fort Riley barracks fire"),
                             ("a2", "2015-09-11", "2015-09-11", "Fort Riley barracks fire injures soldier")],
                            {"a1": ["city:Fort Riley"], "a2": [f"{type_b}:{name_b}"]})
    assignments, _ = evt.cluster_events(arts, mentions)
    assert (len(partition(assignments)) == 1) is together
