"""Issue 15, a person whose body part was hurt is hurt: "a firefighter whose leg was crushed by a
beam" (transforms.claims.singles _WHOSE_WOUND), not someone whose thing was damaged ("the man whose
car was crushed by a tree"). The article's chosen figures killed / injured, our own sentences."""

from __future__ import annotations

import pytest

from tests.conftest import article_figures

# text -> (killed, injured): the article's figures (0 when no claim is chosen)
CASES = [
    ("A firefighter whose leg was crushed by a beam was rescued from the rubble.", (0, 1)),
    ("A miner died in the collapse.\nAnother miner, whose arm was broken, was pulled out alive.", (1, 1)),
    ("The earthquake flattened the market.\nA vendor whose left hand was severed was flown to the capital.", (0, 1)),
    # a thing, not a body part
    ("The storm toppled trees across the town.\nA man whose car was crushed by a tree escaped.", (0, 0)),
]


@pytest.fixture(scope="module")
def figures(nlp):
    return article_figures(nlp, [t for t, _ in CASES])


@pytest.mark.parametrize("text, expected", CASES, ids=[t[:40] for t, _ in CASES])
def test_article_figures(figures, text, expected):
    assert figures[text] == expected
