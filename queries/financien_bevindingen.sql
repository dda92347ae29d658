-- One row per data-quality finding on a region's budget figures of one year (a sum, a verschil, a reserve, or a
-- contradiction a reader recorded), from the documents that year's figures come from.
with documents as (
    select distinct source_document
    from financien
    where region = $region and year = $year
),
final as (
    select q.finding_id, q.kind, q.source_document, d.source_title, q.source_section, q.subject, q.printed,
           q.computed, q.difference, q.within_rounding, q.description, q.metric, q.staat, q.confidence
    from data_quality as q
    join source_documents as d using (source_document)
    where q.theme = 'financien' and q.year = $year
      and q.source_document in (select source_document from documents)
)
select * from final
order by within_rounding, finding_id
