"""Reference tables: regions, organisations, documents, municipalities, mergers, population, metrics."""

import pandera.polars as pa

from validation.common import SNAKE_CASE

GM_CODE = r"^GM\d{4}$"
ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
YES_NO = ["yes", "no"]


class Strict(pa.DataFrameModel):
    class Config:
        strict = True


class Regio(Strict):
    """The Zorg- en Veiligheidshuizen' regions: a new ZVH starts with a row here."""

    region: str = pa.Field(unique=True, str_matches=SNAKE_CASE)
    naam: str = pa.Field(unique=True)
    volgorde: int = pa.Field(unique=True, ge=1)  # the order of filters, tables and colours on every page
    provincie_code: str = pa.Field(nullable=True, str_matches=r"^PV\d{2}$")  # when the region is one province
    andere_namen: str = pa.Field(nullable=True)  # other spellings a delivery or a role may use, ; between them


class Organisatie(Strict):
    organisation: str = pa.Field(unique=True, str_matches=SNAKE_CASE)
    naam: str
    afkorting: str
    region: str
    geldig_van: str = pa.Field(nullable=True, str_matches=ISO_DATE)
    geldig_tot: str = pa.Field(nullable=True, str_matches=ISO_DATE)
    note: str = pa.Field(nullable=True)


class Financiers(Strict):
    """Who pays a ZVH (the `financier` of a baten line), named as pages show it."""

    financier: str = pa.Field(unique=True, str_matches=SNAKE_CASE)
    naam: str
    note: str = pa.Field(nullable=True)


class Bronnen(Strict):
    source_document: str = pa.Field(unique=True)
    organisation: str
    titel: str
    verslagjaar: int
    jaren: str


class Gemeente(Strict):
    gemeentecode: str = pa.Field(unique=True, str_matches=GM_CODE)
    naam: str
    region: str
    geldig_van: str = pa.Field(nullable=True, str_matches=ISO_DATE)
    geldig_tot: str = pa.Field(nullable=True, str_matches=ISO_DATE)
    bron: str


class Herindeling(Strict):
    old_code: str = pa.Field(str_matches=GM_CODE)
    successor_code: str = pa.Field(str_matches=GM_CODE)
    effective_date: str = pa.Field(str_matches=ISO_DATE)
    partial: str = pa.Field(isin=YES_NO)
    primary: str = pa.Field(isin=YES_NO)
    note: str = pa.Field(nullable=True)
    bron: str = pa.Field(nullable=True)

    class Config:
        unique = ["old_code", "successor_code"]


class GemeenteNamen(Strict):
    naam_zoals_gedrukt: str = pa.Field(unique=True)
    gemeentecode: str = pa.Field(str_matches=GM_CODE)
    note: str = pa.Field(nullable=True)


class Bevolking(Strict):
    gebied_type: str = pa.Field(isin=["provincie", "gemeente"])
    gemeentecode_of_provincie: str = pa.Field(str_matches=r"^(GM\d{4}|PV\d{2})$")
    naam: str
    jaar: int = pa.Field(ge=2000, le=2100)
    inwoners: int = pa.Field(gt=0)
    zekerheid: str = pa.Field(isin=["vast", "secundair", "afgeleid", "bereik"])
    bron: str

    class Config:
        unique = ["gemeentecode_of_provincie", "jaar"]


class Metrics(Strict):
    theme: str = pa.Field(str_matches=SNAKE_CASE)
    metric: str = pa.Field(str_matches=SNAKE_CASE)
    label: str
    definitie: str
    unit: str = pa.Field(isin=["aantal", "procent"])
    soort: str = pa.Field(isin=["stroom", "stand", "volume", "percentage"])
    vergelijkbaarheid: str = pa.Field(nullable=True)

    class Config:
        unique = ["theme", "metric"]


class Tegels(Strict):
    gemeentecode: str = pa.Field(unique=True, str_matches=GM_CODE)
    naam: str
    kolom: int = pa.Field(ge=0)
    rij: int = pa.Field(ge=0)

    class Config:
        unique = ["kolom", "rij"]


class Begrippen(Strict):
    term: str = pa.Field(unique=True)
    betekenis: str
    bron: str
