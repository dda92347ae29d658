"""A figure as one region's report defines it, where regions or reports count differently (reference/definities.csv).

`definitions` is the frame of the `definities` query; figures need only their source_document, since a document is
of one region (the build checks it).
"""

import polars as pl

from zvh.present.formatting import listed, markdown_text


def of_figures(definitions: pl.DataFrame, figures: pl.DataFrame, theme: str, metric: str) -> pl.DataFrame:
    """The definitions of (`theme`, `metric`) in the reports the `figures` come from, in the definitions' order.
    A figure summed from several posts names its documents with '; ' between them (the Overzicht's reserves)."""
    documents = figures.select(pl.col("source_document").str.split("; ")).explode("source_document").unique()
    return (definitions.filter((pl.col("theme") == theme) & (pl.col("metric") == metric))
            .join(documents, on="source_document", how="semi", maintain_order="left"))


def differ(found: pl.DataFrame) -> list[str]:
    """The regions that count the figure differently from one another (`telwijze`, not the wording): empty when
    fewer than two regions define it or when they count it alike."""
    per_region = found.group_by("region_name", maintain_order=True).agg(pl.col("telwijze").unique().sort())
    return per_region["region_name"].to_list() if per_region["telwijze"].n_unique() > 1 else []


def changing(found: pl.DataFrame) -> list[str]:
    """The regions whose reports count the figure differently from one year to another."""
    return (found.group_by("region_name", maintain_order=True).agg(pl.col("telwijze").n_unique())
            .filter(pl.col("telwijze") > 1)["region_name"].to_list())


def markdown(found: pl.DataFrame, *, with_region: bool = True) -> list[str]:
    """One line per definition: the region and report, what it counts and the report's own words."""
    return [(f"**{markdown_text(r['region_name'])}** ({markdown_text(r['source_title'])}): " if with_region
             else f"**Zo omschrijft het {markdown_text(r['source_title'])} dit:** ")
            + f"{markdown_text(r['definitie'])} In de woorden van het verslag: ‘{markdown_text(r['citaat'])}’"
            for r in found.iter_rows(named=True)]


def differ_warning(found: pl.DataFrame) -> str | None:
    """‘Groningen en Fryslân tellen dit niet op dezelfde manier’ (or: one region's reports count it differently
    from year to year) with every definition, or None when they count it alike, however worded."""
    regions, over_time = differ(found), changing(found)
    heads = ([f"**{markdown_text(listed(regions))} tellen dit niet op dezelfde manier.**"] if regions else []) + (
        [f"**De verslagen van {markdown_text(listed(over_time))} tellen dit niet elk jaar op dezelfde manier.**"]
        if over_time else [])
    return "\n\n".join([*heads, *markdown(found)]) if heads else None


def about(label: str, general: str | None, found: pl.DataFrame) -> list[tuple[str, str]]:
    """A figure's definitions as rows of a download's Toelichting (plain text): the general one, then each report's
    own where it has one (`of_figures`)."""
    return ([(f"Definitie: {label}", general)] if general else []) + [
        (f"Definitie: {label}, volgens {r['source_title']}",
         f"{r['definitie']} In de woorden van het verslag: ‘{r['citaat']}’") for r in found.iter_rows(named=True)]


def notes(found: pl.DataFrame, note: str | None = None) -> tuple[str, str]:
    """What a page shows beside a figure, as Markdown: its reports' definitions, and a warning (each "" for none).
    Where they count differently the warning holds them all with the metric's comparability `note`: one box, not
    two."""
    caution = f"**Let op bij vergelijken:** {markdown_text(note)}" if note else ""
    if warning := differ_warning(found):
        return "", "\n\n".join(filter(None, [warning, caution]))
    return "\n\n".join(markdown(found)), caution
