"""Named queries: one `.sql` file per query in `queries/`, values bound by name, never pasted into the text."""

import re
from dataclasses import dataclass
from functools import cache

import duckdb
import polars as pl

from zvh.paths import QUERIES

PLACEHOLDER = re.compile(r"\$([a-z_][a-z0-9_]*)")
COMMENT = re.compile(r"--[^\n]*")


class QueryError(Exception):
    """A named query is missing or called with parameters that do not match its placeholders."""


@dataclass(frozen=True)
class Query:
    name: str
    text: str
    description: str
    params: frozenset[str]


@cache
def load(name: str) -> Query:
    """Load `queries/<name>.sql`; its first comment line is the description of one result row."""
    path = QUERIES / f"{name}.sql"
    if not re.fullmatch(r"[a-z0-9_]+", name) or not path.is_file():
        raise QueryError(f"unknown query '{name}' (no file {path})")
    text = path.read_text(encoding="utf-8")
    first = text.lstrip().splitlines()[0] if text.strip() else ""
    description = first.removeprefix("--").strip() if first.startswith("--") else ""
    params = frozenset(PLACEHOLDER.findall(COMMENT.sub("", text)))
    return Query(name, text, description, params)


def examples() -> list[Query]:
    """The example queries for analysts: `queries/voorbeeld_*.sql`, without parameters."""
    return [load(p.stem) for p in sorted(QUERIES.glob("voorbeeld_*.sql"))]


def run(con: duckdb.DuckDBPyConnection, name: str, **params) -> pl.DataFrame:
    """Run a named query with its parameters bound; refuse missing or unexpected parameters."""
    query = load(name)
    given = set(params)
    if given != query.params:
        missing, extra = sorted(query.params - given), sorted(given - query.params)
        raise QueryError(f"queries/{name}.sql: missing parameters {missing}, unexpected {extra}")
    return con.sql(query.text, params=params or None).pl()
