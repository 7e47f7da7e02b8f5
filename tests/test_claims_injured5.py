"""Issue 15, injured counts, part 5 (our own sentences, one article each; the article's chosen
figures killed / injured, 0 when no claim of the type is chosen).

SELF_KILLED: "N shot, M killed" (resolve.shot_minus_killed) takes the attacker's own death out of
M: the attacker who turns the gun on himself is not one of the people he shot, so a killed count
that counts him (the killer's suicide, includes_attacker: 4 + 1) and "himself" in the sentence of
the shot count leave the people shot less the victims who died."""

from __future__ import annotations

import pytest

from tests.conftest import article_figures

SELF_KILLED = [
    # the killer's suicide counts the victims plus the killer: the shot count loses the victims only
    ("A man shot six people Sunday afternoon, killing four of them, including his ex-wife, before turning the "
     "gun on himself.", (5, 2)),
    ("A gunman shot five coworkers at the warehouse, killing three, before he killed himself.", (4, 2)),
    # "killing herself" is no victim of the shot count: the victims' deaths are stated apart
    ("A woman shot her husband and three sons before killing herself.\nFive people died in the house.", (5, 0)),
    ("A father shot two neighbors before killing himself.\nThe three men died at the scene.", (3, 0)),
]

CASES = SELF_KILLED


@pytest.fixture(scope="module")
def figures(nlp):
    return article_figures(nlp, [t for t, _ in CASES])


@pytest.mark.parametrize("text, expected", CASES, ids=[t[:50] for t, _ in CASES])
def test_article_figures(figures, text, expected):
    assert figures[text] == expected
