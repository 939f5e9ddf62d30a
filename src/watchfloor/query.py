"""Read-only questions over a store: listings, statistics, predictions for eval.

Every function returns plain data (records, dicts, lists) that the CLI, the
Python API and exports render; nothing here writes.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from watchfloor.errors import NotFound
from watchfloor.records import Article, PartialDate
from watchfloor.reference_date import ReferenceDate, read_reference_dates
from watchfloor.store import SQLiteStore
from watchfloor.store.rows import event_to_gold

if TYPE_CHECKING:
    from watchfloor.evaluate import PredictedDocument


def article_summary(article: Article) -> dict[str, Any]:
    """The metadata of an article, for listings."""
    return {
        "doc_id": article.doc_id,
        "title": article.title,
        "published": article.published.iso() if article.published else None,
        "outlet": article.outlet,
        "url": article.url,
        "byline": article.byline,
        "chars": len(article.text),
        "derived_from": article.derived_from,
        "source": article.source,
    }


def list_articles(
    store: SQLiteStore,
    since: PartialDate | None = None,
    until: PartialDate | None = None,
    outlet: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    articles = store.iter_articles(since=since, until=until, outlet=outlet, limit=limit)
    return [article_summary(article) for article in articles]


def show_article(store: SQLiteStore, doc_id: str) -> dict[str, Any]:
    """Everything known about one article: metadata, text, versions, copies."""
    article = store.get_article(doc_id)
    if article is None:
        raise NotFound(f"no article with doc_id {doc_id!r}; list them with: watchfloor articles")
    links = [link for link in store.read_duplicates() if doc_id in (link.doc_id, link.other_id)]
    reference = read_reference_dates(store, [doc_id]).get(doc_id)
    return {
        **article_summary(article),
        "reference_date": reference.date.iso() if reference else None,
        "reference_basis": reference.basis if reference else None,
        "content_hash": article.content_hash,
        "language": article.language,
        "versions": store.article_versions(doc_id),
        "duplicates": [
            {
                "doc_id": link.doc_id,
                "other_id": link.other_id,
                "kind": link.kind,
                "score": round(link.score, 3),
                "derived_from": link.derived_from,
            }
            for link in links
        ],
        "events": store.count("events", "doc_id = ?", (doc_id,)),
        "mentions": store.count("mentions", "doc_id = ?", (doc_id,)),
        "text": article.text,
    }


def collect_stats(store: SQLiteStore) -> dict[str, Any]:
    """Counts of everything in the store."""
    rejected = Counter({row[0]: row[1] for row in store.query(
        "SELECT reason, COUNT(*) FROM rejected GROUP BY reason"
    )})  # fmt: skip
    events_by_type = {row[0]: row[1] for row in store.query(
        "SELECT type, COUNT(*) FROM events GROUP BY type ORDER BY COUNT(*) DESC, type"
    )}  # fmt: skip
    dated = store.query("SELECT MIN(published), MAX(published) FROM articles WHERE is_current = 1")[
        0
    ]
    size = Path(store.path).stat().st_size if Path(store.path).is_file() else 0
    return {
        "db": store.path,
        "db_bytes": size,
        "schema_version": store.schema_version,
        "articles": store.count("articles", "is_current = 1"),
        "article_versions": store.count("articles"),
        "published_from": dated[0],
        "published_to": dated[1],
        "rejected": sum(rejected.values()),
        "rejected_by_reason": dict(sorted(rejected.items())),
        "duplicates": store.count("duplicates"),
        "stories": store.count("stories"),
        "mentions": store.count("mentions"),
        "actors": store.count("actors"),
        "events": store.count("events"),
        "events_by_type": events_by_type,
        "canonical_events": store.count("canonical_events"),
        "quotes": store.count("quotes"),
        "runs": store.count("runs"),
    }


def exported_events(store: SQLiteStore) -> Iterable[dict[str, Any]]:
    """Every coded event in gold shape plus doc_id, in document order."""
    for event in store.read_events():
        yield event_to_gold(event)


def predicted_names(store: SQLiteStore, doc_id: str) -> tuple[tuple[str, str], ...]:
    """(surface form, actor id) for every resolved actor mention of a document."""
    return tuple(
        (row["text"], row["actor_id"])
        for row in store.read_mentions(doc_id)
        if row["actor_id"] is not None
    )


def predictions(store: SQLiteStore, doc_ids: Iterable[str]) -> dict[str, PredictedDocument]:
    """What the store predicts for each document, in the shape `evaluate.score` reads."""
    from watchfloor.evaluate import PredictedDocument

    predicted = {}
    for doc_id in doc_ids:
        article = store.get_article(doc_id)
        if article is None:
            continue
        predicted[doc_id] = PredictedDocument(
            doc_id=doc_id,
            events=tuple(event_to_gold(event) for event in store.read_events(doc_id)),
            names=predicted_names(store, doc_id),
            derived_from=article.derived_from,
        )
    return predicted


def _canonical_filters(
    actor: str | None,
    recipient: str | None,
    type: str | None,
    status: str | None,
    since: PartialDate | None,
    until: PartialDate | None,
    independent_sources: int | None,
) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if actor:
        clauses.append("EXISTS (SELECT 1 FROM json_each(c.actor) WHERE value = ?)")
        params.append(actor)
    if recipient:
        clauses.append("EXISTS (SELECT 1 FROM json_each(c.recipient) WHERE value = ?)")
        params.append(recipient)
    if type:
        clauses.append("c.type = ?")
        params.append(type.upper())
    if status:
        clauses.append("c.status = ?")
        params.append(status)
    if since:
        clauses.append("c.date >= ?")
        params.append(since.iso())
    if until:
        clauses.append("substr(c.date, 1, ?) <= ?")
        params += [len(until.iso()), until.iso()]
    if independent_sources:
        clauses.append("c.independent_sources >= ?")
        params.append(independent_sources)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def list_events(
    store: SQLiteStore,
    actor: str | None = None,
    recipient: str | None = None,
    type: str | None = None,
    status: str | None = None,
    since: PartialDate | None = None,
    until: PartialDate | None = None,
    independent_sources: int | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Fused events, oldest first, each with every source's report and evidence.

    An undated event is placed (`when`, `when_source`) by the earliest date of its
    sources: a publication date, or for a source without one its reference date
    (`reference_date.py`); after everything dated when no source has either.
    `since` and `until` look at the event's own date only.
    """
    where, params = _canonical_filters(
        actor, recipient, type, status, since, until, independent_sources
    )
    found = store.query(f"SELECT * FROM canonical_events c{where}", params)
    events = [_canonical_dict(store, row) for row in found]
    undated = {s["doc_id"] for e in events for s in e["sources"] if not s["published"]}
    references = read_reference_dates(store, undated)
    events = [_placed(event, references) for event in events]
    events.sort(key=lambda e: (e["when"] is None, e["when"] or "", e["canonical_id"]))
    return events[:limit] if limit is not None else events


def _canonical_dict(store: SQLiteStore, row: Any) -> dict[str, Any]:
    sources = [
        dict(source)
        for source in store.query(
            "SELECT e.event_id, e.doc_id, a.published, a.outlet, a.title, e.status, e.date, "
            "e.evidence, e.evidence_start, e.evidence_end, e.quantity_value, e.quantity_unit "
            "FROM event_mentions m JOIN events e ON e.event_id = m.event_id "
            "JOIN articles a ON a.doc_id = e.doc_id AND a.is_current = 1 "
            "WHERE m.canonical_id = ? ORDER BY a.published IS NULL, a.published, e.doc_id",
            (row["canonical_id"],),
        )
    ]
    return {
        "canonical_id": row["canonical_id"],
        "type": row["type"],
        "mode": row["mode"],
        "actor": json.loads(row["actor"]),
        "recipient": json.loads(row["recipient"]),
        "date": row["date"],
        "status": row["status"],
        "mentions": row["mentions"],
        "independent_sources": row["independent_sources"],
        "conflicts": json.loads(row["conflicts"]),
        "sources": sources,
    }


def _placed(event: dict[str, Any], references: dict[str, ReferenceDate]) -> dict[str, Any]:
    """The event with each source's reference date, sources oldest first, and its placement.

    `when_source` names the field `when` came from: "date" (the event's own),
    "published" (a source's publication date), "reference_date" (a source's
    reference date), or None when there is nothing to place it by (listed last).
    """
    sources = sorted(
        (_with_reference(source, references.get(source["doc_id"])) for source in event["sources"]),
        key=_source_order,
    )
    first = sources[0] if sources else {}
    if event["date"]:
        when, when_source = event["date"], "date"
    elif first.get("published"):
        when, when_source = first["published"], "published"
    elif first.get("reference_date"):
        when, when_source = first["reference_date"], "reference_date"
    else:
        when, when_source = None, None
    placed: dict[str, Any] = {}
    for key, value in event.items():
        placed[key] = sources if key == "sources" else value
        if key == "date":
            placed.update(when=when, when_source=when_source)
    return placed


def _with_reference(source: dict[str, Any], reference: ReferenceDate | None) -> dict[str, Any]:
    return {
        **source,
        "reference_date": reference.date.iso() if reference else None,
        "reference_basis": reference.basis if reference else None,
    }


def _source_order(source: dict[str, Any]) -> tuple[bool, str, bool, str]:
    """Oldest first by publication or reference date; published before referenced on a tie."""
    when = source["published"] or source["reference_date"]
    return (when is None, when or "", source["published"] is None, source["doc_id"])


def list_conflicts(store: SQLiteStore) -> list[dict[str, Any]]:
    """Fused events whose sources disagree, with each value and who reports it."""
    return [event for event in list_events(store) if event["conflicts"]]


def list_duplicates(store: SQLiteStore) -> list[dict[str, Any]]:
    """Copy links: which article copies which, how, and which one is the original."""
    return [
        {
            "doc_id": link.doc_id,
            "other_id": link.other_id,
            "kind": link.kind,
            "score": round(link.score, 3),
            "original": link.derived_from or "undecided",
        }
        for link in store.read_duplicates()
    ]


def list_stories(store: SQLiteStore) -> list[dict[str, Any]]:
    """Story clusters with their first title, date span and member count."""
    found = store.query(
        "SELECT s.story_id, s.title, COUNT(m.doc_id) AS members, MIN(a.published) AS first, "
        "MAX(a.published) AS last FROM stories s JOIN story_members m ON m.story_id = s.story_id "
        "JOIN articles a ON a.doc_id = m.doc_id AND a.is_current = 1 "
        "GROUP BY s.story_id ORDER BY first IS NULL, first, s.story_id"
    )
    return [dict(row) for row in found]


def list_actors(
    store: SQLiteStore,
    country: str | None = None,
    kind: str | None = None,
    sector: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Actors with how often and in how many articles they are mentioned, most mentioned first."""
    clauses, params = [], []
    for column, value in (("a.country", country), ("a.kind", kind), ("a.sector", sector)):
        if value:
            clauses.append(f"{column} = ?")
            params.append(value.upper() if column != "a.kind" else value.lower())
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    found = store.query(
        "SELECT a.actor_id, a.name, a.kind, a.country, a.sector, COUNT(m.doc_id) AS mentions, "
        "COUNT(DISTINCT m.doc_id) AS documents FROM actors a "
        f"LEFT JOIN mentions m ON m.actor_id = a.actor_id{where} GROUP BY a.actor_id "
        "HAVING mentions > 0 ORDER BY mentions DESC, a.actor_id" + (" LIMIT ?" if limit else ""),
        [*params, limit] if limit else params,
    )
    return [dict(row) for row in found]


def show_actor(store: SQLiteStore, actor_id: str) -> dict[str, Any]:
    """An actor's aliases, roles with dates, and where each name was seen."""
    actor = next((a for a in store.read_actors() if a.id == actor_id), None)
    if actor is None:
        near = [row[0] for row in store.query(
            "SELECT actor_id FROM actors WHERE actor_id LIKE ? OR name LIKE ? LIMIT 5",
            (f"%{actor_id}%", f"%{actor_id}%"),
        )]  # fmt: skip
        hint = (
            f"; did you mean {', '.join(near)}?" if near else "; list them with: watchfloor actors"
        )
        raise NotFound(f"no actor with id {actor_id!r}{hint}")
    seen: dict[str, list[str]] = {}
    for row in store.query(
        "SELECT text, doc_id FROM mentions WHERE actor_id = ? ORDER BY doc_id, start", (actor_id,)
    ):
        docs = seen.setdefault(row["text"], [])
        if row["doc_id"] not in docs:
            docs.append(row["doc_id"])
    return {
        "actor_id": actor.id,
        "name": actor.name,
        "kind": actor.kind,
        "country": actor.country,
        "sector": actor.sector,
        "members": list(actor.members),
        "aliases": list(actor.aliases),
        "roles": [
            {
                "title": role.title,
                "country": role.country,
                "sector": role.sector,
                "start": role.start.iso() if role.start else None,
                "end": role.end.iso() if role.end else None,
                "stated": role.stated.iso() if role.stated else None,
                "doc_id": role.doc_id,
            }
            for role in actor.roles
        ],
        "seen_as": [{"text": text, "doc_ids": docs} for text, docs in sorted(seen.items())],
    }


def list_quotes(store: SQLiteStore, actor: str | None = None) -> list[dict[str, Any]]:
    """Direct quotations with their speakers, oldest article first."""
    where, params = ("WHERE q.speaker = ?", [actor]) if actor else ("", [])
    found = store.query(
        'SELECT q.doc_id, a.published, q.speaker, q.speaker_text, q.text, q.start, q."end" '
        f"FROM quotes q JOIN articles a ON a.doc_id = q.doc_id AND a.is_current = 1 {where} "
        "ORDER BY a.published IS NULL, a.published, q.doc_id, q.start",
        params,
    )
    return [dict(row) for row in found]
