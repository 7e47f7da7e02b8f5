"""Counts of negated events are claims of value 0: 'no one was injured', 'the officer was not hurt'.

The phrases are the rules of rules/negation.yaml (spaCy Matcher / PhraseMatcher patterns),
matched as a regex scan (leftmost match, then the earlier rule); the class of a match is the
claims_grammar.negated_class of its last word, its span the tokens the rule marks SPAN.
"""

from __future__ import annotations

from transforms import lexicon
from transforms.claims import rules
from transforms.claims.model import Claim, Segment


_NEG_CLASS = lexicon.mapping("claims_grammar", "negated_class")


def _negated_claims(seg: Segment) -> list[Claim]:
    gate = rules.gate("negation")
    if gate is not None and not (seg.words & gate):
        return []
    out = []
    for m in rules.match("negation", seg.text, select="first"):
        cls = _NEG_CLASS.get(m.tokens[-1].lower_)
        if cls is None:
            continue
        out.append(Claim(cls, 0, 0, 0, "exact", seg.start + m.span_start, seg.start + m.span_end,
                         negated=True, rule=m.rule.id))
    return out
