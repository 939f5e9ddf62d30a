"""The web pages: server-rendered Jinja2 templates over the same `query` calls as the API.

Every string from the input reaches the page through Jinja2's autoescaping; no
template marks input as safe.
"""

from __future__ import annotations

from itertools import islice
from typing import Annotated, Any

import jinja2
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from watchfloor import query
from watchfloor.quad import QUAD_CLASSES, quad_class
from watchfloor.store import Store
from watchfloor.web.chart import SHAPES, lay_out_timeline
from watchfloor.web.params import MAX_LIMIT, event_filter

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)
templates = Jinja2Templates(
    env=jinja2.Environment(
        loader=jinja2.PackageLoader("watchfloor.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
)
templates.env.globals.update(quad_classes=QUAD_CLASSES, shapes=SHAPES, quad_class=quad_class)
# The most events one timeline page draws; the API pages through the rest.
TIMELINE_EVENTS = 2000


def _store(request: Request) -> Store:
    store: Store = request.app.state.stores.get()
    return store


def _render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status)


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    """The HTML page for an error, with its status and message."""
    return _render(request, "error.html", status, status_code=status, message=message)


@router.get("/")
def home(request: Request) -> HTMLResponse:
    stats = query.collect_stats(_store(request))
    actors = query.list_actors(_store(request), limit=30)
    return _render(request, "index.html", stats=stats, actors=actors)


@router.get("/timeline")
def timeline(
    request: Request,
    actor: Annotated[str, Query()],
    recipient: Annotated[str | None, Query()] = None,
) -> HTMLResponse:
    store = _store(request)
    filters = query.check_event_filter(store, event_filter(actor, recipient))
    events = list(query.iter_events(store, filters, TIMELINE_EVENTS + 1))
    more = len(events) > TIMELINE_EVENTS
    events = events[:TIMELINE_EVENTS]
    return _render(
        request,
        "timeline.html",
        actor=filters.actor,
        recipient=filters.recipient,
        events=events,
        chart=lay_out_timeline(events),
        more=more,
    )


@router.get("/events/{canonical_id}")
def event_page(request: Request, canonical_id: str) -> HTMLResponse:
    store = _store(request)
    event = query.show_event(store, canonical_id)
    sources = [
        {**source, "parts": _highlighted(store.article_text(source["doc_id"]) or "", source)}
        for source in event["sources"]
    ]
    return _render(request, "event.html", event=event, sources=sources)


def _highlighted(text: str, source: dict[str, Any]) -> tuple[str, str, str]:
    """The article text cut around the evidence: (before, evidence, after)."""
    start, end = source["evidence_start"], source["evidence_end"]
    if not 0 <= start <= end <= len(text):
        return text, "", ""
    return text[:start], text[start:end], text[end:]


@router.get("/actors")
def actors_page(request: Request) -> HTMLResponse:
    return _render(request, "actors.html", actors=query.list_actors(_store(request), limit=500))


@router.get("/actors/{actor}")
def actor_page(
    request: Request,
    actor: str,
    toward: Annotated[str | None, Query()] = None,
    issue: Annotated[str | None, Query()] = None,
) -> HTMLResponse:
    store = _store(request)
    info = query.show_actor(store, actor)
    counterparts = query.list_counterparts(store, info["actor_id"])
    return _render(
        request,
        "actor.html",
        actor=info,
        counterparts=counterparts,
        positions=_positions(store, info["actor_id"], counterparts, toward, issue),
    )


def _positions(
    store: Store,
    actor_id: str,
    counterparts: list[dict[str, Any]],
    toward: str | None,
    issue: str | None,
) -> dict[str, Any]:
    """What the actor page's positions section shows: the choices of its form, and
    the steps toward the chosen counterpart (by default the actor's most frequent
    recipient) grouped by issue in the order of issues.yaml."""
    from watchfloor.positions import load_issues, position_steps

    issues = load_issues()
    chosen_issue = query.check_choice(issue, issues, "issue") if issue else None
    choices = list(dict.fromkeys(c["actor_id"] for c in counterparts if c["role"] == "recipient"))
    choices += [c["actor_id"] for c in counterparts if c["actor_id"] not in choices]
    if toward:
        toward_id: str | None = query.resolve_actor_id(store, toward)
    else:
        toward_id = choices[0] if choices else None
    if toward_id is not None and toward_id not in choices:
        choices.append(toward_id)
    steps = position_steps(store, actor_id, toward_id, chosen_issue) if toward_id else []
    groups = [
        {"issue": name, "help": issues[name].help, "steps": [s for s in steps if s.issue == name]}
        for name in issues
    ]
    return {
        "toward": toward_id,
        "issue": chosen_issue,
        "choices": choices,
        "issues": issues,
        "groups": [group for group in groups if group["steps"]],
    }


@router.get("/articles")
def articles_page(request: Request) -> HTMLResponse:
    articles = query.list_articles(_store(request), limit=MAX_LIMIT)
    return _render(request, "articles.html", articles=articles)


@router.get("/articles/{doc_id}")
def article_page(request: Request, doc_id: str) -> HTMLResponse:
    return _render(request, "article.html", article=query.show_article(_store(request), doc_id))


@router.get("/search")
def search_page(request: Request, q: str = "") -> HTMLResponse:
    results = query.search_articles(_store(request), q, 50) if q.strip() else []
    for result in results:
        result["snippet_parts"] = _snippet_parts(result["snippet"])
    return _render(request, "search.html", q=q, results=results)


def _snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """A search snippet ("a [word] b") as (text, is_match) pieces, for escaped highlighting."""
    parts: list[tuple[str, bool]] = []
    rest = snippet
    while "[" in rest and "]" in rest[rest.index("[") :]:
        before, _, tail = rest.partition("[")
        match, _, rest = tail.partition("]")
        parts += [(before, False), (match, True)]
    return [*parts, (rest, False)]


@router.get("/duplicates")
def duplicates_page(request: Request) -> HTMLResponse:
    return _render(request, "duplicates.html", duplicates=query.list_duplicates(_store(request)))


@router.get("/stories")
def stories_page(request: Request) -> HTMLResponse:
    return _render(request, "stories.html", stories=query.list_stories(_store(request)))


@router.get("/quotes")
def quotes_page(request: Request) -> HTMLResponse:
    quotes = list(islice(query.list_quotes(_store(request)), MAX_LIMIT))
    return _render(request, "quotes.html", quotes=quotes)
