"""Read-only questions over a store: listings, statistics, predictions for eval.

Every function returns plain data (records, dicts, lists) that the CLI, the
Python API and exports render; nothing here writes.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import islice
from typing import TYPE_CHECKING, Any, Literal

from watchfloor.errors import InputError, NotFound
from watchfloor.records import EVENT_TYPES, STATUSES, Article, PartialDate
from watchfloor.reference_date import order_sources, place_event, read_reference_dates
from watchfloor.store import EventFilter, Store
from watchfloor.store.base import ALL_EVENTS
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
    store: Store,
    since: PartialDate | None = None,
    until: PartialDate | None = None,
    outlet: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    articles = store.iter_articles(since=since, until=until, outlet=outlet, limit=limit)
    return [article_summary(article) for article in articles]


def show_article(store: Store, doc_id: str) -> dict[str, Any]:
    """Everything known about one article: metadata, text, versions, copies."""
    article = store.get_article(doc_id)
    if article is None:
        raise NotFound(f"no article with doc_id {doc_id!r}; list them with: watchfloor articles")
    links = store.read_duplicates(doc_id)
    reference = read_reference_dates(store, [doc_id]).get(doc_id)
    return {
        **article_summary(article),
        "reference_date": reference.date.iso() if reference else None,
        "reference_basis": reference.basis if reference else None,
        "content_hash": article.content_hash,
        "language": article.language,
        "notes": store.read_article_notes(doc_id),
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
        "events": store.count_for_doc("events", doc_id),
        "mentions": store.count_for_doc("mentions", doc_id),
        "text": article.text,
    }


def search_articles(
    store: Store, text: str, limit: int = 20, fts: bool = False
) -> list[dict[str, Any]]:
    """Current articles matching every word of `text` as typed.

    With `fts`, `text` is the store's own query syntax: FTS5 on SQLite, tsquery on PostgreSQL.
    """
    return store.search(text, limit, raw=fts)


def collect_stats(store: Store) -> dict[str, Any]:
    """Counts of everything in the store."""
    rejected = store.count_rejected_by_reason()
    published_from, published_to = store.published_span()
    return {
        "db": store.path,
        "db_bytes": store.size_bytes(),
        "schema_version": store.schema_version,
        "articles": store.count_current_articles(),
        "article_versions": store.count("articles"),
        "published_from": published_from,
        "published_to": published_to,
        "rejected": sum(rejected.values()),
        "rejected_by_reason": rejected,
        "duplicates": store.count("duplicates"),
        "stories": store.count("stories"),
        "mentions": store.count("mentions"),
        "actors": store.count("actors"),
        "events": store.count("events"),
        "events_by_type": store.count_events_by_type(),
        "canonical_events": store.count("canonical_events"),
        "quotes": store.count("quotes"),
        "runs": store.count("runs"),
    }


def list_rejections(
    store: Store, run: int | Literal["last"] | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    """Every stored rejection (of one run, or of the last ingest), in the order stored.

    Each has its run, time, doc_id, source, stage, reason and detail, and the
    source split into `file` and `line` (the row of a JSONL or CSV file; else None).
    """
    run_id = store.last_run_id("ingest") if run == "last" else run
    if run == "last" and run_id is None:
        return []
    return [
        {**row, **_file_and_line(row["source"])} for row in store.iter_rejections(run_id, limit)
    ]


def _file_and_line(source: str) -> dict[str, Any]:
    """`corpus/a.jsonl:12` -> file `corpus/a.jsonl`, line 12; any other source is the file."""
    path, colon, line = source.rpartition(":")
    if colon and path and line.isdigit():
        return {"file": path, "line": int(line)}
    return {"file": source, "line": None}


def exported_events(store: Store) -> Iterable[dict[str, Any]]:
    """Every coded event in gold shape plus doc_id, in document order, read as written."""
    for event in store.iter_events():
        yield event_to_gold(event)


def predicted_names(store: Store, doc_id: str) -> tuple[tuple[str, str], ...]:
    """(surface form, actor id) for every resolved actor mention of a document."""
    return tuple(
        (row["text"], row["actor_id"])
        for row in store.read_mentions(doc_id)
        if row["actor_id"] is not None
    )


def predictions(store: Store, doc_ids: Iterable[str]) -> dict[str, PredictedDocument]:
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


# Fused events are read, given their sources and placed this many at a time.
PAGE_SIZE = 100


def suggest_nearest(value: str, known: Iterable[str], count: int = 3) -> str:
    """ "; did you mean A, B?" naming the known values closest to `value` (difflib), or ""."""
    by_key: dict[str, str] = {}
    for name in known:
        by_key.setdefault(name.casefold(), name)
    near = difflib.get_close_matches(value.casefold(), by_key, n=count, cutoff=0.5)
    return f"; did you mean {', '.join(by_key[key] for key in near)}?" if near else ""


def check_choice(value: str, known: Iterable[str], flag: str) -> str:
    """`value` as it is spelt in `known` (any case), or an InputError naming the nearest ones."""
    choices = tuple(known)
    for choice in choices:
        if choice.casefold() == value.casefold():
            return choice
    hint = suggest_nearest(value, choices) or f"; known: {', '.join(choices)}"
    raise InputError(f"unknown {flag} {value!r}{hint}")


def resolve_actor_id(store: Store, text: str) -> str:
    """The id of the one stored actor `text` names: its id in any case, its name or an alias.

    Gives an InputError naming `text` and the nearest ids when no stored actor, or
    more than one, answers to it.
    """
    for actor_id in dict.fromkeys((text, text.upper())):
        # An id is found by index; only other spellings read every label.
        if store.get_actor(actor_id) is not None or store.has_event_party(actor_id):
            return actor_id
    labels = list(store.read_actor_labels())
    wanted = " ".join(text.split()).casefold()
    ids = sorted({actor_id for actor_id, label in labels if label.casefold() == wanted})
    if len(ids) == 1:
        return ids[0]
    if ids:
        raise InputError(f"actor {text!r} names several stored actors: {', '.join(ids)}")
    near: list[str] = []
    by_label = {label.casefold(): actor_id for actor_id, label in labels}
    for label in difflib.get_close_matches(wanted, by_label, n=10, cutoff=0.5):
        if by_label[label] not in near:
            near.append(by_label[label])
    hint = (
        f"; did you mean {', '.join(near[:3])}?" if near else "; list them with: watchfloor actors"
    )
    raise InputError(f"no actor {_shorten(text)!r} in the store{hint}")


def _shorten(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def check_event_filter(store: Store, filters: EventFilter) -> EventFilter:
    """`filters` with its actor ids resolved, its type and status checked, and its place
    read as a country code or a place name (`check_place`).

    Gives an InputError naming an unknown value and the nearest known ones.
    """
    return replace(
        filters,
        actor=resolve_actor_id(store, filters.actor) if filters.actor else filters.actor,
        recipient=(
            resolve_actor_id(store, filters.recipient) if filters.recipient else filters.recipient
        ),
        type=check_choice(filters.type, EVENT_TYPES, "--type") if filters.type else filters.type,
        status=(
            check_choice(filters.status, STATUSES, "--status") if filters.status else filters.status
        ),
        place=check_place(filters.place) if filters.place is not None else None,
        mode=check_mode(filters.mode) if filters.mode else filters.mode,
    )


def check_place(value: str) -> str:
    """A --place value as the store matches it: a country's ISO alpha-3 code for a country
    code or name in any case ("ukr", "Ukraine" -> "UKR"), else the place name as given.

    Gives an InputError for a blank value.
    """
    text = " ".join(value.split())
    if not text:
        raise InputError("--place needs a country code or a place name, got an empty value")
    from watchfloor.resolve.knowledge import load_knowledge

    kb = load_knowledge()
    country = kb.get(text.upper())
    if country is not None and country.kind == "country":
        return country.id
    named = [actor.id for actor in kb.lookup(text) if actor.kind == "country"]
    return named[0] if len(named) == 1 and not _is_seat(kb, text) else text


def _is_seat(kb: Any, text: str) -> bool:
    """Whether `text` names a capital or seat ("Kyiv"), which is a place name of its own."""
    return kb.country_by_seat(text) is not None


_MODE = re.compile(r"[a-z][a-z_-]*")


def check_mode(value: str) -> str:
    """A PLOVER mode in lower case; an InputError for anything but a word ("violence", "meet")."""
    mode = value.strip().lower()
    if not _MODE.fullmatch(mode):
        raise InputError(f"--mode must be a PLOVER mode word such as 'violence', got {value!r}")
    return mode


def iter_events(
    store: Store, filters: EventFilter = ALL_EVENTS, limit: int | None = None, offset: int = 0
) -> Iterator[dict[str, Any]]:
    """Fused events, oldest first, each with every source's report and evidence.

    An undated event is placed (`when`, `when_source`) by the earliest date of its
    sources: a publication date, or for a source without one its reference date
    (`reference_date.py`); after everything dated when no source has either.
    `since` and `until` look at the event's own date only. Events are read a page
    at a time, with one query for a page's sources, so memory does not grow with
    the number of matches. An unknown type, status or actor is an InputError
    (`check_event_filter`), raised before the first event is read. `offset`
    skips that many matching events first.
    """
    checked = check_event_filter(store, filters)
    if offset:
        return _iter_placed_events(
            store, store.iter_canonical_events(checked, limit, offset=offset)
        )
    return _iter_placed_events(store, store.iter_canonical_events(checked, limit))


def _iter_placed_events(store: Store, found: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    while page := list(islice(found, PAGE_SIZE)):
        sources = store.read_event_sources([event["canonical_id"] for event in page])
        undated = {s["doc_id"] for group in sources.values() for s in group if not s["published"]}
        references = read_reference_dates(store, undated)
        for event in page:
            yield _placed(event, order_sources(sources[event["canonical_id"]], references))


def show_event(store: Store, canonical_id: str) -> dict[str, Any]:
    """One fused event with every source (mention) and its conflict flags, placed as listed.

    Gives NotFound for an unknown id.
    """
    event = store.get_canonical_event(canonical_id)
    if event is None:
        raise NotFound(f"no event with id {_shorten(canonical_id)!r}; list them with: events")
    return next(_iter_placed_events(store, iter([event])))


def list_events(
    store: Store,
    actor: str | None = None,
    recipient: str | None = None,
    type: str | None = None,
    status: str | None = None,
    since: PartialDate | None = None,
    until: PartialDate | None = None,
    independent_sources: int | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """`iter_events` as a list, with its filters as arguments."""
    filters = EventFilter(actor, recipient, type, status, since, until, independent_sources)
    return list(iter_events(store, filters, limit))


def _placed(event: dict[str, Any], sources: list[dict[str, Any]]) -> dict[str, Any]:
    """The event with its ordered sources, its contexts (those its sources give, in
    order) after `mode`, and its placement after `date`.

    `when_source` names the field `when` came from: "date" (the event's own),
    "published" (a source's publication date), "reference_date" (a source's
    reference date), or None when there is nothing to place it by (listed last).
    """
    placement = place_event(event["date"], sources)
    placed: dict[str, Any] = {}
    for key, value in event.items():
        placed[key] = value
        if key == "mode":
            placed["context"] = list(
                dict.fromkeys(c for source in sources for c in source.get("context") or ())
            )
        if key == "date":
            placed.update(when=placement.when, when_source=placement.when_source)
    placed["sources"] = sources
    return placed


def iter_conflicts(store: Store) -> Iterator[dict[str, Any]]:
    """Fused events whose sources disagree, with each value and who reports it."""
    return iter_events(store, EventFilter(conflicts_only=True))


def list_conflicts(store: Store) -> list[dict[str, Any]]:
    """`iter_conflicts` as a list."""
    return list(iter_conflicts(store))


def list_duplicates(store: Store) -> list[dict[str, Any]]:
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


def list_stories(store: Store) -> list[dict[str, Any]]:
    """Story clusters with their first title, date span and member count."""
    return store.read_stories()


def list_actors(
    store: Store,
    country: str | None = None,
    kind: str | None = None,
    sector: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Actors with how often and in how many articles they are mentioned, most mentioned first."""
    return store.count_actor_mentions(
        country.upper() if country else None,
        kind.lower() if kind else None,
        sector.upper() if sector else None,
        limit,
    )


def explain_actor(store: Store, actor_id: str) -> list[dict[str, Any]]:
    """Why each form went to this actor: one row per (form, reason), most mentions first.

    `reason` is what the resolver recorded (`Mention.reason`); None for mentions
    stored before reasons were recorded.
    """
    actor_id = resolve_actor_id(store, actor_id)
    rows: dict[tuple[str, str | None], dict[str, Any]] = {}
    for text, reason, doc_id in store.read_actor_reasons(actor_id):
        row = rows.setdefault(
            (text, reason),
            {"actor_id": actor_id, "form": text, "reason": reason, "mentions": 0, "doc_ids": []},
        )
        row["mentions"] += 1
        if doc_id not in row["doc_ids"]:
            row["doc_ids"].append(doc_id)
    return sorted(rows.values(), key=lambda row: (-row["mentions"], row["form"]))


def show_actor(store: Store, actor_id: str) -> dict[str, Any]:
    """An actor's aliases, roles with dates, and where each name was seen."""
    actor_id = resolve_actor_id(store, actor_id)
    actor = store.get_actor(actor_id)
    if actor is None:  # pragma: no cover - resolve_actor_id found it
        raise NotFound(f"no actor with id {actor_id!r}")
    seen: dict[str, list[str]] = {}
    for text, doc_id in store.read_actor_names(actor_id):
        docs = seen.setdefault(text, [])
        if doc_id not in docs:
            docs.append(doc_id)
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


def list_counterparts(store: Store, actor: str, limit: int = 50) -> list[dict[str, Any]]:
    """The actors `actor` (id or name) shares fused events with, most frequent first."""
    return store.count_counterparts(resolve_actor_id(store, actor), limit)


def list_quotes(store: Store, actor: str | None = None) -> list[dict[str, Any]]:
    """Direct quotations with their speakers, oldest article first."""
    return store.read_quotes(resolve_actor_id(store, actor) if actor else None)
