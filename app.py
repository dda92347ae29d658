"""Entry point: page set-up, navigation and the sidebar text every page shares; pages live in views/.

Filter widgets are drawn by each page (through `zvh.web.ui`), so that every page keeps its own filters in
its URL and reruns only what it needs. Who sees which page is decided here, once (`zvh.web.signin`).
"""

import streamlit as st

from zvh.web import guard, settings, signin, ui
from zvh.web.access import AANLEVERAAR_ROLE, ANALIST, BEHEERDER

st.set_page_config(page_title="ZVH-dashboard", page_icon="📊", layout="wide")
st.html(ui.STYLE)  # visible keyboard focus, whole option names
st.sidebar.caption(
    "Cijfers uit de jaarverslagen en aanleveringen van de Zorg- en Veiligheidshuizen. "
    "Elk cijfer verwijst naar het document en de tabel waar het staat."
)
person = signin.current()
signin.sidebar(person)
reads = person.may_read(settings.open_reading())
pages = [
    signin.page("views/overzicht.py", "Overzicht", "overzicht", allowed=reads, default=True),
    signin.page("views/signalen.py", "Signalen", "signalen", allowed=reads),
    signin.page("views/trends.py", "Trends", "trends", allowed=reads),
    signin.page("views/vergelijking.py", "Regio's vergelijken", "vergelijking", allowed=reads),
    signin.page("views/gemeenten.py", "Gemeenten", "gemeenten", allowed=reads),
    signin.page("views/mensenhandel.py", "Mensenhandel", "mensenhandel", allowed=reads),
    signin.page("views/financien.py", "Financiën", "financien", allowed=reads),
    signin.page("views/bronnen.py", "Bronnen & kwaliteit", "bronnen", allowed=reads),
]
if settings.enabled("werkbank"):
    pages.append(signin.page("views/werkbank.py", "SQL-werkbank", "werkbank", allowed=reads and person.may_query,
                             needs=f"‘{ANALIST}’"))
if settings.enabled("aanleveren"):
    may_use = person.may_aanleveren or person.may_roll_back
    pages.append(signin.page("views/aanleveren.py", "Gegevens aanleveren", "aanleveren", allowed=reads and may_use,
                             needs=f"‘{AANLEVERAAR_ROLE}’ of ‘{BEHEERDER}’"))
page = st.navigation(pages)
ui.check_page_link(pages)
# the data every figure comes from, as a download's Toelichting and (later) the printed report name it
guard.run(page, before=lambda: reads and st.sidebar.caption(ui.data_version()))
