"""Issue 15, the injured figure where we counted too few people hurt; the article's chosen figures
(claims.is_article_figure) killed / injured, our own sentences, one article each."""

from __future__ import annotations

import pytest

from tests.conftest import article_figures

# text -> (killed, injured): the article's figures (0 when no claim is chosen)
CASES = [
    # one person shot whom the sentence says lived ("is in stable condition", "expected to
    # recover", "treated and released") is someone besides the dead: not less the killed count
    ("A man was killed in the shooting.\nA teen was shot and is in stable condition.", (1, 1)),
    ("A clerk died in the robbery.\nA customer was shot in the leg and was treated and released.", (1, 1)),
    ("A guard was killed in the attack on the embassy.\nA tourist was shot and is expected to recover.", (1, 1)),
    ("A soldier was killed when militants stormed the checkpoint.\nA civilian was shot and is listed in "
     "stable condition.", (1, 1)),
    # not when the sentence does not say so: the one shot may be the one who died
    ("A man was killed in the shooting.\nA teen was shot in the chest.", (1, 0)),
    # an ordinal counts the dead too: "a fourth person" after one dead is three hurt at least
    ("A man was killed in the shooting.\nA fourth person was also shot but survived.", (1, 3)),
]


@pytest.fixture(scope="module")
def figures(nlp):
    return article_figures(nlp, [t for t, _ in CASES])


@pytest.mark.parametrize("text, expected", CASES, ids=[t[:40] for t, _ in CASES])
def test_article_figures(figures, text, expected):
    assert figures[text] == expected
