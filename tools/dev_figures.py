"""Dev loop for the article's figures on whole gold corpora, with cached spaCy docs.

    .venv/bin/python tools/dev_figures.py                          # gva_dev and gva_bench: killed / injured
    .venv/bin/python tools/dev_figures.py --corpus gva_bench --errors 30 --type killed
    .venv/bin/python tools/dev_figures.py --corpus gva_bench --every 5    # a fifth of the files (tuning slice)
    .venv/bin/python tools/dev_figures.py --corpus gva_bench --every 5 --offset 1   # another fifth

Extraction runs in-process through transforms.pipeline.extract_batch (staging, NER, dates,
entities, claims: the code a run uses, not a Prefect run); the spaCy docs are cached on disk
by text hash (tools/claims_snapshot.py's cache class, a cache folder of its own), so after the
first run (about 3 minutes for gva_bench) a change to transforms/claims is measured in well
under a minute. The article's figure is transforms.evaluation.best_values, the one
`newsclaims eval` scores; the figures are the same as eval's for the claims part (eval also
runs the flow: finalize, GX, load, which do not change claims).

--errors N prints N misses per claim type: file, gold, predicted, and the article's
main-scope claims (value, qualifier, rule_id, surface) so a miss leads to its rule.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import claims_snapshot as snap  # noqa: E402
from flows.reader import read_files  # noqa: E402
from flows.nlp import load_nlp  # noqa: E402
from flows.settings import get_settings  # noqa: E402
from transforms.evaluation import best_values, figure_accuracy  # noqa: E402
from transforms.pipeline import extract_batch  # noqa: E402

CORPORA = Path("/work/shared/corpora")


def run(corpus: str, every: int, offset: int, use_cache: bool):
    settings = get_settings()
    folder = CORPORA / corpus
    files = sorted(folder.glob("*.txt"))[offset::every]
    gold = pl.read_csv(folder / "gold.csv", schema_overrides={"incident_id": pl.String})
    gold = gold.filter(pl.col("file").is_in([p.name for p in files]))
    snap.CACHE = Path("/tmp") / f"dev_figures_cache_{corpus}"
    read = read_files([str(p) for p in files], settings.max_file_bytes)
    known = pl.DataFrame(schema={"source_path": pl.String, "file_sha256": pl.String})
    nlp = snap._Nlp(load_nlp(settings.spacy_model), use_cache)
    t0 = time.perf_counter()
    batch = extract_batch(read, known, nlp, today=snap.TODAY, max_chars=settings.max_article_chars)
    seconds = dict(batch.seconds, total=time.perf_counter() - t0)
    nlp.save()
    # one row per file: a file whose text repeats another's points at that article (as in eval's
    # source_files), so a duplicate is scored with the article it repeats, not as 0
    arts = batch.staged.select(
        "article_id", pl.col("source_path").map_elements(lambda s: Path(s).name, return_dtype=pl.String)
        .alias("file")).unique("file", keep="first")
    return gold, arts, batch.claims, seconds


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", action="append", help="gva_dev, gva_bench (default: both)")
    ap.add_argument("--every", type=int, default=1)
    ap.add_argument("--offset", type=int, default=0)
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument("--type", action="append", help="killed / injured (default: both)")
    ap.add_argument("--no-cache", action="store_true")
    args = ap.parse_args(argv)
    kinds = args.type or ["killed", "injured"]
    for corpus in args.corpus or ["gva_dev", "gva_bench"]:
        gold, arts, claims, seconds = run(corpus, args.every, args.offset, not args.no_cache)
        timing = ", ".join(f"{k} {v:.1f}s" for k, v in seconds.items())
        line = [f"{corpus} ({gold.height} articles; {timing})"]
        for kind in kinds:
            pred = arts.join(best_values(claims, kind), on="article_id", how="left")
            acc = figure_accuracy(pred, gold, kind)
            line.append(f"{kind} {acc['exact_match']:.4f} (gold>0 {acc['exact_match_gold_positive']:.4f})")
        print("  ".join(line), flush=True)
        if not args.errors:
            continue
        for kind in kinds:
            pred = arts.join(best_values(claims, kind), on="article_id", how="left")
            joined = (gold.select("file", pl.col(kind).alias("gold"))
                      .join(pred, on="file", how="left").with_columns(pl.col("best_value").fill_null(0)))
            misses = joined.filter(pl.col("best_value") != pl.col("gold")).sort("file")
            print(f"\n## {corpus} {kind}: {misses.height} misses (first {args.errors})")
            for r in misses.head(args.errors).iter_rows(named=True):
                print(f"- {r['file']} gold {r['gold']} predicted {r['best_value']}")
                mine = claims.filter((pl.col("article_id") == r["article_id"]) & (pl.col("claim_type") == kind))
                for c in mine.sort("char_start").iter_rows(named=True):
                    flag = "" if c.get("scope") in (None, "main") else f" [{c.get('scope')}]"
                    print(f"    {c['value_low']}..{c['value_high']} {c['qualifier'] or ''} {c['rule_id']}{flag}"
                          f" | {c['surface'][:90]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
