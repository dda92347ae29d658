"""Shape per-municipality figures for the Gemeenten page: measures, Dutch texts, bars, sums and clicks.

No Streamlit here: these functions take the frames of the `gemeenten_*` queries and return frames, figures or text.
The tile map itself is drawn by `zvh.present.tilemap`; `zvh.present.gemeenten_page` runs the queries for one choice.
"""

import plotly.graph_objects as go
import polars as pl

from zvh.present import charts, definities
from zvh.present.formatting import figure_text, figure_text_column, kpi_label, nl_number, rate_text

ROLES = {"deel": "Zonder gemeente (telt mee in het totaal)", "totaal_gemeenten": "Totaal in het verslag",
         "totaal": "Totaal in het verslag", "overig": "Andere regel uit dezelfde tabel of tekst"}


def measures(has_population: bool, unit: str | None) -> dict[str, str]:
    """The ways to show a figure that can work: per inhabitant only for a count, and only with the population of the
    figure's own year (a 2020 figure is never divided by 2024's inhabitants)."""
    options = {"aantal": "Aantal zoals gedrukt"}
    if unit != "procent" and has_population:
        options["per_100000"] = "Per 100.000 inwoners"
    return options


PER_CAPITA_MEANING = ("Definitie: Per 100.000 inwoners", "Het cijfer gedeeld door het inwonertal van de gemeente op 1 "
                      "januari van hetzelfde jaar, maal 100.000; berekend door het dashboard, niet gedrukt in het "
                      "verslag. Zonder inwonertal van dat jaar staat er geen waarde.")


def meanings(label: str, general: str | None, own: pl.DataFrame, measure: str) -> list[tuple[str, str]]:
    """A download's definitions: the figure's general one and each report's own (`definities.of_figures`), and how
    a figure per inhabitant is reckoned when shown."""
    return [*definities.about(label, general, own), *([PER_CAPITA_MEANING] if measure == "per_100000" else [])]


def with_measure(frame: pl.DataFrame, measure: str) -> pl.DataFrame:
    """Add `per_100000`, the shown number `waarde` and its Dutch text `tekst` (with "ongeveer", "(onzeker)").

    Per inhabitant only for counts, and only where the population of the chosen year is loaded: a missing
    population stays missing, it is never taken from another year.
    """
    population = "inwoners" if measure == "per_100000" else None
    rows = []
    for r in frame.iter_rows(named=True):
        inhabitants = r.get(population) if r["unit"] == "aantal" else None
        per = r["value"] * 100_000 / inhabitants if r["value"] is not None and inhabitants else None
        count_text = figure_text(r["value"], r["unit"], r["qualifier"], r["certainty"])
        per_text = rate_text(per, r["qualifier"], r["certainty"])
        firmness = r.get(f"{population}_zekerheid") if inhabitants else None
        rows.append({"inwoners_gebruikt": inhabitants, "inwoners_zekerheid_gebruikt": firmness,
                     "inwoners_bron_gebruikt": r.get(f"{population}_bron") if inhabitants else None,
                     "per_100000": per, "cijfer": count_text, "per_100000_tekst": per_text})
    extra = pl.DataFrame(rows, schema={
        "inwoners_gebruikt": pl.Int64, "inwoners_zekerheid_gebruikt": pl.String, "inwoners_bron_gebruikt": pl.String,
        "per_100000": pl.Float64, "cijfer": pl.String, "per_100000_tekst": pl.String})
    out = pl.concat([frame, extra], how="horizontal")
    shown, text = ("value", "cijfer") if measure == "aantal" else ("per_100000", "per_100000_tekst")
    return out.with_columns(waarde=pl.col(shown), tekst=pl.col(text))


def bar_chart(bars: pl.DataFrame, *, measure: str, selected: str | None, key: str = "gemeente_huidig") -> go.Figure:
    """Horizontal bars, largest on top, the value printed next to each bar; `customdata` is the municipality as the
    Gemeente choice names it (column `key`, as in `tilemap.tile_map`)."""
    fig = charts.style(charts.bars(bars, x="gemeente", y="waarde", hover="tekst", horizontal=True),
                       height=90 + 26 * bars.height)
    fig.update_traces(textposition="outside", cliponaxis=False, customdata=[[h] for h in bars[key]],
                      marker_line_width=[3 if h == selected else 0 for h in bars[key]],
                      marker_line_color="#000000")
    fig.update_layout(showlegend=False, dragmode=False, clickmode="event+select")
    # The value beside the longest bar is drawn in the right margin, wide enough for it ("76 (onzeker)").
    longest = max((len(t) for t in bars["tekst"].drop_nulls()), default=0)
    fig.update_layout(margin_r=10 + 8 * longest)
    top = bars["waarde"].max() or 1
    fig.update_xaxes(tickformat=",.0f" if measure == "aantal" else ",.1f", fixedrange=True, range=[0, top * 1.05])
    return fig.update_yaxes(fixedrange=True)


def clicked(points: list[dict]) -> str | None:
    """The municipality behind the first clicked tile or bar (its `customdata[0]`), if any."""
    for point in points or []:
        data = point.get("customdata")
        if isinstance(data, list) and data and data[0]:
            return str(data[0])
        if isinstance(data, str) and data:
            return data
    return None


def reconciliation(municipal: pl.DataFrame, others: pl.DataFrame) -> str | None:
    """Say in Dutch whether the municipalities (plus lines without one) add up to the printed total, and whether
    the sum is as approximate or uncertain as a figure in it."""
    counted = municipal.filter(pl.col("value").is_not_null())
    if counted.is_empty() or counted["unit"][0] != "aantal":
        return None
    total = float(counted["value"].sum())
    printed = others.filter(pl.col("rol") == "totaal_gemeenten")
    if printed.is_empty():
        loose = others.filter(pl.col("rol") == "totaal")
        if loose.is_empty():
            return (f"De gemeenten op de kaart tellen samen op tot {nl_number(total)}; het verslag noemt hier geen "
                    "totaal." + _sum_caveat(counted))
        return (f"Het verslag noemt in totaal {figure_text(loose['value'][0], 'aantal', loose['qualifier'][0], loose['certainty'][0])}; "
                f"de gemeenten met een eigen cijfer tellen samen op tot {nl_number(total)}. Het verschil staat niet per "
                "gemeente in het verslag." + _sum_caveat(counted))
    parts = others.filter(pl.col("rol") == "deel")
    computed = total + float(parts["value"].sum() or 0)
    sum_text = f"De gemeenten samen ({nl_number(total)})"
    if parts.height:
        sum_text += " plus " + ", ".join(f"‘{r}’ ({nl_number(v)})" for r, v in zip(parts["regel"], parts["value"]))
        sum_text += f" = {nl_number(computed)}"
    target = printed["value"][0]
    caveat = _sum_caveat(counted, parts, printed)
    if abs(computed - target) < 1e-9:
        return f"{sum_text}: gelijk aan het totaal in het verslag ({nl_number(target)}).{caveat}"
    return (f"{sum_text}, maar het verslag noemt als totaal {nl_number(target)} "
            f"(verschil {nl_number(target - computed)}). Zie de pagina Bronnen & kwaliteit.{caveat}")


def _sum_caveat(*frames: pl.DataFrame) -> str:
    """What a sum must say when a figure in it (or the total it is held against) is approximate or uncertain."""
    rows = pl.concat([f.select("qualifier", "certainty") for f in frames])
    words = [w for w, on in (("bij benadering", (rows["qualifier"] != "exact").any()),
                             ("onzeker", (rows["certainty"] == "onzeker").any())) if on]
    return f" Het verslag noemt deze cijfers {' en '.join(words)}; de som is dat dus ook." if words else ""


def notes(printed: pl.DataFrame) -> str | None:
    """The curator's remarks on the municipal figures as printed, each once, with the municipalities it concerns.

    A remark that extends a shorter one ("<shorter> Cel ... gedrukt als '='") counts for the shorter one too, and
    only its extra words are shown, so a caveat on the whole table reads once, "(alle gemeenten)".
    """
    rows = printed.filter(pl.col("value").is_not_null() & pl.col("note").is_not_null())
    if rows.is_empty():
        return None
    distinct = sorted(set(rows["note"]), key=len)
    concerns: dict[str, list[str]] = {}
    for name, note in rows.select("gemeente", "note").iter_rows():
        base = next((d for d in distinct if d != note and note.startswith(d)), None)
        for text in ([base, note[len(base):].strip()] if base else [note]):
            concerns.setdefault(text, []).append(name)
    total = printed.filter(pl.col("value").is_not_null()).height
    parts = [f"{text} ({'alle gemeenten' if len(names) == total > 1 else ', '.join(names)})"
             for text, names in concerns.items()]
    return "Opmerkingen bij deze cijfers: " + " ".join(parts)


def split_note(frame: pl.DataFrame) -> str | None:
    """Name the split municipalities whose figure goes wholly to their main successor (harmonised view only)."""
    if "wholly_attributed" not in frame.columns:
        return None
    pairs = frame.filter(pl.col("wholly_attributed").is_not_null()).select("wholly_attributed", "gemeente").rows()
    if not pairs:
        return None
    said = " en ".join(f"dat van {old} bij {new}" for old, new in pairs)
    return (f"Bij benadering: {pairs[0][0] if len(pairs) == 1 else 'deze gemeenten'} "
            f"{'is' if len(pairs) == 1 else 'zijn'} bij een herindeling over meer gemeenten verdeeld. Het cijfer telt "
            f"hier volledig mee bij de opvolger die het grootste deel kreeg: {said}.")


def missing_population(shown: pl.DataFrame, measure: str, year: int) -> str | None:
    """Say plainly for which municipalities with a figure no value per inhabitant can be given, and why."""
    if measure == "aantal":
        return None
    with_figure = shown.filter(pl.col("value").is_not_null())
    if with_figure.height and with_figure["unit"][0] != "aantal":
        return "Dit cijfer is een percentage; een waarde per 100.000 inwoners heeft daarbij geen betekenis."
    lacking = with_figure.filter(pl.col("per_100000").is_null())["gemeente"].to_list()
    if not lacking:
        return None
    if len(lacking) == with_figure.height:
        return (f"Er zijn geen inwonertallen per gemeente van {year} geladen voor deze gemeenten, dus geen waarden "
                "per 100.000 inwoners. Er wordt geen ander jaar gebruikt.")
    return (f"Geen inwonertal van {year} geladen voor {', '.join(lacking)}: daar staat geen waarde per 100.000 "
            "inwoners. Er wordt geen ander jaar gebruikt.")


def _texts(frame: pl.DataFrame) -> pl.DataFrame:
    """Empty text instead of null in text columns: a table shows "None" for a missing string."""
    return frame.with_columns(pl.col(pl.String).fill_null(""))


def chart_table(shown: pl.DataFrame, measure: str) -> pl.DataFrame:
    """The rows behind the map and the bars: the figure (and per inhabitant when shown) with its source."""
    columns = ["gemeente", "cijfer"] + ([] if measure == "aantal" else ["per_100000_tekst"])
    numbers = ["value"] + ([] if measure == "aantal" else ["per_100000"])  # for the downloads: numbers, not text
    return _texts(shown.filter(pl.col("value").is_not_null())
                  .select(*columns, "qualifier", "certainty", "source_title", "source_document", "source_locator",
                          *numbers))


def municipality_table(shown: pl.DataFrame, measure: str, printed: bool) -> pl.DataFrame:
    """One row per municipality with a figure: as printed or harmonised, per inhabitant, firmness, notes, source."""
    rows = shown.filter(pl.col("value").is_not_null())
    if printed:
        rows = rows.with_columns(gemeente_huidig=pl.when(pl.col("is_municipality_exact").fill_null(True))
                                 .then(pl.col("gemeente_huidig"))
                                 .otherwise(pl.col("gemeente_huidig") + " (grootste deel; cijfer geheel hierheen)"))
    per = [] if measure == "aantal" else ["per_100000_tekst", "inwoners_gebruikt", "inwoners_zekerheid_gebruikt"]
    names = ["gemeente_huidig"] if printed else ["gedrukt_als", "wholly_attributed"]
    return _texts(rows.select("gemeente", "cijfer", *per, *names, "qualifier", "certainty", "uncertainty_reason", "note",
                              "source_title", "source_document", "source_locator", "value", *(["per_100000"] if per else [])))


def detail_table(detail: pl.DataFrame) -> pl.DataFrame:
    """Every figure of one municipality (under any printed name) as Dutch text, with its source."""
    return _texts(detail.with_columns(
        figure_text_column(),
        label=pl.struct("theme", "label").map_elements(lambda r: kpi_label(*r.values()), return_dtype=pl.String),
        wholly_attributed=pl.when(~pl.col("is_municipality_exact").fill_null(True))
        .then(pl.lit("ja: hele cijfer bij de grootste opvolger")),
    ).select("year", "label", "gedrukt_als", "cijfer", "wholly_attributed", "qualifier", "certainty", "uncertainty_reason",
             "note",
             "source_title", "source_document", "source_locator", "value"))


def others_table(others: pl.DataFrame) -> pl.DataFrame:
    """The lines without a municipality, as printed, with their role in the table's sums."""
    return _texts(others.with_columns(figure_text_column(),
                                      rol=pl.col("rol").replace_strict(ROLES))
                  .select("regel", "rol", "cijfer", "qualifier", "certainty", "uncertainty_reason", "note",
                          "source_title", "source_document", "source_locator", "value"))

