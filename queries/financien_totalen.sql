-- One row per region, year and printed total (totaal lasten, totaal baten) as begroting or realisatie.
with totals as (
    select b.region, r.naam as region_name, b.year::integer as year, b.post, b.staat, b.bedrag_eur as value,
           b.qualifier, b.certainty, b.uncertainty_reason, b.eenheid = 'duizend_euro' as in_thousands,
           f.source_title, f.source_document, f.source_locator
    from financien as b
    join facts as f
      on f.source_table = 'financien' and f.data_file = b.data_file and f.data_line = b.data_line
    join regio as r on r.region = b.region
    where b.region in (select unnest($regions)) and f.is_preferred
      and b.post in ('totaal_lasten', 'totaal_baten') and b.staat in ('begroting', 'realisatie')
),
final as (
    select * from totals
)
select * from final
order by region, year, post, staat
