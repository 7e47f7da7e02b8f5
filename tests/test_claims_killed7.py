"""Issue 15, the killed figure (part 7). Our own sentences, one article each; the article's figures
(killed, injured) are the claims choice.py chooses (claims.is_article_figure), run with the patterns
alone (parse=None) and with the parse.

- the object of an active "shot" that is "dead" / "to death" after it died: "shot his 4-year-old son
  dead" (killed 1; with the killer's suicide after it, 2), "shooting six people to death" (killed 6).
- the killer's suicide adds no second one to a count that already counts the killer ("kills his 3
  daughters, self"), nor to a count whose last member is the killer ("the lives of his mother and a
  man who then turned the gun on himself").
- "claimed the lives of" lists the dead: "a mother and her two children" (3).
- the span of a killer's death is no dead person's: the injured single victim inside it stays
  ("shot his brother to death, wounded his sister ... and then killed himself": killed 2, injured 1)."""

from __future__ import annotations

import pytest

from tests.conftest import article_figures_by_mode

# text -> (killed, injured)
SHOT_DEAD = [
    ("A man shot his 4-year-old son dead before turning the gun on himself, deputies said.", (2, 0)),
    ("The guard shot the robber dead outside the bank.", (1, 0)),
    ("Police said the farmer shot his neighbor to death during an argument over a fence.", (1, 0)),
    ("The gunman is accused of shooting six people to death before killing himself.", (7, 0)),
    ("A soldier shot three comrades dead at the base on Tuesday.", (3, 0)),
    ("The boy shot his brother to death, wounded his sister in the leg and then killed himself.", (2, 1)),
    # not dead: the object was shot
    ("A man shot his neighbor during an argument over a fence.", (0, 1)),
    ("The man shot two women outside the bar before fleeing.", (0, 2)),
]

KILLER_COUNTED_ONCE = [
    ("Farmer kills his 3 daughters, self. The farmer killed his three daughters before shooting himself.", (4, 0)),
    # a headline run into the lead (no full stop): one sentence, the "self" count before the suicide
    ("Farmer kills his 3 daughters, self A farmer killed his three daughters on Friday before shooting himself.",
     (4, 0)),
    ("The attack claimed the lives of his mother and a man who then turned the gun on himself.", (2, 0)),
    ("The father killed his wife before turning the gun on himself at their farm.", (2, 0)),
    # the suicide in other words: "commits suicide", "hanged himself"
    ("Man kills two co-workers at a warehouse, then commits suicide", (3, 0)),
    ("The man killed his wife before he hanged himself in the garage.", (2, 0)),
    ("The man killed his wife before he hanged the picture in the garage.", (1, 0)),
    # a suicide bomber: "blowing himself up", "detonating her explosive vest"
    ("The attacker killed five worshippers at the shrine before blowing himself up.", (6, 0)),
    ("A woman killed three guards at the gate, then detonated her explosive vest.", (4, 0)),
    ("Police killed five protesters before the crowd blew the bridge up.", (5, 0)),
    # a count that says it includes the killer
    ("Three people are dead, including the gunman, who killed himself after the shooting at the plant.", (3, 0)),
    ("Four miners were killed, including the bomber, who then blew himself up and killed himself.", (4, 0)),
]

LIVES_OF = [
    ("The fire claimed the lives of a mother and her two children.", (3, 0)),
    ("The blast claimed the lives of three miners and a rescuer.", (4, 0)),
    ("The flood claimed the lives of a farmer and his wife.", (2, 0)),
    ("The quake claimed the lives of a teacher and her three pupils.", (4, 0)),
    ("The crash claimed the lives of two pilots.", (2, 0)),
    ("The storm damaged the homes of a farmer and his wife.", (0, 0)),
]

TABLE = SHOT_DEAD + KILLER_COUNTED_ONCE + LIVES_OF


@pytest.fixture(scope="module")
def figures(nlp):
    return article_figures_by_mode(nlp, TABLE)


@pytest.mark.parametrize("mode", ["patterns", "parse"])
@pytest.mark.parametrize("text, expected", SHOT_DEAD, ids=[t[:40] for t, _ in SHOT_DEAD])
def test_shot_dead(figures, mode, text, expected):
    assert figures[mode][text] == expected


@pytest.mark.parametrize("mode", ["patterns", "parse"])
@pytest.mark.parametrize("text, expected", KILLER_COUNTED_ONCE, ids=[t[:40] for t, _ in KILLER_COUNTED_ONCE])
def test_killer_counted_once(figures, mode, text, expected):
    assert figures[mode][text] == expected


@pytest.mark.parametrize("mode", ["patterns", "parse"])
@pytest.mark.parametrize("text, expected", LIVES_OF, ids=[t[:40] for t, _ in LIVES_OF])
def test_lives_of(figures, mode, text, expected):
    assert figures[mode][text] == expected


# a month that dates one incident is no statistic's period ("a blast that left ... dead last month":
# the follow-up's incident); a count of a month's dead is ("Forty people were killed ... last month")
ONE_INCIDENT_MONTH = [
    ("Authorities say a blast that left a father and two children dead last month was an accident.", (3, 0)),
    ("A student who fatally shot three people last month wrote a note, police said.", (3, 0)),
    ("The crash that killed four teenagers in May was caused by a drunk driver, police said.", (4, 0)),
    ("Forty people were killed in the city last month, police said.", (0, 0)),
    ("Police said 12 people were shot in May.", (0, 0)),
]

# "the death of" / "the killing of" lists the dead, like "the deaths of"
DEATH_OF_LIST = [
    ("The death of a woman and her two young sons found with gunshot wounds inside a van was ruled a "
     "murder-suicide.", (3, 0)),
    ("Police are investigating the killing of a man and his wife at their farm.", (2, 0)),
    ("The death of a miner in the collapse is under investigation.", (1, 0)),
]

TABLE2 = ONE_INCIDENT_MONTH + DEATH_OF_LIST


@pytest.fixture(scope="module")
def figures2(nlp):
    return article_figures_by_mode(nlp, TABLE2)


@pytest.mark.parametrize("mode", ["patterns", "parse"])
@pytest.mark.parametrize("text, expected", ONE_INCIDENT_MONTH, ids=[t[:40] for t, _ in ONE_INCIDENT_MONTH])
def test_one_incident_month(figures2, mode, text, expected):
    assert figures2[mode][text] == expected


@pytest.mark.parametrize("mode", ["patterns", "parse"])
@pytest.mark.parametrize("text, expected", DEATH_OF_LIST, ids=[t[:40] for t, _ in DEATH_OF_LIST])
def test_death_of_list(figures2, mode, text, expected):
    assert figures2[mode][text] == expected


# an ordinal person who died is a running total of the dead: "a third miner has died" (killed 3)
ORDINAL_DEAD = [
    ("A third miner has died after the collapse at the coal mine.", (3, 0)),
    ("A second passenger died in hospital on Sunday after the bus crash.", (2, 0)),
    ("The fifth officer had died by the time the standoff ended.", (5, 0)),
    ("A miner has died after the collapse at the coal mine.", (1, 0)),
]


@pytest.fixture(scope="module")
def figures3(nlp):
    return article_figures_by_mode(nlp, ORDINAL_DEAD)


@pytest.mark.parametrize("mode", ["patterns", "parse"])
@pytest.mark.parametrize("text, expected", ORDINAL_DEAD, ids=[t[:40] for t, _ in ORDINAL_DEAD])
def test_ordinal_dead(figures3, mode, text, expected):
    assert figures3[mode][text] == expected
