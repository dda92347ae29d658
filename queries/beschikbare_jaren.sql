-- One row per year for which a region has at least one figure, newest first.
-- Not financien_jaren: the Overzicht opens on any year with a figure (some years have counts but no budget).
select distinct year::integer as year
from facts
where region = $region
order by year desc
