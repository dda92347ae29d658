"""A real OpenID Connect provider for the sign-in tests: oidc-provider (npm) on loopback, its users by role."""

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.e2e.server import serving
from zvh.store.locks import exclusive

PROVIDER = Path(__file__).resolve().parents[1] / "oidc"
CLIENT_SECRET = "zvh-test-secret"  # a throwaway client of a throwaway provider


def require_provider() -> None:
    """Install the npm package on first use (the lock file pins it); skip without Node.js, except in CI."""
    installed = PROVIDER / "node_modules" / "oidc-provider"
    if not installed.is_dir() and shutil.which("npm"):
        with exclusive(PROVIDER):  # each pytest-xdist worker imports this module, all at once
            if not installed.is_dir():
                subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=PROVIDER, check=False, capture_output=True)
    if installed.is_dir() and shutil.which("node"):
        return
    if os.environ.get("ZVH_REQUIRE_BROWSER"):
        pytest.fail(f"oidc-provider could not be installed (npm ci in {PROVIDER})", pytrace=False)
    pytest.skip(f"oidc-provider not installed (npm ci in {PROVIDER})", allow_module_level=True)


@contextmanager
def running_provider(port: int, redirect_uri: str, users: dict[str, dict]) -> Iterator[str]:
    """Start the provider; yield its issuer URL once its discovery document answers."""
    env = {"OIDC_PORT": str(port), "OIDC_REDIRECT_URI": redirect_uri, "OIDC_USERS": json.dumps(users),
                        "OIDC_CLIENT_SECRET": CLIENT_SECRET}
    issuer = f"http://127.0.0.1:{port}"
    with serving(["node", "provider.mjs"], PROVIDER, env, f"{issuer}/.well-known/openid-configuration", "oidc-provider"):
        yield issuer


def secrets_toml(issuer: str, redirect_uri: str) -> str:
    """The `[auth]` section an office writes for its provider, here for the test provider."""
    return (f'[auth]\nredirect_uri = "{redirect_uri}"\ncookie_secret = "zvh-test-cookie-secret"\n'
            f'client_id = "zvh-dashboard"\nclient_secret = "{CLIENT_SECRET}"\n'
            f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n')
