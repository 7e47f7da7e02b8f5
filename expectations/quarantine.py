"""Rows that failed an expectation -> quarantine rows; the batch without them, left consistent.

Pure: frames in, frames out. The rules (docs/DATA_QUALITY.md):

1. A row that fails an expectation is quarantined: one quarantine row per
   (row, failed expectation), with the row as JSON. It is not loaded.
2. An article's own rows go with it: date_mentions, entity_mentions and claims
   of a quarantined article are held back (expectation
   ``held_back:articles.<the article's expectation>``), and its ledger rows in
   source_files get status 'quarantined' (the file is recorded, so an
   unchanged file is not re-read on every run; a changed file is).
3. entities and events are derived tables (recomputed over the warehouse on
   every run). A quarantined entity or event is not loaded and links to it
   (articles.event_id, claims.event_id, claims.attributed_to,
   entity_mentions.entity_id, events.location_entity_id) become NULL, in the
   batch's rows and in the updates of rows loaded earlier.
4. Counts follow: events and entities that lost articles or mentions get
   article_count, mention_count, first_published and last_published recounted
   over what is loaded; one left with no article (event) or no mention
   (entity) is dropped and links to it become NULL as in 3. Labels, dates and
   ids of those rows stay as computed until a later run recomputes them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import datetime

import polars as pl

from expectations.base import Batch, key_columns, key_text

ROW = "_nc_row"  # row number of a frame of the batch, as GX saw it
ARTICLE_OWNED = ("date_mentions", "entity_mentions", "claims", "victims")
# links to derived tables: table -> [(column, parent table)]
DERIVED_LINKS = {
    "articles": [("event_id", "events")],
    "claims": [("event_id", "events"), ("attributed_to", "entities")],
    "entity_mentions": [("entity_id", "entities")],
    "events": [("location_entity_id", "entities")],
}
PARENT_KEY = {"events": "event_id", "entities": "entity_id"}
# updates of rows loaded earlier (LoadPlan.updates): table -> link columns they set
UPDATE_LINKS = {"articles": ["event_id"], "claims": ["event_id", "attributed_to"], "entity_mentions": ["entity_id"]}
QUARANTINE_SCHEMA = {
    "run_id": pl.String, "table_name": pl.String, "row_key": pl.String, "expectation": pl.String,
    "row_data": pl.String, "quarantined_at": pl.Datetime("us"),
}


@dataclass
class Quarantined:
    batch: Batch  # what is loaded
    rows: pl.DataFrame  # QUARANTINE_SCHEMA
    updates: dict[str, pl.DataFrame] = field(default_factory=dict)  # same keys as given, links cut
    by_table: dict[str, int] = field(default_factory=dict)  # rows not loaded per table


def empty_quarantine() -> pl.DataFrame:
    return pl.DataFrame(schema=QUARANTINE_SCHEMA)


def split(
    batch: Batch,
    keys: dict[str, str | tuple[str, ...]],
    failed: dict[str, pl.DataFrame],
    *,
    run_id: str,
    at: datetime,
    updates: dict[str, pl.DataFrame] | None = None,
    loaded_mentions: pl.DataFrame | None = None,
) -> Quarantined:
    """Apply the quarantine rules to ``batch``.

    ``keys``: table -> key column; ``failed``: table -> frame of (``ROW``, expectation)
    with ROW the row number in ``batch.<table>``; ``updates``: LoadPlan.updates frames
    by table; ``loaded_mentions``: mention_id, article_id of entity mentions loaded
    earlier (for recounting entities).
    """
    updates = dict(updates or {})
    tables = {t: batch.table(t).with_row_index(ROW) for t in keys if batch.table(t).width}
    bad: dict[str, dict[int, list[str]]] = {}  # table -> row number -> expectations

    # 1. own failures
    for table, rows in failed.items():
        if table in tables:
            for row, name in rows.select(ROW, "expectation").iter_rows():
                bad.setdefault(table, {}).setdefault(int(row), []).append(name)

    # 2. an article's own rows are held back with it
    bad_articles = _keys_of(tables, keys, bad, "articles")
    if bad_articles:
        cause = {}
        for row in tables["articles"].filter(pl.col(ROW).is_in(list(bad["articles"]))).select(
                ROW, keys["articles"]).iter_rows():
            cause.setdefault(row[1], bad["articles"][row[0]][0])
        for table in ARTICLE_OWNED:
            if table in tables:
                held = tables[table].filter(pl.col("article_id").is_in(sorted(bad_articles)))
                for row, article in held.select(ROW, "article_id").iter_rows():
                    bad.setdefault(table, {}).setdefault(row, []).append(f"held_back:articles.{cause[article]}")

    quarantine = []
    for table, rows in bad.items():
        key = keys[table]
        for row in tables[table].filter(pl.col(ROW).is_in(list(rows))).to_dicts():
            n = row.pop(ROW)
            row_key = key_text(row, key) or f"(row {n} of the batch, {'/'.join(key_columns(key))} NULL)"
            data = json.dumps(row, default=str, ensure_ascii=False)
            quarantine.extend({"run_id": run_id, "table_name": table, "row_key": row_key, "expectation": name,
                               "row_data": data, "quarantined_at": at} for name in dict.fromkeys(rows[n]))
    kept = {t: f.filter(~pl.col(ROW).is_in(list(bad.get(t, {})))).drop(ROW) for t, f in tables.items()}

    # 3. + 4. derived tables: recount what lost rows, drop what is left empty, cut links
    gone = {p: _keys_of(tables, keys, bad, p) for p in PARENT_KEY}
    if "events" in kept and bad_articles:
        lost = set(tables["articles"].filter(pl.col(ROW).is_in(list(bad["articles"])))["event_id"]
                   .drop_nulls().to_list()) if "event_id" in tables["articles"].columns else set()
        kept["events"], dropped = _recount_events(kept["events"], kept.get("articles"), updates.get("articles"),
                                                  batch.loaded_articles, lost)
        gone["events"] |= dropped
    if "entities" in kept and bad.get("entity_mentions"):
        mentions = tables["entity_mentions"]
        lost = set(mentions.filter(pl.col(ROW).is_in(list(bad["entity_mentions"])))["entity_id"]
                   .drop_nulls().to_list()) if "entity_id" in mentions.columns else set()
        kept["entities"], dropped = _recount_entities(kept["entities"], kept.get("entity_mentions"),
                                                      updates.get("entity_mentions"), loaded_mentions, lost)
        gone["entities"] |= dropped
    for table, links in DERIVED_LINKS.items():
        if table in kept:
            kept[table] = _cut(kept[table], links, gone)
    for table, columns in UPDATE_LINKS.items():
        if table in updates and updates[table].height:
            updates[table] = _cut(updates[table], [(c, p) for c, p in DERIVED_LINKS[table] if c in columns], gone)

    # 2b. ledger rows of quarantined articles
    if "source_files" in kept and bad_articles:
        kept["source_files"] = kept["source_files"].with_columns(
            pl.when(pl.col("status").is_in(["article", "duplicate"]) & pl.col("article_id").is_in(sorted(bad_articles)))
            .then(pl.lit("quarantined")).otherwise(pl.col("status")).alias("status"))

    rows = pl.DataFrame(quarantine, schema=QUARANTINE_SCHEMA) if quarantine else empty_quarantine()
    return Quarantined(batch=replace(batch, **kept), rows=rows, updates=updates,
                       by_table={t: len(r) for t, r in bad.items() if r})


def _keys_of(tables, keys, bad, table: str) -> set[str]:
    """Non-NULL keys of the rows of ``table`` that are not loaded."""
    if table not in tables or not bad.get(table):
        return set()
    return set(tables[table].filter(pl.col(ROW).is_in(list(bad[table])))[keys[table]].drop_nulls()
               .cast(pl.String).to_list())


def _cut(frame: pl.DataFrame, links: list[tuple[str, str]], gone: dict[str, set[str]]) -> pl.DataFrame:
    """Links to rows that are not loaded become NULL."""
    exprs = [pl.when(pl.col(c).is_in(sorted(gone[p]))).then(None).otherwise(pl.col(c)).alias(c)
             for c, p in links if c in frame.columns and gone.get(p)]
    return frame.with_columns(exprs) if exprs else frame


def _recount_events(events, new_articles, article_updates, loaded_articles, lost: set[str]):
    """article_count, first/last_published of events that lost articles, over the articles loaded."""
    if not lost:
        return events, set()
    members = [f.select("article_id", "event_id") for f in (new_articles, article_updates)
               if f is not None and f.height]
    published = [f.select("article_id", "published_date") for f in (new_articles, loaded_articles)
                 if f is not None and f.height]
    if members:
        m = pl.concat(members, how="vertical_relaxed")
        if published:
            m = m.join(pl.concat(published, how="vertical_relaxed").unique("article_id"), on="article_id",
                       how="left")
        else:
            m = m.with_columns(pl.lit(None, pl.Date).alias("published_date"))
        counts = m.filter(pl.col("event_id").is_in(sorted(lost))).group_by("event_id").agg(
            pl.len().alias("_n"), pl.col("published_date").min().alias("_first"),
            pl.col("published_date").max().alias("_last"))
    else:
        counts = pl.DataFrame(schema={"event_id": pl.String, "_n": pl.UInt32, "_first": pl.Date, "_last": pl.Date})
    out = events.join(counts, on="event_id", how="left", maintain_order="left")
    changed = pl.col("event_id").is_in(sorted(lost))
    out = out.with_columns(
        pl.when(changed).then(pl.col("_n").fill_null(0)).otherwise(pl.col("article_count"))
        .cast(events.schema["article_count"]).alias("article_count"),
        pl.when(changed).then(pl.col("_first")).otherwise(pl.col("first_published")).alias("first_published"),
        pl.when(changed).then(pl.col("_last")).otherwise(pl.col("last_published")).alias("last_published"),
    ).drop("_n", "_first", "_last")
    empty = set(out.filter(pl.col("article_count") == 0)["event_id"].to_list())
    return out.filter(pl.col("article_count") > 0), empty


def _recount_entities(entities, new_mentions, mention_updates, loaded_mentions, lost: set[str]):
    """article_count, mention_count of entities that lost mentions, over the mentions loaded."""
    if not lost:
        return entities, set()
    frames = []
    if new_mentions is not None and new_mentions.height:
        frames.append(new_mentions.select("mention_id", "article_id", "entity_id"))
    if mention_updates is not None and mention_updates.height and loaded_mentions is not None \
            and loaded_mentions.height:
        frames.append(mention_updates.select("mention_id", "entity_id")
                      .join(loaded_mentions.select("mention_id", "article_id"), on="mention_id", how="inner")
                      .select("mention_id", "article_id", "entity_id"))
    m = pl.concat(frames, how="vertical_relaxed") if frames else pl.DataFrame(
        schema={"mention_id": pl.String, "article_id": pl.String, "entity_id": pl.String})
    counts = (m.filter(pl.col("entity_id").is_in(sorted(lost)))
              .group_by("entity_id").agg(pl.len().alias("_m"), pl.col("article_id").n_unique().alias("_a")))
    out = entities.join(counts, on="entity_id", how="left", maintain_order="left")
    affected = pl.col("entity_id").is_in(sorted(lost))
    out = out.with_columns(
        pl.when(affected).then(pl.col("_m").fill_null(0)).otherwise(pl.col("mention_count"))
        .cast(entities.schema["mention_count"]).alias("mention_count"),
        pl.when(affected).then(pl.col("_a").fill_null(0)).otherwise(pl.col("article_count"))
        .cast(entities.schema["article_count"]).alias("article_count"),
    ).drop("_m", "_a")
    empty = set(out.filter(pl.col("mention_count") == 0)["entity_id"].to_list())
    return out.filter(pl.col("mention_count") > 0), empty
