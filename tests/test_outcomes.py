"""Run counts that add up: one outcome per input (transforms/outcomes.py), per combination, and in
real runs over a folder with duplicates, rejects and non-articles (the run's own
pipeline_runs.files_seen_accounted_for expectation passes)."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import SEEDS, query, run_pipeline
from transforms.outcomes import OUTCOMES, file_outcomes, run_counts


# listed files, what the run read of them (change), rejected paths, duplicate paths -> expected outcomes
CASES = [
    ("one new file", dict(listed=["a"], changes={"a": "new"}), {"a": "new"}),
    ("unchanged by stat: not read", dict(listed=["a"]), {"a": "unchanged"}),
    ("unchanged by hash", dict(listed=["a"], changes={"a": "unchanged"}), {"a": "unchanged"}),
    ("changed", dict(listed=["a"], changes={"a": "changed"}), {"a": "changed"}),
    ("a new file that is rejected is only rejected",
     dict(listed=["a", "e"], changes={"a": "new", "e": "new"}, rejected=["e"]), {"a": "new", "e": "rejected"}),
    ("a new copy is only a duplicate",
     dict(listed=["a", "b"], changes={"a": "new", "b": "new"}, duplicates=["b"]), {"a": "new", "b": "duplicate"}),
    ("a changed file now holding another's content is a duplicate",
     dict(listed=["a", "b"], changes={"a": "changed"}, duplicates=["a"]), {"a": "duplicate", "b": "unchanged"}),
    ("a changed file now rejected",
     dict(listed=["a"], changes={"a": "changed"}, rejected=["a"]), {"a": "rejected"}),
    ("not an article", dict(listed=[], skipped=["README.md"]), {"README.md": "skipped"}),
    ("a listing rejection reported now",
     dict(listed=[], listing_rejected=["loop"], rejected=["loop"]), {"loop": "rejected"}),
    ("a listing rejection reported by an earlier run", dict(listed=[], listing_rejected=["loop"]),
     {"loop": "unchanged"}),
    ("all at once",
     dict(listed=["n", "c", "u", "d", "r"], skipped=["s.md"], listing_rejected=["loop"],
          changes={"n": "new", "c": "changed", "d": "new", "r": "new"}, rejected=["r", "loop"], duplicates=["d"]),
     {"n": "new", "c": "changed", "u": "unchanged", "d": "duplicate", "r": "rejected", "s.md": "skipped",
      "loop": "rejected"}),
]


@pytest.mark.parametrize("inputs, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_every_input_has_one_outcome_and_the_counts_add_up(inputs, expected):
    outcomes = file_outcomes(**inputs)
    assert dict(outcomes.iter_rows()) == expected
    counts = run_counts(outcomes)
    assert counts["files_seen"] == len(expected) == sum(counts[f"files_{o}"] for o in OUTCOMES)
    for o in OUTCOMES:
        assert counts[f"files_{o}"] == sum(v == o for v in expected.values())


def test_an_unknown_change_is_an_error_not_a_miscount():
    with pytest.raises(ValueError, match="unknown change"):
        file_outcomes(listed=["a"], changes={"a": "moved"})


# ---------------------------------------------------------------- real runs

RUN_COLUMNS = ("files_seen", "files_new", "files_changed", "files_unchanged", "files_duplicate", "files_rejected",
               "files_skipped")


def _run_row(db, run_id):
    return dict(zip(RUN_COLUMNS, query(db, f"select {', '.join(RUN_COLUMNS)} from pipeline_runs where run_id = ?",
                                       [run_id])[0]))


def _accounted_for(db, run_id):
    return query(db, "select success from dq_results where run_id = ? and suite = 'pipeline_runs' "
                     "and expectation = 'files_seen_accounted_for'", [run_id])


def _counts(s):
    return {c: getattr(s, c) for c in RUN_COLUMNS}


def test_runs_over_duplicates_rejects_and_non_articles_add_up(tmp_path):
    inp = tmp_path / "in"
    inp.mkdir()
    a, b, c = sorted(SEEDS.glob("*.txt"))[:3]
    shutil.copy(a, inp / "a.txt")
    shutil.copy(a, inp / "a_copy.txt")  # same content: a duplicate
    (inp / "empty.txt").write_bytes(b"")  # rejected: empty_file
    (inp / ".notes.txt").write_text("a hidden file, not an article")  # skipped (hidden)
    shutil.copy(b, inp / "b.txt")
    db = tmp_path / "w.duckdb"

    first = run_pipeline([inp], db)
    assert _counts(first) == dict(files_seen=5, files_new=2, files_changed=0, files_unchanged=0,
                                  files_duplicate=1, files_rejected=1, files_skipped=1)
    assert _run_row(db, first.run_id) == _counts(first)
    assert _accounted_for(db, first.run_id) == [(True,)]
    assert first.skipped == [str(inp / ".notes.txt")]

    # b.txt edited (to c's text), and a new copy of that text: changed 1, duplicate 1
    shutil.copy(c, inp / "b.txt")
    shutil.copy(c, inp / "c_again.txt")
    second = run_pipeline([inp], db)
    assert _counts(second) == dict(files_seen=6, files_new=0, files_changed=1, files_unchanged=3,
                                   files_duplicate=1, files_rejected=0, files_skipped=1)
    assert _run_row(db, second.run_id) == _counts(second)
    assert _accounted_for(db, second.run_id) == [(True,)]

    third = run_pipeline([inp], db)  # nothing to do: every file unchanged or skipped
    assert _counts(third) == dict(files_seen=6, files_new=0, files_changed=0, files_unchanged=5,
                                  files_duplicate=0, files_rejected=0, files_skipped=1)
    assert _run_row(db, third.run_id) == _counts(third)


def test_strict_fails_on_a_run_record_expectation_too(tmp_path):
    """A run row whose counts do not add up fails the run-record suite, and --strict fails on that alone."""
    from datetime import date
    from types import SimpleNamespace

    import polars as pl

    from flows.settings import get_settings
    from flows.summary import strict_failure
    from flows.validate import validate_plan
    from warehouse.loader import LoadPlan

    plan = LoadPlan(run_id="r-strict")
    plan.run_fields = {"files_seen": 3, "files_new": 1, "files_changed": 0, "files_unchanged": 0,
                       "files_skipped": 0, "files_rejected": 0, "files_duplicate": 0}
    state = SimpleNamespace(articles=pl.DataFrame(), entity_mentions=pl.DataFrame())
    _, dq = validate_plan(plan, state, get_settings(db=tmp_path / "w.duckdb"), date(2024, 6, 1))
    assert dq.failed == {"pipeline_runs.files_seen_accounted_for": 1}
    why = strict_failure(0, [], dq)
    assert why is not None and "pipeline_runs.files_seen_accounted_for" in why
    assert strict_failure(2, ["empty_file", "too_large", "empty_file"]) == \
        "--strict: 2 input(s) rejected (empty_file, too_large)"
    ok = SimpleNamespace(expectations_failed=0)
    assert strict_failure(0, [], ok) is None
