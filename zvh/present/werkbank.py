"""The SQL-werkbank's conveniences: a recent query's label and the quick chart's first choice of columns.

No Streamlit here: these take the query's text or its result frame.
"""

import polars as pl

YEAR_COLUMNS = ("year", "jaar")  # the contract's name first (facts.year), then the Dutch one analysts may write
LABEL_CHARS = 60


def label(text: str) -> str:
    """A recent query as a button names it: its first line of SQL (not the comment above it), shortened."""
    lines = [line.strip() for line in text.splitlines()]
    sql = next((line for line in lines if line and not line.startswith("--")), text.strip())
    return sql if len(sql) <= LABEL_CHARS else sql[:LABEL_CHARS - 1].rstrip() + "…"


def chart_defaults(frame: pl.DataFrame) -> tuple[str, str, str | None]:
    """The quick chart's first x, y and colour: the year along x when the result has one, the last other number up,
    and a text column that keeps the rows of one x apart (the regions) so the chart needs to add nothing up."""
    x = next((c for c in YEAR_COLUMNS if c in frame.columns), frame.columns[0])
    numbers = [c for c, t in frame.schema.items() if t.is_numeric() and c != x] or [x]
    colour = None
    if frame.select(x).is_duplicated().any():
        texts = [c for c, t in frame.schema.items() if t == pl.String and c != x]
        colour = next((c for c in texts if not frame.select(x, c).is_duplicated().any()), None)
    return x, numbers[-1], colour
