"""Issue 12, round 5: reports of one incident that the clustering kept apart. Two reports of the same day and
place giving the same toll of three or more people ("4 shot at a party", "overnight shooting left four
wounded") are one incident, though their titles share no word and their texts name no one in common.
Hand-made article rows; each case fails with its change reverted."""

from __future__ import annotations

import polars as pl
import pytest

from tests.test_events import frames, partition
from transforms import events as evt

CITY = ["city:Elmwood"]


def _claims(figures: dict[str, tuple[int | None, int | None]]) -> pl.DataFrame:
    rows = [{"article_id": a, "claim_type": t, "value_low": v, "is_article_figure": True}
            for a, (killed, injured) in figures.items() for t, v in (("killed", killed), ("injured", injured))
            if v is not None]
    return pl.DataFrame(rows, schema={"article_id": pl.String, "claim_type": pl.String, "value_low": pl.Int64,
                                      "is_article_figure": pl.Boolean})


def _cluster(rows, figures, keys=None):
    arts, mentions = frames(rows, {a: CITY for a, *_ in rows})
    keys = keys or {}
    arts = arts.with_columns(pl.Series("incident_keys", [keys.get(a, []) for a in arts["article_id"]],
                                       dtype=pl.List(pl.String)))
    assignments, _ = evt.cluster_events(arts, mentions, _claims(figures))
    return partition(assignments)


@pytest.mark.parametrize("rows, figures, keys, together", [
    pytest.param(  # a blast's toll in two reports of the day: one incident
        [("a1", "2016-03-05", "2016-03-05", "Gas explosion rips through Elmwood bakery"),
         ("a2", "2016-03-06", "2016-03-05", "Neighbors describe morning of terror")],
        {"a1": (None, 4), "a2": (None, 4)}, None, True, id="same-toll-same-day"),
    pytest.param(  # killed and injured: 1 dead, 4 hurt in a crash, a day apart
        [("a1", "2016-03-05", "2016-03-05", "Bus overturns on icy ramp"),
         ("a2", "2016-03-06", "2016-03-06", "Driver had warned of worn tires, union says")],
        {"a1": (1, 4), "a2": (1, 4)}, None, True, id="killed-and-injured"),
    # guards: each fails with MIN_CASUALTIES_SAME_DAY 2, without the figures, days or ages conditions
    pytest.param(  # two hurt: a toll many incidents of a city's day share
        [("a1", "2016-03-05", "2016-03-05", "Kitchen fire sends residents to hospital"),
         ("a2", "2016-03-05", "2016-03-05", "Pair wounded on porch")],
        {"a1": (None, 2), "a2": (None, 2)}, None, False, id="small-toll-apart"),
    pytest.param(  # other tolls: two incidents
        [("a1", "2016-03-05", "2016-03-05", "Gas explosion rips through Elmwood bakery"),
         ("a2", "2016-03-05", "2016-03-05", "Neighbors describe morning of terror")],
        {"a1": (None, 4), "a2": (None, 5)}, None, False, id="other-toll-apart"),
    pytest.param(  # the same toll a week later: another incident
        [("a1", "2016-03-05", "2016-03-05", "Gas explosion rips through Elmwood bakery"),
         ("a2", "2016-03-12", "2016-03-12", "Neighbors describe morning of terror")],
        {"a1": (None, 4), "a2": (None, 4)}, None, False, id="other-week-apart"),
    pytest.param(  # the texts give other people's ages: two incidents with the same toll
        [("a1", "2016-03-05", "2016-03-05", "Gas explosion rips through Elmwood bakery"),
         ("a2", "2016-03-05", "2016-03-05", "Neighbors describe morning of terror")],
        {"a1": (None, 4), "a2": (None, 4)}, {"a1": ["age:34", "age:61"], "a2": ["age:19", "age:22"]}, False,
        id="text-ages-apart"),
    pytest.param(  # the titles give other victims' ages
        [("a1", "2016-03-05", "2016-03-05", "Girl, 5, hurt in crash"),
         ("a2", "2016-03-05", "2016-03-05", "Boy, 9, injured on highway")],
        {"a1": (None, 4), "a2": (None, 4)}, None, False, id="title-ages-apart"),
])
def test_the_same_toll_the_same_day_in_one_place_is_one_incident(rows, figures, keys, together):
    groups = _cluster(rows, figures, keys)
    assert (groups == {frozenset({"a1", "a2"})}) is together


# ---------------------------------------------------------------- the same person and age, the town missed in one text

@pytest.mark.parametrize("keys_b, published_b, together", [
    (["name:ruth oakes", "age:34"], "2016-03-10", True),  # five days on, the same woman of 34: one incident
    (["name:ruth oakes", "age:61"], "2016-03-10", False),  # guard: another age, another Ruth Oakes
    (["name:ruth oakes", "age:34"], "2016-03-20", False),  # guard: two weeks on, no shared place: not enough
])
def test_a_victim_named_with_the_same_age_within_a_week_needs_no_shared_place(keys_b, published_b, together):
    """The flood report names Elmwood, the funeral report only the county: no place in common for the NER."""
    arts, mentions = frames([("a1", "2016-03-05", "2016-03-05", "Woman swept away as creek floods Elmwood road"),
                             ("a2", published_b, published_b, "Hundreds gather to remember flood victim")],
                            {"a1": ["city:Elmwood"], "a2": ["city:Birch County"]})
    arts = arts.with_columns(pl.Series("incident_keys", [["name:ruth oakes", "age:34"], keys_b],
                                       dtype=pl.List(pl.String)))
    assignments, _ = evt.cluster_events(arts, mentions)
    assert (partition(assignments) == {frozenset({"a1", "a2"})}) is together
