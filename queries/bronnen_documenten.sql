-- One row per source document: title, organisation, region, years covered, and how many figures and findings come from it.
with figures as (
    select source_document, count(*) as figure_count,
           count(*) filter (where qualifier <> 'exact') as approximate_count,
           count(*) filter (where certainty = 'onzeker') as uncertain_count
    from facts
    group by source_document
),
findings as (
    select source_document, count(*) as finding_count
    from data_quality
    group by source_document
),
final as (
    select d.source_document, d.source_title, d.titel, d.organisation_name as organisatie,
           d.region_name, d.region, d.verslagjaar, d.jaren,
           coalesce(f.figure_count, 0) as figure_count, coalesce(f.approximate_count, 0) as approximate_count,
           coalesce(f.uncertain_count, 0) as uncertain_count, coalesce(q.finding_count, 0) as finding_count
    from source_documents as d
    left join figures as f using (source_document)
    left join findings as q using (source_document)
)
select * from final
order by region, verslagjaar desc
