"""Stores: where records live. SQLite by default, chosen by URL."""

from __future__ import annotations

from pathlib import Path

from watchfloor.errors import ConfigError
from watchfloor.store.base import EventFilter, Placement, Store
from watchfloor.store.sqlite import SQLiteStore


def open_store(url: str | Path) -> Store:
    """Open (creating and migrating as needed) the store named by a path or URL.

    `news.db`, `sqlite:///news.db` and `sqlite:///:memory:` open SQLite.
    """
    text = str(url)
    if text.startswith("sqlite:///"):
        return SQLiteStore(text.removeprefix("sqlite:///"))
    if "://" in text:
        scheme = text.split("://", 1)[0]
        raise ConfigError(
            f"unknown store URL scheme {scheme!r} in {text!r}; use a file path or sqlite:///file.db"
        )
    return SQLiteStore(text)


__all__ = ["EventFilter", "Placement", "SQLiteStore", "Store", "open_store"]
