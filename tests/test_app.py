"""app.py registers every page of views/, no pages/ folder exists, and no traceback reaches a user.

With a pages/ folder next to app.py, Streamlit 1.67 starts in its legacy multipage mode: until the first
st.navigation call of the process, a deep link either runs pages/<name>.py without app.py or shows a
"Page not found" dialog. Pages therefore live in views/.
"""

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import APP, PAGES, ROOT
from zvh.web.guard import MESSAGE


def test_every_view_is_a_registered_page_and_there_is_no_pages_folder():
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    registered = set(re.findall(r'signin\.page\("views/(\w+)\.py"', app))
    assert registered == set(PAGES)
    assert not (ROOT / "pages").exists()


@pytest.mark.parametrize("page", [None, "trends", "financien", "bronnen"])
def test_an_unexpected_error_shows_a_dutch_message_with_a_reference_not_a_traceback(page, tmp_path, monkeypatch, caplog):
    broken = tmp_path / "zvh.duckdb"
    broken.write_bytes(b"this is no DuckDB file" * 100)  # e.g. a disk that was restored wrongly
    monkeypatch.setenv("ZVH_DB", str(broken))
    at = AppTest.from_file(APP, default_timeout=30)
    if page:
        at.switch_page(f"views/{page}.py")
    at.run()
    assert not at.exception
    [message] = [e.value for e in at.error]
    assert MESSAGE in message
    reference = re.search(r"referentie \*\*([0-9A-F]{6})\*\*", message).group(1)
    logged = [r for r in caplog.records if reference in r.getMessage()]
    assert logged and logged[0].exc_info  # the details, with the traceback, are in the server log


def test_a_first_start_on_broken_source_data_says_so_in_dutch(data_copy, monkeypatch):
    path = data_copy / "kerncijfers" / "zvhg_jaarverslag_2024.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",exact,", ",bijna,", 1), encoding="utf-8")
    monkeypatch.setenv("ZVH_DATA", str(data_copy))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    [message] = [e.value for e in at.error]
    assert message.startswith("De database kan niet worden opgebouwd: de brongegevens hebben 1 probleem.")
    assert not (data_copy / "zvh.duckdb").exists()


HOSTILE = "![x](http://127.0.0.1:9/pixel.png) [Sessie verlopen: log hier opnieuw in](http://127.0.0.1:9/login)"


@pytest.mark.parametrize(("page", "key"), [(None, "regio"), ("trends", "regios"), ("trends", "jaren"),
                                           ("gemeenten", "regio"), ("financien", "regio")])
def test_a_hostile_link_value_is_shown_as_text_not_as_markdown(app_db, page, key):
    from tests.apptest import open_page

    at = open_page(page, **{key: HOSTILE})
    [info] = [i.value for i in at.info if "De link vraagt om" in i.value]
    assert "!\\[x\\](http" in info and "\\[Sessie verlopen" in info  # escaped: no image, no link


@pytest.mark.parametrize(("page", "params", "named"), [
    ("trends", {"grafiek": "Taart"}, "grafiek ‘Taart’, maar die keuze bestaat hier niet"),
    ("trends", {"jaren": ["2031", "2032"]}, "jaren ‘2031’ en ‘2032’, maar die keuzes bestaan hier niet"),
    ("financien", {"staat": "Prognose"}, "staat ‘Prognose’"),
    ("financien", {"tabblad": "Grootboek"}, "tabblad ‘Grootboek’"),
    ("vergelijking", {"per_inwoners": "misschien"}, "waarde voor ‘Per 100.000 inwoners’ ‘misschien’"),
    ("gemeenten", {"gedrukt": "ja"}, "waarde voor ‘Gemeenten zoals gedrukt’ ‘ja’"),
    ("gemeenten", {"maat": "Per hoofd"}, "weergave ‘Per hoofd’"),
    ("gemeenten", {"gemeente": "Atlantis"}, "gemeente ‘Atlantis’"),
    ("bronnen", {"onderdeel": "Alles"}, "tabblad ‘Alles’"),
    ("aanleveren", {"tabel": "Alles"}, "soort gegevens ‘Alles’"),
])
def test_every_link_value_a_page_cannot_show_is_named(app_db, page, params, named):
    from tests.apptest import open_page

    at = open_page(page, **params)
    assert any(f"De link vraagt om {named}" in i.value for i in at.info), [i.value for i in at.info]
