"""Gegevens aanleveren: template, upload, per-row check, preview of the effect, commit, history and rollback."""

import hashlib

import polars as pl
import streamlit as st

from zvh import aanlevering, loads, templates, ui
from zvh.aanlevering import KEYS, VALUE
from zvh.formatting import nl_number
from zvh.paths import default_data, default_db
from zvh.upload import MAX_BYTES, UploadError

state = st.session_state
state.setdefault("upload_round", 0)  # a new round gives a fresh, empty file uploader after a commit
data_dir, db_path = default_data(), default_db()

st.title("Gegevens aanleveren")
st.markdown(
    "Lever nieuwe cijfers of correcties aan. **1.** Kies wat u aanlevert en download het sjabloon. "
    "**2.** Vul het in Excel in en upload het. **3.** Controleer wat er verandert en leg de aanlevering vast. "
    "Een bestand met één fout wordt helemaal niet geladen; u ziet per rij wat er mis is. "
    "De laatste aanlevering kunt u onderaan deze pagina terugdraaien."
)
if message := state.pop("aanlever_melding", None):
    st.success(message)

table = st.radio("Wat levert u aan?", list(templates.TABLES), format_func=templates.TABLES.get, key="tabel",
                 captions=list(templates.DESCRIPTIONS.values()), bind="query-params")

st.subheader("1. Sjabloon")
row = st.container(horizontal=True)
row.download_button("Sjabloon (Excel)", lambda: templates.excel_template(table, data_dir), on_click="ignore",
                    file_name=f"sjabloon_{table}.xlsx", key="sjabloon_xlsx",
                    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
row.download_button("Sjabloon (CSV)", lambda: templates.csv_template(table, data_dir), on_click="ignore",
                    file_name=f"sjabloon_{table}.csv", mime="text/csv", key="sjabloon_csv")
with st.expander("Kolommen en toegestane waarden"):
    ui.table(templates.guide(table, data_dir), f"kolommen_{table}")
    st.caption("Het Excel-sjabloon bevat ook keuzelijsten en, bij kerncijfers, de lijsten van thema's, "
               "metrics en gemeenten. Laat de voorbeeldregel niet staan: die wordt geweigerd.")


def shown_value(value) -> str | None:
    """A value as the user typed it: `-2`, not `-2.0`."""
    if isinstance(value, float):
        return nl_number(value, 0 if value.is_integer() else 2)
    return None if value is None else str(value)


def show_problems(problems) -> None:
    frame = pl.DataFrame(
        [{"Rij": p.line, "Kolom": p.column, "Waarde": shown_value(p.value), "Wat is er mis": p.rule} for p in problems],
        schema={"Rij": pl.Int64, "Kolom": pl.String, "Waarde": pl.String, "Wat is er mis": pl.String},
    )
    ui.table(frame, "problemen_aanlevering")


def show_preview(delivery: loads.Delivery) -> None:
    result, key, value = delivery.check, KEYS[table], VALUE[table]
    st.success(f"Het bestand is in orde (gelezen als {delivery.dialect}). Zo verandert het dashboard als u het vastlegt:")
    tiles = st.container(horizontal=True)
    for label, frame in (("Toegevoegd", result.added), ("Gewijzigd", result.changed), ("Ongewijzigd", result.unchanged)):
        tiles.metric(label, nl_number(frame.height), border=True)
    shown = [c for c in key if result.rows[c].is_not_null().any()]
    if not result.added.is_empty():
        with st.expander(f"Toegevoegde rijen ({result.added.height})", expanded=True):
            st.dataframe(result.added.select(*shown, value), hide_index=True)
    if not result.changed.is_empty():
        with st.expander(f"Gewijzigde cijfers ({result.changed.height}): oud → nieuw", expanded=True):
            titles = aanlevering.document_titles(data_dir)
            st.dataframe(result.changed.select(
                *shown, pl.col("oud"), pl.col(value).alias("nieuw"),
                pl.col("oud_document").replace_strict(titles, default=pl.col("oud_document")).alias("oud cijfer uit"),
            ), hide_index=True)
    if not result.unchanged.is_empty():
        with st.expander(f"Ongewijzigde rijen ({result.unchanged.height})"):
            st.dataframe(result.unchanged.select(*shown, value), hide_index=True)


def commit_form(delivery: loads.Delivery, data: bytes) -> None:
    changes_published = not delivery.check.changed.is_empty()
    with st.form("vastleggen"):
        who = st.text_input("Uw naam", key="wie")
        reason = st.text_area("Reden van de wijziging" + (" (verplicht: er wijzigen gepubliceerde cijfers)" if changes_published else " (mag leeg)"),
                              key="reden")
        if not st.form_submit_button("Aanlevering vastleggen", type="primary"):
            return
    try:
        with st.spinner("Vastleggen en database opnieuw bouwen…"):
            entry = loads.commit(table, delivery.name, data, who, reason, data_dir, db_path)
    except loads.Refused as refusal:
        st.error(str(refusal))
        if refusal.problems:
            show_problems(refusal.problems)
        return
    ui.reload_database()
    state["upload_round"] += 1
    state["aanlever_melding"] = (f"{delivery.name} is vastgelegd: {entry['toegevoegd']} rijen toegevoegd, "
                                 f"{entry['gewijzigd']} gewijzigd. Het dashboard toont de nieuwe cijfers.")
    st.rerun()


st.subheader("2. Bestand uploaden")
upload = st.file_uploader(f"Ingevuld bestand (.xlsx of .csv, hoogstens {MAX_BYTES // 1024 // 1024} MB)",
                          type=["xlsx", "csv"], key=f"bestand_{state['upload_round']}")
if upload is not None:
    data = upload.getvalue()
    checked = (table, hashlib.sha256(data).hexdigest())
    if state.get("aanlevering_key") != checked:  # the check takes a second: once per file, not per rerun
        try:
            state["aanlevering"] = loads.preview(table, upload.name, data, data_dir)
        except UploadError as error:
            state["aanlevering"] = error
        state["aanlevering_key"] = checked
    delivery = state["aanlevering"]
    st.subheader("3. Controle en vastleggen")
    if isinstance(delivery, UploadError):
        st.error(f"{upload.name} kan niet worden gelezen: {delivery}")
    elif delivery.check.problems:
        count = len(delivery.check.problems)
        st.error(f"{upload.name}: {count} {'probleem' if count == 1 else 'problemen'} gevonden; er is niets geladen. "
                 "Pas het bestand aan en upload het opnieuw.")
        show_problems(delivery.check.problems)
    else:
        show_preview(delivery)
        commit_form(delivery, data)

st.subheader("Geschiedenis")
history = loads.history(data_dir)
if history.is_empty():
    st.info("Er is nog niets aangeleverd via deze pagina.")
else:
    ui.table(history.reverse().select(
        pl.col("tijdstip").str.slice(0, 16).str.replace("T", " ").alias("Tijdstip"), pl.col("actie").alias("Actie"),
        pl.col("bestand").alias("Bestand"), pl.col("tabel").alias("Tabel"), pl.col("wie").alias("Wie"),
        pl.col("toegevoegd").alias("Toegevoegd"), pl.col("gewijzigd").alias("Gewijzigd"),
        pl.col("reden").alias("Reden"), pl.col("sha256").alias("SHA-256"), pl.col("aanlevering").alias("Opgeslagen als"),
    ), "aanleveringen")
active = loads.active_loads(data_dir)
if active:
    latest = active[-1]
    with st.form("terugdraaien"):
        st.markdown(f"**Laatste aanlevering terugdraaien:** {latest['bestand']} van {latest['wie']} "
                    f"({latest['tijdstip'][:16].replace('T', ' ')}). Het dashboard toont daarna weer precies wat er "
                    "vóór deze aanlevering stond.")
        who = st.text_input("Uw naam", key="wie_terugdraaien")
        if st.form_submit_button("Terugdraaien"):
            try:
                loads.rollback(latest["aanlevering"], who, data_dir, db_path)
            except loads.Refused as refusal:
                st.error(str(refusal))
            else:
                ui.reload_database()
                state["aanlever_melding"] = f"{latest['bestand']} is teruggedraaid."
                st.rerun()
