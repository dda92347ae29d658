-- Voorbeeld: één rij per regio en jaar met het aantal signalen mensenhandel, zoals gedrukt en met vindplaats.
select region, year, value as signalen, qualifier, source_title, source_locator
from facts
where theme = 'mensenhandel' and metric = 'signalen'
  and categorie is null and municipality is null and is_preferred
order by region, year
