"""Issue 15, incidents other than shootings: the mechanisms found by running wire-style paragraphs of
our own about earthquakes, floods, storms, fires, explosions, bombings, crashes, mine and factory
accidents and collapses through the extraction. Each table names the mechanism it tests; every
table has sentences where it must not fire. Our own sentences, not copied from any corpus.
"""

from __future__ import annotations

import pytest

from tests.conftest import extract_texts
from transforms.evaluation import best_values


def _claims(nlp, text: str) -> set[tuple[str, int, str]]:
    c = extract_texts(nlp, [text])
    return {(t, v, q) for t, v, q in c.select("claim_type", "value_low", "qualifier").iter_rows()}


# transforms/figures.py _DIGITS: a number with thousands separators ends before a comma that no
# digits follow ("rose to 1,127, the agency said"), as it does before a space
SEPARATED_NUMBERS = [
    ("The death toll rose to 1,127, the civil defence agency said.", ("killed", 1127, "exact"), True),
    ("Floods have killed 2,310 people, officials said on Monday.", ("killed", 2310, "exact"), True),
    ("More than 4,500, most of them children, were injured in the quake.", ("injured", 4501, "more_than"), True),
    # must not fire: the separator's digits are the number's own ("1,250,000" is no 1,250)
    ("The storm damaged 1,250,000 homes, killing 12 people.", ("killed", 1250, "exact"), False),
    ("The storm damaged 1,250,000 homes, killing 12 people.", ("killed", 12, "exact"), True),
]


@pytest.mark.parametrize("text,claim,present", SEPARATED_NUMBERS)
def test_separated_numbers_before_a_comma(nlp, text, claim, present):
    assert (claim in _claims(nlp, text)) is present


# transforms/claims/figure_types.py _TOLL_BEFORE: a toll noun ("the death toll", "the number of people
# killed", "the number of injured"), its modifiers however long, then an update verb and the figure
TOLL_WITH_LONG_MODIFIERS = [
    ("The death toll from Tuesday's massive explosion at the city's port rose to 137 on Thursday.",
     ("killed", 137, "exact"), True),
    ("The toll from the earthquake in the northern mountain province has risen to 240.", ("killed", 240, "exact"), True),
    ("The number of people killed by the typhoon in the coastal towns rose to 52.", ("killed", 52, "exact"), True),
    ("By noon the number of people injured in the crash at the junction had risen to 80.",
     ("injured", 80, "exact"), True),
    ("The death toll from the blast, which officials said may still rise, reached 61.", ("killed", 61, "exact"), True),
    # must not fire: a toll road, a count of things, a sentence break between the toll and the figure
    ("The toll road from the city to the new port rose to 4 lanes.", ("killed", 4, "exact"), False),
    ("The number of homes flooded in the valley after the storm rose to 380.", ("killed", 380, "exact"), False),
    ("The toll from the earthquake is unknown; the number of shelters rose to 40.", ("killed", 40, "exact"), False),
]


@pytest.mark.parametrize("text,claim,present", TOLL_WITH_LONG_MODIFIERS)
def test_toll_with_long_modifiers(nlp, text, claim, present):
    assert (claim in _claims(nlp, text)) is present


# transforms/claims/figure_types.py _HOSPITAL_WITH_INJURIES: a hospital predicate that says what the
# people were treated for (claims_grammar hospital_injury_nouns) says they were hurt; "admitted to"
# and "treated at / in" a hospital are hospital predicates too
HOSPITAL_WITH_INJURIES = [
    ("Eleven people were taken to hospital with injuries after the dam gave way.", ("injured", 11, "exact"), True),
    ("Two workers were admitted to hospitals with severe burns after the boiler blast.",
     ("injured", 2, "exact"), True),
    ("Rescuers brought 47 miners to the surface; five of them were taken to hospital with burns.",
     ("injured", 5, "exact"), True),
    ("Nine passengers were flown to a trauma center with head injuries.", ("injured", 9, "exact"), True),
    ("Sixty residents were treated at a hospital for smoke inhalation.", ("injured", 60, "exact"), True),
    # must not fire: treated for what is no injury, or no treatment said
    ("Four people were taken to a hospital for observation after the storm.", ("injured", 4, "exact"), False),
    ("Four people were taken to a hospital for observation after the storm.", ("hospitalized", 4, "exact"), True),
    ("Two elderly residents were admitted to hospital with chest pains during the heatwave.",
     ("injured", 2, "exact"), False),
]


@pytest.mark.parametrize("text,claim,present", HOSPITAL_WITH_INJURIES)
def test_hospital_with_injuries(nlp, text, claim, present):
    assert (claim in _claims(nlp, text)) is present


# transforms/claims/candidates.py _CLAUSE_AND: a comma and "and" after a first count join two clauses,
# not two members of a list of people ("saved 25 people, and four were taken ..."); a two-member list
# has no comma, a longer one may
CLAUSE_AND = [
    ("Rescuers saved 25 people, and four were taken to hospital after the boat sank.",
     ("hospitalized", 25, "exact"), False),
    ("Rescuers saved 25 people, and four were taken to hospital after the boat sank.",
     ("hospitalized", 4, "exact"), True),
    ("Firefighters evacuated 40 residents, and three were taken to a hospital.", ("hospitalized", 40, "exact"), False),
    # still lists: no comma before "and", or more than two members
    ("Three miners and two rescuers were taken to a hospital after the collapse.",
     ("hospitalized", 5, "exact"), True),
    ("Two women, three men, and a boy were injured when the roof fell.", ("injured", 6, "exact"), True),
]


@pytest.mark.parametrize("text,claim,present", CLAUSE_AND)
def test_comma_and_joins_clauses(nlp, text, claim, present):
    assert (claim in _claims(nlp, text)) is present


def _figures(nlp, title: str, body: str) -> tuple[int, int]:
    """(killed, injured): the article's figures a reader gets (best_values; no figure reads as 0)."""
    c = extract_texts(nlp, [f"{title}\n{body}"], titles=[title])
    got = {t: dict(best_values(c, t).iter_rows()).get("a0", 0) for t in ("killed", "injured")}
    return got["killed"], got["injured"]


# claims_grammar violence_words: the incidents whose people taken to a hospital were hurt include
# storms, floods, tornadoes ... and the plural / verb forms of those already listed
HOSPITALIZED_AFTER_INCIDENT = [
    ("Tornadoes tear through three states",
     "Tornadoes ripped through three states overnight, killing at least 11 people, officials said. "
     "The governor said 34 people were being treated at area hospitals.", (11, 34)),
    ("Typhoon lashes islands",
     "The typhoon tore roofs off homes across the islands, and 16 people were taken to hospitals, officials said.",
     (0, 16)),
    # must not fire: a hospital visit with no incident that hurts people
    ("Heat sends residents to clinics",
     "Temperatures passed 40C for a fifth day, and 16 people were taken to hospitals, officials said.", (0, 0)),
]


@pytest.mark.parametrize("title,body,expected", HOSPITALIZED_AFTER_INCIDENT)
def test_hospitalized_after_an_incident_are_hurt(nlp, title, body, expected):
    assert _figures(nlp, title, body) == expected


def _scopes(nlp, text: str) -> set[tuple[str, int, str]]:
    c = extract_texts(nlp, [text])
    return {(t, v, s) for t, v, s in c.select("claim_type", "value_low", "scope").iter_rows()}


# transforms/claims/scope.py is_aggregate, claims_gates spread_hazards: a flood, a storm, a heatwave
# spreads over a region and lasts days; "across the region" and "since Friday" are its own extent,
# while for shootings they make a round-up of many incidents
SPREAD_HAZARDS = [
    ("Heavy rain and floods have killed 45 people across the region, the agency said.", ("killed", 45, "main")),
    ("Floods have killed 45 people since Friday, the civil protection agency said.", ("killed", 45, "main")),
    ("The typhoon killed 30 people across the country and injured 120.", ("killed", 30, "main")),
    ("Wildfires have killed 11 people across the state since Monday.", ("killed", 11, "main")),
    # must not fire: no spreading hazard, a round-up of shootings
    ("Gunfire killed 45 people across the city, police said.", ("killed", 45, "aggregate")),
    ("Six people have been shot since Friday, police said.", ("injured", 6, "aggregate")),
]


@pytest.mark.parametrize("text,claim", SPREAD_HAZARDS)
def test_spread_hazards_over_a_region(nlp, text, claim):
    assert claim in _scopes(nlp, text)


# transforms/claims/figure_types.py _WITH_INJURIES (rule type.injuries_after): people with injuries
WITH_INJURIES = [
    ("The minibus fell into the river; seven people survived, three of them with serious injuries.",
     ("injured", 3, "exact"), True),
    ("Two workers with burns were flown to a hospital after the boiler blast.", ("injured", 2, "exact"), True),
    ("After the landslide killed two people, rescuers pulled four villagers with broken bones from the mud.",
     ("injured", 4, "exact"), True),
    # must not fire: people with things that are no injuries
    ("Police found two men with knives near the collapsed bridge.", ("injured", 2, "exact"), False),
    ("Three families with young children were evacuated before the flood.", ("injured", 3, "exact"), False),
]


@pytest.mark.parametrize("text,claim,present", WITH_INJURIES)
def test_people_with_injuries(nlp, text, claim, present):
    assert (claim in _claims(nlp, text)) is present


# transforms/claims/resolve.py _resolve_overlap: the people taken to a hospital include the dead
# stated after them in the sentence ("where two died"), not the dead stated before them
HOSPITAL_LESS_LATER_DEAD = [
    ("A gas leak at the plant killed two workers and left 47 people in hospital.", ("injured", 47, "at_least"), True),
    ("The quake killed 46 people and 512 people were treated in hospitals.", ("injured", 512, "at_least"), True),
    # must not fire: the dead stated after the hospital count are among the people taken there
    ("Seven people were taken to a hospital after the blast, where two died.", ("injured", 5, "at_least"), True),
    ("Seven people were taken to a hospital after the blast, where two died.", ("injured", 7, "at_least"), False),
]


@pytest.mark.parametrize("text,claim,present", HOSPITAL_LESS_LATER_DEAD)
def test_hospitalized_less_the_dead_after_them(nlp, text, claim, present):
    assert (claim in _claims(nlp, text)) is present


# transforms/claims/figure_types.py _RESCUED_AND: a rescue participle coordinated with the casualty
# predicate ("pulled out alive and taken to hospital") does not hide the predicate from the count
RESCUED_AND = [
    ("Twelve workers were pulled out alive and taken to hospital after the building collapsed.",
     ("hospitalized", 12, "exact"), True),
    ("Two skiers were dug out alive and flown to a hospital in the valley with hypothermia and fractures.",
     ("injured", 2, "exact"), True),
    ("Three fishermen were pulled from the river and later died.", ("killed", 3, "exact"), True),
    # must not fire: rescued people with no casualty predicate are neither hurt nor hospitalized
    ("Twelve people were rescued and reunited with their families after the flood.",
     ("hospitalized", 12, "exact"), False),
    ("Twelve people were rescued from the rubble and the search went on.", ("injured", 12, "exact"), False),
]


@pytest.mark.parametrize("text,claim,present", RESCUED_AND)
def test_rescue_participle_before_the_predicate(nlp, text, claim, present):
    assert (claim in _claims(nlp, text)) is present


# whole articles (a title and a body) whose figures the mechanisms above made right: (killed, injured)
ARTICLES = {
    "quake-toll-after-comma": (
        "Woman pulled alive from rubble 80 hours after quake",
        "Rescuers pulled a 62-year-old woman alive from the ruins of her home on Wednesday. "
        "The confirmed death toll rose to 1,127, the civil defence agency said, and at least 230 people "
        "remain missing. Some 300 people have been rescued from collapsed buildings since Sunday.", (1127, 0)),
    "port-blast-long-toll": (
        "Blast devastates port district",
        "The death toll from Tuesday's massive explosion at the city's port rose to 137 on Thursday, the "
        "health ministry said, with about 5,000 people injured.", (137, 5000)),
    "dam-hospital-with-injuries": (
        "Dam breach floods villages",
        "At least 19 villagers drowned after an earthen dam gave way following days of heavy rain. "
        "Soldiers in boats rescued more than 400 residents. Eleven people were taken to hospital with injuries.",
        (19, 11)),
    "monsoon-across-region": (
        "Floods swamp the south",
        "Heavy rain and floods have killed 45 people across the region since Friday, the civil protection "
        "agency said. Thousands of people fled their homes.", (45, 0)),
    "minibus-of-them-with-injuries": (
        "Minibus falls into river",
        "A minibus carrying wedding guests fell into a river on Saturday, killing 14 people, including four "
        "children, police said. Seven people survived, three of them with serious injuries.", (14, 3)),
    "gas-leak-dead-before-hospital": (
        "Gas leak at fertilizer plant",
        "A gas leak at a fertilizer plant killed two workers and left 47 people in hospital, officials said.",
        (2, 47)),
    "collapse-pulled-out-alive": (
        "Building under construction collapses",
        "A seven-storey building under construction collapsed on Tuesday, killing at least 8 labourers, "
        "officials said. Twelve workers were pulled out alive and taken to hospital.", (8, 12)),
    # must stay: rescued people are not hurt, an earlier quake's toll is not the article's
    "quake-earlier-toll-rescued": (
        "Quake kills 9 in east",
        "A 5.8-magnitude earthquake killed nine people in the east of the country on Sunday, the deadliest "
        "since a 2011 quake that killed more than 600. Emergency crews rescued 300 people from damaged homes.",
        (9, 0)),
}


@pytest.mark.parametrize("name", list(ARTICLES))
def test_article_figures(nlp, name):
    title, body, expected = ARTICLES[name]
    assert _figures(nlp, title, body) == expected
