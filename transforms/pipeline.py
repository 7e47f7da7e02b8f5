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
from typing import Callable

import polars as pl

from transforms import claims as claims_t
from transforms.claims import roster
from transforms import dates as dates_t
from transforms import entities as entities_t
from transforms import events as events_t
from transforms import incident_evidence
from transforms.incremental import SOURCE_RECORDS_SCHEMA, classify_read, classify_records, old_refs, resolve_refs
from transforms.text import rejected_per_file, stage_records

# Columns the run-wide steps need from articles already in the warehouse.
ARTICLE_STATE_COLUMNS = ("article_id", "source_path", "source_record", "title", "published_date", "event_date",
                         "event_date_source", "event_time", "event_id", "incident_keys")
RECORD_LIGHT = ("source_path", "source_record", "record_index", "record_sha256", "change")


@dataclass
class BatchFrames:
    """What one extraction task returns (every frame may be empty)."""

    read: pl.DataFrame  # one row per file: source_path, format, file_sha256, stat, read_error, change
    staged: pl.DataFrame  # source_path, source_record, record_index, article_id of every staged record
    articles: pl.DataFrame  # one row per distinct article_id (first path wins)
    rejected: pl.DataFrame
    date_mentions: pl.DataFrame
    entity_mentions: pl.DataFrame
    claims: pl.DataFrame
    seconds: dict[str, float] = field(default_factory=dict)
    records: pl.DataFrame = field(default_factory=pl.DataFrame)  # RECORD_LIGHT of every record read
    resume: list = field(default_factory=list)  # (path, position, record index) left for a later batch

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
                                               "entity_mentions", "claims")), seconds=seconds,
                           records=cat("records"))


def records_of_read_files(read: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """flows.reader.read_files rows (whole .txt files) -> (file rows, record rows) as read_units gives them."""
    files = read.select("source_path", pl.lit("txt").alias("format"), "file_sha256", "size_bytes", "mtime_ns",
                        "read_error")
    records = read.filter(pl.col("read_error").is_null()).select(
        "source_path", pl.lit(None, pl.String).alias("source_record"), pl.lit(0, pl.Int64).alias("record_index"),
        pl.col("file_sha256").alias("record_sha256"), pl.lit(True).alias("parsed"), "raw",
        pl.lit(None, pl.String).alias("record_error"))
    return files, records


def extract_batch(
    read: pl.DataFrame, known: pl.DataFrame, nlp, *, today: date, max_chars: int | None = None,
    records: pl.DataFrame | None = None, known_records: pl.DataFrame | None = None,
    on_article: Callable[[int], None] | None = None,
) -> BatchFrames:
    """Read files and records -> staged articles and everything extracted from them.

    ``read``: one row per file (flows.reader.FILE_READ_SCHEMA; or READ_SCHEMA rows
    of whole .txt files, with ``records`` None); ``records``: flows.reader.RECORD_SCHEMA;
    ``known``: the ledger rows of these paths (source_path, file_sha256);
    ``known_records``: their source_records rows; ``nlp``: flows.nlp.Nlp;
    ``max_chars``: longer articles are rejected (too_long) before spaCy sees them; ``on_article(n)``:
    called as each article leaves spaCy (n so far), for progress reporting.
    """
    t: dict[str, float] = {}
    t0 = time.perf_counter()
    if records is None:
        read, records = records_of_read_files(read)
    if known_records is None:
        known_records = pl.DataFrame(schema={"source_path": pl.String, "source_record": pl.String,
                                             "record_sha256": pl.String})
    read = classify_read(read, known)
    file_errors = read.filter(pl.col("read_error").is_not_null() & (pl.col("change") != "unchanged"))
    records = classify_records(records, read, known_records)
    todo = records.filter((pl.col("change") != "unchanged") & pl.col("parsed"))
    todo = todo.filter(~pl.col("source_path").is_in(file_errors["source_path"].implode()))
    articles, rejected = stage_records(todo, read, today=today, max_chars=max_chars)
    file_rejects = file_errors.select(
        "source_path", pl.lit(None, pl.String).alias("source_record"),
        pl.col("read_error").str.split_exact(": ", 1).struct.field("field_0").alias("reason"),
        pl.col("read_error").str.splitn(": ", 2).struct.field("field_1").alias("detail"),
        "file_sha256", "size_bytes")
    rejected = pl.concat([file_rejects, rejected], how="diagonal_relaxed")
    staged = articles.select("source_path", "source_record", "record_index", "article_id")
    articles = articles.unique("article_id", keep="first", maintain_order=True)  # same content, one parse
    t["stage"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    docs = []
    for doc in nlp.ner.pipe(articles["body_clean"].to_list(), batch_size=64):
        docs.append(doc)
        if on_article is not None:
            on_article(len(docs))
    t["ner"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    mentions = dates_t.date_mentions(articles)
    articles = articles.join(dates_t.event_dates(articles, mentions), on="article_id", how="left")
    t["dates"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    ents = entities_t.entity_mentions(articles, docs)
    # the clustering runs without texts: each article carries its addresses, ages, hours as keys
    articles = articles.with_columns(pl.Series("incident_keys", [  # the article's date: a passage recalling an
        incident_evidence.incident_keys(b, d)                       # earlier day tells of another incident
        for b, d in zip(articles["body_clean"].to_list(), articles["published_date"].to_list())],
        dtype=pl.List(pl.String)))
    t["entities"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    claims = claims_t.extract_claims(articles, docs, nlp.parse, date_mentions=mentions, entity_mentions=ents)
    t["claims"] = time.perf_counter() - t0
    return BatchFrames(
        read=read.drop("raw", strict=False), staged=staged, articles=articles, rejected=rejected,
        date_mentions=mentions, entity_mentions=ents, claims=claims, seconds=t,
        records=records.select(*RECORD_LIGHT, "record_error"),
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
    ledger_records: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=SOURCE_RECORDS_SCHEMA))


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
    date_updates: pl.DataFrame  # mention_id, resolved_date, precision, resolution, timex_value
    duplicates: int
    event_history: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=events_t.HISTORY_SCHEMA))
    source_records: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=SOURCE_RECORDS_SCHEMA))
    rejected: pl.DataFrame | None = None  # one row per file (the bad records of a file merged)
    new_victims: pl.DataFrame = field(default_factory=pl.DataFrame)  # the roster of the new articles


def _nonnull(frame: pl.DataFrame, like: pl.DataFrame) -> pl.DataFrame:
    return frame if frame.width else like.clear()


def finalize(
    batch: BatchFrames, state: WarehouseState, aliases: pl.DataFrame, *, run_id: str
) -> Finalized:
    """Dedup against the warehouse, then resolve entities and events over all articles."""
    # 1. who holds which article after this run: new, duplicate, replaced (orphaned), moved
    read = batch.read
    records = batch.records if batch.records.width else pl.DataFrame(
        schema={"source_path": pl.String, "source_record": pl.String, "record_index": pl.Int64, "change": pl.String})
    touched = set(read.filter(pl.col("change") != "unchanged")["source_path"].to_list())
    before = old_refs(state.ledger, state.ledger_records)
    staged = [((p, r or ""), i, a) for p, r, i, a in
              batch.staged.select("source_path", "source_record", "record_index", "article_id").iter_rows()]
    rejected_keys = {(p, r or "") for p, r in batch.rejected.select("source_path", "source_record").iter_rows()} \
        if "source_record" in batch.rejected.columns else {(p, "") for p in batch.rejected["source_path"].to_list()}
    sources = {a: (p, r or "") for a, p, r in
               state.articles.select("article_id", "source_path",
                                     pl.col("source_record") if "source_record" in state.articles.columns
                                     else pl.lit(None, pl.String)).iter_rows()}
    refs = resolve_refs(before, touched, records, staged, rejected_keys, set(state.articles["article_id"].to_list()),
                        sources)
    orphans = refs.orphans
    winner = refs.inserted  # article_id -> its (path, record)
    new_articles = (
        batch.articles.filter(pl.col("article_id").is_in(list(winner)))
        .unique("article_id", keep="first", maintain_order=True)
        .with_columns(
            pl.col("article_id").replace_strict({a: k[0] for a, k in winner.items()}, return_dtype=pl.String)
            .alias("source_path"),
            pl.col("article_id").replace_strict({a: (k[1] or None) for a, k in winner.items()}, return_dtype=pl.String)
            .alias("source_record"),
        )
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

    # 2. the ledger rows this run writes: files, records, and holders that became an article's source
    first_seen = dict(state.ledger.select("source_path", "first_run_id").iter_rows())
    old_file = {r["source_path"]: r for r in state.ledger.iter_rows(named=True)}
    multi = {p for p, r in before if r} | {p for p, r in refs.status if r}
    rows = []
    for r in read.iter_rows(named=True):
        path = r["source_path"]
        row = {k: r.get(k) for k in ("source_path", "file_sha256", "size_bytes", "mtime_ns", "ctime_ns", "inode",
                                     "format")}
        row |= {"first_run_id": first_seen.get(path) or run_id, "last_run_id": run_id}
        if r["change"] == "unchanged":
            old = old_file.get(path, {})
            row |= {"status": old.get("status"), "article_id": old.get("article_id")}
        elif r.get("read_error") is not None or (path, "") in rejected_keys:
            row |= {"status": "rejected", "article_id": None}
        elif path in multi and (path, "") not in refs.after:
            row |= {"status": "records", "article_id": None}
        else:
            row |= {"status": refs.status.get((path, ""), "rejected"), "article_id": refs.after.get((path, ""))}
        rows.append(row)
    read_paths = set(read["source_path"].to_list())
    for aid, (path, rec) in refs.moves.items():  # a copy, not read this run, becomes the article's source
        if not rec and path not in read_paths and path in old_file:
            rows.append(old_file[path] | {"status": "article", "article_id": aid, "last_run_id": run_id})
    source_files = pl.DataFrame(rows, schema={
        "source_path": pl.String, "file_sha256": pl.String, "size_bytes": pl.Int64, "mtime_ns": pl.Int64,
        "ctime_ns": pl.Int64, "inode": pl.Int64, "format": pl.String,
        "status": pl.String, "article_id": pl.String, "first_run_id": pl.String, "last_run_id": pl.String,
    })
    rec_first = {(p, r): f for p, r, f in state.ledger_records.select("source_path", "source_record", "first_run_id")
                 .iter_rows()} if state.ledger_records.height else {}
    rec_sha = {(p, r or ""): s for p, r, s in records.select("source_path", "source_record", "record_sha256")
               .iter_rows()} if "record_sha256" in records.columns else {}
    old_rec = {(p, r): s for p, r, s in state.ledger_records.select("source_path", "source_record", "record_sha256")
               .iter_rows()} if state.ledger_records.height else {}
    rec_rows = []
    for (path, rec), st in sorted(refs.status.items()):
        if not rec:
            continue
        rec_rows.append({"source_path": path, "source_record": rec,
                         "record_sha256": rec_sha.get((path, rec), old_rec.get((path, rec))),
                         "status": st, "article_id": refs.after.get((path, rec)),
                         "first_run_id": rec_first.get((path, rec)) or run_id, "last_run_id": run_id})
    source_records = pl.DataFrame(rec_rows, schema=SOURCE_RECORDS_SCHEMA)
    duplicates = sum(1 for (p, r), st in refs.status.items() if not r and st == "duplicate" and p in touched)

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
    # an article whose text dates nothing (no date, or only its published date) takes its
    # event's date when the event has one on or before it ('event_of_cluster')
    takes_event = pl.col("_e").is_not_null() & (
        pl.col("event_date").is_null()
        | ((pl.col("event_date_source") == "published_date_fallback") & (pl.col("_e") <= pl.col("event_date"))))
    all_articles = all_articles.join(
        events.select("event_id", pl.col("event_date").alias("_e")), on="event_id", how="left"
    ).with_columns(
        pl.when(takes_event).then(pl.lit("event_of_cluster")).otherwise(pl.col("event_date_source"))
        .alias("event_date_source"),
        pl.when(takes_event).then(pl.col("_e")).otherwise(pl.col("event_date")).alias("event_date"),
    ).drop("_e")
    claim_events = all_claims.drop("event_id", strict=False).join(assignments, on="article_id", how="left")

    # 5. split into rows to insert (new) and updates to rows already loaded
    new_id_list = new_ids.implode()
    is_new = pl.col("article_id").is_in(new_id_list)
    article_cols = ["article_id", "event_id", "event_date", "event_date_source"]
    moved = pl.DataFrame({"article_id": list(refs.moves), "_mp": [k[0] for k in refs.moves.values()],
                          "_mr": [k[1] or None for k in refs.moves.values()]},
                         schema={"article_id": pl.String, "_mp": pl.String, "_mr": pl.String})
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
        new_victims=roster.build_victims(new_claims),  # the victim roster of the new articles' claims
        source_files=source_files,
        delete_article_ids=orphans,
        entities=entities,
        events=events,
        article_updates=_with_moves(all_articles.filter(~is_new), moved, article_cols),
        mention_updates=all_mentions.filter(~is_new).select("mention_id", "entity_id"),
        claim_updates=claim_events.filter(~is_new).select("claim_id", "event_id", "attributed_to"),
        date_updates=resolved.filter(~is_new).select("mention_id", "resolved_date", "precision", "resolution",
                                                     *[c for c in ("timex_value",) if c in resolved.columns]),
        duplicates=duplicates,
        source_records=source_records,
        rejected=rejected_per_file(batch.rejected),
        event_history=event_history,
    )


def _with_moves(articles: pl.DataFrame, moved: pl.DataFrame, cols: list[str]) -> pl.DataFrame:
    """Updates of loaded articles; a moved article also gets its new source_path / source_record."""
    out = articles.select(*cols, "source_path", pl.col("source_record") if "source_record" in articles.columns
                          else pl.lit(None, pl.String).alias("source_record"))
    return out.join(moved, on="article_id", how="left").with_columns(
        pl.when(pl.col("_mp").is_not_null()).then(pl.col("_mp")).otherwise(pl.col("source_path")).alias("source_path"),
        pl.when(pl.col("_mp").is_not_null()).then(pl.col("_mr")).otherwise(pl.col("source_record"))
        .alias("source_record"),
    ).drop("_mp", "_mr")


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
