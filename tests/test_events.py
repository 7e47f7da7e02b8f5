"""transforms.events: incidents from small hand-made article groups, and the seeds end to end.

Expected values come from reading the texts (seeds/: five reports of the
22 March 2024 attack on Crocus City Hall, Krasnogorsk; 002 and 003 have no date
header).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import polars as pl
import pytest

from flows.nlp import load_nlp
from flows.reader import list_inputs, read_files
from flows.settings import PROJECT_ROOT, get_settings
from transforms import entities as ent
from transforms import events as evt
from transforms.text import stage_articles

D = date.fromisoformat
KINDS = {"venue": "FAC", "city": "GPE", "person": "PERSON", "org": "ORG"}


def frames(articles: list[tuple], names: dict[str, list[str]]):
    """articles: (article_id, published, event_date or None, title); names: article_id -> ["kind:Name", ...]."""
    arts = pl.DataFrame(
        [{"article_id": a, "title": t, "published_date": D(p) if p else None, "event_date": D(e) if e else None,
          "event_date_source": ("absolute_in_text" if e else "published_date_fallback" if p else "none")}
         for a, p, e, t in articles],
        schema={"article_id": pl.String, "title": pl.String, "published_date": pl.Date, "event_date": pl.Date,
                "event_date_source": pl.String},
    ).with_columns(pl.coalesce("event_date", "published_date").alias("event_date"))
    rows = []
    for aid, ns in names.items():
        for i, n in enumerate(ns):
            kind, name = n.split(":", 1)
            rows.append({"mention_id": f"{aid}-{i}", "article_id": aid, "surface": name, "char_start": 10 * i,
                         "char_end": 10 * i + len(name), "label": KINDS[kind],
                         "entity_id": ent.entity_id(KINDS[kind], name)})
    return arts, pl.DataFrame(rows)


def partition(assignments: pl.DataFrame) -> set[frozenset]:
    return {frozenset(g["article_id"]) for _, g in assignments.group_by("event_id")}


CROCUS = ["venue:Crocus City Hall", "city:Moscow"]


@pytest.mark.parametrize(
    "articles, names, expected",
    [
        pytest.param(  # no dates at all: the shared venue and city decide
            [("a1", None, None, "Gunmen attack concert hall"), ("a2", None, None, "Terror at Crocus")],
            {"a1": CROCUS, "a2": CROCUS}, [{"a1", "a2"}], id="same-venue-dates-null-merge"),
        pytest.param(  # one dated, one undated report of the venue
            [("a1", "2024-03-22", None, "Attack in Moscow"), ("a2", None, None, "Attack at concert hall")],
            {"a1": CROCUS + ["org:Islamic State"], "a2": CROCUS}, [{"a1", "a2"}], id="undated-joins-dated"),
        pytest.param(  # one city, two dates six weeks apart: two incidents
            [("a1", "2016-05-01", "2016-05-01", "Man shot in Englewood"),
             ("a2", "2016-06-15", "2016-06-15", "Teen shot in Englewood")],
            {"a1": ["city:Chicago", "city:Englewood", "org:Chicago Police Department"],
             "a2": ["city:Chicago", "city:Englewood", "org:Chicago Police Department"]},
            [{"a1"}, {"a2"}], id="same-city-different-dates-apart"),
        pytest.param(  # one city, one day, nothing else in common: a city has many shootings a day
            [("a1", "2016-05-01", "2016-05-01", "Man wounded on porch"),
             ("a2", "2016-05-01", "2016-05-01", "Boy, 5, hurt by stray bullet")],
            {"a1": ["city:Chicago", "person:Jane Doe"], "a2": ["city:Chicago", "person:John Roe"]},
            [{"a1"}, {"a2"}], id="same-city-same-day-apart"),
        pytest.param(  # the victim named in both, a day apart
            [("a1", "2014-03-23", "2014-03-22", "Pittsburgh teen shot 'playing army'"),
             ("a2", "2014-03-25", "2014-03-23", "Pittsburgh teen shot 'playing army' dies")],
            {"a1": ["city:Pittsburgh", "person:Kenneth Lampkin"],
             "a2": ["city:Pittsburgh", "person:Kenneth Lampkin", "person:Joseph Robinson"]},
            [{"a1", "a2"}], id="same-victim-merge"),
        pytest.param(  # the same name, two months apart: another incident
            [("a1", "2014-03-23", "2014-03-22", "Teen shot"), ("a2", "2014-05-25", "2014-05-24", "Teen shot")],
            {"a1": ["city:Pittsburgh", "person:Kenneth Lampkin"], "a2": ["city:Pittsburgh", "person:Kenneth Lampkin"]},
            [{"a1"}, {"a2"}], id="same-name-months-apart"),
        pytest.param(  # a person in common but no place: no evidence of one incident
            [("a1", "2024-03-22", None, "Kremlin reacts"), ("a2", "2024-03-22", None, "Talks in Geneva")],
            {"a1": ["person:Vladimir Putin"], "a2": ["person:Vladimir Putin"]},
            [{"a1"}, {"a2"}], id="no-shared-place-apart"),
        pytest.param(  # a hospital serves many incidents: not evidence
            [("a1", "2015-09-24", "2015-09-24", "5 wounded in Back of the Yards"),
             ("a2", "2015-09-24", "2015-09-24", "Weekend shootings across the city")],
            {"a1": ["city:Chicago", "venue:Stroger Hospital"], "a2": ["city:Chicago", "venue:Stroger Hospital"]},
            [{"a1"}, {"a2"}], id="hospital-is-not-a-venue"),
        pytest.param(  # the same venue two months later: another incident
            [("a1", "2016-01-01", "2016-01-01", "Shooting at mall"), ("a2", "2016-01-02", "2016-01-02", "Mall shooting"),
             ("a3", "2016-03-01", "2016-03-01", "Another mall shooting")],
            {"a1": ["venue:Mall of Georgia", "city:Buford"], "a2": ["venue:Mall of Georgia", "city:Buford"],
             "a3": ["venue:Mall of Georgia", "city:Buford"]},
            [{"a1", "a2"}, {"a3"}], id="venue-months-later-apart"),
    ],
)
def test_cluster_events_groups(articles, names, expected):
    arts, mentions = frames(articles, names)
    assignments, events = evt.cluster_events(arts, mentions)
    assert partition(assignments) == {frozenset(g) for g in expected}
    assert assignments.height == arts.height and events.height == len(expected)
    assert events["article_count"].sum() == arts.height


def test_event_rows_ids_dates_labels_and_location():
    arts, mentions = frames(
        [("s0", "2024-03-22", None, "Crocus"), ("s1", "2024-03-23", "2024-03-22", "Crocus"),
         ("s2", None, None, "Crocus"), ("s4", "2024-03-23", None, "Crocus")],
        {"s0": CROCUS + ["city:Russia"], "s1": CROCUS + ["city:Russia"], "s2": CROCUS, "s4": CROCUS + ["city:Ukraine"]},
    )
    assignments, events = evt.cluster_events(arts, mentions)
    assert events.height == 1
    e = events.row(0, named=True)
    assert e["event_id"] == evt.event_id(["s0"]) == assignments["event_id"].unique().item()
    assert e["event_date"] == D("2024-03-22")  # the one date the text gave
    assert e["location_entity_id"] == ent.entity_id("FAC", "Crocus City Hall")
    assert e["label"] == "Crocus City Hall, Moscow, 2024-03-22"
    assert (e["first_published"], e["last_published"], e["article_count"]) == (D("2024-03-22"), D("2024-03-23"), 4)
    # the same articles in another order: the same events
    again_a, again_e = evt.cluster_events(arts.reverse(), mentions.reverse())
    assert again_e.equals(events) and partition(again_a) == partition(assignments)


@pytest.mark.parametrize(
    "dates, expected",
    [
        ([("2024-03-23", "2024-03-22"), ("2024-03-23", "2024-03-22"), ("2024-03-24", "2024-03-23")], "2024-03-22"),
        ([("2024-03-23", "2024-03-23"), ("2024-03-24", "2024-03-22")], "2024-03-22"),  # a tie: the earliest
        ([("2024-03-23", None), ("2024-03-22", None)], "2024-03-22"),  # only published dates: the earliest
        ([(None, None), (None, None)], None),
    ],
)
def test_event_date_rule(dates, expected):
    arts, mentions = frames([(f"a{i}", p, e, "t") for i, (p, e) in enumerate(dates)],
                            {f"a{i}": CROCUS + ["person:Ann Lee"] for i in range(len(dates))})
    _, events = evt.cluster_events(arts, mentions)
    assert events.height == 1
    assert events["event_date"].item() == (D(expected) if expected else None)


@pytest.mark.parametrize(
    "rows, expected",
    [
        # (published, event_date given by the text, event_time)
        pytest.param([("2024-03-23", "2024-03-22", "21:40"), ("2024-03-23", "2024-03-22", "21:40"),
                      ("2024-03-23", "2024-03-22", "EV")], "21:40", id="most-common"),
        pytest.param([("2024-03-23", "2024-03-22", "EV"), ("2024-03-23", "2024-03-22", "21:40")], "21:40",
                     id="tie-smallest"),
        pytest.param([("2024-03-23", "2024-03-22", None), ("2024-03-23", "2024-03-22", "NI")], "NI",
                     id="one-time-given"),
        # the event is dated 03-22 (two articles); the time given only by the 03-23 article is not its time
        pytest.param([("2024-03-23", "2024-03-22", None), ("2024-03-23", "2024-03-22", None),
                      ("2024-03-24", "2024-03-23", "02:10")], None, id="time-of-another-day"),
        pytest.param([("2024-03-23", "2024-03-22", "MO"), ("2024-03-23", "2024-03-22", None),
                      ("2024-03-24", "2024-03-23", "02:10"), ("2024-03-24", "2024-03-23", "02:10")], "MO",
                     id="only-the-event-day-counts"),
        pytest.param([("2024-03-23", "2024-03-22", None), ("2024-03-23", None, None)], None, id="no-time"),
        pytest.param([(None, None, "EV"), (None, None, "EV")], None, id="undated-event"),
    ],
)
def test_event_time_rule(rows, expected):
    arts, mentions = frames([(f"a{i}", p, e, "t") for i, (p, e, _) in enumerate(rows)],
                            {f"a{i}": CROCUS + ["person:Ann Lee"] for i in range(len(rows))})
    arts = arts.with_columns(pl.Series("event_time", [t for _, _, t in rows], dtype=pl.String))
    _, events = evt.cluster_events(arts, mentions)
    assert events.height == 1
    assert events["event_time"].item() == expected


def test_event_time_without_the_column():
    arts, mentions = frames([("a1", "2024-03-23", "2024-03-22", "t")], {"a1": CROCUS})
    _, events = evt.cluster_events(arts, mentions)
    assert events["event_time"].item() is None and events.schema["event_time"] == pl.String


def test_singletons_and_empty_input():
    arts, mentions = frames([("a1", "2015-03-06", None, "Man shot in Nashville")], {"a1": ["city:Nashville"]})
    assignments, events = evt.cluster_events(arts, mentions)
    assert events.select("label", "location_entity_id", "article_count").row(0) == (
        "Nashville, 2015-03-06", ent.entity_id("GPE", "Nashville"), 1)
    a0, e0 = evt.cluster_events(arts.clear(), mentions.clear())
    assert a0.height == 0 and e0.height == 0 and list(e0.schema) == list(evt.EVENT_SCHEMA)


# ---------------------------------------------------------------- the seeds, end to end


@pytest.fixture(scope="module")
def seeds():
    settings = get_settings()
    listing = list_inputs([PROJECT_ROOT / "seeds"], (".txt",))
    files = read_files(listing.files["source_path"].to_list(), max_bytes=settings.max_file_bytes)
    articles, rejected = stage_articles(files, today=date(2100, 1, 1))
    assert rejected.height == 0 and articles.height == 5
    try:
        from transforms import dates
        articles = articles.join(dates.event_dates(articles, dates.date_mentions(articles)), on="article_id")
    except (ImportError, AttributeError):  # before transforms.dates: published_date stands in
        articles = articles.with_columns(pl.col("published_date").alias("event_date"),
                                         pl.lit("published_date_fallback").alias("event_date_source"))
    nlp = load_nlp(settings.spacy_model)
    docs = list(nlp.ner.pipe(articles["body_clean"].to_list()))
    aliases = pl.read_csv(settings.aliases_file, schema=ent.ALIAS_SCHEMA)
    mentions = ent.entity_mentions(articles, docs)
    entities, mentions = ent.resolve_entities(mentions, aliases)
    assignments, events = evt.cluster_events(articles, mentions, None, entities)
    entities, mentions = ent.resolve_entities(mentions, aliases, assignments)
    assignments, events = evt.cluster_events(articles, mentions, None, entities)
    files = dict(zip(articles["article_id"], articles["source_path"].map_elements(lambda p: Path(p).name[:3],
                                                                                  return_dtype=pl.String)))
    return {"articles": articles, "mentions": mentions.with_columns(
        pl.col("article_id").replace_strict(files).alias("seed")), "entities": entities,
        "assignments": assignments, "events": events}


def entity(seeds, name: str) -> dict:
    rows = seeds["entities"].filter(pl.col("canonical_name") == name)
    assert rows.height == 1, f"{name}: {rows}"
    return rows.row(0, named=True)


def test_seeds_form_one_event_on_22_march_2024(seeds):
    assert seeds["assignments"]["event_id"].n_unique() == 1
    e = seeds["events"].row(0, named=True)
    assert e["article_count"] == 5
    assert e["event_date"] == date(2024, 3, 22)
    assert e["location_entity_id"] == entity(seeds, "Crocus City Hall")["entity_id"]
    assert e["label"].startswith("Crocus City Hall, ") and e["label"].endswith(", 2024-03-22")
    assert (e["first_published"], e["last_published"]) == (date(2024, 3, 22), date(2024, 3, 23))


@pytest.mark.parametrize(
    "name, entity_type, surfaces, seeds_naming",
    [
        ("Islamic State", "ORG", {"ISIS", "IS", "Islamic State"}, {"000", "001", "003", "004"}),
        ("Crocus City Hall", "FAC", {"Crocus City Hall", "Crocus Concert Hall"}, {"000", "001", "002", "003", "004"}),
        ("Vladimir Putin", "PERSON", {"Vladimir Putin"}, {"003", "004"}),
        ("Dmitry Medvedev", "PERSON", {"Dmitry Medvedev"}, {"001"}),
        ("Interpol", "ORG", {"Interpol"}, {"001"}),
        ("Moscow", "GPE", {"Moscow"}, {"000", "001", "002", "003", "004"}),
        ("Krasnogorsk", "GPE", {"Krasnogorsk"}, {"003"}),
        ("Ukraine", "GPE", {"Ukraine"}, {"001", "004"}),
    ],
)
def test_seed_entities(seeds, name, entity_type, surfaces, seeds_naming):
    e = entity(seeds, name)
    assert e["entity_type"] == entity_type
    m = seeds["mentions"].filter(pl.col("entity_id") == e["entity_id"])
    assert surfaces <= set(m["surface"])
    assert set(m["seed"]) == seeds_naming


def test_seed_mentions_point_into_body_clean_and_IS_is_only_the_group(seeds):
    bodies = dict(seeds["articles"].select("article_id", "body_clean").iter_rows())
    for r in seeds["mentions"].iter_rows(named=True):
        assert bodies[r["article_id"]][r["char_start"]:r["char_end"]] == r["surface"]
    group = entity(seeds, "Islamic State")["entity_id"]
    assert set(seeds["mentions"].filter(pl.col("surface") == "IS")["entity_id"]) == {group}
    # no title or rank inside a person's name
    people = seeds["entities"].filter(pl.col("entity_type") == "PERSON")["canonical_name"].to_list()
    assert not [p for p in people if p.split()[0] in ("President", "former", "Mayor")]


# ---------------------------------------------------------------- stable ids (docs/EVENTS.md)

OLD_A, OLD_B = "old-event-a", "old-event-b"


@pytest.mark.parametrize(
    "groups, previous, first, expected",
    [
        pytest.param([["a1", "a2", "a3"]], {"a1": OLD_A}, {}, [OLD_A], id="articles-join-keep-the-id"),
        pytest.param([["a1"], ["a2"]], {}, {}, [evt.event_id(["a1"]), evt.event_id(["a2"])], id="all-new"),
        # two events merge: the one with more articles in the group keeps its id
        pytest.param([["a1", "a2", "a3"]], {"a1": OLD_A, "a2": OLD_B, "a3": OLD_B}, {}, [OLD_B], id="merge-larger"),
        # a tie: the older event (first published earlier) keeps its id
        pytest.param([["a1", "a2"]], {"a1": OLD_A, "a2": OLD_B},
                     {OLD_A: D("2024-03-23"), OLD_B: D("2024-03-22")}, [OLD_B], id="merge-tie-older"),
        # a split: the part with most of the old articles keeps the id; the other part gets a new one,
        # never the old id again, even when its smallest article made the old id
        pytest.param([["a1"], ["a2", "a3"]], {"a1": OLD_A, "a2": OLD_A, "a3": OLD_A}, {},
                     [evt.event_id(["a1"]), OLD_A], id="split"),
        pytest.param([["a1"], ["a2", "a3"]], {a: evt.event_id(["a1"]) for a in ("a1", "a2", "a3")}, {},
                     [evt.event_id(["a1"], 1), evt.event_id(["a1"])], id="split-salted"),
    ],
)
def test_carry_ids(groups, previous, first, expected):
    assert evt.carry_ids(groups, previous, first) == expected


def test_carry_ids_never_reuses_a_retired_id():
    retired = evt.event_id(["a1"])
    assert evt.carry_ids([["a1"]], {}, {}, {retired}) == [evt.event_id(["a1"], 1)]


@pytest.mark.parametrize(
    "previous, now, expected",
    [
        # a3 joins: no change
        ({"a1": OLD_A, "a2": OLD_A}, {"a1": OLD_A, "a2": OLD_A, "a3": OLD_A}, []),
        # B merged into A
        ({"a1": OLD_A, "a2": OLD_B}, {"a1": OLD_A, "a2": OLD_A}, [(OLD_B, OLD_A, "merged", 1)]),
        # a2 and a3 leave A for a new event C
        ({"a1": OLD_A, "a2": OLD_A, "a3": OLD_A}, {"a1": OLD_A, "a2": "C", "a3": "C"}, [(OLD_A, "C", "split", 2)]),
        # B's only article is gone (its file changed): removed
        ({"a1": OLD_A, "a2": OLD_B}, {"a1": OLD_A}, [(OLD_B, None, "removed", 1)]),
    ],
)
def test_id_history(previous, now, expected):
    assignments = pl.DataFrame({"article_id": list(now), "event_id": list(now.values())})
    got = evt.id_history(previous, assignments, run_id="r2")
    assert [tuple(r) for r in got.select("event_id", "new_event_id", "change", "n_articles").iter_rows()] == expected
    assert got["history_id"].n_unique() == got.height


def test_cluster_events_keeps_the_ids_of_previous_events():
    arts, mentions = frames(
        [("s0", "2024-03-22", None, "Crocus"), ("s1", "2024-03-23", "2024-03-22", "Crocus"),
         ("z9", "2016-05-01", "2016-05-01", "Man shot in Englewood")],
        {"s0": CROCUS, "s1": CROCUS, "z9": ["city:Chicago", "person:Jane Doe"]})
    # before: s1 alone was event "crocus-1"; s0 is new
    previous = pl.DataFrame({"article_id": ["s1", "z9"], "event_id": ["crocus-1", "chicago-1"]})
    assignments, events = evt.cluster_events(arts, mentions, previous=previous)
    assert dict(assignments.iter_rows()) == {"s0": "crocus-1", "s1": "crocus-1", "z9": "chicago-1"}
    assert sorted(events["event_id"]) == ["chicago-1", "crocus-1"]


@pytest.mark.slow
def test_the_event_id_survives_adding_articles_in_a_later_run(tmp_path):
    """Two real runs on one database: seeds 000 and 001 first, then all five. The first run's event
    keeps its id although 004 (the smallest article id, which would name a fresh event) joins it."""
    import shutil

    from tests.conftest import SEEDS, query, run_pipeline

    db, folder = tmp_path / "w.duckdb", tmp_path / "in"
    folder.mkdir()
    for f in sorted(SEEDS.glob("00[01]_*.txt")):
        shutil.copy(f, folder / f.name)
    first = run_pipeline([folder], db)
    assert first.status == "success"
    ((before,),) = query(db, "select event_id from events")
    ids_first = [r[0] for r in query(db, "select article_id from articles order by 1")]
    assert before == evt.event_id(ids_first)

    for f in sorted(SEEDS.glob("*.txt")):
        shutil.copy(f, folder / f.name)
    second = run_pipeline([folder], db)
    assert second.status == "success" and second.files_new == 3
    assert query(db, "select event_id, article_count from events") == [(before, 5)]
    assert query(db, "select count(distinct event_id), min(event_id) from articles") == [(1, before)]
    all_ids = [r[0] for r in query(db, "select article_id from articles order by 1")]
    assert min(all_ids) < min(ids_first)  # a fresh clustering would have named the event after 004
    assert query(db, "select count(*) from claims where event_id is distinct from ?", [before]) == [(0,)]
    # joining is no merge or split
    assert query(db, "select count(*) from event_id_history") == [(0,)]
    # the events table changed one row (the event's counts), not "the whole table"
    assert second.row_counts["events"] == 1
    total_entities = query(db, "select count(*) from entities")[0][0]
    assert 0 < second.row_counts["entities"] < total_entities  # entities only 000 or 001 name are unchanged

    third = run_pipeline([folder], db)  # nothing new: nothing written
    assert third.row_counts.get("events", 0) == 0 and query(db, "select event_id from events") == [(before,)]


# ---------------------------------------------------------------- follow-ups and round-ups

def _dates(rows: list[tuple[str, str]]) -> pl.DataFrame:
    return pl.DataFrame({"article_id": [a for a, _ in rows], "resolved_date": [D(d) for _, d in rows],
                         "precision": ["day"] * len(rows)})


def test_a_follow_up_naming_the_victim_and_the_suspects_joins_months_later():
    names = ["city:Wilkinsburg", "person:Cheron Shelton", "person:Robert Thomas", "person:Jerry Shelton"]
    arts, mentions = frames([("a1", "2016-03-10", "2016-03-09", "Six killed at Wilkinsburg cookout"),
                             ("a2", "2016-06-25", "2016-06-24", "Survivor reflects on the night")],
                            {"a1": names, "a2": names})
    assignments, _ = evt.cluster_events(arts, mentions)
    assert partition(assignments) == {frozenset({"a1", "a2"})}


@pytest.mark.parametrize("named_days, expected", [
    ([("a2", "2016-03-09")], [{"a1", "a2"}]),  # "... in the March 9 shooting": refers back
    ([("a2", "2016-04-01")], [{"a1"}, {"a2"}]),  # names another day: one shared name is not enough
    ([], [{"a1"}, {"a2"}]),
])
def test_a_follow_up_that_names_the_incidents_date_joins_it(named_days, expected):
    arts, mentions = frames([("a1", "2016-03-10", "2016-03-09", "Man shot in Homewood"),
                             ("a2", "2016-04-20", "2016-04-19", "Arrest in Homewood shooting")],
                            {"a1": ["city:Pittsburgh", "person:Lamont Powell"],
                             "a2": ["city:Pittsburgh", "person:Lamont Powell"]})
    assignments, _ = evt.cluster_events(arts, mentions, date_mentions=_dates(named_days))
    assert partition(assignments) == {frozenset(g) for g in expected}


def test_a_round_up_naming_two_incidents_does_not_merge_them():
    """Two incidents in one city a day apart, three reports each (victim, place, suspect), and a round-up
    naming both victims and both places: it links to every report, but the two incidents' reports share
    only the city."""
    one = ["city:Detroit", "person:Mariah Davis", "venue:Southfield Freeway"]
    two = ["city:Detroit", "person:Kamiyah Mobley", "venue:Reginald Street"]
    arts, mentions = frames(
        [("a1", "2016-05-10", "2016-05-10", "Girl dies"), ("a2", "2016-05-11", "2016-05-10", "Girl, 5, dies"),
         ("a3", "2016-05-11", "2016-05-10", "Grandmother held"),
         ("b1", "2016-05-11", "2016-05-11", "Girl, 2, shot"), ("b2", "2016-05-12", "2016-05-11", "Girl, 2, critical"),
         ("b3", "2016-05-12", "2016-05-11", "Suspect in custody"),
         ("r", "2016-05-12", "2016-05-11", "Spate of child shootings")],
        {**{a: one + ["person:Tyrone Price"] for a in ("a1", "a2", "a3")},
         **{b: two + ["person:Jonathan Burks"] for b in ("b1", "b2", "b3")}, "r": one + two})
    links = evt.pair_evidence(arts, mentions).filter(pl.col("linked"))
    assert {tuple(sorted(p)) for p in links.select("article_id", "article_id_b").rows() if "r" in p} == {
        tuple(sorted((x, "r"))) for x in ("a1", "a2", "a3", "b1", "b2", "b3")}  # the bridge is there
    assignments, _ = evt.cluster_events(arts, mentions)
    groups = partition(assignments)
    first = next(g for g in groups if "a1" in g)
    assert {"a1", "a2", "a3"} <= first and not first & {"b1", "b2", "b3"}
    assert {"b1", "b2", "b3"} <= next(g for g in groups if "b1" in g)


@pytest.mark.parametrize("title_a, title_b, together", [
    ("Girl, 5, shot in Homewood", "5-year-old wounded on porch", True),  # the same age, the same day and city
    ("Girl, 5, shot in Homewood", "Boy, 2, wounded on porch", False),  # different victims
    ("Man wounded on porch", "Teen hurt by stray bullet", False),  # nothing but the city
    ("Boy, 6, accidentally shot sister, 3, in car", "3-year-old shot by sibling", True),  # the sister's age
    ("Man, 40, and nephew, 9, hurt in crash", "9-year-old hurt in crash on Route 8", True),
    ("Man, 40, and nephew, 9, hurt in crash", "Boy, 2, hurt in crash on Route 8", False),
    ("13-month-old hurt in gas explosion", "1-year-old hurt in blast", True),
])
def test_same_day_same_city_reports_are_told_apart_by_the_victims_age(title_a, title_b, together):
    arts, mentions = frames([("a1", "2016-05-01", "2016-05-01", title_a), ("a2", "2016-05-01", "2016-05-01", title_b)],
                            {"a1": ["city:Pittsburgh", "org:Allegheny County Police"],
                             "a2": ["city:Pittsburgh", "org:Allegheny County Police"]})
    assignments, _ = evt.cluster_events(arts, mentions)
    assert (assignments["event_id"].n_unique() == 1) is together


@pytest.mark.parametrize("title, ages", [
    ("Girl, 5, shot in Homewood", {"5"}),
    ("3-year-old boy and man, 24, wounded", {"3", "24"}),
    ("16 year old shot", {"16"}),
    ("Five shot at party", set()),
    ("6-month-old dies in house fire", {"6 month"}),  # a baby's age in months is no age in years
    ("Crash kills 3-week-old and woman, 24", {"3 week", "24"}),
    ("2 day old among flood victims", {"2 day"}),
    ("Six months after the quake, a 6-month inquiry", set()),  # a period, not an age
    ("Boy, 6, accidentally shot sister, 3, in car", {"6", "3"}),  # a relative's age between commas
    ("Man, 40, and nephew, 9, hurt in crash", {"40", "9"}),
    ("Fire kills grandson, 4", {"4"}),  # at the title's end
    ("Colorado mother, 2 sons found dead", set()),  # a count of people, not an age
    ("Brother, 12 others hurt in mine blast", set()),
    ("13-month-old hurt in explosion", {"1"}),  # a year old
    ("A 13-month old child injured in shooting", {"1"}),
    ("18-month-old rescued from flood", {"1"}),
])
def test_title_ages(title, ages):
    assert evt._title_ages(title) == ages


@pytest.mark.parametrize("title, round_up", [
    ("2 dead, 8 wounded in separate shootings", True),
    ("Police perplexed by a spate of robberies", True),
    ("Citywide homicides up 20 percent", True),
    ("Man shot outside corner store", False),
    ("Shooting at a wedding leaves two dead", False),  # one incident: 'shooting', not 'shootings'
])
def test_round_ups_are_told_by_their_title(title, round_up):
    arts, _ = frames([("a1", "2016-05-01", None, title)], {})
    assert (evt.round_ups(arts) == {"a1"}) is round_up


def test_a_round_up_joins_one_event_and_never_bridges_two_single_reports():
    """Two single reports of two incidents of one city and day, and a weekend round-up naming both victims:
    the round-up joins the report it shares most with; the other report stays on its own."""
    arts, mentions = frames(
        [("a", "2016-12-17", "2016-12-17", "Teen shot dead on porch"),
         ("b", "2016-12-17", "2016-12-17", "Woman wounded at bus stop"),
         ("r", "2016-12-18", "2016-12-17", "8 dead, 27 wounded in weekend shootings")],
        {"a": ["city:Gary", "person:Dante Rollins", "venue:Ridge Road Market"],
         "b": ["city:Gary", "person:Mona Keel"],
         "r": ["city:Gary", "person:Dante Rollins", "venue:Ridge Road Market", "person:Mona Keel"]})
    linked = {tuple(sorted(p)) for p in evt.pair_evidence(arts, mentions).filter(pl.col("linked"))
              .select("article_id", "article_id_b").rows()}
    assert {("a", "r"), ("b", "r")} <= linked and ("a", "b") not in linked  # the bridge is there
    assignments, _ = evt.cluster_events(arts, mentions)
    assert partition(assignments) == {frozenset({"a", "r"}), frozenset({"b"})}


@pytest.mark.parametrize("names_b, days, together", [
    (["city:Fronton", "city:Starr County", "city:Rio Grande City", "org:Starr County Sheriff", "org:Border Patrol"],
     5, True),  # five rare places and agencies in common within a week, no victim named in both
    (["city:Fronton", "city:Starr County", "org:Starr County Sheriff"], 5, False),  # less in common
    (["city:Fronton", "city:Starr County", "city:Rio Grande City", "org:Starr County Sheriff", "org:Border Patrol"],
     12, False),  # as much in common, but more than a week apart
])
def test_much_in_common_within_a_week_links_without_an_anchor(names_b, days, together):
    shared = ["city:Fronton", "city:Starr County", "city:Rio Grande City", "org:Starr County Sheriff",
              "org:Border Patrol"]
    later = (D("2017-03-15") + timedelta(days=days)).isoformat()
    arts, mentions = frames([("a1", "2017-03-15", "2017-03-15", "One dead near the river"),
                             ("a2", later, later, "Victims identified")], {"a1": shared, "a2": names_b})
    assignments, _ = evt.cluster_events(arts, mentions)
    assert (assignments["event_id"].n_unique() == 1) is together


@pytest.mark.parametrize("city_b, keys_b, together", [
    ("Denmark", ["street:mill", "age:2", "age:44"], True),  # the same street and a shared age, 4 days later
    ("Denmark", ["street:mill", "age:7"], False),  # the same street, other ages: another child
    ("Bamberg", ["street:mill", "age:2"], False),  # a Mill Street in another town
    ("Denmark", ["street:hampton", "age:2"], False),  # another street
])
def test_the_same_street_and_age_within_a_week_link(city_b, keys_b, together):
    arts, mentions = frames([("a1", "2014-09-14", "2014-09-13", "Boy killed at home"),
                             ("a2", "2014-09-18", "2014-09-17", "Neighbor appears in court")],
                            {"a1": ["city:Denmark"], "a2": [f"city:{city_b}"]})
    arts = arts.with_columns(pl.Series("incident_keys", [["street:mill", "age:2"], keys_b], dtype=pl.List(pl.String)))
    assignments, _ = evt.cluster_events(arts, mentions)
    assert (assignments["event_id"].n_unique() == 1) is together


@pytest.mark.parametrize("title_b, people, together", [
    ("Two held in home killing of girl, 5", ["person:Kym Worthy"], True),  # the same age, names the day
    ("Two held in home killing of 3-year-old", ["person:Kym Worthy"], False),  # another child, weeks later
    ("Two held in home killing of 6-month-old", ["person:Kym Worthy"], False),  # a baby: not the girl, 5
    ("Arrests made in home killing", ["person:Kym Worthy"], True),  # no age in the title: nothing against it
    ("Two held in home killing of 3-year-old", ["person:Kym Worthy", "person:Lena Pruitt", "person:Omar Vance"],
     True),  # three names in common outweigh the titles' ages
])
def test_a_follow_up_whose_title_gives_other_ages_is_not_a_long_link(title_b, people, together):
    arts, mentions = frames([("a1", "2016-05-11", "2016-05-10", "Girl, 5, shot dead at home"),
                             ("a2", "2016-06-21", "2016-06-20", title_b)],
                            {"a1": ["city:Detroit", *people], "a2": ["city:Detroit", *people]})
    assignments, _ = evt.cluster_events(arts, mentions, date_mentions=_dates([("a2", "2016-05-10")]))
    assert (assignments["event_id"].n_unique() == 1) is together


# ---------------------------------------------------------------- support: a report backed by several members

_VICTIM_EVENT = ["city:Lorain", "org:Lorain Police Department", "person:Dana Whitfield"]
_POLICE = ["city:Lorain", "org:Lorain Police Department"]


@pytest.mark.parametrize("s_names, s_day, s_title, s_keys, joins", [
    pytest.param(_POLICE, "2016-08-14", "Gunfire wakes neighbors", [], True, id="the-same-place-and-day-as-two-members"),
    pytest.param(["city:Lorain", "org:Lorain Fire Department"], "2016-08-14", "Gunfire wakes neighbors", [], False,
                 id="one-member-only"),  # the fire department only a1 names: one weak link is no evidence
    pytest.param(_POLICE, "2016-08-18", "Gunfire wakes neighbors", [], False, id="four-days-later"),
    pytest.param(_POLICE, "2016-08-14", "Gunfire wakes neighbors", ["age:61"], False,
                 id="other-victims-ages"),  # the event's texts give ages 19 and 24
    pytest.param(_POLICE, "2016-08-14", "Gunfire wakes neighbors", ["age:24"], True,
                 id="an-age-of-the-event"),  # not a1's 19, but a2's 24: ages are compared with the whole event
    pytest.param(_POLICE, "2016-08-14", "3 dead in separate shootings", [], False, id="a-round-up"),
])
def test_a_lone_report_supported_by_several_members_of_an_event_joins_it(s_names, s_day, s_title, s_keys, joins):
    """Three reports of one incident (the victim named in each) and a fourth report of the same city and day
    that names no victim: it shares the city and the police with two reports, too little with each one for a
    link, but links of that kind to two of the three members join it to the event."""
    arts, mentions = frames(
        [("a1", "2016-08-14", "2016-08-14", "Man shot outside bakery"),
         ("a2", "2016-08-15", "2016-08-14", "Victim of bakery shooting named"),
         ("a3", "2016-08-15", "2016-08-14", "Bakery shooting: family speaks"),
         ("s", s_day, s_day, s_title)],
        {"a1": _VICTIM_EVENT + ["org:Lorain Fire Department"], "a2": _VICTIM_EVENT,
         "a3": ["city:Lorain", "person:Dana Whitfield"], "s": s_names})
    arts = arts.with_columns(pl.Series("incident_keys", [["age:19"], ["age:19", "age:24"], [], s_keys],
                                       dtype=pl.List(pl.String)))
    ev = evt.pair_evidence(arts, mentions)
    assert not ev.filter(pl.col("linked") & ((pl.col("article_id") == "s") | (pl.col("article_id_b") == "s"))).height
    assignments, _ = evt.cluster_events(arts, mentions)
    groups = partition(assignments)
    assert {"a1", "a2", "a3"} <= next(g for g in groups if "a1" in g)
    assert (len(groups) == 1) is joins


@pytest.mark.parametrize("place, day_b, together", [
    ("venue:Mall of Georgia", "2016-05-06", True),  # a venue named in both, five days (published dates): an anchor
    ("venue:Hays Avenue", "2016-05-06", False),  # a street: many incidents happen on one street, not an anchor
    ("venue:Route 9 Pike", "2016-05-06", False),
    ("venue:Hays Avenue", "2016-05-03", True),  # but within the days of one incident (2) it counts as a venue
])
def test_a_street_is_a_place_not_an_anchor(place, day_b, together):
    arts, mentions = frames([("a1", "2016-05-01", None, "Man hurt in crash"),
                             ("a2", day_b, None, "Fire guts home")],
                            {"a1": ["city:Buford", place], "a2": ["city:Buford", place]})
    ev = evt.pair_evidence(arts, mentions)
    assert ev["place"].to_list() == [True]
    assignments, _ = evt.cluster_events(arts, mentions)
    assert (assignments["event_id"].n_unique() == 1) is together


# ---------------------------------------------------------------- a lone report of the day an event starts

_PLANT = ["city:Ridgeway", "venue:Ridgeway Polymer Plant", "org:Ridgeway Fire Department"]
_CREW = ["person:Dana Whitfield", "person:Omar Vance", "person:Lena Pruitt"]


@pytest.mark.parametrize("day_c, title_c, together", [
    pytest.param("2016-03-09", "Blast rocks polymer plant", True, id="the-start-day-joins"),
    pytest.param("2016-03-10", "Blast rocks polymer plant", True, id="a-day-later-joins"),
    pytest.param("2016-03-12", "Blast rocks polymer plant", False,
                 id="three-days-later-apart"),  # published only (a link within 7 days), not the start day
    pytest.param("2016-03-09", "Woman, 61, hurt at polymer plant", False,
                 id="another-age-than-the-event-titles-apart"),  # a2's title gives 5
])
def test_a_lone_report_of_the_day_an_event_starts_joins_it_beyond_the_span(day_c, title_c, together):
    """An explosion's first report (a1) and a sentencing report three months later (a2, the same three names: a
    strong link) make an event spanning 90 days; a third report (c) shares only the plant and its city with a1,
    a link too weak to stretch an event beyond MAX_SPAN_DAYS -- but c is dated the day the event starts (the
    incident's day), so it joins, unless its title gives another age than the event's titles (a2's)."""
    arts, mentions = frames(
        [("a1", "2016-03-09", "2016-03-09", "Two killed in plant explosion"),
         ("a2", "2016-06-08", "2016-06-07", "Plant owner sentenced over blast that killed boy, 5"),
         ("c", day_c, day_c if day_c != "2016-03-12" else None, title_c)],
        {"a1": _PLANT + _CREW, "a2": ["city:Ridgeway", *_CREW], "c": _PLANT})
    links = {tuple(sorted(p)): s for *p, s in evt.pair_evidence(arts, mentions).filter(pl.col("linked"))
             .select("article_id", "article_id_b", "strong").rows()}
    assert links.get(("a1", "a2")) is True and ("a2", "c") not in links
    assert links.get(("a1", "c")) is False  # a weak link: too weak to stretch the event beyond MAX_SPAN_DAYS
    assignments, _ = evt.cluster_events(arts, mentions)
    assert partition(assignments) == ({frozenset({"a1", "a2", "c"})} if together
                                      else {frozenset({"a1", "a2"}), frozenset({"c"})})


# ---------------------------------------------------------------- two people named in the same roles

@pytest.mark.parametrize("keys_b, title_b, together", [
    pytest.param(["name:tariq osei", "name:devin marsh"], "Two foremen convicted over mine collapse", True,
                 id="two-names-a-year-later"),
    pytest.param(["name:tariq osei"], "Foreman convicted over mine collapse", False, id="one-name-apart"),
    pytest.param(["name:tariq osei", "background:devin marsh"], "Foreman convicted over mine collapse", False,
                 id="one-name-in-passing-apart"),  # 'in a separate case last year, Devin Marsh ...'
    pytest.param(["name:tariq osei", "name:devin marsh"], "Two convicted in death of boy, 4", False,
                 id="other-ages-in-the-titles-apart"),  # the titles give 19 and 4: other victims
])
def test_two_people_named_in_both_texts_link_a_follow_up_without_a_place(keys_b, title_b, together):
    """A mine collapse (a1) and a verdict fifteen months later (a2) whose text names no place the first names
    (the NER missed the town): two people both texts name as victims or suspects are one incident."""
    arts, mentions = frames([("a1", "2015-08-20", "2015-08-19", "Man, 19, killed in mine collapse; two foremen held"),
                             ("a2", "2016-11-04", "2016-11-04", title_b)],
                            {"a1": ["city:Harlan", "org:Harlan County Sheriff"], "a2": ["org:Kentucky Court"]})
    arts = arts.with_columns(pl.Series("incident_keys", [["name:tariq osei", "name:devin marsh", "age:19"], keys_b],
                                       dtype=pl.List(pl.String)))
    assignments, _ = evt.cluster_events(arts, mentions)
    assert (assignments["event_id"].n_unique() == 1) is together


# ---------------------------------------------------------------- two events whose titles give other ages

@pytest.mark.parametrize("a_titles, b_titles, merged", [
    pytest.param(("Girl, 3, shot dead on Easter", "Two charged in Easter killing of girl, 3"),
                 ("6-month-old killed in drive-by", "Suspects in 6-month-old's death released"), False,
                 id="a-girl-and-a-baby-apart"),
    pytest.param(("Boy, 7, hurt in house fire", "Fire that hurt boy, 7, was set"),
                 ("Woman, 80, dies in house fire", "Neighbors mourn woman, 80"), False, id="two-fires-apart"),
    pytest.param(("Girl, 3, shot dead on Easter", "Two charged in Easter killing of girl, 3"),
                 ("Girl, 3, mourned", "Suspects in girl's death released"), True,
                 id="an-age-in-common-merges"),
    pytest.param(("Girl, 3, shot dead on Easter", "Two charged in Easter killing of girl, 3"),
                 ("Drive-by on Winthrop", "Suspects released"), True, id="no-ages-in-one-event-merges"),
])
def test_two_events_whose_titles_give_other_ages_never_merge(a_titles, b_titles, merged):
    """Two events of one city and week, two reports each; b2 also names a's victim and street (a report
    recalling an earlier incident), so it links to both a-reports: enough linkage to merge the events, but
    their titles give other victims' ages."""
    a_names = ["city:Detroit", "person:Nia Carter", "venue:Riverview Market"]
    b_names = ["city:Detroit", "person:Miracle Dunn", "person:Dwayne Ross", "venue:Winthrop Liquor"]
    arts, mentions = frames(
        [("a1", "2016-04-02", "2016-04-02", a_titles[0]), ("a2", "2016-04-03", "2016-04-02", a_titles[1]),
         ("b1", "2016-04-03", "2016-04-03", b_titles[0]), ("b2", "2016-04-04", "2016-04-03", b_titles[1])],
        {"a1": a_names, "a2": a_names, "b1": b_names, "b2": b_names + a_names[1:]})
    links = {tuple(sorted(p)) for p in evt.pair_evidence(arts, mentions).filter(pl.col("linked"))
             .select("article_id", "article_id_b").rows()}
    assert {("a1", "b2"), ("a2", "b2"), ("a1", "a2"), ("b1", "b2")} <= links  # the bridge is there
    assignments, _ = evt.cluster_events(arts, mentions)
    assert partition(assignments) == ({frozenset({"a1", "a2", "b1", "b2"})} if merged
                                      else {frozenset({"a1", "a2"}), frozenset({"b1", "b2"})})


# ---------------------------------------------------------------- one venue under two names

@pytest.mark.parametrize("name, key", [
    ("Harbor Light Nightclub", (("harbor", "light"), "nightlife")),
    ("Club Harbor Light", (("harbor", "light"), "nightlife")),  # a head that may come first
    ("the Kessler Park", (("kessler",), "outdoors")),
    ("Kessler Playground", (("kessler",), "outdoors")),
    ("O'Malley's Pub & Grill", (("omalleys",), "nightlife")),  # heads of one kind, joined
    ("Lincoln Park High School", (("lincoln", "park", "high"), "school")),  # a school, not a park
    ("Pine Ridge Park Apartments", (("pine", "ridge", "park"), "housing")),
    ("Harbor Light", (("harbor", "light"), None)),  # a bare name
    ("Park", (("park",), None)),  # nothing but a head: no venue kind
    ("Mercy Hospital", (("mercy", "hospital"), None)),
])
def test_venue_key(name, key):
    assert evt.venue_key(name) == key


@pytest.mark.parametrize("entities, named_by, groups", [
    pytest.param([("v1", "Kessler Park", "FAC"), ("v2", "Kessler Playground", "ORG")], {}, [{"v1", "v2"}],
                 id="two-heads-of-one-kind"),
    pytest.param([("v1", "Lincoln Park", "FAC"), ("v2", "Lincoln High School", "ORG")], {}, [],
                 id="a-park-and-a-school-are-two-places"),
    pytest.param([("v1", "Garden City High School", "FAC"), ("v2", "Garden City Elementary School", "FAC")], {}, [],
                 id="two-schools"),
    pytest.param([("v1", "Harbor Light Nightclub", "ORG"), ("v2", "Harbor Light", "ORG")],
                 {"v1": {"a1"}, "v2": {"a1", "a2"}}, [{"v1", "v2"}], id="a-bare-name-one-text-gives-with-the-full"),
    pytest.param([("v1", "Harbor Light Nightclub", "ORG"), ("v2", "Harbor Light", "ORG")],
                 {"v1": {"a1"}, "v2": {"a2"}}, [], id="a-bare-name-no-text-ties-to-the-venue"),
    pytest.param([("v1", "Harbor Light Nightclub", "ORG"), ("v2", "Harbor Light", "PERSON")],
                 {"v1": {"a1"}, "v2": {"a1"}}, [], id="a-person-is-no-venue"),
    pytest.param([("v1", "Kessler Park", "FAC"), ("v2", "Kessler Playground", "FAC"), ("c", "Kessler", "GPE")],
                 {"c": {"a1", "a2", "a3"}}, [], id="a-city-many-reports-name"),
    pytest.param([("v1", "Dunmore Plaza", "FAC"), ("v2", "Dunmore Mall", "GPE")], {}, [{"v1", "v2"}],
                 id="a-headed-name-whatever-the-ner-called-it"),
    pytest.param([("v1", "Oak Park", "FAC"), ("v2", "Oak Park", "GPE")], {"v2": {"a1", "a2", "a3"}}, [],
                 id="a-neighbourhood-many-reports-name"),
    pytest.param([("v1", "Tuggle Street", "FAC"), ("v2", "Tuggle Street Park", "FAC")], {}, [],
                 id="a-street-is-no-venue"),
])
def test_venue_groups(entities, named_by, groups):
    info = {e: (name, etype, len(name.split())) for e, name, etype in entities}
    out = evt.venue_groups(info, named_by)
    got = defaultdict(set)
    for e, canon in out.items():
        got[canon] |= {e, canon}
    assert sorted(map(sorted, got.values())) == sorted(map(sorted, groups))


@pytest.mark.parametrize("venue_a, venue_b, together", [
    pytest.param("venue:Kessler Park", "venue:Kessler Playground", True, id="one-park-two-names"),
    pytest.param("venue:Kessler Park", "org:Kessler Playground", True, id="the-ner-called-one-an-org"),
    pytest.param("venue:Kessler Park", "venue:Kessler High School", False, id="a-park-and-a-school"),
    pytest.param("venue:Kessler Park", "venue:Brandt Park", False, id="two-parks"),
])
def test_one_venue_under_two_names_is_an_anchor(venue_a, venue_b, together):
    """Two reports of one town five days apart (published dates only): they link only by a venue in common."""
    arts, mentions = frames([("a1", "2016-05-01", None, "Brush fire scorches park"),
                             ("a2", "2016-05-06", None, "Arson suspected in blaze")],
                            {"a1": ["city:Buford", venue_a], "a2": ["city:Buford", venue_b]})
    assignments, _ = evt.cluster_events(arts, mentions)
    assert (assignments["event_id"].n_unique() == 1) is together


@pytest.mark.parametrize("crew_b, together", [
    pytest.param(['person:Dana "Sparks" Whitfield', 'person:Omar \u201cBig O\u201d Vance'], True, id="nicknames"),
    pytest.param(["person:Dana Whitfield", "person:Omar Vance"], True, id="plain"),
    pytest.param(["person:Dana Whitman", "person:Omar Vane"], False, id="other-people"),
])
def test_a_trial_months_later_naming_the_accused_by_nickname_joins(crew_b, together):
    """A mine blast and its trial 11 months later: the venue and two of the accused in common (3 anchors)."""
    arts, mentions = frames([("a1", "2016-03-09", "2016-03-09", "Blast kills two miners"),
                             ("a2", "2017-02-10", "2017-02-10", "Foremen on trial over mine blast")],
                            {"a1": ["city:Ridgeway", "venue:Ridgeway Coal Mine", "person:Dana Whitfield",
                                    "person:Omar Vance"],
                             "a2": ["city:Ridgeway", "venue:Ridgeway Coal Mine", *crew_b]})
    assignments, _ = evt.cluster_events(arts, mentions)
    assert (assignments["event_id"].n_unique() == 1) is together
