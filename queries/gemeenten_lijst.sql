-- One row per current municipality of a region (as of today's municipal map), by name.
with final as (
    select gemeentecode, naam as gemeente
    from gemeente
    where region = $region and geldig_tot is null
)
select * from final
order by gemeente
