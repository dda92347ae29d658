-- One row per metric and year that a region reports per municipality: label, definition, unit, comparability note, number of
-- municipal rows, and whether that is a real breakdown (5 or more municipalities, not just the city).
with municipal as (
    select theme, metric, year::integer as year, count(*)::integer as gemeenten
    from facts
    where is_preferred and region = $region and municipality is not null
    group by all
),
final as (
    select municipal.theme, municipal.metric, coalesce(m.label, municipal.metric) as label, m.definitie, m.unit,
           m.vergelijkbaarheid,
           municipal.year, municipal.gemeenten, municipal.gemeenten >= 5 as is_broken_down,
           max(municipal.gemeenten) over (partition by municipal.theme, municipal.metric) as max_gemeenten,
           max(municipal.year) over (partition by municipal.theme, municipal.metric) as last_year
    from municipal
    left join metrics as m on m.theme = municipal.theme and m.metric = municipal.metric
)
select * from final
-- First the newest metric with a real breakdown (5 or more municipalities), so the page opens on recent figures.
order by max_gemeenten >= 5 desc, last_year desc, max_gemeenten desc, theme, metric, year desc
