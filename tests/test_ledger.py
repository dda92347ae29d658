"""Committing a delivery writes data/ and swaps the database; a bad one changes nothing; rollback is exact."""

import hashlib
import io
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import polars as pl
import pytest

from tests.conftest import NEXT_YEAR, sha256
from zvh import cli
from zvh.aanlevering import ledger
from zvh.aanlevering.upload import UploadError
from zvh.store.build import build
from zvh.store.db import open_readonly, open_version

HEADER = "region;year;theme;metric;gemeente;categorie;value;unit"
NEW_SIGNALS = f"{HEADER}\ngroningen;{NEXT_YEAR};mensenhandel;signalen;;;171;aantal\n".encode()


def snapshot(data_dir, db):
    """Hashes of every file in data/ (but the history), including the database and any kept or stray file."""
    return {p.relative_to(data_dir): sha256(p) for p in data_dir.rglob("*")
            if p.is_file() and p.name != ledger.HISTORY_FILE}


def tables(db) -> dict[str, list]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        names = [n for (n,) in con.sql("select table_name from information_schema.tables order by 1").fetchall()]
        # a build's moment is not its data; its data version is (build_info.data_version)
        return {n: sorted(con.sql(f'select * exclude (built_at) from "{n}"' if n == "build_info"
                                  else f'select * from "{n}"').fetchall(), key=repr) for n in names}
    finally:
        con.close()


def commit(workspace, data: bytes = NEW_SIGNALS, name: str = f"cijfers_{NEXT_YEAR}.csv", reason: str = "", table: str = "kerncijfers"):
    data_dir, db = workspace
    return ledger.commit(table, name, data, "Jan de Vries", reason, data_dir, db)


def test_a_commit_becomes_source_data_and_the_database_shows_it(workspace):
    data_dir, db = workspace
    entry = commit(workspace)
    source = data_dir / "kerncijfers" / entry["aanlevering"]
    assert pl.read_csv(source)["value"].to_list() == [171.0]
    assert entry["aanlevering"] in (data_dir / "reference" / "bronnen.csv").read_text()
    con = duckdb.connect(str(db), read_only=True)
    shown = con.sql(f"select value, source_document, source_locator from facts where is_preferred and year = {NEXT_YEAR} "
                    "and metric = 'signalen' and region = 'groningen'").fetchall()
    con.close()
    assert shown == [(171.0, entry["aanlevering"], "Aanlevering › rij 2")]
    history = ledger.history(data_dir).filter(pl.col("actie") == "aanlevering").row(0, named=True)
    assert (history["bestand"], history["wie"], history["toegevoegd"], history["gewijzigd"]) == (
        f"cijfers_{NEXT_YEAR}.csv", "Jan de Vries", "1", "0")
    assert history["sha256"] == hashlib.sha256(NEW_SIGNALS).hexdigest()


def test_zvh_build_rebuilds_the_same_tables_from_data_after_a_commit(workspace, tmp_path):
    data_dir, db = workspace
    commit(workspace)
    rebuilt = tmp_path / "rebuilt.duckdb"
    build(rebuilt, data_dir)
    assert tables(rebuilt) == tables(db)


def test_rollback_restores_the_database_byte_for_byte_and_data_exactly(workspace):
    data_dir, db = workspace
    before = snapshot(data_dir, db)
    entry = commit(workspace)
    assert snapshot(data_dir, db) != before
    ledger.rollback(entry["aanlevering"], "Piet", data_dir, db)
    assert snapshot(data_dir, db) == before
    assert [r["actie"] for r in ledger.history(data_dir).to_dicts()] == [
        "bezig", "aanlevering", "terugdraaien_bezig", "teruggedraaid"]
    assert ledger.active_aanleveringen(data_dir) == []


KILLED_ROLLBACK = """
import os, sys
from pathlib import Path
from zvh.aanlevering import ledger
data_dir, db, last = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
real, done = os.replace, []
def die_after_some_writes(source, target):
    real(source, target)
    done.append(target)
    if len(done) == last:
        os._exit(9)  # the process is killed: no except, no finally
ledger.os.replace = die_after_some_writes
[load] = ledger.active_aanleveringen(data_dir)
ledger.rollback(load["aanlevering"], "Piet", data_dir, db)
"""


# Killed after its 1st file write (the history mark), 2nd (bronnen.csv without the load) or 3rd (the old database back).
@pytest.mark.parametrize("writes", [1, 2, 3])
def test_a_rollback_whose_process_died_is_finished_by_the_next_action(workspace, writes):
    data_dir, db = workspace
    before = snapshot(data_dir, db)
    commit(workspace)
    died = subprocess.run([sys.executable, "-c", KILLED_ROLLBACK, str(data_dir), str(db), str(writes)])
    assert died.returncode == 9
    assert ledger.recover_locked(data_dir, db) == []
    assert snapshot(data_dir, db) == before
    assert ledger.active_aanleveringen(data_dir) == []
    assert ledger.history(data_dir)["actie"].to_list()[-1] == "teruggedraaid"


def test_rollback_after_a_rebuild_rebuilds_and_every_table_is_equal(workspace):
    data_dir, db = workspace
    expected = tables(db)
    entry = commit(workspace)
    build(db, data_dir)  # e.g. someone ran `zvh build`: the kept file no longer matches what is live
    ledger.rollback(entry["aanlevering"], "Piet", data_dir, db)
    assert tables(db) == expected


def test_a_file_rolled_back_can_be_loaded_and_rolled_back_again(workspace):
    data_dir, db = workspace
    before = snapshot(data_dir, db)
    for _ in range(2):
        entry = commit(workspace)
        assert [load["aanlevering"] for load in ledger.active_aanleveringen(data_dir)] == [entry["aanlevering"]]
        ledger.rollback(entry["aanlevering"], "Piet", data_dir, db)
        assert ledger.active_aanleveringen(data_dir) == [] and snapshot(data_dir, db) == before


def test_a_second_correction_on_the_same_day_is_the_one_shown(workspace):
    data_dir, db = workspace
    for value in (161, 162, 163):
        commit(workspace, f"{HEADER}\ngroningen;2024;mensenhandel;signalen;;;{value};aantal\n".encode(),
               f"correctie_{value}.csv", reason="herteld")
        con = open_readonly(db)
        shown = con.sql("select value from facts where is_preferred and year = 2024 and metric = 'signalen' "
                        "and region = 'groningen' and municipality is null and categorie is null").fetchall()
        con.close()
        assert shown == [(float(value),)]


def test_a_commit_that_fails_halfway_is_undone(workspace, monkeypatch):
    data_dir, db = workspace
    before = snapshot(data_dir, db)
    real_replace = os.replace

    def disk_full_at_the_swap(source, target):
        if Path(target) == db:
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(ledger.os, "replace", disk_full_at_the_swap)
    with pytest.raises(OSError):
        commit(workspace)
    assert snapshot(data_dir, db) == before
    assert [r["actie"] for r in ledger.history(data_dir).to_dicts()] == ["bezig", "afgebroken"]
    assert ledger.active_aanleveringen(data_dir) == []


CRASH_AT_SWAP = """
import os, sys
from pathlib import Path
from zvh.aanlevering import ledger
data_dir, db = Path(sys.argv[1]), Path(sys.argv[2])
real = os.replace
def die_after_the_swap(source, target):
    real(source, target)
    if Path(target) == db:
        os._exit(9)  # the process is killed: no except, no finally
ledger.os.replace = die_after_the_swap
ledger.commit("kerncijfers", "x.csv", sys.stdin.buffer.read(), "Jan", "", data_dir, db)
"""


def test_a_commit_whose_process_died_after_the_swap_is_completed_by_the_next_reader(workspace):
    data_dir, db = workspace
    died = subprocess.run([sys.executable, "-c", CRASH_AT_SWAP, str(data_dir), str(db)], input=NEW_SIGNALS)
    assert died.returncode == 9
    assert ledger.history(data_dir)["actie"].to_list() == ["bezig"]  # the closing row is missing
    assert ledger.settle(data_dir, db) == []  # what any page or `zvh sql` does before it reads
    assert [load["bestand"] for load in ledger.active_aanleveringen(data_dir)] == ["x.csv"]
    assert ledger.history(data_dir)["actie"].to_list() == ["bezig", "aanlevering"]
    con = open_readonly(db)
    assert con.sql(f"select value from facts where year = {NEXT_YEAR}").fetchall() == [(171.0,)]  # and it stays
    con.close()
    ledger.rollback(ledger.active_aanleveringen(data_dir)[0]["aanlevering"], "Piet", data_dir, db)  # byte for byte


CRASH_BEFORE_SWAP = CRASH_AT_SWAP.replace("""    real(source, target)
    if Path(target) == db:
        os._exit(9)  # the process is killed: no except, no finally""", """    if Path(target) == db:
        os._exit(9)  # the process is killed: no except, no finally
    real(source, target)""")


def test_a_commit_whose_process_died_before_the_swap_is_undone_by_the_next_reader(workspace, capsys):
    data_dir, db = workspace
    before = snapshot(data_dir, db)
    died = subprocess.run([sys.executable, "-c", CRASH_BEFORE_SWAP, str(data_dir), str(db)], input=NEW_SIGNALS)
    assert died.returncode == 9
    assert snapshot(data_dir, db) != before  # half-written: the rows are in data/
    out = zvh(capsys, "sql", f"select count(*) as n from facts where year = {NEXT_YEAR}",
              "--db", str(db), "--data", str(data_dir), "--format", "csv")
    assert out.stdout.splitlines() == ["n", "0"]
    assert snapshot(data_dir, db) == before
    assert ledger.history(data_dir)["actie"].to_list() == ["bezig", "afgebroken"]
    commit(workspace)  # and the same file can then be delivered properly


def test_settle_does_not_wait_for_a_writer_at_work(workspace):
    data_dir, db = workspace
    commit(workspace)
    ledger._append_history(data_dir, {"actie": "bezig", "aanlevering": "x", "tabel": "kerncijfers"})
    with ledger.exclusive(data_dir):  # a live writer holds the lock
        assert ledger.settle(data_dir, db) == []
    assert ledger.history(data_dir)["actie"].to_list()[-1] == "bezig"  # left to the writer


def test_a_connection_open_during_a_swap_keeps_working_and_a_new_one_reads_the_new_file(workspace):
    data_dir, db = workspace
    old = open_version(db)
    query = f"select count(*) from facts where year = {NEXT_YEAR}"
    assert old.sql(query).fetchall() == [(0,)]
    commit(workspace)
    new = open_version(db)
    assert (old.sql(query).fetchall(), new.sql(query).fetchall()) == ([(0,)], [(1,)])
    old.close()
    new.close()
    assert not list(data_dir.glob(".*open-*"))  # the version's own name is gone once open


def test_only_the_latest_load_can_be_rolled_back(workspace):
    data_dir, db = workspace
    first = commit(workspace)
    commit(workspace, f"{HEADER}\nfryslan;{NEXT_YEAR};mensenhandel;signalen;;;80;aantal\n".encode(), "fryslan.csv")
    with pytest.raises(ledger.Refused, match="Alleen de laatste aanlevering"):
        ledger.rollback(first["aanlevering"], "Piet", data_dir, db)


def test_a_changed_published_figure_needs_a_reason_and_then_outranks_the_report(workspace):
    data_dir, db = workspace
    correction = f"{HEADER}\ngroningen;2024;mensenhandel;signalen;;;161;aantal\n".encode()
    before = snapshot(data_dir, db)
    with pytest.raises(ledger.Refused, match="geef een reden op"):
        commit(workspace, correction)
    assert snapshot(data_dir, db) == before
    entry = commit(workspace, correction, reason="Telfout in het jaarverslag hersteld")
    assert (entry["gewijzigd"], entry["reden"]) == (1, "Telfout in het jaarverslag hersteld")
    con = duckdb.connect(str(db), read_only=True)
    shown = con.sql("select value from facts where is_preferred and year = 2024 and metric = 'signalen' "
                    "and region = 'groningen' and municipality is null and categorie is null").fetchall()
    con.close()
    assert shown == [(161.0,)]


def test_a_delivery_that_changes_nothing_is_refused(workspace):
    with pytest.raises(ledger.Refused, match="verandert niets"):
        commit(workspace, f"{HEADER}\ngroningen;2024;mensenhandel;signalen;;;160;aantal\n".encode())


def test_a_name_is_required(workspace):
    data_dir, db = workspace
    with pytest.raises(ledger.Refused, match="Vul uw naam in"):
        ledger.commit("kerncijfers", "x.csv", NEW_SIGNALS, "  ", "", data_dir, db)


def xlsx(frame: pl.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.write_excel(buffer)
    return buffer.getvalue()


BAD_FILES = {
    "leeg": ("leeg.csv", b"", "leeg"),
    "verkeerde kolommen": ("x.csv", f"regio;jaar;aantal\nGroningen;{NEXT_YEAR};171\n".encode(), "deze kolom ontbreekt"),
    "verkeerd type": ("x.csv", f"{HEADER}\ngroningen;{NEXT_YEAR};mensenhandel;signalen;;;veel;aantal\n".encode(), "is geen getal"),
    "onbekende gemeente": ("x.csv", f"{HEADER}\ngroningen;{NEXT_YEAR};mensenhandel;signalen;Atlantis;;3;aantal\n".encode(), "onbekende gemeente"),
    "dubbele sleutel in het bestand": ("x.csv", f"{HEADER}\n" + f"groningen;{NEXT_YEAR};mensenhandel;signalen;;;3;aantal\n" * 2, "staat meer dan eens in het bestand"),
    "negatief aantal": ("x.csv", f"{HEADER}\ngroningen;{NEXT_YEAR};mensenhandel;signalen;;;-3;aantal\n".encode(), "mag niet negatief zijn"),
    "verkeerd jaar": ("x.csv", f"{HEADER}\ngroningen;2099;mensenhandel;signalen;;;3;aantal\n".encode(), "mag hoogstens"),
    "geen echt xlsx": ("x.xlsx", f"region;year\ngroningen;{NEXT_YEAR}\n".encode(), "geen echt Excel-bestand"),
    "50 MB": ("groot.csv", HEADER.encode() + b"\n" + b"x" * (50 * 1024 * 1024), "te groot"),
    "voorbeeldregel": ("x.csv", b"region;year;theme;metric;value;unit;note\n"
                                + f"groningen;{NEXT_YEAR};mensenhandel;signalen;171;aantal;VOORBEELD - vervang of verwijder deze regel\n".encode(),
                       "voorbeeldregel"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_gets_its_message_and_nothing_changes(workspace, case):
    data_dir, db = workspace
    name, data, message = BAD_FILES[case]
    data = data.encode() if isinstance(data, str) else data
    before = snapshot(data_dir, db)
    with pytest.raises((ledger.Refused, UploadError)) as refused:
        commit(workspace, data, name)
    said = str(refused.value) + " ".join(str(p) for p in getattr(refused.value, "problems", []))
    assert message in said
    assert snapshot(data_dir, db) == before
    assert not (data_dir / ledger.HISTORY_FILE).exists()
    assert not list(data_dir.rglob("*.nieuw.duckdb")) and not list(data_dir.rglob("*.tmp"))  # no stray temporary files


def test_percentages_that_do_not_add_up_are_refused_and_nothing_changes(workspace):
    data_dir, db = workspace
    before = snapshot(data_dir, db)
    raw = f"region;year;theme;verdeling;categorie;percentage\nfryslan;{NEXT_YEAR};maatwerk;leeftijdsgroep;< 18;60\n".encode()
    with pytest.raises(ledger.Refused) as refused:
        commit(workspace, raw, "leeftijd.csv", table="verdelingen")
    assert "tellen op tot 60 in plaats van 100" in str(refused.value.problems[0])
    assert snapshot(data_dir, db) == before


def test_the_same_file_twice_is_refused_as_already_delivered(workspace):
    data_dir, db = workspace
    commit(workspace)
    before = snapshot(data_dir, db)
    with pytest.raises(ledger.Refused) as refused:
        commit(workspace)
    assert "al aangeleverd" in refused.value.problems[0].rule and "Jan de Vries" in refused.value.problems[0].rule
    assert snapshot(data_dir, db) == before


def test_an_excel_delivery_of_staffing_with_ja_nee_commits(workspace):
    data_dir, db = workspace
    frame = pl.DataFrame({"region": ["fryslan"], "year": [NEXT_YEAR], "functie": ["Procesregisseur"],
                          "functiegroep": ["procesregie"], "personen": [None], "fte": ["4,5"], "in_natura": ["Nee"]})
    entry = commit(workspace, xlsx(frame), f"formatie {NEXT_YEAR}.xlsx", table="personeel")
    con = duckdb.connect(str(db), read_only=True)
    assert con.sql(f"select fte, in_natura from personeel where source_document = '{entry['aanlevering']}'").fetchall() == [(4.5, False)]
    con.close()


def zvh(capsys, *args: str) -> subprocess.CompletedProcess:
    """`zvh ...` run in this process: the same `main` as `python -m zvh.cli` without a Python start each time (the
    crash tests here and tests/test_build.py start it as a program)."""
    code = cli.main(list(args))
    out = capsys.readouterr()
    return subprocess.CompletedProcess(["zvh", *args], code, out.out, out.err)


def test_cli_dry_run_shows_the_effect_and_changes_nothing(workspace, tmp_path, capsys):
    data_dir, db = workspace
    before = snapshot(data_dir, db)
    aanlevering = tmp_path / "correctie.csv"
    aanlevering.write_bytes(f"{HEADER}\ngroningen;2024;mensenhandel;signalen;;;161;aantal\n"
                         f"groningen;{NEXT_YEAR};mensenhandel;signalen;;;171;aantal\n".encode("cp1252"))
    result = zvh(capsys, "commit", str(aanlevering), "--table", "kerncijfers", "--dry-run", "--db", str(db), "--data", str(data_dir))
    assert result.returncode == 0, result.stderr
    assert "1 added, 1 changed, 0 unchanged" in result.stdout
    assert "groningen 2024 mensenhandel signalen: value 160.0 -> 161.0 (was 000_cb3dced61b54968c.txt)" in result.stdout
    assert snapshot(data_dir, db) == before


def test_cli_commit_then_rollback(workspace, tmp_path, capsys):
    data_dir, db = workspace
    before = snapshot(data_dir, db)
    aanlevering = tmp_path / f"cijfers_{NEXT_YEAR}.csv"
    aanlevering.write_bytes(NEW_SIGNALS)
    result = zvh(capsys, "commit", str(aanlevering), "--table", "kerncijfers", "--who", "Jan", "--db", str(db), "--data", str(data_dir))
    assert result.returncode == 0, result.stderr
    assert ledger.active_aanleveringen(data_dir)[0]["wie"] == "Jan"
    result = zvh(capsys, "rollback", "--who", "Jan", "--db", str(db), "--data", str(data_dir))
    assert result.returncode == 0, result.stderr
    assert snapshot(data_dir, db) == before


def test_cli_names_the_bad_row_and_exits_1(workspace, tmp_path, capsys):
    data_dir, db = workspace
    aanlevering = tmp_path / "fout.csv"
    aanlevering.write_text(f"{HEADER}\ngroningen;{NEXT_YEAR};mensenhandel;signalen;;;-3;aantal\n", encoding="utf-8")
    result = zvh(capsys, "commit", str(aanlevering), "--table", "kerncijfers", "--db", str(db), "--data", str(data_dir))
    assert result.returncode == 1
    assert "fout.csv, rij 2, kolom 'value': mag niet negatief zijn" in result.stderr
    assert zvh(capsys, "rollback", "--db", str(db), "--data", str(data_dir)).returncode == 1  # nothing to roll back


def test_a_staffing_correction_of_persons_only_needs_a_reason_and_is_then_shown(workspace):
    from tests.test_staging import staffing_2020

    data_dir, db = workspace
    data = staffing_2020({"procesregisseur": "7", "totaal": "22"}).encode()
    with pytest.raises(ledger.Refused, match="geef een reden op"):
        commit(workspace, data, "personeel_2020.csv", table="personeel")
    entry = commit(workspace, data, "personeel_2020.csv", reason="Eén procesregisseur was niet meegeteld",
                   table="personeel")
    assert (entry["toegevoegd"], entry["gewijzigd"], entry["ongewijzigd"]) == (0, 2, 6)
    con = open_readonly(db)
    shown = con.sql("select categorie, value from facts where theme = 'personeel' and metric = 'personen' "
                    "and year = 2020 and is_preferred and categorie in ('Totaal', 'Procesregisseurs (maatwerk, jeugd, "
                    "nazorg detentie)') order by 1").fetchall()
    con.close()
    assert shown == [("Procesregisseurs (maatwerk, jeugd, nazorg detentie)", 7.0), ("Totaal", 22.0)]


def test_a_figure_marked_uncertain_by_a_delivery_needs_a_reason(workspace):
    data = (f"{HEADER};certainty;uncertainty_reason\n"
            "groningen;2024;mensenhandel;signalen;;;160;aantal;onzeker;Dubbeltellingen niet uitgesloten\n").encode()
    with pytest.raises(ledger.Refused, match="geef een reden op"):
        commit(workspace, data, "onzeker.csv")
    assert commit(workspace, data, "onzeker.csv", reason="Navraag bij de politie")["gewijzigd"] == 1


def test_a_page_opened_after_a_killed_commit_completes_it_before_it_reads(workspace):
    from tests.apptest import open_page
    data_dir, db = workspace  # the app's ZVH_DATA and ZVH_DB
    died = subprocess.run([sys.executable, "-c", CRASH_AT_SWAP, str(data_dir), str(db)], input=NEW_SIGNALS)
    assert died.returncode == 9
    open_page("mensenhandel")
    assert ledger.history(data_dir)["actie"].to_list() == ["bezig", "aanlevering"]


def test_zvh_build_after_a_killed_commit_undoes_it_first(workspace):
    data_dir, db = workspace
    died = subprocess.run([sys.executable, "-c", CRASH_BEFORE_SWAP, str(data_dir), str(db)], input=NEW_SIGNALS)
    assert died.returncode == 9
    built = subprocess.run([sys.executable, "-m", "zvh.cli", "build", "--db", str(db), "--data", str(data_dir)],
                           capture_output=True, text=True)
    assert built.returncode == 0
    assert ledger.history(data_dir)["actie"].to_list() == ["bezig", "afgebroken"]
    con = open_readonly(db)
    assert con.sql(f"select count(*) from facts where year = {NEXT_YEAR}").fetchall() == [(0,)]  # not built into it
    con.close()
