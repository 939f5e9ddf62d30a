"""Shared fixtures. Module-specific helpers live in their test module."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from postgres_server import PostgresServer, find_pg_ctl, run_postgres_server
from watchfloor.records import Article, PartialDate
from watchfloor.settings import Settings
from watchfloor.store import SQLiteStore, open_store

SHARED_DIR = Path(__file__).resolve().parents[1].parent / "shared"
DATA_DIR = Path(__file__).resolve().parent / "data"
_PUBLISHED = PartialDate(2024, 5, 1)
_DATABASES = itertools.count()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """`../shared` beside the checkout; tests that need it skip when it is absent."""
    if not SHARED_DIR.is_dir():
        pytest.skip("../shared is not present")
    return SHARED_DIR


@pytest.fixture(scope="session")
def seeds_store(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> SQLiteStore:
    """The seed articles ingested by the full pipeline (real model); read it, never write."""
    from watchfloor.pipeline import build_pipeline

    settings = Settings(db=str(tmp_path_factory.mktemp("seeds") / "w.db"))
    store = open_store(settings.db)
    build_pipeline(store, settings).ingest([shared_dir / "corpus" / "seeds"])
    return store


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A real PostgreSQL server of this test session, in a temporary folder."""
    pg_ctl = find_pg_ctl()
    if pg_ctl is None:
        pytest.skip("no PostgreSQL server binaries (pg_ctl); `make install` installs them")
    with run_postgres_server(pg_ctl) as server:
        yield server


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """The URL of a new, empty database on the session's server, dropped afterwards."""
    name = f"test_{next(_DATABASES)}"
    yield postgres_server.create_database(name)
    postgres_server.drop_database(name)


@pytest.fixture(scope="session")
def postgres_tests_url(postgres_server: PostgresServer) -> str:
    """The URL of one database that tests share, each in a schema of its own."""
    return postgres_server.create_database("watchfloor_tests")


@pytest.fixture
def postgres_store_url(postgres_server: PostgresServer, postgres_tests_url: str) -> Iterator[str]:
    """The URL of a new, empty schema (watchfloor makes its tables there), dropped afterwards.

    A schema is quicker to make and drop than a database (no checkpoint, no copy).
    """
    name = f"test_{next(_DATABASES)}"
    yield postgres_server.create_schema("watchfloor_tests", name)
    postgres_server.drop_schema("watchfloor_tests", name)


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA_DIR


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The real spaCy model (tests using it are marked `model`)."""
    from watchfloor.nlp.model import load_model

    return load_model()


@pytest.fixture(scope="session")
def watchfloor_nlp() -> Any:
    """watchfloor's own pipeline on the real model: the actor ruler over the NER (`model`)."""
    from watchfloor.nlp.model import build_pipeline
    from watchfloor.resolve.knowledge import load_knowledge
    from watchfloor.settings import Settings

    return build_pipeline(Settings(), load_knowledge())


@pytest.fixture
def make_article() -> Callable[..., Article]:
    def make(
        text: str = "Poland pledged tanks to Ukraine.",
        doc_id: str = "doc1",
        published: PartialDate | None = _PUBLISHED,
        **fields: Any,
    ) -> Article:
        title = fields.pop("title", "")
        return Article(doc_id=doc_id, title=title, text=text, published=published, **fields)

    return make
