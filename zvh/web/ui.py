"""The one module that joins Streamlit to the core: cached connection and queries, filters, tables, charts.

Pages call these helpers so that every page behaves the same: filters in the sidebar and in the URL,
every chart and table with its sources and downloads, Dutch messages instead of tracebacks.
"""

import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar
from urllib.parse import unquote, urlencode, urlparse

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from zvh.aanlevering import ledger
from zvh.paths import default_data, default_db
from zvh.present import exports
from zvh.present.formatting import listed, markdown_text, nl_datetime, nl_number, version_text
from zvh.query import sql
from zvh.source.problems import SourceError
from zvh.store.db import ensure_database, file_version, open_version
from zvh.web.guard import LOG

STYLE = Path(__file__).with_name("style.css")
T = TypeVar("T")


@st.cache_resource(show_spinner="Database openen…", max_entries=4)
def _connection(path: str, version: tuple[int, int]):
    """One connection per version of the file: a swapped-in file gets its own (see `open_version`)."""
    return open_version(Path(path))


def _version() -> tuple[str, tuple[int, int]]:
    """The database path and the version of the file there now (`file_version`; built on first start when
    missing)."""
    path = default_db()
    if not path.exists():
        try:
            with st.spinner("De database wordt voor het eerst opgebouwd uit de bronbestanden; een ogenblik…"):
                ensure_database(path)
        except SourceError as error:
            LOG.error("First build failed: %s", error)
            found = len(error.problems)
            st.error(f"De database kan niet worden opgebouwd: de brongegevens hebben {found} "
                     f"{'probleem' if found == 1 else 'problemen'}. De beheerder vindt ze in het serverlog of met "
                     "`zvh build`; er is niets veranderd.")
            st.stop()
    try:
        ledger.settle(default_data(), path)
    except Exception:  # e.g. a read-only deployment: show the state as it is, and tell the administrator
        LOG.exception("Finishing a commit or rollback that was broken off failed")
    return str(path), file_version(path)


def database() -> Path:
    """The current database file (built on first start), for work that opens it elsewhere (the werkbank)."""
    return Path(_version()[0])


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(path: str, version: tuple[int, int], name: str, params: tuple) -> pl.DataFrame:
    cursor = _connection(path, version).cursor()  # a cursor per call: sessions run in parallel threads
    try:
        return sql.run(cursor, name, **dict(params))
    finally:
        cursor.close()


def query(name: str, **params) -> pl.DataFrame:
    """Run a named query against the app's current database file, cached on its parameters."""
    return _cached(*_version(), name, tuple(sorted(params.items())))


def shaped(function: Callable[..., T], *choices) -> T:
    """`function(query, *choices)`: a page's shaping of named queries into tables, texts and figures (a function of
    zvh.present), run once per database version and choices (hashable) and shared by every session from then on, so
    never to be changed. A rerun then costs well under a millisecond where plotly and polars took 10–60 ms; defined
    here, not in the page, since decorating a function costs Streamlit a millisecond or more on every rerun."""
    return _shaped(*_version(), f"{function.__module__}.{function.__qualname__}", choices, _function=function)


@st.cache_resource(show_spinner=False, max_entries=256)
def _shaped(path: str, version: tuple[int, int], name: str, choices: tuple, _function: Callable):
    def of_this_version(query_name: str, **params) -> pl.DataFrame:  # the version in the key, even after a swap
        return _cached(path, version, query_name, tuple(sorted(params.items())))
    return _function(of_this_version, *choices)


# Filters. Each has a key that is also its URL parameter, so a mailed link restores the view.

def check_link(key: str, allowed: list[str], what: str) -> None:
    """When a link carries a value the filter `key` cannot show (as the filter labels it: a figure renamed since the
    link was mailed), drop it from the URL and say so, instead of silently showing another."""
    checked = st.session_state.setdefault("_links_checked", set())
    if key in checked:
        return  # only the link's own values: afterwards the filter itself writes the URL
    checked.add(key)
    values = st.query_params.get_all(key)
    unknown = [v for v in values if v and v not in allowed]
    if not unknown:
        return
    if known := [v for v in values if v not in unknown]:
        st.query_params[key] = known
    else:
        del st.query_params[key]
    st.info(link_message(what, unknown))


# The plural of each word `check_link` names a choice with (the first word of "jaar bij …" too).
PLURALS = {"jaar": "jaren", "regio": "regio's", "cijfer": "cijfers", "thema": "thema's", "grafiek": "grafieken",
           "staat": "staten", "tabblad": "tabbladen", "gemeente": "gemeenten", "weergave": "weergaven",
           "pagina": "pagina's", "waarde": "waarden", "soort": "soorten"}


def link_message(what: str, unknown: list[str]) -> str:
    """What a link asked for that cannot be shown, in Dutch for one value or several."""
    named = listed(f"‘{markdown_text(v)}’" for v in unknown)  # a link's text is shown as text, never as Markdown
    if len(unknown) == 1:
        return (f"De link vraagt om {what} {named}, maar die keuze bestaat hier niet en is overgeslagen (links staat "
                "wat nu gekozen is).")
    head, _, tail = what.partition(" ")
    return (f"De link vraagt om {' '.join(filter(None, [PLURALS[head], tail]))} {named}, maar die keuzes bestaan hier "
            "niet en zijn overgeslagen (links staat wat nu gekozen is).")


def check_page_link(pages: list[st.Page]) -> None:
    """A link to a page this dashboard does not have (mistyped, or switched off here) opens the default page;
    say so instead of silently showing another page."""
    checked = st.session_state.setdefault("_links_checked", set())
    if "pagina" in checked or not st.context.url:
        return
    checked.add("pagina")
    base = st.get_option("server.baseUrlPath").strip("/")  # behind a proxy the app may live in a folder
    path = unquote(urlparse(st.context.url).path).strip("/").removeprefix(base).strip("/")
    # The default page's url_path is "" (Streamlit drops the one it was given): it answers to its title ("overzicht").
    if path and path not in {p.url_path or p.title.lower() for p in pages}:
        st.info(link_message("pagina", [path]))


def choice(widget, label: str, options: dict, key: str, what: str, **kwargs):
    """One value of `options` (value → label) with `widget` (st.sidebar.selectbox, st.radio, …), in the URL by its
    label. A linked label it cannot show is named (`check_link`), and a value another filter took away (a figure the
    new region lacks) is replaced before the widget is drawn: Streamlit's own reset would leave the old value in the
    URL, and a mailed link would ask for it. With `index=None` the empty choice is valid too."""
    check_link(key, list(options.values()), what)
    valid = [None, *options] if "index" in kwargs and kwargs["index"] is None else list(options)
    if key in st.session_state and st.session_state[key] not in valid:
        st.session_state[key] = valid[0]
    return widget(label, list(options), format_func=options.get, key=key, bind="query-params", **kwargs)


def switch(label: str, key: str, **kwargs) -> bool:
    """A sidebar toggle in the URL (`true`/`false`); a linked value it cannot show is named."""
    check_link(key, ["true", "false"], f"waarde voor ‘{label}’")
    return st.sidebar.toggle(label, key=key, bind="query-params", **kwargs)


def tabs(labels: list[str], key: str):
    """Tabs in the URL by label; a linked tab the page lacks is named, and so is an open one another filter took
    away (a figure the new years lack), instead of silently showing another."""
    check_link(key, labels, "tabblad")
    if (gone := st.session_state.get(key)) is not None and gone not in labels:
        st.info(f"Voor deze keuze is er geen ‘{gone}’; nu open: ‘{labels[0]}’.")
        st.session_state[key] = labels[0]
    return st.tabs(labels, key=key, bind="query-params")


def open_tab(items: list, labels: list[str], key: str):
    """A tab per item (see `tabs`); yields, inside its tab, only the item whose tab is open: only that one is drawn,
    as each chart costs the browser ~75 ms a change (five figures at once took over 400 ms)."""
    for tab, item in zip(tabs(labels, key), items):
        if tab.open:
            with tab:
                yield item


def year_choice(label: str, years: list[int], key: str, default: int | None = None, what: str = "jaar") -> int:
    """A year in the sidebar, opening on `default` (the newest year), that always names itself in the URL.

    Streamlit's URL binding leaves a widget's default out of the link, so a link taken on the newest year would show
    the next year once that report is loaded; this choice writes its year into the URL itself. A linked year the
    options lack is named (see `check_link`); a chosen one they lose (another region) becomes the default.
    """
    default = years[0] if default is None else default
    labels = [str(y) for y in years]
    check_link(key, labels, what)
    if st.session_state.get(key) not in years:
        linked = st.query_params.get(key)
        st.session_state[key] = int(linked) if linked in labels else default
    year = st.sidebar.selectbox(label, years, key=key)
    st.query_params[key] = str(year)
    return year


def regions() -> dict[str, str]:
    """Region → its name as users know it ("Fryslân"), in the order pages show them (reference/regio.csv)."""
    frame = query("regios")
    return dict(zip(frame["region"], frame["naam"]))


def region_filter(key: str = "regio") -> str:
    """One region, kept in the URL as its Dutch name (`?regio=Fryslân`)."""
    return choice(st.sidebar.selectbox, "Regio", regions(), key, "regio")


# A page that draws each chosen region opens on at most this many: the first in the pages' order. With the whole field
# (25 regions) it would draw 25 tiles or lines per chart and take seconds per click; today's regions all fit.
FEW_REGIONS = 3
FEW_FIGURES = 12  # a choice of figures up to this many is a radio (whole names), more a select (searchable)


def regions_filter(key: str = "regios", where=st.sidebar, *, drawn: bool = True) -> list[str]:
    """Any of the regions, in the order pages show them whatever the order they were picked in; by default all, or
    on a page that draws each chosen region (`drawn`) the first `FEW_REGIONS` when there are more, saying so (a
    table page, such as a search, opens on all: a figure of the fourth region must not seem missing). `where`: the
    sidebar, or a tab (`st`)."""
    names = regions()
    check_link(key, list(names.values()), "regio")
    chosen = where.multiselect(
        "Regio's", list(names), default=list(names)[:FEW_REGIONS] if drawn else list(names), format_func=names.get,
        key=key, bind="query-params", select_all=False,
    )
    if drawn and FEW_REGIONS < len(names) and len(chosen) < len(names):
        where.caption(f"{len(chosen)} van de {len(names)} regio's gekozen. Kies er meer of andere bij ‘Regio's’; "
                      "de link naar deze pagina bewaart uw keuze.")
    return [r for r in names if r in chosen]


def year_range_filter(first: int, last: int, key: str = "jaren") -> tuple[int, int]:
    """From-to years, all years by default; like `year_choice` it always names its years in the URL
    (`?jaren=2020&jaren=2024`), so a link keeps its range when a newer report is loaded."""
    check_link(key, [str(y) for y in range(first, last + 1)], "jaar")
    chosen = st.session_state.get(key)
    if not chosen or not first <= chosen[0] <= chosen[1] <= last:
        linked = sorted(y for y in map(int, st.query_params.get_all(key)) if first <= y <= last)
        st.session_state[key] = (linked[0], linked[-1]) if len(linked) == 2 else (first, last)
    years = st.sidebar.slider("Jaren", first, last, key=key)
    st.query_params[key] = [str(y) for y in years]
    return years


# Output. Every table and chart says where its figures come from and can be downloaded as shown.

def sources_caption(frame: pl.DataFrame) -> str:
    """Name the documents behind the rows shown by their titles (needs `source_title`); Bronnen › Documenten gives
    each title's file."""
    if frame.is_empty() or "source_title" not in frame.columns:
        return ""
    return "Bron: " + "; ".join(markdown_text(t) for t in sorted(frame["source_title"].drop_nulls().unique()))


def data_version() -> str:
    """‘Gegevensversie 679d96a55812, opgebouwd 2 december 2026, 21:22’: the data every figure in a download (and
    later on paper) comes from."""
    return _version_text(*_version())


@functools.lru_cache(maxsize=4)  # every download asks (several per rerun); a plain memo costs microseconds
def _version_text(path: str, version: tuple[int, int]) -> str:
    return version_text(_cached(path, version, "build_info", ()).row(0, named=True))


def link() -> str:
    """The address that reproduces this screen: the page and every filter in the URL."""
    base = (st.context.url or "").split("?")[0]
    pairs = [(key, value) for key in st.query_params for value in st.query_params.get_all(key)]
    return base + ("?" + urlencode(pairs) if pairs else "")


def screen_state() -> tuple[str, str, str]:
    """What a download's Toelichting needs from the running page: its link, its choices and the data version. Read
    while the page is drawn; the file itself is built when clicked, outside the page's script."""
    filters = "; ".join(f"{key} = {', '.join(st.query_params.get_all(key))}" for key in st.query_params)
    return link(), filters or "geen", data_version()


def about(frame: pl.DataFrame, what: str, meanings: list[tuple[str, str]], screen: tuple[str, str, str]
          ) -> list[tuple[str, str]]:
    """The Toelichting of a download: what it shows, the link and filters that reproduce it (`screen_state`), the
    data version, the sources of its figures and their definitions (`meanings`: `definities.about`)."""
    column = next((c for c in ("source_title", "Bron") if c in frame.columns), None)  # Overzicht's table: "Bron"
    sources = sorted(frame[column].drop_nulls().unique()) if column else []
    address, filters, version = screen
    return [("Inhoud", what), ("Link naar dit scherm", address), ("Keuzes (anders dan de standaard)", filters),
            ("Gegevens", version), ("Gedownload", nl_datetime(dt.datetime.now(dt.timezone.utc))),
            ("Bronnen", "; ".join(sources) or "zie de pagina Bronnen & kwaliteit"),
            *meanings,
            ("Definities en vindplaatsen", "Per cijfer op de pagina Bronnen & kwaliteit (tabbladen Vindplaats van een "
                                           "cijfer en Begrippen); de vindplaats staat ook in de tabel zelf.")]


def downloads(frame: pl.DataFrame, name: str, *, what: str, parquet: bool = False, column_config: dict | None = None,
              as_written: bool = False, meanings: list[tuple[str, str]] = (), sources: pl.DataFrame | None = None
              ) -> None:
    """CSV and Excel (and Parquet, for analysts) of exactly `frame`, built only when clicked: with the screen's
    Dutch headers (`column_config`), or `as_written` (the werkbank: the analyst's own column names). The Excel file
    explains itself on a second sheet, Toelichting (`what` it shows in words, link, data version, the titles of
    `sources`, by default the frame's own). Only the page's state is read on each rerun; the files are shaped when
    clicked."""
    labels, screen = _labels(column_config), screen_state()

    def csv() -> bytes:
        return exports.csv_bytes(exports.for_download(frame, labels, rename=not as_written)[0])

    def excel() -> bytes:
        shown, formats = exports.for_download(frame, labels, rename=not as_written)
        return exports.excel_bytes(shown, formats=formats,
                                   about=about(frame if sources is None else sources, what, meanings, screen))

    row = st.container(horizontal=True)
    row.download_button("CSV", csv, file_name=f"{name}.csv", mime="text/csv", key=f"csv_{name}", on_click="ignore")
    if frame.width <= exports.EXCEL_COLUMNS:
        row.download_button("Excel", excel, file_name=f"{name}.xlsx",
                            key=f"xlsx_{name}", on_click="ignore",
                            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    else:
        row.caption(f"Geen Excel: een werkblad heeft hoogstens {nl_number(exports.EXCEL_COLUMNS)} kolommen, dit "
                    f"resultaat {nl_number(frame.width)}.")
    if parquet:
        row.download_button("Parquet", lambda: exports.parquet_bytes(frame), file_name=f"{name}.parquet",
                            key=f"parquet_{name}", mime="application/vnd.apache.parquet", on_click="ignore")


def _labels(column_config: dict | None) -> dict[str, str]:
    """The screen's header of each configured column (a text, or a column config's label)."""
    return {c: v if isinstance(v, str) else v.get("label") for c, v in (column_config or {}).items()
            if isinstance(v, str) or (isinstance(v, dict) and v.get("label"))}


def table(frame: pl.DataFrame, name: str, *, what: str, column_config: dict | None = None,
          sources: pl.DataFrame | None = None, compact: list[str] | None = None, height: int | None = None,
          meanings: list[tuple[str, str]] = ()) -> None:
    """A sortable table with its source caption and downloads (always of every column; `what` the table holds, in
    words, for their Toelichting). With `compact`, the screen shows only those columns until the reader asks for
    all (`all_columns`)."""
    grid(frame, column_config, columns=compact if compact and not all_columns() else None, height=height)
    caption = sources_caption(frame if sources is None else sources)
    if caption:
        st.caption(caption)
    downloads(frame, name, column_config=column_config, meanings=meanings, what=what, sources=sources)


def chart(fig: go.Figure, frame: pl.DataFrame, name: str, *, alt: str, key: str | None = None,
          on_select: str = "ignore", column_config: dict | None = None, meanings: list[tuple[str, str]] = ()):
    """A chart, its sources, downloads, and the same data as a table (the chart's text alternative)."""
    event = st.plotly_chart(fig, key=key, on_select=on_select, alt=alt, config={"displaylogo": False},
                            selection_mode="points")
    caption = sources_caption(frame)
    if caption:
        st.caption(caption)
    # The table is sent only once its expander is opened: each closed one would cost the browser a data grid per
    # rerun (bench/interaction_bench.py). The key outlives a filter change, so an opened table stays open.
    with st.expander("Tabel bij deze grafiek", key=f"tabel_{key or name}", on_change="rerun") as box:
        if box.open:
            grid(frame, column_config)
    downloads(frame, name, column_config=column_config, what=alt, meanings=meanings)
    return event


def grid(frame: pl.DataFrame, column_config: dict | None = None, *, columns: list[str] | None = None,
         height: int | None = None, as_written: bool = False) -> None:
    """A data grid: a missing value as an empty cell, not as "None" (downloads keep it missing), decimals in the
    reader's own notation (the browser's locale: a decimal comma in Dutch; whole numbers such as years stay plain),
    and raw column names under the downloads' Dutch headers (`exports.HEADERS`), unless `as_written` (the werkbank).
    `columns`: only these, in this order; `height`: rows to show before the grid scrolls (Streamlit's default: 10)."""
    header = (lambda c: None) if as_written else exports.HEADERS.get
    decimals = {c: st.column_config.NumberColumn(header(c), format="localized")
                for c, t in frame.schema.items() if t.is_float()}
    dutch = {c: header(c) for c in frame.columns if header(c) and c not in decimals}
    shown = frame.with_columns(pl.col(pl.String).fill_null(""))
    # Arrow as it is, not Streamlit's detour through pandas (~5 ms a table); the werkbank's any DuckDB type keeps it.
    st.dataframe(shown if as_written else shown.to_arrow(), hide_index=True, column_order=columns,
                 placeholder="",  # a missing number too: an empty cell
                 column_config={**dutch, **decimals, **(column_config or {})},
                 height=ROW_PIXELS * (min(height, frame.height) + 1) + 3 if height else "auto")


ROW_PIXELS = 35  # st.dataframe's row height (and its header's)


def all_columns() -> bool:
    """The page's choice to show a table's technical columns too (in the URL: `kolommen=alle`); one per page."""
    check_link("kolommen", ["alle"], "weergave")
    if "kolommen" not in st.session_state:  # a link's value, once; afterwards the toggle writes the URL
        st.session_state["kolommen"] = st.query_params.get("kolommen") == "alle"
    shown = st.toggle("Alle kolommen tonen", key="kolommen",
                      help="Ook de technische kolommen, zoals het brondocument en de regel in het databestand. "
                           "De downloads hebben altijd alle kolommen.")
    if shown:
        st.query_params["kolommen"] = "alle"
    else:
        st.query_params.pop("kolommen", None)
    return shown


def notes(text: str, warning: str) -> None:
    """A figure's definitions and a warning, as `definities.notes` shaped them (Markdown; "" for none)."""
    if text:
        st.markdown(text)
    if warning:
        st.warning(warning)


def empty(message: str) -> None:
    """Say in Dutch why there is nothing to show, and stop the page there."""
    st.info(message)
    st.stop()
