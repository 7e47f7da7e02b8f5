"""One lexicon: every word list the transforms use, kept as data beside this module.

Each concern has one YAML file in this folder (``numbers.yaml``, ``time_words.yaml``,
``person_nouns.yaml`` ...): a mapping from a list name to its words (a list) or to a
word -> value mapping, with comments saying where each list is used. Modules read
them through :func:`load` / :func:`words` / :func:`mapping` and never spell the
words themselves, so a word is added in one place and every module sees it.

The files are package data, read once per process (cached); they are not input,
so reading them does not break the rule that transforms open no files.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

LEXICON_DIR = Path(__file__).parent


class LexiconError(KeyError):
    """A lexicon file or list that does not exist or has the wrong shape."""


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed contents of ``<name>.yaml`` in this folder (a mapping of lists)."""
    path = LEXICON_DIR / f"{name}.yaml"
    if not path.is_file():
        raise LexiconError(f"no lexicon file {path.name} in {LEXICON_DIR}")
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    if not isinstance(data, dict):
        raise LexiconError(f"{path.name} must hold a mapping of named lists")
    return data


def words(name: str, key: str) -> frozenset[str]:
    """The words of list ``key`` in ``<name>.yaml`` (a list, or the keys of a mapping)."""
    value = _entry(name, key)
    if isinstance(value, dict):
        return frozenset(value)
    if isinstance(value, list):
        return frozenset(str(w) for w in value)
    raise LexiconError(f"{name}.yaml: {key} is neither a list nor a mapping")


def mapping(name: str, key: str) -> dict[str, Any]:
    """The word -> value mapping ``key`` in ``<name>.yaml``."""
    value = _entry(name, key)
    if not isinstance(value, dict):
        raise LexiconError(f"{name}.yaml: {key} is not a mapping")
    return dict(value)


def alternation(name: str, key: str) -> str:
    """A regex alternation of the list's words, longest first, escaped: ``(?:a|b)``."""
    import re

    items = sorted(words(name, key), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w) for w in items) + ")"


def _entry(name: str, key: str) -> Any:
    data = load(name)
    if key not in data:
        raise LexiconError(f"{name}.yaml has no list {key!r}")
    return data[key]
