"""Entry point: page set-up, navigation and the sidebar text every page shares; pages live in views/.

Filter widgets are drawn by each page (through `zvh.ui`), so that every page keeps its own filters in
its URL and reruns only what it needs.
"""

import streamlit as st

from zvh import guard, settings

st.set_page_config(page_title="ZVH-dashboard", page_icon="📊", layout="wide")
st.sidebar.caption(
    "Cijfers uit de jaarverslagen van de Zorg- en Veiligheidshuizen Groningen en Fryslân. "
    "Elk cijfer verwijst naar het document en de tabel waar het staat."
)
pages = [
    st.Page("views/overzicht.py", title="Overzicht", default=True),
    st.Page("views/trends.py", title="Trends", url_path="trends"),
    st.Page("views/vergelijking.py", title="Groningen – Fryslân", url_path="vergelijking"),
    st.Page("views/gemeenten.py", title="Gemeenten", url_path="gemeenten"),
    st.Page("views/mensenhandel.py", title="Mensenhandel", url_path="mensenhandel"),
    st.Page("views/financien.py", title="Financiën", url_path="financien"),
    st.Page("views/bronnen.py", title="Bronnen & kwaliteit", url_path="bronnen"),
]
if settings.enabled("werkbank"):
    pages.append(st.Page("views/werkbank.py", title="SQL-werkbank", url_path="werkbank"))
if settings.enabled("aanleveren"):
    pages.append(st.Page("views/aanleveren.py", title="Gegevens aanleveren", url_path="aanleveren"))
guard.run(st.navigation(pages))
