"""The pure composition of the transforms: a batch of read files -> frames, and
the run-wide finalisation (entities, events, event-context dates).

No I/O: the flow hands in read files, the loaded spaCy pipelines, the alias
table and the warehouse state it read; it gets frames back for validation and
the load.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date

import polars as pl

from transforms import claims as claims_t
from transforms import dates as dates_t
from transforms import entities as entities_t
from transforms import events as events_t
from transforms import incident_evidence
from transforms.incremental import assign_articles, classify_read, orphaned_articles
from transforms.text import stage_articles

# Columns the run-wide steps need from articles already in the warehouse.
ARTICLE_STATE_COLUMNS = ("article_id", "source_path", "title", "published_date", "event_date",
                         "event_date_source", "event_id", "incident_keys")


@dataclass
class BatchFrames:
    """What one extraction task returns (every frame may be empty)."""

    read: pl.DataFrame  # source_path, file_sha256, size_bytes, mtime_ns, change
    staged: pl.DataFrame  # source_path, article_id of every staged file (duplicates included)
    articles: pl.DataFrame  # one row per distinct article_id (first path wins)
    rejected: pl.DataFrame
    date_mentions: pl.DataFrame
    entity_mentions: pl.DataFrame
    claims: pl.DataFrame
    seconds: dict[str, float] = field(default_factory=dict)

    @staticmethod
    def concat(batches: list["BatchFrames"]) -> "BatchFrames":
        def cat(name: str) -> pl.DataFrame:
            frames = [getattr(b, name) for b in batches]
            return pl.concat(frames, how="diagonal_relaxed") if frames else pl.DataFrame()

        seconds: dict[str, float] = {}
        for b in batches:
            for k, v in b.seconds.items():
                seconds[k] = seconds.get(k, 0.0) + v
        return BatchFrames(*(cat(n) for n in ("read", "staged", "articles", "rejected", "date_mentions",
                                               "entity_mentions", "claims")), seconds=seconds)


def extract_batch(
    read: pl.DataFrame, known: pl.DataFrame, nlp, *, today: date, max_chars: int | None = None
) -> BatchFrames:
    """Read files -> staged articles and everything extracted from them.

    ``read``: flows.reader.READ_SCHEMA rows; ``known``: the ledger rows of these
    paths (source_path, file_sha256); ``nlp``: flows.nlp.Nlp; ``max_chars``:
    longer articles are rejected (too_long) before spaCy sees them.
    """
    t: dict[str, float] = {}
    t0 = time.perf_counter()
    read = classify_read(read, known)
    todo = read.filter(pl.col("change") != "unchanged")
    articles, rejected = stage_articles(todo, today=today, max_chars=max_chars)
    staged = articles.select("source_path", "article_id")
    articles = articles.unique("article_id", keep="first", maintain_order=True)  # same content, one parse
    t["stage"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    docs = list(nlp.ner.pipe(articles["body_clean"].to_list(), batch_size=64))
    t["ner"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    mentions = dates_t.date_mentions(articles)
    articles = articles.join(dates_t.event_dates(articles, mentions), on="article_id", how="left")
    t["dates"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    ents = entities_t.entity_mentions(articles, docs)
    # the clustering runs without texts: each article carries its addresses, ages, hours as keys
    articles = articles.with_columns(pl.Series("incident_keys", [
        incident_evidence.incident_keys(b) for b in articles["body_clean"].to_list()], dtype=pl.List(pl.String)))
    t["entities"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    claims = claims_t.extract_claims(articles, docs, nlp.parse)
    t["claims"] = time.perf_counter() - t0
    return BatchFrames(
        read=read.drop("raw"), staged=staged, articles=articles, rejected=rejected, date_mentions=mentions,
        entity_mentions=ents, claims=claims, seconds=t,
    )


@dataclass
class WarehouseState:
    """What the run-wide steps read from the warehouse before the load."""

    ledger: pl.DataFrame  # source_files
    articles: pl.DataFrame  # ARTICLE_STATE_COLUMNS
    entity_mentions: pl.DataFrame
    claims: pl.DataFrame  # claim_id, article_id, claim_type, value_low, attributed_*, event_id, attributed_to
    date_mentions: pl.DataFrame  # of articles without published_date
    events: pl.DataFrame = field(default_factory=pl.DataFrame)  # event_id, first_published
    taken_event_ids: pl.DataFrame = field(default_factory=pl.DataFrame)  # event_id: every id used before
    mentioned_dates: pl.DataFrame = field(default_factory=pl.DataFrame)  # article_id, resolved_date, precision


@dataclass
class Finalized:
    """Frames ready for validation and the load."""

    new_articles: pl.DataFrame
    new_date_mentions: pl.DataFrame
    new_entity_mentions: pl.DataFrame
    new_claims: pl.DataFrame
    source_files: pl.DataFrame
    delete_article_ids: set[str]
    entities: pl.DataFrame
    events: pl.DataFrame
    article_updates: pl.DataFrame  # article_id, event_id, event_date, event_date_source
    mention_updates: pl.DataFrame  # mention_id, entity_id
    claim_updates: pl.DataFrame  # claim_id, event_id, attributed_to
    date_updates: pl.DataFrame  # mention_id, resolved_date, precision, resolution
    duplicates: int
    event_history: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=events_t.HISTORY_SCHEMA))


def _nonnull(frame: pl.DataFrame, like: pl.DataFrame) -> pl.DataFrame:
    return frame if frame.width else like.clear()


def finalize(
    batch: BatchFrames, state: WarehouseState, aliases: pl.DataFrame, *, run_id: str
) -> Finalized:
    """Dedup against the warehouse, then resolve entities and events over all articles."""
    # 1. which staged articles are new, which are duplicates, which old ones are replaced
    changed_paths = set(batch.read.filter(pl.col("change") == "changed")["source_path"].to_list())
    staged = sorted(zip(batch.staged["source_path"].to_list(), batch.staged["article_id"].to_list()))
    new_refs: dict[str, str | None] = dict(staged)
    new_refs.update({p: None for p in batch.rejected["source_path"].to_list()})
    orphans = orphaned_articles(state.ledger, changed_paths, new_refs)
    existing_ids = set(state.articles["article_id"].to_list()) - orphans
    inserted_paths, status = assign_articles(staged, existing_ids)
    winner = {aid: path for path, aid in staged if path in inserted_paths}  # article_id -> its path
    new_articles = (
        batch.articles.filter(pl.col("article_id").is_in(list(winner)))
        .unique("article_id", keep="first", maintain_order=True)
        .with_columns(pl.col("article_id").replace_strict(winner, return_dtype=pl.String).alias("source_path"))
    )
    new_ids = new_articles["article_id"]

    def keep_new(frame: pl.DataFrame, key: str) -> pl.DataFrame:
        if not frame.height:
            return frame
        return frame.filter(pl.col("article_id").is_in(new_ids.implode())).unique(key, keep="first",
                                                                                  maintain_order=True)

    new_dates = keep_new(batch.date_mentions, "mention_id")
    new_mentions = keep_new(batch.entity_mentions, "mention_id")
    new_claims = keep_new(batch.claims, "claim_id")

    # 2. the ledger rows this run writes
    first_seen = dict(state.ledger.select("source_path", "first_run_id").iter_rows())
    read = batch.read
    ids = dict(staged)
    rows = []
    for r in read.iter_rows(named=True):
        path = r["source_path"]
        st = "rejected" if path in new_refs and new_refs[path] is None else status.get(path)
        if r["change"] == "unchanged":
            st = None  # keep the ledger's status, refresh stat only
        rows.append({
            "source_path": path, "file_sha256": r["file_sha256"], "size_bytes": r["size_bytes"],
            "mtime_ns": r["mtime_ns"], "status": st, "article_id": ids.get(path),
            "first_run_id": first_seen.get(path) or run_id, "last_run_id": run_id,
        })
    source_files = pl.DataFrame(rows, schema={
        "source_path": pl.String, "file_sha256": pl.String, "size_bytes": pl.Int64, "mtime_ns": pl.Int64,
        "status": pl.String, "article_id": pl.String, "first_run_id": pl.String, "last_run_id": pl.String,
    })
    # unchanged rows keep their old status / article id
    old = state.ledger.select("source_path", pl.col("status").alias("_s"), pl.col("article_id").alias("_a"))
    source_files = (
        source_files.join(old, on="source_path", how="left", maintain_order="left")
        .with_columns(pl.coalesce("status", "_s").alias("status"),
                      pl.when(pl.col("status").is_null()).then(pl.col("_a")).otherwise(pl.col("article_id"))
                      .alias("article_id"))
        .drop("_s", "_a")
    )

    # 3. run-wide: all articles (kept old + new), all entity mentions, all claims
    keep_old = ~pl.col("article_id").is_in(sorted(orphans))
    all_articles = pl.concat(
        [state.articles.filter(keep_old),
         new_articles.select([c for c in (*ARTICLE_STATE_COLUMNS, "body_clean") if c in new_articles.columns])],
        how="diagonal_relaxed",
    )
    all_mentions = pl.concat([state.entity_mentions.filter(keep_old), new_mentions], how="diagonal_relaxed")
    all_claims = pl.concat([state.claims.filter(keep_old), new_claims], how="diagonal_relaxed")

    # the events as they were: an event keeps its id when articles join it (events_t.carry_ids)
    previous = _previous_events(state)
    taken = set(state.taken_event_ids["event_id"].to_list()) if state.taken_event_ids.height else set()
    # the days every article's text names (a follow-up that names the incident's date refers back to it)
    all_dates = _named_days([state.mentioned_dates.filter(keep_old) if state.mentioned_dates.height else None,
                             new_dates])
    entities, all_mentions = entities_t.resolve_entities(all_mentions, aliases)
    assignments, _ = events_t.cluster_events(all_articles, all_mentions, all_claims, entities, previous, taken,
                                             all_dates)
    # venue aliases may merge only within one event: resolve again with the events known,
    # then cluster once more so events point at the merged entities
    entities, all_mentions = entities_t.resolve_entities(all_mentions, aliases, assignments)
    assignments, events = events_t.cluster_events(all_articles, all_mentions, all_claims, entities, previous, taken,
                                                  all_dates)
    old_ids = dict(previous.select("article_id", "event_id").iter_rows()) if previous.height else {}
    event_history = events_t.id_history(old_ids, assignments, run_id=run_id)
    all_claims = entities_t.link_attributions(all_claims, all_mentions, entities)

    # 4. event context for year-less dates in undated articles, then their event dates
    all_articles = all_articles.drop("event_id", strict=False).join(assignments, on="article_id", how="left")
    with_event = all_articles.join(
        events.select("event_id", pl.col("event_date").alias("event_date_of_event")), on="event_id", how="left"
    )
    undated_dates = pl.concat([state.date_mentions.filter(keep_old),
                               new_dates.filter(pl.col("article_id").is_in(
                                   new_articles.filter(pl.col("published_date").is_null())["article_id"].implode()))],
                              how="diagonal_relaxed")
    resolved = dates_t.resolve_with_event_context(undated_dates, with_event) if undated_dates.height else undated_dates
    undated = with_event.filter(pl.col("published_date").is_null()).drop("event_date", "event_date_source",
                                                                          strict=False)
    if undated.height:
        redated = dates_t.event_dates(undated, resolved)
        all_articles = all_articles.join(
            redated.select("article_id", pl.col("event_date").alias("_d"), pl.col("event_date_source").alias("_s")),
            on="article_id", how="left",
        ).with_columns(
            pl.when(pl.col("_d").is_not_null()).then(pl.col("_d")).otherwise(pl.col("event_date")).alias("event_date"),
            pl.when(pl.col("_d").is_not_null()).then(pl.col("_s")).otherwise(pl.col("event_date_source"))
            .alias("event_date_source"),
        ).drop("_d", "_s")
    # an article whose text dates nothing takes its event's date ('event_of_cluster')
    all_articles = all_articles.join(
        events.select("event_id", pl.col("event_date").alias("_e")), on="event_id", how="left"
    ).with_columns(
        pl.when(pl.col("event_date").is_null() & pl.col("_e").is_not_null())
        .then(pl.lit("event_of_cluster")).otherwise(pl.col("event_date_source")).alias("event_date_source"),
        pl.coalesce("event_date", "_e").alias("event_date"),
    ).drop("_e")
    claim_events = all_claims.drop("event_id", strict=False).join(assignments, on="article_id", how="left")

    # 5. split into rows to insert (new) and updates to rows already loaded
    new_id_list = new_ids.implode()
    is_new = pl.col("article_id").is_in(new_id_list)
    article_cols = ["article_id", "event_id", "event_date", "event_date_source"]
    new_articles = new_articles.drop("event_id", "event_date", "event_date_source", strict=False).join(
        all_articles.select(article_cols), on="article_id", how="left")
    resolved_new = resolved.filter(is_new)
    if resolved_new.height:
        new_dates = new_dates.filter(~pl.col("mention_id").is_in(resolved_new["mention_id"].implode()))
        new_dates = pl.concat([new_dates, resolved_new.select(new_dates.columns)], how="vertical_relaxed")
    return Finalized(
        new_articles=new_articles,
        new_date_mentions=new_dates,
        new_entity_mentions=all_mentions.filter(is_new),
        new_claims=claim_events.filter(is_new),
        source_files=source_files,
        delete_article_ids=orphans,
        entities=entities,
        events=events,
        article_updates=all_articles.filter(~is_new).select(article_cols),
        mention_updates=all_mentions.filter(~is_new).select("mention_id", "entity_id"),
        claim_updates=claim_events.filter(~is_new).select("claim_id", "event_id", "attributed_to"),
        date_updates=resolved.filter(~is_new).select("mention_id", "resolved_date", "precision", "resolution"),
        duplicates=sum(1 for s in status.values() if s == "duplicate"),
        event_history=event_history,
    )


def _named_days(frames: list[pl.DataFrame | None]) -> pl.DataFrame:
    """article_id, resolved_date, precision of the date mentions in ``frames`` (those that have them)."""
    cols = ["article_id", "resolved_date", "precision"]
    parts = [f.select(cols) for f in frames if f is not None and f.height and all(c in f.columns for c in cols)]
    if not parts:
        return pl.DataFrame(schema={"article_id": pl.String, "resolved_date": pl.Date, "precision": pl.String})
    return pl.concat(parts, how="vertical_relaxed")


def _previous_events(state: WarehouseState) -> pl.DataFrame:
    """article_id, event_id, first_published of the articles loaded before this run (replaced ones too:
    an event whose articles are all gone is recorded as removed)."""
    arts = state.articles
    if not arts.height or "event_id" not in arts.columns:
        return pl.DataFrame(schema={"article_id": pl.String, "event_id": pl.String, "first_published": pl.Date})
    prev = arts.select("article_id", "event_id").filter(pl.col("event_id").is_not_null())
    if state.events.height:
        return prev.join(state.events.select("event_id", "first_published"), on="event_id", how="left")
    return prev.with_columns(pl.lit(None, pl.Date).alias("first_published"))
