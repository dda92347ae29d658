"""Numbers the Dutch way: `€ 1.958.682`, `15,9 fte`, `ongeveer 600`, changes; small tables as Markdown text."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import polars as pl

QUALIFIER_WORDS = {"exact": "", "ongeveer": "ongeveer ", "ruim": "ruim "}


def nl_number(value: float | None, decimals: int = 0) -> str:
    """Format with a thousands point and a decimal comma; `–` for a missing value."""
    if value is None:
        return "–"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def printed_decimals(value: float | None, most: int = 4) -> int:
    """The fewest decimals that write `value` exactly: a figure keeps the decimals it was printed with (0,05 fte,
    12,42 fte, 15,9 fte)."""
    if value is None:
        return 0
    return next((d for d in range(most) if round(value, d) == value), most)


def nl_value(value: float | None, unit: str, qualifier: str = "exact") -> str:
    """Format a figure with its unit and qualifier, with the decimals it has (amounts with cents: two)."""
    decimals = printed_decimals(value)
    number = nl_number(value, 2 if unit == "euro" and decimals else decimals)
    text = {"euro": f"€ {number}", "procent": f"{number}%", "fte": f"{number} fte"}.get(unit, number)
    return QUALIFIER_WORDS.get(qualifier, "") + text


# The one name of a figure's Dutch text in every frame and table.
FIGURE_TEXT = "cijfer"


def figure_text(value: float | None, unit: str, qualifier: str | None = "exact", certainty: str | None = "zeker") -> str | None:
    """A figure as the dashboard writes it: "ruim 60", "€ 1.958.682", "330 (onzeker)"; None when there is none."""
    if value is None:
        return None
    return nl_value(value, unit, qualifier or "exact") + (" (onzeker)" if certainty == "onzeker" else "")


def rate_text(rate: float | None, qualifier: str | None = "exact", certainty: str | None = "zeker") -> str | None:
    """A figure per so many inhabitants, with one decimal and its figure's qualifier and certainty: "ruim 12,3"."""
    if rate is None:
        return None
    return QUALIFIER_WORDS.get(qualifier or "exact", "") + nl_number(rate, 1) + (" (onzeker)" if certainty == "onzeker" else "")


def figure_text_column(value: str = "value", unit: str | pl.Expr = "unit", *, alias: str = FIGURE_TEXT) -> pl.Expr:
    """`figure_text` as a polars column, from a frame's value, unit, qualifier and certainty columns (`unit` may be
    a literal such as `pl.lit("euro")`)."""
    unit = pl.col(unit) if isinstance(unit, str) else unit
    return pl.struct(pl.col(value).alias("value"), unit.alias("unit"), "qualifier", "certainty").map_elements(
        lambda r: figure_text(**r), return_dtype=pl.String).alias(alias)


THEMES = {"financien": "Financiën", "huiselijk_geweld": "Huiselijk geweld", "preventie_met_gezag": "Preventie met gezag",
          "maatschappelijke_onrust": "Maatschappelijke onrust"}


def theme_label(theme: str) -> str:
    """A theme as people read it: "Financiën", "Huiselijk geweld", "Maatwerk"."""
    return THEMES.get(theme, theme.replace("_", " ").capitalize())


def kpi_label(theme: str, label: str) -> str:
    """A figure named with its theme, the part of the work it covers, wherever it is named: "Maatwerk: Actieve
    zaken" (not all of the ZVH's cases); a label that names its theme already stays as it is ("Signalen
    mensenhandel")."""
    return label if theme_label(theme).lower() in label.lower() else f"{theme_label(theme)}: {label}"


def change_text(now: dict, before: dict) -> str:
    """A figure's change against an earlier year, for a metric tile: "+24 t.o.v. 2023", saying how many years back,
    whether either figure is approximate, which is uncertain, and which year a report printed in thousands of euros."""
    # As many decimals as the figures have: 15,9 − 12,42 is 3,48, not the float subtraction's 3,4800000000000004.
    decimals = max(printed_decimals(now["value"]), printed_decimals(before["value"]))
    change = round(now["value"] - before["value"], decimals)
    sign = "+" if change > 0 else "-" if change < 0 else ""  # leads, because Streamlit reads the arrow from it
    unit = "€ " if now.get("unit") == "euro" else ""
    notes = [f"{gap} jaar eerder"] if (gap := now["year"] - before["year"]) > 1 else []
    if now["qualifier"] != "exact" or before["qualifier"] != "exact":
        notes.append("bij benadering")
    if unsure := [str(r["year"]) for r in (before, now) if r.get("certainty") == "onzeker"]:
        notes.append(f"{' en '.join(unsure)} onzeker")
    if rounded := [str(r["year"]) for r in (before, now) if r.get("is_in_thousands")]:
        notes.append(f"{' en '.join(rounded)} afgerond op € 1.000")
    return f"{sign}{unit}{nl_number(abs(change), decimals)} t.o.v. {before['year']}" + (f" ({', '.join(notes)})" if notes else "")


MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]


def nl_datetime(moment: dt.datetime) -> str:
    """A moment as Dutch readers write it, in Dutch time: "2 december 2026, 21:22" (a moment without a zone is UTC)."""
    local = (moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)).astimezone(ZoneInfo("Europe/Amsterdam"))
    return f"{local.day} {MONTHS[local.month - 1]} {local.year}, {local:%H:%M}"


def nl_date(day: dt.date) -> str:
    """A day as Dutch readers write it: "6 december 2026"."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def version_text(info: dict) -> str:
    """‘Gegevensversie 679d96a55812, opgebouwd 2 december 2026, 21:22’ from a `build_info` row: the data a figure on
    screen, in a download or on paper comes from."""
    return f"Gegevensversie {info['data_version']}, opgebouwd {nl_datetime(info['built_at'])}"


def year_span(first: int, last: int) -> str:
    """A range of years as Dutch text: "2020–2024", or "2024" for one year (not "2024–2024")."""
    return str(first) if first == last else f"{first}–{last}"


def listed(items, last: str = "en") -> str:
    """Dutch enumeration: "A", "A en B", "A, B en C" (or with "of")."""
    items = [str(i) for i in items]
    return f"{', '.join(items[:-1])} {last} {items[-1]}" if len(items) > 1 else "".join(items)


# What Markdown could read as a link or image (`[`, `<`), formatting, a table cell's end (`|`), a formula (`$`,
# Streamlit), a character reference (`&`) or an escape; and, at the start only, a heading, quote or list. `(`, `.`, `:` and `-` inside a text
# cannot start anything once `[` is escaped, so prose stays readable where it is shown unrendered.
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>|~$&])")  # & too: "&#58;" would become ":" after this step
_MARKDOWN_START = re.compile(r"^(\s*)(?:([#>+\-=])|(\d+)([.)]))")
# Streamlit links bare addresses (http://…, www.…, a@b) and draws :shortcodes: and :material/icons: after
# Markdown is parsed, so a backslash does not stop them; an invisible word joiner inside does.
_LINKED = re.compile(r"(?i)[:@](?=\S)|www(?=\.)")
WORD_JOINER = "\u2060"


def markdown_text(value) -> str:
    """`value` (a name, a file name, a figure's text) as Markdown that shows literally, on one line; None is empty."""
    if value is None:
        return ""
    text = re.sub(r"[\r\n]+", " ", _MARKDOWN_INLINE.sub(r"\\\1", str(value)))  # a lone \r ends a line too
    text = _LINKED.sub(lambda m: m[0] + WORD_JOINER, text)
    return _MARKDOWN_START.sub(lambda m: m[1] + (f"\\{m[2]}" if m[2] else f"{m[3]}\\{m[4]}"), text, count=1)


def source_markdown(row: dict) -> str:
    """Where a figure comes from, for a tile's help text: "Bron: title, locator." as escaped Markdown."""
    return f"Bron: {markdown_text(row['source_title'])}, {markdown_text(row['source_locator'])}."


def markdown_table(frame: pl.DataFrame) -> str:
    """`frame` as a Markdown table whose cells show their text literally; a missing value is an empty cell.

    A static table for a page that must paint fast: `st.markdown` needs no data-grid script in the browser.
    """
    lines = ["| " + " | ".join(markdown_text(c) for c in frame.columns) + " |", "|" + "---|" * frame.width]
    lines += ["| " + " | ".join(markdown_text(v) for v in row) + " |" for row in frame.iter_rows()]
    return "\n".join(lines)
