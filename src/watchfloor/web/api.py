"""The JSON API: each route parses its parameters, calls `query` and returns plain data.

No business logic and no SQL here; docs/api.md lists every endpoint.
"""

from __future__ import annotations

import asyncio
import hmac
import io
import json
import os
import tempfile
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from itertools import islice
from typing import Annotated, Any, BinaryIO

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from watchfloor import query
from watchfloor.errors import Forbidden, InputError, Unauthorized
from watchfloor.quad import summarize_dyad
from watchfloor.settings import Settings
from watchfloor.store import EventFilter, Store, open_store
from watchfloor.web.params import (
    DEFAULT_LIMIT,
    Limit,
    Offset,
    PlaceParam,
    RecipientParam,
    Since,
    Until,
    event_filter,
    event_query,
    page,
    parse_date,
)

router = APIRouter(prefix="/api")


class PlainJSON(JSONResponse):
    """JSON from plain data (dicts, lists, strings, numbers) by `json.dumps`, without
    FastAPI's per-value encoder: the listings are plain data already, and large."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def request_store(request: Request) -> Store:
    """The calling thread's store (`app.StorePool`)."""
    store: Store = request.app.state.stores.get()
    return store


@router.get("/articles", tags=["articles"])
def list_articles(
    request: Request,
    since: Since = None,
    until: Until = None,
    outlet: Annotated[str | None, Query(description="Only this outlet.")] = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> PlainJSON:
    """Current articles, oldest publication first: metadata without the text."""
    store = request_store(request)
    found = store.iter_articles(
        parse_date(since, "since"), parse_date(until, "until"), outlet or None, offset + limit
    )
    items = [query.article_summary(article) for article in islice(found, offset, None)]
    return PlainJSON(page("articles", items, limit, offset))


@router.get("/articles/{doc_id}", tags=["articles"])
def show_article(request: Request, doc_id: str) -> PlainJSON:
    """One article with its full text, versions, copies and counts."""
    return PlainJSON(query.show_article(request_store(request), doc_id))


@router.post(
    "/articles",
    tags=["articles"],
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": "One article object, or a list of them, in the ingest JSON format "
            "(doc_id, title, text or html, url, outlet, published, language).",
            "content": {"application/json": {"schema": {}}},
        }
    },
)
async def ingest_articles(request: Request) -> PlainJSON:
    """Ingest articles through the same pipeline as `watchfloor ingest`.

    Needs `Authorization: Bearer <api_token>`; 403 when the server has no token set.
    """
    settings: Settings = request.app.state.settings
    check_token(settings.api_token, request.headers.get("authorization", ""))
    records = parse_articles(await request.body())
    return PlainJSON(await run_in_threadpool(_ingest, request, settings, records))


def check_token(expected: str | None, header: str) -> None:
    """Raise Forbidden when writes are off, Unauthorized when the bearer token is not `expected`."""
    if not expected:
        raise Forbidden(
            "this server is read-only: set api_token (env WATCHFLOOR_API_TOKEN) to allow writes"
        )
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("writes need the header Authorization: Bearer <api_token>")
    if not hmac.compare_digest(token.strip().encode(), expected.encode()):
        raise Unauthorized("wrong API token")


def parse_articles(body: bytes) -> list[dict[str, Any]]:
    """The article objects of a request body (one object or a list); InputError otherwise."""
    try:
        loaded = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"the body is not JSON: {exc}") from None
    records = loaded if isinstance(loaded, list) else [loaded]
    for number, record in enumerate(records):
        if not isinstance(record, dict):
            kind = type(record).__name__
            raise InputError(f"article {number} must be a JSON object, got {kind}")
    if not records:
        raise InputError("the body holds no article")
    return records


def _ingest(request: Request, settings: Settings, records: list[dict[str, Any]]) -> dict[str, Any]:
    from watchfloor.pipeline import build_pipeline

    lines = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    with request.app.state.stores.write_lock:
        store = request_store(request)
        report = build_pipeline(store, settings).ingest(["-"], stdin=io.StringIO(lines))
    result: dict[str, Any] = report.as_dict()
    return result


@router.get("/events", tags=["events"])
def list_events(
    request: Request,
    filters: Annotated[EventFilter, Depends(event_query)],
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> PlainJSON:
    """Fused events in timeline order, each with its sources (doc_id, outlet, evidence...)."""
    found = list(query.iter_events(request_store(request), filters, limit, offset))
    return PlainJSON(page("events", found, limit, offset))


@router.get("/events/{canonical_id}", tags=["events"])
def show_event(request: Request, canonical_id: str) -> PlainJSON:
    """One fused event with every mention (source) and its conflict flags."""
    return PlainJSON(query.show_event(request_store(request), canonical_id))


@router.get("/timeline", tags=["events"])
def timeline(
    request: Request,
    actor: Annotated[str, Query(description="Actor id or name, e.g. KOR.")],
    recipient: RecipientParam = None,
    place: PlaceParam = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> PlainJSON:
    """What an actor did (to a recipient), oldest first, each event with its sources."""
    filters = event_filter(actor, recipient, place=place)
    found = list(query.iter_events(request_store(request), filters, limit, offset))
    return PlainJSON(page("events", found, limit, offset))


@router.get("/dyads", tags=["events"])
def dyad_summary(
    request: Request,
    actor: Annotated[str, Query(description="Actor id or name, e.g. KOR.")],
    recipient: Annotated[str, Query(description="Recipient id or name, e.g. UKR.")],
) -> PlainJSON:
    """Per month: the dyad's fused events by PLOVER quad class and their mean score."""
    store = request_store(request)
    filters = query.check_event_filter(store, event_filter(actor, recipient))
    return PlainJSON(
        {
            "actor": filters.actor,
            "recipient": filters.recipient,
            "months": summarize_dyad(store, filters),
        }
    )


@router.get("/actors", tags=["actors"])
def list_actors(
    request: Request,
    country: Annotated[str | None, Query(description="ISO alpha-3 code, e.g. KOR.")] = None,
    kind: Annotated[str | None, Query(description="country, igo, org or person.")] = None,
    sector: Annotated[str | None, Query(description="PLOVER sector, e.g. GOV.")] = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> PlainJSON:
    """Actors with their mention and article counts, most mentioned first."""
    found = query.list_actors(request_store(request), country, kind, sector, offset + limit)
    return PlainJSON(page("actors", found[offset:], limit, offset))


@router.get("/actors/{actor}", tags=["actors"])
def show_actor(request: Request, actor: str) -> PlainJSON:
    """An actor's names, aliases, roles with dates, and counterparts with event counts."""
    store = request_store(request)
    info = query.show_actor(store, actor)
    return PlainJSON({**info, "counterparts": query.list_counterparts(store, info["actor_id"])})


@router.get("/actors/{actor}/positions", tags=["actors"])
def actor_positions(
    request: Request,
    actor: str,
    toward: Annotated[str, Query(description="The counterpart, id or name, e.g. UKR.")],
    issue: Annotated[
        str | None,
        Query(description="military-aid, humanitarian-aid, economic-aid, sanctions or talks."),
    ] = None,
) -> PlainJSON:
    """The actor's stated positions toward the counterpart, on one issue or on every
    issue: dated steps with their stance, change points and sources (docs/positions.md)."""
    from watchfloor.positions import load_issues, position_steps

    store = request_store(request)
    issues = load_issues()
    chosen = query.check_choice(issue, issues, "issue") if issue else None
    actor_id = query.resolve_actor_id(store, actor)
    toward_id = query.resolve_actor_id(store, toward)
    steps = position_steps(store, actor_id, toward_id, chosen)
    return PlainJSON(
        {
            "actor": actor_id,
            "toward": toward_id,
            "issue": chosen,
            "issues": {name: issues[name].help for name in ([chosen] if chosen else issues)},
            "steps": [step.to_dict() for step in steps],
        }
    )


@router.get("/export", tags=["events"], response_class=Response)
def export_events(
    request: Request,
    filters: Annotated[EventFilter, Depends(event_query)],
    format: Annotated[str, Query(description="csv, jsonl, parquet or plover.")] = "jsonl",
) -> Response:
    """Every fused event the filters select, with its sources, as a file to download:
    CSV, JSON Lines, Parquet or PLOVER JSON Lines (columns in docs/exports.md).

    Text formats are streamed as they are read; Parquet is written to an anonymous
    temporary file first and streamed from there.
    """
    format = query.check_choice(format, EXPORT_TYPES, "format")
    store = request_store(request)
    checked = query.check_event_filter(store, filters)  # bad values: 400 before any byte
    headers = {"Content-Disposition": f'attachment; filename="{EXPORT_NAMES[format]}"'}
    if format == "parquet":
        sink = _write_parquet_file(store, checked)
        size = os.fstat(sink.fileno()).st_size
        return StreamingResponse(
            _read_file(sink),
            media_type=EXPORT_TYPES[format],
            headers={**headers, "Content-Length": str(size)},
        )
    url: str = request.app.state.stores.url
    return StreamingResponse(
        _stream_export(url, checked, format), media_type=EXPORT_TYPES[format], headers=headers
    )


# Export formats of the API, with their content types and file names.
EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
    "plover": "application/x-ndjson; charset=utf-8",
}
EXPORT_NAMES = {
    "csv": "watchfloor-events.csv",
    "jsonl": "watchfloor-events.jsonl",
    "parquet": "watchfloor-events.parquet",
    "plover": "watchfloor-events.plover.jsonl",
}


def _write_parquet_file(store: Store, filters: EventFilter) -> BinaryIO:
    """The events as Parquet in an anonymous temporary file (gone once closed), rewound."""
    from watchfloor.export import write_parquet

    sink = tempfile.TemporaryFile(prefix="watchfloor-export-", suffix=".parquet")  # noqa: SIM115 (the response closes it)
    try:
        write_parquet(query.iter_events(store, filters), sink)
        sink.seek(0)
    except BaseException:
        sink.close()
        raise
    return sink


def _read_file(sink: BinaryIO, block: int = 1 << 16) -> Iterator[bytes]:
    """The file's bytes, `block` at a time; the file is closed at the end or when the
    client goes away (the generator is closed)."""
    with sink:
        while data := sink.read(block):
            yield data


async def _stream_export(url: str, filters: EventFilter, format: str) -> AsyncIterator[bytes]:
    """The export's text, chunk by chunk, read by one worker thread of its own.

    A SQLite connection stays in the thread that opened it, so the store is
    opened, read and closed in that one thread; the chunks come back to the
    event loop one at a time, so a slow client holds one chunk in memory.
    """
    from watchfloor.export import iter_text

    worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="watchfloor-export")
    loop = asyncio.get_running_loop()
    opened: list[Store] = []
    chunks: list[Iterator[str]] = []

    def start() -> None:
        store = open_store(url, create=False)
        opened.append(store)
        chunks.append(iter_text(query.iter_events(store, filters), format))

    def finish() -> None:
        for found in chunks:
            close = getattr(found, "close", None)
            if close is not None:
                close()
        for store in opened:
            store.close()

    try:
        await loop.run_in_executor(worker, start)
        while (chunk := await loop.run_in_executor(worker, next, chunks[0], None)) is not None:
            yield chunk.encode("utf-8")
    finally:
        worker.submit(finish)  # in the thread that opened the store, even when cancelled
        worker.shutdown(wait=False)


@router.get("/quotes", tags=["actors"])
def list_quotes(
    request: Request,
    actor: Annotated[str | None, Query(description="Only quotes by this actor.")] = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> PlainJSON:
    """Direct quotations with their speakers, oldest article first."""
    found = query.list_quotes(request_store(request), actor or None)
    return PlainJSON(page("quotes", found[offset : offset + limit], limit, offset))


@router.get("/duplicates", tags=["articles"])
def list_duplicates(request: Request) -> PlainJSON:
    """Copy links: which article copies which, how, and which one is the original."""
    return PlainJSON({"duplicates": query.list_duplicates(request_store(request))})


@router.get("/stories", tags=["articles"])
def list_stories(request: Request) -> PlainJSON:
    """Story clusters with their first title, date span and member count."""
    return PlainJSON({"stories": query.list_stories(request_store(request))})


@router.get("/search", tags=["articles"])
def search(
    request: Request,
    q: Annotated[str, Query(description="Words every match holds (or an FTS5 query).")],
    fts: Annotated[bool, Query(description="Read q as an FTS5 query.")] = False,
    limit: Limit = 20,
) -> PlainJSON:
    """Full-text search over current articles, best first, with snippets."""
    return PlainJSON({"results": query.search_articles(request_store(request), q, limit, fts)})


@router.get("/stats", tags=["articles"])
def stats(request: Request) -> PlainJSON:
    """Counts of everything in the store."""
    found = query.collect_stats(request_store(request))
    found.pop("db", None)  # the server's file path is not the reader's business
    return PlainJSON(found)
