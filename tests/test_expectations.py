"""The expectations/ suites on small hand-made batches, with the real GX context.

One good batch (one row per table, every rule satisfied) and, for every
expectation of every suite, a bad row next to it that breaks that rule. All bad
rows of a table ride in one batch so GX runs once per suite for the whole table
of cases; each case then checks that its own row failed its own expectation, was
quarantined for it and is not in what gets loaded, while the good rows pass.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime

import polars as pl
import pytest

import expectations
from expectations.base import Batch, key_text, key_texts
from expectations.quarantine import ROW, split
from flows.validate import run_suites
from transforms.text import word_count

TODAY = date(2024, 6, 1)
RUN = "test-run"
BODY = ("Gunman kills two at Riverside Mall\n"
        "Two people were killed and at least five injured on March 3, 2024 when a gunman opened fire "
        "at Riverside Mall in Springfield, police said. The shooter fled before officers arrived.")


def span(text: str, body: str = BODY) -> tuple[int, int]:
    start = body.index(text)
    return start, start + len(text)


def article_row(body: str = BODY, **over) -> dict:
    sha = hashlib.sha256(body.encode()).hexdigest()
    row = {"article_id": sha[:16], "source_path": "/in/a.txt", "title": body.split("\n")[0],
           "published_date": date(2024, 3, 4), "published_date_source": "header", "event_date": date(2024, 3, 3),
           "event_date_source": "absolute_in_text", "body_raw": body, "body_clean": body,
           "word_count": word_count(body), "content_sha256": sha, "encoding": "utf-8", "event_id": "ev1",
           "run_id": RUN, "ingested_at": datetime(2024, 6, 1, 12)}
    return {**row, **over}


AID = article_row()["article_id"]


def good_rows() -> dict[str, list[dict]]:
    ds, de = span("March 3, 2024")
    ms, me = span("Springfield")
    cs, ce = span("Two people were killed")
    ps, pe = span("police")
    vs, ve = span("The shooter")
    return {
        "articles": [article_row()],
        "date_mentions": [{"mention_id": "dm1", "article_id": AID, "surface": "March 3, 2024", "char_start": ds,
                           "char_end": de, "resolved_date": date(2024, 3, 3), "precision": "day",
                           "is_relative": False, "resolution": "absolute", "timex_type": "DATE",
                           "timex_value": "2024-03-03", "mod": None}],
        "entity_mentions": [{"mention_id": "em1", "article_id": AID, "entity_id": "en1", "surface": "Springfield",
                             "char_start": ms, "char_end": me, "label": "GPE"}],
        "claims": [{"claim_id": "c1", "article_id": AID, "event_id": "ev1", "claim_type": "killed",
                    "value_stated": 2, "value_low": 2, "value_high": 2, "qualifier": "exact", "unit": "people",
                    "surface": "Two people were killed", "char_start": cs, "char_end": ce,
                    "sentence": "Two people were killed ...", "hedged": False, "attributed_to": "en1",
                    "attributed_surface": "police", "attributed_char_start": ps, "attributed_char_end": pe,
                    "published_date": date(2024, 3, 4), "rule_id": "type.predicate_after",
                    "scope": "main"}],
        "victims": [{"person_id": "p1", "article_id": AID, "role": "attacker", "outcome": "unharmed", "people": 1,
                     "surface": "The shooter", "char_start": vs, "char_end": ve, "mentions": 1,
                     "claim_ids": ["c1"]}],
        "entities": [{"entity_id": "en1", "canonical_name": "Springfield", "entity_type": "GPE", "aliases": [],
                      "article_count": 1, "mention_count": 1}],
        "events": [{"event_id": "ev1", "label": "Riverside Mall, Springfield, 2024-03-03",
                    "event_date": date(2024, 3, 3), "location_entity_id": "en1", "article_count": 1,
                    "first_published": date(2024, 3, 4), "last_published": date(2024, 3, 4)}],
        # ev0 (gone) was merged into ev1
        "event_id_history": [{"history_id": "h1", "event_id": "ev0", "new_event_id": "ev1", "change": "merged",
                              "n_articles": 1}],
        "source_files": [{"source_path": "/in/a.txt", "file_sha256": "ab" * 32, "size_bytes": 300, "mtime_ns": 1,
                          "status": "article", "article_id": AID, "first_run_id": RUN, "last_run_id": RUN}],
        "source_records": [{"source_path": "/in/feed.jsonl", "source_record": "line 1", "record_sha256": "cd" * 32,
                            "status": "article", "article_id": AID, "first_run_id": RUN, "last_run_id": RUN},
                           {"source_path": "/in/feed.jsonl", "source_record": "line 2", "record_sha256": N,
                            "status": "removed", "article_id": N, "first_run_id": RUN, "last_run_id": RUN}],
        "rejected_inputs": [{"run_id": RUN, "source_path": "/in/empty.txt", "reason": "empty_file", "detail": "0 bytes",
                             "rejected_at": datetime(2024, 6, 1, 12)}],
    }


def batch_of(rows: dict[str, list[dict]]) -> Batch:
    return Batch(**{t: pl.DataFrame(r, infer_schema_length=None) for t, r in rows.items()})


@dataclass
class Case:
    """A row of ``table`` like the good one, with ``patch`` applied, that breaks ``expectation``."""

    table: str
    expectation: str
    patch: dict = field(default_factory=dict)
    copies: int = 1  # 2: two rows with the same key (uniqueness)
    body: str | None = None  # articles: the body (default: the good one plus the case number), id follows it

    @property
    def id(self) -> str:
        return f"{self.table}.{self.expectation}"


SHORT = "Two people were shot."
N = None
CASES = [
    # entities
    Case("entities", "entity_id_not_null", {"entity_id": N}),
    Case("entities", "entity_id_unique", copies=2),
    Case("entities", "canonical_name_not_null", {"canonical_name": N}),
    Case("entities", "entity_type_not_null", {"entity_type": N}),
    Case("entities", "entity_type_in_vocabulary", {"entity_type": "CITY"}),
    Case("entities", "article_count_positive", {"article_count": 0, "mention_count": 0}),
    Case("entities", "mention_count_ge_article_count", {"article_count": 3, "mention_count": 2}),
    # events
    Case("events", "event_id_not_null", {"event_id": N}),
    Case("events", "event_id_unique", copies=2),
    Case("events", "article_count_positive", {"article_count": 0}),
    Case("events", "first_published_le_last_published", {"first_published": date(2024, 3, 9)}),
    Case("events", "event_date_in_range", {"event_date": date(1850, 1, 1)}),
    Case("events", "location_entity_id_resolves_to_entity", {"location_entity_id": "no-such-entity"}),
    Case("events", "event_time_is_a_time_of_day", {"event_time": "9:15pm"}),
    Case("events", "event_time_is_a_time_of_day", {"event_time": "Friday night"}),
    # articles
    Case("articles", "article_id_not_null", {"article_id": N}),
    Case("articles", "article_id_unique", copies=2),  # the same body twice
    Case("articles", "article_id_is_body_hash", {"article_id": "0123456789abcdef"}),
    Case("articles", "source_path_not_null", {"source_path": N}),
    Case("articles", "published_date_source_not_null", {"published_date_source": N}),
    Case("articles", "published_date_source_in_vocabulary", {"published_date_source": "guess"}),
    Case("articles", "event_date_source_not_null", {"event_date_source": N}),
    Case("articles", "event_date_source_in_vocabulary", {"event_date_source": "oracle"}),
    Case("articles", "body_raw_not_null", {"body_raw": N}),
    Case("articles", "body_clean_not_null", {"body_clean": N}),
    Case("articles", "run_id_not_null", {"run_id": N}),
    Case("articles", "event_id_not_null", {"event_id": N}),
    Case("articles", "published_date_in_range", {"published_date": date(2024, 7, 1)}),
    Case("articles", "published_date_null_iff_source_none", {"published_date_source": "none"}),
    Case("articles", "event_date_in_range", {"event_date": date(1899, 12, 31)}),
    Case("articles", "body_clean_min_words", body=SHORT),
    Case("articles", "word_count_matches_body_clean", {"word_count": 3}),
    Case("articles", "event_id_resolves_to_event", {"event_id": "no-such-event"}),
    Case("articles", "event_time_is_a_time_of_day", {"event_time": "9:15pm"}),
    Case("articles", "event_time_is_a_time_of_day", {"event_time": "25:00"}),
    Case("articles", "event_time_is_a_time_of_day", {"event_time": "24:30"}),
    # date_mentions
    *[Case(t, e, p) for t in ("date_mentions", "entity_mentions") for e, p in [
        ("mention_id_not_null", {"mention_id": N}),
        ("article_id_not_null", {"article_id": N}),
        ("surface_not_null", {"surface": N}),
        ("char_start_not_null", {"char_start": N}),
        ("char_end_not_null", {"char_end": N}),
        ("article_id_resolves_to_article", {"article_id": "no-such-article"}),
        ("char_start_not_negative", {"char_start": -1}),
        ("span_not_reversed", {"char_end": 2, "char_start": 5}),
        ("span_inside_body_clean", {"char_end": len(BODY) + 5}),
        ("span_slices_to_surface", {"surface": "March 4, 2024" if t == "date_mentions" else "Shelbyville"}),
    ]],
    Case("date_mentions", "mention_id_unique", copies=2),
    Case("date_mentions", "is_relative_not_null", {"is_relative": N}),
    Case("date_mentions", "precision_in_vocabulary", {"precision": "hour"}),
    Case("date_mentions", "timex_type_not_null", {"timex_type": N}),
    Case("date_mentions", "timex_type_in_vocabulary", {"timex_type": "HOUR"}),
    Case("date_mentions", "mod_in_vocabulary", {"mod": "SOONISH"}),
    Case("date_mentions", "timex_value_fits_timex_type", {"timex_value": "P3D"}),  # a duration's value on a DATE
    Case("entity_mentions", "mention_id_unique", copies=2),
    Case("entity_mentions", "label_not_null", {"label": N}),
    Case("entity_mentions", "label_in_vocabulary", {"label": "CITY"}),
    Case("entity_mentions", "entity_id_resolves_to_entity", {"entity_id": "no-such-entity"}),
    # claims
    Case("claims", "claim_id_not_null", {"claim_id": N}),
    Case("claims", "claim_id_unique", copies=2),
    *[Case("claims", f"{c}_not_null", {c: N}) for c in
      ("article_id", "event_id", "claim_type", "qualifier", "surface", "char_start", "char_end", "hedged",
       "rule_id", "scope")],
    Case("claims", "claim_type_in_vocabulary", {"claim_type": "shot"}),
    Case("claims", "qualifier_in_vocabulary", {"qualifier": "roughly"}),
    Case("claims", "unit_in_vocabulary", {"unit": "dollars"}),
    Case("claims", "scope_in_vocabulary", {"scope": "background"}),
    Case("claims", "choice_rule_in_vocabulary", {"choice_rule": "biggest", "is_article_figure": True,
                                                  "claim_type": "evacuated"}),
    Case("claims", "one_article_figure_per_type", {"is_article_figure": True, "choice_rule": "largest",
                                                    "claim_type": "detained"}, copies=2),
    Case("claims", "value_stated_not_negative", {"value_stated": -2}),
    Case("claims", "value_low_not_negative", {"value_low": -2, "value_high": N}),
    Case("claims", "value_high_not_negative", {"value_low": N, "value_high": -2}),
    Case("claims", "figure_has_a_bound", {"value_low": N, "value_high": N}),
    Case("claims", "value_low_le_value_high", {"value_low": 12, "value_high": 10}),
    Case("claims", "people_count_plausible", {"value_stated": 250_000, "value_low": 250_000, "value_high": 250_000}),
    Case("claims", "crowd_count_plausible", {"claim_type": "attendance", "value_stated": 20_000_000,
                                             "value_low": 20_000_000, "value_high": 20_000_000}),
    Case("claims", "article_id_resolves_to_article", {"article_id": "no-such-article"}),
    Case("claims", "event_id_resolves_to_event", {"event_id": "no-such-event"}),
    Case("claims", "event_id_is_the_articles", {"event_id": "ev2"}),
    Case("claims", "attributed_to_resolves_to_entity", {"attributed_to": "no-such-entity"}),
    Case("claims", "derived_from_resolves", {"derived_from": "no-such-claim-or-rule"}),
    Case("claims", "published_date_is_the_articles", {"published_date": date(2024, 3, 5)}),
    Case("claims", "char_start_not_negative", {"char_start": -1}),
    Case("claims", "span_not_reversed", {"char_start": 9, "char_end": 3}),
    Case("claims", "span_inside_body_clean", {"char_end": len(BODY) + 1}),
    Case("claims", "span_slices_to_surface", {"surface": "Three people were killed"}),
    Case("claims", "attributed_char_start_not_negative", {"attributed_char_start": -4}),
    Case("claims", "attributed_span_not_reversed", {"attributed_char_start": 9, "attributed_char_end": 3}),
    Case("claims", "attributed_span_inside_body_clean", {"attributed_char_end": len(BODY) + 1}),
    Case("claims", "attributed_span_slices_to_surface", {"attributed_surface": "sheriff"}),
    # victims (the roster)
    Case("victims", "person_id_not_null", {"person_id": N}),
    Case("victims", "person_id_unique", copies=2),
    *[Case("victims", f"{c}_not_null", {c: N}) for c in
      ("article_id", "role", "outcome", "people", "surface", "char_start", "char_end", "mentions")],
    Case("victims", "article_id_resolves_to_article", {"article_id": "no-such-article"}),
    Case("victims", "role_in_vocabulary", {"role": "hero"}),
    Case("victims", "outcome_in_vocabulary", {"outcome": "dead"}),
    Case("victims", "people_and_mentions_at_least_one", {"people": 0}),
    Case("victims", "claim_ids_resolve_to_claims", {"claim_ids": ["no-such-claim"]}),
    Case("victims", "char_start_not_negative", {"char_start": -1}),
    Case("victims", "span_not_reversed", {"char_start": 9, "char_end": 3}),
    Case("victims", "span_inside_body_clean", {"char_end": len(BODY) + 1}),
    Case("victims", "span_slices_to_surface", {"surface": "The gunman"}),
    # event_id_history
    Case("event_id_history", "history_id_not_null", {"history_id": N}),
    Case("event_id_history", "history_id_unique", copies=2),
    Case("event_id_history", "event_id_not_null", {"event_id": N}),
    Case("event_id_history", "change_in_vocabulary", {"change": "renamed"}),
    Case("event_id_history", "n_articles_positive", {"n_articles": 0}),
    Case("event_id_history", "new_event_id_set_unless_removed", {"change": "removed"}),
    Case("event_id_history", "new_event_id_resolves_to_event", {"new_event_id": "no-such-event"}),
    Case("event_id_history", "old_event_id_matches_change", {"change": "split"}),  # ev0 is no event any more
    # source_files
    Case("source_files", "source_path_not_null", {"source_path": N}),
    Case("source_files", "source_path_unique", copies=2),
    Case("source_files", "status_not_null", {"status": N}),
    Case("source_files", "status_in_vocabulary", {"status": "lost"}),
    Case("source_files", "size_bytes_not_negative", {"size_bytes": -1}),
    Case("source_files", "article_id_resolves_to_article", {"article_id": "no-such-article"}),
    # source_records (compound key: source_path, source_record)
    Case("source_records", "source_path_not_null", {"source_path": N}),
    Case("source_records", "source_record_not_null", {"source_record": N}),
    Case("source_records", "source_path_source_record_unique", copies=2),
    Case("source_records", "status_not_null", {"status": N}),
    Case("source_records", "status_in_vocabulary", {"status": "records"}),
    Case("source_records", "record_sha256_is_a_sha256", {"record_sha256": "CD" * 32}),
    Case("source_records", "read_record_has_sha256", {"record_sha256": N}),
    Case("source_records", "article_id_resolves_to_article", {"status": "duplicate", "article_id": "no-such-article"}),
    # rejected_inputs
    Case("rejected_inputs", "source_path_not_null", {"source_path": N}),
    Case("rejected_inputs", "source_path_unique", copies=2),
    Case("rejected_inputs", "reason_not_null", {"reason": N}),
    Case("rejected_inputs", "reason_is_a_code", {"reason": "Empty File!"}),
]


def bad_rows(case: Case, n: int, good: dict) -> list[dict]:
    base = dict(good[case.table][0])
    key = expectations.KEYS[case.table]
    if case.table == "articles":
        base = article_row(case.body or f"{BODY} Case {n}.", source_path=f"/in/case{n}.txt")
    else:  # a key of its own (a compound key: its last column, the record within the file)
        base[key if isinstance(key, str) else key[-1]] = f"case-{n}"
    row = {**base, **case.patch}
    return [dict(row) for _ in range(case.copies)]


@pytest.fixture(scope="module")
def gx_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("gx")


@pytest.fixture(scope="module")
def cases_run(gx_dir):
    """The good rows plus every case's rows, validated once; case id -> its row numbers per table."""
    rows = good_rows()
    where: dict[str, tuple[str, list[int]]] = {}
    for n, case in enumerate(CASES):
        added = bad_rows(case, n, rows)
        start = len(rows[case.table])
        rows[case.table].extend(added)
        where[case.id] = (case.table, list(range(start, start + len(added))))
    batch = batch_of(rows)
    dq, failed, _ = run_suites(batch, gx_dir=gx_dir, run_id="cases", today=TODAY, min_words=20)
    q = split(batch, expectations.KEYS, failed, run_id="cases", at=datetime(2024, 6, 1))
    return batch, dq, failed, q, where


def test_the_good_batch_passes_every_expectation_of_every_suite(gx_dir):
    dq, failed, ids = run_suites(batch_of(good_rows()), gx_dir=gx_dir, run_id="good", today=TODAY, min_words=20)
    assert dq.filter(~pl.col("success")).select("suite", "expectation").to_dicts() == []
    assert failed == {}
    every = {(s.TABLE, e.meta["name"]) for s in expectations.SUITES for e in s.expectations()}
    assert set(dq.select("suite", "expectation").iter_rows()) == every
    assert len(ids) == len(expectations.SUITES)  # one stored GX validation result per suite


def test_every_expectation_has_a_failing_case():
    every = {f"{s.TABLE}.{e.meta['name']}" for s in expectations.ALL_SUITES for e in s.expectations()}
    names = [e.meta["name"] for s in expectations.ALL_SUITES for e in s.expectations()]
    assert len(every) == len(names), "expectation names repeat within a suite"
    assert every == {c.id for c in CASES + RUN_CASES}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_a_bad_row_fails_its_expectation_and_is_quarantined(cases_run, case):
    batch, dq, failed, q, where = cases_run
    table, rows = where[case.id]
    got = failed[table].filter(pl.col(ROW).is_in(rows))
    assert case.expectation in set(got["expectation"]), got
    # the good row of the table fails nothing
    assert failed[table].filter(pl.col(ROW) == 0).height == 0
    result = dq.filter((pl.col("suite") == table) & (pl.col("expectation") == case.expectation)).row(0, named=True)
    assert result["success"] is False and result["unexpected_count"] >= len(rows)
    # quarantined with that expectation's name, not loaded
    key = expectations.KEYS[table]
    keys = [key_text(batch.table(table).row(r, named=True), key) for r in rows]
    mine = q.rows.filter((pl.col("table_name") == table) & (pl.col("expectation") == case.expectation))
    if keys[0] is None:
        assert mine.filter(pl.col("row_key").str.contains(f"row {rows[0]} ")).height == 1
    else:
        mine = mine.filter(pl.col("row_key") == keys[0])
        assert mine.height == len(rows)
        assert keys[0] not in key_texts(q.batch.table(table), key)
        assert key_text(json.loads(mine["row_data"][0]), key) == keys[0]


def test_the_good_rows_are_loaded_next_to_the_bad_ones(cases_run):
    _, _, _, q, _ = cases_run
    assert "c1" in q.batch.claims["claim_id"].to_list()
    assert AID in q.batch.articles["article_id"].to_list()
    assert {"em1", "dm1"} <= set(q.batch.entity_mentions["mention_id"]) | set(q.batch.date_mentions["mention_id"])


def test_suite_parameters_follow_the_run(gx_dir):
    """min_words and today are run parameters, not baked into the stored suites."""
    batch = batch_of(good_rows())
    dq, failed, _ = run_suites(batch, gx_dir=gx_dir, run_id="p", today=date(2024, 3, 1), min_words=500)
    failing = set(dq.filter(~pl.col("success"))["expectation"])
    assert {"body_clean_min_words", "published_date_in_range", "event_date_in_range"} <= failing


def test_an_expectation_gx_cannot_evaluate_is_a_failure_with_its_error(gx_dir):
    rows = good_rows()
    rows["events"][0]["event_date"] = "last spring"  # a string where a date belongs
    dq, failed, _ = run_suites(batch_of(rows), gx_dir=gx_dir, run_id="error", today=TODAY, min_words=20)
    bad = dq.filter(~pl.col("success")).row(0, named=True)
    assert (bad["suite"], bad["expectation"], bad["unexpected_count"]) == ("events", "event_date_in_range", None)
    assert "error" in json.loads(bad["unexpected_sample"])
    assert dq.filter(~pl.col("success")).height == 1 and failed == {}


# ---------------------------------------------------------------- run-record suites
# pipeline_runs (the run's own row) and dq_results (the data suites' results):
# a failure is recorded, and no row is held back.

COUNTS = {"files_seen": 3, "files_new": 1, "files_changed": 0, "files_unchanged": 1, "files_skipped": 0,
          "files_rejected": 1, "files_duplicate": 0, "rows_quarantined": 0, "expectations_failed": 0}


def good_records() -> dict[str, list[dict]]:
    return {
        "pipeline_runs": [{"run_id": RUN, "status": "success", **COUNTS}],
        "dq_results": [{"run_id": RUN, "suite": "claims", "expectation": "claim_id_unique", "column_name": "claim_id",
                        "success": True, "element_count": 1, "unexpected_count": 0, "unexpected_sample": "[]",
                        "evaluated_at": datetime(2024, 6, 1, 12)}],
    }


RUN_KEYS = {s.TABLE: s.KEY for s in expectations.RUN_SUITES}
RUN_CASES = [
    Case("pipeline_runs", "run_id_not_null", {"run_id": N}),
    Case("pipeline_runs", "run_id_unique", copies=2),
    Case("pipeline_runs", "status_in_vocabulary", {"status": "done"}),
    *[Case("pipeline_runs", f"{c}_not_negative", {c: -1}) for c in COUNTS],
    Case("pipeline_runs", "files_seen_accounted_for", {"files_seen": 7}),
    *[Case("dq_results", f"{c}_not_null", {c: N}) for c in ("run_id", "suite", "expectation", "success",
                                                              "evaluated_at")],
    Case("dq_results", "run_id_is_the_runs", {"run_id": "another-run"}),
    Case("dq_results", "suite_in_vocabulary", {"suite": "pipeline_runs"}),
    Case("dq_results", "suite_expectation_unique", copies=2),
    Case("dq_results", "element_count_not_negative", {"element_count": -1}),
    Case("dq_results", "unexpected_count_not_negative", {"unexpected_count": -1, "success": False}),
    Case("dq_results", "success_agrees_with_unexpected_count", {"success": False, "unexpected_count": 0}),
]


@pytest.fixture(scope="module")
def run_cases_run(gx_dir):
    rows = good_records()
    where: dict[str, tuple[str, list[int]]] = {}
    for n, case in enumerate(RUN_CASES):
        row = {**rows[case.table][0], RUN_KEYS[case.table]: f"case-{n}", **case.patch}
        start = len(rows[case.table])
        rows[case.table].extend(dict(row) for _ in range(case.copies))
        where[case.id] = (case.table, list(range(start, start + case.copies)))
    dq, failed, _ = run_suites(batch_of(rows), gx_dir=gx_dir, run_id="run-cases", today=TODAY, min_words=20,
                               suites=expectations.RUN_SUITES)
    return dq, failed, where


def test_good_run_records_pass_every_run_record_expectation(gx_dir):
    dq, failed, ids = run_suites(batch_of(good_records()), gx_dir=gx_dir, run_id="good-records", today=TODAY,
                                 min_words=20, suites=expectations.RUN_SUITES)
    assert dq.filter(~pl.col("success")).select("suite", "expectation").to_dicts() == []
    assert failed == {}
    assert set(dq.select("suite", "expectation").iter_rows()) == {
        (s.TABLE, e.meta["name"]) for s in expectations.RUN_SUITES for e in s.expectations()}
    assert len(ids) == 2


def test_the_data_suites_results_of_a_run_pass_the_dq_results_suite(gx_dir):
    """What run_suites itself writes is what the dq_results suite accepts (with a failure among them)."""
    rows = good_rows()
    rows["claims"].append({**rows["claims"][0], "claim_id": "c2", "qualifier": "roughly"})
    dq, failed, _ = run_suites(batch_of(rows), gx_dir=gx_dir, run_id="real", today=TODAY, min_words=20)
    assert dq.filter(~pl.col("success"))["expectation"].to_list() == ["qualifier_in_vocabulary"]
    records = Batch(pipeline_runs=pl.DataFrame([{"run_id": "real", "status": "success", **COUNTS}]), dq_results=dq)
    checked, _, _ = run_suites(records, gx_dir=gx_dir, run_id="real", today=TODAY, min_words=20,
                               suites=expectations.RUN_SUITES)
    assert checked.filter(~pl.col("success")).to_dicts() == []


@pytest.mark.parametrize("case", RUN_CASES, ids=lambda c: c.id)
def test_a_bad_run_record_fails_its_expectation(run_cases_run, case):
    dq, failed, where = run_cases_run
    table, rows = where[case.id]
    got = failed[table].filter(pl.col(ROW).is_in(rows))
    assert case.expectation in set(got["expectation"]), got
    assert failed[table].filter(pl.col(ROW) == 0).height == 0  # the good record fails nothing
    result = dq.filter((pl.col("suite") == table) & (pl.col("expectation") == case.expectation)).row(0, named=True)
    assert result["success"] is False and result["unexpected_count"] >= len(rows)


def test_run_record_suites_quarantine_nothing():
    assert all(not getattr(s, "QUARANTINE", True) for s in expectations.RUN_SUITES)
    assert not set(RUN_KEYS) & set(expectations.KEYS)  # split() quarantines by KEYS: the data tables only


@pytest.mark.parametrize("value,ok", [("21:40", True), ("00:03", True), ("24:00", True), ("NI", True), ("MO", True),
                                      ("24:30", False), ("9:15", False), ("9:15 p.m.", False), ("night", False)])
def test_event_time_form_takes_what_the_timex_code_writes(value, ok):
    """TimeML writes midnight as 24:00 (the timex code does too): a valid event_time, not a quarantined article."""
    import re

    from expectations.articles import EVENT_TIME_FORM

    assert bool(re.match(EVENT_TIME_FORM, value)) is ok


@pytest.mark.parametrize("row,key,text", [
    ({"source_path": "/in/a.txt"}, "source_path", "/in/a.txt"),
    ({"source_path": "/in/feed.jsonl", "source_record": "line 3"}, ("source_path", "source_record"),
     "/in/feed.jsonl [line 3]"),
    ({"source_path": "/in/crawl.warc", "source_record": "<urn:uuid:1>"}, ("source_path", "source_record"),
     "/in/crawl.warc [<urn:uuid:1>]"),
    ({"source_path": "/in/feed.jsonl", "source_record": None}, ("source_path", "source_record"), None),
    ({"article_id": None}, "article_id", None),
])
def test_a_row_key_is_the_value_or_path_and_record(row, key, text):
    assert key_text(row, key) == text


def test_a_record_that_fails_keeps_its_file_rows_and_the_other_records():
    """A bad record of a multi-record file is quarantined as "path [record]"; the file's own
    ledger row and the file's good records are written."""
    rows = good_rows()
    rows["source_records"].append({**rows["source_records"][0], "source_record": "line 9", "status": "lost"})
    batch = batch_of(rows)
    q = split(batch, expectations.KEYS, {"source_records": pl.DataFrame(
        {ROW: [2], "expectation": ["status_in_vocabulary"]}, schema={ROW: pl.UInt32, "expectation": pl.String})},
        run_id="r", at=datetime(2024, 6, 1))
    assert q.rows.select("table_name", "row_key", "expectation").to_dicts() == [
        {"table_name": "source_records", "row_key": "/in/feed.jsonl [line 9]", "expectation": "status_in_vocabulary"}]
    assert q.batch.source_records["source_record"].to_list() == ["line 1", "line 2"]
    assert q.batch.source_files.height == 1
