"""Entry point: page set-up, navigation and the sidebar text every page shares; pages live in pages/.

Filter widgets are drawn by each page (through `zvh.ui`), so that every page keeps its own filters in
its URL and reruns only what it needs.
"""

import streamlit as st

st.set_page_config(page_title="ZVH-dashboard", page_icon="📊", layout="wide")
st.sidebar.caption(
    "Cijfers uit de jaarverslagen van de Zorg- en Veiligheidshuizen Groningen en Fryslân. "
    "Elk cijfer verwijst naar het document en de tabel waar het staat."
)
st.navigation([
    st.Page("pages/overzicht.py", title="Overzicht", default=True),
]).run()
