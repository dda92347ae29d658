"""Counted figures per theme and metric: cases, signals, screenings, groups, inclusions."""

import pandera.polars as pa
import polars as pl

from validation.common import SNAKE_CASE, SumGroupModel, at_least, one_of

UNITS = ["aantal", "procent"]


class Kerncijfers(SumGroupModel):
    theme: str = pa.Field(str_matches=SNAKE_CASE)
    metric: str = pa.Field(str_matches=SNAKE_CASE)
    gemeente: str = pa.Field(nullable=True)
    categorie: str = pa.Field(nullable=True)
    value: float = pa.Field(ge=at_least(0))
    unit: str = pa.Field(isin=one_of(UNITS))

    class Config:
        unique = ["source_document", "region", "year", "theme", "metric", "gemeente", "categorie"]

    @pa.dataframe_check(error="een aantal is een geheel getal")
    def counts_are_whole(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select((pl.col("unit") != "aantal") | (pl.col("value") % 1 == 0))

    @pa.dataframe_check(error="een percentage ligt tussen 0 en 100")
    def percentage_at_most_100(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select((pl.col("unit") != "procent") | (pl.col("value") <= 100))
