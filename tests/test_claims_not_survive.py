"""Issue 15, "N did not survive" is a death count: "Four people were shot, and two did not survive"
is killed 2 and injured 2 (the shot less the dead); a sentence with only "survive" in it is read
("The driver did not survive the crash"). The article's chosen figures killed / injured, our own
sentences, one article each."""

from __future__ import annotations

import pytest

from tests.conftest import article_figures

# text -> (killed, injured): the article's figures (0 when no claim is chosen)
CASES = [
    ("Four people were shot, and two did not survive.", (2, 2)),
    ("Four people were shot at the party. One did not survive.", (1, 3)),
    ("Six miners were trapped in the collapse, and three did not survive.", (3, 0)),
    ("Three people were pulled from the rubble after the earthquake. Two did not survive.", (2, 0)),
    ("Seven people were injured in the factory explosion.\nTwo of them did not survive.", (2, 5)),
    ("Five passengers were hurt in the bus crash.\nTwo of the passengers didn't survive.", (2, 3)),
    # a later death in the sentence of the hurt is among them
    ("Four workers were burned in the fire, and one later succumbed to his injuries.", (1, 3)),
    ("Five people were hurt in the bus crash; two did not survive.", (2, 3)),
    ("Four people were injured in the landslide and one later died.", (1, 3)),
    # not a bare count of dead stated beside the hurt
    ("Two people were killed and three were injured in the mine explosion.", (2, 3)),
    ("The driver did not survive the crash.", (1, 0)),
    # not a death: everyone survived
    ("Three people were shot, and all of them survived.", (0, 3)),
]


@pytest.fixture(scope="module")
def figures(nlp):
    return article_figures(nlp, [t for t, _ in CASES])


@pytest.mark.parametrize("text, expected", CASES, ids=[t[:40] for t, _ in CASES])
def test_article_figures(figures, text, expected):
    assert figures[text] == expected
