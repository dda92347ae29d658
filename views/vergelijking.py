"""Regio's vergelijken: the figures every chosen region reports, side by side, as printed or per 100.000 inhabitants."""

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from zvh.present import charts
from zvh.present.formatting import QUALIFIER_WORDS, listed, markdown_text, nl_number
from zvh.web import ui

FIRMNESS = {"vast": "definitief CBS-cijfer", "secundair": "CBS-cijfer via een secundaire bron",
            "afgeleid": "afgeleid uit CBS-cijfers", "bereik": "bronnen noemen verschillende aantallen"}
COLUMNS = {
    "year": st.column_config.NumberColumn("Jaar", format="%d"), "region_name": "Regio",
    "weergave": "Cijfer (zoals gedrukt)", "per_100000_tekst": "Per 100.000 inwoners",
    "inwoners_tekst": "Inwoners 1 januari", "inwoners_zekerheid": "Zekerheid inwonertal",
    "inwoners_bron": "Bron inwonertal", "qualifier": "Benadering", "certainty": "Zekerheid",
    "uncertainty_reason": "Waarom onzeker", "source_title": "Bron", "source_document": "Document",
    "source_locator": "Vindplaats in het verslag",
    # Plain numbers for the downloads only; the table shows them as Dutch text.
    "value": None, "per_100000": None, "inwoners": None,
}


def per_100000_text(row: dict) -> str | None:
    if row["per_100000"] is None:
        return None
    return QUALIFIER_WORDS.get(row["qualifier"], "") + nl_number(row["per_100000"], 1)


names = ui.regions()
regions = ui.regions_filter()
if len(regions) < 2:
    ui.empty("Kies links ten minste twee regio's om te vergelijken.")
chosen, every = listed(names[r] for r in regions), "allebei" if len(regions) == 2 else "alle"
facts = ui.query("vergelijking_reeks", regions=regions)
if facts.is_empty():
    ui.empty(f"Er is nog geen cijfer dat {markdown_text(chosen)} {every} rapporteren.")
year_from, year_to = ui.year_range_filter(int(facts["year"].min()), int(facts["year"].max()))
per_capita = st.sidebar.toggle("Per 100.000 inwoners", key="per_inwoners", bind="query-params",
                               help="Deel elk cijfer door het aantal inwoners van de provincie op 1 januari van dat jaar.")

st.title("Regio's vergelijken")
st.caption(f"Alleen de kerncijfers die {markdown_text(chosen)} {every} in hun jaarverslagen noemen (in welk jaar dan ook). "
           "Een ontbrekende "
           "staaf betekent: dat jaar staat het cijfer niet in het verslag. ‘Ruim’/‘ongeveer’: het verslag noemt het "
           "cijfer bij benadering; ‘(onzeker)’: de tabel in het verslag was niet eenduidig.")
if per_capita:
    st.caption("Per 100.000 inwoners = cijfer ÷ inwoners van de provincie op 1 januari van dat jaar × 100.000. "
               "Waar het inwonertal van een jaar ontbreekt, ontbreekt ook het cijfer per inwoner: er wordt niets "
               "geschat.")

rows = facts.filter(pl.col("year").is_between(year_from, year_to))
if rows.is_empty():
    which = "beide" if len(regions) == 2 else "de gekozen"
    ui.empty(f"In {year_from}–{year_to} noemt geen van {which} regio's een van deze cijfers. Kies andere jaren.")
unsure = pl.when(pl.col("certainty") == "onzeker").then(pl.lit(" (onzeker)")).otherwise(pl.lit(""))
rows = ui.with_display_value(rows).with_columns(
    per_100000_tekst=pl.struct("per_100000", "qualifier").map_elements(per_100000_text, return_dtype=pl.String),
    inwoners_tekst=pl.col("inwoners").map_elements(nl_number, return_dtype=pl.String),
    inwoners_zekerheid=pl.col("inwoners_zekerheid").replace_strict(FIRMNESS, default=pl.col("inwoners_zekerheid")),
).with_columns(label_absoluut=pl.col("weergave") + unsure, label_per_inwoner=pl.col("per_100000_tekst") + unsure)
y, text = ("per_100000", "label_per_inwoner") if per_capita else ("value", "label_absoluut")


def hide_empty_series(fig: go.Figure) -> None:
    """Keep a region without figures out of the legend (its empty series only holds its colour's place)."""
    for trace in fig.data:
        if all(v is None for v in trace.y):
            trace.showlegend = False


@st.cache_resource(show_spinner=False, max_entries=128)  # building a figure costs ~40 ms; it is only read afterwards
def figure(part: pl.DataFrame, y: str, text: str, chosen: tuple[str, ...], everyone: tuple[str, ...]) -> go.Figure:
    """Bars per year, the chosen regions side by side, each labelled with its Dutch value and in its own colour (its
    place among `everyone`); a missing population is written in."""
    # A row for every chosen region in every year with a figure (null when not reported): each keeps its place,
    # and the years are categories, so two far-apart years do not make the bars years wide.
    years = pl.DataFrame({"year": sorted(part["year"].unique().to_list())}, schema={"year": pl.Int32})
    grid = pl.DataFrame({"region_name": list(chosen)}).join(years, how="cross")
    part = grid.join(part, on=["region_name", "year"], how="left").with_columns(pl.col("year").cast(pl.String))
    fig = charts.bars(part, x="year", y=y, series="region_name", hover=text, regions=everyone)  # a null: no bar
    fig.update_traces(textposition="outside", cliponaxis=False, constraintext="none")
    hide_empty_series(fig)
    gaps = (part.filter(pl.col(y).is_null() & pl.col("value").is_not_null())
            .group_by("year", maintain_order=True).agg(pl.col("region_name")))
    if gaps.height:
        fig.add_trace(go.Scatter(
            x=gaps["year"].to_list(), y=[0] * gaps.height, mode="text", showlegend=False, hoverinfo="skip",
            text=["geen inwonertal<br>" + listed(lacking) for lacking in gaps["region_name"].to_list()],
            textposition="top center", textfont=dict(color="#1f1f1f", size=12),
        ))
    charts.style(fig, y_title="Per 100.000 inwoners" if y == "per_100000" else "Aantal")
    fig.update_layout(showlegend=True)
    if y == "per_100000":
        fig.update_yaxes(tickformat=",.1~f")
    return fig


for (kpi,), part in rows.group_by("kpi", maintain_order=True):
    part = part.sort("year", pl.col("region").cast(pl.Enum(list(names))))
    info = part.row(0, named=True)
    st.subheader(markdown_text(info["label"]))
    chart_column, note_column = st.columns([3, 2])
    with note_column:
        if info["definitie"]:
            st.markdown(f"**Wat telt mee:** {markdown_text(info['definitie'])}")
        note = info["vergelijkbaarheid"]
        differing = [names[r] for r in regions if note and names[r] in note]  # the note names who counts how
        if len(differing) > 1:
            st.warning(f"**{markdown_text(listed(differing))} tellen dit niet op dezelfde manier.** {markdown_text(note)}")
        elif note:
            st.warning(f"**Let op bij vergelijken:** {markdown_text(note)}")
        if per_capita:
            lacking = part.filter(pl.col("inwoners").is_null()).group_by("region_name", maintain_order=True).agg("year")
            for name, missing in lacking.iter_rows():
                st.info(f"Geen inwonertal van {name} voor {listed(sorted(missing))}: daar staat geen cijfer per "
                        "100.000 inwoners.")
            used = part.filter(pl.col("inwoners").is_not_null()).select("inwoners_bron", "inwoners_zekerheid").unique()
            if used.height:
                st.caption("Inwoners op 1 januari: "
                           + "; ".join(f"{markdown_text(b)} ({markdown_text(z)})"
                                       for b, z in used.sort("inwoners_bron").iter_rows()) + ".")
    with chart_column:
        extra = ["per_100000_tekst", "inwoners_tekst", "inwoners_zekerheid", "inwoners_bron", "per_100000",
                 "inwoners"] if per_capita else []
        shown = part.select("year", "region_name", "weergave", *extra, "qualifier", "certainty", "uncertainty_reason",
                            "value", "source_title", "source_document", "source_locator")
        summary = "; ".join(f"{n} {v}: {t or 'geen cijfer'}"
                            for n, v, t in part.select("region_name", "year", text).iter_rows())
        order = tuple(names[r] for r in regions)
        fig = figure(part.select(*dict.fromkeys(["region_name", "year", "value", y, text])), y, text, order,
                     tuple(names.values()))
        ui.chart(fig, shown, f"vergelijking_{kpi.replace('.', '_')}_{'per_100000' if per_capita else 'absoluut'}",
                 alt=f"Staafdiagram {info['label']}{' per 100.000 inwoners' if per_capita else ''}, "
                     f"{listed(order)} naast elkaar. {summary}.", key=f"grafiek_{kpi}", column_config=COLUMNS)
