"""Checks across rows: sum groups, percentages, begroting − realisatie = verschil, documents that disagree.

Broken structure (a total without detail lines, a group mixing years) is a load error. A report that
contradicts itself is not: it is kept as printed and returned as a data-quality finding.
"""

import polars as pl

from validation.common import figure_key
from validation.kerncijfers import Kerncijfers
from validation.problems import Problem

FINDING_COLUMNS = {
    "kind": pl.String, "table_name": pl.String, "source_document": pl.String, "source_section": pl.String,
    "subject": pl.String, "printed": pl.Float64, "computed": pl.Float64, "difference": pl.Float64,
    "within_rounding": pl.Boolean, "description": pl.String,
    # the other place of a contradiction that is not a sum, the affected figure, and how sure the finding is
    # (`staat` for a budget figure: begroting, realisatie, stand; empty when it touches every staat)
    "other_place": pl.String, "theme": pl.String, "metric": pl.String, "year": pl.Int64, "staat": pl.String,
    "confidence": pl.String,
}
# Columns that every row of one sum group must share, per table.
GROUP_INVARIANTS = {
    "kerncijfers": ["region", "year", "unit"],
    "financien": ["region", "year", "staat", "eenheid"],
    "personeel": ["region", "year"],
}
MEASURES = {"kerncijfers": ["value"], "financien": ["bedrag"], "personeel": ["personen", "fte"]}


def empty_findings() -> pl.DataFrame:
    return pl.DataFrame(schema=FINDING_COLUMNS)


def _fmt(x: float) -> str:
    return f"{x:,.2f}".rstrip("0").rstrip(".").replace(",", "_").replace(".", ",").replace("_", ".")


def _group_rows(frame: pl.DataFrame) -> pl.DataFrame:
    parts = (
        frame.filter(pl.col("part_of").is_not_null())
        .with_columns(pl.col("part_of").str.split(";").alias("group"), pl.lit("deel").alias("role"))
        .explode("group")
    )
    totals = frame.filter(pl.col("total_of").is_not_null()).with_columns(
        pl.col("total_of").alias("group"), pl.lit("totaal").alias("role")
    )
    return pl.concat([parts, totals], how="vertical")


def sum_group_problems(frame: pl.DataFrame, table: str) -> list[Problem]:
    """Return structural errors: groups without a total, totals without parts, groups mixing years or units."""
    if frame.is_empty():
        return []
    rows = _group_rows(frame)
    problems = []
    for (_, group), members in rows.group_by(["source_document", "group"]):
        totals = members.filter(pl.col("role") == "totaal")
        first = members.row(0, named=True)
        where = (first["_file"], first["_line"])
        if totals.height != 1:
            rule = f"somgroep '{group}' heeft {totals.height} totaalregels (total_of); verwacht precies 1"
            problems.append(Problem(*where, "total_of", group, rule))
        if totals.height == members.height:
            problems.append(Problem(*where, "part_of", group, f"somgroep '{group}' heeft geen deelregels (part_of)"))
        for column in GROUP_INVARIANTS[table]:
            if members[column].n_unique() > 1:
                rule = f"somgroep '{group}' mengt verschillende waarden van {column}"
                problems.append(Problem(*where, column, sorted(members[column].unique().to_list()), rule))
    return problems


def sum_group_findings(frame: pl.DataFrame, table: str, tolerance_per_line: float) -> pl.DataFrame:
    """Return one finding per sum group whose detail lines do not add up to the printed total."""
    if frame.is_empty():
        return empty_findings()
    rows = _group_rows(frame)
    findings = []
    for measure in MEASURES[table]:
        measured = rows.filter(pl.col(measure).is_not_null())
        totals = measured.filter(pl.col("role") == "totaal").select(
            "source_document", "group", "source_section", "source_label", "source_column", "year",
            pl.col("theme") if "theme" in measured.columns else pl.lit(table).alias("theme"),
            pl.col("metric") if "metric" in measured.columns else pl.col("post").alias("metric")
            if "post" in measured.columns else pl.lit(None, pl.String).alias("metric"),
            pl.col("staat") if "staat" in measured.columns else pl.lit(None, pl.String).alias("staat"),
            pl.col(measure).alias("printed"),
        )
        parts = measured.filter(pl.col("role") == "deel").group_by("source_document", "group").agg(
            pl.col(measure).sum().alias("computed"), pl.len().alias("lines")
        )
        joined = totals.join(parts, on=["source_document", "group"]).with_columns(
            (pl.col("printed") - pl.col("computed")).alias("difference")
        )
        for row in joined.filter(pl.col("difference").abs() > 1e-9).iter_rows(named=True):
            unit = "" if measure in ("value", "bedrag") else f" ({measure})"
            label = " / ".join(x for x in (row["source_label"], row["source_column"]) if x)
            findings.append({
                "kind": "som_klopt_niet", "table_name": table, "source_document": row["source_document"],
                "source_section": row["source_section"], "subject": f"{label}{unit}",
                "printed": row["printed"], "computed": row["computed"], "difference": row["difference"],
                "within_rounding": abs(row["difference"]) <= tolerance_per_line * (row["lines"] + 1),
                "theme": row["theme"], "metric": row["metric"], "year": row["year"], "staat": row["staat"],
                "confidence": "hoog",
                "description": (
                    f"Het gedrukte totaal '{label}'{unit} is {_fmt(row['printed'])}, maar de "
                    f"{row['lines']} onderliggende regels tellen op tot {_fmt(row['computed'])} "
                    f"(verschil {_fmt(row['difference'])})."
                ),
            })
    return pl.DataFrame(findings, schema=FINDING_COLUMNS)


def percentage_findings(verdelingen: pl.DataFrame) -> pl.DataFrame:
    """Return one finding per distribution whose percentages do not add up to 100."""
    if verdelingen.is_empty():
        return empty_findings()
    sums = verdelingen.group_by("source_document", "source_section", "region", "year", "theme", "verdeling").agg(
        pl.col("percentage").sum().alias("computed"), pl.len().alias("lines")
    ).filter((pl.col("computed") - 100).abs() > 1e-9)
    findings = [{
        "kind": "percentages_niet_100", "table_name": "verdelingen", "source_document": r["source_document"],
        "source_section": r["source_section"], "subject": f"{r['verdeling']} {r['year']}", "printed": 100.0,
        "computed": r["computed"], "difference": 100.0 - r["computed"],
        "within_rounding": abs(100.0 - r["computed"]) <= 0.5 * r["lines"],
        "theme": r["theme"], "metric": f"verdeling_{r['verdeling']}", "year": r["year"], "confidence": "hoog",
        "description": f"De percentages van '{r['verdeling']}' ({r['year']}) tellen op tot {_fmt(r['computed'])} in plaats van 100.",
    } for r in sums.iter_rows(named=True)]
    return pl.DataFrame(findings, schema=FINDING_COLUMNS)


def verschil_findings(financien: pl.DataFrame) -> pl.DataFrame:
    """Return one finding per budget line whose printed verschil is not begroting − realisatie (either sign)."""
    if financien.is_empty():
        return empty_findings()
    key = ["source_document", "region", "year", "onderdeel", "post"]
    # An approximate figure ("ca. 30 duizend") cannot contradict an exact one.
    exact = financien.filter(pl.col("qualifier") == "exact")
    wide = exact.filter(pl.col("staat").is_in(["begroting", "realisatie", "verschil"])).pivot(
        on="staat", index=key, values="bedrag", aggregate_function="first"
    )
    if not {"begroting", "realisatie", "verschil"} <= set(wide.columns):
        return empty_findings()
    sections = exact.filter(pl.col("staat") == "verschil").select(*key, "source_section", "source_label")
    wide = wide.drop_nulls(["begroting", "realisatie", "verschil"]).join(sections, on=key).with_columns(
        (pl.col("begroting") - pl.col("realisatie")).abs().alias("computed")
    ).with_columns((pl.col("verschil").abs() - pl.col("computed")).alias("difference"))
    findings = [{
        "kind": "verschil_klopt_niet", "table_name": "financien", "source_document": r["source_document"],
        "source_section": r["source_section"], "subject": f"{r['source_label']} {r['year']}",
        "printed": r["verschil"], "computed": r["computed"], "difference": r["difference"],
        "within_rounding": abs(r["difference"]) <= 1.5,
        "theme": "financien", "metric": r["post"], "year": r["year"], "confidence": "hoog",
        "description": (
            f"Bij '{r['source_label']}' ({r['year']}) is het gedrukte verschil {_fmt(r['verschil'])}, maar "
            f"begroting {_fmt(r['begroting'])} en realisatie {_fmt(r['realisatie'])} verschillen {_fmt(r['computed'])}."
        ),
    } for r in wide.filter(pl.col("difference").abs() > 1e-9).iter_rows(named=True)]
    return pl.DataFrame(findings, schema=FINDING_COLUMNS)


def document_findings(kerncijfers: pl.DataFrame) -> pl.DataFrame:
    """Return one finding per figure that two reports print with different values."""
    key = figure_key(Kerncijfers)
    if kerncijfers.is_empty():
        return empty_findings()
    clashes = kerncijfers.group_by(key).agg(
        pl.col("value").n_unique().alias("values"), pl.col("source_document"), pl.col("value"),
        pl.col("source_section").first(),
    ).filter(pl.col("values") > 1)
    findings = []
    for r in clashes.iter_rows(named=True):
        printed = ", ".join(f"{_fmt(v)} ({d})" for v, d in zip(r["value"], r["source_document"]))
        findings.append({
            "kind": "documenten_verschillen", "table_name": "kerncijfers", "source_document": r["source_document"][-1],
            "source_section": r["source_section"], "subject": f"{r['theme']}.{r['metric']} {r['year']}",
            "printed": r["value"][-1], "computed": r["value"][0], "difference": r["value"][-1] - r["value"][0],
            "within_rounding": False, "theme": r["theme"], "metric": r["metric"], "year": r["year"], "confidence": "hoog",
            "description": f"De jaarverslagen geven verschillende waarden voor {r['theme']}.{r['metric']} {r['year']}: {printed}.",
        })
    return pl.DataFrame(findings, schema=FINDING_COLUMNS)


def reserve_findings(financien: pl.DataFrame) -> pl.DataFrame:
    """Return one finding per reserve whose balance does not roll forward: stand(y−1) + mutatie(y) = stand(y)."""
    reserves = financien.filter((pl.col("onderdeel") == "reserve") & pl.col("staat").is_in(["stand", "mutatie"]))
    if reserves.is_empty():
        return empty_findings()
    wide = reserves.pivot(on="staat", index=["region", "post", "year"], values="bedrag", aggregate_function="first")
    if not {"stand", "mutatie"} <= set(wide.columns):
        return empty_findings()
    previous = wide.select("region", "post", (pl.col("year") + 1).alias("year"), pl.col("stand").alias("opening"))
    rolled = wide.join(previous, on=["region", "post", "year"]).drop_nulls(["stand", "mutatie", "opening"])
    rolled = rolled.with_columns((pl.col("opening") + pl.col("mutatie")).alias("computed")).with_columns(
        (pl.col("stand") - pl.col("computed")).alias("difference")
    )
    sources = reserves.filter(pl.col("staat") == "stand").select(
        "region", "post", "year", "source_document", "source_section", "source_label"
    )
    findings = [{
        "kind": "reserve_rolt_niet_door", "table_name": "financien", "source_document": r["source_document"],
        "source_section": r["source_section"], "subject": f"{r['source_label']} {r['year']}",
        "printed": r["stand"], "computed": r["computed"], "difference": r["difference"], "within_rounding": False,
        "theme": "financien", "metric": r["post"], "year": r["year"], "staat": "stand", "confidence": "hoog",
        "description": (
            f"De stand van '{r['source_label']}' eind {r['year']} is {_fmt(r['stand'])}, maar de stand van het jaar "
            f"ervoor ({_fmt(r['opening'])}) plus de mutatie ({_fmt(r['mutatie'])}) is {_fmt(r['computed'])}."
        ),
    } for r in rolled.join(sources, on=["region", "post", "year"]).filter(pl.col("difference").abs() > 1e-9).iter_rows(named=True)]
    return pl.DataFrame(findings, schema=FINDING_COLUMNS)


def recorded_findings(recorded: pl.DataFrame) -> pl.DataFrame:
    """The contradictions a reader recorded (reference/tegenstrijdigheden.csv) as findings: place A is the finding's
    own place, place B the other one, both with the words as printed."""
    return recorded.select(
        "kind", pl.lit("tegenstrijdigheden").alias("table_name"), "source_document",
        pl.format("{} › {}", "section_a", "quote_a").alias("source_section"), "subject",
        pl.col("value_a").alias("printed"), pl.col("value_b").alias("computed"),
        (pl.col("value_a") - pl.col("value_b")).alias("difference"), pl.lit(False).alias("within_rounding"),
        "description", pl.format("{} › {}", "section_b", "quote_b").alias("other_place"), "theme", "metric", "year",
        "staat", "confidence",
    ).cast(FINDING_COLUMNS)
