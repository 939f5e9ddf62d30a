"""The HTTP app: the JSON API under /api, the web pages at /, static files at /static.

`create_app` builds it from a store URL; `watchfloor serve` runs it under uvicorn.
Every error becomes one body: JSON `{"error": {"status": ..., "message": ...}}` on
the API, an HTML page with the same message on the web pages; never a traceback.
"""

from __future__ import annotations

import logging
import threading
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from watchfloor import __version__
from watchfloor.errors import WatchfloorError
from watchfloor.settings import Settings, load_settings
from watchfloor.store import Store, open_store
from watchfloor.web import api, pages

logger = logging.getLogger("watchfloor.web")


class StorePool:
    """One open store per server thread (a SQLite connection stays in its thread).

    Readers run in parallel (SQLite's WAL); writes go one at a time under `write_lock`.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self.write_lock = threading.Lock()
        self._local = threading.local()

    def get(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.url, create=False)
            self._local.store = store
        return store


def create_app(db: str | None = None, settings: Settings | None = None) -> FastAPI:
    """The watchfloor web app over the store `db` (default: the `db` setting).

    Needs: an existing store (an InputError names a missing one, before serving).
    Gives: a FastAPI app; writes (POST /api/articles) need `settings.api_token`.
    """
    settings = settings or load_settings()
    url = db or settings.db
    open_store(url, create=False).close()  # fail now, with a clear line, not on each request
    app = FastAPI(
        title="watchfloor",
        version=__version__,
        summary="Who did what to whom, with the sentences that report it.",
        description=(
            "Read-only unless an API token is set. Every error has the body "
            '`{"error": {"status": <int>, "message": <str>}}`.'
        ),
        docs_url=None,  # served below from the installed Swagger UI, not from a CDN
        redoc_url=None,
    )
    app.state.stores = StorePool(url)
    app.state.settings = settings.replace(db=url)
    app.include_router(api.router)
    app.include_router(pages.router)
    static = resources.files("watchfloor.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    _add_docs(app)
    app.add_exception_handler(WatchfloorError, _watchfloor_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _internal_error)
    return app


def _add_docs(app: FastAPI) -> None:
    """/docs: Swagger UI from the swagger-ui-bundle package, so it works offline."""
    import swagger_ui_bundle

    app.mount(
        "/swagger-ui", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="swagger-ui"
    )

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="watchfloor API",
            swagger_js_url="/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/swagger-ui/favicon-32x32.png",
        )


def error_response(request: Request, status: int, message: str) -> Response:
    """The one error body: JSON for the API (and /docs), an HTML page elsewhere."""
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    if request.url.path.startswith("/api") or not _wants_html(request):
        body = {"error": {"status": status, "message": message}}
        return JSONResponse(body, status_code=status, headers=headers)
    return pages.render_error(request, status, message)


def _wants_html(request: Request) -> bool:
    return "text/html" in request.headers.get("accept", "")


async def _watchfloor_error(request: Request, exc: Exception) -> Response:
    status = exc.http_status if isinstance(exc, WatchfloorError) else 500
    return error_response(request, status, str(exc))


async def _validation_error(request: Request, exc: Exception) -> Response:
    problems = exc.errors() if isinstance(exc, RequestValidationError) else []
    return error_response(request, 400, "; ".join(_describe(p) for p in problems) or str(exc))


def _describe(problem: Any) -> str:
    """ "limit: Input should be less than or equal to 1000, got '5000'"."""
    where = [str(part) for part in problem.get("loc", ()) if part not in ("query", "path", "body")]
    got = problem.get("input")
    shown = f", got {got!r}" if isinstance(got, str | int | float) else ""
    return f"{'.'.join(where) or 'request'}: {problem.get('msg', 'invalid')}{shown}"


async def _http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    detail = exc.detail if isinstance(exc, HTTPException) else ""
    if status == 404 and detail == "Not Found":
        detail = f"no page or endpoint at {request.url.path}; the API is listed at /docs"
    return error_response(request, status, str(detail))


async def _internal_error(request: Request, exc: Exception) -> Response:
    logger.exception("internal error on %s", request.url.path)
    message = f"internal error (a bug in watchfloor; please report it): {type(exc).__name__}"
    return error_response(request, 500, message)
