-- One row per year for which a region has budget figures (begroting, realisatie, reserves), newest first.
-- Not beschikbare_jaren: the Financiën page offers only years whose budget tables are loaded.
select distinct year::integer as year
from financien
where region = $region
order by year desc
