"""Issue 15, a limb wound says the person lived: someone "shot in the leg", "struck in the foot",
"grazed" is hurt, not one of the dead counted before (unless the sentence states a death after
the wound); the lexicon's person nouns medic, passerby, witness, constable. The article's chosen
figures (claims.is_article_figure) killed / injured, our own sentences, one article each."""

from __future__ import annotations

import pytest

from tests.conftest import article_figures

# text -> (killed, injured): the article's figures (0 when no claim is chosen)
CASES = [
    # a limb wound: the person lived, so is besides the dead
    ("A man was killed in the shooting.\nA teen was shot in the leg.", (1, 1)),
    ("A guard died in the attack on the bank.\nA customer was shot in the right arm and taken to a hospital.", (1, 1)),
    ("Two men were killed at the party.\nAnother man was shot in the foot.", (2, 1)),
    ("One person was killed in the robbery.\nAn officer was shot in the hand.", (1, 1)),
    ("A soldier was killed when the bomb went off at the checkpoint.\nA passerby was struck in the leg.", (1, 1)),
    ("A man died in the shooting.\nA bystander was grazed by a bullet.", (1, 1)),
    # a death after the wound in the same sentence: the one shot may be the dead
    ("A man was killed in the shooting.\nA woman was shot in the leg and later died.", (1, 0)),
    # no limb: the one shot may be the one who died
    ("A man was killed in the shooting.\nA teen was shot in the chest.", (1, 0)),
    # one person hurt without a numeral ("a woman", "another worker") is a single victim, a part of
    # the count: mentions of one person do not outvote the count of all the hurt
    ("A woman was shot in the leg outside the bar.\nA man was shot in the hand.\nThree people were wounded "
     "in the shooting, police said.", (0, 3)),
    ("A worker was burned on the arm in the explosion at the refinery.\nAnother worker was cut on the hand.\n"
     "Four workers were injured in the blast.", (0, 4)),
    # the new person nouns
    ("A medic was hurt when the bus crashed into a wall.", (0, 1)),
    ("A witness was injured when the gas tank exploded.", (0, 1)),
    ("A constable was wounded in the blast at the market.", (0, 1)),
    ("Three people died in the earthquake.\nA medic was injured when a wall fell on the rescue team.", (3, 1)),
    ("Two workers died in the explosion at the plant.\nTwo passersby were hurt by flying debris.", (2, 2)),
    ("Four constables were injured when the crowd stampeded.", (0, 4)),
]


@pytest.fixture(scope="module")
def figures(nlp):
    return article_figures(nlp, [t for t, _ in CASES])


@pytest.mark.parametrize("text, expected", CASES, ids=[t[:40] for t, _ in CASES])
def test_article_figures(figures, text, expected):
    assert figures[text] == expected
