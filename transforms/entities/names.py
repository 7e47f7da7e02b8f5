"""Name keys, stable ids and span trimming of entity mentions (titles, articles, possessives cut off)."""

from __future__ import annotations

import functools
import re
import unicodedata

from transforms import lexicon
from transforms.ids import stable_id


@functools.lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """Matching key of a name: "the St. Louis-based" style noise folded away."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = s.replace("&", " and ")
    s = re.sub(r"['’.`]", "", s)
    s = re.sub(r"[^\w]+|_", " ", s).strip()
    s = re.sub(r"\bsaint\b", "st", s)
    return re.sub(r"\s+", " ", s)


def _hash16(text: str) -> str:
    return stable_id(text)


def mention_id(article_id: str, char_start: int, char_end: int) -> str:
    return _hash16(f"{article_id}|{char_start}|{char_end}")


def entity_id(entity_type: str, canonical_name: str) -> str:
    return _hash16(f"{entity_type}|{name_key(canonical_name)}")



_LEAD_WORDS = set(lexicon.words("entity_words", "lead_words"))
_THE_NAMES = set(lexicon.words("places", "the_names"))
_TITLES = sorted(lexicon.load("entity_words")["titles"], key=len, reverse=True)
_TITLE_RE = re.compile(
    r"(?i)(?:" + "|".join(re.escape(t.strip()) for t in _TITLES if t.strip()) + r")(?=\s|$)\s*"
)
_GLUED_AGE = re.compile(r"(?<=[A-Za-z.])[\s,]+\d{1,3}\Z")  # an age after a person's name: "John Smith, 34"
_TRAIL_WORDS = set(lexicon.words("entity_words", "trail_words"))
_LEAD_PUNCT = "([{\"“”'‘’,;:-–—•*|/ \t"
_TRAIL_PUNCT = ")]}\"“”‘,;:!?-–—•*|/ \t"


# names that are words for any police, office or page furniture, not a name of one thing
GENERIC_KEYS = set(lexicon.words("entity_words", "generic_keys"))
_FURNITURE_KEY = re.compile(r"\bweather and sports\b|\bnews weather\b")


def trim_span(text: str, start: int, end: int, label: str) -> tuple[int, int] | None:
    """The name inside text[start:end] (see module docstring), or None if nothing is left."""
    seg = text[start:end]
    if "\n" in seg:
        parts = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", seg) if re.search(r"[A-Za-z]", m.group())]
        # the last line that holds a name: "Weather, Sports\n\nThe Albany Police Department" ->
        # the department; "Malijha Grant\n\nPolice" -> Malijha Grant (a generic word is no name)
        for a, b in reversed(parts):
            span = trim_span(text, start + a, start + b, label)
            if span is not None:
                return span
        return None
    changed = True
    while changed and start < end:
        changed = False
        s = text[start:end]
        ls = len(s) - len(s.lstrip(_LEAD_PUNCT))
        if ls:
            start += ls
            changed = True
            continue
        ts = len(s) - len(s.rstrip(_TRAIL_PUNCT))
        if ts:
            end -= ts
            changed = True
            continue
        m = re.search(r"(?:'s|’s|'|’)\Z", s)
        if m and (m.group() in ("'s", "’s") or s[:-1].endswith("s")):
            end -= len(m.group())
            changed = True
            continue
        first, _, rest = s.partition(" ")
        if rest and first.lower() in _LEAD_WORDS and not (first.lower() == "the" and s.lower() in _THE_NAMES):
            start += len(first) + 1
            changed = True
            continue
        if label == "PERSON":
            m = _TITLE_RE.match(s)
            if m and m.end() < len(s):
                start += m.end()
                changed = True
                continue
            m = _GLUED_AGE.search(s)
            if m:  # "John Smith, 34", "Smith 34": an age is no part of the name
                end -= len(m.group())
                changed = True
                continue
        head, _, last = s.rpartition(" ")
        if head and last in _TRAIL_WORDS and label in ("ORG", "NORP"):
            end -= len(last) + 1
            changed = True
            continue
    if start >= end:
        return None
    s = text[start:end]
    if not re.search(r"[A-Za-z]", s) or s == s.lower() or len(s) > 80:
        return None
    if label == "PERSON" and _TITLE_RE.fullmatch(s + " "):
        return None  # a bare title ("Sheriff") is not a person
    key = name_key(s)
    if key in GENERIC_KEYS or _FURNITURE_KEY.search(key):
        return None
    return start, end
