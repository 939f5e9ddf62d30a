"""The HTTP API and web UI (`watchfloor serve`); `create_app` builds the app."""

from watchfloor.web.app import create_app

__all__ = ["create_app"]
