-- grain: one row per (event, claim_type).
-- Each article's report is its best figure (article_figures) read as an interval
-- [value_low, value_high]: value_high NULL is unbounded, and an at_least / more_than
-- figure is open above whatever value_high it carries.
-- conservative_value follows ACLED: the lowest of the articles' best values;
-- max_value the highest; spread the difference; latest_value is the best value of the
-- most recently published article (articles without a published date count only when
-- no article has one; several on the latest date: the largest, latest_is_tied says
-- they disagree).
-- Interval rules (docs/EVENTS.md):
--   two reports are incompatible when one's value_low is above the other's value_high;
--   such a pair is a revision when the report with the higher figure was published on a
--   later day (a toll that rose), a conflict otherwise (the same day, an undated report,
--   or a figure that fell). Compatible lower bounds ("more than 60", "at least 62",
--   "at least 40") are neither.
--   is_conflicting: some pair conflicts; is_revision: some pair is a revision.
--   range_low / range_high: the tightest range consistent with the reports: the largest
--   value_low (a lower bound still holds after the figure rose) and the smallest
--   value_high of the reports no later report revised upwards; NULL high = unbounded.
--   Conflicting reports admit no range: both NULL.
create or replace view claim_consensus as
with figures as (
    select * from article_figures
),

reports as (
    select
        event_id,
        claim_type,
        article_id,
        published_date,
        best_value as value_low,
        case when best_qualifier in ('at_least', 'more_than') then null else best_value_high end as value_high
    from figures
),

incompatible_pairs as (
    select
        h.event_id,
        h.claim_type,
        l.article_id as lower_article_id,
        coalesce(h.published_date > l.published_date, false) as is_revision
    from reports as h
    join reports as l
        on h.event_id is not distinct from l.event_id
        and h.claim_type = l.claim_type
        and h.value_low > l.value_high
),

pair_flags as (
    select
        event_id,
        claim_type,
        bool_or(not is_revision) as is_conflicting,
        bool_or(is_revision) as is_revision
    from incompatible_pairs
    group by event_id, claim_type
),

revised_reports as (
    select distinct event_id, claim_type, lower_article_id as article_id
    from incompatible_pairs
    where is_revision
),

ranges as (
    select
        r.event_id,
        r.claim_type,
        max(r.value_low) as range_low,
        min(r.value_high) filter (where v.article_id is null) as range_high
    from reports as r
    left join revised_reports as v
        on r.event_id is not distinct from v.event_id
        and r.claim_type = v.claim_type
        and r.article_id = v.article_id
    group by r.event_id, r.claim_type
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
        case when not coalesce(p.is_conflicting, false) then g.range_low end as range_low,
        case when not coalesce(p.is_conflicting, false) then g.range_high end as range_high,
        coalesce(p.is_conflicting, false) as is_conflicting,
        coalesce(p.is_revision, false) as is_revision,
        a.n_distinct_values,
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
    join ranges as g
        on a.event_id is not distinct from g.event_id and a.claim_type = g.claim_type
    left join pair_flags as p
        on a.event_id is not distinct from p.event_id and a.claim_type = p.claim_type
    left join events as e on a.event_id = e.event_id
)

select * from final
