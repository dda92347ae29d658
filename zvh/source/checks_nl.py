"""Dutch wording for pandera's check names, so a data steward reads what is wrong, not how we test it."""

import re

from validation.common import SNAKE_CASE
from validation.reference import GM_CODE, ISO_DATE

PATTERN_HINTS = {
    SNAKE_CASE: "gebruik alleen kleine letters, cijfers en _ (bijvoorbeeld nieuwe_aanmeldingen)",
    GM_CODE: "verwacht een CBS-gemeentecode zoals GM0014",
    ISO_DATE: "verwacht een datum als 2019-01-01",
}


def describe(check: str, unique_columns: list[str] | None = None) -> str:
    """Translate one pandera check name (e.g. `greater_than_or_equal_to(0)`) into a Dutch rule."""
    if check == "not_nullable":
        return "mag niet leeg zijn"
    if check == "field_uniqueness":
        return "dubbele waarde: deze waarde komt meer dan eens voor"
    if check == "multiple_fields_uniqueness":
        columns = ", ".join(unique_columns or [])
        return f"dubbele sleutel: deze combinatie van {columns} komt meer dan eens voor"
    if match := re.fullmatch(r"greater_than_or_equal_to\((.*)\)", check):
        bound = match.group(1)
        return "mag niet negatief zijn" if float(bound) == 0 else f"moet minstens {bound} zijn"
    if match := re.fullmatch(r"less_than_or_equal_to\((.*)\)", check):
        return f"mag hoogstens {match.group(1)} zijn"
    if match := re.fullmatch(r"greater_than\((.*)\)", check):
        return f"moet groter dan {match.group(1)} zijn"
    if match := re.fullmatch(r"isin\(\[(.*)\]\)", check, flags=re.S):
        allowed = [v.strip(" '\"") for v in match.group(1).split(",")]
        shown = ", ".join(allowed) if len(allowed) <= 12 else f"{len(allowed)} waarden uit de referentietabel"
        return f"is geen toegestane waarde (toegestaan: {shown})"
    if match := re.fullmatch(r"str_matches\('(.*)'\)", check):
        return f"heeft niet de juiste vorm: {PATTERN_HINTS.get(match.group(1), match.group(1))}"
    if check.startswith("dtype("):
        return f"heeft het verkeerde type: {check}"
    return check
