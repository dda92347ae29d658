-- One row per printed figure that the Vindplaats search finds (chosen regions; chosen themes and years, or all when none is chosen; the search term anywhere in its search text, or all when empty), at most $limit rows, each with how many were found in all.
with found as (
    select * exclude (search_text)
    from vindplaats
    where list_contains($regions, region)
      and (len($themes) = 0 or list_contains($themes, theme))
      and (len($years) = 0 or list_contains($years, year))
      and contains(search_text, lower($zoek))
),
final as (
    select *, (select count(*) from found) as found_count  -- cheaper than a window over every found row
    from found
)
select * from final
order by volgorde, theme, coverage_label, year, data_file, data_line
limit $limit
