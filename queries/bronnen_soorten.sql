-- One row per theme, figure (as Bronnen › Dekking names it) and year that some report of any region prints, with how many figures it has.
with final as (
    select theme, coverage_label, year, count(*) as figure_count
    from vindplaats
    group by all
)
select * from final
order by theme, coverage_label, year
