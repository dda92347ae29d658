-- One row per year for which a region has budget figures (begroting, realisatie, reserves), newest first.
select distinct year::integer as year
from financien
where region = $region
order by year desc
