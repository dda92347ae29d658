import hashlib
import shutil
from pathlib import Path

import pytest

from zvh.aanlevering.loads import HISTORY_FILE
from zvh.paths import DATA, SEEDS
from zvh.store.build import build
from zvh.store.db import open_readonly


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="session")
def built_db(tmp_path_factory) -> Path:
    """The real database, built once from data/ for the whole test session."""
    path = tmp_path_factory.mktemp("db") / "zvh.duckdb"
    build(path)
    return path


@pytest.fixture
def app_db(built_db, monkeypatch):
    """Point the app (AppTest runs it in this process) at the test database."""
    monkeypatch.setenv("ZVH_DB", str(built_db))
    return built_db


@pytest.fixture
def con(built_db):
    connection = open_readonly(built_db)
    yield connection
    connection.close()


def copy_of_data(target: Path) -> Path:
    """`target` as a copy of data/'s sources only: no built database, and none of a local load's history,
    backups or temporary files."""
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("*.duckdb*", ".zvh*", HISTORY_FILE))
    return target


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A private copy of data/ (without any built database) that a test may break."""
    return copy_of_data(tmp_path / "data")


needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed texts not found at {SEEDS}")
