"""What every suite is made of: the batch it checks, named expectations, helper columns.

A suite module (one per table) has ``TABLE``, ``KEY`` (the row key written to
quarantine), ``frame(batch)`` and ``expectations()``:

- ``frame`` returns the table's rows of this batch, in the batch's order, with
  only the columns the expectations read plus helper columns that Polars
  computes across frames (a foreign key resolves, a span slices back to its
  surface). Great Expectations then checks the helper column, so cross-frame
  rules land in its results and Data Docs like any other expectation.
- ``expectations`` returns GX Core expectations, each made with ``expect``:
  its ``meta`` carries a stable, meaningful name (``dq_results.expectation``,
  ``quarantine.expectation``) and the table column it is about.

Values that change per run (today's date, Settings.min_words) are GX suite
parameters (``$PARAMETER``), so the suites themselves do not change between runs.

Pure: frames in, frames and expectation objects out; no GX context, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import great_expectations.expectations as gxe
import polars as pl

# Suite parameters, given values by the runner on every run.
TODAY = {"$PARAMETER": "today"}
MIN_WORDS = {"$PARAMETER": "min_words"}
EARLIEST_DATE = datetime(1900, 1, 1)
# A count above this is not a plausible figure for people in one incident.
MAX_PEOPLE = 100_000
# Crowds and halls are larger than casualty counts, not unbounded.
MAX_CROWD = 10_000_000


@dataclass
class Batch:
    """Everything one run is about to commit, one frame per table (any may be empty)."""

    articles: pl.DataFrame = field(default_factory=pl.DataFrame)
    date_mentions: pl.DataFrame = field(default_factory=pl.DataFrame)
    entity_mentions: pl.DataFrame = field(default_factory=pl.DataFrame)
    claims: pl.DataFrame = field(default_factory=pl.DataFrame)
    victims: pl.DataFrame = field(default_factory=pl.DataFrame)
    entities: pl.DataFrame = field(default_factory=pl.DataFrame)  # the whole table (replaced)
    events: pl.DataFrame = field(default_factory=pl.DataFrame)  # the whole table (replaced)
    event_id_history: pl.DataFrame = field(default_factory=pl.DataFrame)
    source_files: pl.DataFrame = field(default_factory=pl.DataFrame)
    source_records: pl.DataFrame = field(default_factory=pl.DataFrame)
    rejected_inputs: pl.DataFrame = field(default_factory=pl.DataFrame)
    # the run records, for the run-record suites: the run's row and the data suites' results
    pipeline_runs: pl.DataFrame = field(default_factory=pl.DataFrame)
    dq_results: pl.DataFrame = field(default_factory=pl.DataFrame)
    # article_id, published_date of the articles already loaded that stay loaded
    loaded_articles: pl.DataFrame = field(default_factory=pl.DataFrame)

    def table(self, name: str) -> pl.DataFrame:
        return getattr(self, name)

    def article_ids(self) -> pl.Series:
        """Ids a child row may point at: the batch's articles and the loaded ones."""
        return pl.concat([_col(self.articles, "article_id"), _col(self.loaded_articles, "article_id")])

    def bodies(self) -> pl.DataFrame:
        """article_id, body_clean of the batch's articles (new child rows belong to them)."""
        if not self.articles.height:
            return pl.DataFrame(schema={"article_id": pl.String, "body_clean": pl.String})
        return self.articles.select("article_id", "body_clean").unique("article_id", keep="first")

    def published(self) -> pl.DataFrame:
        """article_id, published_date of every article a claim may belong to."""
        frames = [f.select("article_id", "published_date") for f in (self.articles, self.loaded_articles)
                  if f.height]
        if not frames:
            return pl.DataFrame(schema={"article_id": pl.String, "published_date": pl.Date})
        return pl.concat(frames, how="vertical_relaxed").unique("article_id", keep="first")


def pick(frame: pl.DataFrame, *names: str) -> pl.DataFrame:
    """``frame``'s columns ``names``; a column the frame lacks comes back all NULL (the rules then say so)."""
    return frame.select([pl.col(n) if n in frame.columns else pl.lit(None).alias(n) for n in names])


def ids(frame: pl.DataFrame, column: str) -> pl.Series:
    """The values of ``column`` (empty when the frame has no such column)."""
    return _col(frame, column)


def _col(frame: pl.DataFrame, name: str) -> pl.Series:
    return frame[name] if name in frame.columns else pl.Series(name, [], pl.String)


def expect(name: str, kind: type, *, about: str, on: str | None = None, **kwargs) -> gxe.Expectation:
    """A GX expectation named ``name`` (the rule), about column ``on`` (default: its ``column``)."""
    column = on or kwargs.get("column") or ",".join(
        kwargs[k] for k in ("column_A", "column_B") if k in kwargs) or None
    # Data Docs show the description: it starts with the name dq_results and quarantine use
    return kind(**kwargs, meta={"name": name, "column": column}, description=f"{name}: {about}")


def key_columns(key: str | tuple[str, ...]) -> tuple[str, ...]:
    """The columns of a table's KEY (one, or a compound key's)."""
    return (key,) if isinstance(key, str) else key


def key_text(row: dict, key: str | tuple[str, ...]) -> str | None:
    """A row's key as quarantine.row_key shows it: the value, or for a compound key
    ``path [record]`` ("/in/feed.jsonl [line 3]"); None when a key column is NULL."""
    if isinstance(key, str):
        return None if row.get(key) is None else str(row[key])
    parts = [row.get(k) for k in key]
    if any(p is None for p in parts):
        return None
    return f"{parts[0]} [{', '.join(str(p) for p in parts[1:])}]"


def key_texts(frame: pl.DataFrame, key: str | tuple[str, ...]) -> list[str | None] | None:
    """key_text of every row of ``frame``, in order (None when a key column is missing)."""
    cols = key_columns(key)
    if not all(c in frame.columns for c in cols):
        return None
    return [key_text(r, key) for r in frame.select(cols).iter_rows(named=True)]


def key_rules(key: str, what: str) -> list[gxe.Expectation]:
    """The key of a table: never null, never twice."""
    return [
        expect(f"{key}_not_null", gxe.ExpectColumnValuesToNotBeNull, column=key,
               about=f"every {what} has its {key}"),
        expect(f"{key}_unique", gxe.ExpectColumnValuesToBeUnique, column=key,
               about=f"no two {what}s share a {key}"),
    ]


def in_vocabulary(column: str, values, what: str) -> gxe.Expectation:
    return expect(f"{column}_in_vocabulary", gxe.ExpectColumnValuesToBeInSet, column=column,
                  value_set=sorted(values), about=f"{what} {column} is one of {', '.join(sorted(values))}")


def holds(helper: str, *, name: str, on: str, about: str) -> gxe.Expectation:
    """A boolean helper column (computed in Polars) is true on every row."""
    return expect(name, gxe.ExpectColumnValuesToBeInSet, column=helper, value_set=[True], on=on, about=about)


def resolves(column: str, ids: pl.Series, helper: str | None = None) -> pl.Expr:
    """Helper: ``column`` is NULL or one of ``ids`` (a foreign key that resolves)."""
    return (pl.col(column).is_null() | pl.col(column).is_in(ids.unique().implode())).alias(
        helper or f"{column}_resolves")


def with_spans(frame: pl.DataFrame, bodies: pl.DataFrame, start: str = "char_start", end: str = "char_end",
               prefix: str = "") -> pl.DataFrame:
    """Helpers for a span into its article's body_clean: ``{prefix}body_length`` and ``{prefix}span_text``.

    body_clean[char_start:char_end] in Python string offsets (code points, as Polars
    slices). A row whose article body is not in the batch gets NULLs, so its span
    cannot pass.
    """
    lengths = bodies.select("article_id", pl.col("body_clean").str.len_chars().alias(f"{prefix}body_length"),
                            pl.col("body_clean").alias("_body"))
    joined = frame.join(lengths, on="article_id", how="left", maintain_order="left")
    s, e = pl.col(start), pl.col(end)
    in_bounds = (s >= 0) & (e >= s) & (e <= pl.col(f"{prefix}body_length"))
    return joined.with_columns(
        pl.when(in_bounds).then(pl.col("_body").str.slice(s, e - s)).alias(f"{prefix}span_text")
    ).drop("_body")


def span_rules(what: str, surface: str = "surface", prefix: str = "",
               start: str = "char_start", end: str = "char_end", nullable: bool = False) -> list[gxe.Expectation]:
    """A span lies inside its article's body_clean and slices back to its surface."""
    ignore = "either_value_is_missing" if nullable else "both_values_are_missing"
    return [
        expect(f"{start}_not_negative", gxe.ExpectColumnValuesToBeBetween, column=start, min_value=0,
               about=f"a {what} span starts at offset 0 or later"),
        expect(f"{prefix}span_not_reversed", gxe.ExpectColumnPairValuesAToBeGreaterThanB,
               column_A=end, column_B=start, or_equal=False, ignore_row_if="either_value_is_missing",
               about=f"a {what} span ends after it starts"),
        expect(f"{prefix}span_inside_body_clean", gxe.ExpectColumnPairValuesAToBeGreaterThanB,
               column_A=f"{prefix}body_length", column_B=end, or_equal=True, ignore_row_if=ignore,
               on=end, about=f"a {what} span ends inside its article's body_clean"),
        expect(f"{prefix}span_slices_to_surface", gxe.ExpectColumnPairValuesToBeEqual,
               column_A=f"{prefix}span_text", column_B=surface, ignore_row_if=ignore, on=surface,
               about=f"body_clean[{start}:{end}] is the {what}'s {surface}"),
    ]
