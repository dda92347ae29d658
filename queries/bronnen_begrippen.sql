-- One row per term of the glossary: abbreviation or word, its meaning, and where the meaning comes from.
select term, betekenis, bron
from begrippen
order by lower(term)
