-- One row per data-quality finding (a report contradicting itself or another report), with the document's title and region.
with final as (
    select q.finding_id, q.kind, q.table_name, q.source_document, d.source_title, d.region, d.region_name,
           q.source_section, q.subject, q.printed, q.computed, q.difference, q.within_rounding, q.description,
           q.other_place, q.theme, q.metric, q.year, q.staat, q.confidence
    from data_quality as q
    left join source_documents as d using (source_document)
)
select * from final
order by within_rounding, finding_id
