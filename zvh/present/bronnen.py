"""Shape figures for the Bronnen & kwaliteit page: coverage matrix, figure look-up, findings and documents in Dutch.

No Streamlit here: these functions take the frames of the `bronnen_*` queries and return frames to show.
"""

from collections.abc import Callable

import polars as pl

from zvh.present.financien import POST_LABELS
from zvh.present.formatting import (
    FIGURE_TEXT,
    kpi_label,
    markdown_text,
    theme_label,
)

# A coverage cell's mark (the caption and the download's Toelichting give the legend): short, so that every year
# fits beside the figure's name on a 1024 px screen.
CELLS = {"gerapporteerd": "✓", "benadering": "≈", "onzeker": "?", "ontbreekt": "–"}
LEGEND = {"gerapporteerd": "staat in een verslag", "benadering": "(een deel) bij benadering, zoals ‘ruim 60’",
          "onzeker": "de tabel was niet eenduidig (2/4: twee van de vier cijfers)", "ontbreekt": "geen verslag noemt het"}
# The lookup's columns on screen first, in the order a question is answered: which figure, where printed (in view at
# 1024 px); the rest behind "Alle kolommen tonen".
LOOKUP_COMPACT = ["Waarde", "Cijfer", "Jaar", "Vindplaats (sectie › regel › kolom)", "Bron", "Regio", "Uitsplitsing",
                  "Nauwkeurigheid", "Zekerheid", "Waarom onzeker", "Tegenstrijdig in het verslag"]
# At most this many found figures on screen and in the downloads: more is no answer to a search, and would cost the
# browser seconds (every figure of the field's 25 regions is 600.000 rows).
LOOKUP_ROWS = 10_000
# The documents' counts beside their title (in view at 1024 px); the rest behind "Alle kolommen tonen".
DOCUMENTS_COMPACT = ["Titel", "Cijfers", "Onzeker", "Bij benadering", "Kwaliteitsbevindingen", "Regio",
                     "Jaren in het verslag"]
KINDS = {"som_klopt_niet": "Som klopt niet", "percentages_niet_100": "Percentages tellen niet op tot 100",
         "reserve_rolt_niet_door": "Reserve rolt niet door", "verschil_klopt_niet": "Verschil klopt niet",
         "documenten_verschillen": "Verslagen verschillen",
         "tekst_en_tabel_verschillen": "Tekst en tabel verschillen",
         "bewering_weerlegd_door_tabel": "Tabel spreekt de tekst tegen", "twee_tellingen": "Twee tellingen van één ding",
         "overig_tegenstrijdig": "Twee plaatsen spreken elkaar tegen"}
CONFIDENCE = {"hoog": "zeker tegenstrijdig", "midden": "waarschijnlijk tegenstrijdig", "laag": "mogelijk tegenstrijdig"}
QUALIFIERS = {"exact": "exact", "ongeveer": "ongeveer (benadering)", "ruim": "ruim (benadering)"}


def _cell(n: int, approximate: int, uncertain: int) -> str:
    part = lambda k: f" {k}/{n}" if n > 1 else ""  # noqa: E731 - how many of the cell's figures
    if uncertain:
        return CELLS["onzeker"] + part(uncertain)
    if approximate:
        return CELLS["benadering"] + part(approximate)
    return CELLS["gerapporteerd"]


def _selected(figures: pl.DataFrame, regions: list[str], themes: list[str]) -> pl.DataFrame:
    keep = pl.col("region").is_in(regions)
    return figures.filter(keep & pl.col("theme").is_in(themes)) if themes else figures.filter(keep)


def legend() -> str:
    """‘✓ staat in een verslag; ≈ …’: what the coverage marks mean."""
    return "; ".join(f"{CELLS[k]} {text}" for k, text in LEGEND.items())


def coverage(figures: pl.DataFrame, kinds: pl.DataFrame, regions: list[str], themes: list[str], years: list[int] = ()
             ) -> pl.DataFrame:
    """Rows region × theme × figure (every figure some region's report prints: `kinds`, query `bronnen_soorten`), a
    column per year, the newest first (all years with figures, or `years`): reported, approximate, uncertain or missing
    (`CELLS`)."""
    chosen = _selected(figures.filter(pl.col("is_preferred")), regions, themes)
    if years:
        chosen = chosen.filter(pl.col("year").is_in(years))
    if chosen.is_empty():
        return pl.DataFrame()
    years = [str(y) for y in sorted(chosen["year"].unique(), reverse=True)]
    rows = kinds.filter(pl.col("theme").is_in(themes)) if themes else kinds
    universe = rows.select("theme", "coverage_label").unique().join(
        chosen.select("region", "region_name").unique(), how="cross")
    cells = chosen.group_by("region_name", "theme", "coverage_label", "year").agg(
        n=pl.len(), approximate_count=(pl.col("qualifier") != "exact").sum(), uncertain_count=(pl.col("certainty") == "onzeker").sum()
    ).with_columns(
        cel=pl.struct("n", "approximate_count", "uncertain_count").map_elements(lambda r: _cell(*r.values()), return_dtype=pl.String),
        year=pl.col("year").cast(pl.String),
    )
    wide = cells.pivot("year", on_columns=years, index=["region_name", "theme", "coverage_label"], values="cel",
                       aggregate_function="first")
    return (
        universe.join(wide, on=["region_name", "theme", "coverage_label"], how="left")
        .with_columns(pl.col(y).fill_null(CELLS["ontbreekt"]) for y in years)
        .with_columns(pl.col("theme").map_elements(theme_label, return_dtype=pl.String))
        .sort(pl.col("region").cast(pl.Enum(regions)), "theme", "coverage_label")  # in the order of `regions`
        .rename({"region_name": "Regio", "theme": "Thema", "coverage_label": "Cijfer"})
        .select("Cijfer", *years, "Regio", "Thema")  # every year beside the figure's name, in view at 1024 px
    )


def reported_rows(matrix: pl.DataFrame) -> pl.DataFrame:
    """The rows of a `coverage` matrix with a figure in at least one of its years."""
    years = [c for c in matrix.columns if c.isdigit()]
    return matrix.filter(pl.any_horizontal(pl.col(y) != CELLS["ontbreekt"] for y in years))


def years_without_figures(figures: pl.DataFrame, regions: list[str]) -> list[int]:
    """Years between the first and last with figures for which the chosen regions have no figure at all."""
    years = set(figures.filter(pl.col("region").is_in(regions))["year"])
    return [y for y in range(min(years), max(years) + 1) if y not in years] if years else []


def coverage_tab(query: Callable[..., pl.DataFrame], regions: tuple[str, ...], themes: tuple[str, ...],
                 years: tuple[int, ...]) -> dict:
    """Dekking for the chosen regions, themes and years: the whole matrix, its rows with a figure, the years without
    any figure, and the documents behind it (for the caption and the downloads)."""
    figures = query("bronnen_cijfers", regions=list(regions))
    matrix = coverage(figures, query("bronnen_soorten"), list(regions), list(themes), list(years))
    return {"matrix": matrix, "reported": reported_rows(matrix), "gaps": years_without_figures(figures, list(regions)),
            "documents": figures.select("source_title", "source_document").unique()}


def lookup(found: pl.DataFrame, findings: pl.DataFrame) -> pl.DataFrame:
    """The figures a Vindplaats search found (query `bronnen_vindplaats`, already filtered and in order) with Dutch
    headers, and what their report says against them elsewhere (`findings`: query `bronnen_bevindingen`)."""
    against = (touching(findings, found).group_by("figure")
               .agg(pl.col("description").str.join(" ").alias("tegenstrijdig")))
    themes = {t: theme_label(t) for t in found["theme"].unique()}
    shown = found.with_row_index("figure").join(against, on="figure", how="left", maintain_order="left").with_columns(
        Thema=pl.col("theme").replace_strict(themes, return_dtype=pl.String))
    return shown.select(
        pl.col(FIGURE_TEXT).alias("Waarde"), pl.col("value").alias("Getal"), pl.col("unit").alias("Eenheid"),
        pl.col("region_name").alias("Regio"), pl.col("year").alias("Jaar"), "Thema",
        pl.col("label").alias("Cijfer"), pl.col("uitsplitsing").alias("Uitsplitsing"), pl.col("source_title").alias("Bron"),
        pl.col("source_document").alias("Document"),
        pl.col("source_locator").alias("Vindplaats (sectie › regel › kolom)"),
        pl.col("data_file").alias("Databestand"), pl.col("data_line").alias("Regel in databestand"),
        pl.col("qualifier").replace_strict(QUALIFIERS, default=pl.col("qualifier")).alias("Nauwkeurigheid"),
        pl.col("certainty").alias("Zekerheid"), pl.col("uncertainty_reason").alias("Waarom onzeker"),
        pl.col("definitie").alias("Definitie"), pl.col("vergelijkbaarheid").alias("Vergelijkbaarheid"),
        pl.col("note").alias("Opmerking"), pl.col("tegenstrijdig").alias("Tegenstrijdig in het verslag"),
        pl.when(pl.col("is_preferred")).then(pl.lit("ja")).otherwise(pl.lit("nee, ook in een nieuwer verslag"))
        .alias("Uit nieuwste verslag"),
    )


def findings(frame: pl.DataFrame, regions: list[str]) -> pl.DataFrame:
    """The data-quality findings of the chosen regions' documents, rounding differences separated from contradictions
    and each contradiction as sure as it is (a sum by rule is sure; a reader's finding says how sure)."""
    chosen = frame.filter(pl.col("region").is_in(regions) | pl.col("region").is_null())
    return chosen.select(
        pl.when(pl.col("within_rounding")).then(pl.lit("afrondingsverschil"))
        .otherwise(pl.col("confidence").fill_null("hoog").replace_strict(CONFIDENCE)).alias("Beoordeling"),
        pl.col("description").alias("Omschrijving"),
        pl.col("kind").replace_strict(KINDS, default=pl.col("kind")).alias("Soort"),
        pl.col("source_title").alias("Bron"), pl.col("source_document").alias("Document"),
        pl.col("source_section").alias("Vindplaats"), pl.col("other_place").alias("Andere vindplaats"),
        pl.col("subject").alias("Onderwerp"),
        *[pl.col(c).round(6).alias(a) for c, a in (("printed", "Gedrukt"), ("computed", "Berekend of elders gedrukt"),
                                          ("difference", "Verschil"))],
    )


def titled(text: pl.Expr, documents: pl.DataFrame) -> pl.Expr:
    """`text` with every document's file name replaced by its title (`documents`: query `bronnen_documenten`)."""
    for document, title in documents.select("source_document", "source_title").iter_rows():
        text = text.str.replace_all(document, title, literal=True)
    return text


def documents(frame: pl.DataFrame, regions: list[str]) -> pl.DataFrame:
    """The source documents of the chosen regions with their organisation and how many figures they gave."""
    return frame.filter(pl.col("region").is_in(regions)).select(
        pl.col("source_title").alias("Titel"), pl.col("organisatie").alias("Organisatie"),
        pl.col("region_name").alias("Regio"), pl.col("verslagjaar").alias("Verslagjaar"),
        pl.col("jaren").alias("Jaren in het verslag"), pl.col("source_document").alias("Bestand (tekst van het verslag)"),
        pl.col("figure_count").alias("Cijfers"), pl.col("uncertain_count").alias("Onzeker"),
        pl.col("approximate_count").alias("Bij benadering"), pl.col("finding_count").alias("Kwaliteitsbevindingen"),
    )


def definitions(frame: pl.DataFrame, regions: list[str], text: str | None) -> pl.DataFrame:
    """The chosen regions' own definitions (query `definities`), filtered on the search text, with Dutch headers."""
    shown = frame.filter(pl.col("region").is_in(regions)).with_columns(
        pl.struct("theme", "metric", "label").map_elements(
            lambda r: kpi_label(r["theme"], r["label"] or POST_LABELS.get(r["metric"], r["metric"])),
            return_dtype=pl.String).alias("Cijfer"))
    if (text or "").strip():
        haystack = pl.concat_str("Cijfer", "definitie", "citaat", "region_name", "source_title", separator=" ")
        shown = shown.filter(haystack.str.to_lowercase().str.contains(text.strip().lower(), literal=True))
    return shown.select("Cijfer", pl.col("region_name").alias("Regio"), pl.col("definitie").alias("Zo telt dit verslag"),
                        pl.col("citaat").alias("In de woorden van het verslag"), pl.col("source_title").alias("Bron"),
                        pl.col("source_document").alias("Document"))


def touching(findings: pl.DataFrame, figures: pl.DataFrame) -> pl.DataFrame:
    """The contradictions (query `bronnen_bevindingen`, rounding differences left out) beside each figure of
    `figures` they touch, the figure by its row number `figure`. A contradiction touches a figure of its region,
    theme, metric and year, printed in its document (either one, for two reports that disagree), of its staat where
    it names one; and the whole region's figure, not a municipality's or a category's."""
    numbered = figures.with_row_index("figure").filter(
        pl.all_horizontal(pl.lit(True), *[pl.col(c).is_null() for c in ("municipality", "categorie") if c in figures.columns]))
    keys = numbered.select(
        "figure", "region", "theme", "metric", pl.col("year").cast(pl.Int64),
        (pl.col("staat") if "staat" in figures.columns else pl.lit(None, pl.String)).alias("figure_staat"),
        pl.col("source_document").str.split("; ").alias("figure_document"),  # a sum of posts names each document
    ).explode("figure_document")
    return (findings.filter(~pl.col("within_rounding"))
            .join(keys, on=["region", "theme", "metric", "year"], maintain_order="right")
            .filter((pl.col("staat").is_null() | (pl.col("staat") == pl.col("figure_staat")))
                    & ((pl.col("source_document") == pl.col("figure_document"))
                       | (pl.col("kind") == "documenten_verschillen")))
            .unique(["figure", "finding_id"], maintain_order=True)
            .drop("figure_staat", "figure_document"))


def contradictions_of(findings: pl.DataFrame, figures: pl.DataFrame) -> pl.DataFrame:
    """Each contradiction that touches one of `figures` (see `touching`), once: for the page beside the figure, not
    only on Bronnen & kwaliteit."""
    return (touching(findings, figures).unique("finding_id", maintain_order=True).drop("figure")
            .sort("finding_id"))


def contradiction_head(row: dict) -> str:
    """Who contradicts whom and how sure: a sum found by rule is sure; a recorded contradiction says how sure its
    reader was."""
    sure = {"hoog": "", "midden": "waarschijnlijk ", "laag": "mogelijk "}[row["confidence"] or "hoog"]
    return (f"De verslagen spreken elkaar {sure}tegen" if row["kind"] == "documenten_verschillen"
            else f"Het verslag spreekt zichzelf {sure}tegen")


def contradiction_texts(findings: pl.DataFrame, figures: pl.DataFrame) -> list[str]:
    """A sentence for each finding that puts one of `figures` in doubt (`contradictions_of`)."""
    return [contradiction_text(row) for row in contradictions_of(findings, figures).iter_rows(named=True)]


def contradiction_text(row: dict) -> str:
    """One contradiction beside its figure, as Markdown: who contradicts whom and how sure, what, and where to read
    more."""
    return (f"**{contradiction_head(row)}:** {markdown_text(row['description'])} "
            f"Zie Bronnen & kwaliteit › Kwaliteitsbevindingen ({markdown_text(row['source_title'])}).")
