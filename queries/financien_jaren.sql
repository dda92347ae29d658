-- One row per year for which a region has budget figures (begroting, realisatie, reserves), newest first.
-- The Financiën page offers only years whose budget tables are loaded (the Overzicht: years with a headline figure).
select distinct year::integer as year
from financien
where region = $region
order by year desc
