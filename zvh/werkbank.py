"""Ad-hoc SQL for analysts: anything read-only, nothing else, within a time, memory and row budget.

Three layers, so that one mistake is not enough: the statement type is checked before running; the
connection is read-only with external access disabled and its configuration locked (see zvh.db); and a
timer interrupts a runaway query on its own cursor.
"""

import threading
import time
from dataclasses import dataclass

import duckdb
import polars as pl

MAX_QUERY_CHARS = 100_000
SCREEN_ROWS = 10_000
DOWNLOAD_ROWS = 1_000_000
TIME_LIMIT_S = 10.0
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


class Refused(Exception):
    """The query is not run (or was stopped); the message says why, in Dutch, for the analyst."""


@dataclass(frozen=True)
class Result:
    frame: pl.DataFrame
    truncated: bool  # more rows exist than `frame` holds
    seconds: float


def check(con: duckdb.DuckDBPyConnection, text: str) -> str:
    """Return the single read-only statement in `text`, or raise Refused saying what is wrong."""
    if not text or not text.strip():
        raise Refused("De query is leeg. Typ een SELECT-query of kies een voorbeeld.")
    if len(text) > MAX_QUERY_CHARS:
        raise Refused(f"De query is te lang ({len(text):,} tekens; maximaal {MAX_QUERY_CHARS:,}).".replace(",", "."))
    try:
        statements = con.extract_statements(text)
    except duckdb.Error as error:
        raise Refused(f"De query is geen geldige SQL: {_first_line(error)}") from error
    if len(statements) != 1:
        raise Refused(f"Eén query tegelijk: deze tekst bevat {len(statements)} statements (gescheiden door ;).")
    kind = statements[0].type
    if kind not in ALLOWED:
        why = REFUSED.get(kind, "is geen leesopdracht")
        raise Refused(f"Alleen lezen is toegestaan (SELECT); deze opdracht ({kind.name}) {why}.")
    return text


def run(con: duckdb.DuckDBPyConnection, text: str, *, max_rows: int = SCREEN_ROWS,
        time_limit: float = TIME_LIMIT_S) -> Result:
    """Run one read-only query on its own cursor, stopped after `time_limit` seconds, capped at `max_rows`."""
    cursor = con.cursor()
    timer = threading.Timer(time_limit, cursor.interrupt)
    started = time.perf_counter()
    try:
        check(cursor, text)
        timer.start()
        frame = cursor.sql(text).limit(max_rows + 1).pl()
    except Refused:
        raise
    except duckdb.InterruptException as error:
        raise Refused(f"De query duurde langer dan {time_limit:g} seconden en is afgebroken. "
                      "Beperk de gegevens (WHERE, LIMIT) of vermijd cross joins.") from error
    except duckdb.PermissionException as error:
        raise Refused("Deze query probeert bestanden, extensies of andere databases te gebruiken; dat is niet "
                      f"toegestaan. ({_first_line(error)})") from error
    except duckdb.InvalidInputException as error:
        raise Refused(f"Niet toegestaan of ongeldig: {_first_line(error)}") from error
    except duckdb.OutOfMemoryException as error:
        raise Refused("De query vraagt meer geheugen dan is toegestaan. Beperk de gegevens.") from error
    except duckdb.Error as error:
        raise Refused(f"De query kon niet worden uitgevoerd: {_first_line(error)}") from error
    finally:
        timer.cancel()  # a timer left running would interrupt the next query on a reused cursor
        cursor.close()
    truncated = frame.height > max_rows
    return Result(frame.head(max_rows), truncated, time.perf_counter() - started)


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0]
