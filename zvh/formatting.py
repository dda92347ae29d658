"""Numbers the Dutch way: `€ 1.958.682`, `15,9 fte`, `ongeveer 600`."""

QUALIFIER_WORDS = {"exact": "", "ongeveer": "ongeveer ", "ruim": "ruim "}


def nl_number(value: float | None, decimals: int = 0) -> str:
    """Format with a thousands point and a decimal comma; `–` for a missing value."""
    if value is None:
        return "–"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def nl_value(value: float | None, unit: str, qualifier: str = "exact") -> str:
    """Format a figure with its unit and qualifier, showing decimals only when the figure has them."""
    decimals = 0 if value is None or float(value).is_integer() else 1 if unit != "euro" else 2
    number = nl_number(value, decimals)
    text = {"euro": f"€ {number}", "procent": f"{number}%", "fte": f"{number} fte"}.get(unit, number)
    return QUALIFIER_WORDS.get(qualifier, "") + text
