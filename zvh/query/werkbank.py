"""Ad-hoc SQL for analysts: anything read-only, nothing else, within a time, memory and size budget.

Layers, so that one mistake is not enough: the statement is checked before running (its type, and what an
EXPLAIN wraps; no question about the server's own settings); the connection is read-only with external
access disabled and its configuration locked, its folders all the worker's own; and the query runs in a
worker process (zvh.query.sandbox) that cannot grow beyond `MEMORY_BUDGET` and is killed at its time limit, so the
app, shared by every session, never holds more of a result than the screen or a download may show.
"""

import datetime as dt
import io
import json
import re
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl
from duckdb.sqltypes import DuckDBPyType

from zvh.present.formatting import nl_number
from zvh.query import sandbox
from zvh.store.db import file_version, open_version, spill_folder

MAX_QUERY_CHARS = 100_000
SCREEN_ROWS = 10_000
DOWNLOAD_ROWS = 1_000_000
SCREEN_BYTES = 20 * 2**20
DOWNLOAD_BYTES = 50 * 2**20
TIME_LIMIT_S = 10.0
WORKERS = 2  # queries at once; the werkbank adds at most WORKERS × MEMORY_BUDGET to the machine
MEMORY_BUDGET = 2 * 2**30  # data memory of one worker, the engine and the result included
ENGINE_MEMORY = "1GB"  # DuckDB's own limit inside it, so that it spills or refuses before the OS does
ALLOWED = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}
REFUSED = {
    duckdb.StatementType.INSERT: "wijzigt gegevens", duckdb.StatementType.UPDATE: "wijzigt gegevens",
    duckdb.StatementType.DELETE: "wijzigt gegevens", duckdb.StatementType.CREATE: "maakt objecten aan",
    duckdb.StatementType.DROP: "verwijdert objecten", duckdb.StatementType.ALTER: "wijzigt het schema",
    duckdb.StatementType.COPY: "schrijft of leest bestanden (COPY)", duckdb.StatementType.ATTACH: "koppelt een andere database (ATTACH)",
    duckdb.StatementType.DETACH: "ontkoppelt een database", duckdb.StatementType.LOAD: "installeert of laadt extensies",
    duckdb.StatementType.SET: "wijzigt instellingen", duckdb.StatementType.PRAGMA: "wijzigt of leest instellingen (PRAGMA)",
    duckdb.StatementType.EXPORT: "exporteert de database", duckdb.StatementType.CALL: "roept een procedure aan",
    duckdb.StatementType.MULTI: "bestaat uit meerdere stappen (bijvoorbeeld PIVOT); gebruik GROUP BY",
}
# Only plain keywords: with options or comments in between, where the explained statement starts is not sure.
EXPLAIN_PREFIX = re.compile(r"(?is)^\s*explain\s+(?:analy[sz]e\s+)?")
# Functions and views that show the server's paths, settings, extensions or secrets.
SERVER_INTERNALS = {
    "current_setting", "duckdb_settings", "pg_settings", "duckdb_databases", "pragma_database_list",
    "duckdb_extensions", "duckdb_extension_repositories", "duckdb_secrets", "which_secret",
    "duckdb_temporary_files", "duckdb_external_file_cache", "pragma_database_size", "duckdb_logs",
    "duckdb_log_contexts", "truncate_duckdb_logs", "duckdb_variables", "checkpoint", "force_checkpoint",
    # They run SQL or read a table named in a string, which this check cannot see into.
    "query", "query_table", "json_execute_serialized_sql",
}


class Refused(Exception):
    """The query is not run (or was stopped); the message says why, in Dutch, for the analyst."""


@dataclass(frozen=True)
class Result:
    frame: pl.DataFrame
    truncated: bool  # more rows exist than `frame` holds
    seconds: float
    text_columns: tuple[str, ...] = ()  # columns of a type or value the screen or a download cannot hold, as text


def check(con: duckdb.DuckDBPyConnection, text: str) -> str:
    """Return the single read-only statement in `text`, or raise Refused saying what is wrong."""
    if not text or not text.strip():
        raise Refused("De query is leeg. Typ een SELECT-query of kies een voorbeeld.")
    if len(text) > MAX_QUERY_CHARS:
        raise Refused(f"De query is te lang ({nl_number(len(text))} tekens; maximaal {nl_number(MAX_QUERY_CHARS)}).")
    try:
        statements = con.extract_statements(text)
    except duckdb.Error as error:
        raise Refused(f"De query is geen geldige SQL. Detail van de database: {_first_line(error)}") from error
    if len(statements) != 1:
        raise Refused(f"Eén query tegelijk: deze tekst bevat {len(statements)} statements (gescheiden door ;).")
    statement = statements[0]
    try:
        kind = statement.type
    except ValueError as error:  # a statement type the Python client has no name for (`update extensions`)
        raise Refused("Alleen lezen is toegestaan (SELECT); deze opdracht is geen leesopdracht.") from error
    if kind not in ALLOWED:
        raise Refused(f"Alleen lezen is toegestaan (SELECT); deze opdracht ({kind.name}) "
                      f"{REFUSED.get(kind, 'is geen leesopdracht')}.")
    if kind == duckdb.StatementType.EXPLAIN:
        # EXPLAIN ANALYZE runs what it explains: that must be read-only too.
        prefix = EXPLAIN_PREFIX.match(statement.query)
        if not prefix:
            raise Refused("Schrijf EXPLAIN of EXPLAIN ANALYZE gevolgd door een spatie en een SELECT-query, zonder "
                          "opties of commentaar ertussen.")
        check(con, statement.query[prefix.end():])
    else:
        _refuse_server_internals(con, statement.query)
    return text


def _refuse_server_internals(con: duckdb.DuckDBPyConnection, query: str) -> None:
    """Refuse a query that names a function or view of `SERVER_INTERNALS` anywhere in its syntax tree."""
    tree = json.loads(con.execute("select json_serialize_sql($1)", [query]).fetchall()[0][0])
    if tree.get("error"):
        raise Refused("Deze query kan niet worden gecontroleerd en wordt daarom niet uitgevoerd. "
                      f"Detail van de database: {tree.get('error_message')}")
    named = set(_names(tree)) & SERVER_INTERNALS
    if named:
        raise Refused(f"Deze query vraagt instellingen of bestanden van de server op ({', '.join(sorted(named))}); "
                      "dat is niet toegestaan. Vraag de tabellen en views van de database op met `describe` of "
                      "`information_schema.columns`.")


def _names(node):
    if isinstance(node, dict):
        for key in ("function_name", "table_name"):
            if isinstance(node.get(key), str):
                yield node[key].lower()
        for value in node.values():
            yield from _names(value)
    elif isinstance(node, list):
        for value in node:
            yield from _names(value)


def run(database: Path, text: str, *, max_rows: int = SCREEN_ROWS, time_limit: float = TIME_LIMIT_S,
        max_bytes: int | None = None) -> Result:
    """Run one read-only query on `database` in a worker, stopped after `time_limit` seconds, capped at `max_rows`
    rows and `max_bytes` of result (by default the screen's cap, or the download's for a download's rows)."""
    if max_bytes is None:
        max_bytes = SCREEN_BYTES if max_rows <= SCREEN_ROWS else DOWNLOAD_BYTES
    try:
        answer = _pool.ask((str(database), text, max_rows, max_bytes), time_limit)
    except sandbox.TimedOut:
        raise Refused(f"De query duurde langer dan {time_limit:g} seconden en is afgebroken. "
                      "Beperk de gegevens (WHERE, LIMIT) of vermijd cross joins.") from None
    except sandbox.Died:
        raise Refused(_OUT_OF_MEMORY) from None
    except sandbox.Starting:
        raise Refused("De werkbank start nog een query-proces; probeer het over een ogenblik opnieuw.") from None
    except sandbox.NotStarted:
        raise Refused("De werkbank kon op dit moment geen query starten (de server is druk of mist iets). Probeer "
                      "het over een ogenblik opnieuw; blijft dit zo, meld het dan de beheerder.") from None
    except sandbox.Busy:
        raise Refused(f"De werkbank voert al {WORKERS} queries van anderen uit; probeer het over een ogenblik "
                      "opnieuw.") from None
    if isinstance(answer, str):
        raise Refused(answer)
    data, truncated, seconds, text_columns = answer
    return Result(pl.read_ipc(io.BytesIO(data)), truncated, seconds, text_columns)


_OUT_OF_MEMORY = (f"De query vraagt meer geheugen dan de werkbank toestaat (hoogstens {MEMORY_BUDGET // 2**30} GB "
                  "per query) en is gestopt. Beperk de gegevens: minder rijen of kolommen, kortere lijsten.")


def answer(request: tuple[str, str, int, int]) -> tuple | str:
    """In a worker: the answer to (database, text, max_rows, max_bytes)."""
    return _answer(*request)


_open: dict[tuple, duckdb.DuckDBPyConnection] = {}  # in a worker: the database version it reads


def _connection(database: str) -> duckdb.DuckDBPyConnection:
    key = (database, file_version(Path(database)))
    if key not in _open:  # a load or rollback swapped in a new file: read that one from now on
        for old in _open.values():
            old.close()
        _open.clear()
        _open[key] = open_version(Path(database), _worker_config())
    return _open[key]


def _worker_config() -> dict:
    # Every folder DuckDB knows of is the worker's own, so no setting or message names a server path.
    own = spill_folder()
    return {
        "enable_external_access": False, "lock_configuration": True, "memory_limit": ENGINE_MEMORY, "threads": 1,
        "temp_directory": str(own), "max_temp_directory_size": "2GB", "home_directory": str(own),
        "extension_directory": str(own / "extensies"), "secret_directory": str(own / "geheimen"),
    }


def _answer(database: str, text: str, max_rows: int, max_bytes: int) -> tuple | str:
    """A result as (Arrow IPC bytes, truncated, seconds, text_columns), or the Dutch reason it is refused."""
    started = time.perf_counter()
    try:
        cursor = _connection(database).cursor()  # a cursor per query: nothing one query leaves, the next sees
    except duckdb.Error as error:
        return f"De database kan nu niet worden geopend; probeer het opnieuw. Detail: {_first_line(error)}"
    try:
        check(cursor, text)
        frame, text_columns = _portable(cursor.sql(text).limit(max_rows + 1))
        size = frame.head(max_rows).estimated_size()
        if size <= 2 * max_bytes:  # else clearly too large: writing it could take the worker's last memory
            buffer = io.BytesIO()
            frame.head(max_rows).write_ipc(buffer)
            size = buffer.tell()  # what the app would receive and hold (an estimate misses e.g. empty strings)
        if size > max_bytes:
            where = "het scherm" if max_rows <= SCREEN_ROWS else "een download"
            return (f"Het resultaat is te groot voor {where}: ongeveer {nl_number(size / 2**20, 0)} MB, hoogstens "
                    f"{nl_number(max_bytes / 2**20, 0)} MB. Kies minder kolommen of rijen, of vat samen met GROUP BY.")
        return buffer.getvalue(), frame.height > max_rows, time.perf_counter() - started, text_columns
    except Refused as refusal:
        return str(refusal)
    except duckdb.PermissionException:
        return "Deze query probeert bestanden, extensies of andere databases te gebruiken; dat is niet toegestaan."
    except duckdb.InvalidInputException as error:
        return f"Niet toegestaan of ongeldig. Detail van de database: {_first_line(error)}"
    except (duckdb.OutOfMemoryException, MemoryError):
        return _OUT_OF_MEMORY
    except duckdb.Error as error:
        return f"De query kon niet worden uitgevoerd. Detail van de database: {_first_line(error)}"
    except pl.exceptions.PolarsError as error:
        return f"Het resultaat kan niet worden getoond. Detail: {_first_line(error)}"
    finally:
        cursor.close()


# DuckDB types that the screen, CSV, JSON and Excel all write as they are; any other becomes text.
PORTABLE_TYPES = {
    "boolean", "tinyint", "smallint", "integer", "bigint", "utinyint", "usmallint", "uinteger", "ubigint",
    "float", "double", "decimal", "varchar", "uuid", "enum", "date", "time", "timestamp", "timestamp_ms",
    "timestamp with time zone", "list", "array", "struct", "map",
}  # not timestamp_s or _ns: their 'infinity' reaches polars as an ordinary, wrong moment
TEMPORAL_TYPES = {"date", "timestamp", "timestamp_ms", "timestamp with time zone"}
# What Python, and so Excel and the JSON of nested values, can hold; DuckDB also has 'infinity' and year 294247.
FIRST_DAY, LAST_DAY = dt.datetime(1, 1, 2), dt.datetime(9999, 12, 30)  # a day's margin for a time zone


def _portable(relation: duckdb.DuckDBPyRelation) -> tuple[pl.DataFrame, tuple[str, ...]]:
    """The result as a frame every output can write, and the columns that had to become text for it."""
    text_columns = tuple(c for c, t in zip(relation.columns, relation.types) if not _portable_type(t))
    try:
        frame = _as_text(relation, text_columns).pl()
    except (pl.exceptions.PolarsError, duckdb.ConversionException):  # a value polars cannot take (a TIMETZ)
        text_columns = tuple(relation.columns)
        return _as_text(relation, text_columns).pl(), text_columns
    out_of_range = tuple(c for c in frame.columns if c not in text_columns and not _portable_values(frame[c]))
    if out_of_range:  # the query runs again; only for dates and times beyond what Python can hold
        text_columns = tuple(c for c in relation.columns if c in text_columns or c in out_of_range)
        frame = _as_text(relation, text_columns).pl()
    return frame, text_columns


def _portable_type(duck_type: DuckDBPyType, nested: bool = False) -> bool:
    if duck_type.id not in PORTABLE_TYPES or (nested and duck_type.id in TEMPORAL_TYPES):
        return False  # a date inside a list can be out of Python's range, and checking it there would panic
    if duck_type.id not in {"list", "array", "struct", "map"}:
        return True
    children = [child for _, child in duck_type.children if isinstance(child, DuckDBPyType)]  # not an array's size
    if duck_type.id == "map" and children[0].id != "varchar":
        return False  # JSON keys are text
    return bool(children) and all(_portable_type(child, nested=True) for child in children)  # Parquet: no empty struct


def _portable_values(column: pl.Series) -> bool:
    if column.dtype in (pl.Date, pl.Datetime) and not column.is_null().all():
        physical = column.to_physical()
        return _physical(FIRST_DAY, column.dtype) <= physical.min() and physical.max() <= _physical(LAST_DAY, column.dtype)
    return True


def _physical(moment: dt.datetime, dtype: pl.DataType) -> int:
    """How polars stores `moment` in a column of `dtype` (days, or time units since 1970; may be beyond int64)."""
    since = moment - dt.datetime(1970, 1, 1)
    if dtype == pl.Date:
        return since.days
    per_second = {"ms": 1_000, "us": 1_000_000, "ns": 1_000_000_000}[dtype.time_unit]
    return (since.days * 86_400 + since.seconds) * per_second


def _as_text(relation: duckdb.DuckDBPyRelation, columns: tuple[str, ...]) -> duckdb.DuckDBPyRelation:
    if not columns:
        return relation
    quoted = ['"' + c.replace('"', '""') + '"' for c in relation.columns]
    return relation.select(", ".join(f"{q}::varchar as {q}" if c in columns else q
                                     for c, q in zip(relation.columns, quoted)))


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0]


_pool = sandbox.Pool(answer, size=WORKERS, memory_budget=MEMORY_BUDGET)
