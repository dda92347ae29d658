"""Map every municipality name as printed to its CBS code and to today's municipality."""

import polars as pl


def harmonise(gemeente: pl.DataFrame, herindeling: pl.DataFrame, namen: pl.DataFrame) -> pl.DataFrame:
    """Return one row per printed name: its code, today's code and name, and whether the mapping is exact.

    A municipality split over several successors goes wholly to its `primary` successor; `exact` is then
    false, so a page can say that the figure is attributed approximately.
    """
    names = dict(zip(gemeente["gemeentecode"], gemeente["naam"]))
    current = set(gemeente.filter(pl.col("geldig_tot").is_null())["gemeentecode"])
    primary = herindeling.filter(pl.col("primary") == "yes")
    successor = dict(zip(primary["old_code"], primary["successor_code"]))
    partial = set(herindeling.filter(pl.col("partial") == "yes")["old_code"])

    rows = []
    for printed, code in zip(namen["naam_zoals_gedrukt"], namen["gemeentecode"]):
        now, exact, seen = code, True, set()
        while now not in current and now in successor and now not in seen:
            seen.add(now)
            exact = exact and now not in partial
            now = successor[now]
        rows.append({
            "naam_zoals_gedrukt": printed, "gemeentecode": code, "naam": names.get(code),
            "gemeentecode_huidig": now if now in current else None,
            "naam_huidig": names.get(now) if now in current else None, "exact": exact,
        })
    return pl.DataFrame(rows, schema={
        "naam_zoals_gedrukt": pl.String, "gemeentecode": pl.String, "naam": pl.String,
        "gemeentecode_huidig": pl.String, "naam_huidig": pl.String, "exact": pl.Boolean,
    })
