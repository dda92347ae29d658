-- One row per trafficking figure of a region and year (a breakdown as its own row): value, how firm, label, comparability note and source.
with figures as (
    select f.region, f.region_name, f.year::integer as year, f.theme, f.metric, f.categorie, f.value, f.unit,
           f.qualifier, f.certainty, f.uncertainty_reason, f.note,
           f.source_title, f.source_document, f.source_locator
    from facts as f
    where f.theme = 'mensenhandel' and f.is_preferred and f.municipality is null
      and f.region in (select unnest($regions)) and f.year between $year_from and $year_to
),
final as (
    select figures.*, coalesce(m.label, figures.metric) as label, m.definitie, m.vergelijkbaarheid
    from figures
    left join metrics as m on m.theme = figures.theme and m.metric = figures.metric
)
select * from final
order by metric, categorie nulls first, region, year
