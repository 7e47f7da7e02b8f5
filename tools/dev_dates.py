"""Dev script: date mentions and event_date on a corpus folder; accuracy and speed.

    .venv/bin/python tools/dev_dates.py /work/shared/corpora/gva_dev            # accuracy vs gold.csv
    .venv/bin/python tools/dev_dates.py /work/shared/corpora/gva_dev --errors 40 # + error analysis
    .venv/bin/python tools/dev_dates.py /work/shared/corpora/gva_bench          # ms/article

Error classes on gva_dev (misses of the event_date rule, about 16% of articles):
- the gold date is not stated in a resolvable form (about half): follow-up stories
  (arrest, court, funeral) that never date the shooting, incidents weeks or months
  before publication ("in July"), or a published date that puts the text's
  weekday in another week;
- one day off (about a third): "early Tuesday morning" vs a GVA date of Monday,
  "this morning" in a story first filed the day before, roundups of several
  overnight shootings;
- the wrong candidate (the rest): an earlier, other incident or a follow-up step
  in an incident sentence ("charged Tuesday with killing four").

Reads with flows.reader (the one way in), stages with transforms.text.stage_articles,
then times transforms.dates.date_mentions + event_dates (dateparser warmed up first,
its per-surface cache cold).
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from datetime import date
from pathlib import Path

import polars as pl

from flows.reader import list_inputs, read_files
from transforms import dates
from transforms.evaluation import date_accuracy
from transforms.text import stage_articles


def load(folder: Path) -> pl.DataFrame:
    listing = list_inputs([folder], (".txt",))
    files = read_files(listing.files["source_path"].to_list(), max_bytes=5 * 1024 * 1024)
    articles, rejected = stage_articles(files, today=date(2100, 1, 1))
    if rejected.height:
        print(f"rejected: {rejected.height}")
    return articles.with_columns(file=pl.col("source_path").str.split("/").list.last())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", type=Path)
    ap.add_argument("--errors", type=int, default=0, help="print this many misses")
    args = ap.parse_args()

    articles = load(args.folder)
    dates.resolve_date("March 22", date(2024, 3, 23))  # import and warm dateparser
    dates._dateparser.cache_clear()
    t0 = time.perf_counter()
    mentions = dates.date_mentions(articles)
    t1 = time.perf_counter()
    events = dates.event_dates(articles, mentions)
    t2 = time.perf_counter()
    n = articles.height
    print(f"articles: {n}  mentions: {mentions.height}  "
          f"date_mentions {1000 * (t1 - t0) / n:.2f} ms/article  "
          f"event_dates {1000 * (t2 - t1) / n:.2f} ms/article  "
          f"total {1000 * (t2 - t0) / n:.2f} ms/article")
    print("event_date_source:", dict(Counter(events["event_date_source"])))
    print("resolution:", dict(Counter(mentions["resolution"])))

    gold_path = args.folder / "gold.csv"
    if not gold_path.exists():
        return
    gold = pl.read_csv(gold_path, try_parse_dates=True)
    predicted = articles.select("article_id", "file", "published_date", "body_clean").join(
        events, on="article_id")
    print("date_accuracy:", date_accuracy(predicted, gold))
    joined = predicted.join(gold.select("file", pl.col("incident_date").cast(pl.Date)), on="file")
    by_source = joined.group_by("event_date_source").agg(
        n=pl.len(), hit=(pl.col("event_date") == pl.col("incident_date")).mean().round(3))
    print(by_source.sort("n", descending=True))
    misses = joined.filter(pl.col("event_date") != pl.col("incident_date"))
    for row in misses.head(args.errors).iter_rows(named=True):
        print(f"\n--- {row['file']} published {row['published_date']} gold {row['incident_date']} "
              f"predicted {row['event_date']} ({row['event_date_source']})")
        ms = mentions.filter(pl.col("article_id") == row["article_id"])
        for m in ms.head(12).iter_rows(named=True):
            ctx = row["body_clean"][max(0, m["char_start"] - 60):m["char_end"] + 40].replace("\n", " ")
            print(f"   {m['surface']!r:28} {m['resolved_date']} {m['resolution']:24} …{ctx}…")


if __name__ == "__main__":
    main()
