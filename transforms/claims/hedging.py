"""A sentence that says its figure may change or is unconfirmed ('may rise', 'unconfirmed reports').

The phrases are the rules of rules/hedging.yaml (spaCy Matcher / PhraseMatcher patterns); the
word gate is derived from those patterns (rules.gate), so it cannot drift from them.
"""

from __future__ import annotations

from transforms.claims import rules
from transforms.claims.model import Segment


def is_hedged(seg: Segment) -> bool:
    """The sentence says its figures may change or are unconfirmed."""
    gate = rules.gate("hedging")
    if gate is not None and not (seg.words & gate):
        return False
    return bool(rules.match("hedging", seg.text))
