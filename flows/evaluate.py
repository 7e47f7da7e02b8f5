"""`newsclaims eval DIR`: run the real pipeline on a gold-annotated folder and score it.

DIR holds article .txt files and a gold.csv (columns as in gva_dev: file,
incident_id, killed, injured, incident_date, city, ...). The run goes into a
temporary DuckDB file; the metrics come from transforms/evaluation.py.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections import Counter
from pathlib import Path

import polars as pl

from flows.settings import Settings, gx_dir_for
from transforms.entities import name_key
from transforms.evaluation import adjusted_rand_index, best_values, date_accuracy, figure_accuracy, pair_scores
from warehouse import loader

SEEDS_INCIDENT = "seeds"


def _file_frame(con) -> pl.DataFrame:
    """One row per input file with its article (duplicates point at the article they repeat)."""
    return loader.read_frame(
        con,
        "select s.source_path, s.article_id, a.event_id, a.event_date from source_files s "
        "join articles a using (article_id) where s.article_id is not null",
    ).with_columns(pl.col("source_path").map_elements(os.path.basename, return_dtype=pl.String).alias("file"))


def score(con, gold: pl.DataFrame, seeds_files: list[str]) -> dict:
    files = _file_frame(con)
    claims = loader.read_frame(con, "select article_id, claim_type, value_low, is_background, is_article_figure from claims")
    report: dict = {"articles_in_gold": gold.height, "articles_loaded": files.height}
    for kind in ("killed", "injured"):
        pred = files.join(best_values(claims, kind), on="article_id", how="left")
        report[kind] = figure_accuracy(pred, gold, kind)
    report["event_date"] = date_accuracy(files, gold)

    # clustering: gold incidents, plus one incident for the seed articles
    truth = dict(zip(gold["file"].to_list(), gold["incident_id"].cast(pl.String).to_list()))
    truth.update({f: SEEDS_INCIDENT for f in seeds_files})
    scored = files.filter(pl.col("file").is_in(list(truth)))
    gold_labels = [truth[f] for f in scored["file"].to_list()]
    pred_labels = scored["event_id"].to_list()
    pairs = pair_scores(gold_labels, pred_labels)
    incident_sizes = Counter(gold_labels)
    report["events"] = {
        "n": scored.height,
        "adjusted_rand_index": round(adjusted_rand_index(gold_labels, pred_labels), 4),
        "pair_precision": None if pairs["precision"] is None else round(pairs["precision"], 4),
        "pair_recall": None if pairs["recall"] is None else round(pairs["recall"], 4),
        "pair_f1": None if pairs["f1"] is None else round(pairs["f1"], 4),
        "pairs_gold": pairs["pairs_true"],
        "pairs_predicted": pairs["pairs_pred"],
        "pairs_correct": pairs["pairs_both"],
        "n_events": len(set(pred_labels)),
        "n_gold_incidents": len(incident_sizes),
        "n_gold_multi_article_incidents": sum(1 for c in incident_sizes.values() if c > 1),
    }

    # the gold city among the article's GPE entity names (canonical or alias), compared by
    # the entities module's name key; "Pittsburgh (Wilkinsburg)" accepts either name
    gpe = loader.read_frame(
        con,
        "select distinct m.article_id, n.name from entity_mentions m "
        "join entities e using (entity_id), unnest(list_append(e.aliases, e.canonical_name)) as n(name) "
        "where e.entity_type = 'GPE'",
    )
    names: dict[str, set[str]] = {}
    for article_id, name in gpe.iter_rows():
        names.setdefault(article_id, set()).add(name_key(name))
    article_of = dict(files.select("file", "article_id").iter_rows())
    bodies = dict(loader.read_frame(con, "select article_id, body_clean from articles").iter_rows())
    hits, named = [], []
    for file, city in gold.select("file", "city").iter_rows():
        wanted = {name_key(part) for part in re.split(r"[()]", city or "") if part.strip()}
        article_id = article_of.get(file)
        hit = bool(wanted & names.get(article_id, set()))
        hits.append(hit)
        body_key = f" {name_key(bodies.get(article_id) or '')} "
        if any(f" {w} " in body_key for w in wanted):  # the text names the city at all
            named.append(hit)
    report["city_in_gpe"] = {
        "n": len(hits), "recall": round(sum(hits) / len(hits), 4) if hits else None,
        "n_text_names_city": len(named),
        "recall_where_text_names_city": round(sum(named) / len(named), 4) if named else None,
    }
    return report


ERROR_KINDS = ("killed", "injured")


def figure_errors(con, gold: pl.DataFrame) -> list[dict]:
    """One row per (gold article, claim type) whose predicted figure is not the gold one: the
    file, gold and predicted values, and the winning claim (article_figures' best claim) with
    its surface, sentence and rule_id, so a miss leads to the rule that made it."""
    files = _file_frame(con).select("file", "article_id")
    best = loader.read_frame(
        con,
        "select f.article_id, f.claim_type, f.best_value, f.best_surface, f.rule_id, c.sentence "
        "from article_figures f left join claims c on c.claim_id = f.best_claim_id",
    )
    out = []
    for kind in ERROR_KINDS:
        pred = best.filter(pl.col("claim_type") == kind).drop("claim_type")
        joined = (gold.select("file", pl.col(kind).alias("gold"))
                  .join(files, on="file", how="left")
                  .join(pred, on="article_id", how="left")
                  .with_columns(pl.col("best_value").fill_null(0).alias("predicted")))
        for r in joined.filter(pl.col("predicted") != pl.col("gold")).sort("file").iter_rows(named=True):
            out.append({"file": r["file"], "claim_type": kind, "gold": r["gold"], "predicted": r["predicted"],
                        "surface": r["best_surface"], "rule_id": r["rule_id"], "sentence": r["sentence"]})
    return out


def evaluate(directory: Path, settings: Settings, *, with_seeds: bool = False,
             keep_db: Path | None = None, errors: bool = False) -> dict:
    from flows.ingest import ingest_articles

    gold_path = directory / "gold.csv"
    if not gold_path.exists():
        raise FileNotFoundError(f"{gold_path} not found: eval needs DIR/gold.csv")
    gold = pl.read_csv(gold_path, schema_overrides={"incident_id": pl.String})
    seeds_files = sorted(p.name for p in settings.seeds_dir.glob("*.txt")) if with_seeds else []
    with tempfile.TemporaryDirectory(prefix="newsclaims-eval-") as tmp:
        db = keep_db or Path(tmp) / "eval.duckdb"
        # its own GX folder beside the evaluation database: eval never writes into another database's site
        gx_dir = gx_dir_for(db) if keep_db else Path(tmp) / "eval.gx"
        run_settings = settings.model_copy(update={"db": db, "strict": False, "gx_dir": gx_dir})
        paths = [str(directory)] + ([str(settings.seeds_dir)] if with_seeds else [])
        summary = ingest_articles(paths, run_settings)
        con = loader.connect(db, read_only=True)
        try:
            report = score(con, gold, seeds_files)
            if errors:
                report["errors"] = figure_errors(con, gold)
        finally:
            con.close()
    report["run"] = {"run_id": summary.run_id, "duration_s": summary.duration_s,
                     "files_seen": summary.files_seen, "files_rejected": summary.files_rejected,
                     "with_seeds": with_seeds}
    return report
