"""The first start of a fresh deployment: one build, however many sessions and replicas open it at once."""

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import sha256
from zvh.store import build as build_module
from zvh.store import db as db_module
from zvh.store.db import ensure_database, open_readonly


@pytest.fixture
def fresh(data_copy, monkeypatch):
    """A deployment whose database was never built."""
    monkeypatch.setenv("ZVH_DATA", str(data_copy))
    return data_copy / "zvh.duckdb"


def test_six_sessions_at_once_build_once_and_all_get_the_database(fresh, monkeypatch):
    builds = []
    real_build = build_module.build

    def counted(*args):
        builds.append(threading.get_ident())
        return real_build(*args)

    monkeypatch.setattr(build_module, "build", counted)  # ensure_database imports it when it builds
    start, errors = threading.Barrier(6), []

    def session():
        start.wait()
        try:
            con = open_readonly(ensure_database(fresh))
            assert con.sql("select count(*) from facts").fetchall()[0][0] > 0
            con.close()
        except Exception as error:  # collected: an assert in a thread would not fail the test
            errors.append(error)

    threads = [threading.Thread(target=session) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(builds) == 1
    assert sorted(p.name for p in fresh.parent.glob(".zvh.duckdb.*")) == [".zvh.duckdb.lock"]  # no temp left


REPLICA = """
import sys
from pathlib import Path
from zvh.store.db import ensure_database, open_readonly
path = ensure_database(Path(sys.argv[1]))
con = open_readonly(path)
print(path.stat().st_ino, con.sql("select count(*) from facts").fetchall()[0][0])
"""


def test_two_replicas_on_one_data_folder_build_once(fresh):
    replicas = [subprocess.Popen([sys.executable, "-c", REPLICA, str(fresh)], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [r.communicate(timeout=120) for r in replicas]
    assert [r.returncode for r in replicas] == [0, 0], [err[-2000:] for _, err in outputs]
    seen = {out.split()[0] for out, _ in outputs}
    assert len(seen) == 1  # both opened the same file: a second build would have swapped in another


KILLED_BUILD = """
import os, sys
from pathlib import Path
from zvh.store import build
real_connect = build.duckdb.connect
class DiesAtTheFourthTable:
    def __init__(self, con):
        self.con, self.statements = con, 0
    def __getattr__(self, name):
        return getattr(self.con, name)
    def execute(self, *args):
        self.statements += 1
        if self.statements == 4:
            os._exit(9)  # killed: no except, no finally
        return self.con.execute(*args)
build.duckdb.connect = lambda *a, **k: DiesAtTheFourthTable(real_connect(*a, **k))
build.build(Path(sys.argv[1]), Path(sys.argv[2]))
"""


def test_a_build_killed_halfway_leaves_the_previous_database_and_the_next_build_cleans_up(data_copy):
    db = data_copy / "zvh.duckdb"
    build_module.build(db, data_copy)
    before = sha256(db)
    died = subprocess.run([sys.executable, "-c", KILLED_BUILD, str(db), str(data_copy)])
    assert died.returncode == 9
    assert sha256(db) == before
    assert list(data_copy.glob(".zvh.duckdb.*.tmp*"))  # what the killed build left
    con = open_readonly(db)
    assert con.sql("select count(*) from facts").fetchall()[0][0] > 0
    con.close()
    build_module.build(db, data_copy)
    assert not list(data_copy.glob(".zvh.duckdb.*.tmp*"))


def test_a_first_start_whose_build_was_killed_builds_on_the_next_start(fresh):
    died = subprocess.run([sys.executable, "-c", KILLED_BUILD, str(fresh), str(fresh.parent)])
    assert died.returncode == 9 and not fresh.exists()
    con = open_readonly(ensure_database(fresh))
    assert con.sql("select count(*) from facts").fetchall()[0][0] > 0
    con.close()


def test_large_reads_spill_to_a_bounded_folder_outside_data(built_db):
    con = open_readonly(built_db)
    folder, limit = con.sql("select current_setting('temp_directory'), current_setting('max_temp_directory_size')").fetchall()[0]
    con.close()
    assert Path(folder).parent == db_module.SPILL_ROOT and not Path(folder).is_relative_to(built_db.parent)
    assert limit == "3.7 GiB"  # SPILL_LIMIT, 4 GB, in DuckDB's own wording


def test_the_spill_of_a_killed_process_is_removed_at_the_next_start():
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    left = db_module.SPILL_ROOT / dead.stdout.strip()
    left.mkdir(parents=True, exist_ok=True)
    (left / "duckdb_temp_block-1.block").write_bytes(b"x" * 1024)
    assert db_module.spill_folder().name == str(os.getpid())
    assert not left.exists()


def test_a_version_name_left_by_a_killed_process_is_removed_at_the_next_open(built_db, tmp_path, monkeypatch):
    db = tmp_path / "zvh.duckdb"
    shutil.copy(built_db, db)
    older = tmp_path / "older.duckdb"
    shutil.copy(built_db, older)
    left = tmp_path / f".zvh.duckdb.open-{older.stat().st_ino}"
    os.link(older, left)  # as a process killed between making its link and opening it leaves it
    older.unlink()
    monkeypatch.setattr(db_module, "STALE_LINK_S", -1.0)  # the link counts as old at once
    db_module.open_version(db).close()
    assert not list(tmp_path.glob(".*open-*"))


@pytest.mark.parametrize("older", ["alter table build_info drop column schema_version",  # before it was recorded
                                   "update build_info set schema_version = 'older'"])
def test_a_database_built_by_older_code_is_built_again_from_the_same_sources_on_first_start(workspace, older):
    # An upgrade: the code that shapes the database changed since it was built (here: a view it now has is missing,
    # and build_info records no or another code version), so the pages would ask for what the file lacks.
    _, db = workspace
    import duckdb
    with duckdb.connect(str(db)) as con:
        version = con.sql("select data_version from build_info").fetchall()
        con.sql("drop view vindplaats")
        con.sql(older)
    assert db_module.built_by_other_code(db)
    ensure_database(db)
    assert not db_module.built_by_other_code(db)
    with open_readonly(db) as con:
        assert con.sql("select count(*) from vindplaats").fetchall()[0][0] > 0
        assert con.sql("select data_version from build_info").fetchall() == version  # the same data


def test_a_database_built_by_this_code_is_used_as_it_is(workspace):
    _, db = workspace
    before = db.stat()
    ensure_database(db)
    assert (db.stat().st_ino, db.stat().st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
