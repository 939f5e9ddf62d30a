from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from watchfloor.errors import ConfigError, InputError, StoreError
from watchfloor.records import Actor, Analysis, Article, Event, Mention, PartialDate, Quantity, Role
from watchfloor.store import SQLiteStore, open_store
from watchfloor.store.sqlite import SCHEMA_VERSION


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    return open_store(tmp_path / "test.db")


def _article(make_article: Callable[..., Article], text: str, doc_id: str = "a1") -> Article:
    return make_article(text=text, doc_id=doc_id, content_hash=f"hash-{hash(text)}", source="x.txt")


def test_store_new_file_is_migrated_and_in_wal_mode(store: SQLiteStore) -> None:
    assert store.schema_version == SCHEMA_VERSION
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {
        row[0] for row in store.db.execute("SELECT name FROM sqlite_master WHERE type='table'")
    }
    expected = {"articles", "rejected", "mentions", "actors", "events", "event_mentions"}
    assert expected <= tables


def test_store_reopening_keeps_data(tmp_path: Path, make_article: Callable[..., Article]) -> None:
    first = open_store(f"sqlite:///{tmp_path / 'x.db'}")
    with first.transaction():
        first.write_article(_article(make_article, "Chad closed its border."))
    first.close()
    again = open_store(tmp_path / "x.db")
    assert again.get_article("a1") is not None


def test_store_article_states_and_versions(
    store: SQLiteStore, make_article: Callable[..., Article]
) -> None:
    old = _article(make_article, "Chad closed its border.")
    new = _article(make_article, "Chad reopened its border.")
    assert store.article_state("a1", old.content_hash) == "new"
    with store.transaction():
        assert store.write_article(old) == 1
    assert store.article_state("a1", old.content_hash) == "unchanged"
    assert store.article_state("a1", new.content_hash) == "changed"
    with store.transaction():
        assert store.write_article(new) == 2
    current = store.get_article("a1")
    assert current is not None
    assert current.text == "Chad reopened its border."
    assert [v["is_current"] for v in store.article_versions("a1")] == [0, 1]


def test_store_new_version_clears_old_analysis(
    store: SQLiteStore, make_article: Callable[..., Article]
) -> None:
    mention = Mention("a1", 0, 4, "Chad", "GPE", actor_id="TCD")
    with store.transaction():
        store.write_article(_article(make_article, "Chad closed its border."))
        store.write_analysis(Analysis("a1", mentions=(mention,)))
    assert store.count("mentions") == 1
    with store.transaction():
        store.write_article(_article(make_article, "Chad reopened its border."))
    assert store.count("mentions") == 0


def test_store_transaction_rolls_back_on_error(
    store: SQLiteStore, make_article: Callable[..., Article]
) -> None:
    def interrupted_batch() -> None:
        with store.transaction():
            store.write_article(_article(make_article, "Chad closed its border."))
            raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        interrupted_batch()
    assert store.count("articles") == 0


def test_store_full_text_search_finds_current_text(
    store: SQLiteStore, make_article: Callable[..., Article]
) -> None:
    with store.transaction():
        store.write_article(_article(make_article, "The junta expelled the ambassador.", "a1"))
        store.write_article(_article(make_article, "Troops crossed the river at dawn.", "a2"))
    hits = store.search("ambassador")
    assert [hit["doc_id"] for hit in hits] == ["a1"]
    assert "[ambassador]" in hits[0]["snippet"]


def test_store_bad_search_syntax_is_an_input_error(store: SQLiteStore) -> None:
    with pytest.raises(InputError, match="FTS5 query syntax"):
        store.search('"unbalanced', raw=True)


def test_store_events_round_trip(store: SQLiteStore, make_article: Callable[..., Article]) -> None:
    event = Event(
        doc_id="a1", type="AID", actor=("KOR",), recipient=("UKR",), status="asserted",
        evidence="Seoul sent 100 trucks.", evidence_start=0, evidence_end=22, mode=None,
        context=("military",), date=PartialDate(2023, 5), quantity=Quantity(100, "trucks"),
    )  # fmt: skip
    with store.transaction():
        store.write_article(_article(make_article, "Seoul sent 100 trucks."))
        store.write_analysis(Analysis("a1", events=(event,)))
    assert store.read_events("a1") == [event]
    parties = store.db.execute("SELECT role, party FROM event_parties ORDER BY role").fetchall()
    assert [tuple(row) for row in parties] == [("actor", "KOR"), ("recipient", "UKR")]


def test_store_actors_accumulate_aliases_and_roles(store: SQLiteStore) -> None:
    role = Role("defence minister", country="NER", sector="MIL", start=PartialDate(2023, 8))
    with store.transaction():
        store.write_actors([Actor("jane-roe", "Jane Roe", "person", "NER", aliases=("Roe",))])
        store.write_actors(
            [Actor("jane-roe", "Jane Roe", "person", "NER", aliases=("Ms Roe",), roles=(role,))]
        )
    (actor,) = store.read_actors()
    assert actor.aliases == ("Ms Roe", "Roe")
    assert actor.roles == (role,)


def test_store_rejects_unknown_url_scheme() -> None:
    with pytest.raises(ConfigError, match="unknown store URL scheme 'mysql'"):
        open_store("mysql://localhost/news")


def test_store_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is not a folder"):
        SQLiteStore(tmp_path / "absent" / "x.db")


def test_store_newer_schema_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    store = open_store(path)
    store.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    store.close()
    with pytest.raises(StoreError, match="newer than this watchfloor"):
        open_store(path)


def test_store_same_role_twice_is_stored_once(store: SQLiteStore) -> None:
    role = Role("president", country="NER", start=PartialDate(2021, 4, 2))
    actor = Actor("jane-roe", "Jane Roe", "person", "NER", roles=(role,))
    with store.transaction():
        store.write_actors([actor])
        store.write_actors([actor])
    assert store.count("actor_roles") == 1


def test_store_migration_3_places_and_indexes_fused_events(tmp_path: Path) -> None:
    """A store fused before placements were stored lists its events in timeline order."""
    import sqlite3

    from watchfloor.store import EventFilter
    from watchfloor.store.sqlite import _migrations, _split_sql

    path = tmp_path / "v2.db"
    db = sqlite3.connect(path)
    for number, script in _migrations():
        if number <= 2:
            for statement in _split_sql(script):
                db.execute(statement)
    db.execute("PRAGMA user_version = 2")
    for doc_id, published in (("p1", "2025-06-01"), ("p2", "2025-02-01")):
        db.execute(
            "INSERT INTO articles (doc_id, version, content_hash, title, text, published, "
            "source, ingested_at) VALUES (?, 1, ?, '', 'Tessin met Moravel.', ?, 'x', 'now')",
            (doc_id, doc_id, published),
        )
        db.execute(
            "INSERT INTO events (event_id, doc_id, seq, type, actor, recipient, status, "
            "evidence, evidence_start, evidence_end) "
            "VALUES (?, ?, 0, 'CONSULT', '[\"TSN\"]', '[\"MRV\"]', 'asserted', 'met', 0, 3)",
            (f"e-{doc_id}", doc_id),
        )
    for canonical_id, date, doc_id in (("c1", None, "p1"), ("c2", "2025-04-01", "p2")):
        db.execute(
            "INSERT INTO canonical_events (canonical_id, type, actor, recipient, date, status) "
            "VALUES (?, 'CONSULT', '[\"TSN\"]', '[\"MRV\"]', ?, 'asserted')",
            (canonical_id, date),
        )
        db.execute("INSERT INTO event_mentions VALUES (?, ?)", (canonical_id, f"e-{doc_id}"))
    db.commit()
    db.close()
    store = open_store(path)
    listed = list(store.iter_canonical_events(EventFilter(actor="TSN", recipient="MRV")))
    assert [e["canonical_id"] for e in listed] == ["c2", "c1"]
    placed = store.db.execute('SELECT canonical_id, "when", when_source FROM canonical_events')
    assert sorted(map(tuple, placed)) == [
        ("c1", "2025-06-01", "published"),
        ("c2", "2025-04-01", "date"),
    ]


def _open_and_close(path: str, barrier: Any) -> str:
    barrier.wait()
    try:
        open_store(path).close()
    except Exception as exc:  # reported to the parent, which fails the test
        return f"{type(exc).__name__}: {exc}"
    return "ok"


def test_store_processes_creating_one_new_file_at_once_all_open_it(tmp_path: Path) -> None:
    # Each used to read schema version 0, then create the tables in turn: all but the
    # first failed with "table articles already exists".
    context = multiprocessing.get_context("fork")  # fast; the children only open a file
    for trial in range(3):
        path = str(tmp_path / f"new{trial}.db")
        with context.Manager() as manager, context.Pool(4) as pool:
            barrier = manager.Barrier(4)
            opened = pool.starmap(_open_and_close, [(path, barrier)] * 4)
        assert opened == ["ok"] * 4
        assert open_store(path).schema_version == SCHEMA_VERSION


def test_store_busy_database_is_a_clear_error_after_the_timeout(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    writer = open_store(path)
    waiting = SQLiteStore(path, busy_timeout_s=0.05)
    with writer.transaction(), pytest.raises(StoreError) as raised, waiting.transaction():
        pass
    assert str(raised.value) == (
        f"the database {path} is busy: another process (an ingest or reprocess) has been "
        "writing to it for over 0.05 s; run this again when it has finished"
    )
    with waiting.transaction():  # free again once the writer is done
        waiting.write_actors([Actor("OST", "Ostrava", "country", "OST")])
    assert [actor.id for actor in writer.read_actors()] == ["OST"]


def test_store_read_only_database_is_a_clear_error(tmp_path: Path) -> None:
    store = open_store(tmp_path / "w.db")
    store.db.execute("PRAGMA query_only = ON")  # SQLite answers as for a read-only file
    with pytest.raises(StoreError) as raised, store.transaction():
        store.write_actors([Actor("OST", "Ostrava", "country", "OST")])
    assert str(raised.value) == (
        f"cannot write to the database {tmp_path / 'w.db'}: it is read-only (attempt to write "
        "a readonly database); give --db a file you may write to"
    )


def test_store_migration_6_keys_every_report_and_queues_every_block(tmp_path: Path) -> None:
    """A store made before incremental fusion gets fusion keys as `rows.fusion_key` gives."""
    import sqlite3

    from watchfloor.store.rows import fusion_key
    from watchfloor.store.sqlite import _migrations, _split_sql

    path = tmp_path / "v5.db"
    db = sqlite3.connect(path)
    for number, script in _migrations():
        if number <= 5:
            for statement in _split_sql(script):
                db.execute(statement)
    db.execute("PRAGMA user_version = 5")
    parties = [("e1", '["TSN","ÉRA","TSN"]', "[]"), ("e2", '["b|x","a,\\"q"]', '["MRV"]')]
    for event_id_, actor, recipient in parties:
        db.execute(
            "INSERT INTO events (event_id, doc_id, seq, type, actor, recipient, status, "
            "evidence, evidence_start, evidence_end) "
            "VALUES (?, 'p1', 0, 'CONSULT', ?, ?, 'asserted', 'met', 0, 3)",
            (event_id_, actor, recipient),
        )
    db.execute(
        "INSERT INTO canonical_events (canonical_id, type, actor, recipient, status) "
        "VALUES ('c1', 'AID', '[\"MRV\"]', '[\"TSN\"]', 'asserted')"
    )
    db.commit()
    db.close()
    store = open_store(path)
    keys = dict(store.db.execute("SELECT event_id, fusion_key FROM events").fetchall())
    assert keys == {
        "e1": fusion_key("CONSULT", ["TSN", "ÉRA", "TSN"], []),
        "e2": fusion_key("CONSULT", ["b|x", 'a,"q'], ["MRV"]),
    }
    assert store.read_fusion_pending() == sorted(
        [*keys.values(), fusion_key("AID", ["MRV"], ["TSN"])]
    )


def test_store_lookups_of_one_article_use_the_doc_id_index(
    store: SQLiteStore, make_article: Callable[..., Article]
) -> None:
    """No statement of an article's write reads the articles through the index of current
    ones: it would cost a scan of every stored article for each article written."""
    with store.transaction():
        for n in range(3):
            store.write_article(_article(make_article, f"Chad met Niger ({n}).", f"d{n}"))
    statements: list[str] = []
    store.db.set_trace_callback(statements.append)
    with store.transaction():
        store.write_articles([_article(make_article, "Chad met Mali.", "d3")])
        store.write_analyses([Analysis("d3", notes=("a note",))])
        store.article_state("d1", "x")
        store.get_article("d1")
        store.set_derived_from("d1", "d0")
    store.db.set_trace_callback(None)
    lookups = [s for s in statements if "articles" in s and "doc_id =" in s]
    assert len(lookups) >= 5
    for statement in lookups:
        plan = " ".join(str(row[3]) for row in store.db.execute("EXPLAIN QUERY PLAN " + statement))
        assert "articles_current" not in plan, (statement, plan)
