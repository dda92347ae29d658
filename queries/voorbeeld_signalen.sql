-- Voorbeeld: één rij per signaal of niet-vergelijkbare verandering van een kerncijfer, het nieuwste jaar eerst, met de reden.
select region_name, year, label, status, assessment, previous_year, description, source_title, source_locator
from signalen
where status <> 'geen_signaal'
order by year desc, region_name, status, label
