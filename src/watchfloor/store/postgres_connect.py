"""Connecting to a PostgreSQL store: URL checks, one-line errors, numbered migrations.

Only `store/postgres.py` imports this module, and `open_store` imports that only for
postgresql:// URLs, so psycopg is needed only by those who use PostgreSQL
(`pip install 'watchfloor[postgres]'`).
"""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

import psycopg

from watchfloor.errors import ConfigError, InputError, StoreError

# Every watchfloor process takes this advisory lock while it migrates, so that two
# processes opening a new database at once do not both create the tables.
MIGRATION_LOCK = 0x77666C6F6F72  # "wfloor"
# Seconds to wait for the server before giving up, unless the URL says otherwise.
CONNECT_TIMEOUT_S = 10
# user:password@ in a URL's authority (the password may hold anything but "@").
_PASSWORD = re.compile(r"^([a-z]+://[^:/@]*:)[^@]*@")


def mask_password(url: str) -> str:
    """The URL with its password (if any) replaced by ***, fit to print."""
    return _PASSWORD.sub(r"\1***@", url)


def connect(url: str, autocommit: bool) -> Any:
    """A psycopg connection to `url`; StoreError or ConfigError in one line if it fails."""
    shown = mask_password(url)
    try:
        timeout = None if "connect_timeout" in url else CONNECT_TIMEOUT_S
        return psycopg.connect(url, autocommit=autocommit, connect_timeout=timeout)
    except psycopg.ProgrammingError as exc:
        raise ConfigError(
            f"bad PostgreSQL URL {shown!r}: {_first_line(exc)}; "
            "use postgresql://user:password@host:port/database"
        ) from None
    except psycopg.OperationalError as exc:
        raise StoreError(f"cannot connect to PostgreSQL at {shown}: {_first_line(exc)}") from None


def _first_line(exc: Exception) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__


def read_migrations() -> list[tuple[int, str]]:
    """(number, SQL script) of every PostgreSQL migration, in order."""
    folder = resources.files("watchfloor.store") / "migrations_postgres"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            found.append((int(entry.name.split("_", 1)[0]), entry.read_text(encoding="utf-8")))
    return sorted(found)


SCHEMA_VERSION = max(number for number, _ in read_migrations())


def read_schema_version(db: Any) -> int:
    """The version recorded in the database; 0 for a database watchfloor never wrote."""
    exists = db.execute("SELECT to_regclass('watchfloor_schema') IS NOT NULL").fetchone()[0]
    if not exists:
        return 0
    row = db.execute("SELECT MAX(version) FROM watchfloor_schema").fetchone()
    return int(row[0] or 0)


def migrate(db: Any, shown: str, create: bool) -> None:
    """Bring the database to SCHEMA_VERSION, each migration in its own transaction.

    Without `create`, a database watchfloor never wrote is an InputError, as a
    missing file is on SQLite (query commands do not make stores).
    """
    if not create and read_schema_version(db) == 0:
        raise InputError(f"no watchfloor tables in {shown}; run watchfloor ingest first")
    for number, script in read_migrations():
        with db.transaction():
            db.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            db.execute("CREATE TABLE IF NOT EXISTS watchfloor_schema (version INTEGER NOT NULL)")
            current = read_schema_version(db)
            if current > SCHEMA_VERSION:
                raise StoreError(
                    f"{shown} has schema version {current}, newer than this watchfloor "
                    f"({SCHEMA_VERSION}); upgrade watchfloor"
                )
            if number > current:
                db.execute(script)
                db.execute("INSERT INTO watchfloor_schema (version) VALUES (%s)", (number,))
