"""Figures as Dutch text keep what the report printed: its decimals, its qualifier, its uncertainty."""

import pytest

from zvh.present.formatting import change_text, figure_text


@pytest.mark.parametrize(("value", "unit", "text"), [
    (0.05, "fte", "0,05 fte"), (12.42, "fte", "12,42 fte"), (15.9, "fte", "15,9 fte"), (160.0, "aantal", "160"),
    (1958682.0, "euro", "€ 1.958.682"), (1234.5, "euro", "€ 1.234,50"), (80.1, "procent", "80,1%"),
])
def test_a_figure_has_the_decimals_it_was_printed_with(value, unit, text):
    assert figure_text(value, unit) == text


def test_a_change_has_the_decimals_of_its_figures():
    now = {"value": 15.9, "year": 2020, "qualifier": "exact", "unit": "fte"}
    before = {"value": 12.42, "year": 2017, "qualifier": "exact", "unit": "fte"}
    assert change_text(now, before) == "+3,48 t.o.v. 2017 (3 jaar eerder)"
