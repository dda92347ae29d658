-- One row per figure printed for one of today's municipalities (or a municipality that merged into it), or
-- (`gedrukt`) for one municipality as it was when the report printed it: what, when, printed name, value and source.
with final as (
    select f.year::integer as year, f.theme, f.metric, coalesce(m.label, f.metric) as label,
           f.municipality as gedrukt_als, f.is_municipality_exact, f.value, f.unit, f.qualifier, f.certainty,
           f.uncertainty_reason, f.note, f.source_title, f.source_document, f.source_locator
    from facts as f
    left join metrics as m on m.theme = f.theme and m.metric = f.metric
    left join gemeente as printed on printed.gemeentecode = f.municipality_code
    where f.is_preferred and f.region = $region
      and $gemeente = case when $gedrukt then printed.naam else f.municipality_current end
)
select * from final
order by year desc, theme, metric, gedrukt_als
