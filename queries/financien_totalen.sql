-- One row per region, year and printed total (totaal lasten, totaal baten) as begroting or realisatie.
with totals as (
    select b.region, b.region_name, b.year::integer as year, b.post, b.staat, b.bedrag_eur as value,
           b.qualifier, b.certainty, b.uncertainty_reason, b.eenheid = 'duizend_euro' as is_in_thousands,
           b.source_title, b.source_document, b.source_locator
    from financien_bedragen as b
    where b.region in (select unnest($regions)) and b.is_preferred
      and b.post in ('totaal_lasten', 'totaal_baten') and b.staat in ('begroting', 'realisatie')
),
final as (
    select * from totals
)
select * from final
order by region, year, post, staat
