"""Dev script: re-cluster events from an extracted database in seconds and score them against gold.

    .venv/bin/newsclaims eval /work/shared/corpora/gva_bench --keep-db /tmp/bench12.duckdb   # extract once
    .venv/bin/python tools/dev_events.py /tmp/bench12.duckdb /work/shared/corpora/gva_bench/gold.csv
    .venv/bin/python tools/dev_events.py DB GOLD --errors 20          # + split and wrongly merged pairs

The database's tables (articles, entity_mentions, claims) are the input, as the flow's
finalize step sees them; entities are resolved again from the mentions as finalize does
(resolve_entities -> cluster_events -> resolve_entities with the events -> cluster_events),
so a change to transforms/events.py is measured without re-running spaCy. The stored
articles.incident_keys are used as they are; --keys-from-text computes them again from the stored texts
(body_clean) with this tree's transforms/incident_evidence.py, so a change there is measured too. Seeds in the
database (file names 000_ .. 004_) count as one more incident.

Prints ARI, pair precision / recall (transforms.evaluation) and, with --errors, a sample
of same-incident pairs that were split and different-incident pairs that were merged,
with the evidence transforms.events.pair_evidence saw for them.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

import duckdb
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flows.settings import get_settings  # noqa: E402
from transforms import entities as ent  # noqa: E402
from transforms import events as evt  # noqa: E402
from transforms import incident_evidence  # noqa: E402
from transforms.evaluation import adjusted_rand_index, pair_scores  # noqa: E402

SEED_FILE = re.compile(r"^00[0-4]_[0-9a-f]{16}\.txt$")


def read(db: Path, keys_from_text: bool = False) -> dict[str, pl.DataFrame]:
    """The database's tables; ``keys_from_text``: incident_keys computed again from the stored texts (body_clean)
    with this tree's transforms/incident_evidence.py instead of the stored column (which the extraction wrote)."""
    con = duckdb.connect(str(db), read_only=True)
    q = lambda sql: pl.from_arrow(con.sql(sql).to_arrow_table())  # noqa: E731
    try:
        cols = {r[0] for r in con.sql("describe articles").fetchall()}
        if "incident_keys" in cols and not (keys_from_text and "body_clean" in cols):
            articles = q("select article_id, source_path, title, published_date, event_date, event_date_source, "
                         "event_id, incident_keys from articles")
        else:  # keys computed again from the stored texts, so a change to incident_evidence is measured
            articles = q("select article_id, source_path, title, published_date, event_date, event_date_source, "
                         "event_id, body_clean from articles")
            articles = articles.with_columns(pl.Series("incident_keys", [
                incident_evidence.incident_keys(b, d) for b, d in zip(articles["body_clean"].to_list(),
                                                                      articles["published_date"].to_list())],
                dtype=pl.List(pl.String))).drop("body_clean")
        if os.environ.get("DEV_NO_KEYS"):
            articles = articles.drop("incident_keys")
        return {
            "articles": articles,
            "mentions": q("select mention_id, article_id, surface, char_start, char_end, label, name_key, source "
                          "from entity_mentions"),
            "claims": q("select * from claims"),
            "files": q("select source_path, article_id from source_files where article_id is not null"),
            "dates": q("select article_id, resolved_date, precision from date_mentions"),
        }
    finally:
        con.close()


def cluster(t: dict[str, pl.DataFrame], aliases: pl.DataFrame):
    entities, mentions = ent.resolve_entities(t["mentions"], aliases)
    assignments, _ = evt.cluster_events(t["articles"], mentions, t["claims"], entities,
                                        date_mentions=t["dates"])
    entities, mentions = ent.resolve_entities(mentions, aliases, assignments)
    assignments, events = evt.cluster_events(t["articles"], mentions, t["claims"], entities,
                                             date_mentions=t["dates"])
    return assignments, events, mentions, entities


def truth_of(t, gold: pl.DataFrame) -> dict[str, str]:
    """article_id -> gold incident (duplicate files point at one article: the first file's incident)."""
    incident = dict(zip(gold["file"].to_list(), gold["incident_id"].cast(pl.String).to_list()))
    out = {}
    for path, aid in t["files"].sort("source_path").iter_rows():
        name = os.path.basename(path)
        label = incident.get(name) or ("seeds" if SEED_FILE.match(name) else None)
        if label is not None:
            out.setdefault(aid, label)
    return out


def show_pair(a, b, t, ev_by_pair, names_of, dates, titles):
    e = ev_by_pair.get((min(a, b), max(a, b)))
    print(f"  {a} | {dates[a]} | {titles.get(a)!r}")
    print(f"  {b} | {dates[b]} | {titles.get(b)!r}")
    shared = sorted(names_of[a] & names_of[b])
    print(f"    shared: {shared[:12]}")
    print(f"    only a: {sorted(names_of[a] - names_of[b])[:10]}")
    print(f"    only b: {sorted(names_of[b] - names_of[a])[:10]}")
    if e:
        print("    evidence: " + ", ".join(f"{k}={v}" for k, v in e.items() if k not in ("article_id", "article_id_b")))
    else:
        print("    evidence: not a candidate pair")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("db", type=Path)
    ap.add_argument("gold", type=Path)
    ap.add_argument("--errors", type=int, default=0, help="print this many split and merged pairs")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keys-from-text", action="store_true",
                    help="compute incident_keys again from the stored texts with this tree's incident_evidence "
                    "(by default the stored keys are used: a change to incident_evidence is not seen)")
    ap.add_argument("--half", choices=("even", "odd"), help="score only the gold incidents whose id hash is even / odd "
                    "(tune on one half, check the other)")
    args = ap.parse_args()

    settings = get_settings()
    aliases = pl.read_csv(settings.aliases_file, schema=ent.ALIAS_SCHEMA)
    gold = pl.read_csv(args.gold, schema_overrides={"incident_id": pl.String})
    t0 = time.perf_counter()
    t = read(args.db, args.keys_from_text)
    t_read = time.perf_counter() - t0
    t0 = time.perf_counter()
    assignments, events, mentions, entities = cluster(t, aliases)
    t_cluster = time.perf_counter() - t0

    truth = truth_of(t, gold)
    pred = dict(assignments.iter_rows())
    ids = sorted(a for a in truth if a in pred)
    if args.half:
        parity = 0 if args.half == "even" else 1
        ids = [a for a in ids if int(hashlib.sha1(truth[a].encode()).hexdigest(), 16) % 2 == parity]
    gl, pl_ = [truth[a] for a in ids], [pred[a] for a in ids]
    pairs = pair_scores(gl, pl_)
    print(f"articles {len(ids)}  gold incidents {len(set(gl))}  events {len(set(pl_))}  "
          f"(read {t_read:.1f} s, cluster {t_cluster:.1f} s)")
    fmt = lambda v: "n/a" if v is None else f"{v:.4f}"  # noqa: E731  (no same-incident pairs: no P / R)
    print(f"ARI {adjusted_rand_index(gl, pl_):.4f}  pair P {fmt(pairs['precision'])}  R {fmt(pairs['recall'])}  "
          f"(gold pairs {pairs['pairs_true']}, predicted {pairs['pairs_pred']}, right {pairs['pairs_both']})")
    seeds = {pred[a] for a in ids if truth[a] == "seeds"}
    if seeds:
        row = events.filter(pl.col("event_id").is_in(list(seeds)))
        print(f"seeds: {len(seeds)} event(s): {row.select('event_id', 'label', 'event_date').rows()}")

    by_gold, by_pred = defaultdict(list), defaultdict(list)
    for a in ids:
        by_gold[truth[a]].append(a)
        by_pred[pred[a]].append(a)
    split = [(a, b) for m in by_gold.values() for i, a in enumerate(m) for b in m[i + 1:] if pred[a] != pred[b]]
    merged = [(a, b) for m in by_pred.values() for i, a in enumerate(m) for b in m[i + 1:] if truth[a] != truth[b]]
    print(f"split pairs {len(split)}  merged pairs {len(merged)}")
    if not args.errors:
        return 0
    rng = random.Random(args.seed)
    names = dict(entities.select("entity_id", "canonical_name").iter_rows())
    types = dict(entities.select("entity_id", "entity_type").iter_rows())
    names_of = defaultdict(set)
    for aid, eid in mentions.select("article_id", "entity_id").drop_nulls().iter_rows():
        names_of[aid].add(f"{types.get(eid, '?')}:{names.get(eid, eid)}")
    dates = {a: (p, e, s) for a, p, e, s in t["articles"].select(
        "article_id", "published_date", "event_date", "event_date_source").iter_rows()}
    titles = dict(t["articles"].select("article_id", "title").iter_rows())
    wanted = set(rng.sample(split, min(args.errors, len(split))) + rng.sample(merged, min(args.errors, len(merged))))
    ev = evt.pair_evidence(t["articles"], mentions, t["claims"], entities, t["dates"])  # weights as the clustering saw them
    ev_by_pair = {(r["article_id"], r["article_id_b"]): r for r in ev.iter_rows(named=True)
                  if (r["article_id"], r["article_id_b"]) in wanted or (r["article_id_b"], r["article_id"]) in wanted}
    print(f"\n== split: {len(split)} same-incident pairs in different events; a sample:")
    split_set, merged_set = set(split), set(merged)
    for a, b in sorted(p for p in wanted if p in split_set):
        show_pair(a, b, t, ev_by_pair, names_of, dates, titles)
    print(f"\n== merged: {len(merged)} different-incident pairs in one event; a sample:")
    for a, b in sorted(p for p in wanted if p in merged_set):
        print(f"  gold {truth[a]} vs {truth[b]}")
        show_pair(a, b, t, ev_by_pair, names_of, dates, titles)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
