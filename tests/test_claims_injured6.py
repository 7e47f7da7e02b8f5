"""Issue 15, injured counts, part 6 (our own sentences, one article each; the article's chosen
figures killed / injured, 0 when no claim of the type is chosen).

DEAD_AMONG: a count of people hurt followed in its own sentence by the part of it that died
(", one fatally", ", two of them already dead", ", including a woman who later died") counts the dead
among the hurt: injured is the count less that part (resolve._resolve_dead_among, rule
resolve.dead_among_hurt). Not a part that is hurt ("two critically"), not the dead stated before
the count ("one man was killed and three others were hurt").

ALL_VICTIMS: "all four victims" hurt is a count of every victim of the incident, the dead among them
(like "all four victims were taken to hospitals"): the article's killed count is taken off it
(candidates._all_victims sets the overlap; rule resolve.shot_minus_killed). Not "all four victims
survived" with no one dead.

DIED_THERE: a single victim taken to a hospital whose own sentence says they died there ("where was
pronounced dead", "where they later died", "and died there") is dead, not hurt, though no pronoun (or
a singular "they") names them again (resolve._DIED_THERE; the person's injured claims are dropped).
Not "where doctors treated him", not another person's death ("where his brother died")."""

from __future__ import annotations

import pytest

from tests.conftest import article_figures

DEAD_AMONG = [
    ("Three people were wounded, one fatally, in the explosion at the fireworks plant.", (1, 2)),
    ("Four workers were injured, two of them fatally, when the scaffold collapsed at the factory.", (2, 2)),
    ("Rescuers found six miners injured, two of them already dead, in the flooded shaft.", (2, 4)),
    ("Five passengers were injured in the bus crash, including a woman who later died.", (1, 4)),
    ("Eleven people were hurt in the market bombing, including a boy who died on Sunday.", (1, 10)),
    # a part that is hurt, not dead; the dead stated before the count are besides it
    ("Four people were injured in the fire, two critically.", (0, 4)),
    ("One man was killed and three others were hurt, one seriously, in the earthquake.", (1, 3)),
    # a count of its own, not a part: "Three injured, one dead"
    ("Flood leaves four injured, one dead in the valley", (1, 4)),
]

ALL_VICTIMS = [
    ("All four victims were taken to the hospital with serious injuries.\nOne of them, a 40-year-old man, "
     "died Sunday.", (1, 3)),
    ("A gas explosion tore through the house.\nAll three victims were injured.\nThe owner died at the scene.",
     (1, 2)),
    ("The train derailed near the station.\nTwo passengers died.\nAll six of the victims suffered burns and "
     "cuts.", (2, 4)),
    # the victims lived ("non-life-threatening"): the dead are others
    ("A tanker exploded on the highway.\nThe tanker driver died at the scene.\nAll three victims suffered "
     "non-life-threatening injuries.", (1, 3)),
    # no one died: the count stands
    ("A boiler blew up at the laundry.\nAll five victims were injured and taken to the hospital.", (0, 5)),
]

DIED_THERE = [
    ("A worker was hurt when the crane fell.\nHe was taken to Mercy Hospital, where was pronounced dead.", (0, 0)),
    ("The fire injured a woman.\nThe victim was transported to County Hospital where they later died from "
     "their injuries.", (0, 0)),
    # treated, not dead; the dead is someone else
    ("A miner was hurt in the cave-in.\nHe was taken to Mercy Hospital, where doctors treated his burns.", (0, 1)),
]

CASES = DEAD_AMONG + ALL_VICTIMS + DIED_THERE


@pytest.fixture(scope="module")
def figures(nlp):
    return article_figures(nlp, [t for t, _ in CASES])


@pytest.mark.parametrize("text, expected", CASES, ids=[t[:50] for t, _ in CASES])
def test_article_figures(figures, text, expected):
    assert figures[text] == expected
