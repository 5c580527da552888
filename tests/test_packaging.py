"""The installed package runs on its own: no runtime code reads from the source tree (``tests/``)."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]

#: its own SQLite file in a fresh virtualenv, never DATABASE_URL: once per `make test` is enough
pytestmark = pytest.mark.database_independent


def run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, capture_output=True, text=True, **kwargs)  # type: ignore[call-overload]
    assert done.returncode == 0, f"{' '.join(args)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done


def test_a_built_wheel_migrates_and_loads_the_demo_from_a_fresh_virtualenv(tmp_path: Path) -> None:
    """Build the wheel, install it alone into a new virtualenv (dependencies come from this
    environment through a path entry, the package itself only from the wheel) and run
    ``kreiskurs migrate`` and ``kreiskurs load_demo`` outside the source tree."""
    run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), "."],
        cwd=PROJECT,
    )
    wheel = next(tmp_path.glob("kreiskurs-*.whl"))
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    python = venv / "bin" / "python"
    site = Path(run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    # the dependencies of this environment, appended after the new site-packages (its own .pth
    # files, among them the editable install of the source tree, are not processed from there)
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)])
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "KREISKURS_VAR_DIR": str(tmp_path / "var"),
        "KREISKURS_DEBUG": "1",
        "KREISKURS_HTTPS": "0",
    }
    located = run([str(python), "-c", "import kreiskurs; print(kreiskurs.__file__)"], cwd=work, env=env).stdout
    assert located.startswith(str(site)), located  # the wheel, not the source tree
    run([str(venv / "bin" / "kreiskurs"), "migrate", "--noinput", "-v0"], cwd=work, env=env)
    loaded = run([str(venv / "bin" / "kreiskurs"), "load_demo"], cwd=work, env=env).stdout
    assert "Kreis Coesfeld" in loaded
