-- One row per counted figure that every chosen region reports (in any year), region and year: the figure as printed, the inhabitants on 1 January of that year and the figure per 100.000 inhabitants (null without a population figure).
with headline as (
    select theme, metric, region, region_name, year::integer as year, value, unit, qualifier, certainty,
           uncertainty_reason, source_title, source_document, source_locator
    from headline_facts
    where region in (select unnest($regions))
),
shared as (
    select theme, metric
    from headline
    group by theme, metric
    having count(distinct region) = len(list_distinct($regions))
),
population as (
    select regio.region, bevolking.year::integer as year, bevolking.inwoners, bevolking.zekerheid, bevolking.bron
    from bevolking
    join regio on regio.provincie_code = bevolking.gemeentecode_of_provincie
    where bevolking.gebied_type = 'provincie'
),
final as (
    select headline.theme || '.' || headline.metric as kpi, headline.theme, headline.metric,
           coalesce(metrics.label, headline.metric) as label, metrics.definitie, metrics.vergelijkbaarheid,
           headline.region, headline.region_name, headline.year, headline.value, headline.unit, headline.qualifier,
           headline.certainty, headline.uncertainty_reason,
           population.inwoners::bigint as inwoners, population.zekerheid as inwoners_zekerheid,
           population.bron as inwoners_bron,
           case when headline.unit = 'aantal' then headline.value * 100000.0 / population.inwoners end as per_100000,
           headline.source_title, headline.source_document, headline.source_locator
    from headline
    join shared on shared.theme = headline.theme and shared.metric = headline.metric
    left join metrics on metrics.theme = headline.theme and metrics.metric = headline.metric
    left join population on population.region = headline.region and population.year = headline.year
)
select * from final
order by theme, label, year, region
