"""Exceptions. Each carries the exit code and HTTP status its surface uses.

Exit codes of the command line (docs/errors.md lists them with every rejection reason):

* 0: done; for `ingest`, every input was stored or already known.
* 1: some inputs were rejected (`ingest`), or a failure the user can act on
  (`StoreError`, `NotFound`).
* 2: bad usage: a flag, an argument or a setting is wrong (`InputError`, `ConfigError`).
* 3 (`INTERNAL_ERROR_EXIT_CODE`): a bug in watchfloor itself. The command stops
  with one line naming the exception; every batch committed before it is kept.
"""

from __future__ import annotations

INTERNAL_ERROR_EXIT_CODE = 3


class WatchfloorError(Exception):
    """A failure the user should see as one clear line."""

    exit_code = 1
    http_status = 500


class InputError(WatchfloorError):
    """The caller gave us something wrong."""

    exit_code = 2
    http_status = 400


class ConfigError(WatchfloorError):
    """A setting, file or installed component is missing or wrong."""

    exit_code = 2
    http_status = 500


class NotFound(WatchfloorError):
    """A record the caller asked for does not exist."""

    exit_code = 1
    http_status = 404


class StoreError(WatchfloorError):
    """The database could not be opened or written."""

    exit_code = 1
    http_status = 500


class Unauthorized(WatchfloorError):
    """A write to the HTTP API without the right bearer token."""

    http_status = 401


class Forbidden(WatchfloorError):
    """A write to an HTTP API that has no token configured: it is read-only."""

    http_status = 403
