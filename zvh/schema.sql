-- The analyst contract: views over the loaded tables. Names here are a public API; change with care.

-- One row per figure as printed in a report, from every fact table, with provenance.
create view facts as
with documents as (
    select b.source_document, b.organisation, o.afkorting || ' ' || b.titel as source_title, b.verslagjaar
    from bronnen as b
    join organisatie as o using (organisation)
),
kern as (
    select 'kerncijfers' as source_table, region, year, theme, metric, categorie, null::varchar as staat,
           gemeente as municipality, value, unit, qualifier, certainty, uncertainty_reason,
           source_document, source_section, source_label, source_column, note, data_file, data_line
    from kerncijfers
),
verdeling as (
    select 'verdelingen', region, year, theme, 'verdeling_' || verdeling, categorie, null,
           null, percentage, 'procent', qualifier, certainty, uncertainty_reason,
           source_document, source_section, source_label, source_column, note, data_file, data_line
    from verdelingen
),
geld as (
    select 'financien', region, year, 'financien', post, null, staat,
           null, bedrag_eur, 'euro', qualifier, certainty, uncertainty_reason,
           source_document, source_section, source_label, source_column, note, data_file, data_line
    from financien
),
staf as (
    unpivot (
        select region, year, functie, personen, fte, qualifier, certainty, uncertainty_reason,
               source_document, source_section, source_label, source_column, note, data_file, data_line
        from personeel
    ) on personen, fte into name metric value value
),
personeel_facts as (
    select 'personeel', region, year, 'personeel', metric, functie, null,
           null, value, metric, qualifier, certainty, uncertainty_reason,
           source_document, source_section, source_label, source_column, note, data_file, data_line
    from staf
),
all_rows as (
    select * from kern
    union all select * from verdeling
    union all select * from geld
    union all select * from personeel_facts
),
final as (
    select
        a.region, r.naam as region_name, d.organisation, a.year, a.theme, a.metric, a.categorie, a.staat,
        a.municipality, g.gemeentecode as municipality_code,
        g.naam_huidig as municipality_current, g.gemeentecode_huidig as municipality_current_code,
        g.exact as municipality_exact,
        a.value::double as value, a.unit, a.qualifier, a.certainty, a.uncertainty_reason,
        row_number() over (
            partition by a.source_table, a.region, a.year, a.theme, a.metric, a.categorie, a.staat, a.municipality
            order by d.verslagjaar desc
        ) = 1 as is_preferred,
        a.source_document, d.source_title,
        concat_ws(' › ', a.source_section, a.source_label, a.source_column) as source_locator,
        a.source_section, a.source_label, a.source_column, a.note, a.source_table, a.data_file, a.data_line
    from all_rows as a
    join documents as d using (source_document)
    join regio as r using (region)
    left join gemeente_harmonisatie as g on g.naam_zoals_gedrukt = a.municipality
)
select * from final;

-- One row per finding: a place where a report contradicts itself or another report.
create view data_quality as
select row_number() over (order by source_document, table_name, kind, subject) as finding_id, *
from findings;
