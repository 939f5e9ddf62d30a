"""Exceptions. Each carries the exit code and HTTP status its surface uses."""

from __future__ import annotations


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
