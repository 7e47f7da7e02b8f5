"""Issue 15, people hurt the injured count missed: victims who survived ("one victim survived", "the
two victims are expected to survive"), a bare "both" ("Both were treated and released"), "another"
person after one who died ("A worker died. Another worker was injured": someone besides her); and
a negated predicate after a relative clause is no victim ("another girl who was in the car was not
injured"). The article's chosen figures killed / injured, our own sentences, one article each."""

from __future__ import annotations

import pytest

from tests.conftest import article_figures

# text -> (killed, injured): the article's figures (0 when no claim is chosen)
CASES = [
    # victims who survived were hurt
    ("A gunman opened fire at the store.\nThe two victims are expected to survive.", (0, 2)),
    ("A gunman killed four people at the house.\nOne of the five victims survived the attack.", (4, 1)),
    ("All four shooting victims are expected to survive, police said.", (0, 4)),
    ("A bomb went off near the market.\nThree victims survived and were flown to the capital.", (0, 3)),
    ("Both victims survived the bus crash.", (0, 2)),
    # the group of a partitive is not the survivors
    ("One of the six victims survived the fire at the hostel.", (0, 1)),
    # people who survived are not victims by themselves
    ("All 136 passengers survived the crash.", (0, 0)),
    # a bare "both": the two people of the sentence before
    ("A gas tank exploded in the kitchen of the restaurant.\nBoth were treated for burns and released.", (0, 2)),
    ("A boat capsized on the lake.\nBoth are expected to survive, officials said.", (0, 2)),
    # not when one of them died
    ("A man and a woman were shot on Elm Street.\nBoth were taken to the hospital, where Smith later died.",
     (1, 1)),
    # "another" is someone else than the dead
    ("A worker died in the explosion at the plant.\nAnother worker was injured.", (1, 1)),
    ("A miner was killed when the tunnel collapsed.\nAnother miner was hurt.", (1, 1)),
    ("A woman died in the house fire.\nAnother woman was taken to a hospital with burns.", (1, 1)),
    # "a man" said again is the same man
    ("A man was killed in the crash.\nThe crash also injured a man.", (1, 0)),
    # a negated predicate: nobody hurt
    ("Two men and another girl who were traveling in the car were not injured.", (0, 0)),
    ("The bus driver and another passenger who was on the bus were not hurt.", (0, 0)),
]


@pytest.fixture(scope="module")
def figures(nlp):
    return article_figures(nlp, [t for t, _ in CASES])


@pytest.mark.parametrize("text, expected", CASES, ids=[t[:40] for t, _ in CASES])
def test_article_figures(figures, text, expected):
    assert figures[text] == expected
