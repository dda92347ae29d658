-- One row per headline figure (kpi) and year of a region: the figure, how firm it is, where it is printed, and
-- whether the report printed it in thousands of euros (the value is in euros, so rounded to € 1.000). Reserves:
-- the free and the earmarked ones of a year, each summed, with the report's words for why (`soort_toelichting`).
with counted as (
    select theme || '.' || metric as kpi, year, value, unit, qualifier, certainty, uncertainty_reason,
           source_title, source_document, source_locator, false as is_in_thousands, null as soort_toelichting
    from headline_facts
    where region = $region
      and theme || '.' || metric in (select unnest($kpis))
),
money_rows as (
    select *, eenheid = 'duizend_euro' as is_in_thousands
    from financien_bedragen
    where is_preferred and region = $region
),
money as (
    select 'financien.' || post || '.' || staat as kpi, year, bedrag_eur as value, 'euro' as unit, qualifier, certainty,
           uncertainty_reason, source_title, source_document, source_locator, is_in_thousands, null as soort_toelichting
    from money_rows
    where post in ('totaal_lasten', 'resultaat') and staat in ('begroting', 'realisatie')
),
reserve_stands as (
    -- free and earmarked reserves apart (reference/reserves.csv): only free ones are there to fall back on
    select case soort when 'vrij' then 'financien.reserve.stand' else 'financien.reserve_bestemd.stand' end as kpi,
           year, sum(bedrag_eur) as value, 'euro' as unit,
           case when bool_and(qualifier = 'exact') then 'exact' else 'ongeveer' end as qualifier,
           case when bool_and(certainty = 'zeker') then 'zeker' else 'onzeker' end as certainty,
           string_agg(uncertainty_reason, ' ') as uncertainty_reason,
           string_agg(distinct source_title, '; ') as source_title,
           string_agg(distinct source_document, '; ') as source_document,
           string_agg(source_locator, '; ' order by post) as source_locator,
           bool_or(is_in_thousands) as is_in_thousands,
           string_agg(toelichting, ' ' order by post) as soort_toelichting
    from money_rows
    join (select region, post, soort, toelichting from reserves) using (region, post)
    where staat = 'stand'
    group by year, soort
),
final as (
    select * from counted
    union all select * from money
    union all select * from reserve_stands
)
select $region as region, * from final
order by kpi, year
