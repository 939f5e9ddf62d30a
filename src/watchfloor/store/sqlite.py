"""The default store: one SQLite file, WAL journal, FTS5 search on article text.

All writes go through one connection inside `transaction()`, so a batch is
committed whole or not at all; an interrupted run loses only its open batch.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from watchfloor.errors import InputError, StoreError
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
from watchfloor.store import rows
from watchfloor.store.base import (
    MAX_DAYS_PER_DATE,
    ArticleState,
    CountedTable,
    EventFilter,
    Placement,
)

# Tables `count` accepts; the names reach SQL only through this set.
COUNTED_TABLES = frozenset(CountedTable.__args__)  # type: ignore[attr-defined]
# SQLite limits the number of bound parameters; lists of ids are asked for in chunks.
CHUNK_SIZE = 500
# Fused events are inserted this many at a time, a statement per table.
WRITE_CHUNK = 1_000
# Lookups by id (one or a list) write `+is_current = 1`: the unary plus keeps SQLite
# from reading every current article through the (is_current, published) index instead
# of going by id, which it otherwise prefers (no ANALYZE statistics). Without it each
# article written cost a scan of all stored ones: 19 ms an article at 10,000 stored.

# Choosing which side of a dyad to read first counts at most this many index entries each.
PARTY_COUNT_CAP = 20_000

# Tables holding rows derived from an article's current text, cleared on a new version.
DERIVED_TABLES = ("sentences", "mentions", "time_expressions", "events", "quotes")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _migrations() -> list[tuple[int, str]]:
    folder = resources.files("watchfloor.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            found.append((int(entry.name.split("_", 1)[0]), entry.read_text(encoding="utf-8")))
    return sorted(found)


SCHEMA_VERSION = max(number for number, _ in _migrations())
# How long a writer waits for another process's write transaction to end.
BUSY_TIMEOUT_S = 60.0


class SQLiteStore:
    """Reads and writes watchfloor records in one SQLite file (or ":memory:").

    Several processes may use one file at once: readers never wait (WAL), and a
    writer waits up to `busy_timeout_s` for another's transaction to end, then
    fails with a StoreError saying so.
    """

    def __init__(self, path: str | Path, busy_timeout_s: float = BUSY_TIMEOUT_S) -> None:
        self.path = str(path)
        self.busy_timeout_s = busy_timeout_s
        if self.path != ":memory:":
            parent = Path(self.path).parent
            if not parent.is_dir():
                raise StoreError(f"cannot create database {self.path!r}: {parent} is not a folder")
        deadline = time.monotonic() + busy_timeout_s
        while True:
            try:
                self.db = self._connect()
                return
            except StoreError:
                raise
            except sqlite3.OperationalError as exc:
                # Switching a new file to WAL while another process creates its tables
                # fails at once with "locked" rather than waiting: try again.
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise StoreError(f"cannot open database {self.path!r}: {exc}") from None
                time.sleep(0.05)
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"cannot open database {self.path!r}: {exc}") from None

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, isolation_level=None, timeout=self.busy_timeout_s)
        try:
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("PRAGMA foreign_keys = ON")
            self.db = db
            self._migrate()
        except BaseException:
            db.close()
            raise
        return db

    # -- schema ---------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        """Bring the schema up to date; another process may be doing the same at once."""
        if self._check_version() == SCHEMA_VERSION:
            return
        with self.transaction():
            # Read again under the write lock: a process that opened the file at the same
            # time may have migrated it while this one waited.
            current = self._check_version()
            for number, script in _migrations():
                if number > current:
                    for statement in _split_sql(script):
                        self.db.execute(statement)
                    self.db.execute(f"PRAGMA user_version = {number}")

    def _check_version(self) -> int:
        current = self.schema_version
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {current}, newer than this watchfloor "
                f"({SCHEMA_VERSION}); upgrade watchfloor"
            )
        return current

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run the block in one write transaction; nested calls join the outer one.

        Waits up to `busy_timeout_s` while another connection writes; a StoreError
        says so when that is not enough, or when the database is read-only.
        """
        if self.db.in_transaction:
            yield
            return
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise self._write_error(exc) from None
        try:
            yield
        except BaseException as exc:
            self.db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.OperationalError) and "readonly" in str(exc):
                raise self._write_error(exc) from None
            raise
        self.db.execute("COMMIT")

    def _write_error(self, exc: sqlite3.OperationalError) -> Exception:
        """What to raise when a write transaction cannot start or go on."""
        if "readonly" in str(exc):
            return StoreError(
                f"cannot write to the database {self.path}: it is read-only ({exc}); "
                "give --db a file you may write to"
            )
        if "locked" in str(exc) or "busy" in str(exc):
            return StoreError(
                f"the database {self.path} is busy: another process (an ingest or reprocess) "
                f"has been writing to it for over {self.busy_timeout_s:g} s; run this again "
                "when it has finished"
            )
        return exc

    def close(self) -> None:
        self.db.close()

    def size_bytes(self) -> int:
        """The database file's size; 0 in memory."""
        return Path(self.path).stat().st_size if Path(self.path).is_file() else 0

    def _rows_for(self, sql: str, ids: Iterable[str]) -> Iterator[sqlite3.Row]:
        """Rows of `sql` (whose `{marks}` takes the ids), asked for in sorted chunks."""
        ordered = sorted(set(ids))
        for start in range(0, len(ordered), CHUNK_SIZE):
            chunk = ordered[start : start + CHUNK_SIZE]
            yield from self.db.execute(sql.format(marks=", ".join("?" for _ in chunk)), chunk)

    # -- runs and rejections --------------------------------------------------

    def start_run(self, command: str) -> int:
        with self.transaction():
            cursor = self.db.execute(
                "INSERT INTO runs (command, started_at) VALUES (?, ?)", (command, _now())
            )
        return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int, stored: int, unchanged: int, rejected: int) -> None:
        with self.transaction():
            self.db.execute(
                "UPDATE runs SET finished_at = ?, stored = ?, unchanged = ?, rejected = ? "
                "WHERE run_id = ?",
                (_now(), stored, unchanged, rejected, run_id),
            )

    def write_rejected(self, run_id: int | None, items: Iterable[Rejected]) -> None:
        self.db.executemany(
            "INSERT INTO rejected (run_id, doc_id, source, stage, reason, detail, at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(run_id, r.doc_id, r.source, r.stage, r.reason, r.detail, _now()) for r in items],
        )

    def read_rejected(self, limit: int = 100) -> list[Rejected]:
        found = self.db.execute(
            "SELECT doc_id, source, stage, reason, detail FROM rejected ORDER BY id DESC LIMIT ?",
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
            sql += " WHERE run_id = ?"
            params.append(run_id)
        sql += " ORDER BY id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        for row in self.db.execute(sql, params):
            yield dict(row)

    def last_run_id(self, command: str) -> int | None:
        """The latest run of `command` ("ingest"), or None when there was none."""
        row = self.db.execute("SELECT MAX(run_id) FROM runs WHERE command = ?", (command,))
        found = row.fetchone()[0]
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
            "SELECT content_hash FROM articles WHERE doc_id = ? AND +is_current = 1", (doc_id,)
        ).fetchone()
        if found is None:
            known = self.db.execute("SELECT 1 FROM articles WHERE doc_id = ?", (doc_id,))
            return "changed" if known.fetchone() else "new"
        return "unchanged" if found[0] == content_hash else "changed"

    def write_article(self, article: Article) -> int:
        """Store an article as the current version of its doc_id; returns the version number.

        A changed text under a known doc_id becomes a new version: the old text stays,
        and the rows derived from it are removed so the new text's rows replace them.
        A text equal to an older version (a revert) moves to the new version number.
        """
        previous = self.db.execute(
            "SELECT MAX(version) FROM articles WHERE doc_id = ?", (article.doc_id,)
        ).fetchone()[0]
        version = 1 if previous is None else int(previous) + 1
        if previous is not None:
            self.db.execute(
                "UPDATE articles SET is_current = 0 WHERE doc_id = ?", (article.doc_id,)
            )
            self.clear_analysis(article.doc_id)
            self.db.execute(
                "DELETE FROM articles WHERE doc_id = ? AND content_hash = ?",
                (article.doc_id, article.content_hash),
            )
        self.db.execute(
            "INSERT INTO articles (doc_id, version, is_current, content_hash, title, text, "
            "published, outlet, url, byline, language, source, derived_from, ingested_at) "
            "VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.doc_id,
                version,
                article.content_hash,
                article.title,
                article.text,
                article.published.iso() if article.published else None,
                article.outlet,
                article.url,
                article.byline,
                article.language,
                article.source,
                article.derived_from,
                _now(),
            ),
        )
        return version

    def write_articles(self, articles: Sequence[Article]) -> list[int]:
        """`write_article` for each, in order; returns the version numbers."""
        return [self.write_article(article) for article in articles]

    def get_article(self, doc_id: str) -> Article | None:
        row = self.db.execute(
            "SELECT * FROM articles WHERE doc_id = ? AND +is_current = 1", (doc_id,)
        ).fetchone()
        return rows.article_from_row(row) if row else None

    def article_text(self, doc_id: str) -> str | None:
        row = self.db.execute(
            "SELECT text FROM articles WHERE doc_id = ? AND +is_current = 1", (doc_id,)
        ).fetchone()
        return str(row[0]) if row else None

    def read_article_notes(self, doc_id: str) -> list[str]:
        """What the NLP stages said about the current version (why it was not coded...)."""
        row = self.db.execute(
            "SELECT notes FROM articles WHERE doc_id = ? AND +is_current = 1", (doc_id,)
        ).fetchone()
        return [str(note) for note in json.loads(row[0])] if row and row[0] else []

    def article_versions(self, doc_id: str) -> list[dict[str, Any]]:
        found = self.db.execute(
            "SELECT version, content_hash, is_current, ingested_at FROM articles "
            "WHERE doc_id = ? ORDER BY version",
            (doc_id,),
        )
        return [dict(row) for row in found]

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
        sql = ["SELECT * FROM articles WHERE is_current = 1"]
        params: list[Any] = []
        if since:
            sql.append("AND published >= ?")
            params.append(since.iso())
        if until:
            sql.append("AND substr(published, 1, ?) <= ?")
            params += [len(until.iso()), until.iso()]
        if outlet:
            sql.append("AND outlet = ?")
            params.append(outlet)
        sql.append(
            "ORDER BY rowid" if in_ingest_order else "ORDER BY published IS NULL, published, doc_id"
        )
        if limit is not None:
            sql.append("LIMIT ?")
            params.append(limit)
        for row in self.db.execute(" ".join(sql), params):
            yield rows.article_from_row(row)

    def read_article_dates(
        self, doc_ids: Iterable[str]
    ) -> dict[str, tuple[str | None, str | None]]:
        """doc_id -> (published, derived_from) of the current articles among `doc_ids`."""
        sql = (
            "SELECT doc_id, published, derived_from FROM articles "
            "WHERE +is_current = 1 AND doc_id IN ({marks})"
        )
        return {row[0]: (row[1], row[2]) for row in self._rows_for(sql, doc_ids)}

    def published_span(self) -> tuple[str | None, str | None]:
        """The earliest and latest publication dates of current articles."""
        row = self.db.execute(
            "SELECT MIN(published), MAX(published) FROM articles WHERE is_current = 1"
        ).fetchone()
        return row[0], row[1]

    def count_current_articles(self) -> int:
        return int(
            self.db.execute("SELECT COUNT(*) FROM articles WHERE is_current = 1").fetchone()[0]
        )

    def search(self, text: str, limit: int = 20, raw: bool = False) -> list[dict[str, Any]]:
        """Full-text search over current articles, best first, with a highlighted snippet.

        `text` is words as typed; with `raw`, an FTS5 query ('artillery AND loan*').
        """
        query = text if raw else _quote_words(text)
        try:
            found = self.db.execute(
                "SELECT a.doc_id, a.title, a.published, "
                "snippet(articles_fts, 1, '[', ']', ' … ', 12) AS snippet "
                "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
                "WHERE articles_fts MATCH ? AND a.is_current = 1 ORDER BY rank LIMIT ?",
                (query, limit),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            raise InputError(f"cannot search for {query!r}: {exc} (FTS5 query syntax)") from None
        return [dict(row) for row in found]

    def set_derived_from(self, doc_id: str, derived_from: str | None) -> None:
        self.db.execute(
            "UPDATE articles SET derived_from = ? WHERE doc_id = ? AND +is_current = 1",
            (derived_from, doc_id),
        )

    # -- analysis -------------------------------------------------------------

    def clear_analysis(self, doc_id: str) -> None:
        for table in DERIVED_TABLES:
            self.db.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))

    def write_analysis(self, analysis: Analysis) -> None:
        """Replace everything the NLP stages found in one article, and their notes on it."""
        self.clear_analysis(analysis.doc_id)
        doc_id = analysis.doc_id
        notes = json.dumps(list(analysis.notes)) if analysis.notes else None
        self.db.execute(
            "UPDATE articles SET notes = ? WHERE doc_id = ? AND +is_current = 1 AND notes IS NOT ?",
            (notes, doc_id, notes),
        )
        self.db.executemany(
            'INSERT INTO sentences (doc_id, idx, start, "end") VALUES (?, ?, ?, ?)',
            [(doc_id, i, s.start, s.end) for i, s in enumerate(analysis.sentences)],
        )
        self.db.executemany(
            'INSERT OR REPLACE INTO mentions (doc_id, start, "end", text, label, sentence, '
            "descriptor, actor_id, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [rows.mention_row(m) for m in analysis.mentions],
        )
        self.db.executemany(
            'INSERT OR REPLACE INTO time_expressions (doc_id, start, "end", text, kind, value, '
            "timex) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [rows.time_row(doc_id, t) for t in analysis.time_expressions],
        )
        self.write_events(analysis.events)
        self.db.executemany(
            'INSERT OR REPLACE INTO quotes (doc_id, start, "end", text, speaker, speaker_text) '
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(doc_id, q.start, q.end, q.text, q.speaker, q.speaker_text) for q in analysis.quotes],
        )
        self.write_actors(analysis.actors)
        self.write_actor_keys(analysis.actor_keys)

    def write_analyses(self, analyses: Sequence[Analysis]) -> None:
        """`write_analysis` for each, in order."""
        for analysis in analyses:
            self.write_analysis(analysis)

    def write_events(self, events: Iterable[Event]) -> None:
        reports, parties = [], []
        for seq, event in enumerate(events):
            event_id = rows.event_id(event, seq)
            reports.append(rows.event_row(event, event_id, seq))
            parties += [(event_id, "actor", p) for p in event.actor]
            parties += [(event_id, "recipient", p) for p in event.recipient]
        self.db.executemany(
            f"INSERT OR REPLACE INTO events ({', '.join(rows.EVENT_COLUMNS)}) "
            f"VALUES ({', '.join('?' for _ in rows.EVENT_COLUMNS)})",
            reports,
        )
        self.db.executemany(
            "INSERT OR IGNORE INTO event_parties (event_id, role, party) VALUES (?, ?, ?)",
            parties,
        )

    def read_events(self, doc_id: str | None = None) -> list[Event]:
        sql = "SELECT * FROM events"
        params: tuple[Any, ...] = ()
        if doc_id is not None:
            sql += " WHERE doc_id = ?"
            params = (doc_id,)
        found = self.db.execute(sql + " ORDER BY doc_id, seq", params)
        return [rows.event_from_row(row) for row in found]

    def iter_events(self) -> Iterator[Event]:
        """Every event in document order, read as it is consumed."""
        for row in self.db.execute("SELECT * FROM events ORDER BY doc_id, seq"):
            yield rows.event_from_row(row)

    def read_event_dates(self, doc_ids: Iterable[str]) -> Iterator[tuple[str, str, str]]:
        """(doc_id, status, date) of the dated asserted and future events of `doc_ids`."""
        sql = (
            "SELECT doc_id, status, date FROM events WHERE date IS NOT NULL "
            "AND status IN ('asserted', 'future') AND doc_id IN ({marks})"
        )
        for row in self._rows_for(sql, doc_ids):
            yield row[0], row[1], row[2]

    def read_date_expressions(self, doc_ids: Iterable[str]) -> Iterator[tuple[str, str, str]]:
        """(doc_id, text, value) of the day-precise date expressions of `doc_ids`."""
        sql = (
            "SELECT doc_id, text, value FROM time_expressions WHERE kind = 'date' "
            "AND length(value) = 10 AND doc_id IN ({marks})"
        )
        for row in self._rows_for(sql, doc_ids):
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
        sql = f"SELECT COUNT(*) FROM {table} WHERE doc_id = ?"
        return int(self.db.execute(sql, (doc_id,)).fetchone()[0])

    def read_event_reports(
        self, fusion_key: str | None = None
    ) -> Iterator[tuple[str, Event, str | None, str | None]]:
        """Every event (or those of one fusion block) with its id, article date and story."""
        where, params = ("WHERE e.fusion_key = ? ", (fusion_key,)) if fusion_key else ("", ())
        found = self.db.execute(
            "SELECT e.*, a.published AS article_published, a.story_id AS article_story "
            "FROM events e JOIN articles a ON a.doc_id = e.doc_id AND +a.is_current = 1 "
            f"{where}ORDER BY e.doc_id, e.seq",
            params,
        )
        for row in found:
            event = rows.event_from_row(row)
            yield row["event_id"], event, row["article_published"], row["article_story"]

    def mark_fusion_pending(self, doc_ids: Iterable[str]) -> None:
        """Queue the fusion blocks of the events these articles hold now (`fusion_pending`).

        Called before an article's events change (its old blocks) and after (its new ones),
        inside the transaction of the change, so the queue is as durable as the change.
        """
        sql = (
            "INSERT OR IGNORE INTO fusion_pending (fusion_key) "
            "SELECT DISTINCT fusion_key FROM events WHERE doc_id IN ({marks})"
        )
        for _ in self._rows_for(sql, doc_ids):
            pass

    def read_fusion_pending(self, limit: int | None = None) -> list[str]:
        """Fusion blocks waiting to be fused again, in key order."""
        sql, params = "SELECT fusion_key FROM fusion_pending ORDER BY fusion_key", list[int]()
        if limit is not None:
            sql, params = sql + " LIMIT ?", [limit]
        return [str(row[0]) for row in self.db.execute(sql, params)]

    def replace_canonical_events(
        self,
        events: Iterable[CanonicalEvent],
        placements: Mapping[str, Placement],
        fusion_keys: Sequence[str] | None = None,
    ) -> None:
        """Replace the fused events of the blocks `fusion_keys` (of every block when None).

        `events` must be the whole new fusion of those blocks; the blocks leave the
        pending queue. `placements` says where each goes on a timeline
        (`reference_date.place_event`); an event missing from it is placed by its own
        date, else listed last.
        """
        if fusion_keys is None:
            for table in ("event_mentions", "canonical_parties", "canonical_events"):
                self.db.execute(f"DELETE FROM {table}")
            self.db.execute("DELETE FROM fusion_pending")
        else:
            for sql in (
                "DELETE FROM canonical_events WHERE fusion_key IN ({marks})",
                "DELETE FROM fusion_pending WHERE fusion_key IN ({marks})",
            ):
                for _ in self._rows_for(sql, fusion_keys):
                    pass
        found = iter(events)
        while chunk := list(itertools.islice(found, WRITE_CHUNK)):
            self._insert_fused(chunk, placements)

    def _insert_fused(
        self, events: Sequence[CanonicalEvent], placements: Mapping[str, Placement]
    ) -> None:
        """Insert fused events with their party index rows and report links, a statement each."""
        fused, parties, links = [], [], []
        for event in events:
            placement = placements.get(event.canonical_id) or rows.own_placement(event)
            fused.append((*rows.canonical_row(event), placement.when, placement.when_source))
            parties += [(event.canonical_id, "actor", p, placement.when) for p in event.actor]
            parties += [
                (event.canonical_id, "recipient", p, placement.when) for p in event.recipient
            ]
            links += [(event.canonical_id, event_id) for event_id in event.event_ids]
        self.db.executemany(
            "INSERT INTO canonical_events (canonical_id, type, mode, actor, recipient, date, "
            "status, mentions, independent_sources, conflicts, place_country, place_name, "
            'fusion_key, "when", when_source) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            fused,
        )
        self.db.executemany(
            'INSERT OR IGNORE INTO canonical_parties (canonical_id, role, party, "when") '
            "VALUES (?, ?, ?, ?)",
            parties,
        )
        self.db.executemany(
            "INSERT INTO event_mentions (canonical_id, event_id) VALUES (?, ?)", links
        )

    def iter_canonical_events(
        self, filters: EventFilter, limit: int | None = None, offset: int = 0
    ) -> Iterator[dict[str, Any]]:
        """Fused events matching `filters`, in timeline order, read as they are consumed.

        Timeline order: by `when` (undated last), then canonical_id. With an actor or
        recipient, the events are read in that order from the party index of fused
        events (`canonical_parties`), so a page costs the same for any party. `offset`
        skips that many matches first (paging).
        """
        source, where, params = _canonical_filters(filters, self._parties_rarest_first(filters))
        # Ordered by the table read first, so that its index gives the order.
        first = "o" if source.startswith("canonical_parties") else "c"
        sql = (
            f"SELECT c.* FROM {source}{where} "
            f'ORDER BY ({first}."when" IS NULL), {first}."when", {first}.canonical_id'
        )
        if limit is not None or offset:
            sql += " LIMIT ? OFFSET ?"
            params += [-1 if limit is None else limit, offset]
        for row in self.db.execute(sql, params):
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
            "WHERE party = ? AND role = ? LIMIT ?)"
        )
        counts = [
            int(self.db.execute(sql, (party, role, PARTY_COUNT_CAP)).fetchone()[0])
            for role, party in given
        ]
        return [given[1], given[0]] if counts[1] < counts[0] else given

    def get_canonical_event(self, canonical_id: str) -> dict[str, Any] | None:
        """One fused event by its id, before its sources are added; None when unknown."""
        row = self.db.execute(
            "SELECT * FROM canonical_events WHERE canonical_id = ?", (canonical_id,)
        ).fetchone()
        return rows.canonical_from_row(row) if row else None

    def count_canonical_events_by_month(self, filters: EventFilter) -> list[dict[str, Any]]:
        """Fused events matching `filters`, counted by timeline month, type and mode.

        The month is that of the event's placement (`when`, cut to YYYY-MM; a year
        alone for events known only to the year, None for unplaced ones).
        """
        source, where, params = _canonical_filters(filters, self._parties_rarest_first(filters))
        found = self.db.execute(
            f'SELECT substr(c."when", 1, 7) AS month, c.type, c.mode, COUNT(*) AS events '
            f"FROM {source}{where} GROUP BY month, c.type, c.mode "
            "ORDER BY month IS NULL, month, c.type, c.mode IS NULL, c.mode",
            params,
        )
        return [dict(row) for row in found]

    def has_event_party(self, actor_id: str) -> bool:
        """Whether `actor_id` (exactly) is an actor or recipient of some fused event."""
        found = self.db.execute(
            "SELECT 1 FROM canonical_parties WHERE party = ? LIMIT 1", (actor_id,)
        ).fetchone()
        return found is not None

    def count_counterparts(self, actor_id: str, limit: int = 50) -> list[dict[str, Any]]:
        """The other parties of `actor_id`'s fused events, most frequent first.

        Each row names the counterpart, its role in those events (actor or
        recipient) and how many fused events they share.
        """
        found = self.db.execute(
            "SELECT p.party AS actor_id, p.role, COUNT(DISTINCT p.canonical_id) AS events "
            "FROM canonical_parties o JOIN canonical_parties p "
            "ON p.canonical_id = o.canonical_id AND p.party != o.party "
            "WHERE o.party = ? GROUP BY p.party, p.role "
            "ORDER BY events DESC, p.party, p.role LIMIT ?",
            (actor_id, limit),
        )
        return [dict(row) for row in found]

    def read_event_sources(self, canonical_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        """canonical_id -> its reports with their articles, earliest published first.

        Each report gives its own status, mode, contexts (a list), quantity, PLOVER score and
        place, as its article says.
        """
        sql = (
            "SELECT m.canonical_id, e.event_id, e.doc_id, a.published, a.outlet, a.title, "
            "e.status, e.mode, e.context, e.date, e.evidence, e.evidence_start, e.evidence_end, "
            "e.quantity_value, e.quantity_unit, e.score, e.place_country, e.place_name "
            "FROM event_mentions m "
            "JOIN events e ON e.event_id = m.event_id "
            "JOIN articles a ON a.doc_id = e.doc_id AND +a.is_current = 1 "
            "WHERE m.canonical_id IN ({marks}) "
            "ORDER BY m.canonical_id, a.published IS NULL, a.published, e.doc_id, e.event_id"
        )
        found: dict[str, list[dict[str, Any]]] = {c: [] for c in canonical_ids}
        for row in self._rows_for(sql, canonical_ids):
            source = dict(row)
            source["context"] = json.loads(source["context"])
            source["place"] = rows.place_dict(rows.place_from_row(source))
            del source["place_country"], source["place_name"]
            found[source.pop("canonical_id")].append(source)
        return found

    def read_mentions(self, doc_id: str) -> list[dict[str, Any]]:
        found = self.db.execute(
            'SELECT * FROM mentions WHERE doc_id = ? ORDER BY start, "end"', (doc_id,)
        )
        return [dict(row) for row in found]

    # -- actors ---------------------------------------------------------------

    def write_actors(self, actors: Iterable[Actor]) -> None:
        """Insert or update actors; aliases and roles accumulate, never shrink."""
        for actor in actors:
            self.db.execute(
                "INSERT INTO actors (actor_id, name, kind, country, sector, members) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (actor_id) DO UPDATE SET "
                "name = excluded.name, kind = excluded.kind, country = excluded.country, "
                "sector = excluded.sector, members = excluded.members",
                (
                    actor.id,
                    actor.name,
                    actor.kind,
                    actor.country,
                    actor.sector,
                    json.dumps(list(actor.members)),
                ),
            )
            self.db.executemany(
                "INSERT OR IGNORE INTO actor_aliases (actor_id, alias) VALUES (?, ?)",
                [(actor.id, alias) for alias in actor.aliases],
            )
            self.db.executemany(
                "INSERT OR IGNORE INTO actor_roles (actor_id, title, country, sector, "
                'organisation, start, "end", stated, doc_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
                [rows.role_row(actor.id, role) for role in actor.roles],
            )

    def write_actor_keys(self, entries: Iterable[ActorKeys]) -> None:
        """Replace the keys of each stored actor among `entries` (see `Store`)."""
        for entry in entries:
            self.db.execute("DELETE FROM actor_keys WHERE actor_id = ?", (entry.actor_id,))
            self.db.executemany(
                "INSERT INTO actor_keys (kind, name_key, actor_id) SELECT ?, ?, actor_id "
                "FROM actors WHERE actor_id = ?",
                [(kind, key, entry.actor_id) for kind, key in sorted(entry.keys)],
            )
            self.db.execute(
                "UPDATE actors SET keys_version = ? WHERE actor_id = ?",
                (entry.version, entry.actor_id),
            )

    def find_actors_by_key(self, kind: str, key: str) -> list[str]:
        found = self.db.execute(
            "SELECT actor_id FROM actor_keys WHERE kind = ? AND name_key = ? ORDER BY actor_id",
            (kind, key),
        )
        return [actor_id for (actor_id,) in found]

    def read_unkeyed_actors(self, version: str, limit: int) -> list[Actor]:
        # Three index ranges rather than `keys_version <> ?`, which would read every row.
        found = self.db.execute(
            "SELECT actor_id FROM actors "
            "WHERE keys_version IS NULL OR keys_version < ? OR keys_version > ? LIMIT ?",
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
        for row in self.db.execute("SELECT * FROM actor_roles ORDER BY actor_id, rowid"):
            roles.setdefault(row["actor_id"], []).append(rows.role_from_row(row))
        for row in self.db.execute("SELECT * FROM actors ORDER BY actor_id"):
            yield rows.actor_from_row(
                row, aliases.get(row["actor_id"], []), roles.get(row["actor_id"], [])
            )

    def get_actor(self, actor_id: str) -> Actor | None:
        row = self.db.execute("SELECT * FROM actors WHERE actor_id = ?", (actor_id,)).fetchone()
        if row is None:
            return None
        aliases = [
            alias
            for (alias,) in self.db.execute(
                "SELECT alias FROM actor_aliases WHERE actor_id = ? ORDER BY alias", (actor_id,)
            )
        ]
        roles = [
            rows.role_from_row(role)
            for role in self.db.execute(
                "SELECT * FROM actor_roles WHERE actor_id = ? ORDER BY rowid", (actor_id,)
            )
        ]
        return rows.actor_from_row(row, aliases, roles)

    def find_actor_ids(self, text: str, limit: int = 5) -> list[str]:
        """Actor ids whose id or name contains `text`, for "did you mean" hints."""
        found = self.db.execute(
            "SELECT actor_id FROM actors WHERE actor_id LIKE ? OR name LIKE ? LIMIT ?",
            (f"%{text}%", f"%{text}%", limit),
        )
        return [actor_id for (actor_id,) in found]

    def read_actor_labels(self) -> Iterator[tuple[str, str]]:
        """(actor_id, label) for every stored actor's id, name and aliases, and the id of
        every party to a fused event (an event may name a country no article mentions)."""
        found = self.db.execute(
            "SELECT actor_id, actor_id FROM actors UNION SELECT actor_id, name FROM actors "
            "UNION SELECT actor_id, alias FROM actor_aliases "
            "UNION SELECT p.value, p.value FROM canonical_events AS c, json_each(c.actor) AS p "
            "UNION SELECT p.value, p.value FROM canonical_events AS c, json_each(c.recipient) AS p "
            "ORDER BY 1, 2"
        )
        yield from ((str(actor_id), str(label)) for actor_id, label in found)

    def read_actor_names(self, actor_id: str) -> list[tuple[str, str]]:
        """(surface text, doc_id) of every mention resolved to `actor_id`, by document."""
        found = self.db.execute(
            "SELECT text, doc_id FROM mentions WHERE actor_id = ? ORDER BY doc_id, start",
            (actor_id,),
        )
        return [(text, doc_id) for text, doc_id in found]

    def read_actor_reasons(self, actor_id: str) -> list[tuple[str, str | None, str]]:
        """(surface text, reason, doc_id) of every mention resolved to `actor_id`."""
        found = self.db.execute(
            "SELECT text, reason, doc_id FROM mentions WHERE actor_id = ? ORDER BY doc_id, start",
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
                clauses.append(f"{column} = ?")
                params.append(value)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        found = self.db.execute(
            "SELECT a.actor_id, a.name, a.kind, a.country, a.sector, COUNT(m.doc_id) AS mentions, "
            "COUNT(DISTINCT m.doc_id) AS documents FROM actors a "
            f"LEFT JOIN mentions m ON m.actor_id = a.actor_id{where} GROUP BY a.actor_id "
            "HAVING mentions > 0 ORDER BY mentions DESC, a.actor_id"
            + (" LIMIT ?" if limit else ""),
            [*params, limit] if limit else params,
        )
        return [dict(row) for row in found]

    def read_quotes(self, speaker: str | None = None) -> list[dict[str, Any]]:
        """Quotations (of one speaker), oldest article first."""
        where, params = ("WHERE q.speaker = ?", [speaker]) if speaker else ("", [])
        found = self.db.execute(
            'SELECT q.doc_id, a.published, q.speaker, q.speaker_text, q.text, q.start, q."end" '
            f"FROM quotes q JOIN articles a ON a.doc_id = q.doc_id AND a.is_current = 1 {where} "
            "ORDER BY a.published IS NULL, a.published, q.doc_id, q.start",
            params,
        )
        return [dict(row) for row in found]

    def clear_actors_and_stories(self) -> None:
        """Forget resolved identities and story clusters, before reprocessing."""
        for table in (
            "actor_keys", "actor_roles", "actor_aliases", "actors", "story_members", "stories",
            "story_features", "story_feature_counts",
        ):  # fmt: skip
            self.db.execute(f"DELETE FROM {table}")
        self.db.execute("UPDATE articles SET story_id = NULL")

    # -- duplicates, fingerprints, stories ------------------------------------

    def write_duplicates(self, links: Iterable[DuplicateLink]) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO duplicates (doc_id, other_id, kind, score, derived_from) "
            "VALUES (?, ?, ?, ?, ?)",
            [(x.doc_id, x.other_id, x.kind, x.score, x.derived_from) for x in links],
        )

    def read_duplicates(self, doc_id: str | None = None) -> list[DuplicateLink]:
        """Every copy link, or those of one article (as the copy or the copied)."""
        where, params = (
            ("WHERE doc_id = ? OR other_id = ? ", (doc_id, doc_id)) if doc_id else ("", ())
        )
        found = self.db.execute(
            "SELECT doc_id, other_id, kind, score, derived_from FROM duplicates "
            f"{where}ORDER BY doc_id, other_id",
            params,
        )
        return [DuplicateLink(*row) for row in found]

    def write_fingerprint(self, entry: FingerprintEntry) -> None:
        """Keep a fingerprint and its band hashes (see `Store`); a rewrite moves it last."""
        self.db.execute("DELETE FROM fingerprint_bands WHERE doc_id = ?", (entry.doc_id,))
        self.db.execute(
            "INSERT OR REPLACE INTO fingerprints (doc_id, state, content_hash, layout) "
            "VALUES (?, ?, ?, ?)",
            (entry.doc_id, entry.state, entry.content_hash, entry.layout),
        )
        self.db.executemany(
            "INSERT OR IGNORE INTO fingerprint_bands (kind, band, hash, doc_id) "
            "VALUES (?, ?, ?, ?)",
            [(kind, band, value, entry.doc_id) for kind, band, value in entry.bands],
        )

    def read_fingerprints(self, doc_ids: Iterable[str]) -> dict[str, bytes]:
        sql = "SELECT doc_id, state FROM fingerprints WHERE doc_id IN ({marks})"
        return {row["doc_id"]: bytes(row["state"]) for row in self._rows_for(sql, doc_ids)}

    def find_fingerprint_candidates(self, kind: str, hashes: Sequence[int]) -> set[str]:
        """Articles sharing a band hash of `kind` (see `Store`), by the band index."""
        if not hashes:
            return set()
        wanted = ", ".join("(?, ?)" for _ in hashes)
        found = self.db.execute(
            f"WITH wanted (band, hash) AS (VALUES {wanted}) "
            "SELECT DISTINCT b.doc_id FROM wanted w JOIN fingerprint_bands b "
            "ON b.kind = ? AND b.band = w.band AND b.hash = w.hash",
            [*itertools.chain.from_iterable(enumerate(hashes)), kind],
        )
        return {doc_id for (doc_id,) in found}

    def find_same_content(self, content_hash: str) -> list[str]:
        found = self.db.execute(
            "SELECT doc_id FROM fingerprints WHERE content_hash = ? ORDER BY rowid",
            (content_hash,),
        )
        return [doc_id for (doc_id,) in found]

    def read_unbanded_fingerprints(self, layout: str, limit: int) -> list[tuple[str, bytes]]:
        # Three index ranges rather than `layout <> ?`, which would read every row.
        found = self.db.execute(
            "SELECT doc_id, state FROM fingerprints "
            "WHERE layout IS NULL OR layout < ? OR layout > ? LIMIT ?",
            (layout, layout, limit),
        )
        return [(doc_id, bytes(state)) for doc_id, state in found]

    def count_unbanded_fingerprints(self, layout: str) -> int:
        found = self.db.execute(
            "SELECT count(*) FROM fingerprints WHERE layout IS NULL OR layout < ? OR layout > ?",
            (layout, layout),
        )
        return int(found.fetchone()[0])

    def write_story_member(self, entry: StoryEntry) -> None:
        """Put an article in a story and its features in the story index (see `Store`)."""
        old = self.db.execute(
            "SELECT story_id, features, first_day FROM story_members WHERE doc_id = ?",
            (entry.doc_id,),
        ).fetchone()
        if old is not None and old["features"] is not None:
            self._unindex_story_member(old["story_id"], old["features"], old["first_day"])
        features = json.dumps(sorted(entry.features))
        first_day, last_day = entry.days if entry.days is not None else (None, None)
        self.db.execute(
            "INSERT INTO stories (story_id, title) VALUES (?, ?) ON CONFLICT (story_id) "
            "DO UPDATE SET title = excluded.title WHERE stories.title = ''",
            (entry.story_id, entry.title),
        )
        self.db.execute(
            "INSERT OR REPLACE INTO story_members (doc_id, story_id, state, features, first_day, "
            "last_day) VALUES (?, ?, ?, ?, ?, ?)",
            (entry.doc_id, entry.story_id, entry.state, features, first_day, last_day),
        )
        self.db.execute(
            "UPDATE stories SET members = members + 1, dated = dated + ? WHERE story_id = ?",
            (int(entry.days is not None), entry.story_id),
        )
        # A feature new to the story counts one more story; then one more article for each.
        self.db.execute(
            "UPDATE story_feature_counts SET stories = stories + 1 "
            "WHERE feature IN (SELECT value FROM json_each(?)) AND NOT EXISTS (SELECT 1 FROM "
            "story_features f WHERE f.story_id = ? AND f.feature = story_feature_counts.feature)",
            (features, entry.story_id),
        )
        self.db.execute(
            "INSERT INTO story_feature_counts (feature, documents, stories) "
            "SELECT value, 1, 1 FROM json_each(?) WHERE true "
            "ON CONFLICT (feature) DO UPDATE SET documents = documents + 1",
            (features,),
        )
        self.db.execute(
            "INSERT INTO story_features (story_id, feature, members) "
            "SELECT ?, value, 1 FROM json_each(?) WHERE true "
            "ON CONFLICT (story_id, feature) DO UPDATE SET members = members + 1",
            (entry.story_id, features),
        )
        self.db.execute(
            "UPDATE articles SET story_id = ? WHERE doc_id = ? AND +is_current = 1",
            (entry.story_id, entry.doc_id),
        )

    def _unindex_story_member(self, story_id: str, features: str, first_day: int | None) -> None:
        """Take one member's features (a JSON list) out of the story index."""
        self.db.execute(
            "UPDATE story_features SET members = members - 1 "
            "WHERE story_id = ? AND feature IN (SELECT value FROM json_each(?))",
            (story_id, features),
        )
        self.db.execute(
            "UPDATE story_feature_counts SET documents = documents - 1, stories = stories - "
            "EXISTS (SELECT 1 FROM story_features f WHERE f.story_id = ? AND f.members <= 0 "
            "AND f.feature = story_feature_counts.feature) "
            "WHERE feature IN (SELECT value FROM json_each(?))",
            (story_id, features),
        )
        self.db.execute(
            "DELETE FROM story_features WHERE story_id = ? AND members <= 0", (story_id,)
        )
        self.db.execute(
            "UPDATE stories SET members = members - 1, dated = dated - ? WHERE story_id = ?",
            (int(first_day is not None), story_id),
        )

    def read_story_members(self, unindexed: bool = False) -> Iterator[tuple[str, str, bytes]]:
        """(doc_id, story_id, clusterer state) of every story member, in the order stored."""
        where = "WHERE features IS NULL " if unindexed else ""
        found = self.db.execute(
            f"SELECT doc_id, story_id, state FROM story_members {where}ORDER BY rowid"
        )
        for doc_id, story_id, state in found:
            yield doc_id, story_id, bytes(state)

    def read_story_ids(self, doc_ids: Iterable[str]) -> dict[str, str]:
        sql = "SELECT doc_id, story_id FROM story_members WHERE doc_id IN ({marks})"
        return {row[0]: row[1] for row in self._rows_for(sql, doc_ids)}

    def read_story_totals(self) -> tuple[int, int]:
        row = self.db.execute(
            "SELECT COALESCE(SUM(members), 0), COUNT(*) FROM stories WHERE members > 0"
        ).fetchone()
        return int(row[0]), int(row[1])

    def read_story_feature_counts(self, features: Iterable[str]) -> dict[str, tuple[int, int]]:
        found = self.db.execute(
            "SELECT feature, documents, stories FROM story_feature_counts "
            "WHERE feature IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(set(features))),),
        )
        return {row[0]: (row[1], row[2]) for row in found}

    def find_stories(
        self, features: Iterable[str], days: tuple[int, int] | None, window_days: int
    ) -> list[str]:
        wanted = json.dumps(sorted(set(features)))
        holds = (
            "EXISTS (SELECT 1 FROM story_features f WHERE f.story_id = {story}.story_id "
            "AND f.feature IN (SELECT value FROM json_each(?)))"
        )
        if days is None:
            sql = (
                "SELECT DISTINCT story_id FROM story_features "
                "WHERE feature IN (SELECT value FROM json_each(?))"
            )
            params: tuple[Any, ...] = (wanted,)
        else:
            low, high = days[0] - window_days, days[1] + window_days
            # A member's days span a year at most, so its first day is near the window.
            sql = (
                "WITH near AS (SELECT DISTINCT story_id FROM story_members "
                "WHERE first_day BETWEEN ? AND ? AND last_day >= ?) "
                f"SELECT story_id FROM near WHERE {holds.format(story='near')} UNION "
                "SELECT s.story_id FROM stories s WHERE s.dated = 0 AND s.members > 0 "
                f"AND {holds.format(story='s')}"
            )
            params = (low - MAX_DAYS_PER_DATE, high, low, wanted, wanted)
        return sorted(row[0] for row in self.db.execute(sql, params))

    def read_story_profiles(self, story_ids: Iterable[str]) -> dict[str, StoryProfile]:
        wanted = sorted(set(story_ids))
        members = {
            row[0]: row[1]
            for row in self._rows_for(
                "SELECT story_id, members FROM stories WHERE story_id IN ({marks}) AND members > 0",
                wanted,
            )
        }
        features: dict[str, dict[str, int]] = {story_id: {} for story_id in members}
        sql = "SELECT story_id, feature, members FROM story_features WHERE story_id IN ({marks})"
        for story_id, feature, count in self._rows_for(sql, members):
            features[story_id][feature] = count
        days: dict[str, list[tuple[int, int]]] = {story_id: [] for story_id in members}
        sql = (
            "SELECT story_id, first_day, last_day FROM story_members "
            "WHERE story_id IN ({marks}) AND first_day IS NOT NULL ORDER BY rowid"
        )
        for story_id, first, last in self._rows_for(sql, members):
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
        wanted = json.dumps(sorted(set(features)))
        stories = json.dumps(sorted(set(story_ids)))
        near_params: tuple[int, ...] = ()
        if days is None:
            near_sql = "1"
        else:
            low, high = days[0] - window_days, days[1] + window_days
            near_sql = (
                "s.dated = 0 OR EXISTS (SELECT 1 FROM story_members m WHERE m.story_id = "
                "s.story_id AND m.first_day BETWEEN ? AND ? AND m.last_day >= ?)"
            )
            near_params = (low - MAX_DAYS_PER_DATE, high, low)
        found = self.db.execute(
            f"SELECT s.story_id, s.members, {near_sql} FROM stories s "
            "WHERE s.story_id IN (SELECT value FROM json_each(?)) AND s.members > 0",
            (*near_params, stories),
        ).fetchall()
        # Lookups by key and key ranges: never a scan of a story's features.
        features_found = self.db.execute(
            "SELECT story_id, feature, members FROM story_features WHERE story_id IN "
            "(SELECT value FROM json_each(?)) AND feature IN (SELECT value FROM json_each(?)) "
            "UNION ALL SELECT story_id, feature, members FROM story_features WHERE story_id IN "
            "(SELECT value FROM json_each(?)) AND feature >= 'event:' AND feature < 'event;' "
            "UNION ALL SELECT story_id, feature, members FROM story_features WHERE story_id IN "
            "(SELECT value FROM json_each(?)) AND feature >= 'year:' AND feature < 'year;'",
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
            "SELECT f.story_id, substr(f.feature, 1, instr(f.feature, ':') - 1), COUNT(*), "
            "SUM(f.members * f.members), SUM(f.members * f.members * ln(1 + c.documents)), "
            "SUM(f.members * f.members * ln(1 + c.documents) * ln(1 + c.documents)) "
            "FROM story_features f JOIN story_feature_counts c ON c.feature = f.feature "
            "WHERE f.story_id = ? AND (f.feature >= 'actor:' AND f.feature < 'actor;' "
            "OR f.feature >= 'term:' AND f.feature < 'term;') GROUP BY 1, 2"
        )
        for story_id in sorted(set(story_ids)):
            for _, kind, held, *sums in self.db.execute(sql, (story_id,)):
                found.setdefault(story_id, {})[kind] = (held, float(sums[0]), sums[1], sums[2])
        return found

    def read_stories(self) -> list[dict[str, Any]]:
        """Stories with their first title, member count and publication span, oldest first."""
        found = self.db.execute(
            "SELECT s.story_id, s.title, COUNT(m.doc_id) AS members, MIN(a.published) AS first, "
            "MAX(a.published) AS last FROM stories s "
            "JOIN story_members m ON m.story_id = s.story_id "
            "JOIN articles a ON a.doc_id = m.doc_id AND a.is_current = 1 "
            "GROUP BY s.story_id ORDER BY first IS NULL, first, s.story_id"
        )
        return [dict(row) for row in found]

    # -- summaries ------------------------------------------------------------

    def count(self, table: CountedTable) -> int:
        """Rows in one table (articles: every version)."""
        if table not in COUNTED_TABLES:
            raise ValueError(f"cannot count {table!r}; use one of {sorted(COUNTED_TABLES)}")
        return int(self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


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
        clauses.append("o.party = ? AND o.role = ?")
        params += [party, role]
    for role, party in parties[1:]:
        # Tied to the index row (o), not to the event's (c): SQLite then checks the other
        # party before it reads the event's row, not after (a dyad's first page at a
        # million events read 1,500 event rows for 100 matches: 35 ms instead of 15).
        clauses.append(
            "EXISTS (SELECT 1 FROM canonical_parties q WHERE q.canonical_id = o.canonical_id "
            "AND q.party = ? AND q.role = ?)"
        )
        params += [party, role]
    if filters.type:
        clauses.append("c.type = ?")
        params.append(filters.type.upper())
    if filters.status:
        clauses.append("c.status = ?")
        params.append(filters.status)
    if filters.since:
        clauses.append("c.date >= ?")
        params.append(filters.since.iso())
        if parties:
            # A dated event's `when` is its date, so this adds nothing to the match; it
            # lets the party index skip earlier events before their rows are read.
            clauses.append('o."when" >= ?')
            params.append(filters.since.iso())
    if filters.until:
        clauses.append("substr(c.date, 1, ?) <= ?")
        params += [len(filters.until.iso()), filters.until.iso()]
    if filters.independent_sources:
        clauses.append("c.independent_sources >= ?")
        params.append(filters.independent_sources)
    if filters.conflicts_only:
        clauses.append("c.conflicts != '[]'")
    if filters.place and _is_country_code(filters.place):
        clauses.append("c.place_country = ?")
        params.append(filters.place)
    elif filters.place:
        clauses.append("c.place_name = ? COLLATE NOCASE")
        params.append(filters.place)
    if filters.mode:
        clauses.append("c.mode = ?")
        params.append(filters.mode)
    if filters.outlet:
        clauses.append(
            "EXISTS (SELECT 1 FROM event_mentions m JOIN events e ON e.event_id = m.event_id "
            "JOIN articles a ON a.doc_id = e.doc_id AND +a.is_current = 1 "
            "WHERE m.canonical_id = c.canonical_id AND a.outlet = ? COLLATE NOCASE)"
        )
        params.append(filters.outlet)
    if filters.text:
        clauses.append(
            "EXISTS (SELECT 1 FROM event_mentions m JOIN events e ON e.event_id = m.event_id "
            "WHERE m.canonical_id = c.canonical_id AND e.evidence LIKE ? ESCAPE '\\')"
        )
        params.append("%" + _like_escaped(filters.text) + "%")
    return source, (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _is_country_code(place: str) -> bool:
    """An ISO alpha-3 code ("UKR"), as `query.check_place` gives a country; else a name."""
    return len(place) == 3 and place.isalpha() and place.isupper()


def _like_escaped(text: str) -> str:
    """`text` with LIKE's wildcards (% and _) and the escape character taken literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _quote_words(text: str) -> str:
    """An FTS5 query matching every word of `text` as typed: `Kim Jong-un` -> `"Kim" "Jong-un"`.

    Each whitespace-separated word becomes a quoted phrase, so punctuation ("U.S.",
    hyphens) and FTS5 operators (AND, NEAR, *) are plain text. Gives an InputError
    when `text` has no word.
    """
    words = text.split()
    if not words:
        raise InputError("search needs at least one word")
    return " ".join('"' + word.replace('"', '""') + '"' for word in words)


def _split_sql(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    statements, current = [], []
    for line in script.splitlines():
        if line.strip().startswith("--") or not line.strip():
            continue
        current.append(line)
        text = "\n".join(current)
        if line.rstrip().endswith(";") and sqlite3.complete_statement(text):
            statements.append(text)
            current = []
    if current:
        statements.append("\n".join(current))
    return statements
