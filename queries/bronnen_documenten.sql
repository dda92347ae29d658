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
    select b.source_document, o.afkorting || ' ' || b.titel as source_title, b.titel, o.naam as organisatie,
           r.naam as region_name, o.region, b.verslagjaar, b.jaren,
           coalesce(f.figure_count, 0) as figure_count, coalesce(f.approximate_count, 0) as approximate_count,
           coalesce(f.uncertain_count, 0) as uncertain_count, coalesce(q.finding_count, 0) as finding_count
    from bronnen as b
    join organisatie as o using (organisation)
    join regio as r on r.region = o.region
    left join figures as f using (source_document)
    left join findings as q using (source_document)
)
select * from final
order by region, verslagjaar desc
