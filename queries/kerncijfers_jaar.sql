-- One row per headline figure (no municipality or category breakdown) of a region in a year, with its source.
with figures as (
    select * from facts
    where source_table = 'kerncijfers' and is_preferred
      and region = $region and year = $year
      and municipality is null and categorie is null
),
final as (
    select
        f.theme, f.metric, m.label, m.definitie, f.value, f.unit, f.qualifier, f.certainty,
        f.uncertainty_reason, f.source_title, f.source_document, f.source_locator
    from figures as f
    join metrics as m using (theme, metric)
)
select * from final
order by theme, metric
