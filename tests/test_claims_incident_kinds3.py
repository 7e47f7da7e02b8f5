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
