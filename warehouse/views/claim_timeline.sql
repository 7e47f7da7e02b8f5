-- grain: one row per (event, claim_type, article), ordered by published_date:
-- how the reported figure moved from one report to the next.
-- Undated articles (published_date NULL) come last; their place in the sequence
-- is unknown, so they get no previous_value / change_from_previous (is_dated = false).
create or replace view claim_timeline as
with figures as (
    select * from article_figures
),

ordered as (
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
        row_number() over w as report_number,
        lag(best_value) over w as lagged_value
    from figures
    window w as (partition by event_id, claim_type order by published_date nulls last, article_id)
),

final as (
    select
        * exclude (lagged_value),
        case when is_dated then lagged_value end as previous_value,
        case when is_dated then best_value - lagged_value end as change_from_previous,
        max(best_value) over (
            partition by event_id, claim_type order by report_number
            rows between unbounded preceding and current row
        ) as running_max
    from ordered
)

select * from final order by event_id, claim_type, report_number
