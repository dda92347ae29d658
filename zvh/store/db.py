"""Open the database the one way the whole process uses: read-only and locked down."""

import functools
import hashlib
import os
import shutil
import tempfile
import time
from pathlib import Path

import duckdb

from zvh.paths import default_data
from zvh.store.locks import alive, exclusive

SPILL_ROOT = Path(tempfile.gettempdir()) / "zvh-spill"
SPILL_LIMIT = "4GB"


def spill_folder() -> Path:
    """This process's own spill folder; those of processes that are gone are removed (a killed query's spill)."""
    SPILL_ROOT.mkdir(exist_ok=True)
    for folder in SPILL_ROOT.iterdir():
        if folder.name.isdigit() and not alive(int(folder.name)):
            shutil.rmtree(folder, ignore_errors=True)
    return SPILL_ROOT / str(os.getpid())


# One configuration for every reader in the process: DuckDB refuses a second connection to the same
# file with a different configuration. Locked down although only the pages' own queries run on it (the
# werkbank has its worker processes): one mistake should not be enough.
READ_ONLY_CONFIG = {
    "enable_external_access": False, "lock_configuration": True, "memory_limit": "2GB", "threads": 2,
    # A large read spills here, bounded, instead of beside the database in data/ (DuckDB's default).
    "temp_directory": str(spill_folder()), "max_temp_directory_size": SPILL_LIMIT,
}


def ensure_database(path: Path) -> Path:
    """Build the database on first start, and again from the same sources when it was built by other code (an
    upgrade: its tables and views would no longer be the ones the pages ask for); otherwise an existing file is used
    as it is, also one that is no database of this app's (the pages say so; it is never overwritten).

    Many sessions (threads) and replicas (processes) may start at once on a fresh deployment: the first
    takes the lock and builds, the others wait for it and then find the file.
    """
    if path.exists() and not built_by_other_code(path):
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with exclusive(lock_path(path)):
        if not path.exists():
            _build_from(path, default_data())
        elif built_by_other_code(path):
            data_dir = default_data()
            with exclusive(data_dir):  # it replaces the database as a commit does (`zvh build`): never during one
                from zvh.aanlevering import ledger

                ledger.recover(data_dir, path)
                _build_from(path, data_dir)
    return path


def _build_from(path: Path, data_dir: Path) -> None:
    from zvh.store.build import build  # pandera costs seconds to import; a reader with a database never needs it

    build(path, data_dir)


@functools.cache
def schema_version() -> str:
    """A short hash of the code that shapes the database: zvh/store, and the pages' formatting whose texts the build
    writes (vindplaats). What build_info.schema_version records."""
    digest = hashlib.sha256()
    folder = Path(__file__).parent
    for source in sorted([*folder.glob("*.py"), *folder.glob("*.sql"), folder.parent / "present" / "formatting.py"]):
        digest.update(source.name.encode() + source.read_bytes())
    return digest.hexdigest()[:12]


def file_version(path: Path) -> tuple[int, int]:
    """Which version of the file is at `path` now: its inode and modification time (a file system may give a new
    build the inode number of a deleted old one)."""
    stat = path.stat()
    return stat.st_ino, stat.st_mtime_ns


def built_by_other_code(path: Path) -> bool:
    """Whether the file is a database of this app's (it has build_info) that other code built."""
    try:
        con = open_readonly(path)
    except duckdb.Error:
        return False  # no database DuckDB can read
    with con:
        columns = {c for (c,) in con.sql("select column_name from duckdb_columns() where table_name = 'build_info'")
                   .fetchall()}
        if not columns:
            return False
        return "schema_version" not in columns or con.sql("select schema_version from build_info").fetchall() != [
            (schema_version(),)]


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


def open_readonly(path: Path, config: dict = READ_ONLY_CONFIG) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(path), read_only=True, config=config)


STALE_LINK_S = 60.0  # a version's own name lives milliseconds; one this old was left by a killed process


def _remove_stale_links(path: Path, keep: Path) -> None:
    """Remove the version names that killed processes left, which would keep old files on disk for good."""
    for stale in path.parent.glob(f".{path.name}.open-*"):
        try:
            # A link's ctime is when the file's link count last changed: when the name was made.
            if stale != keep and time.time() - stale.stat().st_ctime > STALE_LINK_S:
                stale.unlink()
        except OSError:
            pass  # just removed by another process


def open_version(path: Path, config: dict = READ_ONLY_CONFIG) -> duckdb.DuckDBPyConnection:
    """Open the file as it is now, read-only.

    A load, a rollback or `zvh build` swaps in a new file under the same name, and DuckDB would hand a new
    connection to that name the old, still-open database (STACK.md). Connecting through a name of this
    version's own (a hard link named after its inode and modification time, removed once open) reads the new
    file, while queries still running on the old connection finish undisturbed.
    """
    path = ensure_database(path)
    link = path.with_name(f".{path.name}.open-{'-'.join(map(str, file_version(path)))}")
    _remove_stale_links(path, keep=link)
    try:
        link.unlink(missing_ok=True)
        os.link(path, link)
    except OSError:  # a read-only folder: no link, so a swap is only seen after a restart
        return open_readonly(path, config)
    try:
        return open_readonly(link, config)
    finally:
        link.unlink(missing_ok=True)
