"""Dev script: entities and events on gva_dev + seeds; accuracy, errors and speed.

    .venv/bin/python tools/dev_entities.py                      # ARI, city recall, seeds' entities and events
    .venv/bin/python tools/dev_entities.py --errors 30          # + error listing
    .venv/bin/python tools/dev_entities.py --bench /work/shared/corpora/gva_bench   # timing at scale (+ ARI vs
                                                                                     # the incident ids in file names)

Pipeline as the flow runs it: flows.reader (the one way in) -> transforms.text.stage_articles
-> flows.nlp.load_nlp(model).ner.pipe (with warehouse/reference/entity_patterns.jsonl) ->
transforms.dates (event_date; published_date stands in when the module is missing) ->
entity_mentions -> resolve_entities -> cluster_events -> resolve_entities(with events) ->
cluster_events again.

Metrics:
- ARI (transforms.evaluation.adjusted_rand_index) of the events against gold incident ids
  (the 5 seeds are one extra incident);
- city recall: the gold city (either part of "Pittsburgh (Wilkinsburg)") is the key of a
  canonical name or alias of a GPE entity of the article. "strict" counts all 300 articles;
  "named" only the articles whose text names the gold city at all (27 do not: the city is
  only in GVA's record); "county ok" also accepts "<city> County/Parish/Township".
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from datetime import date
from pathlib import Path

import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flows.nlp import load_nlp  # noqa: E402
from flows.reader import list_inputs, read_files  # noqa: E402
from flows.settings import PROJECT_ROOT, get_settings  # noqa: E402
from transforms import entities as ent  # noqa: E402
from transforms import events as evt  # noqa: E402
from transforms.evaluation import adjusted_rand_index  # noqa: E402
from transforms.text import stage_articles  # noqa: E402

GVA_DEV = Path("/work/shared/corpora/gva_dev")
SEED_INCIDENT = "seeds-crocus-2024"


def load(folders: list[Path]) -> pl.DataFrame:
    listing = list_inputs(folders, (".txt",))
    files = read_files(listing.files["source_path"].to_list(), max_bytes=5 * 1024 * 1024)
    articles, rejected = stage_articles(files, today=date(2100, 1, 1))
    if rejected.height:
        print(f"rejected: {rejected.height}")
    # one row per distinct article, as the flow keeps it (same body_clean -> same article_id)
    return articles.with_columns(file=pl.col("source_path").str.split("/").list.last()).unique(
        "article_id", keep="first", maintain_order=True)


def add_event_dates(articles: pl.DataFrame, use_dates: bool = True) -> tuple[pl.DataFrame, str]:
    try:
        if not use_dates:
            raise ImportError
        from transforms import dates
        mentions = dates.date_mentions(articles)
        return articles.join(dates.event_dates(articles, mentions), on="article_id", how="left"), "transforms.dates"
    except (ImportError, AttributeError):
        return articles.with_columns(
            pl.col("published_date").alias("event_date"),
            pl.when(pl.col("published_date").is_not_null()).then(pl.lit("published_date_fallback"))
            .otherwise(pl.lit("none")).alias("event_date_source"),
        ), "published_date stand-in"


def run(articles: pl.DataFrame, docs: list, aliases: pl.DataFrame) -> dict:
    t = {}
    t0 = time.perf_counter()
    mentions = ent.entity_mentions(articles, docs)
    t["entity_mentions"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    entities, mentions = ent.resolve_entities(mentions, aliases)
    t["resolve_entities"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    assignments, events = evt.cluster_events(articles, mentions, None, entities)
    t["cluster_events"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    entities, mentions = ent.resolve_entities(mentions, aliases, assignments)
    t["resolve_entities(events)"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    assignments, events = evt.cluster_events(articles, mentions, None, entities)
    t["cluster_events(again)"] = time.perf_counter() - t0
    return {"mentions": mentions, "entities": entities, "assignments": assignments, "events": events, "t": t}


def city_keys(city: str) -> set[str]:
    m = re.match(r"(.*?)\s*\((.*)\)", city)
    return {ent.name_key(p) for p in ([m.group(1), m.group(2)] if m else [city]) if p.strip() != "county"}


def evaluate(articles: pl.DataFrame, out: dict, errors: int) -> None:
    gold = pl.read_csv(GVA_DEV / "gold.csv", schema_overrides={"incident_id": pl.String})
    arts = articles.select("article_id", "file", "body_clean").join(out["assignments"], on="article_id")
    arts = arts.join(gold.select("file", "incident_id", "city", "state"), on="file", how="left").with_columns(
        pl.col("incident_id").fill_null(SEED_INCIDENT))
    ari = adjusted_rand_index(arts["incident_id"].to_list(), arts["event_id"].to_list())
    print(f"\nARI (events vs gold incidents, {arts.height} articles, "
          f"{arts['incident_id'].n_unique()} incidents, {arts['event_id'].n_unique()} events): {ari:.4f}")

    ents = out["entities"]
    names = {e: [c, *al] for e, c, al in ents.select("entity_id", "canonical_name", "aliases").iter_rows()}
    gpe = set(ents.filter(pl.col("entity_type") == "GPE")["entity_id"].to_list())
    per = out["mentions"].group_by("article_id").agg(pl.col("entity_id").unique())
    gpe_keys = {a: {ent.name_key(x) for e in es if e in gpe for x in names[e]} for a, es in per.iter_rows()}
    rows = []
    for aid, file, body, city in arts.filter(pl.col("city").is_not_null()).select(
            "article_id", "file", "body_clean", "city").iter_rows():
        want, got = city_keys(city), gpe_keys.get(aid, set())
        body_key = " " + ent.name_key(body) + " "
        named = any(f" {k} " in body_key for k in want)
        county = {re.sub(r" (county|parish|township|co)$", "", k) for k in got}
        rows.append((file, city, bool(want & got), named, bool(want & (got | county))))
    n = len(rows)
    strict = sum(r[2] for r in rows)
    named = [r for r in rows if r[3]]
    print(f"city recall strict: {strict}/{n} = {strict / n:.3f}; "
          f"where the text names the city: {sum(r[2] for r in named)}/{len(named)} = "
          f"{sum(r[2] for r in named) / len(named):.3f}; county ok: {sum(r[4] for r in rows) / n:.3f} "
          f"({sum(r[4] for r in named) / len(named):.3f} named)")
    if errors:
        print("\ncity misses where the text names the city:")
        for file, city, hit, nm, _ in rows:
            if nm and not hit:
                print(f"  {file} {city}")
        print("\nevents mixing incidents / incidents split:")
        mixed = arts.group_by("event_id").agg(pl.col("incident_id").unique(), pl.col("file")).filter(
            pl.col("incident_id").list.len() > 1)
        for eid, inc, files in mixed.head(errors).iter_rows():
            print(f"  merged {eid}: {inc} {files}")
        split = arts.group_by("incident_id").agg(pl.col("event_id").unique()).filter(
            pl.col("event_id").list.len() > 1)
        for inc, evs in split.head(errors).iter_rows():
            print(f"  split {inc}: {evs}")


def show_seeds(articles: pl.DataFrame, out: dict) -> None:
    seeds = articles.filter(pl.col("source_path").str.contains("/seeds/"))["article_id"]
    m = out["mentions"].filter(pl.col("article_id").is_in(seeds.implode()))
    top = (out["entities"].join(m.group_by("entity_id").agg(pl.col("article_id").n_unique().alias("seed_articles")),
                                on="entity_id")
           .filter(pl.col("entity_type").is_in(["PERSON", "ORG", "GPE", "FAC", "LOC"]))
           .sort("seed_articles", "canonical_name", descending=[True, False]))
    print("\nseed entities (PERSON/ORG/GPE/FAC/LOC):")
    for r in top.iter_rows(named=True):
        print(f"  {r['canonical_name']:<40} {r['entity_type']:<7} articles={r['seed_articles']} aliases={r['aliases']}")
    ev = out["assignments"].filter(pl.col("article_id").is_in(seeds.implode()))
    print("\nseed events:")
    print(out["events"].filter(pl.col("event_id").is_in(ev["event_id"].implode())))


def bench(folder: Path, aliases: pl.DataFrame, model: str) -> None:
    t0 = time.perf_counter()
    articles, how = add_event_dates(load([folder]))
    print(f"{articles.height} articles staged + dated ({how}) in {time.perf_counter() - t0:.1f}s")
    nlp = load_nlp(model)
    t0 = time.perf_counter()
    docs = list(nlp.ner.pipe(articles["body_clean"].to_list(), batch_size=64))
    print(f"ner: {time.perf_counter() - t0:.1f}s")
    out = run(articles, docs, aliases)
    print(f"{out['mentions'].height} mentions, {out['entities'].height} entities, {out['events'].height} events")
    for k, v in out["t"].items():
        print(f"  {k:<26} {v:6.2f}s")
    # GVA file names start with the incident id: a clustering score for free
    inc = articles.select("article_id", pl.col("file").str.extract(r"^(\d+)_").alias("incident")).join(
        out["assignments"], on="article_id")
    if inc["incident"].null_count() == 0:
        print(f"ARI vs the incident ids in the file names ({inc['incident'].n_unique()} incidents): "
              f"{adjusted_rand_index(inc['incident'].to_list(), inc['event_id'].to_list()):.4f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--errors", type=int, default=0, help="list this many clustering errors (and city misses)")
    ap.add_argument("--bench", type=Path, help="time the steps on this folder instead")
    ap.add_argument("--no-dates", action="store_true", help="published_date as event_date (no transforms.dates)")
    args = ap.parse_args()
    settings = get_settings()
    aliases = pl.read_csv(settings.aliases_file, schema=ent.ALIAS_SCHEMA)
    if args.bench:
        bench(args.bench, aliases, settings.spacy_model)
        return
    articles, how = add_event_dates(load([GVA_DEV, PROJECT_ROOT / "seeds"]), not args.no_dates)
    print(f"{articles.height} articles; event_date from {how}")
    nlp = load_nlp(settings.spacy_model)
    t0 = time.perf_counter()
    docs = list(nlp.ner.pipe(articles["body_clean"].to_list(), batch_size=64))
    print(f"ner: {time.perf_counter() - t0:.1f}s")
    out = run(articles, docs, aliases)
    print("timings: " + ", ".join(f"{k} {v:.2f}s" for k, v in out["t"].items()))
    evaluate(articles, out, args.errors)
    show_seeds(articles, out)


if __name__ == "__main__":
    main()
