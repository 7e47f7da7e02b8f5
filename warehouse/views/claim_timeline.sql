-- grain: one row per (event, claim_type, article): how the reported figure moved.
-- Order (report_number): published_date, then article_id (the content hash: stable
-- from run to run); undated articles (published_date NULL) come last.
-- A day's figure (day_value) is the largest best value published that day, as
-- claim_consensus's latest_value. Every report is compared with the previous
-- *day's* figure, never with another report of its own day, so two same-day
-- reports do not make a swing no source made:
--   previous_value / previous_published: the figure of the last earlier day with a report;
--   change_from_previous = best_value - previous_value;
--   contradicts_previous: the report's upper bound is below the previous day's figure
--   (the figure would have fallen); a lower bound below it ("at least 40" after "more
--   than 60") does not contradict it.
-- Undated reports have no place in the sequence: no previous_value / change (is_dated = false).
create or replace view claim_timeline as
with figures as (
    select * from article_figures
),

reports as (
    select
        event_id,
        claim_type,
        article_id,
        title,
        published_date,
        published_date is not null as is_dated,
        best_value,
        best_value_high,
        best_qualifier,
        best_value_stated,
        best_surface,
        best_hedged,
        best_attributed_to,
        case when best_qualifier in ('at_least', 'more_than') then null else best_value_high end as upper_bound
    from figures
),

days as (
    select
        event_id,
        claim_type,
        published_date,
        max(best_value) as day_value
    from reports
    where is_dated
    group by event_id, claim_type, published_date
),

day_sequence as (
    select
        *,
        lag(day_value) over w as previous_day_value,
        lag(published_date) over w as previous_day
    from days
    window w as (partition by event_id, claim_type order by published_date)
),

ordered as (
    select
        r.* exclude (upper_bound),
        r.upper_bound,
        row_number() over (
            partition by r.event_id, r.claim_type order by r.published_date nulls last, r.article_id
        ) as report_number,
        d.day_value,
        d.previous_day_value,
        d.previous_day
    from reports as r
    left join day_sequence as d
        on r.event_id is not distinct from d.event_id
        and r.claim_type = d.claim_type
        and r.published_date = d.published_date
),

final as (
    select
        * exclude (upper_bound, previous_day_value, previous_day),
        previous_day_value as previous_value,
        previous_day as previous_published,
        best_value - previous_day_value as change_from_previous,
        coalesce(upper_bound < previous_day_value, false) as contradicts_previous,
        max(best_value) over (
            partition by event_id, claim_type order by report_number
            rows between unbounded preceding and current row
        ) as running_max
    from ordered
)

select * from final order by event_id, claim_type, report_number
