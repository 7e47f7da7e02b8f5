-- grain: one row per (event, claim_type).
-- conservative_value follows ACLED: the lowest of the articles' best values;
-- latest_value is the best value of the most recently published article
-- (articles without a published date count only when no article has one).
-- Several articles on the latest date: the largest of their values, and
-- latest_is_tied says that they disagree.
create or replace view claim_consensus as
with figures as (
    select * from article_figures
),

latest as (
    select
        event_id,
        claim_type,
        best_value as latest_value,
        article_id as latest_article_id,
        published_date as latest_published
    from figures
    qualify row_number() over (
        partition by event_id, claim_type
        order by published_date desc nulls last, best_value desc, article_id
    ) = 1
),

latest_day as (
    select
        f.event_id,
        f.claim_type,
        count(distinct f.best_value) > 1 as latest_is_tied
    from figures as f
    join latest as l
        on f.event_id is not distinct from l.event_id
        and f.claim_type = l.claim_type
        and f.published_date is not distinct from l.latest_published
    group by f.event_id, f.claim_type
),

aggregated as (
    select
        event_id,
        claim_type,
        count(distinct article_id) as n_articles,
        count(distinct article_id) filter (where published_date is null) as n_undated_articles,
        count(distinct article_id) filter (where any_hedged) as n_hedged_articles,
        sum(n_claims)::bigint as n_claims,
        min(best_value) as conservative_value,
        max(best_value) as max_value,
        count(distinct best_value) as n_distinct_values,
        min(published_date) as first_published,
        max(published_date) as last_published
    from figures
    group by event_id, claim_type
),

final as (
    select
        a.event_id,
        e.label as event_label,
        a.claim_type,
        a.n_articles,
        a.n_claims,
        a.conservative_value,
        a.max_value,
        l.latest_value,
        l.latest_article_id,
        l.latest_published,
        a.max_value - a.conservative_value as spread,
        a.n_distinct_values > 1 as is_conflicting,
        a.first_published,
        a.last_published,
        d.latest_is_tied,
        a.n_undated_articles,
        a.n_hedged_articles
    from aggregated as a
    join latest as l
        on a.event_id is not distinct from l.event_id and a.claim_type = l.claim_type
    join latest_day as d
        on a.event_id is not distinct from d.event_id and a.claim_type = d.claim_type
    left join events as e on a.event_id = e.event_id
)

select * from final
