-- One row per current municipality of a region: its tile, one metric's figure in one year summed over the municipalities as printed then, and its inhabitants.
with figures as (
    select municipality_current_code as gemeentecode,
           sum(value)::double as value,
           any_value(unit) as unit,
           case when bool_and(qualifier = 'exact') then 'exact'
                when count(distinct qualifier) = 1 then any_value(qualifier)
                else 'ongeveer' end as qualifier,
           case when bool_or(certainty = 'onzeker') then 'onzeker' else 'zeker' end as certainty,
           string_agg(distinct uncertainty_reason, ' ') as uncertainty_reason,
           string_agg(municipality, ', ' order by municipality) as gedrukt_als,
           string_agg(municipality, ', ' order by municipality) filter (where not is_municipality_exact) as wholly_attributed,
           string_agg(distinct note, ' ') as note,
           string_agg(distinct source_title, '; ') as source_title,
           string_agg(distinct source_document, '; ') as source_document,
           string_agg(source_locator, '; ' order by municipality) as source_locator
    from facts
    where is_preferred and region = $region and theme = $theme and metric = $metric and year = $year
      and municipality is not null
    group by municipality_current_code
),
tiles as (
    select t.gemeentecode, g.naam as gemeente, t.kolom::integer as kolom, t.rij::integer as rij
    from gemeente_tegels as t
    join gemeente as g on g.gemeentecode = t.gemeentecode
    where g.region = $region
),
population as (
    select gemeentecode_of_provincie as gemeentecode, year, inwoners::bigint as inwoners, zekerheid, bron
    from bevolking
    where gebied_type = 'gemeente'
),
final as (
    select coalesce(tiles.gemeentecode, figures.gemeentecode) as gemeentecode,
           coalesce(tiles.gemeente, g.naam) as gemeente,
           coalesce(tiles.gemeente, g.naam) as gemeente_huidig,
           tiles.kolom, tiles.rij,
           figures.* exclude (gemeentecode),
           same_year.inwoners, same_year.zekerheid as inwoners_zekerheid, same_year.bron as inwoners_bron
    from tiles
    full join figures on figures.gemeentecode = tiles.gemeentecode
    left join gemeente as g on g.gemeentecode = figures.gemeentecode
    left join population as same_year
        on same_year.gemeentecode = coalesce(tiles.gemeentecode, figures.gemeentecode) and same_year.year = $year
)
select * from final
order by value desc nulls last, gemeente
