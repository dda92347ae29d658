"""Budget lines: begroting, realisatie and verschil of lasten and baten; results and reserves."""

import pandera.polars as pa

from validation.common import SNAKE_CASE, SumGroupModel, one_of

STATEN = ["begroting", "realisatie", "verschil", "stand", "mutatie"]
ONDERDELEN = ["lasten", "baten", "resultaat", "reserve"]
EENHEDEN = {"euro": 1, "duizend_euro": 1000}


class Financien(SumGroupModel):
    organisation: str
    staat: str = pa.Field(isin=one_of(STATEN))
    onderdeel: str = pa.Field(isin=one_of(ONDERDELEN))
    post: str = pa.Field(str_matches=SNAKE_CASE)
    financier: str = pa.Field(nullable=True)  # bound to reference/financiers.csv
    bedrag: float
    eenheid: str = pa.Field(isin=one_of(list(EENHEDEN)))

    class Config:
        unique = ["source_document", "region", "year", "staat", "onderdeel", "post"]
