"""Issue 12: a report that recalls other incidents in passing ("Then on April 17, a 6-month-old was killed
...", "... follows a string of fatal fires. The first was in March, when ...") names their days and victims
in background, so it is no follow-up of their reports (a gva_bench report of one Detroit child's death
joined the cluster of another child's through such a passage). Our own texts; the rows marked 'fails'
fail with the change reverted, the others are guards."""

from __future__ import annotations

from datetime import date

import pytest

from transforms.incident_evidence import incident_keys, opening_day

_LEAD = ("Four people were hurt when a gas main exploded in a bakery on Grant Street on Friday night. "
         "Firefighters pulled two workers from the rubble. The blast shattered windows along the block. ")
MAY_25 = date(2016, 5, 25)


@pytest.mark.parametrize("sentence, expected", [
    ("Then on April 17, a 6-month-old girl was killed.", date(2016, 4, 17)),  # fails
    ("And on March 3 a fire gutted the mill.", date(2016, 3, 3)),  # fails
    ("Earlier, in February 2015, two miners died.", date(2015, 2, 1)),  # fails
    ("Then, in a statement, police said the blast was an accident.", None),
    ("Then May came.", None),  # a month name after a connective without on/in is no opening day
    ("On April 17, a 6-month-old girl was killed.", date(2016, 4, 17)),
])
def test_an_opening_day_after_a_connective(sentence, expected):
    assert opening_day(sentence, MAY_25) == expected


@pytest.mark.parametrize("tail, background, recalled", [
    # fails: "Then on April 17," opens a sentence of another incident
    ("Then on April 17, Mira Stone was killed when a bus overturned on Route 9.", {"mira stone"}, {"2016-04-17"}),
    # fails: a string / spate / series of incidents: the sentences that tell of them are background
    ("The blast follows a string of fatal fires in the city. The first was on Easter, when Omar Vance died "
     "in a house fire.", {"omar vance"}, set()),
    ("It was the latest in a spate of explosions at the plant.", set(), set()),
    # the report's own people are no background
    ("Owner Omar Vance said the building had been inspected.", set(), set()),
])
def test_a_passage_recalling_other_incidents_is_background(tail, background, recalled):
    keys = incident_keys(_LEAD + tail, MAY_25)
    assert {k.split(":", 1)[1] for k in keys if k.startswith("background:")} == background
    assert {k.split(":", 1)[1] for k in keys if k.startswith("recalled:")} == recalled
