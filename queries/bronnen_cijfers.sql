-- One row per figure as printed in a report: its label and definition, value, firmness, and where it stands in the report and in the curated CSV.
with money as (
    select data_file, data_line, onderdeel, post, bedrag, eenheid
    from financien
),
labelled as (
    select
        f.region, f.region_name, f.year::integer as year, f.theme, f.metric, f.categorie, f.staat, f.municipality,
        f.value, f.unit, f.qualifier, f.certainty, f.uncertainty_reason, f.is_preferred,
        f.source_title, f.source_document, f.source_locator, f.source_table,
        'data/' || f.source_table || '/' || f.data_file as data_file, f.data_line, f.note,
        case f.source_table
            when 'financien' then upper(left(b.onderdeel, 1)) || substr(b.onderdeel, 2) || ' – ' || f.staat
            when 'personeel' then 'Personeel in ' || f.metric
            when 'verdelingen' then 'Verdeling naar ' || replace(replace(f.metric, 'verdeling_', ''), '_', ' ')
            else coalesce(m.label, replace(f.metric, '_', ' '))
        end as coverage_label,
        case f.source_table
            when 'financien' then f.source_label
            when 'personeel' then 'Personeel in ' || f.metric
            when 'verdelingen' then 'Verdeling naar ' || replace(replace(f.metric, 'verdeling_', ''), '_', ' ')
            else coalesce(m.label, replace(f.metric, '_', ' '))
        end as label,
        case f.source_table
            when 'financien' then 'Financiën, ' || b.onderdeel || ': ' || f.staat || ' van de gedrukte regel, in euro''s'
                || case when b.eenheid = 'duizend_euro'
                    then ' (gedrukt in duizenden euro''s: ' || b.bedrag::bigint || ')' else '' end || '.'
            when 'personeel' then 'Bezetting per functie (' || f.metric || '), zoals gedrukt in de formatietabel.'
            when 'verdelingen' then 'Procentuele verdeling (' || replace(replace(f.metric, 'verdeling_', ''), '_', ' ')
                || '); de percentages van één verdeling tellen op tot 100.'
            else m.definitie
        end as definitie,
        m.vergelijkbaarheid
    from facts as f
    left join metrics as m on m.theme = f.theme and m.metric = f.metric
    left join money as b on f.source_table = 'financien' and b.data_file = f.data_file and b.data_line = f.data_line
),
final as (
    select * from labelled
)
select * from final
order by region, theme, coverage_label, year, data_file, data_line
