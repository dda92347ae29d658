"""The one module that joins Streamlit to the core: cached connection, cached queries, shared filters."""

from pathlib import Path

import polars as pl
import streamlit as st

from zvh import sql
from zvh.db import ensure_database, open_readonly
from zvh.paths import default_db

REGIONS = {"groningen": "Groningen", "fryslan": "Fryslân"}


@st.cache_resource(show_spinner="Database openen…")
def _connection(path: str):
    return open_readonly(ensure_database(Path(path)))


def db_path() -> str:
    return str(default_db())


@st.cache_data(show_spinner=False, max_entries=256)
def _cached(path: str, name: str, params: tuple) -> pl.DataFrame:
    cursor = _connection(path).cursor()  # a cursor per call: sessions run in parallel threads
    try:
        return sql.run(cursor, name, **dict(params))
    finally:
        cursor.close()


def query(name: str, **params) -> pl.DataFrame:
    """Run a named query against the app's database, cached on its parameters."""
    return _cached(db_path(), name, tuple(sorted(params.items())))


def region_filter() -> str:
    """Sidebar choice of region, kept in the URL as `regio`."""
    return st.sidebar.selectbox(
        "Regio", list(REGIONS), format_func=REGIONS.get, key="regio", bind="query-params"
    )


def year_filter(region: str) -> int | None:
    """Sidebar choice of year among the years the region has figures for, kept in the URL as `jaar`."""
    years = query("beschikbare_jaren", region=region)["year"].to_list()
    if not years:
        return None
    return st.sidebar.selectbox("Jaar", years, key="jaar", bind="query-params")
