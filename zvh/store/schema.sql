-- The analyst contract: views over the loaded tables. Names here are a public API; change with care.

-- One row per source document (a report or a delivery): its title as every page shows it (the organisation's
-- abbreviation before the report's own title), its organisation and region.
create view source_documents as
select b.source_document, o.afkorting || ' ' || b.titel as source_title, b.titel, b.verslagjaar, b.jaren,
       b.organisation, o.naam as organisation_name, o.region, r.naam as region_name
from bronnen as b
join organisatie as o using (organisation)
join regio as r on r.region = o.region;

-- One row per figure as printed in a report, from every fact table, with provenance. Computed once at
-- build time (the union, joins and window function would otherwise run again for every query).
create table facts_rows as
with kern as (
    select 'kerncijfers' as source_table, region, year, theme, metric, categorie, null::varchar as staat,
           gemeente as municipality, value, unit, qualifier, certainty, uncertainty_reason,
           source_document, source_section, source_label, source_column, note, data_file, data_line, is_preferred
    from kerncijfers
),
verdeling as (
    select 'verdelingen', region, year, theme, 'verdeling_' || verdeling, categorie, null,
           null, percentage, 'procent', qualifier, certainty, uncertainty_reason,
           source_document, source_section, source_label, source_column, note, data_file, data_line, is_preferred
    from verdelingen
),
geld as (
    select 'financien', region, year, 'financien', post, null, staat,
           null, bedrag_eur, 'euro', qualifier, certainty, uncertainty_reason,
           source_document, source_section, source_label, source_column, note, data_file, data_line, is_preferred
    from financien
),
staf as (
    unpivot (
        select region, year, functie, personen, fte, qualifier, certainty, uncertainty_reason,
               source_document, source_section, source_label, source_column, note, data_file, data_line, is_preferred
        from personeel
    ) on personen, fte into name metric value value
),
personeel_facts as (
    select 'personeel', region, year, 'personeel', metric, functie, null,
           null, value, metric, qualifier, certainty, uncertainty_reason,
           source_document, source_section, source_label, source_column, note, data_file, data_line, is_preferred
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
        g.exact as is_municipality_exact,
        a.value::double as value, a.unit, a.qualifier, a.certainty, a.uncertainty_reason,
        a.is_preferred,  -- computed by the build from the figure's key (validation.common.figure_key)
        a.source_document, d.source_title,
        concat_ws(' › ', a.source_section, a.source_label, a.source_column) as source_locator,
        a.source_section, a.source_label, a.source_column, a.note, a.source_table, a.data_file, a.data_line
    from all_rows as a
    join source_documents as d using (source_document)
    join regio as r on r.region = a.region
    left join gemeente_harmonisatie as g on g.naam_zoals_gedrukt = a.municipality
)
select * from final;

-- The contract is the view; the table behind it may change.
create view facts as select * from facts_rows;

-- One row per headline figure: a counted figure (kerncijfers) for a whole region and year, not broken down by
-- category or municipality, from the newest report that prints it. The columns the filter fixes are left out.
create view headline_facts as
select * exclude (categorie, staat, municipality, municipality_code, municipality_current,
                  municipality_current_code, is_municipality_exact, is_preferred, source_table)
from facts
where source_table = 'kerncijfers' and is_preferred and municipality is null and categorie is null;

-- One row per amount printed in a budget table: the financien row (onderdeel, post, financier, its sum
-- groups) with the provenance facts gives it, so the title and locator are written in one place.
create view financien_bedragen as
select b.*, f.region_name, f.source_title, f.source_locator
from financien as b
join facts as f on f.source_table = 'financien' and f.data_file = b.data_file and f.data_line = b.data_line;

-- One row per finding: a place where a report contradicts itself or another report.
create view data_quality as
select row_number() over (order by source_document, table_name, kind, subject) as finding_id, *
from findings;

-- Descriptions for the schema browser of the SQL werkbank (duckdb_columns().comment).
comment on view facts is 'Eén rij per cijfer zoals gedrukt in een jaarverslag, met vindplaats (analistencontract).';
comment on table build_info is 'Eén rij: de gegevensversie (korte hash van de gevalideerde brongegevens) en wanneer de database is opgebouwd (UTC).';
comment on view data_quality is 'Eén rij per tegenstrijdigheid in of tussen de jaarverslagen.';
comment on view source_documents is 'Eén rij per bron (jaarverslag of aanlevering): titel zoals de pagina''s die tonen, organisatie en regio.';
comment on view headline_facts is 'Eén rij per kerncijfer voor een hele regio en jaar, zonder uitsplitsing, uit het nieuwste verslag; kolommen als facts.';
comment on view financien_bedragen is 'Eén rij per gedrukt bedrag uit een financiële tabel, met titel en vindplaats van het verslag.';
comment on column source_documents.source_document is 'Bestandsnaam van de brontekst (bronnen.source_document)';
comment on column source_documents.source_title is 'Afkorting van de organisatie en titel van het verslag, zoals elke pagina die toont';
comment on column source_documents.titel is 'Titel van het verslag zoals gedrukt';
comment on column source_documents.verslagjaar is 'Jaar van het verslag; bij een aanlevering het jaar van aanleveren';
comment on column source_documents.jaren is 'Jaren waarover het verslag cijfers geeft';
comment on column source_documents.organisation is 'Code van de organisatie (organisatie.organisation)';
comment on column source_documents.organisation_name is 'Naam van de organisatie';
comment on column source_documents.region is 'Code van de regio van de organisatie';
comment on column source_documents.region_name is 'Naam van die regio';
comment on column financien_bedragen.region_name is 'Naam van de regio';
comment on column financien_bedragen.source_title is 'Organisatie en titel van het verslag (als facts.source_title)';
comment on column financien_bedragen.source_locator is 'Vindplaats: hoofdstuk of tabel › regel › kolom (als facts.source_locator)';
comment on column facts.region is 'Code van de regio (regio.region, bijvoorbeeld groningen)';
comment on column facts.region_name is 'Naam van de regio zoals gebruikers die kennen (regio.naam, bijvoorbeeld Fryslân)';
comment on column facts.organisation is 'Organisatie die het cijfer publiceerde (organisatie.organisation, bijvoorbeeld vhg: Veiligheidshuis Groningen tot 2020)';
comment on column facts.year is 'Jaar waarover het cijfer gaat (een stand eind 2024 is 2024)';
comment on column facts.theme is 'Thema, bijvoorbeeld maatwerk, nazorg, jeugd, levensloop, mensenhandel, financien, personeel';
comment on column facts.metric is 'Wat er geteld is; zie tabel metrics voor definitie en vergelijkbaarheid; bij financien de begrotingspost';
comment on column facts.categorie is 'Uitsplitsing zoals gedrukt (thema, leeftijdsgroep, functie); leeg voor het cijfer zelf';
comment on column facts.staat is 'Alleen financien: begroting, realisatie, verschil, stand of mutatie';
comment on column facts.municipality is 'Gemeente zoals gedrukt (bijv. Groote gast)';
comment on column facts.municipality_code is 'CBS-code van de gedrukte gemeente';
comment on column facts.municipality_current is 'Huidige gemeente waaronder het cijfer valt (na herindelingen)';
comment on column facts.municipality_current_code is 'CBS-code van de huidige gemeente';
comment on column facts.is_municipality_exact is 'Onwaar als een gesplitste gemeente geheel aan de hoofdopvolger is toegerekend';
comment on column facts.value is 'Het cijfer; bedragen in euro (ook als ze in duizenden waren gedrukt)';
comment on column facts.unit is 'aantal, procent, euro, fte of personen';
comment on column facts.qualifier is 'exact, ongeveer of ruim: toon een benadering nooit als exact';
comment on column facts.certainty is 'zeker, of onzeker als de gedrukte tabel niet eenduidig was';
comment on column facts.uncertainty_reason is 'Waarom het cijfer onzeker is';
comment on column facts.is_preferred is 'Waar als deze rij uit het nieuwste verslag komt dat dit cijfer noemt; filter hierop om dubbeltellen te voorkomen';
comment on column facts.source_document is 'Bestandsnaam van de brontekst (zie tabel bronnen)';
comment on column facts.source_title is 'Organisatie en titel van het verslag';
comment on column facts.source_locator is 'Vindplaats: hoofdstuk of tabel › regel › kolom, zoals gedrukt';
comment on column facts.source_section is 'Hoofdstuk of tabel zoals gedrukt';
comment on column facts.source_label is 'Regellabel of citaat zoals gedrukt';
comment on column facts.source_column is 'Kolomkop zoals gedrukt';
comment on column facts.note is 'Toelichting van de samensteller';
comment on column facts.source_table is 'Brontabel: kerncijfers, verdelingen, financien of personeel';
comment on column facts.data_file is 'Het CSV-bestand in data/ waar de rij staat';
comment on column facts.data_line is 'Regelnummer in dat CSV-bestand';
comment on column data_quality.kind is 'som_klopt_niet, percentages_niet_100, verschil_klopt_niet, reserve_rolt_niet_door, documenten_verschillen; door een lezer vastgelegd: tekst_en_tabel_verschillen, bewering_weerlegd_door_tabel, twee_tellingen, overig_tegenstrijdig';
comment on column data_quality.other_place is 'Bij een vastgelegde tegenstrijdigheid: de andere vindplaats (sectie › woorden zoals gedrukt)';
comment on column data_quality.theme is 'Thema van het cijfer waar de bevinding over gaat';
comment on column data_quality.metric is 'Metric van dat cijfer (bij financien de begrotingspost)';
comment on column data_quality.year is 'Jaar van dat cijfer';
comment on column data_quality.confidence is 'hoog, midden of laag: hoe zeker de tegenstrijdigheid is';
comment on column data_quality.printed is 'Het gedrukte cijfer';
comment on column data_quality.computed is 'Wat de onderliggende cijfers geven, of het cijfer op de andere vindplaats';
comment on column data_quality.within_rounding is 'Waar als het verschil door afronding te verklaren is';
comment on column data_quality.description is 'Beschrijving in het Nederlands';
