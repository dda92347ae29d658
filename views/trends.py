"""Trends: how chosen headline figures of the regions develop over the years; a year without a figure is a gap."""

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from zvh.present import charts
from zvh.present.formatting import listed, markdown_text
from zvh.web import ui

DEFAULT_KPIS = ["mensenhandel.signalen", "maatwerk.nieuwe_aanmeldingen"]
CHART_KINDS = {"lijn": "Lijnen", "staaf": "Staven"}
UNIT_TITLES = {"aantal": "Aantal", "procent": "Procent"}
COLUMNS = {
    "year": st.column_config.NumberColumn("Jaar", format="%d"), "region_name": "Regio", "weergave": "Cijfer",
    "qualifier": "Benadering", "certainty": "Zekerheid", "uncertainty_reason": "Waarom onzeker", "unit": "Eenheid",
    "source_title": "Bron", "source_document": "Document", "source_locator": "Vindplaats in het verslag",
    "value": None,  # the plain number, for the downloads; the table shows it as Dutch text
}

catalogue = ui.query("trends_cijfers")
if catalogue.is_empty():
    ui.empty("Er zijn nog geen kerncijfers geladen.")
meta = {row["kpi"]: row for row in catalogue.iter_rows(named=True)}


def kpi_label(kpi: str) -> str:
    return f"{meta[kpi]['theme'].replace('_', ' ').capitalize()}: {meta[kpi]['label']}"


ui.check_link("cijfers", [kpi_label(k) for k in meta], "cijfer")
kpis = st.sidebar.multiselect("Cijfers", list(meta), default=[k for k in DEFAULT_KPIS if k in meta],
                              format_func=kpi_label, key="cijfers", bind="query-params",
                              placeholder="Kies een of meer cijfers", select_all=False,
                              max_selections=8)  # each figure is a chart: keep the page quick and readable
names = ui.regions()
regions = ui.regions_filter()
year_from, year_to = ui.year_range_filter(int(catalogue["first_year"].min()), int(catalogue["last_year"].max()))
# A horizontal radio rather than st.segmented_control: its selected button fails WCAG contrast (axe, 1.67).
kind = st.sidebar.radio("Grafiek", list(CHART_KINDS), format_func=CHART_KINDS.get, horizontal=True,
                        key="grafiek", bind="query-params")

st.title("Trends")
st.caption("Kerncijfers per jaar zoals de jaarverslagen ze noemen, voor de hele regio. Een jaar zonder cijfer is een "
           "onderbreking, geen nul. Open symbool of ‘ruim’/‘ongeveer’: het verslag noemt het cijfer bij benadering. "
           "Omcirkeld of ‘(onzeker)’: de tabel in het verslag was niet eenduidig; de reden staat in de tabel.")
if not kpis:
    ui.empty("Kies links ten minste één cijfer om de ontwikkeling te zien.")
if not regions:
    ui.empty("Kies links ten minste één regio.")

rows = ui.query("trends_reeks", metrics=kpis, regions=regions, year_from=year_from, year_to=year_to)
if rows.is_empty():
    ui.empty(f"Voor deze keuze staan in {year_from}–{year_to} geen cijfers in de jaarverslagen. "
             "Kies andere jaren of andere cijfers.")
rows = ui.with_display_value(rows).with_columns(
    approximate=pl.col("qualifier") != "exact",
    hover=pl.col("weergave")
    + pl.when(pl.col("certainty") == "onzeker").then(pl.lit(" (onzeker)")).otherwise(pl.lit("")),
)


@st.cache_resource(show_spinner=False, max_entries=256)  # building a figure costs ~40 ms; it is only read afterwards
def figure(part: pl.DataFrame, unit: str, kind: str, year_from: int, year_to: int,
           regions: tuple[str, ...]) -> go.Figure:
    """Lines (gaps for missing years) or grouped bars with their value printed on top, one series per region.

    Every year of the range keeps its place on the axis; `zvh.present.charts` gives each region its own style by name.
    """
    years = list(range(year_from, year_to + 1))
    if kind == "staaf":
        fig = charts.bars(part.with_columns(pl.col("year").cast(pl.String)), x="year", y="value",
                          series="region_name", hover="hover", years=[str(y) for y in years], regions=regions)
        fig.update_traces(textposition="outside", cliponaxis=False, constraintext="none")
    else:
        fig = charts.lines(part, x="year", y="value", series="region_name", hover="hover", approximate="approximate",
                           years=years, regions=regions)
        if part["approximate"].any():  # explain the hollow symbols in the legend itself
            fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name="Bij benadering (open symbool)",
                                     marker=dict(symbol="circle-open", size=10, color="#1f1f1f", line=dict(width=2))))
        unsure = part.filter(pl.col("certainty") == "onzeker")
        if unsure.height:  # a black ring around uncertain points, with its own legend entry
            fig.add_trace(go.Scatter(
                x=unsure["year"].to_list(), y=unsure["value"].to_list(), mode="markers", name="Onzeker cijfer",
                marker=dict(symbol="circle-open", size=24, color="#1f1f1f", line=dict(width=2)),
                text=unsure["uncertainty_reason"].to_list(), hovertemplate="Onzeker: %{text}<extra></extra>",
            ))
        fig.update_xaxes(tickmode="array", tickvals=years, ticktext=[str(y) for y in years],
                         range=[year_from - 0.5, year_to + 0.5])
    charts.style(fig, y_title=UNIT_TITLES.get(unit, unit))
    fig.update_layout(showlegend=True)
    if unit == "procent":
        fig.update_yaxes(ticksuffix="%")
    return fig


def alt_text(label: str, part: pl.DataFrame) -> str:
    series = "; ".join(
        f"{name}: " + ", ".join(f"{y} {t}" for y, t in zip(p["year"], p["hover"]))
        for (name,), p in part.group_by("region_name", maintain_order=True)
    )
    return f"{CHART_KINDS[kind]} van {label} per jaar, {year_from}–{year_to}. {series}."


for kpi in kpis:
    info = meta[kpi]
    st.subheader(markdown_text(kpi_label(kpi)))
    if info["definitie"]:
        st.caption(markdown_text(info["definitie"]))
    if len(regions) > 1 and info["vergelijkbaarheid"]:
        st.markdown(f"**Let op bij vergelijken:** {markdown_text(info['vergelijkbaarheid'])}")
    part = rows.filter(pl.col("kpi") == kpi).sort("year", pl.col("region").cast(pl.Enum(list(names))))
    if part.is_empty():
        st.info(f"Geen cijfer voor ‘{markdown_text(info['label'])}’ in {year_from}–{year_to} in de gekozen regio's.")
        continue
    silent = [names[r] for r in regions if r not in part["region"].to_list()]
    if silent:
        st.caption(f"{listed(silent)} {'noemen' if len(silent) > 1 else 'noemt'} dit cijfer niet in "
                   f"{year_from}–{year_to}.")
    shown = part.select("year", "region_name", "weergave", "qualifier", "certainty", "uncertainty_reason",
                        "value", "unit", "source_title", "source_document", "source_locator")
    fig = figure(part.select("region_name", "year", "value", "hover", "approximate", "certainty", "uncertainty_reason"),
                 info["unit"] or part["unit"][0], kind, year_from, year_to, tuple(names.values()))
    ui.chart(fig, shown, f"trends_{kpi.replace('.', '_')}_{year_from}_{year_to}", alt=alt_text(info["label"], part),
             key=f"grafiek_{kpi}", column_config=COLUMNS)
