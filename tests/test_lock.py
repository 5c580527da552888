"""Installs are reproducible: the lock files hold every pin of pyproject.toml, and this
environment runs exactly the locked versions."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==([^\s;]+)")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lines: list[str]) -> dict[str, str]:
    found = {}
    for line in lines:
        match = PIN.match(line.strip())
        if match:
            found[canonical(match.group(1))] = match.group(2)
    return found


def lock(name: str) -> dict[str, str]:
    return pins((PROJECT / "requirements" / name).read_text(encoding="utf-8").splitlines())


def test_every_pin_of_pyproject_is_in_the_lock_files_with_the_same_version() -> None:
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = pins(project["dependencies"])
    dev = pins(project["optional-dependencies"]["dev"])
    assert runtime and dev
    prod_lock, dev_lock = lock("prod.lock"), lock("dev.lock")
    assert {n: prod_lock.get(n) for n in runtime} == runtime, "run `make lock`"
    assert {n: dev_lock.get(n) for n in runtime | dev} == runtime | dev, "run `make lock`"
    assert set(prod_lock) <= set(dev_lock)


def test_this_environment_runs_the_locked_versions() -> None:
    installed = {canonical(d.metadata["Name"]): d.version for d in metadata.distributions()}
    differing = {n: (v, installed.get(n)) for n, v in lock("dev.lock").items() if installed.get(n) != v}
    assert differing == {}, "run `make setup` (locked version, installed version)"
