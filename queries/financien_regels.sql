-- One row per budget line (onderdeel, post) of a region's year: begroting, realisatie and the printed verschil, in the report's order.
with recursive
lines as (
    select b.*, fi.naam as financier_naam
    from financien_bedragen as b
    left join financiers as fi on fi.financier = b.financier
    where b.region = $region and b.year = $year and b.is_preferred
      and b.staat in ('begroting', 'realisatie', 'verschil')
),
groups as (  -- every sum group that adds up, level by level, to a printed totaal lasten or totaal baten
    select source_document, staat, total_of as grp
    from lines
    where post in ('totaal_lasten', 'totaal_baten') and total_of is not null
    union
    select l.source_document, l.staat, l.total_of
    from lines as l
    join groups as g
      on l.source_document = g.source_document and list_contains(string_split(l.part_of, ';'), g.grp)
    where l.total_of is not null
),
marked as (
    select l.*,
           l.total_of is null and exists (
               select 1 from groups as g
               where g.source_document = l.source_document and list_contains(string_split(l.part_of, ';'), g.grp)
           ) as is_detail
    from lines as l
),
final as (
    select
        onderdeel, post,
        min(data_line)::bigint as line_order,
        arg_min(source_label, data_line) as label,
        any_value(financier) as financier,
        any_value(financier_naam) as financier_naam,
        bool_or(total_of is not null and part_of is null) as is_total,
        bool_or(total_of is not null and part_of is not null) as is_subtotal,
        bool_or(is_detail) as is_detail,
        max(bedrag_eur) filter (where staat = 'begroting') as begroting,
        max(bedrag_eur) filter (where staat = 'realisatie') as realisatie,
        max(bedrag_eur) filter (where staat = 'verschil') as verschil_gedrukt,
        any_value(qualifier) filter (where staat = 'begroting') as begroting_qualifier,
        any_value(qualifier) filter (where staat = 'realisatie') as realisatie_qualifier,
        any_value(qualifier) filter (where staat = 'verschil') as verschil_qualifier,
        bool_or(certainty = 'onzeker') filter (where staat = 'begroting') as is_begroting_uncertain,
        bool_or(certainty = 'onzeker') filter (where staat = 'realisatie') as is_realisatie_uncertain,
        bool_or(certainty = 'onzeker') filter (where staat = 'verschil') as is_verschil_uncertain,
        string_agg(distinct uncertainty_reason, ' ') as uncertainty_reason,
        bool_or(eenheid = 'duizend_euro') as is_in_thousands,
        string_agg(distinct source_title, '; ') as source_title,
        string_agg(distinct source_document, '; ') as source_document,
        'data/financien/' || string_agg(distinct data_file, ', ') || ', regel '
            || string_agg(data_line::varchar, ', ' order by data_line) as data_lines
    from marked
    group by onderdeel, post
)
select * from final
order by line_order
