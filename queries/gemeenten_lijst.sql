-- One row per municipality of a region, by name: today's municipalities, or (`gedrukt`) every municipality the
-- region has had since its first report, as the reports print them (Delfzijl, Hoogezand-Sappemeer).
with final as (
    select gemeentecode, naam as gemeente
    from gemeente
    where region = $region and ($gedrukt or geldig_tot is null)
)
select * from final
order by gemeente
