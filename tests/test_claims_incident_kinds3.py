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
