-- One row per figure of a per-municipality count that belongs to no municipality (printed total, 'Geen adres', ...): its role in the table's sums and its source.
with chosen as (
    select f.*, k.part_of, k.total_of
    from facts as f
    join kerncijfers as k on k.data_file = f.data_file and k.data_line = f.data_line
    where f.is_preferred and f.region = $region and f.theme = $theme and f.metric = $metric and f.year = $year
),
municipal_groups as (
    -- the sum groups the municipal rows are detail lines of
    select coalesce(list(distinct sum_group), []) as sum_groups
    from (select unnest(string_split(part_of, ';')) as sum_group
          from chosen where municipality is not null and part_of is not null)
),
final as (
    select coalesce(categorie, 'Totaal') as regel,
           case when list_contains(sum_groups, total_of) then 'totaal_gemeenten'
                when list_has_any(string_split(coalesce(part_of, ''), ';'), sum_groups) then 'deel'
                when categorie is null then 'totaal'
                else 'overig' end as rol,
           value, unit, qualifier, certainty, uncertainty_reason, note,
           source_title, source_document, source_locator
    from chosen, municipal_groups
    where municipality is null
)
select * from final
order by case rol when 'deel' then 1 when 'totaal_gemeenten' then 2 when 'totaal' then 3 else 4 end, regel
