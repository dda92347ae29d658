-- Voorbeeld: één rij per cijfer dat onzeker of bij benadering is, met de reden en de vindplaats.
select region, year, theme, metric, categorie, municipality, value, qualifier, certainty,
       uncertainty_reason, source_title, source_locator
from facts
where certainty = 'onzeker' or qualifier <> 'exact'
order by certainty desc, region, year
