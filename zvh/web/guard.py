"""No traceback reaches a user: an unexpected error becomes a Dutch message with a reference for the log."""

import secrets

import streamlit as st
from streamlit.logger import get_logger

LOG = get_logger("zvh")  # Streamlit's console handler: the server log
MESSAGE = "Er ging iets mis bij het tonen van deze pagina"  # tests look for this to find swallowed errors


def run(page, *, before=lambda: None) -> None:
    """Run the chosen page (after ``before``, the shared parts that read the database too); an error it does not
    explain itself is logged in full and named by a reference."""
    try:
        before()
        page.run()
    except Exception:  # Streamlit's own stop and rerun signals are BaseException and pass through
        reference = secrets.token_hex(3).upper()
        LOG.exception("Unexpected error on page %s (reference %s)", getattr(page, "title", "?"), reference)
        st.error(f"{MESSAGE}. Probeer het opnieuw of kies een andere pagina. Blijft het misgaan, geef dan "
                 f"referentie **{reference}** door aan de beheerder: daarmee vindt die de details in het serverlog.")
