"""Open the database the one way the whole process uses: read-only and locked down."""

from pathlib import Path

import duckdb

from zvh.build import build
from zvh.paths import default_data

# One configuration for every reader in the process: DuckDB refuses a second connection to the same
# file with a different configuration, and the SQL workbench needs the locked-down one.
READ_ONLY_CONFIG = {
    "enable_external_access": False, "lock_configuration": True, "memory_limit": "2GB", "threads": 2,
}


def ensure_database(path: Path) -> Path:
    """Build the database on first start; an existing file is used as it is."""
    if not path.exists():
        build(path, default_data())
    return path


def open_readonly(path: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(path), read_only=True, config=READ_ONLY_CONFIG)
