"""SQL-werkbank: read-only ad-hoc SQL for analysts, with schema browser, examples, downloads and a quick chart."""

import polars as pl
import streamlit as st

from zvh.present import charts
from zvh.present import werkbank as bench
from zvh.present.formatting import markdown_text, nl_number
from zvh.query import sql, werkbank
from zvh.web import ui

st.title("SQL-werkbank")
st.markdown(
    "Schrijf een eigen **SELECT**-query op de view `facts` (één rij per cijfer, met vindplaats) of de andere "
    f"tabellen. Alleen lezen; een query stopt na {werkbank.TIME_LIMIT_S:g} seconden en gebruikt hoogstens "
    f"{werkbank.MEMORY_BUDGET // 2**30} GB geheugen; het scherm toont hoogstens {nl_number(werkbank.SCREEN_ROWS)} "
    f"rijen ({werkbank.SCREEN_BYTES // 2**20} MB), een download hoogstens {nl_number(werkbank.DOWNLOAD_ROWS)} "
    f"({werkbank.DOWNLOAD_BYTES // 2**20} MB)."
)

state = st.session_state
state.setdefault("werkbank_history", [])
examples = {q.description.removeprefix("Voorbeeld:").strip(): q.text for q in sql.examples()}


def load_text(text: str) -> None:
    state["sql_tekst"] = text


with st.sidebar:
    st.subheader("Voorbeelden")
    st.radio("Voorbeeldquery", list(examples), key="voorbeeld")  # not a select box: it cut the descriptions off
    # Read the choice when clicked, not when drawn: a click may arrive before the rerun of a new choice.
    st.button("Laad in editor", on_click=lambda: load_text(examples[state["voorbeeld"]]), key="laad_voorbeeld")

text = st.text_area("Query", key="sql_tekst", height=180, placeholder="select * from facts limit 10")
if st.button("Uitvoeren", type="primary", key="uitvoeren"):
    try:
        state["werkbank_result"] = (text, werkbank.run(ui.database(), text))
        state["werkbank_history"] = [q for q in state["werkbank_history"] if q != text][-9:] + [text]
    except werkbank.Refused as refusal:
        state["werkbank_result"] = None
        st.error(str(refusal))
    state["werkbank_download"] = None

if state["werkbank_history"]:  # drawn after running, so the query just run is already listed
    st.sidebar.subheader("Recente queries")
    for i, previous in enumerate(reversed(state["werkbank_history"])):
        st.sidebar.button(bench.label(previous), key=f"historie_{i}", on_click=load_text, args=(previous,),
                          help=previous)

result = state.get("werkbank_result")
if result:
    ran, outcome = result
    frame = outcome.frame
    note = f"{nl_number(frame.height)} rijen in {nl_number(outcome.seconds, 3)} s"
    if outcome.truncated:
        note += f" — afgekapt: er zijn meer dan {nl_number(werkbank.SCREEN_ROWS)} rijen."
    st.markdown(note)
    if outcome.text_columns:
        st.info("Deze kolommen staan er als tekst, omdat het scherm of een download hun type of waarden niet kan "
                f"bevatten: {markdown_text(', '.join(outcome.text_columns))}.")
    ui.grid(frame, as_written=True)

    if outcome.truncated:  # the whole result is fetched only when asked for, and may itself be refused
        if st.button(f"Alle rijen ophalen voor download (hoogstens {nl_number(werkbank.DOWNLOAD_ROWS)})", key="ophalen"):
            try:
                state["werkbank_download"] = werkbank.run(ui.database(), ran, max_rows=werkbank.DOWNLOAD_ROWS).frame
            except werkbank.Refused as refusal:
                st.error(str(refusal))
        everything = state.get("werkbank_download")
    else:
        everything = frame
    if everything is not None:
        ui.downloads(everything, "query", parquet=True, as_written=True,
                     what=f"Het resultaat van deze query op de werkbank: {ran}")

    numeric = [c for c, t in frame.schema.items() if t.is_numeric()]
    if frame.height and numeric:
        with st.expander("Snelle grafiek"):
            left, middle, right, kind = st.columns(4)
            first_x, first_y, first_colour = bench.chart_defaults(frame)
            x = left.selectbox("x-as", frame.columns, index=frame.columns.index(first_x), key="grafiek_x")
            y = middle.selectbox("y-as", numeric, index=numeric.index(first_y), key="grafiek_y")
            colours = [None, *[c for c in frame.columns if c not in (x, y)]]
            first = colours.index(first_colour) if first_colour in colours else 0  # the reader chose it as x or y
            colour = right.selectbox("Kleur", colours, index=first, key="grafiek_kleur",
                                     format_func=lambda c: "(geen)" if c is None else c)
            shape = kind.radio("Soort", ["staaf", "lijn"], horizontal=True, key="grafiek_soort")
            data = frame.select(*{x, y, *([colour] if colour else [])}).with_columns(pl.col(y).cast(pl.Float64))
            if data.select(x, *([colour] if colour else [])).is_duplicated().any():
                # stacked bars or a zigzag line would add up rows, and a rate or share must never be summed
                st.info(f"Er zijn meerdere rijen per waarde van ‘{x}’"
                        + (f" en ‘{colour}’" if colour else "") + ": de grafiek zou ze optellen. Kies een kleur-kolom "
                        "die de rijen uit elkaar houdt, of tel of filter in de query zelf (GROUP BY, WHERE).")
            else:
                build = charts.lines if shape == "lijn" else charts.bars
                fig = charts.style(build(data.sort(x), x=x, y=y, series=colour))
                st.plotly_chart(fig, alt=f"Grafiek van {y} tegen {x}" + (f" per {colour}" if colour else ""))

with st.expander("Schema: tabellen, views en kolommen"):
    schema = ui.query("werkbank_schema")
    objects = schema.select("object", "kind", "object_comment").unique(maintain_order=True)
    chosen = st.selectbox("Tabel of view", objects["object"].to_list(), key="schema_object")
    info = objects.filter(pl.col("object") == chosen).row(0, named=True)
    if info["object_comment"]:
        st.markdown(info["object_comment"])
    ui.grid(schema.filter(pl.col("object") == chosen).select(
        pl.col("column_name").alias("kolom"), pl.col("data_type").alias("type"),
        pl.col("column_comment").alias("betekenis"),
    ))
    st.markdown("Volledige beschrijving: `docs/data-dictionary.md` in de repository.")
