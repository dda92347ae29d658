"""Shape budget figures for the Financiën page: Dutch labels, amounts as text, lines in the report's order.

No Streamlit here: these functions take the frames of the `financien_*` queries and return frames to show.
"""

import plotly.graph_objects as go
import polars as pl

from zvh.present import charts, definities
from zvh.present.formatting import FIGURE_TEXT, figure_text, figure_text_column, nl_value

STATEN = {"begroting": "Begroting", "realisatie": "Realisatie", "verschil": "Verschil", "stand": "Stand 31 december",
          "mutatie": "Mutatie"}
ONDERDELEN = {"lasten": "Lasten", "baten": "Baten", "resultaat": "Resultaat", "reserve": "Reserve"}
# Structural lines get a plain name; every other line keeps its label as printed in the report.
POST_LABELS = {"totaal_lasten": "Totaal lasten", "totaal_baten": "Totaal baten", "resultaat": "Resultaat (saldo)",
               "reserve": "Reserve", "reserve_restantbudget": "Restantbudget",
               "reserve_oggz": "Restantbudget regionale bijdrage OGGZ", "reserve_pok_2021": "Rijksbijdrage 2021 POK",
               "reserve_bestemd": "Bestemde reserves"}  # the last: the Overzicht's sum (reference/definities.csv)
THOUSANDS_NOTE = ("Bedragen over {years} staan in het jaarverslag in duizenden euro's (‘Bedragen x €1000,-’); "
                  "hier zijn ze omgerekend naar euro's en dus afgerond op duizendtallen.")


# The general meaning of the posts a download adds up or compares (the metric dictionary describes counted figures);
# where a report counts its own way, reference/definities.csv says how (`meanings` adds it).
POST_MEANINGS = {
    "totaal_lasten": ("Totale lasten", "De lasten van het jaar samen, zoals begroot of gerealiseerd."),
    "totaal_baten": ("Totale baten", "De baten van het jaar samen (de bijdragen van de financiers), zoals begroot of "
                                     "gerealiseerd."),
    "resultaat": ("Resultaat", None), "reserve": ("Vrije reserves", None), "reserve_bestemd": ("Bestemde reserves", None),
}
SHARE_MEANING = ("Definitie: Aandeel", "Het bedrag van een regel als deel van de som van de onderliggende regels (zonder "
                 "totalen en subtotalen), in procenten; berekend door het dashboard, niet gedrukt in het verslag.")
FINANCIER_MEANING = ("Definitie: Baten per financier", "De baten van één financier in een jaar: het subtotaal zoals het "
                     "verslag het drukt, anders de som van de regels van die financier onder het totaal baten.")


def meanings(definitions: pl.DataFrame, figures: pl.DataFrame, posts: list[str]) -> list[tuple[str, str]]:
    """The definitions of `posts` for a download's Toelichting: the general one and each report's own (query
    `definities`) for the reports the `figures` come from (their source_document)."""
    return [meaning for post in posts for meaning in definities.about(
        *POST_MEANINGS[post], definities.of_figures(definitions, figures, "financien", post))]


def composition_meanings(definitions: pl.DataFrame, lines: pl.DataFrame, onderdeel: str) -> list[tuple[str, str]]:
    """What the composition of the lasten or baten shows: its total's definitions and how the share is reckoned."""
    return [*meanings(definitions, lines, [f"totaal_{onderdeel}"]), SHARE_MEANING]


def financier_meanings(definitions: pl.DataFrame, funding: pl.DataFrame, notes: pl.DataFrame) -> list[tuple[str, str]]:
    """The baten per financier: how they are reckoned, the total's definitions and who each financier is (`notes`:
    the financiers' `financier_naam` and `financier_note`, reference/financiers.csv)."""
    shown = (notes.filter(pl.col("financier_naam").is_in(funding["financier"].implode()))
             .select("financier_naam", "financier_note").drop_nulls().unique(maintain_order=True))
    return [FINANCIER_MEANING, *meanings(definitions, funding, ["totaal_baten"]),
            *((f"Financier: {n}", note) for n, note in shown.iter_rows())]


def money(value: float | None, qualifier: str | None = "exact", uncertain: bool | None = False) -> str:
    """An amount as Dutch text with its qualifier ("ongeveer € 64.000"), "(onzeker)" when uncertain, "" when absent."""
    return figure_text(value, "euro", qualifier, "onzeker" if uncertain else "zeker") or ""


def line_bars(frame: pl.DataFrame, *, hover: str, series: str | None = None) -> go.Figure:
    """Horizontal bars of budget lines (`regel`, `bedrag_eur`) in the report's order, top to bottom."""
    fig = charts.bars(frame, x="regel", y="bedrag_eur", series=series, hover=hover, horizontal=True)
    fig = charts.style(fig, height=120 + 24 * frame["regel"].n_unique())
    order = frame["regel"].unique(maintain_order=True).to_list()  # a line missing from one staat keeps its place
    fig.update_yaxes(categoryorder="array", categoryarray=order, autorange="reversed", title_text="")
    fig.update_xaxes(tickformat=",.0f", title_text="Bedrag (€)")
    return fig


def _kind(row: dict) -> str:
    if row["is_total"] or (row["post"].startswith("totaal_") and not row["is_subtotal"]):
        return "Totaal"
    if row["is_subtotal"]:
        return "Subtotaal"
    return "Regel" if row["is_detail"] else "Los vermeld"


LINE_COLUMNS = {"Begroting (euro)": None, "Realisatie (euro)": None, "Realisatie − begroting (euro)": None,
                "Verschil zoals gedrukt (euro)": None}
# What a 1024 px screen shows of the lines first: the amounts (the rest behind "Alle kolommen tonen").
LINE_COMPACT = ["Regel", "Begroting", "Realisatie", "Realisatie − begroting", "Verschil zoals gedrukt",
                "Toelichting"]


def line_table(lines: pl.DataFrame) -> pl.DataFrame:
    """One row per line in the report's order: begroting, realisatie, realisatie − begroting, verschil as printed;
    then what kind of line it is and where it is printed and stored."""
    rows = []
    for r in lines.iter_rows(named=True):
        kind = _kind(r)
        label = POST_LABELS.get(r["post"], r["label"])
        both = r["begroting"] is not None and r["realisatie"] is not None
        approx = any(r[f"{s}_qualifier"] not in (None, "exact") for s in ("begroting", "realisatie"))
        remarks = [w for w, on in (("gedrukt in duizenden euro's", r["is_in_thousands"]),
                                   (f"onzeker: {r['uncertainty_reason']}", r["uncertainty_reason"])) if on]
        rows.append({
            "Regel": ("Σ " if kind in ("Totaal", "Subtotaal") else "") + label,
            "Begroting": money(r["begroting"], r["begroting_qualifier"], r["is_begroting_uncertain"]),
            "Realisatie": money(r["realisatie"], r["realisatie_qualifier"], r["is_realisatie_uncertain"]),
            "Realisatie − begroting": money(
                r["realisatie"] - r["begroting"] if both else None, "ongeveer" if approx else "exact",
                bool(r["is_begroting_uncertain"] or r["is_realisatie_uncertain"])),
            "Verschil zoals gedrukt": money(r["verschil_gedrukt"], r["verschil_qualifier"], r["is_verschil_uncertain"]),
            "Toelichting": "; ".join(remarks),
            "Soort regel": kind,
            "Onderdeel": ONDERDELEN.get(r["onderdeel"], r["onderdeel"]),
            "Financier": r["financier_naam"] or "",
            "Gedrukt als": r["label"],
            "Databestand en regel": r["data_lines"],
            "source_title": r["source_title"],
            "source_document": r["source_document"],
            # the amounts as numbers, for the downloads (hidden on screen by LINE_COLUMNS)
            "Begroting (euro)": r["begroting"], "Realisatie (euro)": r["realisatie"],
            "Realisatie − begroting (euro)": r["realisatie"] - r["begroting"] if both else None,
            "Verschil zoals gedrukt (euro)": r["verschil_gedrukt"],
        })
    numbers = {"Begroting (euro)", "Realisatie (euro)", "Realisatie − begroting (euro)", "Verschil zoals gedrukt (euro)"}
    return pl.DataFrame(rows, schema={k: pl.Float64 if k in numbers else pl.String for k in rows[0]} if rows else None)


def comparison_bars(lines: pl.DataFrame) -> pl.DataFrame:
    """Long frame for the begroting/realisatie bar chart: the lines under the totals, one row per line and staat."""
    parts = lines.filter(pl.col("is_detail"))
    rows = []
    for r in parts.iter_rows(named=True):
        for staat in ("begroting", "realisatie"):
            if r[staat] is not None:
                label = POST_LABELS.get(r["post"], r["label"])
                who = r["financier_naam"]
                text = money(r[staat], r[f"{staat}_qualifier"], r[f"is_{staat}_uncertain"])
                rows.append({"regel": f"{label} ({who})" if who else label, "staat": STATEN[staat],
                             "bedrag_eur": r[staat], "cijfer": text,
                             "source_title": r["source_title"], "source_document": r["source_document"]})
    return pl.DataFrame(rows) if rows else pl.DataFrame()


def composition(lines: pl.DataFrame, onderdeel: str, staat: str) -> pl.DataFrame:
    """Detail lines of lasten or baten (no totals) with their share of the sum of the detail lines."""
    parts = lines.filter(pl.col("is_detail") & (pl.col("onderdeel") == onderdeel) & pl.col(staat).is_not_null())
    if parts.is_empty():
        return pl.DataFrame()
    total = parts[staat].sum()
    return parts.select(
        pl.struct("post", "label", "financier_naam").map_elements(
            lambda r: POST_LABELS.get(r["post"], r["label"])
            + (f" ({r['financier_naam']})" if r["financier_naam"] else ""), return_dtype=pl.String).alias("regel"),
        pl.col(staat).alias("bedrag_eur"),
        pl.struct(staat, f"{staat}_qualifier", f"is_{staat}_uncertain").map_elements(
            lambda r: money(*r.values()), return_dtype=pl.String).alias("cijfer"),
        (pl.col(staat) / total * 100).round(1).alias("aandeel_procent") if total else pl.lit(None).alias("aandeel_procent"),
        "source_title", "source_document",
    ).with_columns(
        aandeel=pl.col("aandeel_procent").map_elements(lambda p: nl_value(p, "procent"), return_dtype=pl.String),
    ).with_columns(hover=pl.format("{} ({})", "cijfer", "aandeel"))


def _subtotal_remark(r: dict) -> str:
    printed, details = r["printed_subtotal"], r["detail_sum"]
    if printed is None or details is None or abs(printed - details) <= 1:  # a euro of rounding is no contradiction
        return ""
    return f"Het verslag drukt {money(printed)}; de regels eronder tellen op tot {money(details)}."


def financier_frame(frame: pl.DataFrame, staat: str) -> pl.DataFrame:
    """Funding per financier and year for one staat, labelled in Dutch, with a remark where detail lines disagree."""
    rows = frame.filter(pl.col("staat") == staat)
    return rows.select(
        pl.col("year").alias("jaar"),
        pl.col("financier_naam").alias("financier"),
        pl.col("value").alias("bedrag_eur"),
        pl.struct("value", "qualifier", "is_uncertain").map_elements(
            lambda r: money(*r.values()), return_dtype=pl.String).alias("cijfer"),
        pl.struct("printed_subtotal", "detail_sum").map_elements(_subtotal_remark, return_dtype=pl.String)
        .alias("toelichting"),
        "is_in_thousands", "source_title", "source_document",
    )


def with_money(frame: pl.DataFrame) -> pl.DataFrame:
    """Add the amount's Dutch text (`cijfer`) with its qualifier and "(onzeker)" where uncertain."""
    return frame.with_columns(figure_text_column(unit=pl.lit("euro")))


def reserve_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """Result and reserve figures with a Dutch series name ("Resultaat (realisatie)", "Reserve: stand 31 december",
    "Rijksbijdrage 2021 POK (bestemd): stand 31 december")."""
    return with_money(frame).with_columns(
        reeks=pl.when(pl.col("onderdeel") == "resultaat").then(pl.format("Resultaat ({})", pl.col("staat")))
        .otherwise(pl.format("{}{}: {}", pl.col("post").replace_strict(POST_LABELS, default=pl.col("source_label")),
                             pl.when(pl.col("soort") == "bestemd").then(pl.lit(" (bestemd)")).otherwise(pl.lit("")),
                             pl.col("staat").replace_strict(STATEN).str.to_lowercase())),
        is_approximate=pl.col("qualifier") != "exact",
    )


def totals_table(totals: pl.DataFrame, regions: list[str]) -> pl.DataFrame:
    """One row per region, year and total (Totaal lasten, Totaal baten; regions by name in the pages' order):
    begroting and realisatie as shown ("–" where not printed), and as numbers in euros for the downloads
    (`TOTALS_COLUMNS` hides those on screen). A total per row, not four amounts side by side: those do not fit a
    1024 px screen."""
    named = (totals if "cijfer" in totals.columns else with_money(totals)).with_columns(
        Totaal=pl.col("post").replace_strict(POST_LABELS))
    index, staten = ["region_name", "year", "Totaal"], ["begroting", "realisatie"]
    wide = named.pivot("staat", on_columns=staten, index=index, values="cijfer", aggregate_function="first")
    amounts = named.pivot("staat", on_columns=staten, index=index, values="value", aggregate_function="first")
    sources = named.group_by(index).agg(
        pl.col("source_title").unique().sort().str.join("; "), pl.col("source_document").unique().sort().str.join("; "))
    return (wide.select(*index, *[pl.col(s).fill_null("–").alias(STATEN[s]) for s in staten])
            .join(amounts.select(*index, *[pl.col(s).alias(f"{STATEN[s]} (euro)") for s in staten]), on=index)
            .join(sources, on=index)
            .sort(pl.col("region_name").cast(pl.Enum(regions)), "year",
                  pl.col("Totaal").cast(pl.Enum([POST_LABELS["totaal_lasten"], POST_LABELS["totaal_baten"]])))
            .rename({"region_name": "Regio", "year": "Jaar"}))


TOTALS_COLUMNS = {"Begroting (euro)": None, "Realisatie (euro)": None}


def thousands_note(*frames: pl.DataFrame, year: str = "year") -> str | None:
    """Say which years were printed in thousands of euros, if any of the frames has such rows."""
    years = sorted({y for f in frames if not f.is_empty() and "is_in_thousands" in f.columns
                    for y in f.filter(pl.col("is_in_thousands").fill_null(False))[year].to_list()})
    return THOUSANDS_NOTE.format(years=" en ".join(str(y) for y in years)) if years else None


def funding_figure(funding: pl.DataFrame) -> go.Figure:
    """Baten per financier and year (`financier_frame`), a bar per financier."""
    fig = charts.style(charts.bars(funding, x="jaar", y="bedrag_eur", series="financier", hover=FIGURE_TEXT), y_title="€")
    return fig.update_xaxes(dtick=1)


def reserves_figure(money: pl.DataFrame, years: list[int]) -> go.Figure:
    """Resultaat (realisatie) and the reserves' stand per year (`reserve_frame`), a line per series over `years`."""
    shown = money.filter(pl.col("staat").is_in(["realisatie", "stand"]))
    fig = charts.lines(shown, x="year", y="value", series="reeks", hover=FIGURE_TEXT, approximate="is_approximate",
                       years=list(range(min(years), max(years) + 1)))
    return charts.style(fig, y_title="€").update_xaxes(dtick=1)


def totals_figure(lasten: pl.DataFrame, regions: list[str]) -> go.Figure:
    """Totale lasten per year of every region in its own colour; hatched bars are the begroting."""
    fig = charts.region_bars(lasten, x="year", y="value", region="region_name", kind="staat",
                             kinds=["begroting", "realisatie"], regions=regions, hover=FIGURE_TEXT)
    return charts.style(fig, y_title="Totaal lasten (€)").update_xaxes(dtick=1)
