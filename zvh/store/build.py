"""Validate every source CSV and build the DuckDB database atomically: a new file, swapped in on success."""

import datetime as dt
import hashlib
import os
import socket
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from validation import crosschecks, reference
from validation.common import References, bind_references, figure_key
from validation.financien import EENHEDEN, Financien
from validation.kerncijfers import Kerncijfers
from validation.personeel import Personeel
from validation.problems import Problem
from validation.verdelingen import Verdelingen
from zvh.paths import DATA
from zvh.source.harmonise import harmonise
from zvh.source.problems import SourceError
from zvh.source.sources import load_table
from zvh.store import vindplaats
from zvh.store.db import schema_version
from zvh.store.locks import alive

REFERENCE_TABLES = {
    "regio": reference.Regio, "organisatie": reference.Organisatie, "financiers": reference.Financiers,
    "bronnen": reference.Bronnen,
    "gemeente": reference.Gemeente, "herindeling": reference.Herindeling,
    "gemeente_namen": reference.GemeenteNamen, "bevolking": reference.Bevolking, "metrics": reference.Metrics,
    "gemeente_tegels": reference.Tegels, "gemeente_tegels_2017": reference.Tegels,
    "begrippen": reference.Begrippen, "reserves": reference.Reserves, "definities": reference.Definities,
    "tegenstrijdigheden": reference.Tegenstrijdigheden, "signaalregels": reference.Signaalregels,
}
FACT_TABLES = {
    "kerncijfers": Kerncijfers, "verdelingen": Verdelingen, "financien": Financien, "personeel": Personeel,
}
# Detail lines are printed rounded: a total may differ by half a unit per line without contradiction.
ROUNDING = {"kerncijfers": 0.0, "financien": 0.5, "personeel": 0.005}
DUCKDB_CONFIG = {"storage_compatibility_version": "v1.4.0"}  # so DuckDB 1.4/1.5 clients can open the file
SCHEMA_FILES = [Path(__file__).with_name(name) for name in ("schema.sql", "signalen.sql")]  # in this order


@dataclass
class BuildReport:
    db_path: Path
    rows: dict[str, int]
    findings: int
    seconds: float


def load_sources(data_dir: Path = DATA) -> tuple[dict[str, pl.DataFrame], pl.DataFrame]:
    """Validate all reference and fact CSVs; return the tables and the data-quality findings.

    Raises SourceError listing every problem when any file is malformed.
    """
    tables, problems = {}, []
    for name, model in REFERENCE_TABLES.items():
        tables[name], found = load_table([data_dir / "reference" / f"{name}.csv"], model.to_schema(), name)
        problems += found
    if problems:
        raise SourceError(problems)
    problems += _reference_problems(tables)
    refs = References(
        documents=frozenset(tables["bronnen"]["source_document"]),
        regions=frozenset(tables["regio"]["region"]),
        gemeente_namen=frozenset(tables["gemeente_namen"]["naam_zoals_gedrukt"]),
        metric_pairs=frozenset(zip(tables["metrics"]["theme"], tables["metrics"]["metric"])),
        metric_units=frozenset(zip(tables["metrics"]["theme"], tables["metrics"]["metric"], tables["metrics"]["unit"])),
        organisations=frozenset(tables["organisatie"]["organisation"]),
        financiers=frozenset(tables["financiers"]["financier"]),
    )
    for name, model in FACT_TABLES.items():
        schema = bind_references(model.to_schema(), refs)
        tables[name], found = load_table((data_dir / name).glob("*.csv"), schema, name)
        problems += found
        if not found and name in crosschecks.GROUP_INVARIANTS:
            problems += crosschecks.sum_group_problems(tables[name], name)
    if not problems:  # reserves and definitions can be looked up once the financien are valid
        problems = _reserve_problems(tables) + _definition_problems(tables) + _rule_problems(tables)
    if problems:
        raise SourceError(problems)
    return tables, _findings(tables)


def _reserve_problems(tables: dict[str, pl.DataFrame]) -> list[Problem]:
    """Every reserve post a report gives is named free or earmarked in reserves.csv: a post without would drop out
    of the Overzicht's reserves unseen."""
    reserves = tables["financien"].filter(pl.col("onderdeel") == "reserve")
    named = tables["reserves"].select("region", "post")
    return [Problem(row["_file"], row["_line"], "post", row["post"],
                    "deze reserve staat niet in reference/reserves.csv (vrij of bestemd)")
            for row in reserves.join(named, on=["region", "post"], how="anti").iter_rows(named=True)]


def _definition_problems(tables: dict[str, pl.DataFrame]) -> list[Problem]:
    """A definition or a recorded contradiction names a figure its document prints (a contradiction: in its year and,
    for a budget figure, its staat), a definition in a document of its own region: a typo would silently leave a
    figure without its definition or its contradiction."""
    metrics = set(zip(tables["metrics"]["theme"], tables["metrics"]["metric"]))
    posts = set(tables["financien"]["post"]) | {"reserve_bestemd"}
    printed = _printed_figures(tables)
    in_document = set(printed.select("theme", "metric", "source_document").iter_rows())
    in_year = set(printed.select("theme", "metric", "source_document", "year").iter_rows())
    in_staat = set(printed.iter_rows())
    region_of = dict(tables["bronnen"].join(tables["organisatie"], on="organisation")
                     .select("source_document", "region").iter_rows())
    problems = []
    for name in ("definities", "tegenstrijdigheden"):
        for row in tables[name].iter_rows(named=True):
            where = (row["_file"], row["_line"])
            figure = (row["theme"], row["metric"], row["source_document"])
            if row["theme"] == "financien" and row["metric"] not in posts:
                problems.append(Problem(*where, "metric", row["metric"],
                                        "onbekende begrotingspost (niet in de financien)"))
            elif row["theme"] != "financien" and (row["theme"], row["metric"]) not in metrics:
                problems.append(Problem(*where, "metric", f"{row['theme']}.{row['metric']}",
                                        "onbekend cijfer (theme en metric niet in metrics.csv)"))
            elif figure not in in_document:
                problems.append(Problem(*where, "source_document", row["source_document"],
                                        f"dit document drukt geen {row['theme']}.{row['metric']}"))
            elif "year" in row and ((*figure, row["year"]) not in in_year
                                    or row["staat"] and (*figure, row["year"], row["staat"]) not in in_staat):
                as_staat = f" als {row['staat']}" if row["staat"] else ""
                problems.append(Problem(*where, "year", row["year"],
                                        f"dit document drukt {row['theme']}.{row['metric']} niet voor dit jaar{as_staat}"))
            if "region" in row and region_of.get(row["source_document"], row["region"]) != row["region"]:
                problems.append(Problem(*where, "source_document", row["source_document"],
                                        f"dit document is van een andere regio dan {row['region']}"))
    return problems


def _rule_problems(tables: dict[str, pl.DataFrame]) -> list[Problem]:
    """A signal rule names a figure some report prints (theme, metric and, for a budget figure, staat): a typo would
    leave the figure without signals, unseen."""
    printed = set(_printed_figures(tables).select("theme", "metric", "staat").iter_rows())
    problems = []
    for row in tables["signaalregels"].iter_rows(named=True):
        if (row["theme"], row["metric"], row["staat"]) not in printed:
            as_staat = f" als {row['staat']}" if row["staat"] else ""
            problems.append(Problem(row["_file"], row["_line"], "metric", f"{row['theme']}.{row['metric']}",
                                    f"onbekend cijfer: geen verslag drukt {row['theme']}.{row['metric']}{as_staat}"))
    return problems


def _printed_figures(tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """(theme, metric, source_document, year, staat) of every printed figure; the reserves (reserves.csv) also as the
    figures the Overzicht sums them into: `reserve` the free ones, `reserve_bestemd` the earmarked ones."""
    money = tables["financien"].select(pl.lit("financien").alias("theme"), pl.col("post").alias("metric"),
                                       "source_document", "year", "staat")
    summed = (tables["financien"].join(tables["reserves"].select("region", "post", "soort"), on=["region", "post"])
              .select(pl.lit("financien").alias("theme"),
                      pl.when(pl.col("soort") == "vrij").then(pl.lit("reserve")).otherwise(pl.lit("reserve_bestemd"))
                      .alias("metric"), "source_document", "year", "staat"))
    counted = tables["kerncijfers"].select("theme", "metric", "source_document", "year",
                                           pl.lit(None, pl.String).alias("staat"))
    shares = tables["verdelingen"].select("theme", pl.format("verdeling_{}", "verdeling").alias("metric"),
                                          "source_document", "year", pl.lit(None, pl.String).alias("staat"))
    return pl.concat([money, summed, counted, shares]).unique()


def _reference_problems(tables: dict[str, pl.DataFrame]) -> list[Problem]:
    codes = set(tables["gemeente"]["gemeentecode"])
    regions = set(tables["regio"]["region"])
    problems = [Problem(row["_file"], row["_line"], "region", row["region"], "onbekende regio (niet in regio.csv)")
                for name in ("organisatie", "gemeente", "reserves", "definities")
                for row in tables[name].filter(~pl.col("region").is_in(regions)).iter_rows(named=True)]
    documents = set(tables["bronnen"]["source_document"])
    problems += [Problem(row["_file"], row["_line"], "source_document", row["source_document"],
                         "onbekend document (niet in bronnen.csv)")
                 for name in ("reserves", "definities", "tegenstrijdigheden")
                 for row in tables[name].filter(~pl.col("source_document").is_in(documents)).iter_rows(named=True)]
    for name, columns in {"herindeling": ["old_code", "successor_code"], "gemeente_namen": ["gemeentecode"],
                          "gemeente_tegels": ["gemeentecode"], "gemeente_tegels_2017": ["gemeentecode"]}.items():
        for column in columns:
            for row in tables[name].filter(~pl.col(column).is_in(codes)).iter_rows(named=True):
                problems.append(Problem(row["_file"], row["_line"], column, row[column], "onbekende gemeentecode (niet in gemeente.csv)"))
    return problems


def _findings(tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    parts = [crosschecks.sum_group_findings(tables[t], t, ROUNDING[t]) for t in crosschecks.GROUP_INVARIANTS]
    parts += [
        crosschecks.percentage_findings(tables["verdelingen"]),
        crosschecks.verschil_findings(tables["financien"]),
        crosschecks.reserve_findings(tables["financien"]),
        crosschecks.document_findings(tables["kerncijfers"]),
        crosschecks.recorded_findings(tables["tegenstrijdigheden"]),
    ]
    return pl.concat(parts, how="vertical")


def build(db_path: Path, data_dir: Path = DATA, sources: tuple[dict[str, pl.DataFrame], pl.DataFrame] | None = None
          ) -> BuildReport:
    """Build the database at `db_path`; on any failure the existing file is left untouched.

    `sources`: tables and findings `load_sources` already validated (a delivery's check), instead of `data_dir`.
    """
    started = time.perf_counter()
    tables, findings = sources or load_sources(data_dir)
    tables = dict(tables)  # the caller's tables stay as they were
    tables["financien"] = tables["financien"].with_columns(
        (pl.col("bedrag") * pl.col("eenheid").replace_strict(EENHEDEN, return_dtype=pl.Float64)).alias("bedrag_eur")
    )
    for name, model in FACT_TABLES.items():
        tables[name] = mark_preferred(tables[name], figure_key(model), tables["bronnen"])
    tables["gemeente_harmonisatie"] = harmonise(tables["gemeente"], tables["herindeling"], tables["gemeente_namen"])
    tables["findings"] = findings
    tables["build_info"] = pl.DataFrame({"data_version": [data_version(tables)], "schema_version": [schema_version()],
                                         # UTC, without a zone: a TIMESTAMPTZ needs ICU and pytz in every reader
                                         "built_at": [dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)]})
    db_path.parent.mkdir(parents=True, exist_ok=True)
    # A name of this build's own: builds may run at once (threads of the app, replicas, the CLI).
    _remove_stale_temps(db_path)
    tmp = db_path.with_name(f".{db_path.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.{socket.gethostname()}.tmp")
    try:
        _write(tmp, tables)
        os.replace(tmp, db_path)
    finally:
        tmp.unlink(missing_ok=True)
        Path(f"{tmp}.wal").unlink(missing_ok=True)
    rows = {name: frame.height for name, frame in tables.items()}
    return BuildReport(db_path, rows, findings.height, time.perf_counter() - started)


def data_version(tables: dict[str, pl.DataFrame]) -> str:
    """A short hash of the validated source data: the same sources give the same version, on any machine, so a
    figure on paper can be traced to the data it came from. Where a row came from (file, line) is not data."""
    digest = hashlib.sha256()
    for name in sorted(tables):
        frame = tables[name]
        digest.update(name.encode())
        rows = frame.select(c for c in frame.columns if not c.startswith("_")).write_csv().splitlines()
        digest.update("\n".join(sorted(rows)).encode())  # in any order: some tables come out of a group_by
    return digest.hexdigest()[:12]


def mark_preferred(frame: pl.DataFrame, key: list[str], bronnen: pl.DataFrame) -> pl.DataFrame:
    """Add `is_preferred`: of the rows that give the same figure, the one from the newest document.

    Newest by the year the document was published, then by its name (a later delivery of the same day
    outranks an earlier one: their names start with date and time).
    """
    published = pl.col("source_document").replace_strict(
        dict(zip(bronnen["source_document"], bronnen["verslagjaar"])), default=None, return_dtype=pl.Int64)
    newest = pl.struct(published.alias("verslagjaar"), "source_document").rank("ordinal", descending=True).over(key) == 1
    return frame.with_columns(newest.alias("is_preferred"))


def _remove_stale_temps(db_path: Path) -> None:
    """Remove what builds on this host that were killed left behind (their process is gone).

    Only this host's: a replica in another container may share the folder, and its process numbers mean
    nothing here.
    """
    for tmp in db_path.parent.glob(f".{db_path.name}.*.{socket.gethostname()}.tmp*"):
        pid = tmp.name.removeprefix(f".{db_path.name}.").split("-")[0]
        if pid.isdigit() and not alive(int(pid)):
            tmp.unlink(missing_ok=True)


def _write(path: Path, tables: dict[str, pl.DataFrame]) -> None:
    con = duckdb.connect(str(path), config=DUCKDB_CONFIG)
    try:
        for name, frame in tables.items():
            frame = frame.rename({"_file": "data_file", "_line": "data_line"}, strict=False)
            con.register("incoming", frame)
            con.execute(f'create table "{name}" as select * from incoming')  # name from the fixed dict above
            con.unregister("incoming")
        for sql_file in SCHEMA_FILES:
            con.execute(sql_file.read_text(encoding="utf-8"))
        vindplaats.write(con)
        _describe_alike(con)
        con.execute("checkpoint")
    finally:
        con.close()


def _describe_alike(con: duckdb.DuckDBPyConnection) -> None:
    """Give a column without a description of its own (schema.sql) that of the analyst contract's column of the same
    name: one name means one idea in every table (facts.year is bevolking.year), so one description serves all (the
    first of facts, data_quality, signalen, financien and vindplaats that has it: financien_bedragen takes financien's)."""
    contract = dict(con.sql("select column_name, arg_min(comment, list_position(['facts', 'data_quality', 'signalen', "
                            "'financien', 'vindplaats'], table_name)) from duckdb_columns() where comment is not null "
                            "and table_name in ('facts', 'data_quality', 'signalen', 'financien', 'vindplaats') "
                            "group by all").fetchall())
    bare = con.sql("select table_name, column_name from duckdb_columns() where comment is null and not internal "
                   "and schema_name = 'main'").fetchall()
    for table, column in bare:
        if column in contract:  # names from the database's own catalogue; the text quoted as an SQL literal
            quoted = ".".join('"' + n.replace('"', '""') + '"' for n in (table, column))
            con.execute(f"comment on column {quoted} is '{contract[column].replace(chr(39), chr(39) * 2)}'")
