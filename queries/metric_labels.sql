-- One row per metric of the dictionary: its Dutch label, definition, unit, kind and comparability note.
select theme, metric, label, definitie, unit, soort, vergelijkbaarheid
from metrics
order by theme, metric
