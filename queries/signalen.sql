-- One row per region, year, headline figure and signal rule with an earlier year: the change, whether it is a signal and why, and both sources.
select s.*
from signalen as s
join regio as r using (region)
order by r.volgorde, s.year desc,
         case s.status when 'signaal' then 0 when 'niet_vergelijkbaar' then 1 else 2 end, s.theme, s.label, s.rule_id
