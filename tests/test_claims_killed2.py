"""Issue 15, the killed figure: deaths stated by wordings the single-victim patterns missed, our own
sentences, one article each. Long articles are parsed only in part (PARSE_SHARE), so each case is
run with the patterns alone (parse=None) and with the parse: both must give the article's killed
count (the largest main-scope killed value_low)."""

from __future__ import annotations

import polars as pl
import pytest

from tests.conftest import ARTICLE_SCHEMA

# text -> killed
CASES = [
    # a death noun after a person's possessive; 'ended / took <someone>'s life'
    ("Two men were charged in the teenager's stabbing death.", 1),
    ("Investigators are looking into the hiker's death on the ridge.", 1),
    ("Man guilty of manslaughter in 17-year-old's shooting death", 1),
    ("The avalanche ended a young guide's life.", 1),
    ("His death shocked the town.", 0),  # a pronoun names no one
    ("Police said the boy's father was arrested.", 0),
    ("The prosecutor sought the death penalty in the man's murder trial.", 0),
    # 'fatally struck / hit / stabbed': the blow killed
    ("A cyclist was fatally struck by a delivery van on the bridge.", 1),
    ("A bus fatally struck a pedestrian near the station.", 1),
    ("Deputy fatally hit by stray bullet from colleague's gun", 1),
    ("A cyclist was struck by a delivery van on the bridge.", 0),
    # 'took his own life': a suicide is a death
    ("The pilot took his own life weeks after the crash, investigators said.", 1),
    ("Student Takes Own Life In School Parking Lot", 1),
    ("He tried to take his own life last year.", 0),
    # a death predicate with no subject of its own, after 'and' / 'but', shares the sentence's subject
    ("The driver lost control of the car on the ice and died at the scene.", 1),
    ("Maria Lopez, 34, was in the back seat and died at the scene.", 1),
    ("The boy was taken off life support on Sunday and passed away.", 1),
    ("The fire started in the kitchen and died out within an hour.", 0),  # no person
    ("The storm weakened over land and died out by Tuesday.", 0),
    # a body found is a death ('a body was recovered', 'found a body'); not a body camera
    ("A body was recovered from the river on Tuesday.", 1),
    ("Firefighters found a body in the burned garage.", 1),
    ("A fisherman's body was pulled from the lake.", 1),
    ("Police found a body camera in the patrol car.", 0),
    ("Officers found a body armor vest in the trunk.", 0),
    # 'pronounced / declared him dead', 'brain dead'
    ("Medics pronounced him dead at the scene of the crash.", 1),
    ("Doctors declared her brain dead two days after the fall.", 1),
    ("The toddler is now brain dead, his family said.", 1),
    ("Medics found him alive under the rubble.", 0),
    # 'one of the victims was pronounced dead': the count is typed like 'died'
    ("Rescuers reached the bus, and one of the passengers was pronounced dead at the scene.", 1),
    ("One of the victims was declared deceased at the hospital.", 1),
    ("One of the climbers was pronounced fit to continue.", 0),
    # 'fatally' alone makes a sentence one the single-victim patterns read
    ("A Sheraden man charged with fatally shooting a teenager Tuesday evening called the victim's mother.", 1),
    # a second active verb ends the object: one killed, one hurt, not two killed
    ("The gunman opened fire, killing a six year old boy and critically wounding his father.", 1),
    ("The avalanche buried the camp, killing a guide and seriously injuring his brother.", 1),
    ("The fire spread quickly, killing a young girl and badly burning her mother.", 1),
    ("The rockslide killed a hiker and his son.", 2),
    # a headline (the title, else the first line) that calls the incident fatal: at least one dead
    ("Police Investigate Fatal Shooting In Aliquippa", 1),
    ("Driver arrested after deadly crash on Route 9", 1),
    ("Crews battle deadly warehouse fire downtown", 1),
    ("Homicide Detectives Investigate Shootings In Wilkinsburg", 0),
    ("Officers trained on preventing fatal shootings", 0),
    ("Officers responded to a call on Main Street.\nIt was a fatal crash, police said.", 0),  # not the headline
]


def _killed(nlp, parse) -> dict[str, int]:
    from transforms.claims import extract_claims

    texts = [t for t, _ in CASES]
    articles = pl.DataFrame([{"article_id": f"a{i}", "title": None, "body_clean": t, "published_date": None,
                              "event_date": None} for i, t in enumerate(texts)], schema=ARTICLE_SCHEMA)
    claims = extract_claims(articles, list(nlp.ner.pipe(texts)), parse)
    main = claims.filter((pl.col("claim_type") == "killed") & (pl.col("scope") == "main"))
    return {t: main.filter(pl.col("article_id") == f"a{i}")["value_low"].max() or 0 for i, t in enumerate(texts)}


@pytest.fixture(scope="module")
def killed(nlp):
    return {"patterns": _killed(nlp, None), "parse": _killed(nlp, nlp.parse)}


@pytest.mark.parametrize("mode", ["patterns", "parse"])
@pytest.mark.parametrize("text, expected", CASES, ids=[t[:40] for t, _ in CASES])
def test_killed(killed, mode, text, expected):
    assert killed[mode][text] == expected
