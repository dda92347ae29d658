-- One row per counted figure (theme.metric), region and year: the headline figure as printed, how firm it is, and where it is printed.
with headline as (
    select theme || '.' || metric as kpi, region, region_name, year::integer as year, value, unit, qualifier,
           certainty, uncertainty_reason, source_title, source_document, source_locator
    from headline_facts
    where theme || '.' || metric in (select unnest($metrics))
      and region in (select unnest($regions))
      and year between $year_from and $year_to
),
final as (
    select * from headline
)
select * from final
order by kpi, region, year
