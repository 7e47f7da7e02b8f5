"""Issue 15, the killed figure (part 6). Our own sentences, one article each; the article's figures
(killed, injured) are the claims choice.py chooses (claims.is_article_figure), run with the patterns
alone (parse=None) and with the parse.

- one person and a count joined by "and" before it ("a mother and her three children were killed":
  4; "a couple and their two children": 4), not the members of a longer list.
- "None of the 3 miners survived": killed 3 (not "survived by", not "none of the 3 was hurt")."""

from __future__ import annotations

import pytest

import polars as pl

from tests.conftest import article_figures_by_mode, extract_texts

# text -> (killed, injured)
ONE_AND_COUNT = [
    ("The blast left a mother and her three children dead.", (4, 0)),
    ("The fire killed a woman and her two grandchildren early Sunday.", (3, 0)),
    ("A man and his two sons drowned when their boat capsized on the lake.", (3, 0)),
    ("The driver and his two passengers were killed in the crash on Route 9.", (3, 0)),
    ("The earthquake killed a farmer and his four children in the village.", (5, 0)),
    ("A couple and their two children were killed when the flood swept their car away.", (4, 0)),
    ("Police said a man and two women were wounded in the shooting.", (0, 3)),
    ("The gunman and two accomplices fled after killing a guard.", (1, 0)),
]


@pytest.fixture(scope="module")
def one_and_count(nlp):
    return article_figures_by_mode(nlp, ONE_AND_COUNT)


@pytest.mark.parametrize("mode", ["patterns", "parse"])
@pytest.mark.parametrize("text, expected", ONE_AND_COUNT, ids=[t[:40] for t, _ in ONE_AND_COUNT])
def test_one_and_count(one_and_count, mode, text, expected):
    assert one_and_count[mode][text] == expected


# a person before "and <count>" that is a member of a longer list or of a breakdown is no lead person:
# text -> the sum the lead person must not make
NOT_LEAD = [
    ("Six people, including a miner and four welders, were hurt in the explosion.", 5),
    ("A foreman, his brother and six workers died when the scaffold collapsed.", 7),
]


@pytest.mark.parametrize("text, wrong", NOT_LEAD, ids=[t[:40] for t, _ in NOT_LEAD])
def test_not_lead(nlp, text, wrong):
    claims = extract_texts(nlp, [text]).filter(pl.col("rule_id") == "inference.coordination_pattern")
    assert wrong not in claims["value_low"].to_list()


# text -> (killed, injured)
NONE_SURVIVED = [
    ("None of the 3 miners survived the collapse at the coal mine.", (3, 0)),
    ("None of the 12 passengers on board survived, officials said after the plane crash.", (12, 0)),
    ("None of the four victims survived their injuries after the factory fire.", (4, 0)),
    ("None of the five fishermen had survived when rescuers reached the capsized boat.", (5, 0)),
    ("None of the 3 miners was hurt in the collapse.", (0, 0)),
]


@pytest.fixture(scope="module")
def none_survived(nlp):
    return article_figures_by_mode(nlp, NONE_SURVIVED)


@pytest.mark.parametrize("mode", ["patterns", "parse"])
@pytest.mark.parametrize("text, expected", NONE_SURVIVED, ids=[t[:40] for t, _ in NONE_SURVIVED])
def test_none_survived(none_survived, mode, text, expected):
    assert none_survived[mode][text] == expected
