"""Counts of negated events are claims of value 0: 'no one was injured', 'the officer was not hurt'."""

from __future__ import annotations

import re

from transforms import lexicon
from transforms.claims.model import Claim, Segment


_NEG_GATE = lexicon.words("claims_gates", "negation")

_NEGATION = re.compile(
    r"\b(?P<s>no(?:\s+|-)one|nobody|none)\b(?:\s+else)?(?:\s+(?:of\s+)?(?:the\s+)?\w+){0,2}?"
    r"\s+(?:else\s+)?(?:was|were|is|are|has\s+been|have\s+been|had\s+been|got|appeared\s+to\s+be)"
    r"\s+(?:\w+ly\s+)?(?P<w>killed|injured|hurt|wounded|shot|struck|hit|arrested|detained|"
    r"hospitali[sz]ed|missing)\b"
    r"|\b(?P<s2>no)\s+(?:other\s+|additional\s+|further\s+|serious\s+|reported\s+|immediate\s+|"
    r"known\s+|one\s+else\s+|more\s+|life-threatening\s+)*(?P<w2>injuries|injury|deaths|fatalities|"
    r"casualties|arrests|victims|one\s+else\s+(?:was\s+)?(?:hurt|injured|killed))\b"
    r"|\b(?:was|were|is|are|been)\s+(?P<s3>not)\s+(?P<w3>injured|hurt|wounded|shot|"
    r"struck|hit|killed|harmed)\b"
    r"|\b(?P<s4>unharmed|uninjured|unhurt)\b",
    re.IGNORECASE,
)

_NEG_CLASS = {
    "killed": "killed", "deaths": "killed", "fatalities": "killed", "injured": "injured",
    "hurt": "injured", "wounded": "injured", "shot": "injured", "struck": "injured",
    "hit": "injured", "harmed": "injured", "injuries": "injured", "injury": "injured",
    "casualties": "casualties", "victims": "injured", "arrested": "detained",
    "detained": "detained", "arrests": "detained", "hospitalized": "hospitalized",
    "hospitalised": "hospitalized", "missing": "missing", "unharmed": "injured",
    "uninjured": "injured", "unhurt": "injured",
}


_NEG_RULES = {"s": "negation.nobody_predicate", "s2": "negation.no_noun", "s3": "negation.not_predicate",
              "s4": "negation.unharmed"}


def _negated_claims(seg: Segment) -> list[Claim]:
    out = []
    if not (seg.words & _NEG_GATE):
        return out
    for m in _NEGATION.finditer(seg.text):
        for s, w in (("s", "w"), ("s2", "w2"), ("s3", "w3"), ("s4", "s4")):
            if m.group(s) is not None:
                word = m.group(w).lower().split()[-1] if m.group(w) else ""
                cls = _NEG_CLASS.get(word)
                if cls is None:
                    break
                a = seg.start + m.start(s)
                b = seg.start + m.end(s) if s != "s3" else seg.start + m.end(w)
                out.append(Claim(cls, 0, 0, 0, "exact", a, b, negated=True, rule=_NEG_RULES[s]))
                break
    return out
