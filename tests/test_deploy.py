"""Production settings from the environment pass Django's deployment checks."""

from __future__ import annotations

import os
import subprocess
import sys


def run_check(*command: str, **env: str) -> subprocess.CompletedProcess[str]:
    # a clean process environment: no project settings and no test-only switches
    clean = {k: v for k, v in os.environ.items() if not k.startswith("KREISKURS_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean.update({"DJANGO_SETTINGS_MODULE": "kreiskurs.settings", **env})
    return subprocess.run(
        [sys.executable, "-m", "django", *(command or ("check", "--deploy", "--fail-level", "WARNING"))],
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_is_clean_with_production_settings() -> None:
    result = run_check(
        KREISKURS_SECRET_KEY="x" * 20 + "production-secret-key-with-enough-entropy-1234567890",
        KREISKURS_ALLOWED_HOSTS="kreiskurs.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_server_refuses_to_start_without_secret_key() -> None:
    """With debug off and no key, Django does not start on the known development key."""
    result = run_check(KREISKURS_ALLOWED_HOSTS="kreiskurs.example.org")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "KREISKURS_SECRET_KEY ist nicht gesetzt" in result.stderr
    assert "KREISKURS_SECRET_KEY is not set" in result.stderr


def test_offline_developer_commands_run_without_a_key() -> None:
    """makemigrations --check serves and signs nothing: it needs no key (a server start still does)."""
    result = run_check("makemigrations", "--check", "--dry-run", KREISKURS_VAR_DIR="/tmp/kreiskurs-no-key-check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout


def test_development_key_only_with_debug() -> None:
    result = run_check(KREISKURS_ALLOWED_HOSTS="kreiskurs.example.org", KREISKURS_DEBUG="1")
    assert "ImproperlyConfigured" not in result.stderr
    assert "security.W009" in result.stdout + result.stderr  # the development key is still flagged


def test_plain_http_is_only_on_request() -> None:
    result = run_check(
        KREISKURS_SECRET_KEY="y" * 60, KREISKURS_ALLOWED_HOSTS="kreiskurs.example.org", KREISKURS_HTTPS="0"
    )
    assert "security.W008" in result.stdout + result.stderr  # no SSL redirect
