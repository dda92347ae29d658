"""Gegevens aanleveren: template, upload, per-row check, preview of the effect, commit, history and rollback.

With sign-in on, a deliverer (`aanleveraar:<regio>`) delivers their own region's figures under their signed-in
identity, and only a `beheerder` rolls back; without sign-in, one user on a laptop does everything.
"""

import hashlib

import streamlit as st

from zvh.aanlevering import ledger, staging, templates
from zvh.aanlevering.tables import MAX_PROBLEMS_SHOWN, count, history_frame, preview_frames, problems_frame
from zvh.aanlevering.upload import MAX_BYTES, UploadError
from zvh.paths import default_data, default_db
from zvh.present.formatting import listed, markdown_text, nl_number
from zvh.source.regions import read as read_regions
from zvh.web import signin, ui
from zvh.web.access import AANLEVERAAR, AANLEVERAAR_ROLE
from zvh.web.guard import LOG

state = st.session_state
state.setdefault("upload_round", 0)  # a new round gives a fresh, empty file uploader after a commit
data_dir, db_path = default_data(), default_db()
person = signin.current()
known = read_regions(data_dir)
names = known.names
regions = person.aanlevering_regions(known)  # on a laptop without sign-in: every region


def show_template(table: str) -> None:
    st.subheader("1. Sjabloon")
    row = st.container(horizontal=True)
    row.download_button("Sjabloon (Excel)", lambda: templates.excel_template(table, data_dir), on_click="ignore",
                        file_name=f"sjabloon_{table}.xlsx", key="sjabloon_xlsx",
                        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    row.download_button("Sjabloon (CSV)", lambda: templates.csv_template(table, data_dir), on_click="ignore",
                        file_name=f"sjabloon_{table}.csv", mime="text/csv", key="sjabloon_csv")
    with st.expander("Kolommen en toegestane waarden"):
        ui.table(templates.guide(table, data_dir), f"kolommen_{table}",
                 what=f"De kolommen van het sjabloon {templates.TABLES[table]}: betekenis, verplicht en "
                      "toegestane waarden")
        st.caption("Het Excel-sjabloon bevat ook keuzelijsten en, bij kerncijfers, de lijsten van thema's, "
                   "metrics en gemeenten. Laat de voorbeeldregel niet staan: die wordt geweigerd.")


def show_problems(problems) -> None:
    if len(problems) > MAX_PROBLEMS_SHOWN:
        st.markdown(f"De eerste {nl_number(MAX_PROBLEMS_SHOWN)} van {count(len(problems), 'probleem', 'problemen')}:")
    ui.table(problems_frame(problems), "problemen_aanlevering",
             what="De problemen in het aangeleverde bestand: rij, kolom, waarde en wat er mis is")


def show_preview(table: str, aanlevering: ledger.Aanlevering) -> None:
    st.success(f"Het bestand is in orde (gelezen als {aanlevering.dialect}). Zo verandert het dashboard als u het vastlegt:")
    frames = preview_frames(table, aanlevering.check, staging.document_titles(data_dir))
    tiles = st.container(horizontal=True)
    for label, frame in frames.items():
        tiles.metric(label.capitalize(), nl_number(frame.height), border=True)
    titles = {"toegevoegd": "Toegevoegde rijen", "gewijzigd": "Gewijzigde cijfers: oud → nieuw",
              "ongewijzigd": "Ongewijzigde rijen"}
    for label, frame in frames.items():
        if not frame.is_empty():
            with st.expander(f"{titles[label]} ({nl_number(frame.height)})", expanded=label != "ongewijzigd"):
                ui.grid(frame, as_written=True)  # the delivery's own columns


def who_field(key: str) -> str:
    """The signed-in identity, or (without sign-in) the name the user types."""
    if person.is_local:
        return st.text_input("Uw naam", key=key)
    st.markdown(f"Wordt vastgelegd op naam van **{markdown_text(person.identity)}**.")
    return person.identity


def commit_form(table: str, aanlevering: ledger.Aanlevering, data: bytes) -> None:
    reason_needed = not aanlevering.check.changed.is_empty()
    with st.form("vastleggen"):
        who = who_field("wie")
        reason = st.text_area("Reden van de wijziging " + ("(verplicht: er wijzigen gepubliceerde cijfers)"
                                                           if reason_needed else "(mag leeg)"), key="reden")
        if not st.form_submit_button("Aanlevering vastleggen", type="primary"):
            return
    try:
        with st.spinner("Vastleggen en database opnieuw bouwen…"):
            entry = ledger.commit(table, aanlevering.name, data, who, reason, data_dir, db_path, regions=regions,
                                 role=person.role_text)
    except ledger.Refused as refusal:
        st.error(markdown_text(str(refusal)))
        if refusal.problems:
            show_problems(refusal.problems)
        return
    except Exception as error:  # disk full, permissions: the commit undid itself, say so instead of a traceback
        st.error(f"Het vastleggen is mislukt ({markdown_text(str(error))}). Er is niets veranderd; probeer het later opnieuw "
                 "of neem contact op met de beheerder.")
        return
    state["upload_round"] += 1
    state["aanlever_melding"] = (
        f"{markdown_text(aanlevering.name)} is vastgelegd: {count(entry['toegevoegd'], 'rij', 'rijen')} toegevoegd, "
        f"{count(entry['gewijzigd'], 'cijfer', 'cijfers')} gewijzigd. Het dashboard toont de nieuwe cijfers.")
    st.rerun()


def show_aanlevering(table: str, upload) -> None:
    data = upload.getvalue()
    checked = (table, hashlib.sha256(data).hexdigest(), tuple(regions))
    if state.get("aanlevering_key") != checked:  # the check takes a second: once per file, not per rerun
        try:
            state["aanlevering"] = ledger.preview(table, upload.name, data, data_dir, regions)
        except UploadError as error:
            state["aanlevering"] = error
        state["aanlevering_key"] = checked
    aanlevering = state["aanlevering"]
    st.subheader("3. Controle en vastleggen")
    if isinstance(aanlevering, UploadError):
        st.error(f"{markdown_text(upload.name)} kan niet worden gelezen: {aanlevering}")
    elif aanlevering.check.problems:
        st.error(f"{markdown_text(upload.name)}: {count(len(aanlevering.check.problems), 'probleem', 'problemen')} gevonden; "
                 "er is niets geladen. Pas het bestand aan en upload het opnieuw.")
        show_problems(aanlevering.check.problems)
    else:
        show_preview(table, aanlevering)
        commit_form(table, aanlevering, data)


def show_history() -> None:
    st.subheader("Geschiedenis")
    history = ledger.history(data_dir)
    if history.is_empty():
        st.info("Er is nog niets aangeleverd via deze pagina.")
        return
    ui.table(history_frame(history), "aanleveringen",
             what="De geschiedenis van de aanleveringen en terugdraaiingen: wanneer, welk bestand, wie en wat er "
                  "veranderde")
    active = ledger.active_aanleveringen(data_dir)
    if not active:
        return
    if not person.may_roll_back:
        st.caption("Een aanlevering terugdraaien kan alleen een beheerder (de rol ‘beheerder’).")
        return
    latest = active[-1]
    with st.form("terugdraaien"):
        st.markdown(f"**Laatste aanlevering terugdraaien:** {markdown_text(latest['bestand'])} van {markdown_text(latest['wie'])} "
                    f"({latest['tijdstip'][:16].replace('T', ' ')}). Het dashboard toont daarna weer precies wat er "
                    "vóór deze aanlevering stond.")
        who = who_field("wie_terugdraaien")
        if not st.form_submit_button("Terugdraaien"):
            return
    try:
        ledger.rollback(latest["aanlevering"], who, data_dir, db_path, role=person.role_text)
    except ledger.Refused as refusal:
        st.error(markdown_text(str(refusal)))
        return
    except Exception as error:  # each step can be repeated: a second try finishes it
        st.error(f"Het terugdraaien is niet afgemaakt ({markdown_text(str(error))}); probeer het opnieuw.")
        return
    state["aanlever_melding"] = f"{markdown_text(latest['bestand'])} is teruggedraaid."
    st.rerun()


st.title("Gegevens aanleveren")
try:
    for broken_off in ledger.recover_locked(data_dir, db_path):
        st.warning(f"Een eerdere aanlevering ({markdown_text(broken_off)}) is niet afgemaakt en is ongedaan gemaakt; "
                   "lever het bestand zo nodig opnieuw aan.")
except Exception:  # e.g. an unfinished rollback whose rebuild fails: the history below still shows the state
    LOG.exception("Recovering an unfinished commit or rollback failed")
    st.error("Een eerder afgebroken aanlevering of terugdraaiing kon niet worden afgemaakt; de beheerder vindt de "
             "fout in het serverlog. Aanleveren en terugdraaien lukken pas weer als dat is opgelost.")
if message := state.pop("aanlever_melding", None):
    st.success(message)
if person.may_aanleveren and not regions:
    st.warning(f"Uw rollen ({markdown_text(person.role_text)}) noemen geen regio die dit dashboard kent "
               f"({', '.join(names.values())}); vraag wie de inlogaccounts beheert om een rol als "
               f"‘{AANLEVERAAR}{next(iter(names))}’.")
elif person.may_aanleveren:
    st.markdown(
        "Lever nieuwe cijfers of correcties aan. **1.** Kies wat u aanlevert en download het sjabloon. "
        "**2.** Vul het in Excel in en upload het. **3.** Controleer wat er verandert en leg de aanlevering vast. "
        "Een bestand met één fout wordt helemaal niet geladen; u ziet per rij wat er mis is."
        + (" De laatste aanlevering kunt u onderaan deze pagina terugdraaien." if person.may_roll_back else "")
    )
    if not person.is_local:
        st.markdown(f"U levert cijfers aan van **{listed(names[r] for r in regions)}**.")
    chosen = ui.choice(st.radio, "Wat levert u aan?", templates.TABLES, "tabel", "soort gegevens",
                       captions=list(templates.DESCRIPTIONS.values()))
    show_template(chosen)
    st.subheader("2. Bestand uploaden")
    # No type filter and Streamlit's larger size limit: it would refuse a file in English; the reader says in Dutch
    # what it accepts. Its own line "64MB per file" would contradict the label, so it is hidden.
    st.html("<style>[data-testid='stFileUploaderDropzoneInstructions'] {display: none}</style>")
    upload = st.file_uploader(f"Ingevuld bestand (.xlsx of .csv, hoogstens {MAX_BYTES // 1024 // 1024} MB)",
                              key=f"bestand_{state['upload_round']}")
    if upload is not None:
        show_aanlevering(chosen, upload)
else:
    st.markdown("Hier staat wat er is aangeleverd, en de laatste aanlevering kunt u terugdraaien. Om zelf cijfers "
                f"aan te leveren hebt u de rol ‘{markdown_text(AANLEVERAAR_ROLE)}’ nodig.")
show_history()
