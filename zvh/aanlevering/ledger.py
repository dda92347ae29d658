"""Commit a checked aanlevering to data/ and the database, keep its history, and roll the latest one back.

A commit writes the delivery as a source CSV under data/<table>/ with its row in reference/bronnen.csv,
so `zvh build` rebuilds the same database from the repository. The new database is built from a staged
copy first: when anything is wrong, data/ and the database are untouched. The replaced database file is
kept, because DuckDB builds are never byte-identical: rolling back restores that file byte for byte.
"""

import csv
import hashlib
import io
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from validation.problems import Problem
from zvh.aanlevering import staging
from zvh.aanlevering.upload import read_upload
from zvh.source.regions import read as read_regions
from zvh.store.build import build
from zvh.store.locks import alive, exclusive

HISTORY_FILE = "aanleveringen.csv"
HISTORY_COLUMNS = ["tijdstip", "actie", "aanlevering", "tabel", "bestand", "sha256", "wie", "rol",
                   "toegevoegd", "gewijzigd", "ongewijzigd", "reden", "database_sha256"]
ROLLING_BACK = "terugdraaien_bezig"  # history mark of a rollback under way ("bezig": of a commit)
BOOKKEEPING = {"bezig", ROLLING_BACK}  # marks, not events: a finished action has its own row
BACKUPS = ".zvh-terugdraaien"  # beside the database: previous files, to roll back to


class Refused(Exception):
    """The delivery or rollback cannot go ahead; the message (Dutch) says why, `problems` says where."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = problems or []


@dataclass(frozen=True)
class Aanlevering:
    table: str
    name: str  # the file name as uploaded
    sha256: str
    dialect: str
    check: staging.Check

    @property
    def document(self) -> str:
        """The name it is stored under, as checked (it carries the time of the check)."""
        return self.check.rows["source_document"][0]


def preview(table: str, name: str, data: bytes, data_dir: Path, regions: list[str] | None = None) -> Aanlevering:
    """Read and check a delivery without changing anything; raises UploadError for an unreadable file.

    `regions`: the regions the person delivering may deliver for (None: any, as on the command line).
    """
    upload = read_upload(name, data, staging.numeric_columns(table))
    sha = hashlib.sha256(data).hexdigest()
    for committed in active_aanleveringen(data_dir):
        if committed["sha256"] == sha:
            when = committed["tijdstip"][:16].replace("T", " om ")
            problem = Problem(name, None, None, None, f"dit bestand is al aangeleverd op {when} door {committed['wie']}")
            return Aanlevering(table, name, sha, upload.dialect, staging.Check([problem], *[pl.DataFrame()] * 4))
    return Aanlevering(table, name, sha, upload.dialect, staging.check(table, upload, name, sha, data_dir, regions))


def commit(table: str, name: str, data: bytes, who: str, reason: str, data_dir: Path, db_path: Path, *,
           regions: list[str] | None = None, role: str = "") -> dict:
    """Check again (the data may have changed since the preview), then write data/ and swap the database in.

    The history gets a "bezig" row before anything changes and the "aanlevering" row once all is done. The
    swap of the database is the moment it takes effect: a commit that fails or dies before it is undone,
    one that dies after it is completed (`recover`); a reader never sees a delivery that is later undone.
    """
    who, reason = who.strip(), reason.strip()
    if not who:
        raise Refused("Vul uw naam in: de geschiedenis legt vast wie wat heeft aangeleverd.")
    with exclusive(data_dir):  # one commit or rollback at a time, also across processes
        recover(data_dir, db_path)
        aanlevering = preview(table, name, data, data_dir, regions)
        result = aanlevering.check
        if result.problems:
            count = len(result.problems)
            raise Refused(f"De aanlevering is geweigerd: {count} {'probleem' if count == 1 else 'problemen'}; "
                          "er is niets geladen.", result.problems)
        if result.added.is_empty() and result.changed.is_empty():
            raise Refused("Deze aanlevering verandert niets: alle rijen staan er al met dezelfde waarde.")
        if not result.changed.is_empty() and not reason:
            raise Refused("Deze aanlevering wijzigt cijfers die al gepubliceerd zijn: geef een reden op.")
        document = aanlevering.document
        source_csv = result.rows.write_csv().encode("utf-8")
        bronnen = data_dir / "reference" / "bronnen.csv"
        bronnen_bytes = staging.with_bronnen_line(bronnen.read_bytes(), document, result.rows, name, read_regions(data_dir))
        new_db = _new_path(db_path, document)
        new_db.parent.mkdir(exist_ok=True)
        build(new_db, sources=result.sources)  # what the check validated: the same files this commit writes
        entry = {"aanlevering": document, "tabel": table, "bestand": name, "sha256": aanlevering.sha256, "wie": who, "rol": role,
                 "toegevoegd": result.added.height, "gewijzigd": result.changed.height,
                 "ongewijzigd": result.unchanged.height, "reden": reason}
        try:
            started = _append_history(data_dir, {**entry, "actie": "bezig",
                                                 "database_sha256": _sha256(db_path) if db_path.exists() else ""})
            _keep_previous(db_path, document)
            _write_atomic(bronnen, bronnen_bytes)  # first: a document without rows is harmless to a build
            _write_atomic(data_dir / table / document, source_csv)
            os.replace(new_db, db_path)
            return _append_history(data_dir, {**entry, "actie": "aanlevering", "database_sha256": _sha256(db_path)})
        except BaseException:
            if "started" in locals():
                _undo(started, data_dir, db_path)
            raise
        finally:
            new_db.unlink(missing_ok=True)


def rollback(document: str, who: str, data_dir: Path, db_path: Path, *, role: str = "") -> dict:
    """Undo the latest aanlevering: its files go, and the database it replaced comes back byte for byte.

    Each step can be repeated: a rollback that was interrupted is finished by running it again.
    """
    who = who.strip()
    if not who:
        raise Refused("Vul uw naam in: de geschiedenis legt vast wie wat heeft teruggedraaid.")
    with exclusive(data_dir):  # one commit or rollback at a time, also across processes
        recover(data_dir, db_path)
        active = active_aanleveringen(data_dir)
        if not active:
            raise Refused("Er is geen aanlevering om terug te draaien.")
        committed = active[-1]
        if committed["aanlevering"] != document:
            raise Refused(f"Alleen de laatste aanlevering ({committed['bestand']}) kan worden teruggedraaid; "
                          "draai eerst de latere aanleveringen terug.")
        entry = {**{c: committed[c] for c in ("aanlevering", "tabel", "bestand", "sha256", "database_sha256")},
                 "wie": who, "rol": role, "toegevoegd": "", "gewijzigd": "", "ongewijzigd": "", "reden": ""}
        # Marked before anything changes: a rollback whose process dies is finished by the next action.
        _append_history(data_dir, {**entry, "actie": ROLLING_BACK})
        return _finish_rollback(entry, data_dir, db_path)


def _finish_rollback(entry: dict, data_dir: Path, db_path: Path) -> dict:
    """Remove the aanlevering's files and bring back the database it replaced; every step can be repeated.

    `entry["database_sha256"]` is the database the commit made, the one to replace.
    """
    _remove_files(entry, data_dir)
    backup = _backup_path(db_path, entry["aanlevering"])
    current = _sha256(db_path) if db_path.exists() else ""
    if current and current == _database_before(entry["aanlevering"], data_dir):
        backup.unlink(missing_ok=True)  # already back (a rollback that died after this step)
    # The kept file is only the right one if nothing rebuilt the database since (a `zvh build`, a pull).
    elif backup.exists() and current == entry["database_sha256"]:
        os.replace(backup, db_path)
    else:
        build(db_path, data_dir)
        backup.unlink(missing_ok=True)
    return _append_history(data_dir, {**entry, "actie": "teruggedraaid", "database_sha256": _sha256(db_path)})


def _database_before(document: str, data_dir: Path) -> str:
    """The SHA-256 of the database a commit replaced (its "bezig" row records it)."""
    started = history(data_dir).filter((pl.col("aanlevering") == document) & (pl.col("actie") == "bezig"))
    return started["database_sha256"][-1] if started.height else ""


def recover(data_dir: Path, db_path: Path) -> list[str]:
    """Finish what a process that died left: an unfinished commit is undone, or completed when its database
    was already swapped in; an unfinished rollback is completed.

    Returns the files of the commits that were undone. Call with the lock held, or through `commit`/`rollback`.
    """
    _remove_debris(data_dir, db_path)
    commits: dict[str, dict] = {}
    rollbacks: dict[str, dict] = {}
    for row in history(data_dir).to_dicts():
        document = row["aanlevering"]
        if row["actie"] == "bezig":
            commits[document] = row
        elif row["actie"] == ROLLING_BACK:
            rollbacks[document] = row
        else:
            commits.pop(document, None)
            if row["actie"] == "teruggedraaid":
                rollbacks.pop(document, None)
    undone = []
    for row in commits.values():
        # Nothing else changes the database while the lock is held: if it is not the one the commit
        # started from, the commit swapped its own in, and only the closing history row is missing.
        live = _sha256(db_path) if db_path.exists() else None
        if live is not None and live != row["database_sha256"]:
            _append_history(data_dir, {**row, "actie": "aanlevering", "database_sha256": live})
        else:
            _undo(row, data_dir, db_path)
            undone.append(row["bestand"])
    for row in rollbacks.values():
        _finish_rollback(row, data_dir, db_path)
    return undone


def _remove_debris(data_dir: Path, db_path: Path) -> None:
    """Remove what a killed writer left half-written beside the real files: temporary files of processes that
    are gone, and a database a commit was still building (with the lock held, no commit builds)."""
    for tmp in data_dir.rglob(".*.tmp"):
        pid = tmp.name.split(".")[-2]  # `_write_atomic` names them .<name>.<pid>.tmp
        if pid.isdigit() and not alive(int(pid)):
            tmp.unlink(missing_ok=True)
    for building in (db_path.parent / BACKUPS).glob("*.nieuw.duckdb*"):  # the database and its build's temps
        building.unlink(missing_ok=True)


def recover_locked(data_dir: Path, db_path: Path) -> list[str]:
    """`recover`, taking the lock: for the page and the CLI before they show the state."""
    with exclusive(data_dir):  # one commit or rollback at a time, also across processes
        return recover(data_dir, db_path)


_settled: dict[Path, tuple] = {}  # per history file: how it was when nothing was left unfinished


def settle(data_dir: Path, db_path: Path) -> list[str]:
    """Before the state is read: finish what a writer that died left (see `recover`), so that no reader
    sees half of it. Costs one `stat` while the history is unchanged; never waits for a writer at work
    (its delivery shows once its database is swapped in, and then stays)."""
    path = data_dir / HISTORY_FILE
    try:
        seen = path.stat()
    except FileNotFoundError:
        return []
    key = (seen.st_ino, seen.st_mtime_ns, seen.st_size)
    if _settled.get(path) == key:
        return []
    last = history(data_dir)["actie"].to_list()[-1:]  # an unfinished action is always the last: each one recovers first
    if last and last[0] in BOOKKEEPING:
        try:
            with exclusive(data_dir, wait=False):
                return recover(data_dir, db_path)
        except BlockingIOError:
            return []  # a writer is at work; it finishes, or the next read after it died recovers
    _settled[path] = key
    return []


def history(data_dir: Path) -> pl.DataFrame:
    """Every commit and rollback, oldest first (all columns text)."""
    path = data_dir / HISTORY_FILE
    if not path.exists():
        return pl.DataFrame(schema={c: pl.String for c in HISTORY_COLUMNS})
    frame = pl.read_csv(path, infer_schema=False)
    # A history written before a column existed (e.g. `rol`, since sign-in) reads with that column empty.
    return frame.select(pl.col(c) if c in frame.columns else pl.lit(None, pl.String).alias(c) for c in HISTORY_COLUMNS)


def active_aanleveringen(data_dir: Path) -> list[dict]:
    """The aanleveringen that are in effect (not rolled back), oldest first."""
    active: dict[str, dict] = {}  # in history order: the same file may be committed again after a rollback
    for row in history(data_dir).to_dicts():
        if row["actie"] == "aanlevering":
            active[row["aanlevering"]] = row
        elif row["actie"] == "teruggedraaid":
            active.pop(row["aanlevering"], None)
    return list(active.values())


def _undo(started: dict, data_dir: Path, db_path: Path) -> None:
    """Put back what an unfinished commit changed, and record that it was broken off."""
    _remove_files(started, data_dir)
    backup = _backup_path(db_path, started["aanlevering"])
    if backup.exists():
        if db_path.exists() and _sha256(db_path) != started["database_sha256"]:
            os.replace(backup, db_path)  # the new database was already swapped in
        else:
            backup.unlink()
    _append_history(data_dir, {**started, "actie": "afgebroken", "database_sha256": _sha256(db_path) if db_path.exists() else ""})


def _remove_files(committed: dict, data_dir: Path) -> None:
    """Remove an aanlevering's rows, then its bronnen row (a bronnen row without rows is harmless to a build)."""
    (data_dir / committed["tabel"] / committed["aanlevering"]).unlink(missing_ok=True)
    bronnen = data_dir / "reference" / "bronnen.csv"
    lines = bronnen.read_bytes().splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(f"{committed['aanlevering']},".encode())]
    if len(kept) != len(lines):
        _write_atomic(bronnen, b"".join(kept))


def _backup_path(db_path: Path, document: str) -> Path:
    return db_path.parent / BACKUPS / f"{Path(document).stem}.duckdb"


def _new_path(db_path: Path, document: str) -> Path:
    """Where a commit builds its database before swapping it in: known to `recover` by the document."""
    return db_path.parent / BACKUPS / f"{Path(document).stem}.nieuw.duckdb"


def _keep_previous(db_path: Path, document: str) -> None:
    if not db_path.exists():
        return
    backup = _backup_path(db_path, document)
    backup.parent.mkdir(exist_ok=True)
    backup.unlink(missing_ok=True)
    try:
        os.link(db_path, backup)  # the swap replaces the name, so the old file lives on under this one
    except OSError:
        shutil.copy2(db_path, backup)


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _append_history(data_dir: Path, entry: dict) -> dict:
    entry = {**entry, "tijdstip": staging.now().isoformat(timespec="seconds")}
    path = data_dir / HISTORY_FILE
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=HISTORY_COLUMNS, lineterminator="\n")
    existing = path.read_bytes() if path.exists() else b""
    if existing.split(b"\n", 1)[0].decode("utf-8") != ",".join(HISTORY_COLUMNS):  # new, or of an older layout
        writer.writeheader()
        writer.writerows(history(data_dir).to_dicts())
        existing = b""
    writer.writerow(entry)
    _write_atomic(path, existing + buffer.getvalue().encode("utf-8"))
    return entry


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
