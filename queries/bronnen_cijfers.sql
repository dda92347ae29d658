-- One row per figure as printed in a report of the chosen regions: its label and definition, value and its text, firmness, and where it stands in the report and in the curated CSV.
with final as (
    select * exclude (search_text)
    from vindplaats
    where list_contains($regions, region)
)
select * from final
order by volgorde, theme, coverage_label, year, data_file, data_line
