"""What only the PostgreSQL store has: a server to reach, URLs, several connections.

Everything a store does is in test_store_contract.py, which runs here too. These
tests use the session's real server (conftest's `postgres_server`).
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

from postgres_server import PostgresServer
from watchfloor import query
from watchfloor.cli import app
from watchfloor.errors import ConfigError, InputError, StoreError
from watchfloor.records import Analysis, Article, CanonicalEvent, Event, PartialDate
from watchfloor.store import EventFilter, Store, open_store
from watchfloor.store.postgres_connect import SCHEMA_VERSION


def test_store_postgres_unreachable_server_is_one_line() -> None:
    with pytest.raises(StoreError, match="cannot connect to PostgreSQL at postgresql://") as info:
        open_store("postgresql://watchfloor:secret@127.0.0.1:1/news")
    assert "\n" not in str(info.value)
    assert "secret" not in str(info.value)


def test_store_postgres_cli_says_in_one_line_what_is_wrong(postgres_url: str) -> None:
    cli = CliRunner()
    down = cli.invoke(app, ["stats", "--db", "postgresql://watchfloor:secret@127.0.0.1:1/news"])
    assert down.exit_code == 1
    assert down.output.startswith(
        "Error: cannot connect to PostgreSQL at postgresql://watchfloor:***@"
    )
    assert down.output.count("\n") == 1
    empty = cli.invoke(app, ["events", "--db", postgres_url])
    assert (empty.exit_code, empty.output.count("\n")) == (2, 1)
    assert "no watchfloor tables in" in empty.output


def test_store_postgres_bad_url_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="bad PostgreSQL URL") as info:
        open_store("postgresql://watchfloor:secret@127.0.0.1/news?colour=blue")
    assert "\n" not in str(info.value)
    assert "secret" not in str(info.value)


def test_store_postgres_missing_database_is_named(postgres_server: PostgresServer) -> None:
    with pytest.raises(StoreError, match='database "no_such_db" does not exist'):
        open_store(postgres_server.url("no_such_db"))


def test_store_postgres_query_commands_need_a_written_database(postgres_url: str) -> None:
    with pytest.raises(InputError, match="no watchfloor tables in .*run watchfloor ingest first"):
        open_store(postgres_url, create=False)
    open_store(postgres_url).close()
    again = open_store(postgres_url, create=False)
    assert again.schema_version == SCHEMA_VERSION
    again.close()


def test_store_postgres_path_hides_the_password(postgres_server: PostgresServer) -> None:
    url = postgres_server.create_database("masked")
    store = open_store(url.replace("postgres@", "postgres:hunter2@"))
    try:
        assert "hunter2" not in store.path
        assert store.path == url.replace("postgres@", "postgres:***@")
        assert query.collect_stats(store)["db"] == store.path
    finally:
        store.close()
        postgres_server.drop_database("masked")


def test_store_postgres_opening_at_once_migrates_once(postgres_url: str) -> None:
    opened: list[Store] = []
    failures: list[BaseException] = []

    def open_one() -> None:
        try:
            opened.append(open_store(postgres_url))
        except BaseException as exc:  # reported below, in the test's thread
            failures.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert {store.schema_version for store in opened} == {SCHEMA_VERSION}
    for store in opened:
        store.close()


BATCHES, PER_BATCH = 15, 10


def _write_batches(store: Store) -> None:
    """BATCHES transactions of PER_BATCH articles, each with two events and one fused event."""
    fused: list[CanonicalEvent] = []
    for batch in range(BATCHES):
        with store.transaction():
            for n in range(batch * PER_BATCH, (batch + 1) * PER_BATCH):
                doc_id = f"w{n:04d}"
                day = PartialDate(2024, 1 + n % 12, 1 + n % 28)
                text = f"Moravel sent aid to Tessin, report {n}."
                store.write_article(Article(doc_id, "", text, day, content_hash=doc_id))
                events = (
                    Event(doc_id, "AID", ("MRV",), ("TSN",), "asserted", "sent aid", 0, 10),
                    Event(doc_id, "CONSULT", ("TSN",), ("MRV",), "asserted", "report", 11, 20),
                )
                store.write_analysis(Analysis(doc_id, events=events))
            reports = [r for r in store.read_event_reports() if r[1].type == "AID"]
            fused = [
                CanonicalEvent(f"c{e.doc_id}", "AID", ("MRV",), ("TSN",), "asserted",
                               (event_id,), (e.doc_id,), 1, date=e.date)
                for event_id, e, _, _ in reports
            ]  # fmt: skip
            store.replace_canonical_events(fused, {})


def _read_until_done(store: Store, done: threading.Event, seen: list[tuple[int, int]]) -> None:
    """List reports and fused events over and over; each listing must hold whole batches."""
    while not done.is_set():
        per_doc = Counter(event.doc_id for _, event, _, _ in store.read_event_reports())
        assert set(per_doc.values()) <= {2}, per_doc
        listed = list(query.iter_events(store, EventFilter()))
        assert len(listed) % PER_BATCH == 0
        assert all(len(event["sources"]) <= 1 for event in listed)
        seen.append((len(per_doc), len(listed)))


def test_store_postgres_readers_and_a_writer_at_once(postgres_url: str) -> None:
    writer, readers = open_store(postgres_url), [open_store(postgres_url) for _ in range(2)]
    done, failures = threading.Event(), list[BaseException]()
    seen: list[list[tuple[int, int]]] = [[], []]

    def run(target: object, *args: object) -> None:
        try:
            target(*args)  # type: ignore[operator]
        except BaseException as exc:  # reported below, in the test's thread
            failures.append(exc)
            done.set()

    threads = [threading.Thread(target=run, args=(_read_until_done, r, done, s))
               for r, s in zip(readers, seen, strict=True)]  # fmt: skip
    for thread in threads:
        thread.start()
    run(_write_batches, writer)
    done.set()
    for thread in threads:
        thread.join()
    assert failures == []
    for listings in seen:
        assert listings, "a reader listed nothing while the writer wrote"
        assert [docs for docs, _ in listings] == sorted(docs for docs, _ in listings)
    total = BATCHES * PER_BATCH
    assert (writer.count("articles"), writer.count("events")) == (total, 2 * total)
    assert len(list(query.iter_events(readers[0], EventFilter(actor="MRV")))) == total
    for store in (writer, *readers):
        store.close()


@pytest.mark.model
def test_store_postgres_cli_gives_what_sqlite_gives(postgres_url: str, tmp_path: Path) -> None:
    """The bundled sample ingested into both stores lists, searches and exports the same."""
    sample = Path(str(resources.files("watchfloor") / "data" / "sample" / "articles"))
    sqlite_db = str(tmp_path / "sample.db")
    cli = CliRunner()
    for db in (sqlite_db, postgres_url):
        assert cli.invoke(app, ["ingest", str(sample), "--db", db]).exit_code in (0, 1)
    commands = [
        ["events", "--json"], ["timeline", "--actor", "NER", "--json"], ["conflicts", "--json"],
        ["articles", "--json"], ["search", "junta", "--json"], ["duplicates", "--json"],
        ["stories", "--json"], ["actors", "--json"], ["quotes", "--json"],
        ["export", "--format", "jsonl"],
    ]  # fmt: skip
    for command in commands:
        on_sqlite = cli.invoke(app, [*command, "--db", sqlite_db])
        on_postgres = cli.invoke(app, [*command, "--db", postgres_url])
        assert on_sqlite.exit_code == on_postgres.exit_code == 0, command
        if command[0] == "search":  # same hits; the snippets are each engine's own
            hits = [[(h["doc_id"], h["title"]) for h in json.loads(r.output)]
                    for r in (on_sqlite, on_postgres)]  # fmt: skip
            assert sorted(hits[0]) == sorted(hits[1]) != []
        else:
            assert on_postgres.output == on_sqlite.output, command
        if command == ["events", "--json"]:
            assert len(json.loads(on_postgres.output)) > 5


def test_store_postgres_migration_6_keys_reports_as_rows_fusion_key_does(
    postgres_url: str,
) -> None:
    """A database made before incremental fusion gets byte-identical keys, every block queued."""
    import psycopg

    from watchfloor.store.postgres_connect import read_migrations
    from watchfloor.store.rows import fusion_key

    # Duplicates, unsorted ids, quotes, backslashes, control characters, non-ASCII
    # and astral-plane letters: each is quoted and ordered as json.dumps and sorted() do.
    parties = {
        "e1": (["TSN", "ÉRA", "TSN", "abc", "Zed"], []),
        "e2": (["b|x", 'a,"q', "back\\slash"], ["MRV", "tab\there", "bell\x07", "nl\n"]),
        "e3": (["😀-smile", "ÿ", "~", "\x7fdel"], ["MRV", "MRV"]),
    }
    with psycopg.connect(postgres_url, autocommit=True) as db:
        db.execute("CREATE TABLE watchfloor_schema (version INTEGER NOT NULL)")
        for number, script in read_migrations():
            if number <= 5:
                db.execute(script)
                db.execute("INSERT INTO watchfloor_schema (version) VALUES (%s)", (number,))
        for event_id_, (actor, recipient) in parties.items():
            db.execute(
                "INSERT INTO events (event_id, doc_id, seq, type, actor, recipient, status, "
                "evidence, evidence_start, evidence_end) "
                "VALUES (%s, 'p1', 0, 'CONSULT', %s, %s, 'asserted', 'met', 0, 3)",
                (event_id_, json.dumps(actor), json.dumps(recipient)),
            )
        db.execute(
            "INSERT INTO canonical_events (canonical_id, type, actor, recipient, status) "
            "VALUES ('c1', 'AID', '[\"MRV\"]', '[\"TSN\", \"ÉRA\"]', 'asserted')"
        )
    store = open_store(postgres_url)
    try:
        keys = dict(store.db.execute("SELECT event_id, fusion_key FROM events").fetchall())
        assert keys == {
            event_id_: fusion_key("CONSULT", actor, recipient)
            for event_id_, (actor, recipient) in parties.items()
        }
        canonical = fusion_key("AID", ["MRV"], ["TSN", "ÉRA"])
        assert store.db.execute("SELECT fusion_key FROM canonical_events").fetchone()[0] == (
            canonical
        )
        assert store.read_fusion_pending() == sorted([*keys.values(), canonical])
    finally:
        store.close()
