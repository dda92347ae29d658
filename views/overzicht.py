"""Overzicht: the stuurgroep's headline figures for one region and year, each with its trend and source."""

import streamlit as st

from zvh.present import overzicht as kpis
from zvh.present.formatting import markdown_table
from zvh.report.pdf import render
from zvh.web import signalen, ui

names = ui.regions()
region = ui.region_filter()
series = ui.query("overzicht_reeks", region=region, kpis=kpis.COUNTED)
if not (years := kpis.years(series)):
    st.title(f"Overzicht {names[region]}")
    ui.empty(f"Voor {names[region]} zijn nog geen kerncijfers geladen (en dus is er geen stuurgroeprapportage).")
year = ui.year_choice("Jaar", years, "jaar")
st.title(f"Overzicht {names[region]} {year}")
database = ui.database()  # read while drawing; the PDF is made only when clicked
st.download_button("Stuurgroeprapportage (PDF)", lambda: render(database, region, year), key="rapport_pdf",
                   file_name=f"stuurgroeprapportage_{region}_{year}.pdf", mime="application/pdf", on_click="ignore",
                   help="Eén A4-rapport voor de stuurgroep: deze kerncijfers met hun verandering en bron, de signalen, "
                        "begroting en realisatie en de datakwaliteit, met de gegevensversie op elke pagina.")
tiles, trends, table, signals = ui.shaped(kpis.headline, region, year)
signalen.wat_valt_op(signals, region, names[region], year)

columns = st.columns(2)  # two wide tiles: "ongeveer € 228.000" and its "(benadering)" label stay whole
for i, (tile, trend) in enumerate(zip(tiles, trends)):
    box = columns[i % 2].container(border=True)
    box.metric(tile.label, tile.value, delta=tile.delta or "geen eerder jaar met dit cijfer", delta_color="off",
               delta_arrow="auto" if tile.delta and tile.is_comparable else "off", help=tile.help)
    for caption in tile.captions:  # visible, not only behind the help icon
        box.caption(caption)
    # The trend up to the chosen year on a real year axis (st.metric's own sparkline spaces points evenly).
    if trend:
        box.markdown(trend)
if not tiles:
    ui.empty(f"{names[region]} rapporteerde over {year} geen van de kerncijfers van dit overzicht. "
             "Kies een ander jaar of bekijk de pagina Bronnen & kwaliteit.")

st.caption(
    "Veranderingen zijn berekend ten opzichte van het vorige jaar mét gegevens; ligt dat jaar verder terug, dan "
    "staat erbij hoeveel. Het lijntje loopt over de jaren tot en met dit jaar: een onderbreking betekent dat "
    "er over die jaren geen cijfer is; een open rondje is een benadering of onzeker cijfer. ‘Benadering’: het "
    "verslag noemt het cijfer bij benadering (bijvoorbeeld ‘ruim 500’). ‘Onzeker’: de tabel in het verslag was niet "
    "eenduidig. Klik of beweeg over het vraagteken bij een cijfer voor definitie en vindplaats; de tabel hieronder "
    "geeft de vindplaats van elk cijfer."
)
# A plain table, not st.dataframe: the data grid is 1,2 MB of script that the browser would parse before it paints
# the tiles above (bench/browser_bench.py); a dozen rows need no sorting or scrolling.
st.markdown(markdown_table(table.drop(kpis.COUNT, kpis.AMOUNT, "qualifier", "certainty")))
st.caption(ui.sources_caption(series.filter(series["year"] == year)))
ui.downloads(table, f"overzicht_{region}_{year}", what=f"Kerncijfers van {names[region]} over {year}, met vindplaats en bron",
             meanings=[meaning for tile in tiles for meaning in tile.meanings])
