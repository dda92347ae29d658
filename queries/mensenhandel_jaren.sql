-- One row: the first and the last year for which any region reports a figure on human trafficking.
with final as (
    select min(year)::integer as first_year, max(year)::integer as last_year
    from facts
    where theme = 'mensenhandel' and is_preferred
)
select * from final
where first_year is not null
