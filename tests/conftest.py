"""Shared fixtures. Module-specific helpers live in their test module."""

from __future__ import annotations

import itertools
import os
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


@pytest.fixture(scope="session")
def web_token() -> str:
    """The API token the writable test server is started with."""
    return "test-token-7f3a"


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/data/web/articles.jsonl ingested by the full pipeline (real model); read only."""
    from watchfloor.pipeline import build_pipeline

    path = tmp_path_factory.mktemp("web") / "web.db"
    store = open_store(path)
    build_pipeline(store, Settings(db=str(path))).ingest([DATA_DIR / "web" / "articles.jsonl"])
    store.close()
    return path


@pytest.fixture(scope="session")
def start_server() -> Iterator[Callable[..., str]]:
    """Starts `watchfloor serve` on a free loopback port; gives its base URL.

    `start_server(db, token=None)` runs the real CLI command in a subprocess (with
    WATCHFLOOR_API_TOKEN set when `token` is), waits until it answers, and stops it
    when the session ends.
    """
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    running: list[subprocess.Popen[bytes]] = []

    def start(db: Path, token: str | None = None) -> str:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        env = {k: v for k, v in os.environ.items() if k != "WATCHFLOOR_API_TOKEN"}
        if token:
            env["WATCHFLOOR_API_TOKEN"] = token
        command = [sys.executable, "-c", "from watchfloor.cli import app; app()", "serve"]
        process = subprocess.Popen(
            [*command, "--db", str(db), "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        running.append(process)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"watchfloor serve exited: {process.stderr.read()!r}")  # type: ignore[union-attr]
            try:
                with urllib.request.urlopen(url + "/api/stats", timeout=2):
                    return url
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"watchfloor serve did not answer on {url}")

    yield start
    for process in running:
        process.terminate()
        process.wait(timeout=10)
        if process.stderr is not None:
            process.stderr.close()


@pytest.fixture(scope="session")
def web_url(web_db: Path, start_server: Callable[..., str]) -> str:
    """A read-only server (no token) over `web_db`."""
    return start_server(web_db)


@pytest.fixture(scope="session")
def snapshot() -> Callable[[Any], dict[str, Any]]:
    """Everything the queries show about a store, for comparing two runs' results."""
    return _snapshot


def _snapshot(store: Any) -> dict[str, Any]:
    from watchfloor import query

    articles = []
    for row in query.list_articles(store):
        shown = query.show_article(store, row["doc_id"])
        shown["versions"] = [
            {k: v for k, v in version.items() if k != "ingested_at"}
            for version in shown["versions"]
        ]
        articles.append(shown)
    return {
        "articles": articles,
        "events": query.list_events(store),
        "actors": query.list_actors(store),
        "stories": query.list_stories(store),
        "duplicates": query.list_duplicates(store),
        "quotes": query.list_quotes(store),
    }
