"""Issue 15 part 1 (counting): counts spread over people and sentences, deaths stated elsewhere,
wordings; the article's killed / injured as the largest main-scope value_low (what the extraction
counts, before the article's figure is chosen), our own sentences, one article each."""

from __future__ import annotations

import polars as pl
import pytest

from tests.conftest import extract_texts

# text -> (killed, injured) of the article
CASES = [
    # coordinated people as the object of an active verb add up
    ("The gunman fired several shots, killing Maria Lopez and injuring Dustin Grey and Leanne Smith.", (1, 2)),
    ("Police said the man opened fire, wounding Tom Baker, Ann Lee and Rosa Diaz.", (0, 3)),
    # "X ... and another injured": one more person
    ("Two men were killed and another injured in the shooting on Elm Street.", (2, 1)),
    ("The shooting left one man dead and another wounded.", (1, 1)),
    ("The teen shot and fatally wounded four classmates and seriously wounded another.", (4, 1)),
    # a pronoun or "the woman" is not a person of the other gender
    ("A woman was shot and killed inside the home.\nThe boy was wounded in the leg.", (1, 1)),
    ("A woman was shot and killed inside the home.\nThe victim was pronounced dead at the scene.", (1, 0)),
    # hitting / striking people with shots
    ("He fired into the crowd outside the club, hitting four people.", (0, 4)),
    ("The shooter sprayed the porch with bullets, striking three people.", (0, 3)),
    ("Shots rang out and a 15-month-old in the minivan was also struck in the leg.", (0, 1)),
    # shots counted after an active "shot" are not people
    ("The robbers shot more than 30 rounds at the armored truck.", (0, 0)),
    ("Officers shot nine times at the fleeing car, and the driver was wounded.", (0, 1)),
    # "shot at <a place>" says where, not whom
    ("6 people shot at a house party in the suburbs", (0, 6)),
    ("Two men shot at police officers before fleeing.", (0, 0)),
    # the victim shot and the victim who died are one person
    ("A 19-year-old man was wounded in the shooting.\nJames Ortiz, 19, died Monday at the hospital.", (1, 0)),
    ("Ortiz was taken to Mercy Saint Mary Hospital, where he died.", (1, 0)),
    # a lower-case "she" is female like "She" (the gender of a mention ignores a possessive "'s" only)
    ("The girl was shot outside the store.\nShe was taken to a hospital, where she was later pronounced dead.",
     (1, 0)),
    ("The woman was shot in the chest.\nShe was rushed to a hospital, where she died.", (1, 0)),
    # an official named in between is no antecedent of 'he'
    ("A teen was injured while hunting with friends.\nSheriff Mark Tully said the boy was shot.\n"
     "The teenager was cleaning a rifle when he was wounded, according to Sheriff Mark Tully.", (0, 1)),
    # the shooter is not a victim of his own shots
    ("Sheriff fires deputy who accidentally shot his daughter", (0, 1)),
    ("Police said Carter shot and killed Dion Mays, 22, and wounded Eli Stone, 30.", (1, 1)),
    # not victims: a parent's children, animals
    ("A father of four was shot and killed outside his home.", (1, 0)),
    ("The stray bullet killed a man and injured one of the family dogs.", (1, 0)),
    ("Gunman blasted the crowd, wounding five and sending 300 patrons running for cover.", (0, 5)),
    # an ordinal person after a count is one more person
    ("Three men were shot dead outside the bar and a fourth was wounded.", (3, 1)),
    ("Two miners died in the blast and a third was badly hurt.", (2, 1)),
    ("Two passengers were injured in the crash and a third died at the scene.", (1, 2)),
    ("Two people were killed and a second fire broke out in the next building.", (2, 0)),
    # "suffered / sustained ... injuries" after a count, past an apposition
    ("Four teenagers, ages 13 to 17, sustained what police described as minor injuries.", (0, 4)),
    ("Six workers suffered serious injuries when the boiler exploded at the plant.", (0, 6)),
    ("Two residents suffered from smoke inhalation after the fire.", (0, 0)),
    ("In all, five tourists received serious injuries when the gas tank exploded.", (0, 5)),
    ("Four people received treatment at the scene after the crash.", (0, 0)),
    # "both" + plural people: two
    ("A bus hit the car at the crossing and both occupants were badly hurt.", (0, 2)),
    ("Both miners in the tunnel were killed when the roof collapsed.", (2, 0)),
    ("Both teams were hurt by the late schedule change.", (0, 0)),
    # a relative clause or a reduced relative between the person and the predicate
    ("A 7-year-old girl who was hit by a stray bullet outside her school has died.", (1, 0)),
    ("A worker injured in the warehouse explosion Monday has died of his burns.", (1, 0)),
    ("The hiker who was pulled from the river was pronounced dead at the hospital.", (1, 0)),
    ("A teen who was shot in the arm on Friday is recovering, and the man who fired was arrested.", (0, 1)),
    # "claimed the life of", "pronounced clinically dead", "declared brain-dead": a death
    ("The fire claimed the life of a 9-year-old boy, officials said.", (1, 0)),
    ("The landslide took the life of Maria Ortega as she slept.", (1, 0)),
    ("The fire saved the life of a 9-year-old boy, officials said.", (0, 0)),
    ("The diver was pronounced clinically dead at the hospital.", (1, 0)),
    ("The toddler was declared brain-dead on Tuesday.", (1, 0)),
    # "the other victim" is not the victim mentioned before
    ("The victim who was stabbed in the alley has died.\nThe other victim is in stable condition.", (1, 1)),
    # people shot who "later died" are dead, not hurt
    ("Two men were shot in the parking lot and later died at the hospital.", (2, 0)),
    ("Three people were shot on Main Street and one died.", (1, 2)),
    # a list of people after an active verb or "the bodies of", one member at a time, adds up
    ("The landslide buried the village, killing a farmer, his two sons and a neighbor.", (4, 0)),
    ("He broke into the house and killed her and three other people before fatally shooting himself.", (5, 0)),
    ("A man killed six of his grandchildren, his adult daughter and himself at the farm.", (8, 0)),
    ("Rescuers recovered the bodies of two miners and a rescue worker on Friday.", (3, 0)),
    ("The bodies of 54-year-old Mark Mata, 42-year-old Min Haung and 6-year-old Hank Mata were found.", (3, 0)),
    ("The truck skidded off the road, killing Jacinta Walker, 18, and Aveion Bolden, 20, police said.", (2, 0)),
    ("The avalanche killed Maria Lopez and her husband, Dustin Grey, near the pass.", (2, 0)),
    ("The explosion injured the young man's father, a 39-year-old, and another man, 26, police said.", (0, 2)),
    # not a list: an apposition, a new clause, a source, a verb
    ("The fire killed his wife, a nurse, at their home.", (1, 0)),
    ("In the crash that killed Johnson, two others were hurt.", (1, 2)),
    ("The gunman killed two people, and a 64-year-old suspect is being sought.", (2, 0)),
    ("Deputies found he had killed the two children and then himself, Lemma said.", (3, 0)),
    ("Police: California man kills stepfather, injures mother, 3 others", (1, 4)),
    ("Police found the injured boy and two others at the house.", (0, 1)),
    ("A student shot his girlfriend and then himself at the school.", (0, 1)),
    # "pronounced / found <someone> dead", "the body of", "pronounced deceased", "leaving <name> dead"
    ("The coroner pronounced 18-year-old Emery Collins of Harrison County dead at 10:30 a.m.", (1, 0)),
    ("Rescue crews pronounced the driver dead at the scene of the crash.", (1, 0)),
    ("Firefighters found the woman dead and her husband badly burned.", (1, 0)),
    ("The diver was later pronounced deceased at the pier.", (1, 0)),
    ("Divers recovered the body of a missing fisherman near the pier.", (1, 0)),
    ("The medic carried the lifeless body of a boy to the ambulance, and he was revived.", (0, 0)),
    ("The rockslide hit the trail on Tuesday, leaving 27-year-old Brandon Lanier dead.", (1, 0)),
    # who arrives at a hospital with wounds is hurt; "N other" such people add to the hurt counted before
    ("Police said two men showed up at the hospital with gunshot wounds.", (0, 2)),
    ("Five relatives showed up at the hospital to wait for news.", (0, 0)),
    ("Later, four miners arrived at the clinic with burns.", (0, 4)),
    ("A woman was shot in the arm on the porch.\nThree other people showed up at a hospital with gunshot wounds.",
     (0, 4)),
    ("Three workers were injured when the scaffold fell.\nTwo other workers later arrived at the clinic with minor "
     "injuries.", (0, 5)),
    # deaths a sentence states without the usual words: a name the NER did not label PERSON, "passed
    # away", "succumbed", "not able to save her"; a place is not the one who died
    ("Kanari succumbed to her injuries on Wednesday afternoon.", (1, 0)),
    ("Relatives confirmed the girl had passed away.", (1, 0)),
    ("She was flown to the burn unit, but doctors were not able to save her.", (1, 0)),
    ("Surgeons were able to save his leg after the crash.", (0, 0)),
    ("A child who suffered burns in a fire at his home in Redfield has died, officials said.", (1, 0)),
    # coordinated subjects with their ages: "A, 18, and B, 20, were killed"
    ("Authorities say Smith, 18, and Jones, 20, were killed in the crash.", (2, 0)),
    ("Daneka Lotts, 24, Monica Bates, 16, and Malcolm Wallace, 25, were hurt when the stage collapsed.", (0, 3)),
    # "fatally / mortally wounded / injured": the wound killed; the victim is dead, not hurt
    ("A toddler was fatally wounded Sunday in a drive-by shooting.", (1, 0)),
    ("A cyclist was fatally injured when a delivery truck struck him on the bridge.", (1, 0)),
    ("A firefighter was mortally wounded when the burning roof collapsed.", (1, 0)),
    ("Two hikers were mortally injured in the rockfall, and four were hurt.", (2, 4)),
    ("The explosion at the refinery fatally injured two workers and hurt five others.", (2, 5)),
    # "one of the six died": the six are the group, one of them died (the dead are subtracted from the
    # group's count of the shot or hurt); a bare participle after the group noun types the group
    ("Six people were shot outside the bar; one of the six later died.", (1, 5)),
    ("Five workers were hurt in the blast. One of the five died at the hospital.", (1, 4)),
    ("Police said one of the four victims of the house fire died.", (1, 0)),
    ("Nine climbers were caught in the avalanche; two of the nine later died.", (2, 0)),
    ("One of the three people killed in the pileup was a teacher.", (3, 0)),
    # only people are members of a coordination to add up: "four people and two vehicles" is four
    ("Four people and two vehicles were hit by the falling crane.", (0, 4)),
    ("Four people and two dogs died in the house fire.", (4, 0)),
    ("The earthquake killed 12 villagers and 300 cattle.", (12, 0)),
    ("Two women and three men were injured in the bus crash.", (0, 5)),
    # people "also" shot who lived are not less the dead
    ("Police found Rolando Gonzalez dead from a gunshot wound.\nA woman and two other men were also shot; "
     "they were taken to a hospital with non-life-threatening injuries.", (1, 3)),
]


@pytest.fixture(scope="module")
def figures(nlp):
    texts = [t for t, _ in CASES]
    claims = extract_texts(nlp, texts)
    claims = claims.filter(~pl.col("is_background"))

    def best(i: int, kind: str) -> int:
        v = claims.filter((pl.col("article_id") == f"a{i}") & (pl.col("claim_type") == kind))["value_low"].max()
        return v or 0

    return {t: (best(i, "killed"), best(i, "injured")) for i, t in enumerate(texts)}


@pytest.mark.parametrize("text, expected", CASES, ids=[t[:40] for t, _ in CASES])
def test_article_counts(figures, text, expected):
    assert figures[text] == expected
