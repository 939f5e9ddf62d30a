"""Reading gold and prediction files for `watchfloor eval`.

Both are JSON Lines. A gold line is one document (see docs of the gold format:
`doc_id`, `published`, `derived_from`, `actors`, `events`); a prediction line is
one event in the gold event shape plus `doc_id`, as `watchfloor export --format
jsonl` writes it. Only the fields that scoring reads are checked, plus the
enumerated `type` and `status`; extra keys (`note`, offsets, scores) are allowed.
Every problem raises `InputError` naming the file, the line and the field.
A `doc_id` may appear once across all the gold files of one run.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from watchfloor.errors import InputError
from watchfloor.records import EVENT_TYPES, STATUSES, PartialDate

EVENT_FIELDS = (
    "type", "mode", "context", "actor", "recipient", "date", "status", "quantity", "evidence",
)  # fmt: skip


class _LineProblem(ValueError):
    """A problem in one line; turned into an InputError with the file and line."""


def read_json_lines(path: str | Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield (`file:line` label, object) for every non-blank line of a JSONL file."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the file: {exc}") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}: not valid JSON: {exc.msg} (column {exc.colno})") from None
        if not isinstance(value, dict):
            kind = type(value).__name__
            raise InputError(f"{where}: expected a JSON object, got a {kind}")
        yield where, value


@dataclass(frozen=True, slots=True)
class GoldFile:
    """One gold file of a run: the path as given and its documents in file order."""

    path: str
    documents: tuple[dict[str, Any], ...]


@dataclass(frozen=True, slots=True)
class PredictedDocument:
    """What the system says about one document, in the shapes the gold uses.

    `events` are gold-shaped event dicts; `names` holds (surface form as written,
    system actor id) for every actor mention the system resolved, repeats
    included; `derived_from` is the document the system thinks this one copies.
    """

    doc_id: str
    events: tuple[Mapping[str, Any], ...]
    names: tuple[tuple[str, str], ...]
    derived_from: str | None = None


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """Read a gold JSONL file, one document per line, checking every line.

    Raises InputError ("gold.jsonl:3: events[2].status must be one of ...") on
    the first bad line, and on a doc_id that appears twice.
    """
    documents: list[dict[str, Any]] = []
    first_seen: dict[str, str] = {}
    for where, document in read_json_lines(path):
        check_line(where, check_gold_document, document)
        doc_id = document["doc_id"]
        if doc_id in first_seen:
            raise InputError(f"{where}: doc_id {doc_id!r} is already used at {first_seen[doc_id]}")
        first_seen[doc_id] = where
        documents.append(document)
    return documents


def load_predictions(path: str | Path) -> dict[str, PredictedDocument]:
    """Read `watchfloor export --format jsonl` output: one event per line.

    Events are grouped by `doc_id` in file order. The export carries no actor
    mentions and no `derived_from`, so documents read this way have empty
    `names` and no `derived_from`; documents without events are absent, which
    `score` treats as empty.
    """
    grouped: dict[str, list[Mapping[str, Any]]] = {}
    for where, event in read_json_lines(path):
        check_line(where, check_predicted_event, event)
        grouped.setdefault(event["doc_id"], []).append(event)
    return {
        doc_id: PredictedDocument(doc_id=doc_id, events=tuple(events), names=())
        for doc_id, events in grouped.items()
    }


def load_gold_files(paths: Iterable[str | Path]) -> list[GoldFile]:
    """Read several gold files for one run, each checked as `load_gold` does.

    Raises InputError when a doc_id is in two of the files, since the total would
    then count that document twice.
    """
    files: list[GoldFile] = []
    owner: dict[str, str] = {}
    for path in paths:
        documents = load_gold(path)
        for document in documents:
            doc_id = document["doc_id"]
            if doc_id in owner:
                raise InputError(
                    f"{path}: doc_id {doc_id!r} is already in the gold file {owner[doc_id]}"
                )
            owner[doc_id] = str(path)
        files.append(GoldFile(str(path), tuple(documents)))
    return files


def check_line(
    where: str, check: Callable[[Mapping[str, Any]], None], record: Mapping[str, Any]
) -> None:
    """Run `check(record)`, turning its complaint into an InputError at `where`."""
    try:
        check(record)
    except _LineProblem as exc:
        raise InputError(f"{where}: {exc}") from None


def check_gold_document(document: Mapping[str, Any]) -> None:
    """Check one gold document record; raises _LineProblem naming the field."""
    _require_text(document, "doc_id")
    _check_optional_date(document.get("published"), "published")
    derived_from = document.get("derived_from")
    if derived_from is not None and (not isinstance(derived_from, str) or not derived_from):
        raise _LineProblem(f"derived_from must be a doc_id or null, got {derived_from!r}")
    if derived_from == document["doc_id"]:
        raise _LineProblem(f"derived_from names the document itself ({derived_from!r})")
    actors = _require_list(document, "actors", "doc")
    events = _require_list(document, "events", "doc")
    seen_ids: set[str] = set()
    for index, actor in enumerate(actors):
        actor_id = _check_actor(actor, f"actors[{index}]")
        if actor_id in seen_ids:
            raise _LineProblem(f"actors[{index}]: actor id {actor_id!r} is listed twice")
        seen_ids.add(actor_id)
    for index, event in enumerate(events):
        _check_event(event, f"events[{index}]")


def check_predicted_event(event: Mapping[str, Any]) -> None:
    """Check one exported event line: the gold event shape plus `doc_id`."""
    _require_text(event, "doc_id")
    _check_event(event, "event")


def _check_actor(actor: Any, label: str) -> str:
    if not isinstance(actor, dict):
        raise _LineProblem(f"{label} must be an object, got {actor!r}")
    actor_id = _require_text(actor, "id", label)
    names = _require_list(actor, "names", label)
    for name in names:
        if not isinstance(name, str) or not name.strip():
            raise _LineProblem(f"{label}.names must hold non-empty strings, got {name!r}")
    return actor_id


def _check_event(event: Any, label: str) -> None:
    if not isinstance(event, dict):
        raise _LineProblem(f"{label} must be an object, got {event!r}")
    missing = [name for name in EVENT_FIELDS if name not in event]
    if missing:
        raise _LineProblem(f"{label} lacks {', '.join(missing)}")
    if event["type"] not in EVENT_TYPES:
        raise _LineProblem(f"{label}.type must be a PLOVER category, got {event['type']!r}")
    if event["status"] not in STATUSES:
        known = ", ".join(STATUSES)
        raise _LineProblem(f"{label}.status must be one of {known}; got {event['status']!r}")
    _require_id_list(event, "actor", label)
    _require_id_list(event, "recipient", label)
    _require_id_list(event, "context", label)
    if event["mode"] is not None and not isinstance(event["mode"], str):
        raise _LineProblem(f"{label}.mode must be a string or null, got {event['mode']!r}")
    if not isinstance(event["evidence"], str):
        raise _LineProblem(f"{label}.evidence must be a string, got {event['evidence']!r}")
    _check_optional_date(event["date"], f"{label}.date")
    _check_quantity(event["quantity"], f"{label}.quantity")


def _check_quantity(quantity: Any, label: str) -> None:
    if quantity is None:
        return
    if not isinstance(quantity, dict):
        raise _LineProblem(f"{label} must be an object or null, got {quantity!r}")
    value = quantity.get("value")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _LineProblem(f"{label}.value must be a number, got {value!r}")
    if not isinstance(quantity.get("unit"), str):
        raise _LineProblem(f"{label}.unit must be a string, got {quantity.get('unit')!r}")


def _check_optional_date(value: Any, label: str) -> None:
    if value is None:
        return
    if not isinstance(value, str):
        raise _LineProblem(f"{label} must be a date string or null, got {value!r}")
    try:
        PartialDate.parse(value)
    except ValueError as exc:
        raise _LineProblem(f"{label}: {exc}") from None


def _require_text(record: Mapping[str, Any], key: str, label: str = "") -> str:
    value = record.get(key)
    if not isinstance(value, str) or not value.strip():
        where = f"{label}.{key}" if label else key
        raise _LineProblem(f"{where} must be a non-empty string, got {value!r}")
    return value


def _require_list(record: Mapping[str, Any], key: str, label: str) -> list[Any]:
    value = record.get(key)
    if not isinstance(value, list):
        where = key if label == "doc" else f"{label}.{key}"
        raise _LineProblem(f"{where} must be a list, got {value!r}")
    return value


def _require_id_list(record: Mapping[str, Any], key: str, label: str) -> list[str]:
    value = _require_list(record, key, label)
    for item in value:
        if not isinstance(item, str) or not item:
            raise _LineProblem(f"{label}.{key} must hold non-empty strings, got {item!r}")
    return value
