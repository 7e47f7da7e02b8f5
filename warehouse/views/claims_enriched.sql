-- grain: one row per claim.
-- The claims table made flat for BI tools: every claim with its article (title,
-- source file and record, outlet, URL, authors, published date), its event label and date, the name of the entity it
-- is attributed to, a readable figure ("at least 62", "more than 60",
-- "10-12") and whether it is the article's best value for its type (the one
-- article_figures, claim_consensus and claim_timeline use). No joins needed.
-- event_id is the article's event (articles.event_id is the clustering's answer).
create or replace view claims_enriched as
with best as (
    select best_claim_id as claim_id, true as is_article_best
    from article_figures
),

enriched as (
    select
        c.* replace (coalesce(a.event_id, c.event_id) as event_id),
        a.title as article_title,
        a.source_path,
        regexp_extract(a.source_path, '[^/\\]+$') as source_file,
        a.source_record,
        a.outlet,
        a.source_url,
        a.authors,
        a.published_date_source,
        a.event_date as article_event_date,
        e.label as event_label,
        e.event_date,
        ent.canonical_name as attributed_entity_name,
        ent.entity_type as attributed_entity_type,
        coalesce(b.is_article_best, false) as is_article_best
    from claims as c
    join articles as a using (article_id)
    left join events as e on e.event_id = coalesce(a.event_id, c.event_id)
    left join entities as ent on ent.entity_id = c.attributed_to
    left join best as b using (claim_id)
),

final as (
    select
        *,
        case qualifier
            when 'exact' then value_low::varchar
            when 'at_least' then 'at least ' || coalesce(value_stated, value_low)
            when 'more_than' then 'more than ' || coalesce(value_stated, value_low - 1)
            when 'at_most' then 'at most ' || coalesce(value_stated, value_high)
            when 'less_than' then 'less than ' || coalesce(value_stated, value_high + 1)
            when 'about' then 'about ' || coalesce(value_stated, value_low)
            when 'range' then value_low || '-' || value_high
            when 'vague' then surface || ' (>= ' || value_low || ')'
            else coalesce(value_stated, value_low)::varchar
        end as value_label,
        published_date is not null as is_dated
    from enriched
)

select * from final
