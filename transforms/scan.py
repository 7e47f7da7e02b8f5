"""Regex scans restricted to the parts of a text where a match can be.

A pattern whose every match contains one of a few anchor words ("weekend", a month name, a
digit) need not be tried at every position of a 2,000-character article: it is run on
windows of ``margin`` characters each side of the anchors' occurrences (windows that touch
are merged), and finds the same matches as a scan of the whole text as long as no match is
longer than ``margin``. The scan of a window starts at its real position in the text (``pos``,
``endpos``), so lookbehinds and ``\\b`` see the characters before it.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

MARGIN = 80  # characters each side of an anchor: the longest timex match in 4,465 corpus texts is 34


def windows(points: Iterable[int], length: int, margin: int = MARGIN) -> list[tuple[int, int]]:
    """[start, end) windows of ``margin`` characters around the sorted ``points``, merged."""
    out: list[list[int]] = []
    for p in sorted(points):
        a, b = max(0, p - margin), min(length, p + margin)
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def finditer_near(regex: re.Pattern, text: str, points: Iterable[int], margin: int = MARGIN) -> Iterator[re.Match]:
    """The matches of ``regex`` in ``text`` that lie near one of ``points``, in text order."""
    for a, b in windows(points, len(text), margin):
        yield from regex.finditer(text, a, b)
