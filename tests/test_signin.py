"""Sign-in in AppTest: the role matrix on the real pages (the browser test signs in at a real provider)."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import APP, PAGES, assert_no_error
from tests.conftest import NEXT_YEAR
from tests.test_page_aanleveren import HEADER, table_with, upload
from zvh.aanlevering import ledger
from zvh.present.formatting import WORD_JOINER

AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "test", "client_id": "zvh",
        "client_secret": "test", "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}
READING = ["", "signalen", "trends", "vergelijking", "gemeenten", "mensenhandel", "financien", "bronnen"]  # "": the default page, Overzicht
FRYSLAN_NEW = f"{HEADER}\nfryslan;{NEXT_YEAR};mensenhandel;signalen;;;52;aantal\n".encode()
GRONINGEN_NEW = f"{HEADER}\ngroningen;{NEXT_YEAR};mensenhandel;signalen;;;171;aantal\n".encode()


def app_as(*roles: str, signed_in: bool = True) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": signed_in, "email": "ana@zvh.example", "sub": "u1", "roles": list(roles)}
    at.run()
    assert_no_error(at)
    return at


def pages(at: AppTest) -> dict[str, str]:
    """url path → "page" for the real page, "weigering" for the stand-in that says why not."""
    return {info["url_pathname"]: "page" if info.get("script_path") else "weigering"
            for info in at._registered_pages.values()}


def open_url(at: AppTest, url_path: str) -> AppTest:
    """Open a URL of the app as a deep link does (stand-ins have no file, so switch_page cannot reach them)."""
    [page_hash] = [h for h, info in at._registered_pages.items() if info["url_pathname"] == url_path]
    at._page_hash = page_hash
    at.run()
    assert_no_error(at)
    return at


def test_without_sign_in_configured_everything_is_open_as_on_a_laptop(app_db):
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert set(pages(at).values()) == {"page"} and len(pages(at)) == len(PAGES)
    assert not at.button  # no sign-in buttons


def test_signed_out_every_url_asks_to_sign_in(app_db):
    at = app_as(signed_in=False)
    assert set(pages(at).values()) == {"weigering"}
    assert "Log in om de pagina ‘Overzicht’ te openen." in at.info[0].value
    assert [b.label for b in at.button] == ["Inloggen", "Inloggen"]  # sidebar and page
    assert "Log in om de pagina ‘SQL-werkbank’ te openen." in open_url(at, "werkbank").info[0].value


def test_an_office_that_publishes_openly_shows_the_figures_without_sign_in(app_db, monkeypatch):
    monkeypatch.setenv("ZVH_OPENBAAR", "aan")
    at = app_as(signed_in=False)
    assert {p for p, kind in pages(at).items() if kind == "page"} == set(READING)
    assert at.metric  # the Overzicht figures
    assert "Log in om de pagina ‘Gegevens aanleveren’ te openen." in open_url(at, "aanleveren").info[0].value


@pytest.mark.parametrize(("roles", "werkbank", "aanleveren"), [
    ((), "weigering", "weigering"),
    (("analist",), "page", "weigering"),
    (("aanleveraar:fryslan",), "weigering", "page"),
    (("beheerder",), "weigering", "page"),
])
def test_each_role_opens_its_pages(app_db, roles, werkbank, aanleveren):
    at = app_as(*roles)
    assert pages(at) == {**dict.fromkeys(READING, "page"), "werkbank": werkbank, "aanleveren": aanleveren}
    assert f"Ingelogd als **ana@{WORD_JOINER}zvh.example**" in at.sidebar.markdown[-1].value  # not a mailto: link
    if werkbank == "weigering":
        assert "de rol ‘analist’ nodig" in open_url(at, "werkbank").warning[0].value


def test_a_fryslan_deliverer_cannot_deliver_groningen_figures_and_nothing_changes(workspace):
    data_dir, _ = workspace
    at = open_url(app_as("aanleveraar:fryslan"), "aanleveren")
    assert "U levert cijfers aan van **Fryslân**." in [m.value for m in at.markdown]
    upload(at, "groningen.csv", GRONINGEN_NEW)
    problems = table_with(at, "Wat is er mis")
    assert problems["Wat is er mis"].to_list() == ["u mag alleen cijfers van Fryslân aanleveren"]
    assert not at.get("form_submit_button")
    assert ledger.history(data_dir).is_empty()
    with pytest.raises(ledger.Refused):  # the core refuses too, not only the page
        ledger.commit("kerncijfers", "groningen.csv", GRONINGEN_NEW, "ana", "", *workspace, regions=["fryslan"])


def test_a_deliverer_commits_under_the_signed_in_identity_and_cannot_roll_back(workspace):
    data_dir, _ = workspace
    at = upload(open_url(app_as("aanleveraar:fryslan"), "aanleveren"), "fryslan.csv", FRYSLAN_NEW)
    assert not [t for t in at.text_input if t.label == "Uw naam"]  # the identity comes from the sign-in
    at.get("form_submit_button")[0].click()
    at.run()
    assert_no_error(at)
    [entry] = ledger.active_aanleveringen(data_dir)
    assert (entry["wie"], entry["rol"]) == ("ana@zvh.example", "aanleveraar:fryslan")
    assert not [f for f in at.get("form") if f.form_id == "terugdraaien"]
    assert any("alleen een beheerder" in c.value for c in at.main.caption)


def test_a_beheerder_rolls_back_and_is_recorded(workspace):
    data_dir, db = workspace
    ledger.commit("kerncijfers", "fryslan.csv", FRYSLAN_NEW, "ana", "", data_dir, db)
    at = open_url(app_as("beheerder"), "aanleveren")
    assert not at.get("file_uploader")  # a beheerder without a deliverer's role delivers nothing
    at.get("form_submit_button")[-1].click()
    at.run()
    assert_no_error(at)
    assert ledger.active_aanleveringen(data_dir) == []
    last = ledger.history(data_dir).to_dicts()[-1]
    assert (last["actie"], last["wie"], last["rol"]) == ("teruggedraaid", "ana@zvh.example", "beheerder")


def test_a_deliverer_role_for_an_unknown_region_says_so_and_offers_no_upload(workspace):
    at = open_url(app_as("aanleveraar:utrecht"), "aanleveren")
    assert "noemen geen regio die dit dashboard kent" in at.warning[0].value
    assert not at.get("file_uploader")
