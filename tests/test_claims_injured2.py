"""Issue 15, the injured figure: patterns that give the wrong number of people hurt; the article's
chosen figures (claims.is_article_figure) killed / injured, our own sentences, one article each."""

from __future__ import annotations

import pytest

from tests.conftest import article_figures

# text -> (killed, injured): the article's figures (0 when no claim is chosen)
CASES = [
    # an ordinal victim counts every victim so far, the dead too: "a fourth victim" after three
    # dead is one person hurt (injured: the ordinal less the killed, as "4 shot")
    ("Three men were killed in the attack.\nA fourth victim was wounded in the leg.", (3, 1)),
    ("A man was shot dead on the porch.\nThe second victim was treated for injuries at the scene.", (1, 1)),
    ("Two workers died when the scaffold collapsed.\nA third victim was taken to a hospital.", (2, 1)),
    ("Three men were killed in the shooting.\nA fourth victim, a 7-year-old girl, is said to be in stable "
     "condition.", (3, 1)),
    ("Two miners were killed in the blast.\nThe second shift was sent home.", (2, 0)),
    # "treated for injuries / burns", "recovering": hurt; "treated at a hospital": taken to one
    ("Two workers were treated for minor burns after the boiler blew up.", (0, 2)),
    ("Three teenagers are recovering after the car rolled into a ditch.", (0, 3)),
    ("Three other people were treated at a hospital and released after the shooting.", (0, 3)),
    ("Five people were treated at the scene after the crash.", (0, 0)),
    ("The clinic treated three patients for the flu last week.", (0, 0)),
    # "listed in critical condition", "said to be in serious condition": the count's predicate
    ("Two men were listed in critical condition after the shooting.", (0, 2)),
    ("Two workers are said to be in serious condition after the blast.", (0, 2)),
    ("Two men said to police that the fire started in the kitchen.", (0, 0)),
    # an age bound is no count: "all younger than 45", "under the age of 12"
    ("Four men and five women, all younger than 45, were hurt when the bleachers collapsed.", (0, 9)),
    ("A boy younger than 12 was shot in the complex.", (0, 1)),
    ("Two children under the age of 10 were injured in the fire.", (0, 2)),
    ("Fewer than 12 people were injured in the fire.", (0, 0)),
    ("Another hiker, also 15, was hurt in the rockfall.", (0, 1)),
    # one person and a count of others add up: "he and three others"
    ("A man told officers that he and three others had been shot.", (0, 4)),
    ("She and two others were hurt when the gas line exploded.", (0, 3)),
    ("The driver and two other people were injured when the bus overturned.", (0, 3)),
    ("A man was killed and three others were wounded.", (1, 3)),
    # a count of "others" hurt adds to the hurt counted before it in the sentence, not to the dead
    ("Two men were in critical condition and two others were injured after the shooting.", (0, 4)),
    ("A firefighter was hurt when the roof fell, while three others were treated for burns.", (0, 4)),
    ("Two passengers were killed and four others were injured when the train derailed.", (2, 4)),
    ("Two people were shot, and three others were wounded by shrapnel.", (0, 5)),
    ("A firefighter was hurt when the roof fell.\nThree others were treated for burns.", (0, 3)),
    # one person's wound or injury in the singular: "suffered a minor hand injury", "a leg wound"
    ("Maria Velazquez suffered a minor hand injury when the ladder slipped.", (0, 1)),
    ("A 26-year-old woman sustained a leg wound in the blast.", (0, 1)),
    ("Clark, 20, received a graze wound and was released from the hospital.", (0, 1)),
    ("The team suffered a major setback when the stadium roof fell.", (0, 0)),
    # "the wounding of <person>"; "grazing two people" hurts them, grazing cattle are no count
    ("Police are investigating the slaying of Ray Doyle, 17, and the wounding of Armond Batey, 16.", (1, 1)),
    ("The driver was charged in the wounding of a cyclist on the bridge.", (0, 1)),
    ("The driver was charged in the wounding of the bridge's reputation.", (0, 0)),
    ("The falling debris missed the crowd, grazing two people on the sidewalk.", (0, 2)),
    ("The cattle were grazing three fields away when the barn burned.", (0, 0)),
    # "both" + people hurt, in a condition, treated or taken to a hospital: two
    ("A man and his son were shot on the porch.\nBoth victims were taken to a hospital.", (0, 2)),
    ("Both passengers are in stable condition after the crash.", (0, 2)),
    ("Both of them were treated for minor injuries after the kitchen fire.", (0, 2)),
    ("Both men are being held without bail.", (0, 0)),
    ("Both teams were taken to the stadium by bus.", (0, 0)),
    # "put / sent N people to the hospital": taken to one (injured at least N after violence)
    ("The shooting at the party put three women into the hospital, police said.", (0, 3)),
    ("The gas explosion at the plant sent 12 workers to area hospitals.", (0, 12)),
    ("The storm put 200 homes in the dark.", (0, 0)),
    # "all four victims were taken to a hospital": every victim, the dead too (less the killed)
    ("One man died in the shooting.\nAll four victims were taken to a hospital.", (1, 3)),
    ("One man died in the shooting.\nFour others were taken to a hospital.", (1, 4)),
    ("One worker died in the explosion at the mill.\nThe three victims were flown to a burn unit hospital.", (1, 2)),
    # a bare "One later died" after a count is one of them: the count of the hurt is less the dead;
    # a sentence that states its own dead ("2 dead, 3 hurt") counts the hurt without them
    ("Two teens were injured in the crash.\nOne died later at the hospital.", (1, 1)),
    ("Two men were shot and taken to the hospital after the robbery.\nOne later died.", (1, 1)),
    ("2 dead, 3 hurt in bus crash\nTwo passengers died at the scene and three were hurt.\nOne died at the "
     "scene.", (2, 3)),
    ("Two teens were injured in the crash.\nOne man died later at the hospital.", (1, 2)),
]


@pytest.fixture(scope="module")
def figures(nlp):
    return article_figures(nlp, [t for t, _ in CASES])


@pytest.mark.parametrize("text, expected", CASES, ids=[t[:40] for t, _ in CASES])
def test_article_figures(figures, text, expected):
    assert figures[text] == expected
