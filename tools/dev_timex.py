"""Dev loop for time expressions: date_mentions over a TimeML gold folder, scored in-process.

    .venv/bin/python tools/dev_timex.py /work/shared/corpora/tempeval_tbaq
    .venv/bin/python tools/dev_timex.py /work/shared/corpora/tempeval_tbaq --errors /tmp/errors.csv

No Prefect, no spaCy: the folder is read with flows.reader (the one way in), staged with
transforms.text.stage_articles, and transforms.dates.date_mentions runs in-process; the
mentions are scored by flows.timex_eval (the same scoring ``newsclaims eval-timex`` uses on a
real database), so the figures match the documented command.
"""

from __future__ import annotations

import argparse
import time
from datetime import date
from pathlib import Path

import polars as pl

from flows.reader import list_inputs, read_files
from flows.timex_eval import print_report, score_mentions
from transforms import dates
from transforms.text import stage_articles


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", type=Path)
    ap.add_argument("--errors", type=Path, help="write one row per error here (CSV)")
    args = ap.parse_args()
    listing = list_inputs([args.folder], (".txt",))
    paths = [p for p in listing.files["source_path"].to_list() if p.endswith(".txt")]  # not gold.csv
    files = read_files(paths, max_bytes=5 * 1024 * 1024)
    staged, _ = stage_articles(files, today=date(2100, 1, 1))
    articles = staged.unique("article_id", keep="first", maintain_order=True)  # as the pipeline does
    dates.resolve_date("March 22", date(2024, 3, 23))  # import and warm dateparser
    t0 = time.perf_counter()
    mentions = dates.date_mentions(articles)
    seconds = time.perf_counter() - t0
    print(f"{articles.height} articles, {mentions.height} mentions, date_mentions {seconds:.2f} s")
    files = staged.select(pl.col("source_path").str.split("/").list.last().alias("file"), "article_id")
    report = score_mentions(args.folder, files, mentions, errors_csv=args.errors)
    print_report(report)


if __name__ == "__main__":
    main()
