-- Signalen, part of the analyst contract (docs/data-dictionary.md): which changes of the headline figures stand
-- out under the rules of signaalregels, and why. Run after schema.sql, whose views it reads.

-- A number the Dutch way, with a thousands point and a decimal comma: nl_number(1234.5, 1) = '1.234,5'.
create macro nl_number(x, decimals) as translate(format('{:,.' || decimals || 'f}', x), ',.', '.,');
-- A figure as the dashboard writes it (zvh.present.formatting.nl_value): 'ruim 60', '€ 1.958.682', '12,5%'.
create macro nl_figure(x, unit, qualifier) as
    case qualifier when 'ongeveer' then 'ongeveer ' when 'ruim' then 'ruim ' else '' end
    || case when unit = 'euro' then '€ ' else '' end
    || nl_number(x, case when x = round(x) then 0 when x * 10 = round(x * 10) then 1 else 2 end)
    || case when unit = 'procent' then '%' else '' end;

-- One row per region, year, headline figure and signal rule (signaalregels) wherever the figure has an earlier year:
-- the change against the previous year with the figure, whether it is a signal, and why (see docs/data-dictionary.md).
-- Computed once at build time, like facts_rows: the windows and look-ups would otherwise run on every query.
create table signalen_rows as
with counted as (
    select region, year, theme, metric, null::varchar as staat, value, unit, qualifier, certainty,
           source_document, source_title, source_locator
    from headline_facts
),
money as (  -- budget lines, except reserve posts: those count summed, free and earmarked apart (as on the Overzicht)
    select region, year, 'financien' as theme, post as metric, staat, bedrag_eur as value, 'euro' as unit, qualifier,
           certainty, source_document, source_title, source_locator
    from financien_bedragen
    where is_preferred and (region, post) not in (select (region, post) from reserves)
),
reserve_stands as (
    select b.region, b.year, 'financien' as theme,
           case r.soort when 'vrij' then 'reserve' else 'reserve_bestemd' end as metric, b.staat,
           sum(b.bedrag_eur) as value, 'euro' as unit,
           case when bool_and(b.qualifier = 'exact') then 'exact' else 'ongeveer' end as qualifier,
           case when bool_and(b.certainty = 'zeker') then 'zeker' else 'onzeker' end as certainty,
           string_agg(distinct b.source_document, '; ') as source_document,
           string_agg(distinct b.source_title, '; ') as source_title,
           string_agg(b.source_locator, '; ' order by b.post) as source_locator
    from financien_bedragen as b
    join reserves as r using (region, post)
    where b.is_preferred and b.staat = 'stand'
    group by all
),
figures as (
    select f.*, d.telwijze
    from (select * from counted union all select * from money union all select * from reserve_stands) as f
    left join definities as d using (region, theme, metric, source_document)
),
-- figures a data-quality finding puts in doubt; a reserve post's: its sum. Not a rounding difference, not a claim in the
-- text that the table refutes (the table is the figure) and not a contradiction the reader rates 'laag' (a label)
touched as (
    select distinct d.region, q.theme,
           case r.soort when 'vrij' then 'reserve' when 'bestemd' then 'reserve_bestemd' else q.metric end as metric,
           q.year, q.staat
    from data_quality as q
    join source_documents as d using (source_document)
    left join reserves as r on r.region = d.region and r.post = q.metric
    where not coalesce(q.within_rounding, false) and q.kind <> 'bewering_weerlegd_door_tabel'
      and coalesce(q.confidence, 'hoog') <> 'laag'  -- a finding by rule has none: it is sure
),
mergers as (  -- a municipal merger within a region, by the year it took effect
    select distinct g.region, year(h.effective_date::date) as year
    from herindeling as h
    join gemeente as g on g.gemeentecode = h.successor_code
),
paired as (
    select r.rule_id, r.min_change_pct, r.min_change, r.min_base, r.good_direction, r.approximation_margin_pct / 100 as margin,
           f.*,
           lag(f.year) over w as previous_year, lag(f.value) over w as previous_value,
           lag(f.qualifier) over w as previous_qualifier, lag(f.certainty) over w as previous_certainty,
           lag(f.telwijze) over w as previous_telwijze, lag(f.source_document) over w as previous_source_document,
           lag(f.source_title) over w as previous_source_title, lag(f.source_locator) over w as previous_source_locator
    from signaalregels as r
    join figures as f on f.theme = r.theme and f.metric = r.metric and f.staat is not distinct from r.staat
    window w as (partition by r.rule_id, f.region order by f.year)
),
doubted as (  -- the years of the pair a finding puts in doubt ("2017", "2016 en 2017"), null when none
    select p.*,
           (select string_agg(distinct t.year::varchar, ' en ' order by t.year::varchar) from touched as t
            where t.region = p.region and t.theme = p.theme and t.metric = p.metric
              and t.staat is not distinct from p.staat and t.year in (p.year, p.previous_year)) as finding_years
    from paired as p
    where p.previous_year is not null
),
compared as (
    select p.*,
           p.value - p.previous_value as change,
           p.qualifier <> 'exact' or p.previous_qualifier <> 'exact' as is_approximate,
           'onzeker' in (p.certainty, p.previous_certainty) or p.finding_years is not null as is_uncertain,
           coalesce(p.telwijze <> p.previous_telwijze, false) as is_definition_changed,
           exists (select 1 from mergers as m where m.region = p.region
                   and m.year > p.previous_year and m.year <= p.year) as is_merger_between,
           exists (select 1 from figures as o where o.region <> p.region and o.year = p.year and o.theme = p.theme
                   and o.metric = p.metric and o.staat is not distinct from p.staat
                   and o.telwijze <> p.telwijze) as is_counted_differently,
           -- what the printed numbers may stand for: 'ongeveer' within the margin either way, 'ruim' up to it above
           p.value - case when p.qualifier = 'ongeveer' then p.margin * abs(p.value) else 0 end as low,
           p.value + case when p.qualifier = 'exact' then 0 else p.margin * abs(p.value) end as high,
           p.previous_value - case when p.previous_qualifier = 'ongeveer' then p.margin * abs(p.previous_value) else 0 end
               as previous_low,
           p.previous_value + case when p.previous_qualifier = 'exact' then 0 else p.margin * abs(p.previous_value) end
               as previous_high
    from doubted as p
),
judged as (
    select c.*,
           -- the part of the change the approximations cannot explain (0 when they could explain all of it)
           case when c.low - c.previous_high > 0 then c.low - c.previous_high
                when c.high - c.previous_low < 0 then c.high - c.previous_low else 0 end as firm_change,
           c.min_base is not null and abs(c.previous_value) < c.min_base as is_base_too_small
    from compared as c
),
rated as (
    select j.*,
           not j.is_base_too_small and firm_change <> 0
           and (j.min_change is null or abs(j.firm_change) >= j.min_change)
           -- a percentage across zero (from 0, or from a deficit to a surplus) says nothing: only the absolute change counts
           and (j.min_change_pct is null or j.previous_value * j.value <= 0
                or 100 * abs(j.firm_change) / abs(j.previous_value) >= j.min_change_pct) as is_notable,
           case when j.change > 0 then 'stijging' when j.change < 0 then 'daling' else 'gelijk' end as direction,
           case when j.previous_value * j.value > 0 then 100 * j.change / abs(j.previous_value) end as change_pct,
           nl_figure(j.value, j.unit, j.qualifier) as value_text,
           nl_figure(j.previous_value, j.unit, j.previous_qualifier) as previous_text,
           concat_ws(' en ', case when j.min_change_pct is not null then nl_number(j.min_change_pct, 0) || '%' end,
                     case when j.min_change is not null then nl_figure(j.min_change, j.unit, 'exact') end) as threshold_text
    from judged as j
),
worded as (
    select r.*,
           case when r.is_definition_changed or r.is_uncertain then 'niet_vergelijkbaar'
                when r.is_notable then 'signaal' else 'geen_signaal' end as status,
           case when r.change > 0 then '+' when r.change < 0 then '-' else '' end
               || case when r.unit = 'euro' then '€ ' else '' end
               || nl_number(abs(r.change), case when r.change = round(r.change) then 0 else 2 end)
               || case when r.change_pct is not null and r.change <> 0
                       then ' (' || case when r.change > 0 then '+' else '-' end || nl_number(abs(r.change_pct), 1) || '%)'
                       else '' end as change_text,
           ' in ' || r.previous_year
               || case when r.year - r.previous_year > 1 then ' (' || (r.year - r.previous_year) || ' jaar eerder)' else '' end
               as previous_when,
           concat_ws('; ',
               case when r.is_definition_changed then 'het verslag over ' || r.year || ' telt ‘' || replace(r.telwijze, '_', ' ')
                    || '’, dat over ' || r.previous_year || ' ‘' || replace(r.previous_telwijze, '_', ' ') || '’' end,
               case when 'onzeker' in (r.certainty, r.previous_certainty)
                    then 'het cijfer over ' || concat_ws(' en ', case when r.previous_certainty = 'onzeker' then r.previous_year end,
                                                          case when r.certainty = 'onzeker' then r.year end)
                         || ' is onzeker' end,
               case when r.finding_years is not null
                    then 'een kwaliteitsbevinding zet het cijfer over ' || r.finding_years
                         || ' in twijfel (zie Bronnen & kwaliteit)' end) as incomparable_reason
    from rated as r
),
labelled as (
    select w.*,
           case when w.theme || '.' || w.metric || '.' || coalesce(w.staat, '') = 'financien.totaal_lasten.realisatie' then 'Lasten (realisatie)'
                when w.theme || '.' || w.metric || '.' || coalesce(w.staat, '') = 'financien.totaal_lasten.begroting' then 'Lasten (begroting)'
                when w.theme || '.' || w.metric || '.' || coalesce(w.staat, '') = 'financien.resultaat.realisatie' then 'Resultaat'
                when w.theme || '.' || w.metric || '.' || coalesce(w.staat, '') = 'financien.resultaat.begroting' then 'Resultaat (begroting)'
                when w.theme || '.' || w.metric || '.' || coalesce(w.staat, '') = 'financien.reserve.stand' then 'Vrije reserves (stand eind jaar)'
                when w.theme || '.' || w.metric || '.' || coalesce(w.staat, '') = 'financien.reserve_bestemd.stand' then 'Bestemde reserves (stand eind jaar)'
                when w.theme = 'financien' then 'Financiën: ' || replace(w.metric, '_', ' ') || ' (' || w.staat || ')'
                -- named with its theme unless the label names it (zvh.present.formatting.kpi_label)
                when strpos(lower(m.label), replace(w.theme, '_', ' ')) > 0 then m.label
                else upper(w.theme[1]) || replace(w.theme[2:], '_', ' ') || ': ' || m.label end as label
    from worded as w
    left join metrics as m on m.theme = w.theme and m.metric = w.metric
),
final as (
    select w.region, rg.naam as region_name, w.year, w.theme, w.metric, w.staat,
           w.label,
           w.rule_id, w.value, w.unit, w.qualifier, w.certainty,
           w.previous_year, w.previous_value, w.previous_qualifier, w.previous_certainty,
           w.change, w.change_pct, w.direction, w.status,
           case when w.status = 'signaal' and w.good_direction is not null
                then case when (w.direction = 'stijging') = (w.good_direction = 'hoger') then 'gunstig' else 'ongunstig' end
           end as assessment,
           w.is_approximate, w.is_uncertain, w.is_definition_changed, w.is_merger_between, w.is_counted_differently,
           w.telwijze, w.previous_telwijze, w.firm_change,
           w.label || ': ' || w.value_text || ' in ' || w.year
               || case when w.status = 'niet_vergelijkbaar'
                       then ' naast ' || w.previous_text || w.previous_when || ': niet vergelijkbaar, want ' || w.incomparable_reason
                       else ', ' || case w.direction when 'gelijk' then 'gelijk aan ' else w.change_text || ' t.o.v. ' end
                            || w.previous_text || w.previous_when || ': '
                            || case when w.status = 'signaal'
                                    then 'signaal (de regel vraagt ten minste ' || w.threshold_text || ' verschil'
                                         || case when w.is_approximate then ', ook als de benaderingen '
                                                 || nl_number(100 * w.margin, 0) || '% afwijken' else '' end
                                         || ')' || case when w.good_direction is not null
                                                        then ', ' || case when (w.direction = 'stijging') = (w.good_direction = 'hoger')
                                                                          then 'gunstig' else 'ongunstig' end
                                                             || ': ' || w.good_direction || ' is beter' else '' end
                                    when w.direction = 'gelijk' then 'geen signaal, want geen verandering'
                                    when w.is_base_too_small
                                    then 'geen signaal, want ' || w.previous_text || ' is te weinig om een verandering op te wegen (de regel vraagt ten minste '
                                         || nl_figure(w.min_base, w.unit, 'exact') || ')'
                                    when w.is_approximate and w.firm_change = 0
                                    then 'geen signaal, want de benaderingen (tot ' || nl_number(100 * w.margin, 0)
                                         || '% ernaast) kunnen de hele verandering verklaren'
                                    when w.is_approximate
                                    then 'geen signaal, want na wat de benaderingen (tot ' || nl_number(100 * w.margin, 0)
                                         || '% ernaast) verklaren blijft minder over dan de regel vraagt (ten minste ' || w.threshold_text || ')'
                                    else 'geen signaal, want minder dan de regel vraagt (ten minste ' || w.threshold_text || ')' end end
               || case when w.is_merger_between then '; tussendoor een gemeentelijke herindeling, die het regiototaal niet verandert' else '' end
               || '.' as description,
           w.source_document, w.source_title, w.source_locator,
           w.previous_source_document, w.previous_source_title, w.previous_source_locator
    from labelled as w
    join regio as rg using (region)
)
select * from final;

-- The contract is the view; the table behind it may change.
create view signalen as select * from signalen_rows;

-- Descriptions for the schema browser of the SQL werkbank (duckdb_columns().comment).
comment on view signalen is 'Eén rij per regio, jaar, kerncijfer en signaalregel met een eerder jaar: de verandering, of het een signaal is en waarom (analistencontract).';
comment on column signalen.label is 'Naam van het cijfer zoals het Overzicht die toont';
comment on column signalen.rule_id is 'De signaalregel (signaalregels.rule_id)';
comment on column signalen.previous_year is 'Het vorige jaar mét dit cijfer (kan jaren terug liggen)';
comment on column signalen.change is 'value − previous_value';
comment on column signalen.change_pct is 'Verandering in procent van de grootte van het vorige cijfer; leeg als een van beide 0 is of ze een ander teken hebben';
comment on column signalen.direction is 'stijging, daling of gelijk (alleen het teken van change)';
comment on column signalen.status is 'signaal, geen_signaal of niet_vergelijkbaar (telwijze veranderd of onzeker: nooit een signaal)';
comment on column signalen.assessment is 'gunstig of ongunstig: alleen bij een signaal waarvan de regel een goede richting heeft';
comment on column signalen.is_approximate is 'Een van beide cijfers is een benadering (ongeveer, ruim)';
comment on column signalen.is_uncertain is 'Een van beide cijfers is onzeker of geraakt door een kwaliteitsbevinding';
comment on column signalen.is_definition_changed is 'De verslagen van beide jaren tellen het cijfer anders (definities.telwijze)';
comment on column signalen.is_merger_between is 'Tussen beide jaren ging een gemeentelijke herindeling in de regio in';
comment on column signalen.is_counted_differently is 'Een andere regio telt dit cijfer dat jaar anders';
comment on column signalen.firm_change is 'Het deel van de verandering dat de benaderingen niet kunnen verklaren';
comment on column signalen.description is 'Eén Nederlandse zin: wat veranderde, t.o.v. welk jaar, en waarom het wel of geen signaal is';
comment on table signalen_rows is 'De rijen van signalen, eenmaal berekend door de build; vraag de view signalen op.';
comment on table signaalregels is 'Wanneer een verandering van een kerncijfer een signaal is: één rij per regel (data/reference/signaalregels.csv).';
comment on column signaalregels.rule_id is 'De regel (uniek)';
comment on column signaalregels.min_change_pct is 'Kleinste verandering in procent die telt; leeg: niet toegepast';
comment on column signaalregels.min_change is 'Kleinste verandering in de eenheid van het cijfer (aantal of euro) die telt; leeg: niet toegepast';
comment on column signaalregels.min_base is 'Kleinste vorige cijfer waarvan een verandering wordt gewogen (zodat 2 → 4 geen +100 % is)';
comment on column signaalregels.good_direction is 'hoger of lager is beter; leeg als geen van beide beter is';
comment on column signaalregels.approximation_margin_pct is 'Hoe ver een cijfer ‘ongeveer’ naar beide kanten, en ‘ruim’ naar boven, van zijn getal kan liggen (procent)';
comment on column signaalregels.toelichting is 'Waarom deze drempels en richting, in het Nederlands';
comment on column signalen.previous_value is 'Het cijfer van het vorige jaar met dit cijfer';
comment on column signalen.previous_qualifier is 'Hoe vast dat vorige cijfer is: exact, ongeveer of ruim';
comment on column signalen.previous_certainty is 'zeker of onzeker (de tabel in het verslag was niet eenduidig), voor het vorige cijfer';
comment on column signalen.telwijze is 'Wat het verslag van dit jaar telt (definities.telwijze); leeg: alleen de algemene definitie';
comment on column signalen.previous_telwijze is 'Wat het verslag van het vorige jaar telt (definities.telwijze); leeg: alleen de algemene definitie';
comment on column signalen.previous_source_document is 'Bestand van het verslag waarin het vorige cijfer staat';
comment on column signalen.previous_source_title is 'Titel van het verslag waarin het vorige cijfer staat';
comment on column signalen.previous_source_locator is 'Vindplaats van het vorige cijfer: onderdeel › regel › kolom, zoals gedrukt';
