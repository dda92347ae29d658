-- One row per data-quality finding in the budget tables of the documents a region's year comes from.
with documents as (
    select distinct source_document
    from financien
    where region = $region and year = $year
),
final as (
    select q.finding_id, q.kind, q.source_document, q.source_section, q.subject, q.printed, q.computed,
           q.difference, q.within_rounding, q.description
    from data_quality as q
    where q.table_name = 'financien' and q.source_document in (select source_document from documents)
)
select * from final
order by within_rounding, finding_id
