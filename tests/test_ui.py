"""zvh.web.ui's cache of a page's shaping: done once per database version and choice, anew for a swapped-in file."""

import os
import shutil

import duckdb
import polars as pl

from zvh.web import ui

done: list[str] = []


def region_names(query, region: str) -> pl.DataFrame:
    """A page's shaping as zvh.present writes it: a function of named queries and a choice."""
    done.append(region)
    return query("regios").filter(pl.col("region") == region)


def test_a_shaping_is_done_once_per_database_version_and_choice(workspace, tmp_path):
    _, db = workspace
    done.clear()
    first = ui.shaped(region_names, "groningen")
    assert first["naam"].to_list() == ["Groningen"]
    assert ui.shaped(region_names, "groningen") is first  # a rerun takes the shaped result as it is
    assert ui.shaped(region_names, "fryslan")["naam"].to_list() == ["Fryslân"]
    assert done == ["groningen", "fryslan"]

    # Another process swaps in a new build (here: the same build with a renamed region) under the same name.
    new = tmp_path / "new.duckdb"
    shutil.copy(db, new)
    with duckdb.connect(str(new)) as con:
        con.sql("update regio set naam = 'Stad en Ommeland' where region = 'groningen'")
    os.replace(new, db)
    assert ui.shaped(region_names, "groningen")["naam"].to_list() == ["Stad en Ommeland"]
    assert done == ["groningen", "fryslan", "groningen"]


def test_a_new_version_under_a_reused_inode_number_is_shaped_anew(workspace):
    # A file system may give a new build the inode number an old, deleted one had: the version is the number and
    # the modification time, so a cached shaping of the old build is never taken for the new one.
    _, db = workspace
    done.clear()
    ui.shaped(region_names, "groningen")
    with duckdb.connect(str(db)) as con:  # the same file (same inode), written again
        con.sql("update regio set naam = 'Stad en Ommeland' where region = 'groningen'")
    stat = db.stat()
    os.utime(db, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # a coarse clock still moves on
    assert ui.shaped(region_names, "groningen")["naam"].to_list() == ["Stad en Ommeland"]
    assert done == ["groningen", "groningen"]
