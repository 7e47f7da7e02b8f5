"""Issue 15, injured counts, part 5 (our own sentences, one article each; the article's chosen
figures killed / injured, 0 when no claim of the type is chosen).

SELF_KILLED: "N shot, M killed" (resolve.shot_minus_killed) takes the attacker's own death out of
M: the attacker who turns the gun on himself is not one of the people he shot, so a killed count
that counts him (the killer's suicide, includes_attacker: 4 + 1) and "himself" in the sentence of
the shot count leave the people shot less the victims who died.

NAME_AGES: in a list of names with ages ("Tom Smith, 24, Ann Lee, 25 and Bob Ray, 32 were hurt") the
age before "and <Name>" and the last age after a name-age pair, even right before "were", are ages,
not counts (transforms/figures.py _AFTER_AND_NAME, _BEFORE_NAME_AGE_PAIR).

ACROSS_PLACE: a plural incident noun spread over a named place ("wounded in shootings across
Chicago", "in stabbings across London") is a round-up, like "across the city" (scope._AGGREGATE);
not people "shot across Main Street".

BOTH_AUX: "both" before or after the auxiliary of a predicate that says two people were hurt ("Both
were injured", "they were both hurt", "are both in critical condition") is two people hurt
(single.both, singles._BOTH_AUX_HURT); not when a death follows ("were both shot and killed")."""

from __future__ import annotations

import pytest

from tests.conftest import article_figures, extract_texts

SELF_KILLED = [
    # the killer's suicide counts the victims plus the killer: the shot count loses the victims only
    ("A man shot six people Sunday afternoon, killing four of them, including his ex-wife, before turning the "
     "gun on himself.", (5, 2)),
    ("A gunman shot five coworkers at the warehouse, killing three, before he killed himself.", (4, 2)),
    # "killing herself" is no victim of the shot count: the victims' deaths are stated apart
    ("A woman shot her husband and three sons before killing herself.\nFive people died in the house.", (5, 0)),
    ("A father shot two neighbors before killing himself.\nThe three men died at the scene.", (3, 0)),
]

NAME_AGES = [
    ("The gas explosion injured three people.\nMark Dunn, 41, Lisa Hart, 38 and Paul Roe, 66 were treated for burns.",
     (0, 3)),
    ("The miners, Juan Ortiz, 52 and Luis Vega, 47, were killed when the tunnel collapsed.", (2, 0)),
]

ACROSS_PLACE = [
    ("A man was shot dead on Elm Street.\nSeven other people were wounded in shootings across Chicago Thursday.",
     (1, 0)),
    ("A man was shot dead on Elm Street.\nFour people were killed and at least 16 others wounded in shootings "
     "across Chicago on Wednesday.", (1, 0)),
    ("A teen was stabbed in the arm at the station.\nOn Monday, four boys were among six people wounded in "
     "stabbings across London.", (0, 1)),
]

BOTH_AUX = [
    ("A car hit the house.\nBoth were injured.", (0, 2)),
    ("A car hit the house.\nThey were both injured.", (0, 2)),
    ("A car hit the house.\nThey are both in critical condition.", (0, 2)),
    ("A gas heater exploded in the garage.\nThe owner and his son were in the house.\nThey were both burned.",
     (0, 2)),
]

CASES = SELF_KILLED + NAME_AGES + ACROSS_PLACE + BOTH_AUX

# text -> the ages of the text, none of which is the value of a claim
AGES_NO_COUNT = [
    ("A fire broke out at the plant.\nTom Smith, 24, Ann Lee, 25 and Bob Ray, 32 were all taken to the hospital "
     "with burns.", {24, 25, 32}),
    ("The bus overturned on the highway.\nKim Park, 27, Joe Bell, 35 and Sam Ortiz, 71 were hospitalized.",
     {27, 35, 71}),
]


@pytest.fixture(scope="module")
def figures(nlp):
    return article_figures(nlp, [t for t, _ in CASES])


@pytest.mark.parametrize("text, expected", CASES, ids=[t[:50] for t, _ in CASES])
def test_article_figures(figures, text, expected):
    assert figures[text] == expected


@pytest.mark.parametrize("text, ages", AGES_NO_COUNT, ids=[t[:50] for t, _ in AGES_NO_COUNT])
def test_ages_are_no_counts(nlp, text, ages):
    claims = extract_texts(nlp, [text])
    assert not set(claims["value_low"].drop_nulls().to_list()) & ages
