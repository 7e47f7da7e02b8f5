-- grain: one row per (article, claim_type) that has at least one claim.
-- best_value = the largest value_low among the article's claims of that type
-- (an article with no claim of a type has no row; readers treat it as 0).
-- Claims flagged is_background (figures about other incidents or aggregate
-- statistics, e.g. "the city's 300th homicide this year") do not count.
create or replace view article_figures as
with claims_ranked as (
    select
        c.*,
        row_number() over (
            partition by c.article_id, c.claim_type
            order by c.value_low desc nulls last, c.in_title asc, c.char_start
        ) as rank_in_article
    from claims as c
    where c.value_low is not null and not coalesce(c.is_background, false)
),

best_claim as (
    select * from claims_ranked where rank_in_article = 1
),

per_article as (
    select
        article_id,
        claim_type,
        count(*) as n_claims,
        bool_or(hedged) as any_hedged
    from claims
    where value_low is not null and not coalesce(is_background, false)
    group by article_id, claim_type
),

final as (
    select
        b.article_id,
        a.event_id,
        b.claim_type,
        b.value_low as best_value,
        b.value_high as best_value_high,
        b.qualifier as best_qualifier,
        b.value_stated as best_value_stated,
        b.surface as best_surface,
        b.claim_id as best_claim_id,
        b.rule_id,
        b.hedged as best_hedged,
        b.attributed_to as best_attributed_to,
        p.n_claims,
        p.any_hedged,
        a.published_date,
        a.title,
        a.source_path
    from best_claim as b
    join per_article as p using (article_id, claim_type)
    join articles as a using (article_id)
)

select * from final
