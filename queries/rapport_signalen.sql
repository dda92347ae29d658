-- One row per signal of a region's year for the stuurgroeprapportage: what stands out, or a change that cannot be read as one (the `signalen` view).
with chosen as (
    select *
    from signalen
    where region = $region and year = $year and status in ('signaal', 'niet_vergelijkbaar')
),
final as (
    select theme, metric, label, rule_id, value, unit, previous_year, previous_value, change, change_pct, direction,
           status, assessment, description, source_title, source_locator, previous_source_title,
           previous_source_locator
    from chosen
)
select * from final
order by status = 'niet_vergelijkbaar', theme, metric, rule_id
