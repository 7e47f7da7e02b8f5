"""Who a casualty count leaves out: people the tallies do not count (an unborn child, a fetus).

"A pregnant woman and her unborn child were killed" is killed 1: the tallies count born
people. A claim whose phrase is such a member alone ("her unborn baby died") is dropped; a
list or count that holds them ("five adults and an unborn child", "six people, including an
unborn baby") counts them out. The words are lexicon person_nouns.uncounted_*.
"""

from __future__ import annotations

import re

from transforms import lexicon
from transforms.claims.model import Claim, Segment
from transforms.claims.vocab import _PERSON_ALT

_MODIFIERS = lexicon.alternation("person_nouns", "uncounted_modifiers")
_NOUNS = lexicon.alternation("person_nouns", "uncounted_nouns")

# one member the tallies leave out: "her unborn baby", "Powell's unborn son", "the fetus"
_MEMBER = re.compile(rf"\b{_MODIFIERS}\s+(?:[\w-]+\s+)?(?:{_PERSON_ALT})\b|\b{_NOUNS}\b", re.IGNORECASE)

# the modifier right before a claim's phrase that holds only the noun: "unborn [baby]"
_MODIFIER_BEFORE = re.compile(rf"\b{_MODIFIERS}\s+\Z", re.IGNORECASE)

# a count followed by the members it includes: "six people, including an unborn child, died"
_INCLUDING = re.compile(
    rf"\A(?:\s+(?:[\w-]+\s+){{0,2}}?(?:{_PERSON_ALT}))?\s*,?\s*(?:including|among\s+them)\s+"
    rf"(?:(?:a|an|the|her|his|their|[\w-]+'s)\s+)?(?:{_MODIFIERS}\s+(?:[\w-]+\s+)?(?:{_PERSON_ALT})\b|{_NOUNS}\b)",
    re.IGNORECASE,
)

# any word the two patterns above need: a sentence without one has no uncounted member
_ANY = re.compile(rf"\b(?:{_MODIFIERS}|{_NOUNS})", re.IGNORECASE)

_COUNTED_TYPES = ("killed", "injured", "hospitalized", "casualties")


def _uncounted_members(seg: Segment, c: Claim) -> int:
    """How many people the claim's phrase counts that the tallies leave out."""
    a, b = c.start - seg.start, c.end - seg.start
    before = _MODIFIER_BEFORE.search(seg.text, 0, a) if a >= 0 else None
    span = seg.text[before.start() if before else max(a, 0):b]
    n = len(_MEMBER.findall(span))
    if n == 0 and c.value_low is not None and c.value_low > 1 and _INCLUDING.match(seg.text[b:]):
        n = 1
    return n


def _leave_out_uncounted(seg: Segment, found: list[Claim]) -> list[Claim]:
    """The sentence's claims with the uncounted people taken out: a claim of only them is
    dropped, a count that holds them is that many fewer (rule inference.uncounted_member)."""
    if not found or not _ANY.search(seg.text):
        return found
    out = []
    for c in found:
        if c.claim_type not in _COUNTED_TYPES or c.negated or c.value_low is None:
            out.append(c)
            continue
        n = _uncounted_members(seg, c)
        if n == 0:
            out.append(c)
            continue
        if c.value_low - n <= 0:
            continue  # "her unborn baby did not survive": nobody the tallies count
        c.value_low -= n
        if c.value_high is not None:
            c.value_high -= n
        c.source_rule = c.source_rule or c.rule
        c.rule = "inference.uncounted_member"
        out.append(c)
    return out
