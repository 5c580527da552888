"""The test provider as a pytest fixture: its own Django process on a free loopback port.

``oidc_provider`` (session scope) prepares a fresh SQLite database in a temporary
folder, starts ``runserver`` and waits until the discovery document answers. Tests
register their accounts and clients with ``add_user`` and ``add_client``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
#: a bound for a provider that never comes up (a broken environment), not a measure of speed
START_ATTEMPTS = 600


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Provider:
    url: str
    env: dict[str, str]

    @property
    def issuer(self) -> str:
        return f"{self.url}/openid"

    def _prepare(self, *args: str) -> None:
        subprocess.run(
            [sys.executable, "-m", "tests.oidc_provider.prepare", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
        )

    def add_user(self, username: str, password: str, email: str, first_name: str = "", last_name: str = "") -> None:
        self._prepare("user", username, password, email, first_name, last_name)

    def add_client(self, client_id: str, secret: str, *redirect_uris: str) -> None:
        self._prepare("client", client_id, secret, *redirect_uris)

    def allow_return_after_logout(self, client_id: str, uri: str) -> None:
        """Register ``uri`` as where the provider may send the browser after signing out there."""
        self._prepare("logout-uri", client_id, uri)


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Provider]:
    folder = tmp_path_factory.mktemp("oidc-provider")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "KREISKURS_", "DATABASE_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="tests.oidc_provider.settings",
        OIDC_TEST_PROVIDER_DB=str(folder / "provider.sqlite3"),
        OIDC_TEST_PROVIDER_URL=url,
        PYTHONPATH=str(ROOT),
    )
    provider = Provider(url=url, env=env)
    provider._prepare("init")
    log = (folder / "server.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for_discovery(provider, process, folder / "server.log")
        yield provider
    finally:
        process.terminate()
        process.wait()
        log.close()


def _wait_for_discovery(provider: Provider, process: subprocess.Popen[bytes], log: Path) -> None:
    """Poll the discovery document until it answers; fail with the server's output if the process ends."""
    pause = threading.Event()
    for _attempt in range(START_ATTEMPTS):
        if process.poll() is not None:
            pytest.fail(f"the test OpenID provider stopped:\n{log.read_text()}", pytrace=False)
        try:
            if requests.get(f"{provider.issuer}/.well-known/openid-configuration", timeout=5).ok:
                return
        except requests.ConnectionError:
            pass
        pause.wait(0.1)  # between polls only; the condition is the answer above
    pytest.fail(f"the test OpenID provider did not answer:\n{log.read_text()}", pytrace=False)
