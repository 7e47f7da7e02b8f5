"""Issue 15, people burned or scalded are hurt ("three workers were burned in the explosion"), but a
count of things burned is no one ("three homes were burned"), and "burned to death" is a death. The
article's chosen figures killed / injured, our own sentences, one article each."""

from __future__ import annotations

import pytest

from tests.conftest import article_figures

# text -> (killed, injured): the article's figures (0 when no claim is chosen)
CASES = [
    ("Three workers were burned in the explosion at the plant.", (0, 3)),
    ("A worker was burned when the gas stove exploded.", (0, 1)),
    ("A man died in the house fire.\nA firefighter was burned on the arm.", (1, 1)),
    ("Firefighters said two residents were burnt and taken to a hospital.", (0, 2)),
    ("Two children were scalded when the boiler burst at the school.", (0, 2)),
    # things burned are no people
    ("Three homes were burned in the wildfire.", (0, 0)),
    ("Four cars were burned by rioters and two officers were hurt.", (0, 2)),
    ("The house was burned down after the explosion.", (0, 0)),
    # a death
    ("Two people were burned to death in the bus fire.", (2, 0)),
    ("A worker was burned to death in the blast.", (1, 0)),
]


@pytest.fixture(scope="module")
def figures(nlp):
    return article_figures(nlp, [t for t, _ in CASES])


@pytest.mark.parametrize("text, expected", CASES, ids=[t[:40] for t, _ in CASES])
def test_article_figures(figures, text, expected):
    assert figures[text] == expected
