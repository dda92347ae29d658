"""Deployment switches, read from the environment so that a deployment needs no code change."""

import os

FEATURES = {"werkbank": "ZVH_WERKBANK", "aanleveren": "ZVH_AANLEVEREN"}  # feature → environment variable
OFF = {"0", "uit", "off", "false", "nee", "no"}


def enabled(feature: str) -> bool:
    """A feature is on unless its variable says otherwise (`ZVH_WERKBANK=uit` hides the SQL page,
    `ZVH_AANLEVEREN=uit` the upload page)."""
    return os.environ.get(FEATURES[feature], "aan").strip().lower() not in OFF
