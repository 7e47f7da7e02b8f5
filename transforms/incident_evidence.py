"""Compact evidence about an article's incident, read from its body at extraction time.

Pure: text in, a short list of keys out. The clustering (transforms/events.py) runs at
finalize over every article in the warehouse without their texts, so each article carries
these keys (``articles.incident_keys``) instead of its body. Keys:

- ``block:<hundreds> <street>``: an address or block ("the 1600 block of 7th Street",
  "900 Garden Way", "1623 W. Madison St." -> ``block:1600 madison``); the street name
  without its ending (Street, Ave., ...: transforms/lexicon/events.yaml street_suffixes)
  and without a leading direction, so "Aspen Meadow" and "Aspen Meadow Drive" agree;
- ``street:<street>``: a street named with its ending ("on Tuggle Road" -> ``street:tuggle``);
- ``age:<n>``: a person's age ("a 22-year-old man", "22 year old", "John Smith, 23,");
- ``hour:<0-23>``: a time of day ("about 11 p.m." -> ``hour:23``, "04:10:00 AM" -> ``hour:4``).

Two reports of one city and day that name the same block, or the same street and the same
age or hour, are one incident; ages that do not overlap at all are evidence of two.
At most MAX_KEYS keys per article (the first ones in the text), so the column stays small.
"""

from __future__ import annotations

import re

from transforms import lexicon

MAX_KEYS = 40
_SUFFIX = lexicon.mapping("events", "street_suffixes")
_SUFFIX_RE = "|".join(sorted((re.escape(s) for s in _SUFFIX), key=len, reverse=True))
_DIRECTIONS = lexicon.words("events", "street_directions")
_LEAD = lexicon.words("events", "street_lead_words")
_WORD = r"(?:[A-Z][a-zA-Z'\-]*\.?|\d{1,3}(?:st|nd|rd|th))"
_NAME = rf"{_WORD}(?:\s+{_WORD}){{0,3}}"
_STREET = re.compile(rf"\b({_NAME})\s+(?i:({_SUFFIX_RE}))\b\.?(?!\w)")
_BLOCK = re.compile(rf"\b(\d{{1,5}})\s+block\s+of\s+(?:the\s+)?({_NAME})")
_ADDRESS = re.compile(rf"\b(\d{{1,5}})\s+({_NAME})\s+(?i:({_SUFFIX_RE}))\b")
_AGE = re.compile(r"\b(\d{1,2})[- ]years?[- ]old\b|\b[A-Z][a-z]+,\s(\d{1,2}),")
_PERSON = r"([A-Z][a-z]+(?:\s[A-Z]\.)?(?:\s[A-Z][a-z'\-]+){1,2})"
_NAMED = re.compile(rf"\bidentified\s(?:\w+\s){{0,3}}?as\s(?:\d{{1,2}}-year-old\s)?{_PERSON}"
                    rf"|\b\d{{1,2}}[- ]years?[- ]old\s{_PERSON}"
                    rf"|{_PERSON},\s(?:a\s)?\d{{1,2}}(?:,|-year-old)")
_TIME = re.compile(r"\b(\d{1,2})(?::\d{2}){0,2}\s*([ap])\.?\s?m\b\.?", re.I)


def _street_name(words: str) -> str | None:
    """'W. Madison' -> 'madison'; the words of a street name, lower case, without a direction or lead word."""
    parts = [w.strip(".").lower() for w in words.split()]
    while parts and (parts[0] in _LEAD or parts[0] in _DIRECTIONS):
        parts = parts[1:]
    while parts and parts[-1] in _SUFFIX:
        parts = parts[:-1]
    return " ".join(parts) or None


def incident_keys(text: str | None) -> list[str]:
    """The evidence keys of one article's text (module docstring), in order of first appearance."""
    if not text:
        return []
    keys: dict[str, None] = {}
    for m in _BLOCK.finditer(text):
        name = _street_name(m.group(2))
        if name:
            keys[f"block:{int(m.group(1)) // 100 * 100} {name}"] = None
    for m in _ADDRESS.finditer(text):
        name = _street_name(m.group(2))
        if name:
            keys[f"block:{int(m.group(1)) // 100 * 100} {name}"] = None
    for m in _STREET.finditer(text):
        name = _street_name(m.group(1))
        if name:
            keys[f"street:{name}"] = None
    for m in _AGE.finditer(text):
        age = int(m.group(1) or m.group(2))
        if 0 < age < 110:
            keys[f"age:{age}"] = None
    for m in _NAMED.finditer(text):
        words = next(g for g in m.groups() if g).split()
        if len(words) >= 2:
            keys[f"name:{words[0].lower()} {words[-1].lower()}"] = None
    for m in _TIME.finditer(text):
        hour = int(m.group(1))
        if 1 <= hour <= 12:
            keys[f"hour:{hour % 12 + (12 if m.group(2).lower() == 'p' else 0)}"] = None
    return list(keys)[:MAX_KEYS]


def kinds(keys) -> dict[str, set[str]]:
    """'block' / 'street' / 'age' / 'hour' -> the values of those keys."""
    out: dict[str, set[str]] = {"block": set(), "street": set(), "age": set(), "hour": set(), "name": set()}
    for k in keys or ():
        kind, _, value = k.partition(":")
        if kind in out:
            out[kind].add(value)
    return out
