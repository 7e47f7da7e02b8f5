"""expectations.quarantine.split on its own: what is held back, cut and recounted (no GX)."""

from __future__ import annotations

from datetime import date, datetime

import polars as pl

import expectations
from expectations.quarantine import ROW, split
from tests.test_expectations import AID, BODY, article_row, batch_of, good_rows

AT = datetime(2024, 6, 1, 12)


def failing(**by_table: list[tuple[int, str]]) -> dict[str, pl.DataFrame]:
    return {t: pl.DataFrame(rows, schema={ROW: pl.UInt32, "expectation": pl.String}, orient="row")
            for t, rows in by_table.items()}


def two_articles() -> dict[str, list[dict]]:
    """The good batch plus a second article (own mention, claim, ledger row, duplicate path) in event ev1."""
    rows = good_rows()
    other = article_row(BODY + " More.", source_path="/in/b.txt", published_date=date(2024, 3, 6))
    bid = other["article_id"]
    rows["articles"].append(other)
    rows["entity_mentions"].append({**rows["entity_mentions"][0], "mention_id": "em2", "article_id": bid,
                                    "entity_id": "en2"})
    rows["claims"].append({**rows["claims"][0], "claim_id": "c2", "article_id": bid, "attributed_to": "en2"})
    rows["date_mentions"].append({**rows["date_mentions"][0], "mention_id": "dm2", "article_id": bid})
    rows["entities"].append({**rows["entities"][0], "entity_id": "en2", "canonical_name": "Riverside Mall",
                             "entity_type": "FAC"})
    rows["events"][0] |= {"article_count": 2, "last_published": date(2024, 3, 6)}
    rows["source_files"] += [{**rows["source_files"][0], "source_path": "/in/b.txt", "article_id": bid},
                             {**rows["source_files"][0], "source_path": "/in/b copy.txt", "article_id": bid,
                              "status": "duplicate"}]
    return rows


def test_an_articles_own_rows_are_held_back_and_its_files_marked_quarantined():
    rows = two_articles()
    bid = rows["articles"][1]["article_id"]
    q = split(batch_of(rows), expectations.KEYS, failing(articles=[(1, "body_clean_min_words")]), run_id="r", at=AT)
    held = q.rows.filter(pl.col("expectation") == "held_back:articles.body_clean_min_words")
    assert sorted(held.select("table_name", "row_key").iter_rows()) == [
        ("claims", "c2"), ("date_mentions", "dm2"), ("entity_mentions", "em2")]
    assert q.rows.filter(pl.col("table_name") == "articles").select("row_key", "expectation").rows() == [
        (bid, "body_clean_min_words")]
    assert q.batch.articles["article_id"].to_list() == [AID]
    assert q.batch.claims["claim_id"].to_list() == ["c1"]
    assert dict(q.batch.source_files.select("source_path", "status").iter_rows()) == {
        "/in/a.txt": "article", "/in/b.txt": "quarantined", "/in/b copy.txt": "quarantined"}
    assert q.by_table == {"articles": 1, "claims": 1, "date_mentions": 1, "entity_mentions": 1}
    # the event and the entity that lost rows are recounted; en2 lost its only mention: dropped, links cut
    ev = q.batch.events.row(0, named=True)
    assert (ev["article_count"], ev["first_published"], ev["last_published"]) == (1, date(2024, 3, 4),
                                                                                   date(2024, 3, 4))
    assert q.batch.entities["entity_id"].to_list() == ["en1"]


def test_an_event_left_without_articles_is_dropped():
    rows = good_rows()
    q = split(batch_of(rows), expectations.KEYS, failing(articles=[(0, "published_date_in_range")]),
              run_id="r", at=AT)
    assert q.batch.events.height == 0
    assert q.batch.articles.height == 0 and q.batch.claims.height == 0


def test_events_count_articles_loaded_earlier():
    rows = two_articles()
    old = pl.DataFrame({"article_id": ["old1"], "published_date": [date(2024, 3, 1)]})
    batch = batch_of(rows)
    batch.loaded_articles = old
    updates = {"articles": pl.DataFrame({"article_id": ["old1"], "event_id": ["ev1"]})}
    q = split(batch, expectations.KEYS, failing(articles=[(1, "body_clean_min_words")]), run_id="r", at=AT,
              updates=updates)
    ev = q.batch.events.row(0, named=True)
    assert (ev["article_count"], ev["first_published"], ev["last_published"]) == (2, date(2024, 3, 1),
                                                                                   date(2024, 3, 4))


def test_links_to_a_quarantined_entity_or_event_become_null_in_new_and_loaded_rows():
    rows = good_rows()
    updates = {
        "entity_mentions": pl.DataFrame({"mention_id": ["old-m"], "entity_id": ["en1"]}),
        "claims": pl.DataFrame({"claim_id": ["old-c"], "event_id": ["ev1"], "attributed_to": ["en1"]}),
        "articles": pl.DataFrame({"article_id": ["old-a"], "event_id": ["ev1"], "event_date": [None],
                                  "event_date_source": ["none"]}),
    }
    q = split(batch_of(rows), expectations.KEYS,
              failing(entities=[(0, "entity_type_in_vocabulary")], events=[(0, "event_date_in_range")]),
              run_id="r", at=AT, updates=updates)
    assert q.batch.entities.height == 0 and q.batch.events.height == 0
    assert q.batch.entity_mentions["entity_id"].to_list() == [None]
    assert q.batch.claims.select("event_id", "attributed_to").row(0) == (None, None)
    assert q.batch.articles["event_id"].to_list() == [None]
    assert q.updates["entity_mentions"]["entity_id"].to_list() == [None]
    assert q.updates["claims"].select("event_id", "attributed_to").row(0) == (None, None)
    assert q.updates["articles"]["event_id"].to_list() == [None]
    # the mention, claim and article themselves are loaded
    assert q.batch.entity_mentions.height == q.batch.claims.height == q.batch.articles.height == 1


def test_an_entity_keeping_mentions_loaded_earlier_is_recounted_not_dropped():
    rows = good_rows()
    rows["entities"][0] |= {"article_count": 2, "mention_count": 3}
    mention_updates = pl.DataFrame({"mention_id": ["old-m1", "old-m2"], "entity_id": ["en1", "en1"]})
    loaded = pl.DataFrame({"mention_id": ["old-m1", "old-m2"], "article_id": ["old-a", "old-a"]})
    q = split(batch_of(rows), expectations.KEYS, failing(entity_mentions=[(0, "span_slices_to_surface")]),
              run_id="r", at=AT, updates={"entity_mentions": mention_updates}, loaded_mentions=loaded)
    ent = q.batch.entities.row(0, named=True)
    assert (ent["article_count"], ent["mention_count"]) == (1, 2)
    assert q.batch.claims["attributed_to"].to_list() == ["en1"]


def test_a_row_with_a_null_key_is_quarantined_under_its_row_number():
    rows = good_rows()
    rows["claims"].append({**rows["claims"][0], "claim_id": None})
    q = split(batch_of(rows), expectations.KEYS, failing(claims=[(1, "claim_id_not_null")]), run_id="r", at=AT)
    assert q.rows["row_key"].to_list() == ["(row 1 of the batch, claim_id NULL)"]
    assert q.batch.claims["claim_id"].to_list() == ["c1"]


def test_one_quarantine_row_per_failed_expectation_and_nothing_for_a_clean_batch():
    rows = good_rows()
    q = split(batch_of(rows), expectations.KEYS, {}, run_id="r", at=AT)
    assert q.rows.height == 0 and q.by_table == {}
    q = split(batch_of(rows), expectations.KEYS,
              failing(claims=[(0, "span_slices_to_surface"), (0, "people_count_plausible")]), run_id="r", at=AT)
    assert sorted(q.rows["expectation"]) == ["people_count_plausible", "span_slices_to_surface"]
    assert q.by_table == {"claims": 1}
