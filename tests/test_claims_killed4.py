"""Issue 15, the killed figure (part 4). Our own sentences, one article each; the article's figures
(killed, injured) are the claims choice.py chooses (claims.is_article_figure), run with the patterns
alone (parse=None) and with the parse.

- what struck people as the subject of an active "struck" / "hit" / "grazed" (a bullet, gunfire,
  shrapnel, falling debris, a beam, rocks): its object was hit (shot: killed or injured as the
  sentence says), as the passive "was struck by gunfire" (rule parse.struck_by_gunfire).
- a count that is the object of a coordinated verb is that verb's, not the first verb's: "kill one
  person and wound five others" is killed 1 (the five were wounded); "shot two men and killed a
  woman": a verb with its own object says what happened to that object; and "the three men who opened
  fire, killing one patron" are the shooters (the parse; the patterns read these right already).
- the killer killed by others after the killing, in the same sentence: the count of what the killer
  did gets the killer's one added (inference.killer_killed), as the killer's suicide does; the same
  count of victims stated elsewhere as what someone did ("Man kills 4 people") gets it too
  (inference.attacker_added).
- a single victim "also killed" is besides the dead named before (inference.also_killed).
- a counterfactual ("could have killed dozens", "would have shot his father") is no count.
- a sentence that opens on another time ("Earlier Sunday, ...", "About 20 minutes earlier, ...", "Last
  summer, ...") tells of another incident (scope 'other')."""

from __future__ import annotations

import pytest

from tests.conftest import article_figures_by_mode

# text -> (killed, injured)
PROJECTILE_ACTIVE = [
    ("Gunfire struck a woman and three others outside the bar on Sunday.", (0, 4)),
    ("A bullet hit a 12-year-old boy in the leg as he slept.", (0, 1)),
    ("A stray bullet fired from the street hit Maria Lopez as she sat on her porch.", (0, 1)),
    ("Gunfire struck two men and a woman, one of them fatally.", (1, 2)),
    ("Stray bullets struck three children playing in the yard. One of them died.", (1, 2)),
    # not shootings: a bombing, a rock fall, a factory, an explosion, an earthquake
    ("Shrapnel from the bomb hit two soldiers and a police officer at the checkpoint.", (0, 3)),
    ("Falling rocks struck three hikers on the trail, killing one.", (1, 2)),
    ("A slab of concrete struck a worker at the factory on Tuesday.", (0, 1)),
    ("Debris from the explosion struck a firefighter, who was taken to a hospital.", (0, 1)),
    ("A beam fell during the earthquake and struck two children, who died at the scene.", (2, 0)),
    # must not count: a thing struck, a storm, the subject is no projectile
    ("Police said the bullets struck a parked car and a house.", (0, 0)),
    ("The storm hit four towns along the coast.", (0, 0)),
    ("The new tax hit a local baker hardest, the mayor said.", (0, 0)),
]


@pytest.fixture(scope="module")
def projectile_active(nlp):
    return article_figures_by_mode(nlp, PROJECTILE_ACTIVE)


@pytest.mark.parametrize("mode", ["patterns", "parse"])
@pytest.mark.parametrize("text, expected", PROJECTILE_ACTIVE, ids=[t[:40] for t, _ in PROJECTILE_ACTIVE])
def test_projectile_active(projectile_active, mode, text, expected):
    assert projectile_active[mode][text] == expected


# text -> the article's killed figure
COORDINATED_VERBS = [
    ("The ex-convict went on to shoot and kill one person and wound five others in a rampage.", 1),
    ("A gas leak caused the blast at the plant to kill one worker and injure five others.", 1),
    ("The boiler exploded to kill one worker and wound five others at the plant.", 1),
    ("Police identified the three men who opened fire at the bar, killing one patron.", 1),
    # unchanged: the counts of each verb
    ("The explosion at the mine ripped through a tunnel, killing one miner and injuring seven others.", 1),
    ("The quake flattened the village, killing two residents and injuring 30 others.", 2),
    ("The truck plowed into the crowd, wounding dozens of shoppers and killing two vendors.", 2),
    ("The gunman shot and killed two people at the store, police said.", 2),
]


@pytest.fixture(scope="module")
def coordinated_verbs(nlp):
    return article_figures_by_mode(nlp, COORDINATED_VERBS)


@pytest.mark.parametrize("mode", ["patterns", "parse"])
@pytest.mark.parametrize("text, expected", COORDINATED_VERBS, ids=[t[:40] for t, _ in COORDINATED_VERBS])
def test_coordinated_verbs(coordinated_verbs, mode, text, expected):
    assert coordinated_verbs[mode][text][0] == expected


# text -> the article's killed figure
KILLER_KILLED = [
    ("The gunman drove to a reserve center, where he killed four Marines before he himself was shot dead.", 5),
    ("Four people were killed by a man on a rampage before he was shot and killed by police Sunday night.", 5),
    # not shootings: a bombing, a knife attack at a market, an arson
    ("The bomber killed six people at the checkpoint before soldiers shot him dead.", 7),
    ("The attacker killed two shoppers at the market before officers shot him to death.", 3),
    ("The arsonist killed three tenants of the building before he was shot and killed by police.", 4),
    # must not add: the attacker counted, no death of the attacker, one person, no count of the attacker's
    ("Three people were killed, including the gunman, who was shot dead by police.", 3),
    ("The gunman killed two people before he was arrested by police.", 2),
    ("A pregnant teen is dead after she was shot to death on the Northwest Side.", 1),
    ("A man is dead after officers shot him during a traffic stop.", 1),
    ("The suspect was killed after he was shot dead by officers.", 1),
    ("Two men were killed in the crash before police shot the suspect dead.", 2),
]


@pytest.fixture(scope="module")
def killer_killed(nlp):
    return article_figures_by_mode(nlp, KILLER_KILLED)


@pytest.mark.parametrize("mode", ["patterns", "parse"])
@pytest.mark.parametrize("text, expected", KILLER_KILLED, ids=[t[:40] for t, _ in KILLER_KILLED])
def test_killer_killed(killer_killed, mode, text, expected):
    assert killer_killed[mode][text][0] == expected


# text -> the article's killed figure
ALSO_KILLED = [
    ("A 46-year-old woman was shot and killed at the party. Gino Nicolas, 24, was also killed in the shooting.", 2),
    ("Kenneth Mills died at the scene of the robbery. German Booker, a 25-year-old customer, was also killed.", 2),
    # not shootings: a refinery explosion, a flood, a landslide
    ("A worker died at the scene of the explosion. Tom Reyes, a welder, was also killed.", 2),
    ("A farmer drowned when the river burst its banks. His neighbor, Ana Ruiz, was also killed.", 2),
    # must not add: a count that may include the person, the same person again
    ("Two people were killed in the blast at the refinery. The plant manager, Tom Reyes, was also killed.", 2),
    ("Antonio Kelley and Derrius Brandon, both 23, were killed in the landslide. Brandon also died of his injuries.", 2),
    ("The driver was killed in the crash. Police said Smith was also hurt in the crash.", 1),
]


@pytest.fixture(scope="module")
def also_killed(nlp):
    return article_figures_by_mode(nlp, ALSO_KILLED)


@pytest.mark.parametrize("mode", ["patterns", "parse"])
@pytest.mark.parametrize("text, expected", ALSO_KILLED, ids=[t[:40] for t, _ in ALSO_KILLED])
def test_also_killed(also_killed, mode, text, expected):
    assert also_killed[mode][text][0] == expected


# text -> (killed, injured)
COUNTERFACTUAL = [
    ("The gunman could have killed dozens of people, police said.", (0, 0)),
    ("The explosion at the depot could have killed hundreds, officials said. Two workers were hurt.", (0, 2)),
    ("He told police he would have shot his father, too, had he been home.", (0, 0)),
    ("If she had been in the wrong position the falling beam could easily have killed her.", (0, 0)),
    ("The dam could've drowned thousands of villagers if it had burst.", (0, 0)),
    # not counterfactuals: what may have happened, what happened
    ("A child playing with a gun may have accidentally killed a 2-year-old girl, police said.", (1, 0)),
    ("The fire killed four people, and it could have been worse, officials said.", (4, 0)),
]


@pytest.fixture(scope="module")
def counterfactual(nlp):
    return article_figures_by_mode(nlp, COUNTERFACTUAL)


@pytest.mark.parametrize("mode", ["patterns", "parse"])
@pytest.mark.parametrize("text, expected", COUNTERFACTUAL, ids=[t[:40] for t, _ in COUNTERFACTUAL])
def test_counterfactual(counterfactual, mode, text, expected):
    assert counterfactual[mode][text] == expected


# text -> (killed, injured)
OTHER_TIME = [
    ("Two people were wounded in a shooting on Main Street on Sunday. Earlier Sunday, a man was shot to death "
     "in the Longwood neighborhood.", (0, 2)),
    ("A woman was wounded in a shooting Friday night. About 20 minutes earlier, a 24-year-old man was shot to "
     "death in a drive-by.", (0, 1)),
    ("A gunman wounded eight people at the park. Last summer, one man was killed in a shooting at the same park.",
     (0, 8)),
    # not shootings: a house fire, a flood
    ("Three people were hurt in a house fire on Elm Street on Monday. Earlier that day, a man died in a fire "
     "across town.", (0, 3)),
    ("Floodwaters injured four villagers on Tuesday. Last spring, two people drowned in the same valley.", (0, 4)),
    # the same incident: "Meanwhile", a bare "Earlier", a later time
    ("Two men were shot and killed on Oak Street. Meanwhile, three others showed up at a hospital with gunshot "
     "wounds.", (2, 3)),
    ("A man was shot and killed on Oak Street on Sunday, police said. Earlier, he had argued with a neighbor.", (1, 0)),
]


@pytest.fixture(scope="module")
def other_time(nlp):
    return article_figures_by_mode(nlp, OTHER_TIME)


@pytest.mark.parametrize("mode", ["patterns", "parse"])
@pytest.mark.parametrize("text, expected", OTHER_TIME, ids=[t[:40] for t, _ in OTHER_TIME])
def test_other_time(other_time, mode, text, expected):
    assert other_time[mode][text] == expected


# text -> the article's killed figure; the first line is the title
VICTIMS_ELSEWHERE = [
    ("Fight over taxes leads man to kill 4 people\nFight over taxes leads man to kill 4 people, police say\n"
     "A man showed up at her house and killed her and three other people before fatally shooting himself, an "
     "investigator said.", 5),
    ("Gunman kills 3 at plant\nGunman kills 3 at plant, police say\nThe gunman killed three workers at the plant "
     "before he was shot dead by police.", 4),
    # not shootings: an arson
    ("Arsonist kills 3 tenants\nArsonist kills 3 tenants, police say\nThe arsonist killed three tenants of the "
     "building before he was shot and killed by police.", 4),
    # must not add: no death of the killer, a count that differs from the victims'
    ("Gunman kills 3 at plant\nThe gunman killed three workers at the plant before he was arrested by police.", 3),
    ("Bomber kills 12 at market\nThe bomber killed 12 people at the market. Two hours later a second bomber killed "
     "two guards before he was shot dead by soldiers.", 12),
]


@pytest.fixture(scope="module")
def victims_elsewhere(nlp):
    return article_figures_by_mode(nlp, VICTIMS_ELSEWHERE)


@pytest.mark.parametrize("mode", ["patterns", "parse"])
@pytest.mark.parametrize("text, expected", VICTIMS_ELSEWHERE, ids=[t[:40] for t, _ in VICTIMS_ELSEWHERE])
def test_victims_elsewhere(victims_elsewhere, mode, text, expected):
    assert victims_elsewhere[mode][text][0] == expected
