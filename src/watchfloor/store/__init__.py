"""Stores: where records live. SQLite by default, PostgreSQL for a server; chosen by URL."""

from __future__ import annotations

from pathlib import Path

from watchfloor.errors import ConfigError, InputError
from watchfloor.store.base import EventFilter, Placement, Store
from watchfloor.store.sqlite import SQLiteStore


def open_store(url: str | Path, create: bool = True) -> Store:
    """Open (creating and migrating as needed) the store named by a path or URL.

    `news.db`, `sqlite:///news.db` and `sqlite:///:memory:` open SQLite. An empty
    path is an error (SQLite would open a throwaway database); so, with
    `create=False`, is a database file that does not exist yet.
    `postgresql://user:password@host:port/database` opens PostgreSQL: the database
    must exist, and its tables are made on first use (with `create=False`, a
    database without them is an error). psycopg is imported only then.
    """
    text = str(url)
    if text.startswith(("postgresql://", "postgres://")):
        try:
            from watchfloor.store.postgres import PostgresStore
        except ImportError:
            raise ConfigError(
                "the postgresql:// store needs the extra: pip install 'watchfloor[postgres]'"
            ) from None
        return PostgresStore(text, create)
    if "://" in text and not text.startswith("sqlite:///"):
        scheme = text.split("://", 1)[0]
        raise ConfigError(
            f"unknown store URL scheme {scheme!r} in {text!r}; use a file path, "
            "sqlite:///file.db or postgresql://user@host/database"
        )
    path = text.removeprefix("sqlite:///")
    if not path.strip():
        raise InputError(
            f"no database path in {text!r}: give --db a file, e.g. --db watchfloor.db "
            "(WATCHFLOOR_DB and db in watchfloor.toml must not be empty either)"
        )
    if not create and path != ":memory:" and not Path(path).exists():
        raise InputError(f"no database at {path}; run watchfloor ingest first")
    return SQLiteStore(path)


__all__ = ["EventFilter", "Placement", "SQLiteStore", "Store", "open_store"]
