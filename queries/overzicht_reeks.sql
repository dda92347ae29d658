-- One row per headline figure (kpi) and year of a region: the figure, how firm it is, where it is printed, and
-- whether the report printed it in thousands of euros (the value is in euros, so rounded to € 1.000).
with counted as (
    select theme || '.' || metric as kpi, year, value, unit, qualifier, certainty, uncertainty_reason,
           source_title, source_document, source_locator, false as in_thousands
    from facts
    where source_table = 'kerncijfers' and is_preferred and region = $region
      and municipality is null and categorie is null
      and theme || '.' || metric in (select unnest($kpis))
),
money_rows as (
    select f.*, b.eenheid = 'duizend_euro' as in_thousands
    from facts as f
    join financien as b on b.data_file = f.data_file and b.data_line = f.data_line
    where f.source_table = 'financien' and f.is_preferred and f.region = $region
),
money as (
    select 'financien.' || metric || '.' || staat as kpi, year, value, unit, qualifier, certainty, uncertainty_reason,
           source_title, source_document, source_locator, in_thousands
    from money_rows
    where metric in ('totaal_lasten', 'resultaat') and staat in ('begroting', 'realisatie')
),
reserves as (
    select 'financien.reserve.stand' as kpi, year, sum(value) as value, 'euro' as unit,
           case when bool_and(qualifier = 'exact') then 'exact' else 'ongeveer' end as qualifier,
           case when bool_and(certainty = 'zeker') then 'zeker' else 'onzeker' end as certainty,
           string_agg(uncertainty_reason, ' ') as uncertainty_reason,
           string_agg(distinct source_title, '; ') as source_title,
           string_agg(distinct source_document, '; ') as source_document,
           string_agg(source_locator, '; ' order by metric) as source_locator,
           bool_or(in_thousands) as in_thousands
    from money_rows
    where staat = 'stand'
    group by year
),
final as (
    select * from counted
    union all select * from money
    union all select * from reserves
)
select * from final
order by kpi, year
