"""A throwaway PostgreSQL server for the tests: initdb into a temp dir, start, yield a URL, stop.

Uses Debian's server binaries (package `postgresql`, installed by tests/run.sh when missing).
PostgreSQL refuses to run as root, so as root the binaries run as the `postgres` user
(`runuser -u postgres --`) on a temp dir it owns. The server listens on 127.0.0.1 on a free
port (and on a Unix socket in the temp dir), trusts local connections, and is stopped
(`pg_ctl stop -m fast`) and its directory removed in teardown.

    from postgres_server import postgres_server, postgres_url, pg_url  # session fixtures, and a fresh database per test
"""
from __future__ import annotations

import getpass
import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

DATABASE = "incidents_test"


def server_bin_dir() -> Path | None:
    """The directory holding `initdb`, `pg_ctl` and `postgres`, or None when not installed."""
    override = os.environ.get("PG_BIN_DIR")
    candidates = [override] if override else []
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True)
    found = shutil.which("initdb")
    if found:
        candidates.append(str(Path(found).parent))
    for candidate in candidates:
        directory = Path(candidate)
        if all((directory / name).exists() for name in ("initdb", "pg_ctl", "postgres")):
            return directory
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    """One server in its own temp directory."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.as_root = os.geteuid() == 0
        self.root = Path(tempfile.mkdtemp(prefix="incidents-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.user = "postgres" if self.as_root else getpass.getuser()
        if self.as_root:
            shutil.chown(self.root, user="postgres", group="postgres")
        self.root.chmod(0o700)

    def _run(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=self.root)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
        return result

    def start(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", self.user, "--auth=trust",
                  "--encoding=UTF8", "--locale=C", "--no-sync")
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} "
                   f"-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
        self._run("pg_ctl", "start", "-D", str(self.data), "-w", "-t", "60",
                  "-l", str(self.root / "server.log"), "-o", options)
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", self.user, DATABASE)

    @property
    def url(self) -> str:
        """A plain `postgresql://` URL, as a user would write it."""
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{DATABASE}"

    def log(self) -> str:
        try:
            return (self.root / "server.log").read_text(errors="replace")
        except OSError:
            return ""

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "stop", "-D", str(self.data), "-m", "fast", "-w", "-t", "60")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server():
    """A running PostgreSQL server for the session (skipped when the server binaries are absent)."""
    bin_dir = server_bin_dir()
    if bin_dir is None:
        pytest.skip("PostgreSQL server binaries not found (Debian package `postgresql`; "
                    "tests/run.sh installs it)")
    server = PostgresServer(bin_dir)
    started = time.monotonic()
    try:
        server.start()
    except Exception:
        print(server.log())
        server.stop()
        raise
    print(f"PostgreSQL started in {time.monotonic() - started:.1f} s at {server.url}")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def postgres_url(postgres_server: PostgresServer) -> str:
    return postgres_server.url


_database_numbers = itertools.count(1)


@pytest.fixture
def pg_url(postgres_url: str):
    """A fresh, empty database on the session's server, as a plain postgresql:// URL; dropped after the test."""
    import sqlalchemy as sa

    from incidents.store import database_url

    name = f"t{next(_database_numbers)}_{os.getpid()}"
    admin = sa.create_engine(database_url(postgres_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield postgres_url.rsplit("/", 1)[0] + "/" + name
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
