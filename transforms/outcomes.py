"""Run outcomes: what one run did with every input it saw, and the counts of its summary.

One row per input seen (a listed file, a folder or link the listing rejected, a
file that is not an article), each with exactly one outcome:

- ``skipped``: not an article (README.md, gold.csv, a FIFO ...);
- ``rejected``: rejected by this run (a rejected_inputs row of this run names it);
- ``unchanged``: nothing to do: same stat or same hash as the ledger, or a
  rejection already reported by an earlier run (reported once, not on every run);
- ``duplicate``: read, and its content is an article that already exists (loaded
  earlier, or an earlier path of this run): no second article row;
- ``new``: a path the ledger did not know, now an article;
- ``changed``: a known path with new content, now an article.

The run summary and the pipeline_runs counts come from here and from nowhere
else, so they add up by construction: files_seen = the sum of the six parts,
which is what the pipeline_runs suite's files_seen_accounted_for checks.
Pure: plain values in, a frame and a dict out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import polars as pl

OUTCOMES = ("new", "changed", "unchanged", "duplicate", "rejected", "skipped")
# outcome -> pipeline_runs column
COUNT_COLUMNS = {o: f"files_{o}" for o in OUTCOMES}
OUTCOMES_SCHEMA = {"source_path": pl.String, "outcome": pl.String}


def file_outcomes(
    *,
    listed: Iterable[str],
    skipped: Iterable[str] = (),
    listing_rejected: Iterable[str] = (),
    changes: Mapping[str, str] | None = None,
    rejected: Iterable[str] = (),
    duplicates: Iterable[str] = (),
) -> pl.DataFrame:
    """The outcome of every input a run saw (OUTCOMES_SCHEMA), one row each.

    ``listed``: the candidate article files the listing found; ``skipped``: the
    inputs it found that are not articles; ``listing_rejected``: what it could
    not list (loops, unreadable folders, undecodable names); ``changes``: path ->
    new | changed | unchanged for the files the run read (a listed file not in it
    was unchanged by stat and not read); ``rejected``: paths this run reports as
    rejected (a listing rejection reported by an earlier run is not among them and
    counts as unchanged); ``duplicates``: read paths whose content is an existing
    article. Precedence for a path in several: rejected, duplicate, the change.
    """
    changes = changes or {}
    rejected, duplicates = set(rejected), set(duplicates)
    rows: dict[str, str] = {}
    for path in skipped:
        rows[path] = "skipped"
    for path in listing_rejected:
        rows[path] = "rejected" if path in rejected else "unchanged"
    for path in listed:
        if path in rejected:
            rows[path] = "rejected"
        elif path in duplicates:
            rows[path] = "duplicate"
        else:
            change = changes.get(path, "unchanged")
            if change not in ("new", "changed", "unchanged"):
                raise ValueError(f"unknown change {change!r} for {path}")
            rows[path] = change
    return pl.DataFrame({"source_path": list(rows), "outcome": list(rows.values())}, schema=OUTCOMES_SCHEMA)


def duplicates_of(source_files: pl.DataFrame, changes: Mapping[str, str]) -> set[str]:
    """Paths this run read with new content that the ledger rows it writes call duplicates."""
    if not source_files.height or "status" not in source_files.columns:
        return set()
    read_now = [p for p, c in changes.items() if c != "unchanged"]
    return set(
        source_files.filter(pl.col("source_path").is_in(read_now) & (pl.col("status") == "duplicate"))
        ["source_path"].to_list()
    )


def run_counts(outcomes: pl.DataFrame) -> dict[str, int]:
    """pipeline_runs' file counts: files_seen and one column per outcome (they add up)."""
    per = dict(outcomes.group_by("outcome").len().iter_rows()) if outcomes.height else {}
    unknown = set(per) - set(OUTCOMES)
    if unknown:
        raise ValueError(f"unknown outcome(s): {', '.join(sorted(unknown))}")
    counts = {"files_seen": outcomes.height}
    counts.update({COUNT_COLUMNS[o]: int(per.get(o, 0)) for o in OUTCOMES})
    return counts
