"""Issue 15, incidents other than shootings, part 2: mechanisms found by running a battery of wire-style
sentences of our own (quakes, floods, fires, blasts, crashes, collapses, air strikes) through the
extraction. Each table names the mechanism and has rows where it must not fire. Our own sentences.
"""

from __future__ import annotations

import pytest

from tests.conftest import article_figures, extract_texts


def _claims(nlp, text: str) -> set[tuple[str, int]]:
    c = extract_texts(nlp, [text])
    return {(t, v) for t, v, neg in c.select("claim_type", "value_low", "negated").iter_rows() if not neg}


# transforms/claims/figure_types.py _NONE_OF_BEFORE: "none of the 120 passengers was hurt" denies the
# predicate of the counted people: the figure is no count of that class (negation.nobody_predicate
# gives the 0); "none of the four injured ..." still counts the four injured
NONE_OF = [
    ("None of the 120 passengers was hurt when the plane skidded off the runway.", ("injured", 120), False),
    ("Neither of the two drivers was injured in the collision.", ("injured", 2), False),
    ("Not one of the 30 miners below ground was killed when the gallery flooded.", ("killed", 30), False),
    # must still count: the class is the counted people's own word, or no "none of" before
    ("None of the four injured climbers is in critical condition.", ("injured", 4), True),
    ("Four of the 120 passengers were hurt when the plane skidded off the runway.", ("injured", 4), True),
]


@pytest.mark.parametrize("text,claim,present", NONE_OF)
def test_none_of_the_counted_people(nlp, text, claim, present):
    assert (claim in _claims(nlp, text)) is present


# transforms/lexicon/claims_grammar.yaml toll_nouns: "deaths" and "fatalities" are toll nouns ("flood
# deaths climbed to 112"), as "the death toll" is
DEATHS_TOLL = [
    ("Heat wave deaths rose to 47 on Friday as temperatures stayed above 45 degrees.", (47, 0)),
    ("Flood deaths climbed to 112, the disaster agency said.", (112, 0)),
    ("Fatalities from the chemical plant explosion have risen to 9.", (9, 0)),
    # must not fire: the number is not what the deaths rose to
    ("Deaths in the mine have led to 3 inquiries since 2019.", (0, 0)),
]


@pytest.mark.parametrize("text,expected", DEATHS_TOLL)
def test_deaths_as_a_toll_noun(nlp, text, expected):
    assert article_figures(nlp, [text])[text] == expected


# transforms/figures.py _PAIR_ONE_DET: two person nouns under one indefinite determiner are two people
PAIR_ONE_DET = [
    ("A father and son were killed when their car was swept away by floodwaters.", (2, 0)),
    ("A mother and daughter died in the house fire on Sunday.", (2, 0)),
    ("A young husband and wife were injured when the balcony gave way.", (0, 2)),
    # must stay one: one person noun, or a second determiner (counted by the coordination rule)
    ("A father was killed when his car was swept away by floodwaters.", (1, 0)),
    ("A man and a woman were killed in the landslide.", (2, 0)),
]


@pytest.mark.parametrize("text,expected", PAIR_ONE_DET)
def test_pair_under_one_determiner(nlp, text, expected):
    assert article_figures(nlp, [text])[text] == expected


# transforms/claims/singles.py _LEFT_BOTH and _arguments: "left both drivers dead" is two people, and the
# subject of "left ... dead" is the cause, never a victim ("The collision" was read as one dead person)
LEFT_DEAD = [
    ("The collision left both drivers dead.", (2, 0)),
    ("The gas explosion left both of them injured.", (0, 2)),
    ("The avalanche left both climbers dead.", (2, 0)),
]


@pytest.mark.parametrize("text,expected", LEFT_DEAD)
def test_left_both_dead(nlp, text, expected):
    assert article_figures(nlp, [text])[text] == expected


def test_the_cause_that_left_someone_dead_is_no_victim(nlp):
    text = "The collision left a driver dead."
    claims = extract_texts(nlp, [text])
    assert set(claims["surface"]) == {"a driver"}


# transforms/claims/parsetools.py _count_persons: "a family of five" counts the family's members (a
# "mother of three" is one person: her children are not the victims)
FAMILY_OF = [
    ("An air strike on the village killed a family of seven in their home.", (7, 0)),
    ("A family of five died when the landslide buried their home, officials said.", (5, 0)),
    ("The blaze injured a family of four, firefighters said.", (0, 4)),
    # must stay one
    ("A mother of three was killed when the wall collapsed.", (1, 0)),
]


@pytest.mark.parametrize("text,expected", FAMILY_OF)
def test_family_of_n(nlp, text, expected):
    assert article_figures(nlp, [text])[text] == expected


# transforms/lexicon/claims_grammar.yaml violence_words: road accidents and war make an article whose
# hospitalized people are hurt ("taken to area hospitals after the pileup")
HOSPITALIZED_HURT = [
    ("Police said 20 people were taken to area hospitals after the pileup in dense fog.", ("injured", 20), True),
    ("Six soldiers were taken to a military hospital after the ambush.", ("injured", 6), True),
    ("Eleven people were taken to hospitals after the airstrike on the market.", ("injured", 11), True),
    # must not fire: a bare storm or heat does not say people were hurt
    ("Four people were taken to a hospital after the storm.", ("injured", 4), False),
]


@pytest.mark.parametrize("text,claim,present", HOSPITALIZED_HURT)
def test_hospitalized_after_an_accident_are_hurt(nlp, text, claim, present):
    assert (claim in _claims(nlp, text)) is present
