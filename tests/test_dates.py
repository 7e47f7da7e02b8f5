"""transforms/dates/: date mentions, the incident date, the event-context pass.

Expected values are read off the text by hand (calendar: 2024-03-23 is a
Saturday, 2024-03-25 a Monday, 2023-12-20 a Wednesday).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms import dates
from transforms.dates import (
    DATE_MENTION_SCHEMA,
    DateParseError,
    date_mentions,
    event_date,
    event_dates,
    find_date_mentions,
    resolve_date,
    resolve_with_event_context,
)
from transforms.text import stage_text

SAT = date(2024, 3, 23)  # a Saturday, the day after the Crocus City Hall attack
ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "dates"


def found(text: str, published: date | None) -> list[tuple]:
    """The calendar mentions (dateparser's and the calendar rules'; the other TIMEX kinds,
    resolution 'timex:<rule>', are tested in tests/test_timex.py)."""
    return [
        (m["surface"], m["resolved_date"], m["precision"], m["is_relative"])
        for m in find_date_mentions(text, published) if not m["resolution"].startswith("timex:")
    ]


# ---------------------------------------------------------------- mentions

ABSOLUTE = [
    ("It happened on March 22, 2024 in Moscow.", SAT, ("March 22, 2024", date(2024, 3, 22), "day", False)),
    ("It happened on 22 March 2024 in Moscow.", SAT, ("22 March 2024", date(2024, 3, 22), "day", False)),
    ("It happened on 3/22/2024 in Moscow.", SAT, ("3/22/2024", date(2024, 3, 22), "day", False)),
    ("It happened on 3/22/24 in Moscow.", SAT, ("3/22/24", date(2024, 3, 22), "day", False)),
    ("It happened on 2024-03-22 in Moscow.", SAT, ("2024-03-22", date(2024, 3, 22), "day", False)),
    ("Posted on Friday, March 22, 2024.", SAT, ("Friday, March 22, 2024", date(2024, 3, 22), "day", False)),
    ("It happened on the 22nd of March, 2024.", SAT, ("22nd of March, 2024", date(2024, 3, 22), "day", False)),
    ("The hall opened in March 2024.", SAT, ("March 2024", date(2024, 3, 1), "month", False)),
    ("He enlisted in May of 2014.", SAT, ("May of 2014", date(2014, 5, 1), "month", False)),
    ("the worst attack since the 2004 Beslan school siege", SAT, ("2004", date(2004, 1, 1), "year", False)),
    ("The club was founded in 2004.", SAT, ("2004", date(2004, 1, 1), "year", False)),
    ("Prices rose by mid-2015 again.", SAT, ("mid-2015", date(2015, 1, 1), "year", False)),  # the mod is in the span
    # a street suffix after a year, with no street name between, is no address
    ("In 2015 court fees doubled.", SAT, ("2015", date(2015, 1, 1), "year", False)),
]

YEARLESS = [
    # the year that puts the date closest to the published date; looking back is preferred
    ("The assault on March 22 at the venue.", SAT, ("March 22", date(2024, 3, 22), "day", False)),
    ("He was shot on Dec. 5 outside a bar.", SAT, ("Dec. 5", date(2023, 12, 5), "day", False)),
    ("He was shot on Sept. 12th outside a bar.", SAT, ("Sept. 12th", date(2023, 9, 12), "day", False)),
    ("The trial starts Jan. 5 in Dallas.", date(2023, 12, 20), ("Jan. 5", date(2024, 1, 5), "day", False)),
    ("He was shot in March, police said.", SAT, ("March", date(2024, 3, 1), "month", False)),
    ("He was shot in December, police said.", SAT, ("December", date(2023, 12, 1), "month", False)),
    ("He was shot last March, police said.", SAT, ("last March", date(2023, 3, 1), "month", True)),
    # June 2024 is 70 days ahead (counting 140) against 296 days back to June 2023
    ("In June 12-year-old Ann was shot.", SAT, ("June", date(2024, 6, 1), "month", False)),
    ("The 5-year-old was shot May 3 at 3:30 p.m.", date(2024, 5, 10), ("May 3", date(2024, 5, 3), "day", False)),
    ("Fireworks on the Fourth of July injured two.", date(2024, 7, 6),
     ("the Fourth of July", date(2024, 7, 4), "day", False)),
    # no published date: year-less dates stay unresolved, never guessed from the clock
    ("The assault on March 22 at the venue.", None, ("March 22", None, "day", False)),
    ("He was shot in December, police said.", None, ("December", None, "month", False)),
    # a full date needs no published date
    ("The assault on March 22, 2024 at the venue.", None, ("March 22, 2024", date(2024, 3, 22), "day", False)),
]

RELATIVE = [
    ("The attack unfolded late last night during a concert.", SAT,
     ("late last night", date(2024, 3, 22), "day", True)),
    ("Two people were shot last night.", SAT, ("last night", date(2024, 3, 22), "day", True)),
    ("Two people were shot yesterday.", SAT, ("yesterday", date(2024, 3, 22), "day", True)),
    ("Two people were shot two days ago.", SAT, ("two days ago", date(2024, 3, 21), "day", True)),
    ("Two people were shot 3 days ago.", SAT, ("3 days ago", date(2024, 3, 20), "day", True)),
    ("Two people were shot three weeks ago.", SAT, ("three weeks ago", date(2024, 3, 2), "day", True)),
    ("Police will patrol the area tonight.", SAT, ("tonight", date(2024, 3, 23), "day", True)),
    ("A man was shot this morning.", SAT, ("this morning", date(2024, 3, 23), "day", True)),
    ("A man was shot last month.", SAT, ("last month", date(2024, 2, 1), "month", True)),
    ("A man was shot last year.", SAT, ("last year", date(2023, 1, 1), "year", True)),
    # a week span names no one day: kept, unresolved
    ("A man was shot earlier this week.", SAT, ("earlier this week", None, None, True)),
    ("A man was shot last week.", SAT, ("last week", None, None, True)),
    # no published date: nothing to resolve against
    ("Two people were shot yesterday.", None, ("yesterday", None, "day", True)),
    ("The attack unfolded late last night.", None, ("late last night", None, "day", True)),
]

WEEKDAYS = [
    # past tense: the most recent such day on or before the published date
    ("Police said the shooting happened on Saturday.", SAT, ("Saturday", date(2024, 3, 23), "day", True)),
    ("Gunmen opened fire Saturday night.", SAT, ("Saturday night", date(2024, 3, 23), "day", True)),
    ("Gunmen opened fire Friday night.", SAT, ("Friday night", date(2024, 3, 22), "day", True)),
    ("A man was killed Tuesday.", SAT, ("Tuesday", date(2024, 3, 19), "day", True)),
    ("A man was killed early Sunday morning.", SAT, ("early Sunday morning", date(2024, 3, 17), "day", True)),
    ("Police said Sunday that nobody was hurt.", SAT, ("Sunday", date(2024, 3, 17), "day", True)),
    ("A man was killed last Saturday.", SAT, ("last Saturday", date(2024, 3, 16), "day", True)),
    # future: "next", or a future marker in the clause before the weekday
    ("The hearing is next Tuesday.", SAT, ("next Tuesday", date(2024, 3, 26), "day", True)),
    ("A vigil will be held Sunday.", SAT, ("Sunday", date(2024, 3, 24), "day", True)),
    ("He is scheduled to appear in court Monday.", SAT, ("Monday", date(2024, 3, 25), "day", True)),
    ("He is scheduled to appear in court Saturday.", SAT, ("Saturday", date(2024, 3, 23), "day", True)),
    ("A man was killed Tuesday.", None, ("Tuesday", None, "day", True)),
]


@pytest.mark.parametrize("text,published,expected", ABSOLUTE + YEARLESS + RELATIVE + WEEKDAYS)
def test_one_mention(text, published, expected):
    assert found(text, published) == [expected]


NOT_DATES = [
    "Police may release the video later.",
    "May God bless the families.",
    "Hundreds march through downtown every spring.",
    "March for Our Lives drew a large crowd.",
    "She taught Sunday School for years.",
    "He watched Saturday Night Live at home.",
    "June Smith and August Wilson spoke to reporters.",
    "The shooting happened at 3 a.m. near the park.",
    "The hotline is open 24/7 for families.",
    "A 15-year-old and a 17-year-old were hit.",
    "The fund raised $2,004 and spent $2015 on flowers.",
    "Officers responded to the 2000 block of Main Street.",
    "The car was parked at 2010 Oak Street.",
    "Neighbours met at 2012 Willow Heights.",  # a street suffix of places.yaml
    "A crowd of 2000 people gathered.",
    "Police fired 1999 rounds, the report says.",
    "He works Mondays and Fridays.",
    "Room 1/2 was empty; the score was 3/4 in the end.",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_a_date(text):
    assert found(text, SAT) == []


def test_several_mentions_in_order_with_exact_spans():
    text = (
        "Gunmen opened fire Friday night, killing 62. On March 22, 2024, the 6,200-seat hall burned; "
        "two days ago police may have known. A vigil will be held Sunday."
    )
    mentions = find_date_mentions(text, SAT)
    assert [(m["surface"], m["resolved_date"]) for m in mentions] == [
        ("Friday night", date(2024, 3, 22)),
        ("March 22, 2024", date(2024, 3, 22)),
        ("two days ago", date(2024, 3, 21)),
        ("Sunday", date(2024, 3, 24)),
    ]
    for m in mentions:
        assert text[m["char_start"]:m["char_end"]] == m["surface"]


def test_no_clock_anywhere():
    """Every relative form with no published date stays NULL: nothing reads today's date."""
    text = "Yesterday, last night, tonight, Tuesday, two days ago, last month, this year and March 22."
    assert [m["resolved_date"] for m in find_date_mentions(text, None)] == [None] * 8


# ---------------------------------------------------------------- parser

def test_resolve_date_on_error():
    with pytest.raises(DateParseError):
        resolve_date("a bowl of soup", SAT, on_error="raise")
    res = resolve_date("a bowl of soup", SAT, on_error="null")
    assert (res.resolved_date, res.resolution) == (None, "unparsed")
    with pytest.raises(ValueError):
        resolve_date("March 22", SAT, on_error="ignore")
    assert resolve_date("March 22", SAT).resolved_date == date(2024, 3, 22)


def test_impossible_calendar_date_is_kept_unparsed_not_raised():
    mentions = find_date_mentions("It happened on February 30, 2024.", SAT)
    assert [(m["surface"], m["resolved_date"], m["resolution"]) for m in mentions] == [
        ("February 30, 2024", None, "unparsed"),
    ]
    with pytest.raises(DateParseError):
        resolve_date("February 30, 2024", SAT, on_error="raise")


@pytest.mark.parametrize("text,published", [
    ("999 days ago", date(1, 1, 5)),
    ("yesterday", date.min),
    ("next Tuesday", date.max),
    ("last month and last year", date.min),
    ("last June", date(1, 3, 1)),
])
def test_dates_out_of_range_are_unparsed(text, published):
    mentions = find_date_mentions(text, published)
    assert mentions and all(m["resolution"] == "unparsed" for m in mentions)
    with pytest.raises(DateParseError):
        resolve_date(mentions[0]["surface"], published, on_error="raise")


# ---------------------------------------------------------------- frames

def articles_frame(rows: list[tuple[str, str, date | None]]) -> pl.DataFrame:
    return pl.DataFrame(
        [{"article_id": a, "body_clean": t, "published_date": p} for a, t, p in rows],
        schema={"article_id": pl.String, "body_clean": pl.String, "published_date": pl.Date},
    )


def test_date_mentions_frame_schema_and_stable_ids():
    arts = articles_frame([("a1", "A man was shot Friday night. A vigil will be held Sunday.", SAT),
                           ("a2", "No dates here.", SAT)])
    first, second = date_mentions(arts), date_mentions(arts)
    assert first.schema == pl.Schema(DATE_MENTION_SCHEMA)
    assert first.height == 2
    assert first["mention_id"].to_list() == second["mention_id"].to_list()
    assert first["mention_id"].n_unique() == 2
    assert all(len(i) == 16 for i in first["mention_id"])
    assert date_mentions(articles_frame([])).schema == pl.Schema(DATE_MENTION_SCHEMA)


def stage_seed(name: str):
    return stage_text((ROOT / "seeds" / name).read_bytes(), today=date(2100, 1, 1))


def test_seed_001_late_last_night_is_the_22nd():
    art = stage_seed("001_96ab3e3545c57bc3.txt")
    assert art.published_date == date(2024, 3, 23)
    mentions = find_date_mentions(art.body_clean, art.published_date)
    late = [m for m in mentions if m["surface"] == "late last night"]
    assert len(late) == 1 and late[0]["resolved_date"] == date(2024, 3, 22)
    assert event_date(art.body_clean, art.published_date, mentions) == (date(2024, 3, 22), "relative_phrase")


def test_seed_003_undated_march_22_stays_unresolved_in_the_first_pass():
    art = stage_seed("003_5324aab2ba0551e9.txt")
    assert art.published_date is None
    mentions = find_date_mentions(art.body_clean, None)
    assert [(m["surface"], m["resolved_date"], m["precision"]) for m in mentions] == [
        ("March 22", None, "day"),
        ("2004", date(2004, 1, 1), "year"),  # "the 2004 Beslan school siege"
    ]
    assert event_date(art.body_clean, None, mentions) == (None, "none")


# ---------------------------------------------------------------- incident date

EVENT_CASES = [
    # the incident sentence beats the reporting date
    ("A man was shot and killed Friday night in Springfield, police said Saturday.", SAT,
     date(2024, 3, 22), "relative_weekday"),
    ("Police said Monday that a teen was shot Saturday at a party.", date(2024, 3, 25),
     date(2024, 3, 23), "relative_weekday"),
    # a weak-cue sentence beats a reporting date ("said Monday")
    ("A man was shot at a party, state police said Monday. The bullet struck him in the face on Sunday.",
     date(2024, 3, 25), date(2024, 3, 24), "relative_weekday"),
    # the death follows the shooting
    ("A boy died Friday after being accidentally shot at his home Thursday.", SAT,
     date(2024, 3, 21), "relative_weekday"),
    # page metadata is not the incident
    ("Posted: Friday, March 22, 2024 10:21 AM EST\nThe shooting happened Wednesday night.",
     date(2024, 3, 22), date(2024, 3, 20), "relative_weekday"),
    # a recent mention beats an older, other incident of the same tier
    ("A man was shot Friday. In a similar case a woman was shot on Sept. 6, 2023.", SAT,
     date(2024, 3, 22), "relative_weekday"),
    ("Two people were wounded in a shooting yesterday, police said.", SAT,
     date(2024, 3, 22), "relative_phrase"),
    # a calendar date may be weeks older than the report (50 days here)
    ("The Aug. 12 shooting left three people wounded.", date(2024, 10, 1),
     date(2024, 8, 12), "absolute_in_text"),
    # a future date is never the incident; nothing else: the published date
    ("A vigil will be held Sunday for the boy who was shot.", SAT, SAT, "published_date_fallback"),
    ("The council met to discuss the budget.", SAT, SAT, "published_date_fallback"),
    # no published date: only what the text dates by itself
    ("On March 22, 2024, gunmen opened fire at the hall.", None, date(2024, 3, 22), "absolute_in_text"),
    ("Gunmen opened fire on March 22 at the hall.", None, None, "none"),
    ("Gunmen opened fire last night.", None, None, "none"),
]


@pytest.mark.parametrize("text,published,expected_date,expected_source", EVENT_CASES)
def test_event_date_rule(text, published, expected_date, expected_source):
    mentions = find_date_mentions(text, published)
    assert event_date(text, published, mentions) == (expected_date, expected_source)


def test_event_date_at_the_edges_of_the_calendar():
    # Jan. 3 of year 1 comes after date.min (Jan. 1): a future date is never the incident
    text = "He was shot on Jan. 3."
    assert event_date(text, date.min, find_date_mentions(text, date.min)) == (date.min, "published_date_fallback")
    # 0001-01-01 was a Monday, so 0001-01-05 is a Friday
    text = "He was shot Friday."
    assert event_date(text, date(1, 1, 5), find_date_mentions(text, date(1, 1, 5))) == (
        date(1, 1, 5), "relative_weekday",
    )


def test_event_dates_frame():
    arts = articles_frame([
        ("a1", "A man was shot Friday night.", SAT),
        ("a2", "Nothing dated here.", SAT),
        ("a3", "Nothing dated here.", None),
    ])
    out = event_dates(arts, date_mentions(arts)).sort("article_id")
    assert out.rows() == [
        ("a1", date(2024, 3, 22), "relative_weekday", "NI"),  # event_time: the text says "night"
        ("a2", SAT, "published_date_fallback", None),
        ("a3", None, "none", None),
    ]


# ---------------------------------------------------------------- event context

def test_resolve_with_event_context():
    arts = articles_frame([
        ("undated", "The assault on March 22 killed 62. Two were shot yesterday. In December, a vigil.", None),
        ("dated", "The assault on March 22 killed 62.", date(2024, 4, 2)),
        ("undated_new_year", "He was shot on Dec. 30 near the bridge.", None),
        ("no_event", "The assault on March 22 killed 62.", None),
    ])
    mentions = date_mentions(arts)
    context = arts.select("article_id", "published_date").with_columns(
        event_id=pl.lit("e1"),
        event_date_of_event=pl.Series([date(2024, 3, 22), date(2024, 3, 22), date(2024, 1, 3), None],
                                      dtype=pl.Date),
    )
    out = resolve_with_event_context(mentions, context)
    assert out.schema == mentions.schema and out.height == mentions.height
    got = {(r["article_id"], r["surface"]): (r["resolved_date"], r["resolution"]) for r in out.iter_rows(named=True)}
    assert got[("undated", "March 22")] == (date(2024, 3, 22), "year_from_event")
    assert got[("undated", "December")] == (date(2023, 12, 1), "year_from_event")
    assert got[("undated", "yesterday")] == (None, "unresolved_no_published")
    assert got[("dated", "March 22")] == (date(2024, 3, 22), "year_from_published")
    assert got[("undated_new_year", "Dec. 30")] == (date(2023, 12, 30), "year_from_event")
    assert got[("no_event", "March 22")] == (None, "unresolved_no_published")
    # the second pass feeds the incident date of the undated article
    redated = event_dates(context.join(arts.select("article_id", "body_clean"), on="article_id"), out)
    assert redated.filter(pl.col("article_id") == "undated").row(0)[1:3] == (date(2024, 3, 22), "event_context")
    assert got_values(out, "undated", "March 22") == "2024-03-22"  # the TimeML value follows


def got_values(frame: pl.DataFrame, article_id: str, surface: str) -> str | None:
    row = frame.filter((pl.col("article_id") == article_id) & (pl.col("surface") == surface))
    return row["timex_value"][0]


# ---------------------------------------------------------------- golden files

@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.json")), ids=lambda p: p.stem)
def test_golden(path):
    case = json.loads(path.read_text(encoding="utf-8"))
    published = date.fromisoformat(case["published"]) if case["published"] else None
    expected = [
        (s, date.fromisoformat(d) if d else None, p, r) for s, d, p, r in case["mentions"]
    ]
    assert found(case["text"], published) == expected
    got = event_date(case["text"], published, find_date_mentions(case["text"], published))
    want = date.fromisoformat(case["event_date"]) if case["event_date"] else None
    assert got == (want, case["event_date_source"])


# ---------------------------------------------------------------- properties

_DATEISH = st.sampled_from([
    "March 22", "22 March 2024", "3/22/2024", "2024-03-22", "Saturday night", "last night", "in 2004",
    "May", "may", "Dec.", "Sept. 31", "February 30, 2023", "Feb. 29", "24/7", "3 a.m.", "two days ago",
    "the 2000 block", "Sunday School", "next Tuesday", "will be held Monday", "in March", " ", "\n", ",",
])


@settings(max_examples=300, deadline=None)
@given(text=st.text(), published=st.one_of(st.none(), st.dates()))
def test_never_raises_and_spans_are_exact(text, published):
    for m in find_date_mentions(text, published):
        assert text[m["char_start"]:m["char_end"]] == m["surface"]
        assert m["precision"] in (*dates.PRECISIONS, None)


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.one_of(_DATEISH, st.text(max_size=8)), max_size=12),
       published=st.one_of(st.none(), st.dates()))
def test_dateish_text_never_raises_and_spans_are_exact(parts, published):
    text = " ".join(parts)
    mentions = find_date_mentions(text, published)
    for m in mentions:
        assert text[m["char_start"]:m["char_end"]] == m["surface"]
    event_date(text, published, mentions)
