-- Voorbeeld: één rij per huidige gemeente met de nazorg-instroom 2017 (Tabel 5), opgeteld over de oude gemeenten.
select municipality_current as gemeente, sum(value)::integer as instroom_dji,
       string_agg(municipality, ', ' order by municipality) as gedrukt_als,
       bool_and(is_municipality_exact) as exact_toe_te_wijzen
from facts
where year = 2017 and theme = 'nazorg' and metric = 'instroom_dji' and municipality is not null
group by municipality_current
order by instroom_dji desc
