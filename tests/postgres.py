"""Pytest plugin: a throwaway PostgreSQL server for the tests, and a fresh database per test.

``postgres_server`` (session) runs ``initdb`` into a new folder under /tmp and starts the server
on 127.0.0.1 with a free port; it is stopped and the folder removed at the end of the session.
``pg_url`` (function) creates a uniquely named database on it, gives its SQLAlchemy URL and
drops it afterwards.

The server binaries are looked up in ``$PLANNER_PG_BIN`` if set (and only there), else in
Debian's /usr/lib/postgresql/<highest version>/bin, else on PATH. Without them the tests skip,
except when ``CI=true``: there a missing server is a failure, so PostgreSQL coverage can't
silently vanish. A server that is present but will not start is always a failure.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

START_TIMEOUT = 30  # seconds pg_ctl waits for the server to accept connections
SUPERUSER = "postgres"


@dataclass(frozen=True)
class PostgresServer:
    host: str
    port: int
    user: str
    data_dir: Path

    def conninfo(self, dbname: str = "postgres") -> str:
        """A psycopg connection string; the default is the maintenance database."""
        return f"host={self.host} port={self.port} user={self.user} dbname={dbname}"

    def url(self, dbname: str = "postgres") -> str:
        """A SQLAlchemy URL; the default is the maintenance database."""
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{dbname}"


def admin_url(server: PostgresServer) -> str:
    """SQLAlchemy URL of the server's ``postgres`` maintenance database."""
    return server.url("postgres")


def find_bindir() -> Path | None:
    """The folder holding initdb and pg_ctl, or None when the server is not installed."""

    def usable(folder: Path) -> bool:
        return all(os.access(folder / name, os.X_OK) for name in ("initdb", "pg_ctl"))

    explicit = os.environ.get("PLANNER_PG_BIN")
    if explicit:  # an explicit choice is final: lets a run hide or pin the server
        return Path(explicit) if usable(Path(explicit)) else None
    # Debian keeps the server binaries off PATH, one folder per major version.
    debian = Path("/usr/lib/postgresql")
    if debian.is_dir():
        versions = [p / "bin" for p in debian.iterdir() if usable(p / "bin")]
        if versions:
            return max(versions, key=lambda p: _version_key(p.parent.name))
    found = shutil.which("initdb")
    if found and usable(Path(found).resolve().parent):
        return Path(found).resolve().parent
    return None


def _version_key(name: str) -> tuple[int, ...]:
    # "9.6" < "15" < "16": compare numerically, not as text
    return tuple(int(part) if part.isdigit() else -1 for part in name.split("."))


def _free_port() -> int:
    # The OS hands out a free port; there is a tiny race before the server binds it, acceptable here.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def _unavailable(reason: str):
    if _in_ci():
        pytest.fail(f"{reason} (CI=true, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(reason)


def _run(cmd: list[str], cwd: Path, timeout: float) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout)


def _start(bindir: Path, base: Path, as_user: list[str]) -> PostgresServer:
    data = base / "data"
    log = base / "server.log"

    def fail(step: str, result: subprocess.CompletedProcess | None) -> None:
        output = (result.stdout + result.stderr).strip() if result else ""
        server_log = log.read_text(errors="replace")[-3000:] if log.exists() else ""
        pytest.fail(
            f"PostgreSQL {step} failed:\n{output}\n--- server log ---\n{server_log}", pytrace=False
        )

    # --no-sync and fsync=off: the data is thrown away, durability only costs time.
    # --locale=C: minimal containers often lack the locales initdb would otherwise pick up.
    initdb = [str(bindir / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust"]
    initdb += ["--encoding=UTF8", "--locale=C", "--no-sync"]
    result = _run(as_user + initdb, cwd=base, timeout=120)
    if result.returncode != 0:
        fail("initdb", result)

    port = _free_port()
    with open(data / "postgresql.conf", "a") as conf:
        conf.write(
            "\n# throwaway test server\n"
            "listen_addresses = '127.0.0.1'\n"
            f"port = {port}\n"
            # our own socket folder: /var/run/postgresql may not exist or be writable
            f"unix_socket_directories = '{base}'\n"
            "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
        )

    # -w: return only once the server accepts connections (or fail after START_TIMEOUT)
    start = [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w"]
    start += ["-t", str(START_TIMEOUT), "start"]
    try:
        result = _run(as_user + start, cwd=base, timeout=START_TIMEOUT + 10)
    except subprocess.TimeoutExpired:
        result = None
    if result is None or result.returncode != 0:
        _stop(bindir, data, base, as_user)  # in case it came up late
        fail("start", result)
    return PostgresServer("127.0.0.1", port, SUPERUSER, data)


def _stop(bindir: Path, data: Path, base: Path, as_user: list[str]) -> None:
    # immediate: no checkpoint, the data is about to be deleted anyway
    stop = [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]
    try:
        _run(as_user + stop, cwd=base, timeout=START_TIMEOUT)
    except subprocess.TimeoutExpired:
        pass


@pytest.fixture(scope="session")
def postgres_server():
    """A running throwaway PostgreSQL server (a ``PostgresServer``), shared by the session."""
    bindir = find_bindir()
    if bindir is None:
        _unavailable("PostgreSQL server binaries not installed")

    as_user: list[str] = []
    owner = None
    if os.geteuid() == 0:
        # The server refuses to run as root (as CI does): run it as Debian's `postgres` user.
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            pytest.fail("running as root needs a 'postgres' user to run the server", pytrace=False)
        as_user = ["runuser", "-u", "postgres", "--"]

    # Under /tmp, not pytest's tmp_path: its parents are 0700 (the postgres user could not
    # enter them) and its long paths would overflow the unix socket path limit (~107 bytes).
    base = Path(tempfile.mkdtemp(prefix="planner-pg-", dir="/tmp" if owner else None))
    try:
        if owner:
            os.chown(base, owner.pw_uid, owner.pw_gid)
        server = _start(bindir, base, as_user)
        try:
            yield server
        finally:
            _stop(bindir, server.data_dir, base, as_user)
    finally:
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def pg_url(postgres_server: PostgresServer):
    """SQLAlchemy URL (str) of a new, empty database, dropped after the test."""
    name = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server.conninfo(), autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield postgres_server.url(name)
    # FORCE ends connections the test left open (an engine's pool, say); needs PostgreSQL 13+.
    with psycopg.connect(postgres_server.conninfo(), autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
