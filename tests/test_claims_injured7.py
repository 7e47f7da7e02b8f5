"""Issue 15, injured counts, part 7 (our own sentences, one article each; the article's chosen
figures killed / injured, 0 when no claim of the type is chosen).

LIVED_SPELLINGS: "All four victims suffered non-life threatening injuries" after another person's death
counts victims who all lived: the all-victims rule (candidates._all_victims: the article's killed count
taken off) stays quiet however "not life-threatening" is written: "non-life threatening", "non life
threatening", "Non-Life Threatening", "not life threatening", "not considered life threatening"
(singles._not_life_threatening). Not a bare "life threatening", which says nothing of who lived.

LATER_DEATH: a partitive death after a count of people hurt takes the dead off it (resolve._PARTITIVE,
rule resolve.partitive_death) also when an appositive names the one who died ("One of the victims, a
60-year-old welder, later died") and when the death is passive ("One of the victims was killed", "was
pronounced deceased", "was declared dead"). Not a partitive that says nothing of a death ("one of the
victims was treated at the scene"), not "one of the dead" (the dead are no part of the hurt).

FOLLOW_UP: a past month or year in a sentence that names one incident or the case against its suspect
("charged with fatally shooting a miner and wounding five of his co-workers in August") dates that
incident; it makes no aggregate (scope.is_aggregate, _ONE_INCIDENT), so a follow-up story's counts are
its incident's (these texts are undated: no date puts them elsewhere). A period of many incidents stays
a statistic ("In August, 40 people were shot", "Shootings in March left 12 people wounded"), and so
does a sentence that opens on the time ("Last year, four men were wounded ...").

ONE_OF_DEAD: a count of people hurt that the sentence says a person is one of ("Reyes was one of four
workers injured", "Anna Lopez, 19, was among five students hurt", "He was one of three people injured")
is less that person when the article says they died (resolve._resolve_one_of_dead: a killed single
victim sharing a name token; he/she is the PERSON named last before). Not a person who lived while
another died, not a count of people shot (already less the dead).
"""

from __future__ import annotations

import pytest

from tests.conftest import article_figures

LIVED_SPELLINGS = [
    ("A tanker exploded on the highway.\nThe tanker driver died at the scene.\nAll three victims suffered "
     "non-life threatening injuries.", (1, 3)),
    ("A gas main blew up under the street.\nA worker died.\nAll four victims had non life threatening "
     "injuries.", (1, 4)),
    ("Fire swept through the warehouse.\nOne firefighter was killed.\nAll five victims were hurt, and their "
     "injuries were not life threatening.", (1, 5)),
    ("The bus plunged off the bridge into the flooded river.\nThe driver died.\nAll six victims were "
     "injured; their wounds were not considered life threatening.", (1, 6)),
    ("A mine roof collapsed on the night shift.\nOne miner was killed.\nAll four victims suffered "
     "Non-Life Threatening injuries.", (1, 4)),
    # a bare "life-threatening" says nothing of who lived: the dead are among all the victims
    ("A boiler exploded at the mill.\nOne worker died.\nAll four victims suffered life threatening "
     "injuries.", (1, 3)),
]

LATER_DEATH = [
    ("Seven people were hurt when the gas line exploded.\nOne of the victims, a 60-year-old welder, later "
     "died.", (1, 6)),
    ("Police said six people were wounded in the market bombing.\nOne of the victims was killed.", (1, 5)),
    ("Eight miners were hurt in the blast.\nOne of them was pronounced deceased at the hospital.", (1, 7)),
    ("Five passengers were injured when the ferry capsized in the flood.\nOne of the passengers, Maria "
     "Lopez, 71, was declared dead on Monday.", (1, 4)),
    # no death: the count stands
    ("Three people were hurt in the earthquake.\nOne of the victims was treated at the scene.", (0, 3)),
]

FOLLOW_UP = [
    ("A man charged with fatally shooting a miner and wounding five of his co-workers in August was held for "
     "trial on Monday.", (1, 5)),
    ("The driver accused of causing a crash that killed a cyclist and injured four pedestrians in March pleaded "
     "not guilty.", (1, 4)),
    ("The landlord was indicted after a fire killed a tenant and injured three firefighters last year.", (1, 3)),
    ("Prosecutors charged the mine owner over the blast that killed two miners and injured six others in "
     "2015.", (2, 6)),
    # a period of many incidents stays a statistic; so does a sentence that opens on the time
    ("In August, 40 people were shot in the city and 6 were killed.", (0, 0)),
    ("Shootings in March left 12 people wounded across the county.", (0, 0)),
    ("Last year, four men were wounded in an explosion on the same block.", (0, 0)),
]

ONE_OF_DEAD = [
    ("Tom Reyes was hurt when the tunnel collapsed at the mine.\nReyes was one of four workers injured in the "
     "collapse.\nReyes died on Sunday.", (1, 3)),
    ("A fire swept through the dormitory.\nAnna Lopez, 19, was among five students hurt in the fire.\nLopez "
     "died in the hospital on Friday.", (1, 4)),
    ("Rescuers pulled Ramon Ortiz from the flooded car.\nHe was one of three people injured in the crash.\n"
     "Ortiz later died.", (1, 2)),
    # the person named lived, another died; people shot are already less the dead
    ("A bus driver died in the crash.\nMaria Chen was one of six passengers injured.", (1, 6)),
    ("Kwame Smith was one of five people shot at the park.\nSmith died Thursday.", (1, 4)),
]

CASES = LIVED_SPELLINGS + LATER_DEATH + FOLLOW_UP + ONE_OF_DEAD


@pytest.fixture(scope="module")
def figures(nlp):
    return article_figures(nlp, [t for t, _ in CASES])


@pytest.mark.parametrize("text, expected", CASES, ids=[t[:50] for t, _ in CASES])
def test_article_figures(figures, text, expected):
    assert figures[text] == expected
