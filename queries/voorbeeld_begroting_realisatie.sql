-- Voorbeeld: één rij per regio en jaar met de totale lasten volgens begroting en realisatie, in euro.
select region, year,
       max(value) filter (where staat = 'begroting') as begroting,
       max(value) filter (where staat = 'realisatie') as realisatie,
       realisatie - begroting as verschil
from facts
where theme = 'financien' and metric = 'totaal_lasten' and is_preferred
group by region, year
order by region, year
