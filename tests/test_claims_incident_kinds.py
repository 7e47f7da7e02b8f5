"""Issue 15, incidents other than shootings: the mechanisms found by running wire-style paragraphs of
our own about earthquakes, floods, storms, fires, explosions, bombings, crashes, mine and factory
accidents and collapses through the extraction. Each table names the mechanism it tests; every
table has sentences where it must not fire. Our own sentences, not copied from any corpus.
"""

from __future__ import annotations

import pytest

from tests.conftest import extract_texts
from transforms.evaluation import best_values


def _claims(nlp, text: str) -> set[tuple[str, int, str]]:
    c = extract_texts(nlp, [text])
    return {(t, v, q) for t, v, q in c.select("claim_type", "value_low", "qualifier").iter_rows()}


# transforms/figures.py _DIGITS: a number with thousands separators ends before a comma that no
# digits follow ("rose to 1,127, the agency said"), as it does before a space
SEPARATED_NUMBERS = [
    ("The death toll rose to 1,127, the civil defence agency said.", ("killed", 1127, "exact"), True),
    ("Floods have killed 2,310 people, officials said on Monday.", ("killed", 2310, "exact"), True),
    ("More than 4,500, most of them children, were injured in the quake.", ("injured", 4501, "more_than"), True),
    # must not fire: the separator's digits are the number's own ("1,250,000" is no 1,250)
    ("The storm damaged 1,250,000 homes, killing 12 people.", ("killed", 1250, "exact"), False),
    ("The storm damaged 1,250,000 homes, killing 12 people.", ("killed", 12, "exact"), True),
]


@pytest.mark.parametrize("text,claim,present", SEPARATED_NUMBERS)
def test_separated_numbers_before_a_comma(nlp, text, claim, present):
    assert (claim in _claims(nlp, text)) is present
