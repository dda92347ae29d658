"""Every path the project uses, resolved from the repository root (never the working directory)."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
REFERENCE = DATA / "reference"
QUERIES = ROOT / "queries"
SEEDS = ROOT.parent / "shared" / "seeds"


def default_db() -> Path:
    """Return the database the app and CLI use: `ZVH_DB` if set, else `data/zvh.duckdb`."""
    return Path(os.environ.get("ZVH_DB", DATA / "zvh.duckdb"))
