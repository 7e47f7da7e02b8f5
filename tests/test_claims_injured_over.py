"""Issue 15, the injured figure counted too high: people who were not hurt, or who are counted
already, our own sentences, one article each. Each case runs with the patterns alone
(parse=None) and with the parse: both must give the article's chosen figures
(claims.is_article_figure) killed / injured (0 when no claim is chosen)."""

from __future__ import annotations

import pytest

from tests.conftest import article_figures

# text -> (killed, injured)
CASES = [
    # 'neither officer was hurt': a negative determiner before the person noun is a negated count (0),
    # and its noun is no single victim (resolve.distinct_roles read it as a second person hurt)
    ("Deputies shot a man who fired at them.\nNeither deputy was injured.", (0, 1)),
    ("A boiler exploded at the plant and a welder was injured.\nNeither of the other workers was hurt.", (0, 1)),
    ("Neither firefighter was seriously injured when the roof collapsed.", (0, 0)),
    # must not fire: 'neither' without a casualty predicate; a person hurt after 'neither' talk
    ("A miner was hurt in the collapse.\nNeither man knew the shaft was unsafe.", (0, 1)),
]


@pytest.fixture(scope="module")
def figures(nlp):
    texts = [t for t, _ in CASES]
    return {"patterns": article_figures(nlp, texts, patterns_only=True), "parse": article_figures(nlp, texts)}


@pytest.mark.parametrize("mode", ["patterns", "parse"])
@pytest.mark.parametrize("text, expected", CASES, ids=[t[:40] for t, _ in CASES])
def test_figures(figures, mode, text, expected):
    assert figures[mode][text] == expected
