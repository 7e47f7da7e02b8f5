-- grain: one row per event.
-- The coverage of an incident: how many articles report it, dated or not, when
-- the first and last of them were published, and how many articles state a
-- figure of each claim type (articles_<type>; every type, including ones added
-- after this view was written, is in the articles_by_claim_type map). A negated
-- figure ("no one was injured", value 0) counts: the article reports the type;
-- a background figure (another incident, a yearly total) does not, as in article_figures.
-- outlets: who reported it (site name, else the URL's domain; NULL for plain files), with n_outlets.
create or replace view event_sources as
with event_articles as (
    select
        event_id,
        article_id,
        published_date,
        source_path,
        outlet,
        source_url
    from articles
    where event_id is not null
),

coverage as (
    select
        event_id,
        count(*) as n_articles,
        count(published_date) as n_dated_articles,
        count(*) - count(published_date) as n_undated_articles,
        min(published_date) as first_published,
        max(published_date) as last_published,
        list(source_path order by published_date nulls last, source_path) as source_paths,
        count(distinct outlet) as n_outlets,
        list(distinct outlet order by outlet) filter (where outlet is not null) as outlets,
        list(source_url order by published_date nulls last, source_url) filter (where source_url is not null)
            as source_urls
    from event_articles
    group by event_id
),

reporting as (
    select
        a.event_id,
        c.claim_type,
        count(distinct c.article_id) as n_reporting
    from claims as c
    join event_articles as a using (article_id)
    where not coalesce(c.is_background, false)
    group by a.event_id, c.claim_type
),

reporting_wide as (
    select
        event_id,
        count(*) filter (where claim_type is not null) as n_claim_types,
        coalesce(max(n_reporting) filter (where claim_type = 'killed'), 0) as articles_killed,
        coalesce(max(n_reporting) filter (where claim_type = 'injured'), 0) as articles_injured,
        coalesce(max(n_reporting) filter (where claim_type = 'hospitalized'), 0) as articles_hospitalized,
        coalesce(max(n_reporting) filter (where claim_type = 'missing'), 0) as articles_missing,
        coalesce(max(n_reporting) filter (where claim_type = 'attackers'), 0) as articles_attackers,
        coalesce(max(n_reporting) filter (where claim_type = 'detained'), 0) as articles_detained,
        coalesce(max(n_reporting) filter (where claim_type = 'evacuated'), 0) as articles_evacuated,
        coalesce(max(n_reporting) filter (where claim_type = 'attendance'), 0) as articles_attendance,
        coalesce(max(n_reporting) filter (where claim_type = 'capacity'), 0) as articles_capacity,
        map_from_entries(list((claim_type, n_reporting) order by claim_type)) as articles_by_claim_type
    from reporting
    group by event_id
),

final as (
    select
        e.event_id,
        e.label as event_label,
        e.event_date,
        loc.canonical_name as location_name,
        coalesce(c.n_articles, 0) as n_articles,
        coalesce(c.n_dated_articles, 0) as n_dated_articles,
        coalesce(c.n_undated_articles, 0) as n_undated_articles,
        c.first_published,
        c.last_published,
        c.last_published - c.first_published as days_covered,
        coalesce(r.n_claim_types, 0) as n_claim_types,
        coalesce(r.articles_killed, 0) as articles_killed,
        coalesce(r.articles_injured, 0) as articles_injured,
        coalesce(r.articles_hospitalized, 0) as articles_hospitalized,
        coalesce(r.articles_missing, 0) as articles_missing,
        coalesce(r.articles_attackers, 0) as articles_attackers,
        coalesce(r.articles_detained, 0) as articles_detained,
        coalesce(r.articles_evacuated, 0) as articles_evacuated,
        coalesce(r.articles_attendance, 0) as articles_attendance,
        coalesce(r.articles_capacity, 0) as articles_capacity,
        r.articles_by_claim_type,
        c.source_paths,
        coalesce(c.n_outlets, 0) as n_outlets,
        c.outlets,
        c.source_urls
    from events as e
    left join coverage as c using (event_id)
    left join reporting_wide as r using (event_id)
    left join entities as loc on loc.entity_id = e.location_entity_id
)

select * from final
