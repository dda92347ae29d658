-- One row per year, staat (begroting/realisatie) and financier of a region: the baten from that financier, as printed where the report prints a subtotal for it, and who the financier is.
with recursive
lines as (
    select b.*, fi.naam as financier_naam, fi.note as financier_note
    from financien_bedragen as b
    left join financiers as fi on fi.financier = b.financier
    where b.region = $region and b.is_preferred and b.onderdeel = 'baten' and b.staat in ('begroting', 'realisatie')
),
tops as (  -- the sum group of each printed totaal baten
    select source_document, year, staat, total_of as grp
    from lines
    where post = 'totaal_baten' and total_of is not null
),
groups as (  -- every group that adds up, level by level, to a totaal baten
    select source_document, year, staat, grp from tops
    union
    select l.source_document, l.year, l.staat, l.total_of
    from lines as l
    join groups as g
      on l.source_document = g.source_document and l.year = g.year and l.staat = g.staat
     and list_contains(string_split(l.part_of, ';'), g.grp)
    where l.total_of is not null
),
placed as (
    select l.*,
           exists (select 1 from tops as t where t.source_document = l.source_document and t.year = l.year
                   and t.staat = l.staat and list_contains(string_split(l.part_of, ';'), t.grp)) as under_top,
           exists (select 1 from groups as g where g.source_document = l.source_document and g.year = l.year
                   and g.staat = l.staat and list_contains(string_split(l.part_of, ';'), g.grp)) as under_group
    from lines as l
    where l.financier is not null
),
per_financier as (
    select region, year, staat, financier, financier_naam, financier_note,
           sum(bedrag_eur) filter (where total_of is null and under_group) as detail_sum,
           sum(bedrag_eur) filter (where total_of is not null and under_top) as printed_subtotal,
           count(*) filter (where total_of is null and under_group) as detail_count,
           bool_or(qualifier <> 'exact') as is_approximate,
           bool_or(certainty = 'onzeker') as is_uncertain,
           string_agg(distinct uncertainty_reason, ' ') as uncertainty_reason,
           bool_or(eenheid = 'duizend_euro') as is_in_thousands,
           string_agg(distinct source_title, '; ') as source_title,
           string_agg(distinct source_document, '; ') as source_document
    from placed
    where under_group
    group by all
),
final as (
    select region, year::integer as year, staat, financier, financier_naam, financier_note,
           coalesce(printed_subtotal, detail_sum) as value,
           detail_sum, printed_subtotal,
           case when is_approximate then 'ongeveer' else 'exact' end as qualifier,
           is_uncertain, uncertainty_reason, is_in_thousands, source_title, source_document
    from per_financier
)
select * from final
order by year, staat, financier
