-- grain: one row per (article, claim_type) that has at least one main-scope claim.
-- best_value = the value_low of the claim that states the article's figure
-- (claims.is_article_figure, set by transforms/claims/choice.py: the update of the
-- count, else agreement between the mentions with the headline and lead weighing more,
-- else the largest; docs/DESIGN.md "article_figures"). An article with no claim of a
-- type, or only background ones (another incident, a statistic), has no row; readers
-- treat it as 0. transforms.evaluation.best_values and the events' figures read the same flag.
create or replace view article_figures as
with chosen as (
    select * from claims where coalesce(is_article_figure, false)
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
        b.choice_rule,
        b.hedged as best_hedged,
        b.attributed_to as best_attributed_to,
        p.n_claims,
        p.any_hedged,
        a.published_date,
        a.title,
        a.source_path
    from chosen as b
    join per_article as p using (article_id, claim_type)
    join articles as a using (article_id)
)

select * from final
