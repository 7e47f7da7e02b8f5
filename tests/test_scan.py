"""transforms/scan.py and its two users: the windowed scans find exactly what a scan of the
whole text finds (timex rules, calendar candidates), on texts where the anchors sit at window
edges, inside longer words and far apart."""

import re

import pytest

from transforms import scan, timex
from transforms.dates import mentions, patterns


@pytest.mark.parametrize("points, length, margin, expected", [
    ([50], 1000, 10, [(40, 60)]),
    ([5], 1000, 10, [(0, 15)]),               # clipped at the start
    ([995], 1000, 10, [(985, 1000)]),         # and at the end
    ([50, 65], 1000, 10, [(40, 75)]),         # touching windows merge
    ([80, 50], 1000, 10, [(40, 60), (70, 90)]),  # apart, sorted
    ([], 1000, 10, []),
])
def test_windows(points, length, margin, expected):
    assert scan.windows(points, length, margin) == expected


def test_lookbehind_sees_before_the_window():
    # "(?<![\w])" at a window's start looks at the character before it, as a whole-text scan does
    rx = re.compile(r"(?<![\w])day\b")
    text = "x" * 30 + "Sunday" + " " * 30 + "day"
    assert [m.start() for m in scan.finditer_near(rx, text, [33], margin=3)] == []
    assert [m.start() for m in scan.finditer_near(rx, text, [len(text) - 3], margin=3)] == [len(text) - 3]


FILLER = " and the crews kept working" * 12  # far more than a window's margin: no anchor in it

TEXTS = [
    # the gate word "overnight" is far away: "midafternoon" is found around "afternoon" inside it
    "In a midafternoon news release, police said" + FILLER + " that the storm passed overnight.",
    "Three people died on Valentine's Day" + FILLER + ", and two more on New Year's Eve" + FILLER + ".",
    "The quake struck at 3:40 a.m. on 3/22/2024" + FILLER + "; a year earlier, floods killed 40.",
    "Profit rose from the year-earlier quarter" + FILLER + ", and from year-ago levels" + FILLER + ".",
    "The mine collapsed early Saturday morning" + FILLER + ", two days after the inspection in March 2019.",
    "Fire crews worked through the night" + FILLER + " until Christmas Eve 2021" + FILLER + " in 1998.",
    "The ferry sank last week" + FILLER + ". It was the worst since the Fourth of July" + FILLER + ".",
]


def _rows(found):
    return sorted((a, b, r.id) for a, b, r, _ in found)


@pytest.mark.parametrize("text", TEXTS)
def test_timex_find_equals_a_whole_text_scan(text):
    assert _rows(timex.find(text)) == _rows(timex.find(text, whole=True))


def test_timex_rules_are_found_far_from_other_anchors():
    found = {r for t in TEXTS for _, _, r in _rows(timex.find(t))}
    assert {"part_of_day", "year_earlier_adjective", "clock_time"} <= found


@pytest.mark.parametrize("text", TEXTS)
def test_calendar_candidates_equal_a_whole_text_scan(text):
    found = list(mentions._candidates(text))
    assert found == list(mentions._candidates(text, whole=True))


def test_every_kind_of_calendar_candidate_is_found_far_from_other_anchors():
    kinds = {k for t in TEXTS for k, _, _ in mentions._candidates(t)}
    assert {"hol", "num", "rel", "wd", "my", "yr"} <= kinds


def test_year_earlier_needs_earlier_or_ago():
    surfaces = lambda t: [t[a:b] for a, b, r, _ in timex.find(t) if r.id == "year_earlier_adjective"]
    assert surfaces("Seven people were shot so far this year, and earlier on Monday two more.") == []
    assert surfaces("Sales fell from a year ago.") == ["year ago"]
    assert surfaces("compared with year-earlier profit") == ["year-earlier"]
