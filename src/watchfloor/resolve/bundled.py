"""Reads the actor dictionaries shipped in `watchfloor/data/actors/`.

Needs: countries.yaml, igos.yaml, bodies.yaml (`types` and `bodies`),
people.yaml and titles.yaml in the package.
Gives: `BundledData`, the checked entries, generic body types and the role-word
table, ready for `KnowledgeBase`. A problem in the shipped files is a bug in
the package and raises ConfigError naming the file and the entry.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from watchfloor.errors import ConfigError
from watchfloor.records import ActorKind
from watchfloor.resolve.actor_entries import (
    ActorEntry,
    EntryProblem,
    apply_patch,
    parse_entry,
)
from watchfloor.resolve.generic_terms import BodyType, parse_body_types

# Each file with its list of entries (a top-level key) and the kind they are.
ENTRY_FILES: tuple[tuple[str, str, ActorKind], ...] = (
    ("countries.yaml", "countries", "country"),
    ("igos.yaml", "igos", "igo"),
    ("bodies.yaml", "bodies", "org"),
    ("people.yaml", "people", "person"),
)
DATA_FILES = (*dict.fromkeys(name for name, _, _ in ENTRY_FILES), "titles.yaml")
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class BundledData:
    entries: tuple[ActorEntry, ...]
    body_types: tuple[BodyType, ...]
    titles: Mapping[str, Any]


def read_bundled() -> BundledData:
    """Every bundled file, parsed and checked (ids unique across files)."""
    documents = {name: _read_yaml(name) for name in DATA_FILES}
    entries: dict[str, ActorEntry] = {}
    for file_name, key, kind in ENTRY_FILES:
        for entry in _entries(file_name, documents[file_name].get(key) or [], kind):
            if entry.actor.id in entries:
                raise ConfigError(f"{file_name}: id {entry.actor.id!r} is used twice")
            entries[entry.actor.id] = entry
    try:
        body_types = parse_body_types(documents["bodies.yaml"].get("types") or [])
    except EntryProblem as problem:
        raise ConfigError(f"bodies.yaml: {problem}") from None
    return BundledData(tuple(entries.values()), tuple(body_types), documents["titles.yaml"])


def _entries(file_name: str, items: Iterable[object], kind: ActorKind) -> Iterable[ActorEntry]:
    for number, raw in enumerate(items, start=1):
        try:
            yield apply_patch(None, parse_entry(raw, default_kind=kind))
        except EntryProblem as problem:
            shown = raw.get("id") if isinstance(raw, Mapping) else None
            raise ConfigError(f"{file_name}: entry {number} (id {shown!r}): {problem}") from None


def _read_yaml(name: str) -> dict[str, Any]:
    text = resources.files("watchfloor").joinpath("data", "actors", name).read_text("utf-8")
    try:
        loaded = yaml.load(text, Loader=_Loader)  # a safe loader: the C one when built
    except yaml.YAMLError as exc:
        raise ConfigError(f"{name}: not valid YAML: {exc}") from None
    if not isinstance(loaded, dict):
        raise ConfigError(f"{name}: expected a mapping of lists at the top level")
    return loaded
