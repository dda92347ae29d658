-- One row per year for which a region has at least one figure, newest first.
select distinct year::integer as year
from facts
where region = $region
order by year desc
