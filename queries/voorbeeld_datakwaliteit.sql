-- Voorbeeld: één rij per tegenstrijdigheid in de jaarverslagen die niet door afronding te verklaren is.
select source_document, kind, subject, printed, computed, difference, description
from data_quality
where not within_rounding
order by source_document, finding_id
