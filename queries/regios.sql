-- One row per region (one per Zorg- en Veiligheidshuis), in the order every page shows them.
select region, naam
from regio
order by volgorde
