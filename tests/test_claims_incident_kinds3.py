"""Issue 15, incidents other than shootings, part 3: mechanisms found by running a battery of wire-style
paragraphs of our own (quakes, floods, storms, fires, blasts, bombings, crashes, mine and factory
accidents, collapses) through the extraction. Each table names the mechanism and has rows where it must
not fire (or that already passed: guards). Our own sentences, not copied from any corpus.
"""

from __future__ import annotations

import pytest

from tests.conftest import article_figures


# transforms/claims/singles.py _object_list (_LIST_BOTH): a list member under "both" is two people
# ("killing the pilot and both passengers": 3; inference.object_list)
BOTH_IN_LIST = [
    ("Plane crash\nA small plane crashed shortly after takeoff, killing the pilot and both passengers.", (3, 0)),
    ("The gas blast injured a man and both his daughters, the fire brigade said.", (0, 3)),
    ("The explosion at the depot killed a guard and both of the workers on the night shift.", (3, 0)),
    # must stay as they were: "both" as the subject, a list without "both"
    ("Both passengers were killed when the truck hit the car.", (2, 0)),
    ("The crash killed the pilot and two passengers.", (3, 0)),
]


@pytest.mark.parametrize("text,expected", BOTH_IN_LIST)
def test_both_in_an_object_list(nlp, text, expected):
    assert article_figures(nlp, [text])[text] == expected


# transforms/lexicon/person_nouns.yaml ordinal_heads: the people of other incidents under an ordinal
# ("a third worker died": at least 3; inference.ordinal_person)
ORDINAL_WORKERS = [
    ("A third worker died in hospital on Monday, four days after the scaffolding collapsed.", (3, 0)),
    ("A second firefighter died of his burns on Tuesday, the fire department said.", (2, 0)),
    ("Mine fire\nA fourth miner was hurt when the gallery caved in during the rescue.", (0, 4)),
    # must not fire: no casualty predicate for the ordinal person, or a thing under the ordinal
    ("A second worker was questioned by inspectors after the boiler blast.", (0, 0)),
    ("The second passenger train left the station on time after the storm.", (0, 0)),
]


@pytest.mark.parametrize("text,expected", ORDINAL_WORKERS)
def test_ordinal_workers(nlp, text, expected):
    assert article_figures(nlp, [text])[text] == expected


# transforms/claims/figure_types.py _TOLL_BEFORE: "the number of people confirmed dead" / "reported
# injured" is a toll noun as "the number of people killed" is (two words before the casualty noun)
TOLL_CONFIRMED = [
    ("Landslide toll climbs\nThe number of people confirmed dead in the landslide climbed to 74 on Wednesday.",
     (74, 0)),
    ("The number of people reported injured in the tanker blast rose to 112, the health ministry said.", (0, 112)),
    # guards: the one-word forms, and a count of things
    ("The number of people killed by the typhoon rose to 52.", (52, 0)),
    ("The number of homes confirmed destroyed by the quake rose to 900.", (0, 0)),
]


@pytest.mark.parametrize("text,expected", TOLL_CONFIRMED)
def test_number_of_people_confirmed_dead(nlp, text, expected):
    assert article_figures(nlp, [text])[text] == expected


# transforms/lexicon/person_nouns.yaml singular / plural: "assistant(s)" is a person noun (a driver
# and his assistant are two people killed)
ASSISTANT = [
    ("The lorry driver and his assistant were killed instantly when the truck hit a wall.", (2, 0)),
    ("A bus driver and his assistant were injured when the bus overturned on the pass.", (0, 2)),
    # guard
    ("The lorry driver was killed instantly when the truck hit a wall.", (1, 0)),
]


@pytest.mark.parametrize("text,expected", ASSISTANT)
def test_assistant_is_a_person(nlp, text, expected):
    assert article_figures(nlp, [text])[text] == expected


# transforms/claims/scope.py is_aggregate (_SINCE_HAZARD): with a spreading hazard in the sentence,
# "since the start of the monsoon / the rainy season" is the hazard's own extent, no aggregate period
SINCE_HAZARD_START = [
    ("Floods have claimed 31 lives in the province since the start of the monsoon, the disaster agency said.",
     (31, 0)),
    ("Monsoon rains have killed 40 people since the beginning of the rainy season, officials said.", (40, 0)),
    # must stay aggregates: the start of a year, or no spreading hazard
    ("Floods have killed 300 people since the start of the year, the agency said.", (0, 0)),
    ("Shootings have killed 31 people since the start of the summer, police said.", (0, 0)),
]


@pytest.mark.parametrize("text,expected", SINCE_HAZARD_START)
def test_since_the_start_of_a_hazard(nlp, text, expected):
    assert article_figures(nlp, [text])[text] == expected


# guards: wire-style paragraphs of other incident kinds the extraction already reads right (they must stay)
WIRE_GUARDS = [
    ("Quake toll rises to 142\nThe death toll from Tuesday's earthquake rose to 142, officials said, with more "
     "than 300 injured. Rescuers were still searching collapsed buildings in the old town.", (142, 301)),
    ("Boiler blast kills 12\nAt least 12 workers were killed and 40 hurt when a boiler exploded at a textile "
     "factory on Monday. Police said the owner had been detained.", (12, 40)),
    ("Bus plunges into ravine\nThe bus plunged into a ravine in the hills north of the capital, killing 23 "
     "passengers and injuring 17, police said.", (23, 17)),
    ("Plane crash\nOf the 60 passengers and crew on board, 58 survived when the plane overshot the runway and "
     "broke apart. Two people died at the scene.", (2, 0)),
    ("Mine collapse\nSeventeen miners died and six were injured after a tunnel collapsed at a coal mine in the "
     "north of the country, the mining ministry said.", (17, 6)),
    ("Warehouse fire\nThe blaze at the warehouse killed nine people. Two firefighters were among the dead, the "
     "city's fire chief said.", (9, 0)),
    ("The ferry was carrying 200 passengers when it sank. At least 44 bodies have been recovered and 120 people "
     "were rescued, the coast guard said.", (44, 0)),
    ("Typhoon\nThe typhoon left 27 people dead and 9 missing as it swept across the islands, the disaster "
     "agency said.", (27, 0)),
    ("Factory roof collapse\nFive workers lost their lives and 11 were injured when the roof of a garment "
     "factory caved in.", (5, 11)),
    ("Car bomb\nA car bomb exploded outside a police station, killing two officers and a civilian and "
     "wounding 12 people.", (3, 12)),
    ("Ferry fire\nFire broke out on a crowded ferry overnight, killing 11. Another 35 passengers suffered "
     "burns or smoke inhalation.", (11, 35)),
    ("Stadium collapse\nA stand collapsed during the match; 4 spectators were crushed to death and some 70 "
     "were hurt.", (4, 70)),
    ("Rescue teams recovered the bodies of 12 miners on Thursday, bringing the death toll from the mine "
     "explosion to 19.", (19, 0)),
    ("Two climbers were killed and a third was seriously injured in an avalanche on the mountain.", (2, 1)),
    ("Fire\nA fire swept through a market, injuring at least 23 people. There were no fatalities.", (0, 23)),
    ("A tanker explosion on the highway killed 51 people and left more than 70 with serious burns.", (51, 71)),
    ("Fourteen workers died in the factory fire and a further 20 were taken to hospital with burns.", (14, 20)),
]


@pytest.mark.parametrize("text,expected", WIRE_GUARDS)
def test_wire_guards_of_other_incidents(nlp, text, expected):
    assert article_figures(nlp, [text])[text] == expected
