"""The server store: PostgreSQL through psycopg 3, for a team or an archive.

Behaves as `store/sqlite.py` does, method for method (tests/test_store_contract.py
runs against both). One connection writes, inside `transaction()`; listings that
stream (every article, every event, a timeline without a limit) read through a
server-side cursor, on a second connection when no write transaction is open, so a
listing being read never holds up a write of the same process. Several processes
may read while one writes: each statement sees committed data only.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, Literal

import psycopg
from psycopg.pq import TransactionStatus
from psycopg.rows import dict_row, tuple_row

from watchfloor.errors import InputError
from watchfloor.records import (
    Actor,
    ActorKeys,
    Analysis,
    Article,
    CanonicalEvent,
    DuplicateLink,
    Event,
    FingerprintEntry,
    PartialDate,
    Rejected,
    StoryEntry,
    StoryMatch,
    StoryProfile,
)
from watchfloor.store import postgres_connect, rows
from watchfloor.store.base import (
    MAX_DAYS_PER_DATE,
    ArticleState,
    CountedTable,
    EventFilter,
    Placement,
)

COUNTED_TABLES = frozenset(CountedTable.__args__)  # type: ignore[attr-defined]
DERIVED_TABLES = ("sentences", "mentions", "time_expressions", "events", "quotes")
# Every article column but the search vector, which only `search` reads.
ARTICLE_COLUMNS = (
    "rowid, doc_id, version, is_current, content_hash, title, text, published, outlet, url, "
    "byline, language, source, derived_from, story_id, ingested_at"
)
# The columns `write_article` fills after doc_id, version and is_current.
ARTICLE_VALUES = (
    "content_hash, title, text, published, outlet, url, byline, language, source, "
    "derived_from, ingested_at"
)
CANONICAL_COLUMNS = (
    "c.canonical_id, c.type, c.mode, c.actor, c.recipient, c.date, c.status, c.mentions, "
    'c.independent_sources, c.conflicts, c.place_country, c.place_name, c."when", c.when_source'
)
# Rows a streamed listing fetches from the server at a time.
STREAM_ROWS = 2_000
# ... and for fused events, which listings read a page of 100 at a time: the first
# page must not wait for thousands of rows.
PAGE_ROWS = 100
# Fused events written per batch of statements, so that memory does not grow with the store.
WRITE_CHUNK = 5_000
# A listing with a limit up to this is read in one query; larger or unlimited, streamed.
SMALL_LIMIT = 1_000
# Choosing which side of a dyad to read first counts at most this many index entries each.
PARTY_COUNT_CAP = 20_000
# Snippet of a search hit: SQLite's snippet(..., '[', ']', ' … ', 12) in ts_headline terms.
HEADLINE_OPTIONS = "StartSel=[, StopSel=], MaxWords=12, MinWords=6, ShortWord=0, MaxFragments=1"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class PostgresStore:
    """Reads and writes watchfloor records in one PostgreSQL database."""

    def __init__(self, url: str, create: bool = True) -> None:
        self.url = url
        self.path = postgres_connect.mask_password(url)
        self.db = postgres_connect.connect(url, autocommit=True)
        self._reader: psycopg.Connection[Any] | None = None
        self._open_streams = 0
        self._cursor_names = itertools.count()
        try:
            postgres_connect.migrate(self.db, self.path, create)
        except BaseException:
            self.db.close()
            raise

    # -- schema and connections -----------------------------------------------

    @property
    def schema_version(self) -> int:
        return postgres_connect.read_schema_version(self.db)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run the block in one write transaction; nested calls join the outer one."""
        if self.db.info.transaction_status != TransactionStatus.IDLE:
            yield
            return
        with self.db.transaction():
            yield

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
        self.db.close()

    def __del__(self) -> None:
        # A store dropped unclosed (a CLI command's) closes its connections itself.
        if hasattr(self, "db"):
            self.close()

    def size_bytes(self) -> int:
        """The database's size on the server."""
        return int(self._one("SELECT pg_database_size(current_database())")[0])

    def _one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...]:
        row = self.db.execute(sql, params).fetchone()
        assert row is not None  # an aggregate always gives a row
        return tuple(row)

    def _dicts(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self.db.cursor(row_factory=dict_row) as cursor:
            found: list[dict[str, Any]] = cursor.execute(sql, params).fetchall()
        return found

    @contextmanager
    def _stream_connection(self) -> Iterator[psycopg.Connection[Any]]:
        """The writer inside a write transaction (to see its own writes), else the reader.

        The reader keeps one read transaction open while any listing streams from it.
        """
        if self.db.info.transaction_status != TransactionStatus.IDLE:
            yield self.db
            return
        if self._reader is None:
            self._reader = postgres_connect.connect(self.url, autocommit=False)
        self._open_streams += 1
        try:
            yield self._reader
        finally:
            self._open_streams -= 1
            if self._open_streams == 0 and not self._reader.closed:
                self._reader.rollback()

    def _stream(
        self,
        sql: str,
        params: Sequence[Any] = (),
        as_dict: bool = True,
        batch_rows: int = STREAM_ROWS,
    ) -> Iterator[Any]:
        """Rows of `sql`, fetched from a server-side cursor as they are consumed."""
        with self._stream_connection() as connection:
            name = f"watchfloor_{next(self._cursor_names)}"
            factory: Any = dict_row if as_dict else tuple_row
            with connection.cursor(name, row_factory=factory) as cursor:
                cursor.itersize = batch_rows
                cursor.execute(sql, params)
                yield from cursor

    # -- runs and rejections --------------------------------------------------

    def start_run(self, command: str) -> int:
        with self.transaction():
            found = self._one(
                "INSERT INTO runs (command, started_at) VALUES (%s, %s) RETURNING run_id",
                (command, _now()),
            )
        return int(found[0])

    def finish_run(self, run_id: int, stored: int, unchanged: int, rejected: int) -> None:
        with self.transaction():
            self.db.execute(
                "UPDATE runs SET finished_at = %s, stored = %s, unchanged = %s, rejected = %s "
                "WHERE run_id = %s",
                (_now(), stored, unchanged, rejected, run_id),
            )

    def write_rejected(self, run_id: int | None, items: Iterable[Rejected]) -> None:
        with self.db.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO rejected (run_id, doc_id, source, stage, reason, detail, at) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s)",
                [(run_id, r.doc_id, r.source, r.stage, r.reason, r.detail, _now()) for r in items],
            )

    def read_rejected(self, limit: int = 100) -> list[Rejected]:
        found = self.db.execute(
            "SELECT doc_id, source, stage, reason, detail FROM rejected ORDER BY id DESC LIMIT %s",
            (limit,),
        )
        return [Rejected(*row) for row in found]

    def iter_rejections(
        self, run_id: int | None = None, limit: int | None = None
    ) -> Iterator[dict[str, Any]]:
        """Every rejection (of one run), oldest first: run_id, at and the Rejected fields."""
        sql = "SELECT run_id, at, doc_id, source, stage, reason, detail FROM rejected"
        params: list[Any] = []
        if run_id is not None:
            sql += " WHERE run_id = %s"
            params.append(run_id)
        sql += " ORDER BY id"
        if limit is not None:
            sql += " LIMIT %s"
            params.append(limit)
        yield from self._stream(sql, params)

    def last_run_id(self, command: str) -> int | None:
        """The latest run of `command` ("ingest"), or None when there was none."""
        found = self._one("SELECT MAX(run_id) FROM runs WHERE command = %s", (command,))[0]
        return None if found is None else int(found)

    def count_rejected_by_reason(self) -> dict[str, int]:
        found = self.db.execute(
            "SELECT reason, COUNT(*) FROM rejected GROUP BY reason ORDER BY reason"
        )
        return {reason: int(n) for reason, n in found}

    # -- articles -------------------------------------------------------------

    def article_state(self, doc_id: str, content_hash: str) -> ArticleState:
        """Whether this text is new, the current version, or a change to a stored doc_id.

        A text equal to an older version (a revert) is a change: it becomes current again.
        """
        found = self.db.execute(
            "SELECT content_hash FROM articles WHERE doc_id = %s AND is_current = 1", (doc_id,)
        ).fetchone()
        if found is None:
            known = self.db.execute("SELECT 1 FROM articles WHERE doc_id = %s", (doc_id,))
            return "changed" if known.fetchone() else "new"
        return "unchanged" if found[0] == content_hash else "changed"

    def write_article(self, article: Article) -> int:
        """Store an article as the current version of its doc_id; returns the version number.

        As on SQLite: a changed text becomes a new version and the old text's derived
        rows are removed; a revert to an older text moves it to the new version number.
        """
        values = _article_values(article)
        # A new doc_id (the common case) is one statement; a known one is versioned below.
        first = self.db.execute(
            f"INSERT INTO articles (doc_id, version, is_current, {ARTICLE_VALUES}) "
            "SELECT %s, 1, 1, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s "
            "WHERE NOT EXISTS (SELECT 1 FROM articles WHERE doc_id = %s) RETURNING version",
            (article.doc_id, *values, article.doc_id),
        ).fetchone()
        if first is not None:
            return 1
        sql = "SELECT MAX(version) FROM articles WHERE doc_id = %s"
        version = int(self._one(sql, (article.doc_id,))[0]) + 1
        self.db.execute("UPDATE articles SET is_current = 0 WHERE doc_id = %s", (article.doc_id,))
        self.clear_analysis(article.doc_id)
        self.db.execute(
            "DELETE FROM articles WHERE doc_id = %s AND content_hash = %s",
            (article.doc_id, article.content_hash),
        )
        self.db.execute(
            f"INSERT INTO articles (doc_id, version, is_current, {ARTICLE_VALUES}) "
            "VALUES (%s, %s, 1, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            (article.doc_id, version, *values),
        )
        return version

    def write_articles(self, articles: Sequence[Article]) -> list[int]:
        """`write_article` for each, in order; new doc_ids in one round trip.

        Returns the version numbers.
        """
        doc_ids = [article.doc_id for article in articles]
        known = {
            doc_id
            for (doc_id,) in self.db.execute(
                "SELECT DISTINCT doc_id FROM articles WHERE doc_id = ANY(%s)", (doc_ids,)
            )
        }
        fresh: dict[str, Article] = {}
        for article in articles:
            if article.doc_id not in known and article.doc_id not in fresh:
                fresh[article.doc_id] = article
        with self.db.pipeline(), self.db.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO articles (doc_id, version, is_current, {ARTICLE_VALUES}) "
                "VALUES (%s, 1, 1, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                [(a.doc_id, *_article_values(a)) for a in fresh.values()],
            )
        # A known doc_id, or one given twice, becomes a new version as one by one.
        return [
            1 if fresh.get(article.doc_id) is article else self.write_article(article)
            for article in articles
        ]

    def get_article(self, doc_id: str) -> Article | None:
        found = self._dicts(
            f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE doc_id = %s AND is_current = 1",
            (doc_id,),
        )
        return rows.article_from_row(found[0]) if found else None

    def article_text(self, doc_id: str) -> str | None:
        row = self.db.execute(
            "SELECT text FROM articles WHERE doc_id = %s AND is_current = 1", (doc_id,)
        ).fetchone()
        return str(row[0]) if row else None

    def read_article_notes(self, doc_id: str) -> list[str]:
        """What the NLP stages said about the current version (why it was not coded...)."""
        row = self.db.execute(
            "SELECT notes FROM articles WHERE doc_id = %s AND is_current = 1", (doc_id,)
        ).fetchone()
        return [str(note) for note in json.loads(row[0])] if row and row[0] else []

    def article_versions(self, doc_id: str) -> list[dict[str, Any]]:
        return self._dicts(
            "SELECT version, content_hash, is_current, ingested_at FROM articles "
            "WHERE doc_id = %s ORDER BY version",
            (doc_id,),
        )

    def iter_articles(
        self,
        since: PartialDate | None = None,
        until: PartialDate | None = None,
        outlet: str | None = None,
        limit: int | None = None,
        in_ingest_order: bool = False,
    ) -> Iterator[Article]:
        """Current articles, oldest publication first (undated last), then by doc_id.

        With `in_ingest_order`, in the order they were stored instead.
        """
        sql = [f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE is_current = 1"]
        params: list[Any] = []
        if since:
            sql.append("AND published >= %s")
            params.append(since.iso())
        if until:
            sql.append("AND left(published, %s) <= %s")
            params += [len(until.iso()), until.iso()]
        if outlet:
            sql.append("AND outlet = %s")
            params.append(outlet)
        sql.append("ORDER BY rowid" if in_ingest_order else "ORDER BY published, doc_id")
        if limit is not None:
            sql.append("LIMIT %s")
            params.append(limit)
        for row in self._stream(" ".join(sql), params):
            yield rows.article_from_row(row)

    def read_article_dates(
        self, doc_ids: Iterable[str]
    ) -> dict[str, tuple[str | None, str | None]]:
        """doc_id -> (published, derived_from) of the current articles among `doc_ids`."""
        found = self.db.execute(
            "SELECT doc_id, published, derived_from FROM articles "
            "WHERE is_current = 1 AND doc_id = ANY(%s)",
            (sorted(set(doc_ids)),),
        )
        return {row[0]: (row[1], row[2]) for row in found}

    def published_span(self) -> tuple[str | None, str | None]:
        """The earliest and latest publication dates of current articles."""
        first, last = self._one(
            "SELECT MIN(published), MAX(published) FROM articles WHERE is_current = 1"
        )
        return first, last

    def count_current_articles(self) -> int:
        return int(self._one("SELECT COUNT(*) FROM articles WHERE is_current = 1")[0])

    def search(self, text: str, limit: int = 20, raw: bool = False) -> list[dict[str, Any]]:
        """Full-text search over current articles, best first, with a highlighted snippet.

        `text` is words as typed (each must occur; "Jong-un", "U.S." as written);
        with `raw`, PostgreSQL's tsquery syntax ('artillery & loan:*').
        """
        if raw:
            query, params = "to_tsquery('simple', %s)", [text]
        else:
            words = text.split()
            if not words:
                raise InputError("search needs at least one word")
            query = " && ".join("phraseto_tsquery('simple', %s)" for _ in words)
            params = words
        sql = (
            "SELECT a.doc_id, a.title, a.published, "
            f"ts_headline('simple', a.text, q, '{HEADLINE_OPTIONS}') AS snippet "
            f"FROM articles a, ({'SELECT ' + query} AS q) AS query "
            "WHERE a.search @@ q AND a.is_current = 1 "
            "ORDER BY ts_rank(a.search, q) DESC, a.doc_id LIMIT %s"
        )
        try:
            return self._dicts(sql, [*params, limit])
        except psycopg.errors.SyntaxError as exc:
            message = str(exc).splitlines()[0]
            raise InputError(
                f"cannot search for {text!r}: {message} (PostgreSQL tsquery syntax)"
            ) from None

    def set_derived_from(self, doc_id: str, derived_from: str | None) -> None:
        self.db.execute(
            "UPDATE articles SET derived_from = %s WHERE doc_id = %s AND is_current = 1",
            (derived_from, doc_id),
        )

    # -- analysis -------------------------------------------------------------

    def clear_analysis(self, doc_id: str) -> None:
        with self.db.pipeline(), self.db.cursor() as cursor:
            _clear_analysis(cursor, doc_id)

    def write_analysis(self, analysis: Analysis) -> None:
        """Replace everything the NLP stages found in one article, and their notes on it."""
        self.write_analyses([analysis])

    def write_analyses(self, analyses: Sequence[Analysis]) -> None:
        """`write_analysis` for each, in one round trip: a statement per table for them all."""
        if not analyses:
            return
        actors = [actor for analysis in analyses for actor in analysis.actors]
        # One doc_id given twice: its last analysis replaces the first, as one by one.
        analyses = list({analysis.doc_id: analysis for analysis in analyses}.values())
        doc_ids = [analysis.doc_id for analysis in analyses]
        notes = [
            json.dumps(list(analysis.notes)) if analysis.notes else None for analysis in analyses
        ]
        # Every statement is sent before the first result is read.
        with self.db.pipeline(), self.db.cursor() as cursor:
            for table in DERIVED_TABLES:
                cursor.execute(f"DELETE FROM {table} WHERE doc_id = ANY(%s)", (doc_ids,))
            # Only a change is written: an UPDATE writes a new row version, which computes
            # the article's `search` vector and its GIN entries again (as much work as
            # storing the article).
            cursor.executemany(
                "UPDATE articles SET notes = %s WHERE doc_id = %s AND is_current = 1 "
                "AND notes IS DISTINCT FROM %s",
                [(note, doc_id, note) for doc_id, note in zip(doc_ids, notes, strict=True)],
            )
            cursor.executemany(
                'INSERT INTO sentences (doc_id, idx, start, "end") VALUES (%s, %s, %s, %s)',
                [
                    (a.doc_id, i, s.start, s.end)
                    for a in analyses
                    for i, s in enumerate(a.sentences)
                ],
            )
            cursor.executemany(
                'INSERT INTO mentions (doc_id, start, "end", text, label, sentence, descriptor, '
                "actor_id, reason) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) "
                'ON CONFLICT (doc_id, start, "end") DO UPDATE SET text = excluded.text, '
                "label = excluded.label, sentence = excluded.sentence, "
                "descriptor = excluded.descriptor, actor_id = excluded.actor_id, "
                "reason = excluded.reason",
                [rows.mention_row(m) for a in analyses for m in a.mentions],
            )
            cursor.executemany(
                'INSERT INTO time_expressions (doc_id, start, "end", text, kind, value, timex) '
                'VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (doc_id, start, "end") '
                "DO UPDATE SET text = excluded.text, kind = excluded.kind, "
                "value = excluded.value, timex = excluded.timex",
                [rows.time_row(a.doc_id, t) for a in analyses for t in a.time_expressions],
            )
            self._insert_events([a.events for a in analyses])
            cursor.executemany(
                'INSERT INTO quotes (doc_id, start, "end", text, speaker, speaker_text) '
                'VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (doc_id, start, "end") '
                "DO UPDATE SET text = excluded.text, speaker = excluded.speaker, "
                "speaker_text = excluded.speaker_text",
                [
                    (a.doc_id, q.start, q.end, q.text, q.speaker, q.speaker_text)
                    for a in analyses
                    for q in a.quotes
                ],
            )
            self.write_actors(actors)
            self.write_actor_keys(entry for a in analyses for entry in a.actor_keys)

    def write_events(self, events: Iterable[Event]) -> None:
        self._insert_events([events])

    def _insert_events(self, groups: Iterable[Iterable[Event]]) -> None:
        """Write the events of each group (an article's, numbered from 0) and their parties."""
        columns = rows.EVENT_COLUMNS
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "event_id")
        reports, parties = [], []
        for events in groups:
            for seq, event in enumerate(events):
                event_id = rows.event_id(event, seq)
                reports.append(rows.event_row(event, event_id, seq))
                parties += [(event_id, "actor", p) for p in event.actor]
                parties += [(event_id, "recipient", p) for p in event.recipient]
        with self.db.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO events ({', '.join(columns)}) "
                f"VALUES ({', '.join('%s' for _ in columns)}) "
                f"ON CONFLICT (event_id) DO UPDATE SET {updates}",
                reports,
            )
            cursor.executemany(
                "INSERT INTO event_parties (event_id, role, party) VALUES (%s, %s, %s) "
                "ON CONFLICT DO NOTHING",
                parties,
            )

    def read_events(self, doc_id: str | None = None) -> list[Event]:
        sql = "SELECT * FROM events"
        params: tuple[Any, ...] = ()
        if doc_id is not None:
            sql += " WHERE doc_id = %s"
            params = (doc_id,)
        return [
            rows.event_from_row(row) for row in self._dicts(sql + " ORDER BY doc_id, seq", params)
        ]

    def iter_events(self) -> Iterator[Event]:
        """Every event in document order, read as it is consumed."""
        for row in self._stream("SELECT * FROM events ORDER BY doc_id, seq"):
            yield rows.event_from_row(row)

    def read_event_dates(self, doc_ids: Iterable[str]) -> Iterator[tuple[str, str, str]]:
        """(doc_id, status, date) of the dated asserted and future events of `doc_ids`."""
        found = self.db.execute(
            "SELECT doc_id, status, date FROM events WHERE date IS NOT NULL "
            "AND status IN ('asserted', 'future') AND doc_id = ANY(%s) ORDER BY doc_id, seq",
            (sorted(set(doc_ids)),),
        )
        for row in found:
            yield row[0], row[1], row[2]

    def read_date_expressions(self, doc_ids: Iterable[str]) -> Iterator[tuple[str, str, str]]:
        """(doc_id, text, value) of the day-precise date expressions of `doc_ids`."""
        found = self.db.execute(
            "SELECT doc_id, text, value FROM time_expressions WHERE kind = 'date' "
            'AND length(value) = 10 AND doc_id = ANY(%s) ORDER BY doc_id, start, "end"',
            (sorted(set(doc_ids)),),
        )
        for row in found:
            yield row[0], row[1], row[2]

    def count_events_by_type(self) -> dict[str, int]:
        """Events per PLOVER type, most frequent first."""
        found = self.db.execute(
            "SELECT type, COUNT(*) FROM events GROUP BY type ORDER BY COUNT(*) DESC, type"
        )
        return {event_type: int(n) for event_type, n in found}

    def count_for_doc(self, table: Literal["events", "mentions"], doc_id: str) -> int:
        if table not in ("events", "mentions"):
            raise ValueError(f"cannot count {table!r} per document; use events or mentions")
        return int(self._one(f"SELECT COUNT(*) FROM {table} WHERE doc_id = %s", (doc_id,))[0])

    def read_event_reports(
        self, fusion_key: str | None = None
    ) -> Iterator[tuple[str, Event, str | None, str | None]]:
        """Every event (or those of one fusion block) with its id, article date and story."""
        where, params = ("WHERE e.fusion_key = %s ", (fusion_key,)) if fusion_key else ("", ())
        found = self._stream(
            "SELECT e.*, a.published AS article_published, a.story_id AS article_story "
            "FROM events e JOIN articles a ON a.doc_id = e.doc_id AND a.is_current = 1 "
            f"{where}ORDER BY e.doc_id, e.seq",
            params,
        )
        for row in found:
            event = rows.event_from_row(row)
            yield row["event_id"], event, row["article_published"], row["article_story"]

    def read_mentions(self, doc_id: str) -> list[dict[str, Any]]:
        return self._dicts(
            'SELECT * FROM mentions WHERE doc_id = %s ORDER BY start, "end"', (doc_id,)
        )

    def read_quotes(self, speaker: str | None = None) -> list[dict[str, Any]]:
        """Quotations (of one speaker), oldest article first."""
        where, params = ("WHERE q.speaker = %s", [speaker]) if speaker else ("", [])
        return self._dicts(
            'SELECT q.doc_id, a.published, q.speaker, q.speaker_text, q.text, q.start, q."end" '
            f"FROM quotes q JOIN articles a ON a.doc_id = q.doc_id AND a.is_current = 1 {where} "
            "ORDER BY a.published, q.doc_id, q.start",
            params,
        )

    # -- fused events ---------------------------------------------------------

    def mark_fusion_pending(self, doc_ids: Iterable[str]) -> None:
        """Queue the fusion blocks of the events these articles hold now (`fusion_pending`).

        Called before an article's events change (its old blocks) and after (its new ones),
        inside the transaction of the change, so the queue is as durable as the change.
        """
        self.db.execute(
            "INSERT INTO fusion_pending (fusion_key) "
            "SELECT DISTINCT fusion_key FROM events WHERE doc_id = ANY(%s) "
            "ON CONFLICT DO NOTHING",
            (sorted(set(doc_ids)),),
        )

    def read_fusion_pending(self, limit: int | None = None) -> list[str]:
        """Fusion blocks waiting to be fused again, in key order."""
        sql, params = "SELECT fusion_key FROM fusion_pending ORDER BY fusion_key", list[int]()
        if limit is not None:
            sql, params = sql + " LIMIT %s", [limit]
        return [str(row[0]) for row in self.db.execute(sql, params)]

    def replace_canonical_events(
        self,
        events: Iterable[CanonicalEvent],
        placements: Mapping[str, Placement],
        fusion_keys: Sequence[str] | None = None,
    ) -> None:
        """Replace the fused events of the blocks `fusion_keys` (of every block when None).

        `events` must be the whole new fusion of those blocks; the blocks leave the
        pending queue. `placements` says where each goes on a timeline; an event
        missing from it is placed by its own date, else listed last.
        """
        found = iter(events)
        with self.transaction(), self.db.cursor() as cursor:
            if fusion_keys is None:
                cursor.execute("DELETE FROM event_mentions")
                cursor.execute("DELETE FROM canonical_parties")
                cursor.execute("DELETE FROM canonical_events")
                cursor.execute("DELETE FROM fusion_pending")
            else:
                keys = sorted(set(fusion_keys))
                # Their party index rows and report links go with them (ON DELETE CASCADE).
                cursor.execute("DELETE FROM canonical_events WHERE fusion_key = ANY(%s)", (keys,))
                cursor.execute("DELETE FROM fusion_pending WHERE fusion_key = ANY(%s)", (keys,))
            while chunk := list(itertools.islice(found, WRITE_CHUNK)):
                _insert_fused(cursor, chunk, placements)
            if fusion_keys is None:
                # The tables were rewritten whole: without fresh statistics the planner
                # would read a page's sources by scanning them (190 ms instead of 15 at
                # 40,000 events) until autovacuum came by.
                cursor.execute("ANALYZE canonical_events, canonical_parties, event_mentions")

    def iter_canonical_events(
        self, filters: EventFilter, limit: int | None = None, offset: int = 0
    ) -> Iterator[dict[str, Any]]:
        """Fused events matching `filters`, in timeline order, read as they are consumed.

        Timeline order: by `when` (undated last), then canonical_id. With an actor or
        recipient, read in that order from the party index (`canonical_parties`), of
        the rarer side for a dyad. `offset` skips that many matches first (paging).
        """
        source, where, params = _canonical_filters(filters, self._parties_rarest_first(filters))
        first = "o" if source.startswith("canonical_parties") else "c"
        sql = (
            f"SELECT {CANONICAL_COLUMNS} FROM {source}{where} "
            f'ORDER BY {first}."when", {first}.canonical_id'
        )
        if limit is not None or offset:
            # LIMIT NULL is no limit.
            sql += " LIMIT %s OFFSET %s"
            params += [limit, offset]
        small = limit is not None and limit <= SMALL_LIMIT
        found = (
            self._dicts(sql, params) if small else self._stream(sql, params, batch_rows=PAGE_ROWS)
        )
        for row in found:
            yield rows.canonical_from_row(row)

    def _parties_rarest_first(self, filters: EventFilter) -> list[tuple[str, str]]:
        """The (role, party) pairs of `filters`, the one in fewest fused events first.

        A dyad's events are read from the party index of its rarer side, so a busy
        actor's index is not read through for a rare recipient. Counting stops at
        PARTY_COUNT_CAP entries, which keeps the cost of choosing small.
        """
        parties = [(r, p) for r, p in (("actor", filters.actor), ("recipient", filters.recipient))]
        given = [(role, party) for role, party in parties if party]
        if len(given) < 2:
            return given
        sql = (
            "SELECT COUNT(*) FROM (SELECT 1 FROM canonical_parties "
            "WHERE party = %s AND role = %s LIMIT %s) AS found"
        )
        counts = [int(self._one(sql, (party, role, PARTY_COUNT_CAP))[0]) for role, party in given]
        return [given[1], given[0]] if counts[1] < counts[0] else given

    def get_canonical_event(self, canonical_id: str) -> dict[str, Any] | None:
        """One fused event by its id, before its sources are added; None when unknown."""
        found = self._dicts(
            f"SELECT {CANONICAL_COLUMNS} FROM canonical_events c WHERE c.canonical_id = %s",
            (canonical_id,),
        )
        return rows.canonical_from_row(found[0]) if found else None

    def count_canonical_events_by_month(self, filters: EventFilter) -> list[dict[str, Any]]:
        """Fused events matching `filters`, counted by timeline month, type and mode.

        The month is that of the event's placement (`when`, cut to YYYY-MM; a year
        alone for events known only to the year, None for unplaced ones).
        """
        source, where, params = _canonical_filters(filters, self._parties_rarest_first(filters))
        # NULLs sort last, as SQLite's "IS NULL" terms put them; mode sorts in byte order.
        return self._dicts(
            'SELECT left(c."when", 7) AS month, c.type, c.mode, COUNT(*) AS events '
            f"FROM {source}{where} GROUP BY 1, c.type, c.mode "
            'ORDER BY 1, c.type, c.mode COLLATE "C"',
            params,
        )

    def has_event_party(self, actor_id: str) -> bool:
        """Whether `actor_id` (exactly) is an actor or recipient of some fused event."""
        found = self.db.execute(
            "SELECT 1 FROM canonical_parties WHERE party = %s LIMIT 1", (actor_id,)
        ).fetchone()
        return found is not None

    def count_counterparts(self, actor_id: str, limit: int = 50) -> list[dict[str, Any]]:
        """The other parties of `actor_id`'s fused events, most frequent first.

        Each row names the counterpart, its role in those events (actor or
        recipient) and how many fused events they share.
        """
        return self._dicts(
            "SELECT p.party AS actor_id, p.role, COUNT(DISTINCT p.canonical_id) AS events "
            "FROM canonical_parties o JOIN canonical_parties p "
            "ON p.canonical_id = o.canonical_id AND p.party != o.party "
            "WHERE o.party = %s GROUP BY p.party, p.role "
            'ORDER BY events DESC, p.party, p.role COLLATE "C" LIMIT %s',
            (actor_id, limit),
        )

    def read_event_sources(self, canonical_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        """canonical_id -> its reports with their articles, earliest published first.

        Each report gives its own status, mode, contexts (a list), quantity, PLOVER score and
        place, as its article says.
        """
        found: dict[str, list[dict[str, Any]]] = {c: [] for c in canonical_ids}
        sources = self._dicts(
            "SELECT m.canonical_id, e.event_id, e.doc_id, a.published, a.outlet, a.title, "
            "e.status, e.mode, e.context, e.date, e.evidence, e.evidence_start, e.evidence_end, "
            "e.quantity_value, e.quantity_unit, e.score, e.place_country, e.place_name "
            "FROM event_mentions m JOIN events e ON e.event_id = m.event_id "
            "JOIN articles a ON a.doc_id = e.doc_id AND a.is_current = 1 "
            "WHERE m.canonical_id = ANY(%s) "
            "ORDER BY m.canonical_id, a.published, e.doc_id, e.event_id",
            (sorted(set(canonical_ids)),),
        )
        for source in sources:
            source["context"] = json.loads(source["context"])
            source["place"] = rows.place_dict(rows.place_from_row(source))
            del source["place_country"], source["place_name"]
            found[source.pop("canonical_id")].append(source)
        return found

    # -- actors ---------------------------------------------------------------

    def write_actors(self, actors: Iterable[Actor]) -> None:
        """Insert or update actors; aliases and roles accumulate, never shrink."""
        found = list(actors)
        if not found:
            return
        with self.db.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO actors (actor_id, name, kind, country, sector, members) "
                "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (actor_id) DO UPDATE SET "
                "name = excluded.name, kind = excluded.kind, country = excluded.country, "
                "sector = excluded.sector, members = excluded.members",
                [
                    (a.id, a.name, a.kind, a.country, a.sector, json.dumps(list(a.members)))
                    for a in found
                ],
            )
            cursor.executemany(
                "INSERT INTO actor_aliases (actor_id, alias) VALUES (%s, %s) "
                "ON CONFLICT DO NOTHING",
                [(a.id, alias) for a in found for alias in a.aliases],
            )
            cursor.executemany(
                "INSERT INTO actor_roles (actor_id, title, country, sector, organisation, start, "
                '"end", stated, doc_id) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) '
                "ON CONFLICT DO NOTHING",
                [rows.role_row(a.id, role) for a in found for role in a.roles],
            )

    def write_actor_keys(self, entries: Iterable[ActorKeys]) -> None:
        """Replace the keys of each stored actor among `entries` (see `Store`)."""
        latest = {entry.actor_id: entry for entry in entries}  # the last one of an actor wins
        if not latest:
            return
        with self.db.cursor() as cursor:
            cursor.execute("DELETE FROM actor_keys WHERE actor_id = ANY(%s)", (sorted(latest),))
            cursor.executemany(
                "INSERT INTO actor_keys (kind, name_key, actor_id) SELECT %s, %s, actor_id "
                "FROM actors WHERE actor_id = %s",
                [(k, key, e.actor_id) for e in latest.values() for k, key in sorted(e.keys)],
            )
            cursor.executemany(
                "UPDATE actors SET keys_version = %s WHERE actor_id = %s",
                [(e.version, e.actor_id) for e in latest.values()],
            )

    def find_actors_by_key(self, kind: str, key: str) -> list[str]:
        found = self.db.execute(
            "SELECT actor_id FROM actor_keys WHERE kind = %s AND name_key = %s ORDER BY actor_id",
            (kind, key),
        )
        return [actor_id for (actor_id,) in found]

    def read_unkeyed_actors(self, version: str, limit: int) -> list[Actor]:
        found = self.db.execute(
            "SELECT actor_id FROM actors "
            "WHERE keys_version IS NULL OR keys_version < %s OR keys_version > %s LIMIT %s",
            (version, version, limit),
        )
        return [actor for (actor_id,) in found.fetchall() if (actor := self.get_actor(actor_id))]

    def read_actors(self) -> Iterator[Actor]:
        aliases: dict[str, list[str]] = {}
        for actor_id, alias in self.db.execute(
            "SELECT actor_id, alias FROM actor_aliases ORDER BY actor_id, alias"
        ):
            aliases.setdefault(actor_id, []).append(alias)
        roles: dict[str, list[Any]] = {}
        for row in self._dicts("SELECT * FROM actor_roles ORDER BY actor_id, rowid"):
            roles.setdefault(row["actor_id"], []).append(rows.role_from_row(row))
        for row in self._dicts("SELECT * FROM actors ORDER BY actor_id"):
            actor_id = row["actor_id"]
            yield rows.actor_from_row(row, aliases.get(actor_id, []), roles.get(actor_id, []))

    def get_actor(self, actor_id: str) -> Actor | None:
        # The three queries go in one round trip: every listing by actor starts here.
        with self.db.pipeline():
            cursors = [self.db.cursor(row_factory=dict_row) for _ in range(3)]
            cursors[0].execute("SELECT * FROM actors WHERE actor_id = %s", (actor_id,))
            cursors[1].execute(
                "SELECT alias FROM actor_aliases WHERE actor_id = %s ORDER BY alias", (actor_id,)
            )
            cursors[2].execute(
                "SELECT * FROM actor_roles WHERE actor_id = %s ORDER BY rowid", (actor_id,)
            )
        found, aliases, roles = (cursor.fetchall() for cursor in cursors)
        if not found:
            return None
        return rows.actor_from_row(
            found[0], [row["alias"] for row in aliases], [rows.role_from_row(r) for r in roles]
        )

    def find_actor_ids(self, text: str, limit: int = 5) -> list[str]:
        """Actor ids whose id or name contains `text` (any case), for "did you mean" hints."""
        pattern = "%" + _like_escaped(text) + "%"
        found = self.db.execute(
            "SELECT actor_id FROM actors WHERE actor_id ILIKE %s OR name ILIKE %s "
            "ORDER BY actor_id LIMIT %s",
            (pattern, pattern, limit),
        )
        return [actor_id for (actor_id,) in found]

    def read_actor_labels(self) -> Iterator[tuple[str, str]]:
        """(actor_id, label) for every stored actor's id, name and aliases, and the id of
        every party to a fused event (an event may name a country no article mentions)."""
        found = self.db.execute(
            "SELECT actor_id, actor_id FROM actors UNION SELECT actor_id, name FROM actors "
            "UNION SELECT actor_id, alias FROM actor_aliases "
            "UNION SELECT party, party FROM canonical_parties ORDER BY 1, 2"
        )
        yield from ((str(actor_id), str(label)) for actor_id, label in found)

    def read_actor_names(self, actor_id: str) -> list[tuple[str, str]]:
        """(surface text, doc_id) of every mention resolved to `actor_id`, by document."""
        found = self.db.execute(
            "SELECT text, doc_id FROM mentions WHERE actor_id = %s ORDER BY doc_id, start",
            (actor_id,),
        )
        return [(text, doc_id) for text, doc_id in found]

    def read_actor_reasons(self, actor_id: str) -> list[tuple[str, str | None, str]]:
        """(surface text, reason, doc_id) of every mention resolved to `actor_id`."""
        found = self.db.execute(
            "SELECT text, reason, doc_id FROM mentions WHERE actor_id = %s ORDER BY doc_id, start",
            (actor_id,),
        )
        return [(text, reason, doc_id) for text, reason, doc_id in found]

    def count_actor_mentions(
        self,
        country: str | None = None,
        kind: str | None = None,
        sector: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Mentioned actors with their mention and document counts, most mentioned first."""
        clauses, params = [], []
        for column, value in (("a.country", country), ("a.kind", kind), ("a.sector", sector)):
            if value:
                clauses.append(f"{column} = %s")
                params.append(value)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        return self._dicts(
            "SELECT a.actor_id, a.name, a.kind, a.country, a.sector, COUNT(m.doc_id) AS mentions, "
            "COUNT(DISTINCT m.doc_id) AS documents FROM actors a "
            f"JOIN mentions m ON m.actor_id = a.actor_id{where} GROUP BY a.actor_id "
            "ORDER BY mentions DESC, a.actor_id" + (" LIMIT %s" if limit else ""),
            [*params, limit] if limit else params,
        )

    def clear_actors_and_stories(self) -> None:
        """Forget resolved identities and story clusters, before reprocessing."""
        for table in (
            "actor_keys", "actor_roles", "actor_aliases", "actors", "story_members", "stories",
            "story_features", "story_feature_counts",
        ):  # fmt: skip
            self.db.execute(f"DELETE FROM {table}")
        self.db.execute("UPDATE articles SET story_id = NULL WHERE story_id IS NOT NULL")

    # -- duplicates, fingerprints, stories ------------------------------------

    def write_duplicates(self, links: Iterable[DuplicateLink]) -> None:
        with self.db.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO duplicates (doc_id, other_id, kind, score, derived_from) "
                "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (doc_id, other_id) DO UPDATE SET "
                "kind = excluded.kind, score = excluded.score, "
                "derived_from = excluded.derived_from",
                [(x.doc_id, x.other_id, x.kind, x.score, x.derived_from) for x in links],
            )

    def read_duplicates(self, doc_id: str | None = None) -> list[DuplicateLink]:
        """Every copy link, or those of one article (as the copy or the copied)."""
        where, params = (
            ("WHERE doc_id = %s OR other_id = %s ", (doc_id, doc_id)) if doc_id else ("", ())
        )
        found = self.db.execute(
            "SELECT doc_id, other_id, kind, score, derived_from FROM duplicates "
            f"{where}ORDER BY doc_id, other_id",
            params,
        )
        return [DuplicateLink(*row) for row in found]

    def write_fingerprint(self, entry: FingerprintEntry) -> None:
        """Keep a fingerprint and its band hashes (see `Store`); a rewrite moves it last."""
        self.db.execute("DELETE FROM fingerprint_bands WHERE doc_id = %s", (entry.doc_id,))
        # A rewrite takes a new rowid, as SQLite's INSERT OR REPLACE does.
        self.db.execute(
            "INSERT INTO fingerprints (doc_id, state, content_hash, layout) "
            "VALUES (%s, %s, %s, %s) ON CONFLICT (doc_id) DO UPDATE SET state = excluded.state, "
            "content_hash = excluded.content_hash, layout = excluded.layout, rowid = DEFAULT",
            (entry.doc_id, entry.state, entry.content_hash, entry.layout),
        )
        with self.db.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO fingerprint_bands (kind, band, hash, doc_id) "
                "VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING",
                [(kind, band, value, entry.doc_id) for kind, band, value in entry.bands],
            )

    def read_fingerprints(self, doc_ids: Iterable[str]) -> dict[str, bytes]:
        found = self.db.execute(
            "SELECT doc_id, state FROM fingerprints WHERE doc_id = ANY(%s)",
            (sorted(set(doc_ids)),),
        )
        return {doc_id: bytes(state) for doc_id, state in found}

    def find_fingerprint_candidates(self, kind: str, hashes: Sequence[int]) -> set[str]:
        """Articles sharing a band hash of `kind` (see `Store`), by the band index."""
        if not hashes:
            return set()
        found = self.db.execute(
            "SELECT DISTINCT b.doc_id FROM unnest(%s::integer[], %s::bigint[]) AS w (band, hash) "
            "JOIN fingerprint_bands b ON b.kind = %s AND b.band = w.band AND b.hash = w.hash",
            (list(range(len(hashes))), list(hashes), kind),
        )
        return {doc_id for (doc_id,) in found}

    def find_same_content(self, content_hash: str) -> list[str]:
        found = self.db.execute(
            "SELECT doc_id FROM fingerprints WHERE content_hash = %s ORDER BY rowid",
            (content_hash,),
        )
        return [doc_id for (doc_id,) in found]

    def read_unbanded_fingerprints(self, layout: str, limit: int) -> list[tuple[str, bytes]]:
        found = self.db.execute(
            "SELECT doc_id, state FROM fingerprints "
            "WHERE layout IS NULL OR layout < %s OR layout > %s LIMIT %s",
            (layout, layout, limit),
        )
        return [(doc_id, bytes(state)) for doc_id, state in found]

    def count_unbanded_fingerprints(self, layout: str) -> int:
        found = self._one(
            "SELECT count(*) FROM fingerprints WHERE layout IS NULL OR layout < %s OR layout > %s",
            (layout, layout),
        )
        return int(found[0])

    def write_story_member(self, entry: StoryEntry) -> None:
        """Put an article in a story and its features in the story index (see `Store`)."""
        old = self.db.execute(
            "SELECT story_id, features, first_day FROM story_members WHERE doc_id = %s",
            (entry.doc_id,),
        ).fetchone()
        if old is not None and old[1] is not None:
            self._unindex_story_member(old[0], json.loads(old[1]), old[2])
        features = sorted(entry.features)
        first_day, last_day = entry.days if entry.days is not None else (None, None)
        with self.db.pipeline():
            self.db.execute(
                "INSERT INTO stories (story_id, title) VALUES (%s, %s) ON CONFLICT (story_id) "
                "DO UPDATE SET title = excluded.title WHERE stories.title = ''",
                (entry.story_id, entry.title),
            )
            self.db.execute(
                "INSERT INTO story_members (doc_id, story_id, state, features, first_day, "
                "last_day) VALUES (%s, %s, %s, %s, %s, %s) "
                "ON CONFLICT (doc_id) DO UPDATE SET story_id = excluded.story_id, "
                "state = excluded.state, features = excluded.features, "
                "first_day = excluded.first_day, last_day = excluded.last_day, rowid = DEFAULT",
                (
                    entry.doc_id,
                    entry.story_id,
                    entry.state,
                    json.dumps(features),
                    first_day,
                    last_day,
                ),
            )
            self.db.execute(
                "UPDATE stories SET members = members + 1, dated = dated + %s WHERE story_id = %s",
                (int(entry.days is not None), entry.story_id),
            )
            # A feature new to the story counts one more story; then one more article each.
            self.db.execute(
                "UPDATE story_feature_counts c SET stories = stories + 1 "
                "WHERE feature = ANY(%s) AND NOT EXISTS (SELECT 1 FROM story_features f "
                "WHERE f.story_id = %s AND f.feature = c.feature)",
                (features, entry.story_id),
            )
            self.db.execute(
                "INSERT INTO story_feature_counts (feature, documents, stories) "
                "SELECT unnest(%s::text[]), 1, 1 ON CONFLICT (feature) "
                "DO UPDATE SET documents = story_feature_counts.documents + 1",
                (features,),
            )
            self.db.execute(
                "INSERT INTO story_features (story_id, feature, members) "
                "SELECT %s, unnest(%s::text[]), 1 ON CONFLICT (story_id, feature) "
                "DO UPDATE SET members = story_features.members + 1",
                (entry.story_id, features),
            )
            self.db.execute(
                "UPDATE articles SET story_id = %s WHERE doc_id = %s AND is_current = 1",
                (entry.story_id, entry.doc_id),
            )

    def _unindex_story_member(
        self, story_id: str, features: list[str], first_day: int | None
    ) -> None:
        """Take one member's features out of the story index."""
        with self.db.pipeline():
            self.db.execute(
                "UPDATE story_features SET members = members - 1 "
                "WHERE story_id = %s AND feature = ANY(%s)",
                (story_id, features),
            )
            self.db.execute(
                "UPDATE story_feature_counts c SET documents = documents - 1, stories = stories - "
                "(SELECT COUNT(*) FROM story_features f WHERE f.story_id = %s AND f.members <= 0 "
                "AND f.feature = c.feature) WHERE feature = ANY(%s)",
                (story_id, features),
            )
            self.db.execute(
                "DELETE FROM story_features WHERE story_id = %s AND members <= 0", (story_id,)
            )
            self.db.execute(
                "UPDATE stories SET members = members - 1, dated = dated - %s WHERE story_id = %s",
                (int(first_day is not None), story_id),
            )

    def read_story_members(self, unindexed: bool = False) -> Iterator[tuple[str, str, bytes]]:
        """(doc_id, story_id, clusterer state) of every story member, in the order stored."""
        where = "WHERE features IS NULL " if unindexed else ""
        found = self._stream(
            f"SELECT doc_id, story_id, state FROM story_members {where}ORDER BY rowid",
            as_dict=False,
        )
        for doc_id, story_id, state in found:
            yield doc_id, story_id, bytes(state)

    def read_story_ids(self, doc_ids: Iterable[str]) -> dict[str, str]:
        found = self.db.execute(
            "SELECT doc_id, story_id FROM story_members WHERE doc_id = ANY(%s)",
            (sorted(set(doc_ids)),),
        )
        return {row[0]: row[1] for row in found}

    def read_story_totals(self) -> tuple[int, int]:
        row = self.db.execute(
            "SELECT COALESCE(SUM(members), 0), COUNT(*) FROM stories WHERE members > 0"
        ).fetchone()
        assert row is not None
        return int(row[0]), int(row[1])

    def read_story_feature_counts(self, features: Iterable[str]) -> dict[str, tuple[int, int]]:
        found = self.db.execute(
            "SELECT feature, documents, stories FROM story_feature_counts WHERE feature = ANY(%s)",
            (sorted(set(features)),),
        )
        return {row[0]: (row[1], row[2]) for row in found}

    def find_stories(
        self, features: Iterable[str], days: tuple[int, int] | None, window_days: int
    ) -> list[str]:
        wanted = sorted(set(features))
        holds = (
            "EXISTS (SELECT 1 FROM story_features f WHERE f.story_id = {story}.story_id "
            "AND f.feature = ANY(%s))"
        )
        if days is None:
            sql = "SELECT DISTINCT story_id FROM story_features WHERE feature = ANY(%s)"
            params: tuple[Any, ...] = (wanted,)
        else:
            low, high = days[0] - window_days, days[1] + window_days
            # A member's days span a year at most, so its first day is near the window.
            sql = (
                "WITH near AS (SELECT DISTINCT story_id FROM story_members "
                "WHERE first_day BETWEEN %s AND %s AND last_day >= %s) "
                f"SELECT story_id FROM near WHERE {holds.format(story='near')} UNION "
                "SELECT s.story_id FROM stories s WHERE s.dated = 0 AND s.members > 0 "
                f"AND {holds.format(story='s')}"
            )
            params = (low - MAX_DAYS_PER_DATE, high, low, wanted, wanted)
        return sorted(row[0] for row in self.db.execute(sql, params))

    def read_story_profiles(self, story_ids: Iterable[str]) -> dict[str, StoryProfile]:
        wanted = sorted(set(story_ids))
        members = dict(
            self.db.execute(
                "SELECT story_id, members FROM stories WHERE story_id = ANY(%s) AND members > 0",
                (wanted,),
            ).fetchall()
        )
        features: dict[str, dict[str, int]] = {story_id: {} for story_id in members}
        found = self.db.execute(
            "SELECT story_id, feature, members FROM story_features WHERE story_id = ANY(%s)",
            (list(members),),
        )
        for story_id, feature, count in found:
            features[story_id][feature] = count
        days: dict[str, list[tuple[int, int]]] = {story_id: [] for story_id in members}
        found = self.db.execute(
            "SELECT story_id, first_day, last_day FROM story_members "
            "WHERE story_id = ANY(%s) AND first_day IS NOT NULL ORDER BY rowid",
            (list(members),),
        )
        for story_id, first, last in found:
            days[story_id].append((first, last))
        return {
            story_id: StoryProfile(story_id, count, features[story_id], tuple(days[story_id]))
            for story_id, count in members.items()
        }

    def read_story_matches(
        self,
        story_ids: Iterable[str],
        features: Iterable[str],
        days: tuple[int, int] | None,
        window_days: int,
    ) -> dict[str, StoryMatch]:
        """What story clustering scores an article against (see `Store`): as many rows
        as the stories and the article have features, never a whole story."""
        wanted = sorted(set(features))
        stories = sorted(set(story_ids))
        near_params: tuple[int, ...] = ()
        if days is None:
            near_sql = "true"
        else:
            low, high = days[0] - window_days, days[1] + window_days
            near_sql = (
                "s.dated = 0 OR EXISTS (SELECT 1 FROM story_members m WHERE m.story_id = "
                "s.story_id AND m.first_day BETWEEN %s AND %s AND m.last_day >= %s)"
            )
            near_params = (low - MAX_DAYS_PER_DATE, high, low)
        found = self.db.execute(
            f"SELECT s.story_id, s.members, {near_sql} FROM stories s "
            "WHERE s.story_id = ANY(%s) AND s.members > 0",
            (*near_params, stories),
        ).fetchall()
        # Lookups by key and key ranges: never a scan of a story's features.
        features_found = self.db.execute(
            "SELECT story_id, feature, members FROM story_features WHERE story_id = ANY(%s) "
            "AND feature = ANY(%s) UNION ALL "
            "SELECT story_id, feature, members FROM story_features WHERE story_id = ANY(%s) "
            "AND feature LIKE 'event:%%' UNION ALL "
            "SELECT story_id, feature, members FROM story_features WHERE story_id = ANY(%s) "
            "AND feature LIKE 'year:%%'",
            (stories, wanted, stories, stories),
        )
        return rows.story_matches(found, features_found)

    def read_story_norm_sums(
        self, story_ids: Iterable[str]
    ) -> dict[str, dict[str, tuple[int, float, float, float]]]:
        """Per story and kind, the sums its profile's norm is made of (see `Store`),
        added up here: the story's features are never read out."""
        found: dict[str, dict[str, tuple[int, float, float, float]]] = {}
        sql = (
            "SELECT split_part(f.feature, ':', 1), COUNT(*), SUM(f.members * f.members), "
            "SUM(f.members * f.members * ln((1 + c.documents)::float8)), "
            "SUM(f.members * f.members * ln((1 + c.documents)::float8) "
            "* ln((1 + c.documents)::float8)) "
            "FROM story_features f JOIN story_feature_counts c ON c.feature = f.feature "
            "WHERE f.story_id = %s AND (f.feature LIKE 'actor:%%' OR f.feature LIKE 'term:%%') "
            "GROUP BY 1"
        )
        for story_id in sorted(set(story_ids)):
            for kind, held, *sums in self.db.execute(sql, (story_id,)):
                found.setdefault(story_id, {})[kind] = (held, float(sums[0]), sums[1], sums[2])
        return found

    def read_stories(self) -> list[dict[str, Any]]:
        """Stories with their first title, member count and publication span, oldest first."""
        return self._dicts(
            "SELECT s.story_id, s.title, COUNT(m.doc_id) AS members, MIN(a.published) AS first, "
            "MAX(a.published) AS last FROM stories s "
            "JOIN story_members m ON m.story_id = s.story_id "
            "JOIN articles a ON a.doc_id = m.doc_id AND a.is_current = 1 "
            "GROUP BY s.story_id ORDER BY MIN(a.published), s.story_id"
        )

    # -- summaries ------------------------------------------------------------

    def count(self, table: CountedTable) -> int:
        """Rows in one table (articles: every version)."""
        if table not in COUNTED_TABLES:
            raise ValueError(f"cannot count {table!r}; use one of {sorted(COUNTED_TABLES)}")
        return int(self._one(f"SELECT COUNT(*) FROM {table}")[0])


def _insert_fused(
    cursor: psycopg.Cursor[Any], events: list[CanonicalEvent], placements: Mapping[str, Placement]
) -> None:
    """Insert fused events with their party index rows and their reports."""
    fused, parties, mentions = [], [], []
    for event in events:
        placement = placements.get(event.canonical_id) or rows.own_placement(event)
        fused.append((*rows.canonical_row(event), placement.when, placement.when_source))
        for role, ids in (("actor", event.actor), ("recipient", event.recipient)):
            parties += [(event.canonical_id, role, p, placement.when) for p in dict.fromkeys(ids)]
        mentions += [(event.canonical_id, event_id) for event_id in event.event_ids]
    cursor.executemany(
        "INSERT INTO canonical_events (canonical_id, type, mode, actor, recipient, date, "
        "status, mentions, independent_sources, conflicts, place_country, place_name, "
        'fusion_key, "when", when_source) '
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
        fused,
    )
    cursor.executemany(
        'INSERT INTO canonical_parties (canonical_id, role, party, "when") VALUES (%s, %s, %s, %s)',
        parties,
    )
    cursor.executemany(
        "INSERT INTO event_mentions (canonical_id, event_id) VALUES (%s, %s)", mentions
    )


def _clear_analysis(cursor: psycopg.Cursor[Any], doc_id: str) -> None:
    for table in DERIVED_TABLES:
        cursor.execute(f"DELETE FROM {table} WHERE doc_id = %s", (doc_id,))


def _article_values(article: Article) -> tuple[Any, ...]:
    """The values of ARTICLE_VALUES for `article`."""
    published = article.published.iso() if article.published else None
    return (
        article.content_hash, article.title, article.text, published, article.outlet,
        article.url, article.byline, article.language, article.source,
        article.derived_from, _now(),
    )  # fmt: skip


def _canonical_filters(
    filters: EventFilter, parties: Sequence[tuple[str, str]] = ()
) -> tuple[str, str, list[Any]]:
    """The tables to read, the WHERE clause and its parameters for `filters`.

    With a party, the party index (`o`) is read first, in timeline order: that of
    the first of `parties` ((role, party) pairs, by default actor then recipient).
    """
    source, clauses, params = "canonical_events c", list[str](), list[Any]()
    parties = parties or [
        (r, p) for r, p in (("actor", filters.actor), ("recipient", filters.recipient)) if p
    ]
    if parties:
        role, party = parties[0]
        source = "canonical_parties o JOIN canonical_events c ON c.canonical_id = o.canonical_id"
        clauses.append("o.party = %s AND o.role = %s")
        params += [party, role]
    for role, party in parties[1:]:
        clauses.append(
            "EXISTS (SELECT 1 FROM canonical_parties q WHERE q.canonical_id = c.canonical_id "
            "AND q.party = %s AND q.role = %s)"
        )
        params += [party, role]
    if filters.type:
        clauses.append("c.type = %s")
        params.append(filters.type.upper())
    if filters.status:
        clauses.append("c.status = %s")
        params.append(filters.status)
    if filters.since:
        clauses.append("c.date >= %s")
        params.append(filters.since.iso())
        if parties:
            # A dated event's `when` is its date, so this adds nothing to the match; it
            # lets the party index skip earlier events before their rows are read.
            clauses.append('o."when" >= %s')
            params.append(filters.since.iso())
    if filters.until:
        clauses.append("left(c.date, %s) <= %s")
        params += [len(filters.until.iso()), filters.until.iso()]
    if filters.independent_sources:
        clauses.append("c.independent_sources >= %s")
        params.append(filters.independent_sources)
    if filters.conflicts_only:
        clauses.append("c.conflicts != '[]'")
    # lower() under COLLATE "C" folds ASCII letters only, as NOCASE on SQLite; the
    # parameter needs it too, or it is folded by the database's own locale.
    if filters.place and _is_country_code(filters.place):
        clauses.append("c.place_country = %s")
        params.append(filters.place)
    elif filters.place:
        clauses.append(
            'lower(c.place_name) = lower(%s::text COLLATE "C") AND c.place_name IS NOT NULL'
        )
        params.append(filters.place)
    if filters.mode:
        clauses.append("c.mode = %s")
        params.append(filters.mode)
    if filters.outlet:
        clauses.append(
            "EXISTS (SELECT 1 FROM event_mentions m JOIN events e ON e.event_id = m.event_id "
            "JOIN articles a ON a.doc_id = e.doc_id AND a.is_current = 1 "
            "WHERE m.canonical_id = c.canonical_id "
            'AND lower(a.outlet) = lower(%s::text COLLATE "C"))'
        )
        params.append(filters.outlet)
    if filters.text:
        # ILIKE's escape character is the backslash, as _like_escaped writes it; under
        # COLLATE "C" it folds ASCII letters only, as SQLite's LIKE does.
        clauses.append(
            "EXISTS (SELECT 1 FROM event_mentions m JOIN events e ON e.event_id = m.event_id "
            'WHERE m.canonical_id = c.canonical_id AND e.evidence COLLATE "C" ILIKE %s)'
        )
        params.append("%" + _like_escaped(filters.text) + "%")
    return source, (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _is_country_code(place: str) -> bool:
    """An ISO alpha-3 code ("UKR"), as `query.check_place` gives a country; else a name."""
    return len(place) == 3 and place.isalpha() and place.isupper()


def _like_escaped(text: str) -> str:
    """`text` with LIKE's wildcards (% and _) and the escape character taken literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
