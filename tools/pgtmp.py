"""Run a command against a throwaway PostgreSQL cluster.

Usage::

    .venv/bin/python tools/pgtmp.py [--require] -- COMMAND [ARGS...]

The script creates a temporary directory, initialises a fresh cluster in it
(``initdb -A trust -U postgres --encoding=UTF8``, locale ``C.UTF-8`` with a
fallback to ``--no-locale``), starts the server on a free TCP port on
127.0.0.1 set up for throwaway test data: durability switched off (``fsync``,
``synchronous_commit`` and ``full_page_writes`` are ``off``, ``wal_level`` is
``minimal``), no background work a short-lived cluster does not need
(``autovacuum`` and ``jit`` are ``off``), and runs COMMAND with inherited
stdio and ``DATABASE_URL`` added to its environment.  The URL points at the
server's Unix socket in the temporary directory
(``postgres://postgres@%2Ftmp%2Fpgtmp-XXXX:PORT/postgres``: a round trip is
cheaper than over TCP, and a test suite makes hundreds of thousands of them);
if that path is too long for a socket, it is
``postgres://postgres@127.0.0.1:PORT/postgres``.  The exit code of COMMAND is
propagated (a command killed by signal N yields 128+N).  When COMMAND ends,
the CPU time the server used (all its processes, user + system) is printed to
stderr: the command's own ``time`` does not count it.  The cluster is always stopped
(``pg_ctl -m immediate stop``) and the temporary directory removed, also on
Ctrl-C and SIGTERM.  If the cluster cannot be set up, the relevant output or
the tail of the server log is printed and the exit code is 1.

Locating the server binaries (``initdb``, ``pg_ctl`` and ``postgres`` must all
live in the same directory):

1. the directory of ``pg_ctl``/``initdb`` as found on ``PATH`` (symlinks are
   followed, e.g. ``/usr/local/bin/initdb -> /usr/lib/postgresql/15/bin``),
2. the newest ``/usr/lib/postgresql/<version>/bin`` (Debian/Ubuntu layout).

If the environment variable ``KREISKURS_PG_BINDIR`` is set to a non-empty
value, that directory is the *only* place looked at (useful to pin a version
or, with a nonexistent path, to simulate a machine without PostgreSQL).

If no binaries are found, the run is skipped: a ``SKIPPED: ...`` message is
printed to stderr and the exit code is 0 without running COMMAND.  With
``--require`` or ``REQUIRE_POSTGRES=1`` (also ``true``/``yes``) a missing
installation is an error instead (exit code 1).

``initdb`` refuses to run as root.  When running as root, the cluster is
created and controlled as the ``postgres`` system user if it exists, else as
``nobody`` (via ``runuser -u USER --``, or ``setpriv`` as a fallback); the
temporary directory is chowned to that user and must therefore be reachable by
it (the default ``/tmp`` is; set ``TMPDIR`` accordingly otherwise).  COMMAND
itself always runs as the invoking user.  The Unix socket directory is the
temporary directory itself.
"""

from __future__ import annotations

import argparse
import os
import pwd
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from types import FrameType

PROG = "pgtmp"
REQUIRED_BINARIES = ("initdb", "pg_ctl", "postgres")
PG_LIB_ROOT = Path("/usr/lib/postgresql")
BINDIR_ENV = "KREISKURS_PG_BINDIR"
REQUIRE_ENV = "REQUIRE_POSTGRES"
DB_USER = "postgres"
HOST = "127.0.0.1"
#: longest socket path the kernel accepts (sun_path holds 108 bytes with the closing NUL)
SOCKET_PATH_MAX = 107
START_ATTEMPTS = 3
PG_CTL_TIMEOUT = 60
CHILD_GRACE_SECONDS = 5.0
LOG_TAIL_LINES = 40
EXIT_SETUP_FAILED = 1
EXIT_INTERRUPTED = 128 + signal.SIGINT
EXIT_TERMINATED = 128 + signal.SIGTERM
BIND_FAILURE_MARKERS = (
    "could not bind",
    "address already in use",
    "could not create any tcp/ip sockets",
)


class SetupError(Exception):
    """The throwaway cluster could not be created or started."""


class Terminated(Exception):
    """Raised from the SIGTERM handler so that cleanup code runs."""


def _info(message: str) -> None:
    """Print a message prefixed with the program name to stderr."""
    print(f"{PROG}: {message}", file=sys.stderr, flush=True)


def _is_bindir(directory: Path) -> bool:
    """Return True if all required server binaries are executable in directory."""
    return all((directory / name).is_file() and os.access(directory / name, os.X_OK) for name in REQUIRED_BINARIES)


def _version_key(directory: Path) -> tuple[int, ...]:
    """Sort key for ``/usr/lib/postgresql/<version>`` directories (newest last)."""
    try:
        return tuple(int(part) for part in directory.name.split("."))
    except ValueError:
        return (-1,)


def find_bindir(environ: Mapping[str, str]) -> tuple[Path | None, str]:
    """Locate the PostgreSQL server binaries.

    Returns the directory (or None) and a human-readable description of the
    places that were searched.
    """
    override = environ.get(BINDIR_ENV, "")
    if override:
        directory = Path(override)
        found = directory if _is_bindir(directory) else None
        return found, f"{directory} (from {BINDIR_ENV})"

    search_path = environ.get("PATH", os.defpath)
    for name in ("pg_ctl", "initdb"):
        hit = shutil.which(name, path=search_path)
        if hit is None:
            continue
        for candidate in (Path(hit).resolve().parent, Path(hit).parent):
            if _is_bindir(candidate):
                return candidate, ""

    versions = sorted(
        (entry for entry in PG_LIB_ROOT.glob("*") if _is_bindir(entry / "bin")),
        key=_version_key,
    )
    if versions:
        return versions[-1] / "bin", ""
    return None, f"PATH and {PG_LIB_ROOT}/*/bin"


def _require_requested(*, flag: bool, environ: Mapping[str, str]) -> bool:
    """Return True if a missing PostgreSQL installation must be an error."""
    value = environ.get(REQUIRE_ENV, "").strip().lower()
    return flag or value in {"1", "true", "yes"}


def _unprivileged_user() -> pwd.struct_passwd:
    """Return the system user that owns the cluster when running as root."""
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise SetupError("running as root, but neither a 'postgres' nor a 'nobody' user exists")


def _privilege_prefix(user: pwd.struct_passwd) -> list[str]:
    """Return the command prefix that runs a program as the given user."""
    runuser = shutil.which("runuser")
    if runuser is not None:
        return [runuser, "-u", user.pw_name, "--"]
    setpriv = shutil.which("setpriv")
    if setpriv is not None:
        return [
            setpriv,
            f"--reuid={user.pw_uid}",
            f"--regid={user.pw_gid}",
            "--init-groups",
            "--",
        ]
    raise SetupError("running as root, but neither 'runuser' nor 'setpriv' is available")


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is currently free."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _run_captured(command: Sequence[str], cwd: Path, timeout: float | None = None) -> subprocess.CompletedProcess[str]:
    """Run a helper program with stdout and stderr captured together."""
    return subprocess.run(
        list(command),
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
        timeout=timeout,
        check=False,
    )


def _tail(path: Path, lines: int = LOG_TAIL_LINES) -> str:
    """Return the last lines of a text file, or a note if it cannot be read."""
    try:
        content = path.read_text(errors="replace")
    except OSError as exc:
        return f"(cannot read {path}: {exc})"
    return "\n".join(content.splitlines()[-lines:]) or f"({path} is empty)"


class TempCluster:
    """A PostgreSQL cluster living in a temporary directory."""

    def __init__(self, bindir: Path) -> None:
        """Create the temporary directory and prepare privilege handling."""
        self.bindir = bindir
        self.base = Path(tempfile.mkdtemp(prefix="pgtmp-"))
        self.data = self.base / "data"
        self.log = self.base / "server.log"
        self.port = 0
        self.prefix: list[str] = []
        self.initialised = False
        self.owner = ""
        if os.geteuid() == 0:
            try:
                user = _unprivileged_user()
                self.prefix = _privilege_prefix(user)
                os.chown(self.base, user.pw_uid, user.pw_gid)
            except BaseException:
                shutil.rmtree(self.base, ignore_errors=True)
                raise
            self.owner = user.pw_name

    def _tool(self, name: str, *args: str) -> list[str]:
        """Build the command line for a server binary, dropping root if needed."""
        return [*self.prefix, str(self.bindir / name), *args]

    def initdb(self) -> None:
        """Initialise the data directory (C.UTF-8 locale, else no locale)."""
        base_cmd = self._tool(
            "initdb",
            "-D",
            str(self.data),
            "-A",
            "trust",
            "-U",
            DB_USER,
            "--encoding=UTF8",
            "-N",
        )
        outputs: list[str] = []
        for locale_args in (["--locale=C.UTF-8"], ["--no-locale"]):
            shutil.rmtree(self.data, ignore_errors=True)
            result = _run_captured([*base_cmd, *locale_args], cwd=self.base)
            if result.returncode == 0:
                self.initialised = True
                return
            outputs.append(f"$ {shlex.join(result.args)}\n{result.stdout.rstrip()}")
        hint = ""
        if self.owner:
            hint = (
                f"\n(initdb runs as user {self.owner!r}; {self.base} must be "
                "reachable by that user, set TMPDIR to e.g. /tmp if it is not)"
            )
        raise SetupError("initdb failed:\n" + "\n\n".join(outputs) + hint)

    def start(self) -> None:
        """Start the server on a free port, retrying if the port was taken."""
        for attempt in range(1, START_ATTEMPTS + 1):
            self.port = free_port()
            options = " ".join(
                [
                    f"-p {self.port}",
                    f"-k {shlex.quote(str(self.base))}",
                    f"-c listen_addresses={HOST}",
                    "-c fsync=off",
                    "-c synchronous_commit=off",
                    "-c full_page_writes=off",
                    "-c wal_level=minimal",
                    "-c max_wal_senders=0",
                    "-c autovacuum=off",
                    "-c jit=off",
                ]
            )
            command = self._tool(
                "pg_ctl",
                "-D",
                str(self.data),
                "-l",
                str(self.log),
                "-w",
                "-t",
                str(PG_CTL_TIMEOUT),
                "-s",
                "-o",
                options,
                "start",
            )
            try:
                result = _run_captured(command, cwd=self.base, timeout=PG_CTL_TIMEOUT + 30)
            except subprocess.TimeoutExpired:
                output, ok = "pg_ctl start timed out", False
            else:
                output, ok = result.stdout.rstrip(), result.returncode == 0
            if ok:
                return
            log_tail = _tail(self.log)
            port_taken = any(marker in log_tail.lower() for marker in BIND_FAILURE_MARKERS)
            if port_taken and attempt < START_ATTEMPTS:
                _info(f"port {self.port} was taken, retrying with another port")
                self.stop()
                continue
            raise SetupError(
                f"starting PostgreSQL failed (pg_ctl output: {output or 'none'})\n"
                f"--- last lines of the server log ---\n{log_tail}"
            )

    def database_url(self) -> str:
        """The URL of the cluster's database: over the Unix socket, or TCP where its path is too long."""
        socket_path = self.base / f".s.PGSQL.{self.port}"
        if len(str(socket_path)) < SOCKET_PATH_MAX:
            return f"postgres://{DB_USER}@{quote(str(self.base), safe='')}:{self.port}/postgres"
        return f"postgres://{DB_USER}@{HOST}:{self.port}/postgres"

    def cpu_seconds(self) -> float | None:
        """CPU time (user + system) of the server so far: the postmaster and its ended children.

        Backends of closed connections have been reaped by the postmaster, so its
        ``cutime``/``cstime`` hold them; None where ``/proc`` cannot be read.
        """
        try:
            pid = int((self.data / "postmaster.pid").read_text().splitlines()[0])
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks = sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime
        except (OSError, ValueError, IndexError):
            return None
        return ticks / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        """Stop the server immediately; kill the postmaster if that fails."""
        pid_file = self.data / "postmaster.pid"
        if not self.initialised or not pid_file.exists():
            return
        command = self._tool("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "-s", "stop")
        try:
            result = _run_captured(command, cwd=self.base, timeout=PG_CTL_TIMEOUT + 30)
            output = result.stdout.rstrip()
        except subprocess.TimeoutExpired:
            output = "pg_ctl stop timed out"
        if not pid_file.exists():
            return
        try:
            pid = int(pid_file.read_text().splitlines()[0])
            os.kill(pid, signal.SIGKILL)
        except (OSError, ValueError, IndexError) as exc:
            _info(f"warning: could not stop PostgreSQL ({output}; {exc})")

    def remove(self) -> None:
        """Delete the temporary directory."""
        try:
            shutil.rmtree(self.base)
        except OSError as exc:
            _info(f"warning: could not remove {self.base}: {exc}")


def _on_sigterm(_signum: int, _frame: FrameType | None) -> None:
    """Turn SIGTERM into an exception so that the cluster is cleaned up."""
    raise Terminated


def _finish_child(proc: subprocess.Popen[bytes], *, terminated: bool) -> None:
    """Give an interrupted child a chance to exit, then kill it."""
    try:
        if terminated:
            proc.terminate()
        try:
            proc.wait(timeout=CHILD_GRACE_SECONDS)
            return
        except subprocess.TimeoutExpired:
            pass
        proc.terminate()
        try:
            proc.wait(timeout=CHILD_GRACE_SECONDS)
            return
        except subprocess.TimeoutExpired:
            pass
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def run_command(command: Sequence[str], env: Mapping[str, str]) -> int:
    """Run COMMAND with inherited stdio and return a shell-style exit code."""
    try:
        proc = subprocess.Popen(list(command), env=dict(env))
    except OSError as exc:
        _info(f"cannot run {command[0]!r}: {exc}")
        return 127
    try:
        returncode = proc.wait()
    except KeyboardInterrupt:
        _finish_child(proc, terminated=False)
        raise
    except Terminated:
        _finish_child(proc, terminated=True)
        raise
    return returncode if returncode >= 0 else 128 - returncode


def parse_args(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    """Split argv at the first ``--`` into options and the command to run."""
    parser = argparse.ArgumentParser(
        prog="pgtmp.py",
        usage="%(prog)s [--require] -- COMMAND [ARGS...]",
        description=(
            "Run COMMAND with DATABASE_URL pointing at a throwaway PostgreSQL cluster that is deleted afterwards."
        ),
        epilog=(
            f"Environment: {REQUIRE_ENV}=1 has the same effect as --require; "
            f"{BINDIR_ENV}=DIR makes DIR the only place searched for the "
            "server binaries."
        ),
    )
    parser.add_argument(
        "--require",
        action="store_true",
        help="fail (exit 1) instead of skipping when PostgreSQL is not installed",
    )
    args = list(argv)
    if "--" in args:
        split = args.index("--")
        options, command = args[:split], args[split + 1 :]
    else:
        options, command = args, []
    namespace = parser.parse_args(options)
    if not command:
        parser.error("missing COMMAND after '--'")
    return namespace, command


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    namespace, command = parse_args(sys.argv[1:] if argv is None else argv)
    require = bool(namespace.require)

    bindir, searched = find_bindir(os.environ)
    if bindir is None:
        if _require_requested(flag=require, environ=os.environ):
            print(
                "PostgreSQL server binaries (initdb, pg_ctl) not found; install "
                "postgresql (Debian: apt-get install postgresql) or point "
                f"{BINDIR_ENV} at the bin directory. Searched: {searched}.",
                file=sys.stderr,
            )
            return EXIT_SETUP_FAILED
        print(
            "SKIPPED: PostgreSQL run skipped because the PostgreSQL server "
            f"binaries (initdb, pg_ctl) were not found (searched: {searched}); "
            f"set {REQUIRE_ENV}=1 to make this a failure.",
            file=sys.stderr,
        )
        return 0

    previous_sigterm = signal.signal(signal.SIGTERM, _on_sigterm)
    cluster: TempCluster | None = None
    try:
        cluster = TempCluster(bindir)
        cluster.initdb()
        cluster.start()
        _info(f"throwaway PostgreSQL from {bindir} listening on {HOST}:{cluster.port}")
        env = dict(os.environ)
        env["DATABASE_URL"] = cluster.database_url()
        try:
            return run_command(command, env)
        finally:
            cpu = cluster.cpu_seconds()
            if cpu is not None:
                _info(f"the PostgreSQL server used {cpu:.1f} s CPU (user + system)")
    except SetupError as exc:
        _info(str(exc))
        return EXIT_SETUP_FAILED
    except KeyboardInterrupt:
        _info("interrupted")
        return EXIT_INTERRUPTED
    except Terminated:
        _info("terminated")
        return EXIT_TERMINATED
    finally:
        # Do not let a second Ctrl-C or SIGTERM abort the cleanup half-way.
        previous_sigint = signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        try:
            if cluster is not None:
                cluster.stop()
                cluster.remove()
        finally:
            signal.signal(signal.SIGINT, previous_sigint)
            signal.signal(signal.SIGTERM, previous_sigterm)


if __name__ == "__main__":
    sys.exit(main())
