"""The BI views (warehouse/views/*.sql): hand-made rows with known answers, then the seeds.

Expected values come from DESIGN.md's rules and from reading the seed articles, never
from running the views: e.g. killed on the seeds is "more than 60" (000, low 61),
"at least 60" (001), "at least 62" (003, undated) and "at least 40" (004), so the
conservative value is 40 and the maximum 62.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import duckdb
import polars as pl
import pytest

from tests.conftest import ROOT, query
from transforms.claims.choice import choose
from transforms.evaluation import best_values
from warehouse import loader

E1, E2 = "ev1", "ev2"


# ---------------------------------------------------------------- hand-made warehouse


def _article(con, aid, published, event_id, title=None):
    con.execute(
        "insert into articles (article_id, source_path, title, published_date, published_date_source, "
        "event_date_source, body_raw, body_clean, word_count, content_sha256, event_id, run_id, ingested_at) "
        "values (?, ?, ?, ?, ?, 'none', 'b', 'b', 1, ?, ?, 'r1', ?)",
        [aid, f"/in/{aid}.txt", title, published, "header" if published else "none", aid * 4, event_id,
         datetime(2024, 1, 3)])


def _claim(con, cid, aid, ctype, qualifier, stated, low, high, surface, *, hedged=False, in_title=False,
           attributed_to=None, event_id=None, negated=False, is_background=False):
    published = con.execute("select published_date from articles where article_id = ?", [aid]).fetchone()[0]
    con.execute(
        "insert into claims (claim_id, article_id, event_id, claim_type, value_stated, value_low, value_high, "
        "qualifier, surface, char_start, char_end, hedged, negated, in_title, attributed_to, published_date, "
        "is_background) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 1, ?, ?, ?, ?, ?, ?)",
        [cid, aid, event_id, ctype, stated, low, high, qualifier, surface, hedged, negated, in_title,
         attributed_to, published, is_background])


def _choose_figures(con):
    """The extraction sets the article's figure on every claim (transforms/claims/choice.py); so do the fixtures."""
    flags = choose(loader.read_frame(con, "select * from claims"))
    for cid, flag, rule in flags.select("claim_id", "is_article_figure", "choice_rule").iter_rows():
        con.execute("update claims set is_article_figure = ?, choice_rule = ? where claim_id = ?", [flag, rule, cid])


@pytest.fixture(scope="module")
def mart(tmp_path_factory):
    """Two events. E1: three dated reports (two on the last day, disagreeing) and one undated;
    E2: one undated report only."""
    db = tmp_path_factory.mktemp("views") / "w.duckdb"
    con = loader.connect(db)
    loader.ensure_schema(con)
    con.execute("insert into events (event_id, label, event_date, location_entity_id, article_count) values "
                "('ev1', 'Blast, Springfield, 2024-01-01', '2024-01-01', 'x3', 4), "
                "('ev2', 'Fire, Shelbyville', null, null, 1)")
    _article(con, "a1", date(2024, 1, 1), E1, title="Blast kills 12")
    _article(con, "a2", date(2024, 1, 2), E1)
    _article(con, "a3", date(2024, 1, 2), E1)
    _article(con, "a4", None, E1)
    _article(con, "a5", None, E2)
    _claim(con, "c1", "a1", "killed", "at_least", 10, 10, None, "at least 10", hedged=True)
    _claim(con, "c2", "a1", "killed", "exact", 12, 12, 12, "12", in_title=True)
    _claim(con, "c3", "a1", "injured", "vague", None, 24, None, "dozens")
    _claim(con, "c4", "a2", "killed", "more_than", 15, 16, None, "more than 15", attributed_to="x1")
    _claim(con, "c5", "a3", "killed", "exact", 14, 14, 14, "14")
    _claim(con, "c6", "a3", "injured", "range", None, 10, 12, "between 10 and 12")
    _claim(con, "c7", "a4", "killed", "exact", 20, 20, 20, "20")
    _claim(con, "c8", "a5", "killed", "about", 3, 3, 3, "about three")
    _claim(con, "c9", "a5", "injured", "exact", 0, 0, 0, "no one was injured", negated=True)
    # "the county's 300th homicide this year": about other incidents, counted nowhere
    _claim(con, "c10", "a2", "killed", "exact", 300, 300, 300, "300th", is_background=True)
    _claim(con, "c11", "a2", "detained", "exact", 2, 2, 2, "two", is_background=True)
    con.execute("insert into entities (entity_id, canonical_name, entity_type, aliases, article_count, "
                "mention_count) values ('x1', 'Health Ministry', 'ORG', [], 2, 3), "
                "('x2', 'Alpha Brigade', 'ORG', [], 2, 3), ('x3', 'Springfield', 'GPE', [], 3, 4)")
    mentions = [("a1", "x1"), ("a1", "x2"), ("a1", "x2"), ("a2", "x1"), ("a2", "x2"), ("a2", "x3"),
                ("a3", "x3"), ("a4", "x3"), ("a4", None)]
    for i, (aid, eid) in enumerate(mentions):
        con.execute("insert into entity_mentions (mention_id, article_id, entity_id, surface, char_start, char_end, "
                    "label) values (?, ?, ?, 's', 0, 1, 'ORG')", [f"m{i}", aid, eid])
    _choose_figures(con)
    con.close()
    return db


def rows(db, sql, params=None) -> list[dict]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        cur = con.execute(sql, params or [])
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r)) for r in cur.fetchall()]
    finally:
        con.close()


def pick(row: dict, *cols) -> tuple:
    return tuple(row[c] for c in cols)


@pytest.mark.parametrize("article, claim_type, best, qualifier, n_claims", [
    ("a1", "killed", 12, "exact", 2),       # the largest value_low of the article wins
    ("a1", "injured", 24, "vague", 1),
    ("a2", "killed", 16, "more_than", 1),  # "more than 15" -> low 16; the background 300 is not counted
    ("a3", "injured", 10, "range", 1),
    ("a5", "injured", 0, "exact", 1),      # a negated figure is a report of zero
])
def test_article_figures_best_value(mart, article, claim_type, best, qualifier, n_claims):
    got = rows(mart, "select * from article_figures where article_id = ? and claim_type = ?", [article, claim_type])
    assert [pick(r, "best_value", "best_qualifier", "n_claims") for r in got] == [(best, qualifier, n_claims)]


def test_article_figures_has_no_row_for_a_type_an_article_does_not_report(mart):
    assert rows(mart, "select * from article_figures where article_id = 'a2' and claim_type = 'injured'") == []


COLS = ("n_articles", "conservative_value", "max_value", "latest_value", "latest_published", "spread",
        "is_conflicting", "latest_is_tied", "n_undated_articles")


@pytest.mark.parametrize("event, claim_type, expected", [
    # 12, 16, 14 dated, 20 undated; the latest day (Jan 2) has 16 and 14: the largest, flagged tied.
    # 14 and "more than 15" on the same day cannot both hold, nor can the undated exact 20 and 12: conflicting
    (E1, "killed", (4, 12, 20, 16, date(2024, 1, 2), 8, True, True, 1)),
    # "dozens" (>= 24) on Jan 1, "between 10 and 12" on Jan 2: the figure would have fallen
    (E1, "injured", (2, 10, 24, 10, date(2024, 1, 2), 14, True, False, 0)),
    # no dated article at all: the undated one is the latest
    (E2, "killed", (1, 3, 3, 3, None, 0, False, False, 1)),
])
def test_claim_consensus(mart, event, claim_type, expected):
    got = rows(mart, "select * from claim_consensus where event_id = ? and claim_type = ?", [event, claim_type])
    assert [pick(r, *COLS) for r in got] == [expected]
    assert got[0]["event_label"] is not None


def test_claim_consensus_conflicting_reports_have_no_range(mart):
    got = rows(mart, "select * from claim_consensus where event_id = 'ev1' and claim_type = 'killed'")
    # 12 (Jan 1) -> 14 and more than 15 (Jan 2) are revisions as well, but the conflicts leave no range
    assert pick(got[0], "range_low", "range_high", "is_revision") == (None, None, True)
    got = rows(mart, "select * from claim_consensus where event_id = 'ev2' and claim_type = 'killed'")
    assert pick(got[0], "range_low", "range_high", "is_conflicting", "is_revision") == (3, 3, False, False)


def test_claim_timeline_compares_each_report_with_the_previous_day_and_puts_undated_last(mart):
    got = rows(mart, "select * from claim_timeline where event_id = 'ev1' and claim_type = 'killed' "
                     "order by report_number")
    cols = ("article_id", "report_number", "is_dated", "best_value", "day_value", "previous_value",
            "previous_published", "change_from_previous", "contradicts_previous", "running_max")
    assert [pick(r, *cols) for r in got] == [
        ("a1", 1, True, 12, 12, None, None, None, False, 12),
        # a2 and a3 share Jan 2 (ordered by article_id): both against Jan 1's 12, not against each other
        ("a2", 2, True, 16, 16, 12, date(2024, 1, 1), 4, False, 16),
        ("a3", 3, True, 14, 16, 12, date(2024, 1, 1), 2, False, 16),
        ("a4", 4, False, 20, None, None, None, None, False, 20),  # undated: its place in the sequence is unknown
    ]


# ---------------------------------------------------------------- interval rules, one event per case

# (published day of March 2024 or None, qualifier, value_low, value_high) per article
CONSENSUS_CASES = {
    # seeds-like: more than 60, at least 60, at least 40 and an undated at least 62 are compatible lower bounds
    "lower-bounds": ([(22, "more_than", 61, None), (23, "at_least", 60, None), (23, "at_least", 40, None),
                      (None, "at_least", 62, None)], (62, None, False, False)),
    # an at_least figure is open above even when the claim carries a high bound (a derived bound)
    "at-least-open": ([(22, "at_least", 60, 60), (22, "exact", 62, 62)], (62, 62, False, False)),
    "more-than-open": ([(22, "more_than", 61, 61), (23, "exact", 70, 70)], (70, 70, False, False)),
    # a toll that rose: 40 on day one, 62 the next: a revision, the range is the later figure
    "toll-rose": ([(22, "exact", 40, 40), (23, "exact", 62, 62)], (62, 62, False, True)),
    "toll-rose-to-lower-bound": ([(22, "exact", 40, 40), (24, "at_least", 62, None)], (62, None, False, True)),
    # the same figures in the other order: a toll does not fall, so this is a conflict
    "toll-fell": ([(22, "exact", 62, 62), (23, "exact", 40, 40)], (None, None, True, False)),
    # 62 exact vs 40 exact on one day
    "same-day-exact": ([(22, "exact", 62, 62), (22, "exact", 40, 40)], (None, None, True, False)),
    # 3 vs 5 vs 4 attackers
    "attackers": ([(22, "exact", 3, 3), (22, "exact", 5, 5), (23, "exact", 4, 4)], (None, None, True, True)),
    # an undated exact figure cannot be placed before or after: a difference is a conflict
    "undated-exact": ([(22, "exact", 10, 10), (None, "exact", 12, 12)], (None, None, True, False)),
    # ranges and bounds that overlap narrow each other
    "ranges-overlap": ([(22, "range", 10, 12), (22, "exact", 11, 11), (23, "at_least", 9, None)],
                       (11, 11, False, False)),
    "at-most": ([(22, "at_most", 0, 20), (23, "at_least", 5, None), (23, "about", 10, 10)], (10, 10, False, False)),
    "at-most-below-lower-bound": ([(22, "at_least", 30, None), (22, "less_than", 0, 19)], (None, None, True, False)),
    "single": ([(None, "exact", 7, 7)], (7, 7, False, False)),
}


@pytest.fixture(scope="module")
def consensus_mart(tmp_path_factory):
    db = tmp_path_factory.mktemp("consensus") / "w.duckdb"
    con = loader.connect(db)
    loader.ensure_schema(con)
    for case, (reports, _) in CONSENSUS_CASES.items():
        con.execute("insert into events (event_id, label, article_count) values (?, ?, ?)",
                    [case, case, len(reports)])
        for i, (day, qualifier, low, high) in enumerate(reports):
            aid = f"{case}-{i}"
            _article(con, aid, date(2024, 3, day) if day else None, case)
            _claim(con, f"c-{aid}", aid, "killed", qualifier, low, low, high, f"{qualifier} {low}", event_id=case)
    _choose_figures(con)
    con.close()
    return db


@pytest.mark.parametrize("case", list(CONSENSUS_CASES))
def test_claim_consensus_interval_rules(consensus_mart, case):
    expected = CONSENSUS_CASES[case][1]
    got = rows(consensus_mart, "select * from claim_consensus where event_id = ?", [case])
    assert [pick(r, "range_low", "range_high", "is_conflicting", "is_revision") for r in got] == [expected]


def test_claim_consensus_keeps_the_acled_max_latest_and_spread_figures(consensus_mart):
    got = rows(consensus_mart, "select * from claim_consensus where event_id = 'toll-rose'")[0]
    assert pick(got, "conservative_value", "max_value", "latest_value", "spread") == (40, 62, 62, 22)


def test_claim_timeline_same_day_reports_do_not_swing(consensus_mart):
    # lower-bounds: 61 on the 22nd; 60 and 40 on the 23rd are each compared with the 22nd's 61
    got = rows(consensus_mart, "select * from claim_timeline where event_id = 'lower-bounds' order by report_number")
    assert [pick(r, "article_id", "previous_value", "change_from_previous", "contradicts_previous") for r in got] == [
        ("lower-bounds-0", None, None, False),
        ("lower-bounds-1", 61, -1, False),  # at least 60 after more than 60: a weaker bound, no contradiction
        ("lower-bounds-2", 61, -21, False),
        ("lower-bounds-3", None, None, False),  # undated
    ]
    got = rows(consensus_mart, "select * from claim_timeline where event_id = 'toll-fell' order by report_number")
    assert [pick(r, "previous_value", "change_from_previous", "contradicts_previous") for r in got] == [
        (None, None, False), (62, -22, True)]


def test_entity_cooccurrence_counts_shared_articles_once_per_unordered_pair(mart):
    got = rows(mart, "select * from entity_cooccurrence order by entity_a_name, entity_b_name")
    cols = ("entity_a_name", "entity_b_name", "n_articles", "n_events", "mentions_a", "mentions_b", "jaccard")
    assert [pick(r, *cols) for r in got] == [
        # Alpha Brigade: a1 (twice), a2; Health Ministry: a1, a2; Springfield: a2, a3, a4
        ("Alpha Brigade", "Health Ministry", 2, 1, 3, 2, 1.0),
        ("Alpha Brigade", "Springfield", 1, 1, 1, 1, round(1 / 4, 3)),
        ("Health Ministry", "Springfield", 1, 1, 1, 1, round(1 / 4, 3)),
    ]


def test_event_sources_counts_articles_dates_and_reporting_per_claim_type(mart):
    got = {r["event_id"]: r for r in rows(mart, "select * from event_sources")}
    cols = ("n_articles", "n_dated_articles", "n_undated_articles", "first_published", "last_published",
            "days_covered", "articles_killed", "articles_injured", "articles_detained", "location_name")
    assert pick(got[E1], *cols) == (4, 3, 1, date(2024, 1, 1), date(2024, 1, 2), 1, 4, 2, 0, "Springfield")
    assert pick(got[E2], *cols) == (1, 0, 1, None, None, None, 1, 1, 0, None)
    assert got[E1]["articles_by_claim_type"] == {"injured": 2, "killed": 4}


@pytest.mark.parametrize("claim, value_label, best", [
    ("c1", "at least 10", False),
    ("c2", "12", True),
    ("c3", "dozens (>= 24)", True),
    ("c4", "more than 15", True),
    ("c6", "10-12", True),
    ("c8", "about 3", True),
    ("c10", "300", False),  # background: never the article's best
])
def test_claims_enriched_value_labels_and_best_flag(mart, claim, value_label, best):
    got = rows(mart, "select value_label, is_article_best from claims_enriched where claim_id = ?", [claim])
    assert got == [{"value_label": value_label, "is_article_best": best}]


def test_claims_enriched_is_flat_one_row_per_claim(mart):
    got = {r["claim_id"]: r for r in rows(mart, "select * from claims_enriched")}
    assert len(got) == rows(mart, "select count(*) as n from claims")[0]["n"]
    c4 = got["c4"]
    assert pick(c4, "event_id", "event_label", "source_file", "attributed_entity_name", "is_dated") == \
        (E1, "Blast, Springfield, 2024-01-01", "a2.txt", "Health Ministry", True)
    assert got["c2"]["article_title"] == "Blast kills 12"
    assert got["c7"]["is_dated"] is False and got["c7"]["published_date"] is None


# ---------------------------------------------------------------- seeds (see the module docstring)


def _seed(db, view, where="", params=None):
    return rows(db, f"select v.*, regexp_extract(a.source_path, '(\\d{{3}})_[^/]*$', 1) as seed "
                    f"from {view} v join articles a using (article_id) {where}", params)


@pytest.mark.slow
def test_seeds_article_figures_killed_per_article(seeds_db):
    got = {r["seed"]: r for r in _seed(seeds_db, "article_figures", "where v.claim_type = 'killed'")}
    # 000 "more than 60 fatalities", 001 "at least 60 dead", 003 "At least 62 people were killed",
    # 004 "at least 40 dead"; 002 gives no number ("multiple casualties")
    assert {k: r["best_value"] for k, r in got.items()} == {"000": 61, "001": 60, "003": 62, "004": 40}
    assert pick(got["000"], "best_qualifier", "best_value_stated", "best_value_high") == ("more_than", 60, None)
    assert pick(got["004"], "best_qualifier", "best_value_stated") == ("at_least", 40)
    assert got["001"]["any_hedged"] is True  # "a number that may rise"


def _view_and_eval_agree(db):
    claims = pl.from_arrow(duckdb.connect(str(db), read_only=True).sql("select * from claims").to_arrow_table())
    for kind in ("killed", "injured"):
        view = {r["article_id"]: r["best_value"] for r in rows(
            db, "select article_id, best_value from article_figures where claim_type = ?", [kind])}
        assert dict(best_values(claims, kind).iter_rows()) == view
        assert view  # the run has figures of the type to compare


def test_article_figures_and_eval_agree_on_the_hand_made_warehouse(mart):
    _view_and_eval_agree(mart)


@pytest.mark.slow
def test_article_figures_and_eval_agree_on_the_seeds_run(seeds_db):
    # one definition of the article's figure: the view and `newsclaims eval` read the same flag
    _view_and_eval_agree(seeds_db)


@pytest.mark.slow
def test_seeds_claim_consensus_killed_and_injured(seeds_db):
    got = {r["claim_type"]: r for r in rows(seeds_db, "select * from claim_consensus")}
    assert pick(got["killed"], "n_articles", "conservative_value", "max_value", "spread", "is_conflicting",
                "latest_published", "latest_is_tied", "n_undated_articles") == \
        (4, 40, 62, 22, False, date(2024, 3, 23), True, 1)
    # more than 60, at least 60, at least 40, at least 62: compatible lower bounds, the range is "at least 62"
    assert pick(got["killed"], "range_low", "range_high", "is_revision") == (62, None, False)
    assert got["injured"]["is_conflicting"] is False  # "over 100" three times and "scores": lower bounds
    # "three assailants ... others mentioned five", "all four direct assailants": cannot all be true
    assert got["attackers"]["is_conflicting"] is True
    # 001 (60) and 004 (40) are both from 2024-03-23: the latest value is the larger, flagged as tied
    assert got["killed"]["latest_value"] == 60
    # "over 100 injuries" (000), "over 100 injured" (001, 004) -> 101; 003 "scores were wounded"
    assert pick(got["injured"], "n_articles", "conservative_value") == (4, 101)
    assert got["injured"]["max_value"] >= 101
    assert got["detained"]["max_value"] == 4  # "detained all four direct assailants"
    assert got["capacity"]["max_value"] == 6200  # "the 6,200-seat Crocus City Hall"


@pytest.mark.slow
def test_seeds_claim_timeline_killed(seeds_db):
    got = _seed(seeds_db, "claim_timeline", "where v.claim_type = 'killed' order by v.report_number")
    assert [r["seed"] for r in got][0] == "000" and [r["seed"] for r in got][-1] == "003"
    assert {r["seed"]: (r["published_date"], r["best_value"]) for r in got} == {
        "000": (date(2024, 3, 22), 61), "001": (date(2024, 3, 23), 60),
        "004": (date(2024, 3, 23), 40), "003": (None, 62),
    }
    undated = got[-1]
    assert pick(undated, "is_dated", "previous_value", "change_from_previous", "running_max") == (False, None, None, 62)
    # 001 and 004 (both 2024-03-23) are each compared with 000's 61 of the day before, not with each other
    by_seed = {r["seed"]: r for r in got}
    assert [pick(by_seed[k], "previous_value", "change_from_previous", "contradicts_previous") for k in ("001", "004")] \
        == [(61, -1, False), (61, -21, False)]


@pytest.mark.slow
def test_seeds_event_sources_one_event_five_articles(seeds_db):
    got = rows(seeds_db, "select * from event_sources")
    assert len(got) == 1  # all five seeds report the Crocus City Hall attack
    assert pick(got[0], "n_articles", "n_dated_articles", "n_undated_articles", "first_published",
                "last_published", "articles_killed", "articles_detained") == \
        (5, 3, 2, date(2024, 3, 22), date(2024, 3, 23), 4, 1)


@pytest.mark.slow
def test_seeds_entity_cooccurrence(seeds_db):
    got = {(r["entity_a_name"], r["entity_b_name"]): r["n_articles"]
           for r in rows(seeds_db, "select * from entity_cooccurrence")}
    assert got[("Crocus City Hall", "Moscow")] == 5  # every seed names the hall and the city
    assert got[("Islamic State", "Vladimir Putin")] == 2  # 003 and 004 name both
    assert all(a < b for a, b in got)


@pytest.mark.slow
def test_seeds_claims_enriched_carries_event_and_attribution(seeds_db):
    n_claims = query(seeds_db, "select count(*) from claims")[0][0]
    got = rows(seeds_db, "select * from claims_enriched")
    assert len(got) == n_claims
    assert {r["event_label"] for r in got} == {query(seeds_db, "select label from events")[0][0]}
    # "The Moscow Regional Health Ministry released a list of 145 victims who were hospitalized"
    hospitalized = [r for r in got if r["claim_type"] == "hospitalized"]
    assert [(r["value_low"], r["attributed_entity_name"]) for r in hospitalized] == \
        [(145, "Moscow Regional Health Ministry")]
    # the claims table itself carries its article's event (it was NULL before a re-run)
    assert query(seeds_db, "select count(*) from claims c join articles a using (article_id) "
                           "where c.event_id is distinct from a.event_id")[0][0] == 0


@pytest.mark.slow
def test_the_queries_in_docs_queries_md_run_on_the_seeds(seeds_db):
    blocks = re.findall(r"```sql\n(.*?)```", (ROOT / "docs" / "QUERIES.md").read_text(), re.S)
    assert len(blocks) >= 4
    for sql in blocks:
        assert rows(seeds_db, sql), f"no rows:\n{sql}"
