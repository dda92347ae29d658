"""Sign-in with Streamlit's own `st.login` (OpenID Connect), and the navigation each person may use.

Sign-in is on when the secrets have an `[auth]` section (Streamlit's convention); without one the
dashboard runs for a single user on a laptop, as it always did.
"""

from collections.abc import Callable
from pathlib import Path

import streamlit as st
from streamlit import config
from streamlit.errors import StreamlitSecretNotFoundError

from zvh.present.formatting import markdown_text
from zvh.web import settings
from zvh.web.access import ANONYMOUS, LOCAL, Person, signed_in
from zvh.web.guard import LOG


def is_configured() -> bool:
    """Is sign-in on? A secrets file that exists but cannot be read closes the dashboard instead.

    Streamlit raises the same error for a missing and for a broken file; taking a broken one for "no
    sign-in" would give every visitor every right.
    """
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, StreamlitSecretNotFoundError) as error:
        if not any(Path(f).is_file() for f in config.get_option("secrets.files")):
            return False  # no secrets file at all: one user on a laptop
        LOG.error("The secrets file cannot be read, so the dashboard stays closed: %s", error)
        st.error("De inlogconfiguratie (secrets.toml) kan niet worden gelezen; daarom is het dashboard gesloten. "
                 "De beheerder vindt de fout in het serverlog.")
        st.stop()


def current() -> Person:
    """The person using this session, with the roles their ID token gives."""
    if not is_configured():
        return LOCAL
    if not st.user.is_logged_in:
        return ANONYMOUS
    return signed_in(st.user.to_dict(), settings.roles_claim())


def _provider() -> str | None:
    """None for the `[auth]` section's own provider, else the first named `[auth.NAME]` one."""
    auth = st.secrets["auth"]
    if "client_id" in auth:
        return None
    return next((name for name, value in auth.items() if hasattr(value, "keys")), None)


def login_button(key: str) -> None:
    if st.button("Inloggen", key=key, type="primary"):
        st.login(_provider())


def sidebar(person: Person) -> None:
    """Who is signed in, with a way out; or a way in."""
    if person.is_local:
        return
    if person.is_signed_in:
        roles = f" ({markdown_text(person.role_text)})" if person.roles else " (geen rollen)"
        st.sidebar.markdown(f"Ingelogd als **{markdown_text(person.identity)}**{roles}")
        if st.sidebar.button("Uitloggen", key="uitloggen"):
            st.logout()
    else:
        with st.sidebar:
            login_button("inloggen_zijbalk")


def page(path: str, title: str, url_path: str | None = None, *, allowed: bool, needs: str = "",
         default: bool = False) -> st.Page:
    """The page at `path`, or, for a person who may not use it, a hidden page at the same URL that says why."""
    if allowed:
        return st.Page(path, title=title, url_path=url_path, default=default)
    return st.Page(_refusal(title, needs), title=title, url_path=url_path, default=default, visibility="hidden")


def _refusal(title: str, needs: str) -> Callable[[], None]:
    def refuse() -> None:
        st.title(title)
        person = current()
        if not person.is_signed_in:
            st.info(f"Log in om de pagina ‘{title}’ te openen.")
            login_button("inloggen_pagina")
            return
        st.warning(f"U bent ingelogd als {markdown_text(person.identity)}, maar voor de pagina ‘{title}’ is de rol "
                   f"{needs} nodig. Moet u hier kunnen werken, vraag die rol dan aan bij wie in uw organisatie de "
                   "inlogaccounts beheert.")

    return refuse
