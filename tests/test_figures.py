"""transforms.figures: counts people write -> value, bounds, qualifier (table-driven)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.figures import (
    QUALIFIERS,
    VAGUE_LOW,
    FigureError,
    find_figures,
    number_value,
    parse_figure,
)

# text -> (surface, value_stated, value_low, value_high, qualifier) of the first figure
FIGURES = [
    # DESIGN.md "Claim semantics"
    ("more than 60 fatalities", ("more than 60", 60, 61, None, "more_than")),
    ("at least 62 people were killed", ("at least 62", 62, 62, None, "at_least")),
    ("62 dead", ("62", 62, 62, 62, "exact")),
    ("between 10 and 12 injured", ("between 10 and 12", 10, 10, 12, "range")),
    ("dozens wounded", ("dozens", None, 24, None, "vague")),
    ("the 6,200-seat hall", ("6,200", 6200, 6200, 6200, "exact")),
    # digits and words
    ("6200 seats", ("6200", 6200, 6200, 6200, "exact")),
    ("three assailants", ("three", 3, 3, 3, "exact")),
    ("twenty-one people", ("twenty-one", 21, 21, 21, "exact")),
    ("twenty one people", ("twenty one", 21, 21, 21, "exact")),
    ("one hundred and twenty people", ("one hundred and twenty", 120, 120, 120, "exact")),
    ("a hundred people", ("a hundred", 100, 100, 100, "exact")),
    ("three thousand fans", ("three thousand", 3000, 3000, 3000, "exact")),
    ("1.5 million people", ("1.5 million", 1500000, 1500000, 1500000, "exact")),
    ("a dozen people", ("a dozen", 12, 12, 12, "exact")),
    ("half a dozen people", ("half a dozen", 6, 6, 6, "exact")),
    ("two dozen people", ("two dozen", 24, 24, 24, "exact")),
    ("Leaves 62 Dead", ("62", 62, 62, 62, "exact")),
    ("1 killed, 3 hurt", ("1", 1, 1, 1, "exact")),
    # indefinite people where the sentence counts them
    ("A 23-year-old man was shot and killed", ("A 23-year-old man", 1, 1, 1, "exact")),
    ("a woman died at the scene", ("a woman", 1, 1, 1, "exact")),
    ("Another teen was wounded", ("Another teen", 1, 1, 1, "exact")),
    ("a boy, 12, was shot in the leg", ("a boy", 1, 1, 1, "exact")),
    # qualifiers
    ("over 100 injuries", ("over 100", 100, 101, None, "more_than")),
    ("upwards of 30 people", ("upwards of 30", 30, 31, None, "more_than")),
    ("no fewer than 8 people", ("no fewer than 8", 8, 8, None, "at_least")),
    ("60 or more people", ("60 or more", 60, 60, None, "at_least")),
    ("60+ people", ("60+", 60, 60, None, "at_least")),
    ("nearly 50 people", ("nearly 50", 50, None, 49, "at_most")),
    ("almost 50 people", ("almost 50", 50, None, 49, "at_most")),
    ("about 50 people", ("about 50", 50, 50, 50, "about")),
    ("around 50 people", ("around 50", 50, 50, 50, "about")),
    ("approximately 50 people", ("approximately 50", 50, 50, 50, "about")),
    ("some 300 people", ("some 300", 300, 300, 300, "about")),
    ("an estimated 300 people", ("an estimated 300", 300, 300, 300, "about")),
    ("up to 50 people", ("up to 50", 50, None, 50, "at_most")),
    ("as many as 50 people", ("as many as 50", 50, None, 50, "at_most")),
    ("fewer than 10 people", ("fewer than 10", 10, None, 9, "less_than")),
    ("less than 10 people", ("less than 10", 10, None, 9, "less_than")),
    ("more than a dozen people", ("more than a dozen", 12, 13, None, "more_than")),
    # ranges
    ("10 to 12 people", ("10 to 12", 10, 10, 12, "range")),
    ("10-12 people", ("10-12", 10, 10, 12, "range")),
    ("two or three people", ("two or three", 2, 2, 3, "range")),
    ("from 10 to 12 people", ("from 10 to 12", 10, 10, 12, "range")),
    ("between two and three people", ("between two and three", 2, 2, 3, "range")),
    # vague quantities (module docstring table)
    ("scores were wounded", ("scores", None, 40, None, "vague")),
    ("hundreds attended", ("hundreds", None, 200, None, "vague")),
    ("thousands of people", ("thousands", None, 2000, None, "vague")),
    ("several gunmen", ("several", None, 3, None, "vague")),
    ("multiple casualties", ("multiple", None, 2, None, "vague")),
    ("a number of people", ("a number of", None, 2, None, "vague")),
    ("a few people", ("a few", None, 3, None, "vague")),
    ("a couple of people", ("a couple of", None, 2, None, "vague")),
]


@pytest.mark.parametrize("text,expected", FIGURES, ids=[t for t, _ in FIGURES])
def test_parse_figure(text, expected):
    fig = parse_figure(text)
    assert (fig.surface, fig.value_stated, fig.value_low, fig.value_high, fig.qualifier) == expected
    assert text[fig.start:fig.end] == fig.surface


# Not counts: every case the brief lists, and a few more.
NOT_COUNTS = [
    "the 2004 Beslan siege",
    "a 23-year-old",
    "the 45-year-old",
    "a one-year-old girl",
    "a one year old girl",
    "23, of Dallas",
    "John Smith, 23, of Dallas",
    "Lay, 69, who manages the club",
    "aged 23",
    "ages 24, 20, and 19",
    "3 a.m.",
    "3 p.m.",
    "10:30",
    "1 o'clock",
    "from 1 to 3 p.m.",
    "3580 Evans Ave",
    "2400 block of",
    "Route 4",
    "$500",
    "$ 500",
    "500 dollars",
    "40%",
    "40 percent",
    ".40-caliber",
    "9mm",
    "a 9 mm handgun",
    ".22",
    "a 12-gauge shotgun",
    "AR-15",
    "AK-47",
    "7-Eleven",
    "555-123-4567",
    "(555) 123-4567",
    "911 call",
    "third",
    "the 2nd",
    "21st",
    "March 22",
    "22 March",
    "Aug. 3, 2015",
    "5/12/2015",
    "2024-03-22",
    "5 feet",
    "3 miles",
    "200 pounds",
    "shot 3 times",
    "shot multiple times",
    "2 hours",
    "a 3-2 vote",
    "2.5",
    "KSLA News 12",
    "Channel 4",
    "Image 2 of 4",
    "Image 1 / 33",
    "Calvin Williams, 24 was shot in the chest",
    "footnote[17]",
    "no one was injured",
    "one another",
]


@pytest.mark.parametrize("text", NOT_COUNTS)
def test_not_a_count(text):
    assert find_figures(text) == []
    assert parse_figure(text, on_error="null") is None
    with pytest.raises(FigureError):
        parse_figure(text, on_error="raise")


@pytest.mark.parametrize(
    "text,values",
    [
        ("1 killed, 3 hurt", [1, 3]),
        ("Two people were shot, one fatally", [2, 1]),
        ("more than 60 fatalities and over 100 injuries since the 2004 Beslan siege", [61, 101]),
        ("A 23-year-old man and a 45-year-old woman were shot", [1, 1]),
        ("2,000 people and 2000 people", [2000, 2000]),  # a count noun follows: not a year
        ("In Chicago, 5 people were shot", [5]),
        ("Two men, 25 and 30, were shot", [2]),  # the ages are not counts
        ("a man told police he heard shots", []),  # "a man" counts only as a casualty's subject
    ],
)
def test_find_figures_in_running_text(text, values):
    assert [f.value_low for f in find_figures(text)] == values


@pytest.mark.parametrize(
    "text,value",
    [("6,200", 6200), ("twenty-one", 21), ("half a dozen", 6), ("2 dozen", 24),
     ("one hundred and twenty five", 125), ("a thousand", 1000), ("1.5 million", 1_500_000)],
)
def test_number_value(text, value):
    assert number_value(text) == value


@pytest.mark.parametrize("text", ["", "2.5", "blue", "99999999999999999999"])
def test_number_value_rejects(text):
    with pytest.raises(FigureError):
        number_value(text)


def test_failure_policy_counts_instead_of_dropping_silently():
    failures: list[str] = []
    assert find_figures("99999999999999999999 people", failures=failures) == []
    assert len(failures) == 1
    with pytest.raises(FigureError):
        find_figures("99999999999999999999 people", on_error="raise")
    with pytest.raises(ValueError):
        find_figures("3 people", on_error="ignore")


def test_vague_table_is_documented():
    import transforms.figures as module

    for word, low in VAGUE_LOW.items():
        assert f'"{word.replace(" of", "")}' in module.__doc__ or word in module.__doc__
        assert low >= 2


# ---------------------------------------------------------------- properties

@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_on_arbitrary_text(text):
    for fig in find_figures(text):
        assert text[fig.start:fig.end] == fig.surface
    assert parse_figure(text, on_error="null") is None or True


_WORDS = st.sampled_from(
    ["at least", "more than", "nearly", "about", "up to", "fewer than", "between", "and", "to",
     "or", "-", "dozens", "a dozen", "half a dozen", "several", "three", "twenty-one", "62",
     "6,200", "2004", "a man", "was", "shot", "killed", "people", "injured", "23-year-old", ",",
     "of", "Dallas", "$", "%", "a.m.", "block", "9", "mm", "1.5", "million", "or more", "+"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_WORDS, max_size=12).map(" ".join))
def test_bounds_are_ordered_and_spans_slice_back(text):
    for fig in find_figures(text):
        assert text[fig.start:fig.end] == fig.surface
        assert fig.start <= fig.num_start < fig.num_end <= fig.end
        assert fig.qualifier in QUALIFIERS
        if fig.value_low is not None and fig.value_high is not None:
            assert fig.value_low <= fig.value_high
        if fig.qualifier in ("exact", "at_least", "more_than", "range", "vague"):
            assert fig.value_low is not None
