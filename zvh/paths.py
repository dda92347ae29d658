"""Every path the project uses, resolved from the repository root (never the working directory)."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
REFERENCE = DATA / "reference"
QUERIES = ROOT / "queries"
SEEDS = ROOT.parent / "shared" / "seeds"


def default_data() -> Path:
    """Return the source data folder the app and CLI use: `ZVH_DATA` if set, else `data/`."""
    return Path(os.environ.get("ZVH_DATA", DATA))


def default_db() -> Path:
    """Return the database the app and CLI use: `ZVH_DB` if set, else `zvh.duckdb` in the data folder."""
    return Path(os.environ.get("ZVH_DB", default_data() / "zvh.duckdb"))
