"""The issues' must-show facts on the seeds, read from the warehouse of a real run.

Expected values come from reading the five seed articles (seeds/), not from the code.
"""

from datetime import date

import pytest

from tests.conftest import query

pytestmark = pytest.mark.slow


def claims_of(db, prefix, claim_type):
    return query(db, "select qualifier, value_stated, value_low, value_high, hedged, in_title, attributed_to "
                     "from claims c join articles a using (article_id) "
                     "where a.source_path like ? and c.claim_type = ? and not coalesce(c.is_background, false) "
                     "order by value_low", [f"%/{prefix}%", claim_type])


def test_claims_on_the_seeds(seeds_db):
    db = seeds_db
    assert ("more_than", 60, 61, None) in [r[:4] for r in claims_of(db, "000_", "killed")]
    assert ("more_than", 100, 101, None) in [r[:4] for r in claims_of(db, "000_", "injured")]
    assert [r[:5] for r in claims_of(db, "001_", "killed")] == [("at_least", 60, 60, None, True)]
    assert ("more_than", 100, 101, None) in [r[:4] for r in claims_of(db, "001_", "injured")]
    for kind in ("killed", "injured"):  # "multiple casualties" is no numeric killed/injured figure
        assert all(r[0] == "vague" for r in claims_of(db, "002_", kind))
    killed_003 = claims_of(db, "003_", "killed")
    assert ("exact", 62, 62, 62) in [r[:4] for r in killed_003 if r[5]]  # the title: "Leaves 62 Dead"
    assert ("at_least", 62, 62, None) in [r[:4] for r in killed_003]
    assert [r[:4] for r in claims_of(db, "003_", "capacity")] == [("exact", 6200, 6200, 6200)]
    assert sorted(r[1] for r in claims_of(db, "003_", "attackers")) == [3, 5]
    hosp = claims_of(db, "003_", "hospitalized")
    assert [r[1] for r in hosp] == [145]
    assert query(db, "select canonical_name from entities where entity_id = ?", [hosp[0][6]]) == \
        [("Moscow Regional Health Ministry",)]
    assert query(db, "select count(*) from claims where value_stated = 2004 or value_low = 2004")[0][0] == 0
    assert ("at_least", 40, 40, None) in [r[:4] for r in claims_of(db, "004_", "killed")]
    assert ("more_than", 100, 101, None) in [r[:4] for r in claims_of(db, "004_", "injured")]
    assert [r[1] for r in claims_of(db, "004_", "detained")] == [4]
    assert 4 in [r[1] for r in claims_of(db, "004_", "attackers")]


def test_one_event_with_its_consensus(seeds_db):
    db = seeds_db
    events = query(db, "select event_id, event_date, article_count from events")
    assert len(events) == 1 and events[0][1:] == (date(2024, 3, 22), 5)
    assert query(db, "select count(distinct event_id), count(*) from articles") == [(1, 5)]
    assert query(db, "select conservative_value, max_value from claim_consensus where claim_type = 'killed'") \
        == [(40, 62)]


def test_undated_articles_get_their_date_from_the_event(seeds_db):
    """003's year-less "March 22" and 002 (no date at all) resolve through the other reports."""
    db = seeds_db
    march_22 = query(db, "select d.resolved_date from date_mentions d join articles a using (article_id) "
                         "where a.source_path like '%/003_%' and d.surface = 'March 22'")
    assert march_22 == [(date(2024, 3, 22),)]
    got = dict(query(db, "select regexp_extract(source_path, '[0-9]{3}_'), event_date from articles "
                         "where published_date is null"))
    assert got == {"002_": date(2024, 3, 22), "003_": date(2024, 3, 22)}


@pytest.mark.parametrize(
    "names, entity_type",
    [
        (["ISIS", "IS", "Islamic State", "Islamic State group"], "ORG"),
        (["Crocus City Hall", "Crocus Concert Hall"], "FAC"),
        (["Vladimir Putin", "Putin"], "PERSON"),
        (["Dmitry Medvedev"], "PERSON"),
        (["Interpol"], "ORG"),
        (["Moscow"], "GPE"),
        (["Krasnogorsk"], "GPE"),
        (["Ukraine"], "GPE"),
    ],
)
def test_entities_merge_aliases_with_the_right_type(seeds_db, names, entity_type):
    """Each group names one real-world thing; all its variants the seeds use are one entity."""
    rows = query(seeds_db, "select distinct e.entity_id, e.entity_type from entity_mentions m "
                           "join entities e using (entity_id) where m.surface in (select unnest(?))", [names])
    seen = query(seeds_db, "select distinct surface from entity_mentions where surface in (select unnest(?))",
                 [names])
    assert len(seen) >= min(len(names), 3) - (1 if "Islamic State group" in names else 0) - ("Putin" in names)
    assert len(rows) == 1, f"{names} should be one entity, got {rows}"
    assert rows[0][1] == entity_type


def test_no_function_words_or_headings_as_entities(seeds_db):
    junk = query(seeds_db, "select canonical_name from entities where canonical_name in ('The', 'Chaos')")
    assert junk == []
