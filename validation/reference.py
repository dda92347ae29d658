"""Reference tables: regions, organisations, documents, municipalities, mergers, population, metrics."""

import pandera.polars as pa
import polars as pl

from validation.common import SNAKE_CASE, above, at_least, at_most, one_of, pattern

GM_CODE = pattern(r"^GM\d{4}$", "verwacht een CBS-gemeentecode zoals GM0014")
PV_CODE = pattern(r"^PV\d{2}$", "verwacht een CBS-provinciecode zoals PV20")
GM_OR_PV_CODE = pattern(
    r"^(GM\d{4}|PV\d{2})$", "verwacht een CBS-gemeentecode zoals GM0014 of provinciecode zoals PV20"
)
ISO_DATE = pattern(r"^\d{4}-\d{2}-\d{2}$", "verwacht een datum als 2019-01-01")
YES_NO = one_of(["yes", "no"])


class Strict(pa.DataFrameModel):
    class Config:
        strict = True


class Regio(Strict):
    """The Zorg- en Veiligheidshuizen' regions: a new ZVH starts with a row here."""

    region: str = pa.Field(unique=True, str_matches=SNAKE_CASE)
    naam: str = pa.Field(unique=True)
    volgorde: int = pa.Field(unique=True, ge=at_least(1))  # the order of filters, tables and colours on every page
    provincie_code: str = pa.Field(nullable=True, str_matches=PV_CODE)  # when the region is one province
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
    gebied_type: str = pa.Field(isin=one_of(["provincie", "gemeente"]))
    gemeentecode_of_provincie: str = pa.Field(str_matches=GM_OR_PV_CODE)
    naam: str
    year: int = pa.Field(ge=at_least(2000), le=at_most(2100))
    inwoners: int = pa.Field(gt=above(0))
    zekerheid: str = pa.Field(isin=one_of(["vast", "secundair", "afgeleid", "bereik"]))
    bron: str

    class Config:
        unique = ["gemeentecode_of_provincie", "year"]


class Metrics(Strict):
    theme: str = pa.Field(str_matches=SNAKE_CASE)
    metric: str = pa.Field(str_matches=SNAKE_CASE)
    label: str
    definitie: str
    unit: str = pa.Field(isin=one_of(["aantal", "procent"]))
    soort: str = pa.Field(isin=one_of(["stroom", "stand", "volume", "percentage"]))
    vergelijkbaarheid: str = pa.Field(nullable=True)

    # A label names its figure within its theme: on Trends and Regio's vergelijken it is a tab and a link's value.
    @pa.dataframe_check(error="dubbel label: een ander cijfer van dit thema heeft hetzelfde label")
    def label_names_one_figure(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(~pl.struct("theme", "label").is_duplicated())

    class Config:
        unique = ["theme", "metric"]


class Reserves(Strict):
    """Whether a region's reserve post is free to spend (`vrij`) or earmarked by a decision such as a spending plan
    (`bestemd`), in the report's own words: only free reserves add up to what a region can fall back on."""

    region: str = pa.Field(str_matches=SNAKE_CASE)
    post: str = pa.Field(str_matches=SNAKE_CASE)
    soort: str = pa.Field(isin=one_of(["vrij", "bestemd"]))
    toelichting: str
    source_document: str

    class Config:
        unique = ["region", "post"]


class Definities(Strict):
    """How one region's report defines a figure, where regions or reports count differently: `metric` is a metric
    of metrics.csv, or for `financien` the post (`reserve_bestemd`: the earmarked reserves the Overzicht sums);
    `telwijze` names what is counted, so that two rows count alike exactly when it is equal, however they are
    worded; `citaat` is the report's own words, verbatim."""

    region: str = pa.Field(str_matches=SNAKE_CASE)
    theme: str = pa.Field(str_matches=SNAKE_CASE)
    metric: str = pa.Field(str_matches=SNAKE_CASE)
    source_document: str
    telwijze: str = pa.Field(str_matches=SNAKE_CASE)
    definitie: str
    citaat: str

    class Config:
        unique = ["region", "theme", "metric", "source_document"]


class Signaalregels(Strict):
    """When a change of a region's headline figure is a signal: `theme`, `metric` and, for a budget figure, `staat`
    name the figure (for `financien` the post, or `reserve`/`reserve_bestemd`: the free or earmarked reserves the
    Overzicht sums); a change is notable when it reaches every threshold given (relative in %, absolute) from an
    earlier figure of at least `min_base`; `good_direction` says which way is good, empty when neither; a figure
    printed approximately is taken to lie within `approximation_margin_pct` of its number."""

    rule_id: str = pa.Field(unique=True, str_matches=SNAKE_CASE)
    theme: str = pa.Field(str_matches=SNAKE_CASE)
    metric: str = pa.Field(str_matches=SNAKE_CASE)
    staat: str = pa.Field(nullable=True, isin=one_of(["begroting", "realisatie", "verschil", "stand", "mutatie"]))
    min_change_pct: float = pa.Field(nullable=True, ge=at_least(0))
    min_change: float = pa.Field(nullable=True, ge=at_least(0))
    min_base: float = pa.Field(nullable=True, ge=at_least(0))
    good_direction: str = pa.Field(nullable=True, isin=one_of(["hoger", "lager"]))
    approximation_margin_pct: float = pa.Field(ge=at_least(0), le=at_most(100))
    toelichting: str

    @pa.dataframe_check(error="geef een minimale verandering: min_change_pct, min_change of allebei")
    def has_a_threshold(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("min_change_pct").is_not_null() | pl.col("min_change").is_not_null())

    @pa.dataframe_check(error="een begrotingscijfer (theme financien) vraagt een staat; een geteld cijfer heeft er geen")
    def staat_iff_budget(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select((pl.col("theme") == "financien") == pl.col("staat").is_not_null())


class Tegenstrijdigheden(Strict):
    """Where a report contradicts itself in a way no sum can show (a figure in the text against the table, a claim
    the table refutes, one thing counted twice differently), with both places as printed. `theme`, `metric`
    (for financien: the post), `year` and, for a budget figure, `staat` name the affected figure; a claim has no
    value at its own place."""

    source_document: str
    kind: str = pa.Field(isin=one_of(["tekst_en_tabel_verschillen", "bewering_weerlegd_door_tabel", "twee_tellingen",
                                      "overig_tegenstrijdig"]))
    subject: str
    theme: str = pa.Field(str_matches=SNAKE_CASE)
    metric: str = pa.Field(str_matches=SNAKE_CASE)
    year: int = pa.Field(ge=at_least(2000), le=at_most(2100))
    staat: str = pa.Field(nullable=True, isin=one_of(["begroting", "realisatie", "stand"]))
    section_a: str
    quote_a: str
    value_a: float = pa.Field(nullable=True)
    section_b: str
    quote_b: str
    value_b: float = pa.Field(nullable=True)
    confidence: str = pa.Field(isin=one_of(["hoog", "midden", "laag"]))
    description: str

    class Config:
        unique = ["source_document", "subject"]


class Tegels(Strict):
    gemeentecode: str = pa.Field(unique=True, str_matches=GM_CODE)
    naam: str
    kolom: int = pa.Field(ge=at_least(0))
    rij: int = pa.Field(ge=at_least(0))

    class Config:
        unique = ["kolom", "rij"]


class Begrippen(Strict):
    term: str = pa.Field(unique=True)
    betekenis: str
    bron: str
