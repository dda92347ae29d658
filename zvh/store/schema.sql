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

-- The tables behind the views (docs/data-dictionary.md, 'Other tables'; data/README.md for the source tables). A
-- column described nowhere here gets the description of facts' or data_quality's column of the same name (build).
comment on table facts_rows is 'De rijen van facts, eenmaal berekend door de build; vraag de view facts op.';
comment on table findings is 'De berekende tegenstrijdigheden achter data_quality; vraag de view data_quality op.';
comment on table kerncijfers is 'Brontabel: aantallen per thema, regio en jaar zoals gedrukt (data/kerncijfers).';
comment on table verdelingen is 'Brontabel: percentages die samen 100 zijn, zoals gedrukt (data/verdelingen).';
comment on table financien is 'Brontabel: bedragen uit de financiële tabellen zoals gedrukt (data/financien).';
comment on table personeel is 'Brontabel: de formatie in personen en fte zoals gedrukt (data/personeel).';
comment on table metrics is 'Het cijferwoordenboek: per thema en metric het label, de definitie, de eenheid en de vergelijkbaarheid.';
comment on table bronnen is 'Eén rij per brondocument: organisatie, titel, verslagjaar en de jaren waarover het gaat.';
comment on table organisatie is 'Eén rij per organisatie die verslagen publiceert (ook vroegere namen).';
comment on table financiers is 'Wie een Zorg- en Veiligheidshuis betaalt (financien.financier).';
comment on table regio is 'Eén rij per regio (één per Zorg- en Veiligheidshuis), in de volgorde van de pagina''s.';
comment on table gemeente is 'De gemeenten met hun CBS-code, hun regio en hoe lang ze bestonden.';
comment on table herindeling is 'Gemeentelijke herindelingen sinds 2014: welke gemeente in welke opging.';
comment on table gemeente_namen is 'Gemeentenamen zoals de verslagen ze drukken, met hun CBS-code.';
comment on table gemeente_harmonisatie is 'Elke gedrukte gemeentenaam met de huidige gemeente waaronder haar cijfers vallen.';
comment on table bevolking is 'Inwoners op 1 januari per gemeente of provincie en jaar (CBS), met bron en zekerheid; join op year als facts.year.';
comment on table gemeente_tegels is 'De indeling van de tegelkaart (huidige gemeenten): kolom en rij per gemeente.';
comment on table gemeente_tegels_2017 is 'De indeling van de tegelkaart met de gemeenten van 2017.';
comment on table begrippen is 'Afkortingen en begrippen uit de verslagen en van het dashboard, met hun betekenis.';
comment on table reserves is 'Per regio en reservepost: vrij te besteden of bestemd, met de woorden van het verslag.';
comment on table definities is 'Hoe het verslag van één regio een cijfer telt waar regio''s of verslagen verschillend tellen.';
comment on table tegenstrijdigheden is 'Tegenstrijdigheden die geen som laat zien, door een lezer vastgelegd met beide vindplaatsen.';
comment on column data_quality.finding_id is 'Volgnummer van de bevinding';
comment on column data_quality.table_name is 'Brontabel (tegenstrijdigheden bij een door een lezer vastgelegde)';
comment on column data_quality.subject is 'De regel of kolom waar het om gaat';
comment on column data_quality.difference is 'Het verschil tussen printed en computed';
comment on column kerncijfers.gemeente is 'Gemeente zoals gedrukt; leeg voor de hele regio';
comment on column kerncijfers.part_of is 'Somgroepen waarvan deze rij een onderdeel is (; ertussen); leeg als geen';
comment on column kerncijfers.total_of is 'De somgroep waarvan deze rij het gedrukte totaal is; leeg als geen';
comment on column verdelingen.verdeling is 'Wat er verdeeld wordt, bijvoorbeeld verwijzer of leeftijdsgroep';
comment on column verdelingen.percentage is 'Het percentage; de categorieën van één verdeling tellen op tot 100';
comment on column financien.onderdeel is 'lasten, baten, resultaat of reserve';
comment on column financien.post is 'De begrotingspost (facts.metric), bijvoorbeeld personeel of totaal_lasten';
comment on column financien.financier is 'Wie betaalt (financiers.financier); alleen bij baten';
comment on column financien.bedrag is 'Het bedrag zoals gedrukt, in de eenheid van eenheid';
comment on column financien.eenheid is 'euro of duizend_euro (zoals het verslag drukt)';
comment on column financien.bedrag_eur is 'Het bedrag in euro (facts.value)';
comment on column financien.part_of is 'Somgroepen waarvan deze regel een onderdeel is (; ertussen); leeg als geen';
comment on column financien.total_of is 'De somgroep waarvan deze regel het gedrukte totaal is; leeg als geen';
comment on column personeel.functie is 'Functie zoals in de formatie gedrukt';
comment on column personeel.functiegroep is 'Groep van de functie, bijvoorbeeld procesregie';
comment on column personeel.personen is 'Aantal personen (leeg als alleen fte gedrukt is)';
comment on column personeel.fte is 'Formatie in fte (leeg als alleen personen gedrukt zijn)';
comment on column personeel.in_natura is 'Door een partner beschikbaar gesteld (in natura): ja of nee';
comment on column personeel.part_of is 'Somgroepen waarvan deze rij een onderdeel is (; ertussen); leeg als geen';
comment on column personeel.total_of is 'De somgroep waarvan deze rij het gedrukte totaal is; leeg als geen';
comment on column metrics.label is 'Het Nederlandse label van het cijfer zoals de pagina''s het tonen';
comment on column metrics.definitie is 'Wat het cijfer telt (de algemene definitie; zie definities voor die van één verslag)';
comment on column metrics.soort is 'stroom (over een periode), stand (op een moment), volume of percentage';
comment on column metrics.vergelijkbaarheid is 'Waar de regio''s dit cijfer niet op dezelfde manier tellen; lees dit vóór vergelijken';
comment on column bronnen.titel is 'Titel van het verslag zoals gedrukt';
comment on column bronnen.verslagjaar is 'Jaar van het verslag; bij een aanlevering het jaar van aanleveren';
comment on column bronnen.jaren is 'Jaren waarover het verslag cijfers geeft';
comment on column organisatie.naam is 'Naam van de organisatie';
comment on column organisatie.afkorting is 'Afkorting, zoals in de titels van de bronnen (ZVHG, VHG, ZVHF)';
comment on column organisatie.geldig_van is 'Sinds wanneer de organisatie zo heet (leeg: onbekend)';
comment on column organisatie.geldig_tot is 'Tot wanneer de organisatie zo heette (leeg: nog steeds)';
comment on column financiers.financier is 'Code van de financier (financien.financier)';
comment on column financiers.naam is 'Naam van de financier zoals de pagina''s die tonen';
comment on column regio.naam is 'Naam van de regio zoals gebruikers die kennen (Fryslân)';
comment on column regio.volgorde is 'Volgorde van filters, tabellen en grafiekkleuren';
comment on column regio.provincie_code is 'CBS-code van de provincie als de regio één provincie is (voor haar inwonertal)';
comment on column regio.andere_namen is 'Andere schrijfwijzen die een aanlevering of rol mag gebruiken (; ertussen)';
comment on column gemeente.gemeentecode is 'CBS-code van de gemeente (GM0014)';
comment on column gemeente.naam is 'Naam van de gemeente';
comment on column gemeente.geldig_van is 'Sinds wanneer de gemeente bestaat (leeg: vóór 2014)';
comment on column gemeente.geldig_tot is 'Tot wanneer de gemeente bestond (leeg: bestaat nog)';
comment on column gemeente.bron is 'Waar de indeling vandaan komt';
comment on column herindeling.old_code is 'CBS-code van de opgeheven gemeente';
comment on column herindeling.successor_code is 'CBS-code van de gemeente waarin zij (deels) opging';
comment on column herindeling.effective_date is 'Datum van de herindeling';
comment on column herindeling.partial is 'yes als de gemeente over meer opvolgers is verdeeld';
comment on column herindeling.primary is 'yes voor de opvolger die het grootste deel kreeg (daar gaat het hele cijfer heen)';
comment on column herindeling.bron is 'Waar de herindeling vandaan komt';
comment on column gemeente_namen.naam_zoals_gedrukt is 'De gemeentenaam zoals een verslag haar drukt';
comment on column gemeente_namen.gemeentecode is 'CBS-code van die gemeente';
comment on column gemeente_harmonisatie.naam_zoals_gedrukt is 'De gemeentenaam zoals een verslag haar drukt';
comment on column gemeente_harmonisatie.gemeentecode is 'CBS-code van de gedrukte gemeente';
comment on column gemeente_harmonisatie.naam is 'Naam van de gedrukte gemeente';
comment on column gemeente_harmonisatie.gemeentecode_huidig is 'CBS-code van de huidige gemeente waaronder haar cijfers vallen';
comment on column gemeente_harmonisatie.naam_huidig is 'Naam van die huidige gemeente';
comment on column gemeente_harmonisatie.exact is 'Onwaar als de gemeente over meer opvolgers is verdeeld en het cijfer geheel naar de grootste gaat';
comment on column bevolking.gebied_type is 'gemeente of provincie';
comment on column bevolking.gemeentecode_of_provincie is 'CBS-code van de gemeente (GM0014) of provincie (PV20: regio.provincie_code)';
comment on column bevolking.naam is 'Naam van de gemeente of provincie';
comment on column bevolking.year is 'Het jaar van het inwonertal (op 1 januari); dezelfde naam als facts.year';
comment on column bevolking.inwoners is 'Inwoners op 1 januari van dat jaar';
comment on column bevolking.zekerheid is 'Hoe vast het inwonertal is: vast (CBS), secundair (CBS-cijfer via een andere bron), afgeleid (berekend uit CBS-cijfers) of bereik (bronnen verschillen iets)';
comment on column bevolking.bron is 'De CBS-tabel of andere bron van het inwonertal';
comment on column gemeente_tegels.gemeentecode is 'CBS-code van de gemeente';
comment on column gemeente_tegels.naam is 'Naam van de gemeente op de tegel';
comment on column gemeente_tegels.kolom is 'Kolom van de tegel op de kaart (0 links)';
comment on column gemeente_tegels.rij is 'Rij van de tegel op de kaart (0 boven)';
comment on column gemeente_tegels_2017.gemeentecode is 'CBS-code van de gemeente';
comment on column gemeente_tegels_2017.naam is 'Naam van de gemeente op de tegel';
comment on column gemeente_tegels_2017.kolom is 'Kolom van de tegel op de kaart (0 links)';
comment on column gemeente_tegels_2017.rij is 'Rij van de tegel op de kaart (0 boven)';
comment on column begrippen.term is 'De afkorting of het begrip';
comment on column begrippen.betekenis is 'Wat het betekent';
comment on column begrippen.bron is 'Waar de betekenis vandaan komt (document en sectie, of het dashboard)';
comment on column reserves.post is 'De reservepost (financien.post bij onderdeel reserve)';
comment on column reserves.soort is 'vrij (vrij te besteden) of bestemd (aan een besteding gebonden); niet bij elkaar optellen';
comment on column reserves.toelichting is 'Waarom, in de woorden van het verslag';
comment on column definities.telwijze is 'Korte naam van wat er geteld wordt; twee rijen tellen gelijk als deze gelijk is';
comment on column definities.definitie is 'Wat het cijfer in dit verslag telt, in gewone taal';
comment on column definities.citaat is 'De eigen woorden van het verslag, letterlijk';
comment on column tegenstrijdigheden.subject is 'Het cijfer of de regel waar het om gaat';
comment on column tegenstrijdigheden.section_a is 'De eerste vindplaats (sectie zoals gedrukt)';
comment on column tegenstrijdigheden.quote_a is 'Wat daar staat, letterlijk';
comment on column tegenstrijdigheden.value_a is 'Het cijfer op de eerste vindplaats';
comment on column tegenstrijdigheden.section_b is 'De andere vindplaats (sectie zoals gedrukt)';
comment on column tegenstrijdigheden.quote_b is 'Wat daar staat, letterlijk';
comment on column tegenstrijdigheden.value_b is 'Het cijfer op de andere vindplaats (leeg bij een bewering)';
comment on column build_info.data_version is 'Gegevensversie: de eerste 12 tekens van een SHA-256 over de gevalideerde brontabellen';
comment on column build_info.built_at is 'Wanneer de database is opgebouwd (UTC)';
comment on column build_info.schema_version is 'Versie van de code die de database vormt (korte hash van zvh/store): is die veranderd, dan bouwt de app de database bij de start opnieuw op';
