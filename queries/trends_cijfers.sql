-- One row per counted figure (theme.metric) with headline rows for a whole region: its label, definition, unit, comparability note and the years it covers.
with headline as (
    select theme, metric, region, year
    from headline_facts
),
final as (
    select headline.theme || '.' || headline.metric as kpi, headline.theme, headline.metric,
           coalesce(metrics.label, headline.metric) as label, metrics.definitie, metrics.unit, metrics.vergelijkbaarheid,
           min(headline.year)::integer as first_year, max(headline.year)::integer as last_year,
           count(distinct headline.region)::integer as region_count
    from headline
    left join metrics on metrics.theme = headline.theme and metrics.metric = headline.metric
    group by all
)
select * from final
order by theme, label
