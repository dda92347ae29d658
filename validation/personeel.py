"""Staffing: persons and fte per function, own staff and staff made available in natura."""

import pandera.polars as pa
import polars as pl

from validation.common import SNAKE_CASE, SumGroupModel, at_least


class Personeel(SumGroupModel):
    functie: str
    functiegroep: str = pa.Field(str_matches=SNAKE_CASE)
    personen: float = pa.Field(ge=at_least(0), nullable=True)
    fte: float = pa.Field(ge=at_least(0), nullable=True)
    in_natura: bool

    class Config:
        unique = ["source_document", "region", "year", "functie"]

    @pa.dataframe_check(error="vul personen of fte in (of allebei)")
    def persons_or_fte(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("personen").is_not_null() | pl.col("fte").is_not_null())
