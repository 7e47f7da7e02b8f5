-- newsclaims warehouse DDL (DuckDB). Table names and the columns DESIGN.md lists are
-- the contract; extra columns are ours. Idempotent: every statement is IF NOT EXISTS.
-- Foreign keys are not declared (DuckDB cannot cascade or update referenced keys);
-- the expectations/ suites check every one of them on each batch instead.

-- grain: one row per pipeline run
create table if not exists pipeline_runs (
    run_id              varchar primary key,
    flow_run_id         varchar,
    started_at          timestamp not null,
    finished_at         timestamp,
    status              varchar not null,      -- running | success | failed | interrupted
    inputs              varchar[],
    strict              boolean,
    files_seen          integer,
    files_new           integer,
    files_changed       integer,
    files_unchanged     integer,
    files_skipped       integer,               -- not articles (gold.csv, README.md, ...)
    files_rejected      integer,
    files_duplicate     integer,               -- same content as an article already loaded
    rows_quarantined    integer,
    expectations_failed integer,
    row_counts          json,                  -- rows written per table by this run
    duration_s          double,
    error               varchar
);

-- grain: one row per input file path ever seen (the incremental-run ledger)
create table if not exists source_files (
    source_path   varchar primary key,
    file_sha256   varchar,                     -- NULL when the file was never read (too large, unreadable)
    size_bytes    bigint,
    mtime_ns      bigint,
    status        varchar not null,            -- article | duplicate | rejected | quarantined | records
    article_id    varchar,                     -- NULL for a multi-record file: see source_records
    first_run_id  varchar,
    last_run_id   varchar,
    ctime_ns      bigint,                      -- with inode: an edit that restores the mtime is still seen
    inode         bigint,
    format        varchar                      -- txt | html | json | jsonl | csv | parquet | warc
);

-- grain: one row per record ever seen inside a multi-record input file (JSON list, JSONL, CSV,
-- Parquet, WARC): the ledger by record, so an unchanged record is not parsed again
create table if not exists source_records (
    source_path   varchar not null,
    source_record varchar not null,            -- line 3 | row 2 | item 1 | <urn:uuid:...> (WARC-Record-ID)
    record_sha256 varchar,                     -- sha256 of the record's bytes
    status        varchar not null,            -- article | duplicate | rejected | removed | quarantined
    article_id    varchar,
    first_run_id  varchar,
    last_run_id   varchar,
    primary key (source_path, source_record)
);

-- grain: one row per distinct article (dedup by hash of body_clean)
create table if not exists articles (
    article_id            varchar primary key,  -- first 16 hex of content_sha256
    source_path           varchar not null,
    title                 varchar,
    published_date        date,
    published_date_source varchar not null,     -- header | metadata | none
    event_date            date,
    event_date_source     varchar not null,     -- see transforms/dates.py
    event_time            varchar,              -- the incident's time of day: HH:MM or MO | AF | EV | NI
    body_raw              varchar not null,
    body_clean            varchar not null,
    word_count            integer not null,
    content_sha256        varchar not null,     -- sha256 of body_clean
    encoding              varchar,
    event_id              varchar,
    incident_keys         varchar[],            -- evidence for clustering (transforms/incident_evidence.py)
    run_id                varchar not null,
    ingested_at           timestamp not null,
    source_url            varchar,              -- the page's URL (HTML canonical/og:url, record url, WARC target)
    outlet                varchar,              -- site name, else the URL's registered domain
    authors               varchar[],
    language              varchar,
    source_record         varchar               -- the record's key inside a multi-record file; NULL: the file
);

-- grain: one row per date expression in an article
create table if not exists date_mentions (
    mention_id     varchar primary key,
    article_id     varchar not null,
    surface        varchar not null,
    char_start     integer not null,            -- offsets into articles.body_clean
    char_end       integer not null,
    resolved_date  date,
    precision      varchar,                     -- day | month | year (calendar values only)
    is_relative    boolean not null,
    resolution     varchar,                     -- how resolved_date was found (timex:<rule id> for timex rules)
    timex_type     varchar,                     -- DATE | TIME | DURATION | SET
    timex_value    varchar,                     -- the TimeML value: 2024-03-22T21:40, P3D, 2024-W12, PRESENT_REF
    mod            varchar                      -- TimeML mod: START | MID | END | APPROX | ...
);

-- grain: one row per figure stated in an article
create table if not exists claims (
    claim_id           varchar primary key,
    article_id         varchar not null,
    event_id           varchar,
    claim_type         varchar not null,
    value_stated       bigint,
    value_low          bigint,
    value_high         bigint,                  -- NULL = unbounded
    qualifier          varchar not null,
    unit               varchar,
    surface            varchar not null,
    char_start         integer not null,
    char_end           integer not null,
    sentence           varchar,
    attributed_to      varchar,                 -- entity_id
    attributed_surface varchar,
    attributed_char_start integer,
    attributed_char_end integer,
    hedged             boolean not null,
    negated            boolean,
    in_title           boolean,
    is_background      boolean,                 -- about another incident / aggregate statistics
    published_date     date,
    rule_id            varchar,                 -- the rule that produced the claim (docs/RULES.md)
    scope              varchar,                 -- main | other (another incident) | aggregate (a statistic)
    derived_from       varchar,                 -- claim_id it was derived from, or the rule of the figure adjusted in place
    is_article_figure  boolean,                 -- the claim states the article's figure of its type (article_figures)
    choice_rule        varchar,                 -- the step of the choice that chose it (transforms/claims/choice.py)
    person_id          varchar,                 -- victims.person_id: the person a single-victim claim names
    includes_attacker  boolean                  -- a killed count that counts the attacker's own death
);

-- grain: one row per person an article reports as harmed (the victim roster, transforms/claims/roster.py)
create table if not exists victims (
    person_id      varchar primary key,
    article_id     varchar not null,
    role           varchar not null,            -- victim | attacker | police | bystander
    outcome        varchar not null,            -- killed | injured | missing | unharmed
    people         bigint not null,             -- 1; more for people written as one list ("Smith and his wife")
    surface        varchar not null,            -- the first mention that is not a pronoun
    char_start     integer not null,
    char_end       integer not null,
    mentions       bigint not null,
    claim_ids      varchar[]                    -- the claims that mention the person
);

-- grain: one row per real-world entity (aliases merged)
create table if not exists entities (
    entity_id      varchar primary key,
    canonical_name varchar not null,
    entity_type    varchar not null,
    aliases        varchar[],
    article_count  integer not null,
    mention_count  integer not null
);

-- grain: one row per entity mention in an article
create table if not exists entity_mentions (
    mention_id  varchar primary key,
    article_id  varchar not null,
    entity_id   varchar,
    surface     varchar not null,
    char_start  integer not null,
    char_end    integer not null,
    label       varchar not null,
    name_key    varchar,                        -- normalised name used for merging
    source      varchar                         -- ner | ruler | the rule that made a place
);

-- grain: one row per incident (articles clustered)
create table if not exists events (
    event_id           varchar primary key,
    label              varchar,
    event_date         date,
    event_time         varchar,                 -- most common articles.event_time on the event's event_date: HH:MM or MO | AF | EV | NI
    location_entity_id varchar,
    article_count      integer not null,
    first_published    date,
    last_published     date
);

-- grain: one row per (run, old event id, event id its articles went to): how a run merged, split
-- or removed events (docs/EVENTS.md). Follow a saved id: where event_id = ? order by recorded_at.
create table if not exists event_id_history (
    history_id    varchar primary key,         -- hash of (run_id, event_id, new_event_id)
    run_id        varchar not null,
    event_id      varchar not null,            -- the id before this run
    new_event_id  varchar,                     -- where (some of) its articles are now; NULL: removed
    change        varchar not null,            -- merged | split | removed
    n_articles    integer not null,            -- its articles that moved (removed: that are gone)
    recorded_at   timestamp not null
);

-- grain: one row per rejected input file per run that saw it changed or new
create table if not exists rejected_inputs (
    run_id       varchar not null,
    source_path  varchar not null,
    reason       varchar not null,              -- stable code, e.g. empty_file, binary_content
    detail       varchar,
    file_sha256  varchar,
    size_bytes   bigint,
    rejected_at  timestamp not null,
    source_record varchar,                      -- the first bad record of a multi-record file (all in detail)
    primary key (run_id, source_path)
);

-- grain: one row per (row, failed expectation) held back from its table
create table if not exists quarantine (
    run_id          varchar not null,
    table_name      varchar not null,
    row_key         varchar not null,
    expectation     varchar not null,
    row_data        json,
    quarantined_at  timestamp not null
);

-- grain: one row per expectation result per suite per run
create table if not exists dq_results (
    run_id            varchar not null,
    suite             varchar not null,
    expectation       varchar not null,
    column_name       varchar,
    success           boolean not null,
    element_count     bigint,
    unexpected_count  bigint,
    unexpected_sample json,
    evaluated_at      timestamp not null
);
