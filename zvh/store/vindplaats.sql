-- Vindplaats, the look-up table of Bronnen › Vindplaats van een cijfer (docs/data-dictionary.md): every printed figure
-- with its label and definition, its text as the pages write it and one lower-case search text. Computed once at build
-- time, so that a search is only a filter (queries/bronnen_vindplaats.sql). Run after schema.sql, by
-- zvh/store/vindplaats.py, which registers `figure_texts` and `theme_labels` (Python's own formatting).
create table vindplaats_rows as
with money as (
    select data_file, data_line, onderdeel, bedrag, eenheid
    from financien
),
labelled as (
    select
        f.region, f.region_name, r.volgorde, f.year::integer as year, f.theme, f.metric, f.categorie, f.staat,
        f.municipality, f.value, f.unit, f.qualifier, f.certainty, f.uncertainty_reason, f.is_preferred,
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
    from facts_rows as f
    join regio as r on r.region = f.region
    left join metrics as m on m.theme = f.theme and m.metric = f.metric
    left join money as b on f.source_table = 'financien' and b.data_file = f.data_file and b.data_line = f.data_line
),
shown as (
    select l.*, t.cijfer, concat_ws(' · ', l.categorie, l.municipality, l.staat) as uitsplitsing, h.theme_label
    from labelled as l
    join figure_texts as t using (value, unit, qualifier, certainty)  -- never empty (pandera); tests count the rows
    join theme_labels as h using (theme)
),
final as (
    -- Everything a reader may search for, in one text: the figure as shown, what it is, where it is printed and stored.
    select * exclude (theme_label),
           lower(concat_ws(' ', cijfer, theme_label, label, coverage_label, metric, uitsplitsing, source_locator,
                           source_title, source_document, data_file, definitie, note, region_name,
                           year::varchar)) as search_text
    from shown
)
select * from final;  -- in no order: each query orders what it reads

-- The contract is the view; the table behind it may change.
create view vindplaats as select * from vindplaats_rows;

comment on view vindplaats is 'Eén rij per cijfer zoals gedrukt, met label, definitie, het cijfer zoals de pagina''s het schrijven en een zoektekst (Bronnen › Vindplaats).';
comment on table vindplaats_rows is 'De rijen van vindplaats, eenmaal berekend door de build; vraag de view vindplaats op.';
comment on column vindplaats.volgorde is 'Volgorde van de regio (regio.volgorde): de volgorde van filters en tabellen';
comment on column vindplaats.coverage_label is 'Naam van het cijfer in Bronnen › Dekking (bij financiën: onderdeel – staat)';
comment on column vindplaats.label is 'Naam van het cijfer (bij financiën: de regel zoals gedrukt)';
comment on column vindplaats.definitie is 'Wat het cijfer telt (metrics.definitie, of hoe de regel gedrukt is)';
comment on column vindplaats.vergelijkbaarheid is 'Waar de regio''s dit cijfer niet op dezelfde manier tellen (metrics.vergelijkbaarheid)';
comment on column vindplaats.cijfer is 'Het cijfer zoals de pagina''s het schrijven: ‘ruim 60’, ‘€ 1.958.682’, ‘330 (onzeker)’';
comment on column vindplaats.uitsplitsing is 'Uitsplitsing, gemeente en staat, met · ertussen; leeg voor het cijfer van de hele regio';
comment on column vindplaats.search_text is 'Alles waarop Vindplaats zoekt, in kleine letters: cijfer, thema, label, metric, uitsplitsing, vindplaats, bron, databestand, definitie, opmerking, regio en jaar';
comment on column vindplaats.data_file is 'Het CSV-bestand met zijn map, zoals data/kerncijfers/zvhg_jaarverslag_2024.csv';
