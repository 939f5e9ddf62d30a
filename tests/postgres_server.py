"""A throwaway PostgreSQL server in a temporary folder, for the tests and benchmarks.

Started with pytest-postgresql's executor (`pg_ctl initdb` + `pg_ctl start`) on a
free port, with its unix socket in the same folder, and stopped and removed
afterwards. PostgreSQL refuses to run as root, so under root the server runs as the
`postgres` system user (Debian's package creates it; else `nobody`): pg_ctl is
called through a small wrapper script that drops to that user with `setpriv`.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import port_for
import psycopg
from pytest_postgresql.executors import PostgreSQLExecutor

# Where Debian's postgresql-NN packages put the server binaries.
DEBIAN_BINARIES = Path("/usr/lib/postgresql")
SUPERUSER = "postgres"
# Seconds a started server may take before it accepts connections.
READY_TIMEOUT_S = 60


def find_pg_ctl() -> Path | None:
    """The newest Debian server's pg_ctl, else the one on PATH; None when not installed."""
    found = sorted(
        DEBIAN_BINARIES.glob("*/bin/pg_ctl"),
        key=lambda path: [int(n) for n in re.findall(r"\d+", path.parts[-3])],
    )
    if found:
        return found[-1]
    on_path = shutil.which("pg_ctl")
    return Path(on_path) if on_path else None


@dataclass(frozen=True, slots=True)
class PostgresServer:
    """A running server; clients reach it through its unix socket in `socket_dir`."""

    socket_dir: Path
    port: int

    def url(self, dbname: str) -> str:
        return f"postgresql://{SUPERUSER}@/{dbname}?host={self.socket_dir}&port={self.port}"

    def create_database(self, dbname: str) -> str:
        """Create an empty database; returns its URL."""
        with psycopg.connect(self.url("postgres"), autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{dbname}"')
        return self.url(dbname)

    def create_schema(self, dbname: str, schema: str) -> str:
        """Create a schema in `dbname`; returns the URL of a connection that works in it."""
        with psycopg.connect(self.url(dbname), autocommit=True) as admin:
            admin.execute(f'CREATE SCHEMA "{schema}"')
        return f"{self.url(dbname)}&options=-csearch_path%3D{schema}"

    def drop_schema(self, dbname: str, schema: str) -> None:
        with psycopg.connect(self.url(dbname), autocommit=True) as admin:
            admin.execute(f'DROP SCHEMA "{schema}" CASCADE')

    def drop_database(self, dbname: str) -> None:
        with psycopg.connect(self.url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')


def _unprivileged_pg_ctl(pg_ctl: Path, folder: Path) -> Path:
    """pg_ctl itself, or under root a wrapper running it as an unprivileged user."""
    if os.geteuid() != 0:
        return pg_ctl
    try:
        user = pwd.getpwnam("postgres")
    except KeyError:
        user = pwd.getpwnam("nobody")
    os.chown(folder, user.pw_uid, user.pw_gid)
    wrapper = folder / "pg_ctl"
    wrapper.write_text(
        "#!/bin/sh\n"
        f"exec setpriv --reuid={user.pw_uid} --regid={user.pw_gid} --init-groups "
        f'"{pg_ctl}" "$@"\n',
        encoding="utf-8",
    )
    wrapper.chmod(0o755)
    return wrapper


def _wait_until_ready(server: PostgresServer) -> None:
    """Return once the server accepts connections (its port opens before that)."""
    deadline = time.monotonic() + READY_TIMEOUT_S
    while True:
        try:
            psycopg.connect(server.url("postgres"), connect_timeout=5).close()
            return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


class _KeptDataExecutor(PostgreSQLExecutor):  # type: ignore[misc]
    """pytest-postgresql's executor, which starts on the data folder it finds there and
    leaves it in place (the original removes it when it is garbage-collected)."""

    def init_directory(self) -> None:
        if not (Path(self.datadir) / "PG_VERSION").is_file():
            super().init_directory()

    def clean_directory(self) -> None:
        pass


@contextmanager
def run_postgres_server(
    pg_ctl: Path, kept: Path | None = None, options: str = ""
) -> Iterator[PostgresServer]:
    """A server on a free port, its data and unix socket in a new temporary folder.

    With `kept`, in that folder instead, which is kept afterwards: the next server
    started there has the same databases (the benchmarks cache a large store so).
    `options` are the server's own (`-c shared_buffers=512MB`).
    """
    folder = kept or Path(tempfile.mkdtemp(prefix="watchfloor-pg-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        port = port_for.select_random()
        executor = (_KeptDataExecutor if kept else PostgreSQLExecutor)(
            executable=str(_unprivileged_pg_ctl(pg_ctl, folder)),
            host="127.0.0.1",
            port=port,
            datadir=str(folder / "data"),
            unixsocketdir=str(folder),
            logfile=str(folder / "server.log"),
            startparams="-w",
            dbname="watchfloor",
            user=SUPERUSER,
            postgres_options=f" {options}" if options else "",
        )
        executor.start()
        try:
            server = PostgresServer(folder, port)
            _wait_until_ready(server)
            yield server
        finally:
            executor.stop()
    finally:
        if kept is None:
            shutil.rmtree(folder, ignore_errors=True)
