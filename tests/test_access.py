"""Roles from the ID token decide who may query, deliver which region, and roll back."""

import pytest

from zvh.paths import DATA
from zvh.source import regions
from zvh.web.access import ANONYMOUS, LOCAL, roles_from, signed_in

KNOWN = regions.read(DATA)
REGIONS = list(KNOWN.names)


@pytest.mark.parametrize(("value", "roles"), [
    (["analist", "aanleveraar:fryslan"], {"analist", "aanleveraar:fryslan"}),  # Entra ID, Keycloak: a list
    ("analist beheerder", {"analist", "beheerder"}),  # one string, as some providers send it
    ("Analist, BEHEERDER", {"analist", "beheerder"}),
    (None, set()),
])
def test_roles_are_read_as_providers_send_them(value, roles):
    assert roles_from(value) == roles


def person(*roles: str, claim: str = "roles"):
    return signed_in({"email": "ana@zvh.example", "sub": "u1", claim: list(roles)}, claim)


@pytest.mark.parametrize(("who", "query", "deliver", "roll_back"), [
    (LOCAL, True, REGIONS, True),  # a laptop without sign-in: one user, everything
    (ANONYMOUS, False, [], False),
    (person(), False, [], False),
    (person("analist"), True, [], False),
    (person("aanleveraar:fryslan"), False, ["fryslan"], False),
    (person("aanleveraar:Fryslân", "aanleveraar:groningen"), False, REGIONS, False),
    (person("beheerder"), False, [], True),
])
def test_the_role_matrix(who, query, deliver, roll_back):
    assert (who.may_query, who.aanlevering_regions(KNOWN), who.may_roll_back) == (query, deliver, roll_back)
    assert who.may_aanleveren == bool(deliver)


def test_reading_needs_sign_in_unless_the_office_publishes_openly():
    assert (ANONYMOUS.may_read(False), ANONYMOUS.may_read(True), person().may_read(False), LOCAL.may_read(False)) == (
        False, True, True, True)


def test_the_identity_is_the_email_else_the_subject_and_the_claim_is_configurable():
    assert person("analist", claim="groups").roles == {"analist"}
    assert signed_in({"sub": "u1", "roles": ["beheerder"]}, "roles").identity == "u1"
    assert signed_in({"sub": "u1", "roles": ["beheerder"]}, "groups").roles == frozenset()


@pytest.mark.parametrize("value", [{"analist": True}, 3, [3, None]])
def test_a_claim_of_another_shape_gives_no_roles(value):
    assert roles_from(value) == frozenset()


def test_a_region_in_a_role_may_be_spelled_with_a_space_or_accent():
    for role in ("aanleveraar: Fryslân", "aanleveraar:FRYSLAN", "aanleveraar:friesland"):  # regio.csv's andere_namen
        assert person(role).aanlevering_regions(KNOWN) == ["fryslan"]
    assert person("aanleveraar:drenthe").aanlevering_regions(KNOWN) == []
