-- grain: one row per unordered pair of entities named in at least one same article
-- (entity_a sorts before entity_b by canonical_name, then entity_id).
-- n_articles counts the articles naming both; jaccard = n_articles over the
-- articles naming either, so a pair of rarely named entities that always appear
-- together ranks above two ubiquitous ones.
create or replace view entity_cooccurrence as
with mentions as (
    select
        article_id,
        entity_id,
        count(*) as n_mentions
    from entity_mentions
    where entity_id is not null
    group by article_id, entity_id
),

named as (
    select
        m.article_id,
        m.entity_id,
        m.n_mentions,
        e.canonical_name,
        e.entity_type,
        a.event_id,
        a.published_date
    from mentions as m
    join entities as e using (entity_id)
    join articles as a using (article_id)
),

article_totals as (
    select entity_id, count(distinct article_id) as n_articles_named
    from named
    group by entity_id
),

pairs as (
    select
        x.entity_id as entity_a_id,
        y.entity_id as entity_b_id,
        x.article_id,
        x.event_id,
        x.published_date,
        x.n_mentions as mentions_a,
        y.n_mentions as mentions_b
    from named as x
    join named as y
        on x.article_id = y.article_id
        and (x.canonical_name, x.entity_id) < (y.canonical_name, y.entity_id)
),

aggregated as (
    select
        entity_a_id,
        entity_b_id,
        count(distinct article_id) as n_articles,
        count(distinct event_id) as n_events,
        sum(mentions_a)::bigint as mentions_a,
        sum(mentions_b)::bigint as mentions_b,
        min(published_date) as first_published,
        max(published_date) as last_published
    from pairs
    group by entity_a_id, entity_b_id
),

final as (
    select
        p.entity_a_id,
        ea.canonical_name as entity_a_name,
        ea.entity_type as entity_a_type,
        p.entity_b_id,
        eb.canonical_name as entity_b_name,
        eb.entity_type as entity_b_type,
        p.n_articles,
        p.n_events,
        p.mentions_a,
        p.mentions_b,
        round(p.n_articles / (ta.n_articles_named + tb.n_articles_named - p.n_articles), 3) as jaccard,
        p.first_published,
        p.last_published
    from aggregated as p
    join entities as ea on ea.entity_id = p.entity_a_id
    join entities as eb on eb.entity_id = p.entity_b_id
    join article_totals as ta on ta.entity_id = p.entity_a_id
    join article_totals as tb on tb.entity_id = p.entity_b_id
)

select * from final
