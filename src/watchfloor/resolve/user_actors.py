"""User actor dictionaries: YAML or CSV files that add to or override the bundled data.

Needs: the file and the knowledge base it extends.
Gives: the entries it defines, each laid over the actor with the same id (see
`apply_patch`: given names, kinds, countries and sectors replace; aliases,
roles, members, demonyms and seats are added; `replace: true` starts afresh).
Entries apply in file order, so a later entry or CSV row for the same id
extends the earlier one. Any problem raises InputError naming the file, the
line and the id. The format is documented in docs/actors.md.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from watchfloor.errors import InputError
from watchfloor.resolve.actor_entries import (
    LIST_FIELDS,
    ActorEntry,
    EntryPatch,
    EntryProblem,
    apply_patch,
    parse_entry,
)

if TYPE_CHECKING:
    from watchfloor.resolve.knowledge import KnowledgeBase

CSV_LIST_SEPARATOR = "|"
CSV_ROLE_COLUMNS = ("title", "start", "end", "organisation")
YAML_SUFFIXES = (".yaml", ".yml")


def read_user_entries(path: Path, base: KnowledgeBase) -> list[ActorEntry]:
    """The file's entries laid over `base`, one per id, in first-seen order."""
    merged: dict[str, ActorEntry] = {}
    for where, raw in _raw_entries(path):
        shown = raw.get("id") if isinstance(raw, Mapping) else None
        try:
            patch = parse_entry(raw)
            _check_codes(patch, base, merged)
            merged[patch.id] = apply_patch(merged.get(patch.id) or base.entry(patch.id), patch)
        except EntryProblem as problem:
            raise InputError(f"{path}: {where} (id {shown!r}): {problem}") from None
    return list(merged.values())


def _raw_entries(path: Path) -> Iterator[tuple[str, object]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: no such actor dictionary") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the actor dictionary: {exc}") from None
    suffix = path.suffix.lower()
    if suffix in YAML_SUFFIXES:
        return _yaml_entries(path, text)
    if suffix == ".csv":
        return _csv_entries(path, text)
    raise InputError(f"{path}: an actor dictionary must end in .yaml, .yml or .csv")


def _yaml_entries(path: Path, text: str) -> Iterator[tuple[str, object]]:
    """A list of entries, or a mapping with an `actors` list; each with its line."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: not valid YAML: {' '.join(str(exc).split())}") from None
    finally:
        loader.dispose()
    if isinstance(data, Mapping) and set(data) == {"actors"} and isinstance(node, yaml.MappingNode):
        data, node = data["actors"], node.value[0][1]
    if data is None:
        return iter(())
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        raise InputError(f"{path}: expected a list of actor entries (or 'actors:' with one)")
    lines = [item.start_mark.line + 1 for item in node.value]
    return ((f"line {line}", raw) for line, raw in zip(lines, data, strict=True))


def _csv_entries(path: Path, text: str) -> Iterator[tuple[str, object]]:
    """One entry per row; `aliases` and other lists separated by "|"; one role per row."""
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        header = reader.fieldnames or []
        if "id" not in header:
            raise InputError(f"{path}: line 1: the CSV header needs an 'id' column")
        for row in reader:
            yield f"line {reader.line_num}", _entry_from_row(row)
    except csv.Error as exc:
        raise InputError(f"{path}: line {reader.line_num}: malformed CSV: {exc}") from None


def _entry_from_row(row: Mapping[str | Any, str | Any]) -> dict[str, Any]:
    raw: dict[str, Any] = {}
    for column, value in row.items():
        if column is None or value is None or not str(value).strip():
            continue  # an empty cell says nothing; a short row leaves the rest empty
        if column in LIST_FIELDS:
            raw[column] = [part.strip() for part in value.split(CSV_LIST_SEPARATOR) if part.strip()]
        elif column not in CSV_ROLE_COLUMNS:
            raw[column] = value.strip()
    role = {name: row[name].strip() for name in CSV_ROLE_COLUMNS if (row.get(name) or "").strip()}
    if role:
        raw["roles"] = [role]
    return raw


def _check_codes(patch: EntryPatch, base: KnowledgeBase, new: Mapping[str, ActorEntry]) -> None:
    """Country codes, members and body types must name something known."""

    def is_country(code: str) -> bool:
        found = new.get(code)
        actor = found.actor if found is not None else base.get(code)
        return (actor is not None and actor.kind == "country") or (
            patch.id == code and patch.kind == "country"
        )

    codes = [patch.country, *patch.members, *(role.country for role in patch.roles)]
    unknown = sorted({code for code in codes if code and not is_country(code)})
    if unknown:
        raise EntryProblem(f"unknown country code(s) {', '.join(unknown)}; use ISO alpha-3")
    if patch.body_type and not base.has_body_type(patch.body_type):
        raise EntryProblem(f"unknown body type {patch.body_type!r}; see bodies.yaml 'types'")
