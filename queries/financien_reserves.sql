-- One row per year and printed figure of a region's result (begroting/realisatie) and reserves (stand at 31 December,
-- mutatie), each reserve free (`vrij`) or earmarked (`bestemd`) as reference/reserves.csv says.
with money as (
    select b.year::integer as year, b.onderdeel, b.post, b.staat, b.bedrag_eur as value, b.qualifier, b.certainty,
           b.uncertainty_reason, b.eenheid = 'duizend_euro' as is_in_thousands, b.source_label,
           b.source_title, b.source_document, b.source_locator, b.data_file, b.data_line, r.soort
    from financien_bedragen as b
    left join reserves as r on r.region = b.region and r.post = b.post
    where b.region = $region and b.is_preferred
      and ((b.onderdeel = 'resultaat' and b.staat in ('begroting', 'realisatie'))
           or (b.onderdeel = 'reserve' and b.staat in ('stand', 'mutatie')))
),
final as (
    select * from money
)
select * from final
order by year, onderdeel desc, post, staat
