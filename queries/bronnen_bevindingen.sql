-- One row per data-quality finding (a report contradicting itself or another report), with the document's title and region.
with documents as (
    select b.source_document, o.afkorting || ' ' || b.titel as source_title, o.region, r.naam as region_name
    from bronnen as b
    join organisatie as o using (organisation)
    join regio as r on r.region = o.region
),
final as (
    select q.finding_id, q.kind, q.table_name, q.source_document, d.source_title, d.region, d.region_name,
           q.source_section, q.subject, q.printed, q.computed, q.difference, q.within_rounding, q.description
    from data_quality as q
    left join documents as d using (source_document)
)
select * from final
order by within_rounding, finding_id
