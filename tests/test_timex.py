"""Time expressions of every TIMEX3 kind, end to end through find_date_mentions.

Sentences are our own; each expected value is read off the text and a calendar by hand
(2024-03-22 is a Friday, ISO week 12; 2024-03-25 a Monday; 2021-10-28 a Thursday).
Cases: (text, document date, surface, timex_type, timex_value, mod).
"""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from transforms.dates import event_time, find_date_mentions
from transforms.timex import duration_value, floating_day, shift, week_value

FRI = date(2024, 3, 22)
MON = date(2024, 3, 25)
OCT = date(2021, 10, 28)


def timexes(text: str, dct: date | None) -> list[tuple]:
    return [(m["surface"], m["timex_type"], m["timex_value"], m["mod"]) for m in find_date_mentions(text, dct)]


def check(text, dct, surface, ttype, value, mod):
    got = timexes(text, dct)
    assert (surface, ttype, value, mod) in got, got
    for m in find_date_mentions(text, dct):
        assert text[m["char_start"]:m["char_end"]] == m["surface"]


DURATIONS = [
    ("The ferry crossing takes four hours.", FRI, "four hours", "DURATION", "PT4H", None),
    ("She served nine years on the board.", FRI, "nine years", "DURATION", "P9Y", None),
    ("a 30-day notice period", FRI, "30-day", "DURATION", "P30D", None),
    ("Rents rose over the past six months.", FRI, "the past six months", "DURATION", "P6M", None),
    ("The repairs took 2 1/2 weeks.", FRI, "2 1/2 weeks", "DURATION", "P2W3DT12H", None),
    ("The talks went on for nearly two months.", FRI, "nearly two months", "DURATION", "P2M", "LESS_THAN"),
    ("The storm lasted more than six hours.", FRI, "more than six hours", "DURATION", "PT6H", "MORE_THAN"),
    ("Parts of the city were dark for several days.", FRI, "several days", "DURATION", "PXD", None),
    ("The feud has simmered for decades.", FRI, "decades", "DURATION", "PXE", None),
    ("The lease runs three decades.", FRI, "three decades", "DURATION", "P30Y", None),
]

SETS = [
    ("The pool is cleaned every week.", FRI, "every week", "SET", "P1W", None),
    ("Inspectors visit each quarter.", FRI, "each quarter", "SET", "P1Q", None),
    ("The clinic opens every Saturday.", FRI, "every Saturday", "SET", "XXXX-WXX-6", None),
    ("Volunteers patrol Friday nights.", FRI, "Friday nights", "SET", "XXXX-WXX-5TNI", None),  # a set keeps it
    ("The water is tested daily.", FRI, "daily", "SET", "P1D", None),
    ("Tickets cost $30 a month.", FRI, "a month", "SET", "P1M", None),
]

TIMES = [
    ("The alarm went off at 9:40 p.m. Friday.", MON, "9:40 p.m. Friday", "TIME", "2024-03-22T21:40", None),
    ("Doors will open at noon Saturday.", FRI, "noon Saturday", "TIME", "2024-03-23T12:00", None),
    ("Police arrived at about 2 a.m.", FRI, "about 2 a.m.", "TIME", "2024-03-22T02:00", "APPROX"),
    ("The fire started late last night.", FRI, "late last night", "TIME", "2024-03-21TNI", "END"),
    ("The vote was held this morning.", FRI, "this morning", "TIME", "2024-03-22TMO", None),
    ("Trains stopped overnight.", FRI, "overnight", "TIME", "2024-03-22TNI", None),
    ("The pier closed at 23:15 on the dot.", FRI, "23:15", "TIME", "2024-03-22T23:15", None),
]

REFS = [
    ("The museum is now closed.", FRI, "now", "DATE", "PRESENT_REF", None),
    ("The mayor is currently abroad.", FRI, "currently", "DATE", "PRESENT_REF", None),
    ("Floods are rarer than in the past.", FRI, "the past", "DATE", "PAST_REF", None),
    ("The town was recently rebuilt.", FRI, "recently", "DATE", "PAST_REF", None),
    ("Fares will rise in the near future.", FRI, "the near future", "DATE", "FUTURE_REF", None),
    ("This is a worry for farmers today.", FRI, "today", "DATE", "PRESENT_REF", None),
    # a plural with a determiner is specific: "today" is the day
    ("Reporters asked him about the leaks today.", FRI, "today", "DATE", "2024-03-22", None),
    ("He met their workers today.", FRI, "today", "DATE", "2024-03-22", None),
]

RELATIVE = [
    ("The bridge reopens next year.", FRI, "next year", "DATE", "2025", None),
    ("The bridge reopens early next year.", FRI, "early next year", "DATE", "2025", "START"),
    ("The audit starts next week.", FRI, "next week", "DATE", "2024-W13", None),
    ("The audit ended last week.", FRI, "last week", "DATE", "2024-W11", None),
    ("Crews worked this weekend.", FRI, "this weekend", "DATE", "2024-W12-WE", None),
    ("The verdict comes tomorrow.", FRI, "tomorrow", "DATE", "2024-03-23", None),
    ("The plant shut five years ago.", FRI, "five years ago", "DATE", "2019", None),
    ("The plant shut three weeks ago.", FRI, "three weeks ago", "DATE", "2024-W09", None),
    ("It reopened in late November.", FRI, "late November", "DATE", "2023-11", "END"),
    ("Prices peaked in mid-2019.", FRI, "mid-2019", "DATE", "2019", "MID"),
    ("The plant closed in June last year.", FRI, "June last year", "DATE", "2023-06", None),
]

ANCHORED = [
    ("The dam failed on June 3, 2019. Two days later the valley flooded.", FRI,
     "Two days later", "DATE", "2019-06-05", None),
    ("The dam failed on June 3, 2019. The following day the valley flooded.", FRI,
     "The following day", "DATE", "2019-06-04", None),
    ("The strike began on May 9, 2018, and a week earlier talks had failed.", FRI,
     "a week earlier", "DATE", "2018-W18", None),
    ("Profit in the second quarter of 2020 doubled from a year earlier.", FRI,
     "a year earlier", "DATE", "2019-Q2", None),
    ("Profit in the third quarter rose 4% from the year-ago quarter.", OCT,
     "the year-ago quarter", "DATE", "2020-Q3", None),
    ("Third-quarter sales fell, though revenue for the quarter beat estimates.", OCT,
     "the quarter", "DATE", "2021-Q3", None),
    # a part of the year under report ("the nine months") is compared with the year before
    ("Third-quarter profit rose 5%. For the nine months, net rose 8% from a year earlier.", OCT,
     "a year earlier", "DATE", "2020", None),
    ("Third-quarter profit rose 5%. In the first nine months, sales beat the 2020 period.", OCT,
     "the 2020 period", "DATE", "2020", None),
    ("Sales fell last year. For the first nine months, the year-earlier figure was higher.", OCT,
     "the year-earlier", "DATE", "2020", None),  # the year before the reporting year, not before 'last year'
    # a day mentioned after the period in the same sentence is the anchor, at its granularity
    ("For the six months ended June 30, 2021, the port handled 4% more cargo than a year earlier.", FRI,
     "a year earlier", "DATE", "2020-06-30", None),
    ("Results cover the quarter ended Sept. 30. A year earlier, the mill lost money.", OCT,
     "A year earlier", "DATE", "2020-Q3", None),  # the day is in another sentence: the quarter
    # "that year" is the anchor's year, whatever the anchor's granularity
    ("The mill opened in June 2019 and closed later that year.", FRI, "that year", "DATE", "2019", None),
]

PERIODS = [
    ("Costs fell in the fourth quarter of 2019.", FRI, "the fourth quarter of 2019", "DATE", "2019-Q4", None),
    ("Fourth-quarter results are due in March.", FRI, "Fourth-quarter", "DATE", "2023-Q4", None),
    ("Sales rose in the first half of 2022.", FRI, "the first half of 2022", "DATE", "2022-H1", None),
    ("Revenue in fiscal 2021 was flat.", FRI, "fiscal 2021", "DATE", "2021", None),
    ("The dam was built last summer.", FRI, "last summer", "DATE", "2023-SU", None),
    ("Rents soared in the 1970s.", FRI, "the 1970s", "DATE", "197", None),
    ("Rents soared in the early 1970s.", FRI, "the early 1970s", "DATE", "197", "START"),
    ("a church from the 12th century", FRI, "the 12th century", "DATE", "11", None),
    ("A 1998 treaty set the border.", FRI, "1998", "DATE", "1998", None),
    ("It fell in nineteen eighty-nine, he said.", FRI, "nineteen eighty-nine", "DATE", "1989", None),
    ("Sales should rise by year-end.", FRI, "year-end", "DATE", "2024", "END"),
    ("Stores open late on Thanksgiving.", FRI, "Thanksgiving", "DATE", "2023-11-23", None),
]

WEEKDAYS_TENSE = [
    # news convention: a weekday in past narration is the last such day; in a future clause the next
    ("The hearing was held Wednesday.", FRI, "Wednesday", "DATE", "2024-03-20", None),
    ("The talks are set to resume Monday.", FRI, "Monday", "DATE", "2024-03-25", None),
    ("The families would fly home Tuesday.", FRI, "Tuesday", "DATE", "2024-03-26", None),
    # "could" is the past of "can", no future marker
    ("The owner could not be reached Wednesday.", FRI, "Wednesday", "DATE", "2024-03-20", None),
    ("The museum will reopen in January.", FRI, "January", "DATE", "2025-01", None),  # not the last January
    ("The museum reopened in January.", FRI, "January", "DATE", "2024-01", None),
    ("The shelter will stay open until November.", FRI, "November", "DATE", "2024-11", None),
    # a relative clause has its own tense
    ("She would bring aid to the towns, where the Nov. 3 floods destroyed homes.", FRI,
     "Nov. 3", "DATE", "2023-11-03", None),
    ("He will visit Ohio, which will vote Tuesday.", FRI, "Tuesday", "DATE", "2024-03-26", None),
    # a past verb after the future marker: the date is of that past event
    ("The shelter will stay open for the families who were flooded out in November.", FRI,
     "November", "DATE", "2023-11", None),
    ("Rescuers searched through Saturday night.", MON, "Saturday night", "DATE", "2024-03-23", None),
]


@pytest.mark.parametrize("text,dct,surface,ttype,value,mod", DURATIONS)
def test_durations(text, dct, surface, ttype, value, mod):
    check(text, dct, surface, ttype, value, mod)


@pytest.mark.parametrize("text,dct,surface,ttype,value,mod", SETS)
def test_sets(text, dct, surface, ttype, value, mod):
    check(text, dct, surface, ttype, value, mod)


@pytest.mark.parametrize("text,dct,surface,ttype,value,mod", TIMES)
def test_times_of_day(text, dct, surface, ttype, value, mod):
    check(text, dct, surface, ttype, value, mod)


@pytest.mark.parametrize("text,dct,surface,ttype,value,mod", REFS)
def test_present_past_future_refs(text, dct, surface, ttype, value, mod):
    check(text, dct, surface, ttype, value, mod)


@pytest.mark.parametrize("text,dct,surface,ttype,value,mod", RELATIVE)
def test_relative_to_the_document_date(text, dct, surface, ttype, value, mod):
    check(text, dct, surface, ttype, value, mod)


@pytest.mark.parametrize("text,dct,surface,ttype,value,mod", ANCHORED)
def test_anchored_on_the_last_date_mentioned(text, dct, surface, ttype, value, mod):
    check(text, dct, surface, ttype, value, mod)


@pytest.mark.parametrize("text,dct,surface,ttype,value,mod", PERIODS)
def test_quarters_halves_seasons_decades_years(text, dct, surface, ttype, value, mod):
    check(text, dct, surface, ttype, value, mod)


@pytest.mark.parametrize("text,dct,surface,ttype,value,mod", WEEKDAYS_TENSE)
def test_weekdays_follow_the_tense(text, dct, surface, ttype, value, mod):
    check(text, dct, surface, ttype, value, mod)


NOT_TIMEXES = [
    "A 6-year-old boy and his 40-year-old father were hurt.",  # ages
    "The Daily Mirror ran the photo.",
    "The future of the club is unclear.",
    "Prices fall when supply rises.",
    "She is in her sixties.",
    "The French quarter was packed.",
    "The current account deficit widened.",
    "He sold 1990 shares for cash.",
]


@pytest.mark.parametrize("text", NOT_TIMEXES)
def test_not_time_expressions(text):
    assert timexes(text, FRI) == []


def test_without_a_document_date_relative_values_stay_open():
    # no dct: no calendar value for "next year"; a set or a duration needs none
    got = timexes("The line opens next year and runs every hour for three days.", None)
    assert ("every hour", "SET", "PT1H", None) in got
    assert ("three days", "DURATION", "P3D", None) in got
    assert all(s != "next year" for s, *_ in got)


@pytest.mark.parametrize("d,granularity,n,expected", [
    (date(2024, 3, 22), "day", 3, "2024-03-25"),
    (date(2024, 12, 30), "week", 0, "2025-W01"),  # ISO week years
    (date(2024, 11, 1), "month", 2, "2025-01"),
    (date(2024, 2, 1), "quarter", -4, "2023-Q1"),
    (date(2024, 8, 1), "half", 1, "2025-H1"),
    (date(2024, 3, 22), "decade", -1, "201"),
    (date(2024, 3, 22), "century", 0, "20"),
])
def test_shift(d, granularity, n, expected):
    assert shift(d, granularity, n) == expected


@pytest.mark.parametrize("n,unit,half,expected", [
    (3, "day", False, "P3D"), (5, "hour", True, "PT5H30M"), (2, "decade", False, "P20Y"),
    ("X", "year", False, "PXY"), (1, "minute", True, "PT1M30S"), (4, "quarter", False, "P4Q"),
])
def test_duration_value(n, unit, half, expected):
    assert duration_value(n, unit, half) == expected


def test_week_value_and_floating_holidays():
    assert week_value(date(2024, 3, 22)) == "2024-W12"
    assert floating_day("thanksgiving", 2024) == date(2024, 11, 28)
    assert floating_day("election day", 2024) == date(2024, 11, 5)
    assert floating_day("memorial day", 2024) == date(2024, 5, 27)


@pytest.mark.parametrize("text,published,day,expected", [
    ("A man was shot at 9:40 p.m. Friday near the pier.", MON, date(2024, 3, 22), "21:40"),
    ("Gunfire broke out late Saturday night at a bar.", MON, date(2024, 3, 23), "NI"),
    ("A man was shot Friday. Police gave no further details.", MON, date(2024, 3, 22), None),
    ("The man was shot Friday. He will be in court at 9 a.m. Tuesday.", MON, date(2024, 3, 22), None),
])
def test_event_time(text, published, day, expected):
    assert event_time(text, find_date_mentions(text, published), day) == expected


def test_the_date_mentions_frame_carries_the_timex_columns():
    from transforms.dates import DATE_MENTION_SCHEMA, date_mentions

    arts = pl.DataFrame({"article_id": ["a"], "body_clean": ["It lasted three days."],
                         "published_date": [FRI]}, schema={"article_id": pl.String, "body_clean": pl.String,
                                                            "published_date": pl.Date})
    out = date_mentions(arts)
    assert out.schema == pl.Schema(DATE_MENTION_SCHEMA)
    assert out.select("timex_type", "timex_value", "resolved_date").rows() == [("DURATION", "P3D", None)]
