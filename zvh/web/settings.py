"""Deployment switches, read from the environment so that a deployment needs no code change."""

import os

FEATURES = {"werkbank": "ZVH_WERKBANK", "aanleveren": "ZVH_AANLEVEREN"}  # feature → environment variable
OFF = {"0", "uit", "off", "false", "nee", "no"}
ON = {"1", "aan", "on", "true", "ja", "yes"}


def enabled(feature: str) -> bool:
    """A feature is on unless its variable says otherwise (`ZVH_WERKBANK=uit` hides the SQL page,
    `ZVH_AANLEVEREN=uit` the upload page)."""
    return os.environ.get(FEATURES[feature], "aan").strip().lower() not in OFF


def open_reading() -> bool:
    """With sign-in on, may anyone read the figures without signing in (`ZVH_OPENBAAR=aan`)? Off by default."""
    return os.environ.get("ZVH_OPENBAAR", "uit").strip().lower() in ON


def roles_claim() -> str:
    """The ID-token claim that carries a user's roles (`ZVH_ROLLEN_CLAIM`, default `roles`)."""
    return os.environ.get("ZVH_ROLLEN_CLAIM", "").strip() or "roles"
