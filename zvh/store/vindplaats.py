"""Write the look-up table of Bronnen › Vindplaats (vindplaats.sql): each figure's text and search text, once."""

from pathlib import Path

import duckdb
import polars as pl

from zvh.present.formatting import figure_text_column, theme_label

SQL = Path(__file__).with_name("vindplaats.sql")


def write(con: duckdb.DuckDBPyConnection) -> None:
    """Create `vindplaats_rows` and the view `vindplaats` from `facts_rows` (schema.sql has run).

    The texts come from the pages' own formatting (zvh.present.formatting), so the table says exactly what a page
    says; once per distinct figure (value, unit, qualifier, certainty), a few thousand at the field's scale, not per row.
    """
    figures = con.sql("select distinct value, unit, qualifier, certainty from facts_rows").pl()
    themes = con.sql("select distinct theme from facts_rows").pl()
    con.register("figure_texts", figures.with_columns(figure_text_column()))
    con.register("theme_labels", themes.with_columns(
        pl.col("theme").map_elements(theme_label, return_dtype=pl.String).alias("theme_label")))
    try:
        con.execute(SQL.read_text(encoding="utf-8"))
    finally:
        con.unregister("figure_texts")
        con.unregister("theme_labels")
