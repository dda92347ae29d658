"""Signalen: every change of a headline figure against its previous year, whether it is a signal, and why."""

import streamlit as st

from zvh.present import signalen
from zvh.present.formatting import markdown_text, theme_label
from zvh.web import ui
from zvh.web.signalen import EXPLAINED

all_years, all_themes = ui.shaped(signalen.options)
regions = ui.regions_filter(drawn=False)
ui.check_link("jaartallen", [str(y) for y in all_years], "jaar")
ui.check_link("status", list(signalen.STATUSES.values()), "soort")
ui.check_link("themas", [theme_label(t) for t in all_themes], "thema")
years = st.sidebar.multiselect("Jaren", all_years, key="jaartallen",
                               bind="query-params", placeholder="Alle jaren", select_all=False)
statuses = st.sidebar.multiselect("Status", list(signalen.STATUSES), format_func=signalen.STATUSES.get, key="status",
                                  bind="query-params", placeholder="Alle", select_all=False)
themes = st.sidebar.multiselect("Thema's", all_themes, format_func=theme_label, key="themas",
                                bind="query-params", placeholder="Alle thema's", select_all=False)
st.title("Signalen")
st.caption("Elk kerncijfer naast het vorige jaar mét dat cijfer (dat kan jaren terug liggen), met wat de signaalregel "
           "ervan vindt en waarom.")
with st.expander("Wat ‘signaal’, ‘niet vergelijkbaar’ en ‘geen signaal’ betekenen"):
    st.markdown("\n".join(f"- **{term}**: {markdown_text(text)}" for term, text in signalen.MEANINGS))
if not regions:
    ui.empty("Kies in de zijbalk ten minste één regio.")
chosen, table, documents = ui.shaped(signalen.shown, tuple(regions), tuple(years), tuple(statuses), tuple(themes))
if chosen.is_empty():
    ui.empty("Geen signalen voor deze keuze. Kies meer jaren, statussen of thema's.")
ui.table(table, "signalen", compact=["Regio", "Jaar", "Cijfer", "Status", "Toelichting", "Beoordeling"], sources=documents,
         what="Veranderingen van de kerncijfers t.o.v. het vorige jaar met het cijfer: signaal of niet, en waarom",
         meanings=signalen.MEANINGS)

# drawn only once opened: one paragraph a row (regions × years × rules), which the table's Toelichting already holds
with st.expander("Toelichting per cijfer, met beide vindplaatsen", key=EXPLAINED,
                 on_change="rerun") as box:
    for row in chosen.iter_rows(named=True) if box.open else ():
        st.markdown(f"**{markdown_text(row['region_name'])} {row['year']} · {signalen.heading(row)}** · "
                    f"{markdown_text(row['description'])}  \nBron: {markdown_text(signalen.source_text(row))}; "
                    f"vorig cijfer: {markdown_text(signalen.source_text(row, previous=True))}.")
st.caption("De regels staan in data/reference/signaalregels.csv: per cijfer de drempels (procent, aantal of bedrag, "
           "kleinste basis), de goede richting en de marge van een benadering.")
