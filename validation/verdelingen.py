"""Percentage distributions (by referrer, age group, handover partner) that add up to 100."""

import pandera.polars as pa

from validation.common import SNAKE_CASE, FactModel, at_least, at_most


class Verdelingen(FactModel):
    theme: str = pa.Field(str_matches=SNAKE_CASE)
    verdeling: str = pa.Field(str_matches=SNAKE_CASE)
    categorie: str
    percentage: float = pa.Field(ge=at_least(0), le=at_most(100))

    class Config:
        unique = ["source_document", "region", "year", "theme", "verdeling", "categorie"]
