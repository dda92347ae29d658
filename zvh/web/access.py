"""Who may do what: the roles of a signed-in user, and the pages and actions they open.

Without sign-in configured the dashboard is one person's tool on a laptop and everything is allowed. With
sign-in, roles come from a claim of the identity provider's ID token: `analist` opens the SQL-werkbank,
`aanleveraar:<regio>` delivering that region's figures, `beheerder` rolling a delivery back.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from zvh.source.regions import Regions

ANALIST = "analist"
BEHEERDER = "beheerder"
AANLEVERAAR = "aanleveraar:"
AANLEVERAAR_ROLE = f"{AANLEVERAAR}<regio>"  # as the texts name it


@dataclass(frozen=True)
class Person:
    is_local: bool  # no sign-in configured: a single user, allowed everything
    is_signed_in: bool = False
    identity: str = ""  # e-mail, else the user name, else the subject of the ID token
    roles: frozenset[str] = frozenset()

    def may_read(self, is_open: bool) -> bool:
        return self.is_local or self.is_signed_in or is_open

    @property
    def may_query(self) -> bool:
        return self.is_local or ANALIST in self.roles

    @property
    def may_roll_back(self) -> bool:
        return self.is_local or BEHEERDER in self.roles

    @property
    def may_aanleveren(self) -> bool:
        return self.is_local or any(r.startswith(AANLEVERAAR) for r in self.roles)

    def aanlevering_regions(self, regions: Regions) -> list[str]:
        """The regions whose figures this person may deliver (a role may spell a region as its administrator
        typed it: "aanleveraar:Fryslân", "aanleveraar: friesland")."""
        if self.is_local:
            return list(regions.names)
        own = {regions.find(r.removeprefix(AANLEVERAAR)) for r in self.roles if r.startswith(AANLEVERAAR)}
        return [r for r in regions.names if r in own]

    @property
    def role_text(self) -> str:
        """The roles as recorded in the history."""
        return "lokaal (geen inlog)" if self.is_local else ", ".join(sorted(self.roles))


LOCAL = Person(is_local=True)
ANONYMOUS = Person(is_local=False)


def signed_in(claims: Mapping, roles_claim: str) -> Person:
    """The person an ID token describes."""
    identity = str(claims.get("email") or claims.get("preferred_username") or claims.get("sub") or "")
    return Person(is_local=False, is_signed_in=True, identity=identity, roles=roles_from(claims.get(roles_claim)))


def roles_from(value) -> frozenset[str]:
    """Roles as providers send them: a list (Entra ID, Keycloak) or one string separated by spaces or commas."""
    if isinstance(value, str):
        value = value.replace(",", " ").split()
    if not isinstance(value, (list, tuple)):  # absent, or a shape no provider documents: no roles
        return frozenset()
    return frozenset(item.strip().lower() for item in value if isinstance(item, str) and item.strip())
