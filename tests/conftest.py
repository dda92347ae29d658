import hashlib
import shutil
from pathlib import Path

import polars as pl
import pytest

from validation.common import last_year
from zvh.aanlevering.ledger import HISTORY_FILE
from zvh.paths import DATA, SEEDS
from zvh.store.build import build
from zvh.store.db import open_readonly


def newest_year(data_dir: Path = DATA) -> int:
    """The newest year any figure in `data_dir` is about."""
    return max(pl.read_csv(path, infer_schema=False, columns=["year"])["year"].cast(pl.Int64).max()
               for table in ("kerncijfers", "verdelingen", "financien", "personeel")
               for path in (data_dir / table).glob("*.csv"))


NEXT_YEAR = newest_year() + 1  # what a delivery of new figures is about: next year's, not a year already reported
assert NEXT_YEAR <= last_year(), "figures are never about the future: the suite needs a newest year in the past"


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


@pytest.fixture
def workspace(data_copy, built_db, monkeypatch) -> tuple[Path, Path]:
    """A private data/ with its database, as a deployment with its own ZVH_DATA and ZVH_DB: what the app and the
    CLI work on and a test may change. The database is the session's, copied: built from identical sources
    (no writer has it open, so a file copy is a consistent one)."""
    db = data_copy / "zvh.duckdb"
    shutil.copy(built_db, db)
    monkeypatch.setenv("ZVH_DATA", str(data_copy))
    monkeypatch.setenv("ZVH_DB", str(db))
    return data_copy, db


TESTLAND = Path(__file__).with_name("fixtures") / "testland"


@pytest.fixture(scope="session")
def testland(tmp_path_factory) -> tuple[Path, Path]:
    """A copy of data/ joined by the fictitious third region Testland (tests/fixtures/testland), as rows and
    files only, and its database."""
    data_dir = copy_of_data(tmp_path_factory.mktemp("testland") / "data")
    for rows in (TESTLAND / "reference").glob("*.csv"):
        target = data_dir / "reference" / rows.name
        header, *lines = rows.read_text(encoding="utf-8").splitlines()
        assert header == target.read_text(encoding="utf-8").splitlines()[0], f"{rows.name}: other columns"
        with target.open("a", encoding="utf-8") as f:
            f.write("".join(f"{line}\n" for line in lines))
    for table in ("kerncijfers", "financien"):
        for figures in (TESTLAND / table).glob("*.csv"):
            shutil.copy(figures, data_dir / table / figures.name)
    db = data_dir / "zvh.duckdb"
    build(db, data_dir)
    return data_dir, db


def testland_clone(text: str, n: int) -> str:
    """A Testland fixture file's text as that of region `n` (Testland n): its codes, names and tile row its own."""
    for old, new in (("testland", f"testland{n}"), ("Testland", f"Testland {n}"), ("zvht", f"zvht{n}"),
                     ("ZVHT", f"ZVHT{n}"), ("GM99", f"GM9{n}"), ("Fictiefdorp", f"Fictiefdorp {n}"),
                     ("Verzinstad", f"Verzinstad {n}"), (f"Testland {n},3,", f"Testland {n},{n},"),  # regio.volgorde
                     (",20,0\n", f",20,{n}\n"), (",21,0\n", f",21,{n}\n")):  # gemeente_tegels: kolom, rij
        text = text.replace(old, new)
    return text


@pytest.fixture(scope="session")
def many_regions(tmp_path_factory) -> tuple[Path, Path]:
    """A copy of data/ joined by Testland and four clones of it (Testland 4 … Testland 7, `testland_clone`): seven
    regions, more than a page opens on (`ui.FEW_REGIONS`)."""
    data_dir = copy_of_data(tmp_path_factory.mktemp("many_regions") / "data")
    for n in (3, 4, 5, 6, 7):  # 3: Testland itself (regio.volgorde 3)
        renamed = (lambda text: text) if n == 3 else (lambda text: testland_clone(text, n))  # noqa: B023 - used now
        for rows in (TESTLAND / "reference").glob("*.csv"):
            header, *lines = renamed(rows.read_text(encoding="utf-8")).splitlines()
            with (data_dir / "reference" / rows.name).open("a", encoding="utf-8") as f:
                f.write("".join(f"{line}\n" for line in lines))
        for table in ("kerncijfers", "financien"):
            for figures in (TESTLAND / table).glob("*.csv"):
                (data_dir / table / renamed(figures.name)).write_text(renamed(figures.read_text(encoding="utf-8")),
                                                                      encoding="utf-8")
    db = data_dir / "zvh.duckdb"
    build(db, data_dir)
    return data_dir, db


def point_at(deployment: tuple[Path, Path], monkeypatch) -> Path:
    """Point the app and the CLI at a data folder and its database (ZVH_DATA, ZVH_DB)."""
    data_dir, db = deployment
    monkeypatch.setenv("ZVH_DATA", str(data_dir))
    monkeypatch.setenv("ZVH_DB", str(db))
    return data_dir


@pytest.fixture
def on_many_regions(many_regions, monkeypatch) -> Path:
    return point_at(many_regions, monkeypatch)


@pytest.fixture
def on_testland(testland, monkeypatch) -> Path:
    return point_at(testland, monkeypatch)


def copy_of_data(target: Path, source: Path = DATA) -> Path:
    """`target` as a copy of data/'s (or `source`'s) sources only: no built database, and none of a local load's
    history, backups or temporary files."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.duckdb*", ".zvh*", HISTORY_FILE))
    return target


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A private copy of data/ (without any built database) that a test may break."""
    return copy_of_data(tmp_path / "data")


needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed texts not found at {SEEDS}")


def pytest_collection_modifyitems(items):
    """The browser tests run one after another in one pytest-xdist worker (`--dist loadgroup`), the other tests
    beside them: two Chromiums and two servers at once on two cores would slow each past its timeouts."""
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture
def app_db_without(tmp_path, monkeypatch):
    """Point the app at a database built from data/ minus the population rows for which `drop(row)` is true: the
    pages' answer to a year without inhabitants, now that every report year has them."""
    def build_without(drop) -> Path:
        data = copy_of_data(tmp_path / "data")
        path = data / "reference" / "bevolking.csv"
        header, *lines = path.read_text(encoding="utf-8").splitlines()
        names = header.split(",")
        kept = [line for line in lines if not drop(dict(zip(names, line.split(",")[:len(names)])))]
        assert len(kept) < len(lines)
        path.write_text("\n".join([header, *kept]) + "\n", encoding="utf-8")
        build(tmp_path / "zvh.duckdb", data)
        monkeypatch.setenv("ZVH_DB", str(tmp_path / "zvh.duckdb"))
        return tmp_path / "zvh.duckdb"
    return build_without
