-- One row per municipality as printed for one metric, region and year (plus empty tiles): figure, today's municipality, tile and inhabitants of that year.
with figures as (
    select municipality_code as gemeentecode, municipality as gemeente, municipality_current as gemeente_huidig,
           is_municipality_exact, value, unit, qualifier, certainty, uncertainty_reason, note,
           source_title, source_document, source_locator
    from facts
    where is_preferred and region = $region and theme = $theme and metric = $metric and year = $year
      and municipality is not null
),
layouts as (
    select 'huidig' as indeling, t.gemeentecode, t.kolom::integer as kolom, t.rij::integer as rij
    from gemeente_tegels as t join gemeente as g on g.gemeentecode = t.gemeentecode
    where g.region = $region
    union all
    select '2017' as indeling, t.gemeentecode, t.kolom::integer as kolom, t.rij::integer as rij
    from gemeente_tegels_2017 as t join gemeente as g on g.gemeentecode = t.gemeentecode
    where g.region = $region
),
best as (
    -- the layout that has a tile for most of the printed municipalities; today's map when equal
    select indeling
    from layouts
    group by indeling
    order by count(*) filter (where gemeentecode in (select gemeentecode from figures)) desc, indeling = 'huidig' desc
    limit 1
),
tiles as (
    select layouts.* from layouts join best using (indeling)
),
successor as (
    select distinct gemeentecode, naam_huidig from gemeente_harmonisatie
),
final as (
    select coalesce(figures.gemeentecode, tiles.gemeentecode) as gemeentecode,
           coalesce(figures.gemeente, g.naam) as gemeente,
           coalesce(figures.gemeente_huidig, successor.naam_huidig) as gemeente_huidig,
           official.naam as gemeente_cbs,  -- what the Gemeente choice names it (a report may print a short name)
           tiles.kolom, tiles.rij, (select indeling from best) as indeling,
           figures.* exclude (gemeentecode, gemeente, gemeente_huidig),
           population.inwoners::bigint as inwoners, population.zekerheid as inwoners_zekerheid,
           population.bron as inwoners_bron
    from figures
    full join tiles on tiles.gemeentecode = figures.gemeentecode
    left join gemeente as g on g.gemeentecode = tiles.gemeentecode
    left join gemeente as official on official.gemeentecode = coalesce(figures.gemeentecode, tiles.gemeentecode)
    left join successor on successor.gemeentecode = coalesce(figures.gemeentecode, tiles.gemeentecode)
    left join bevolking as population
        on population.gebied_type = 'gemeente' and population.year = $year
       and population.gemeentecode_of_provincie = coalesce(figures.gemeentecode, tiles.gemeentecode)
)
select * from final
order by value desc nulls last, gemeente
