"""Issue 15, a subject with a phrase of where the people were before the predicate: "Another man in
the home was wounded", "Two passengers on the bus were hurt" (transforms.figures _INDEFINITE,
transforms.claims.figure_types _WHERE_PP); a pronoun after the place starts a clause of its own
("his two sisters on the night he was killed" counts no one). The article's chosen figures
killed / injured, our own sentences, one article each."""

from __future__ import annotations

import pytest

from tests.conftest import article_figures

# text -> (killed, injured): the article's figures (0 when no claim is chosen)
CASES = [
    ("Two people were shot and killed at the house.\nAnother man in the home was wounded.", (2, 1)),
    ("A worker died in the blast at the refinery.\nA welder at the plant was hurt.", (1, 1)),
    ("A woman in a car was injured when the bridge collapsed.", (0, 1)),
    ("Two passengers on the bus were hurt in the crash.", (0, 2)),
    ("Three miners inside the mine were killed by the explosion.", (3, 0)),
    ("The earthquake struck at dawn.\nFour villagers in the old town were injured.", (0, 4)),
    # a pronoun after the place: its clause's predicate is not the people's
    ("Roy Hamon posed with his two sisters on the night he was killed.", (1, 0)),
]


@pytest.fixture(scope="module")
def figures(nlp):
    return article_figures(nlp, [t for t, _ in CASES])


@pytest.mark.parametrize("text, expected", CASES, ids=[t[:40] for t, _ in CASES])
def test_article_figures(figures, text, expected):
    assert figures[text] == expected
