-- One row per figure a region's report defines its own way: the definition, the report's words and which report;
-- `label` is the metric's (null for a financial post).
select definities.region, regio.naam as region_name, definities.theme, definities.metric, metrics.label,
       definities.source_document, source_documents.source_title, definities.telwijze,
       definities.definitie, definities.citaat
from definities
join regio using (region)
join source_documents using (source_document)
left join metrics using (theme, metric)
order by regio.volgorde, definities.theme, definities.metric, source_documents.verslagjaar desc
