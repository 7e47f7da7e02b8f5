"""Word lists and regex pieces several concerns of the claims engine share (read from transforms.lexicon)."""

from __future__ import annotations

import re

from transforms import lexicon
from transforms.figures import PERSON_PLURAL, PERSON_SINGULAR


CLAIM_TYPES = (
    "killed", "injured", "hospitalized", "missing", "attackers", "detained", "evacuated",
    "attendance", "capacity", "casualties",
)

# word (lower case, as written; the parser pipeline has no lemmatizer) -> class
_WORD_CLASS: dict[str, str] = {w: cls for cls, ws in lexicon.mapping("casualty_predicates", "word_classes").items()
                              for w in ws}

_PERSON_NOUNS = frozenset(PERSON_SINGULAR) | frozenset(PERSON_PLURAL) | {"other", "them", "us"}

_PERSON_SG = frozenset(PERSON_SINGULAR) - {"gunmen"}

_SG_PRONOUNS = lexicon.words("person_nouns", "singular_pronouns")

_PERSON_ALT = "|".join(sorted(_PERSON_NOUNS, key=len, reverse=True))

_TRIGGER_WORDS = lexicon.words("claims_gates", "trigger")

_MULTI_GATE = frozenset(lexicon.mapping("numbers", "multipliers")) | {"suicide"}

_ORDINAL_GATE = frozenset(lexicon.mapping("numbers", "ordinals"))

_REFLEXIVE = lexicon.words("person_nouns", "reflexive")

_MEMBER_NOUN = re.compile(rf"\A\s+(?:[\w-]+\s+){{0,2}}?(?:{_PERSON_ALT}|[a-z]+-year-olds?)\b", re.IGNORECASE)
