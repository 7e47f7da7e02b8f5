"""A sentence that says its figure may change or is unconfirmed ('may rise', 'unconfirmed reports')."""

from __future__ import annotations

import re

from transforms import lexicon
from transforms.claims.model import Segment


_HEDGE_GATE = lexicon.words("claims_gates", "hedge")

_HEDGE = re.compile(
    r"\b(?:(?:may|might|could|would|will|is\s+expected\s+to|are\s+expected\s+to|expected\s+to|"
    r"likely\s+to|set\s+to)\s+(?:still\s+|further\s+)?(?:rise|climb|increase|grow|go\s+up|change)|"
    r"unconfirmed|unverified|not\s+(?:yet\s+|been\s+|independently\s+)*(?:confirmed|verified)|"
    r"feared|fears?\s+that|preliminary|initial\s+reports?|early\s+reports?|reportedly|"
    r"believed\s+to|unclear\s+how\s+many|as\s+yet\s+unknown)\b",
    re.IGNORECASE,
)


def is_hedged(seg: Segment) -> bool:
    """The sentence says its figures may change or are unconfirmed."""
    return bool(seg.words & _HEDGE_GATE and _HEDGE.search(seg.text))
