"""Actor dictionary entries: one parsed, checked form for bundled and user data.

A dictionary entry is a mapping read from YAML or a CSV row. `parse_entry`
checks its shape and gives an `EntryPatch`, in which a field the entry did not
give stays `None`; `apply_patch` lays a patch over an existing `ActorEntry` (or
over nothing, for a new actor). The same two steps load the bundled files and
a user's file, so both follow one format (documented in docs/actors.md).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from watchfloor.records import (
    ACTOR_KINDS,
    Actor,
    ActorKind,
    PartialDate,
    Role,
    restore_by_field_names,
)

# PLOVER sector codes (PLOVER manual, "Sector Codes").
SECTORS = frozenset(
    {"COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR", "BUS"}
    | {"CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC"}
)
LIST_FIELDS = ("aliases", "members", "demonyms", "capitals", "seats")
ROLE_FIELDS = frozenset({"title", "country", "sector", "organisation", "start", "end"})
ENTRY_FIELDS = frozenset(
    {"id", "name", "kind", "country", "sector", "official", "roles", "type", "replace"}
) | frozenset(LIST_FIELDS)
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


class EntryProblem(ValueError):
    """One thing wrong with one entry; the caller adds the file and entry."""


@restore_by_field_names
@dataclass(frozen=True, slots=True)
class ActorEntry:
    """An actor plus what only the dictionary knows about it.

    `demonyms`, `capitals` and `seats` belong to countries; `body_type` names
    the generic body type a named state body is (its "defence-ministry").
    `in_ruler` is False for an entry whose names the annotation stage's
    dictionary ruler leaves to the resolver's name lookup (the long generated
    list of office holders, which would slow start-up).
    """

    actor: Actor
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    seats: tuple[str, ...] = ()
    body_type: str | None = None
    in_ruler: bool = True


@dataclass(frozen=True, slots=True)
class EntryPatch:
    """An entry as given: `None` (or an empty tuple) where it says nothing."""

    id: str
    name: str | None = None
    kind: ActorKind | None = None
    country: str | None = None
    sector: str | None = None
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    members: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    seats: tuple[str, ...] = ()
    body_type: str | None = None
    replace: bool = False


def parse_entry(raw: object, default_kind: ActorKind | None = None) -> EntryPatch:
    """One dictionary entry (a mapping) -> EntryPatch; raises EntryProblem."""
    if not isinstance(raw, Mapping):
        raise EntryProblem(f"an entry must be a mapping of fields, got {_shown(raw)}")
    unknown = sorted(str(key) for key in raw if key not in ENTRY_FIELDS)
    if unknown:
        known = ", ".join(sorted(ENTRY_FIELDS))
        raise EntryProblem(f"unknown field(s) {', '.join(unknown)}; known fields: {known}")
    actor_id = _text(raw, "id")
    if actor_id is None or not _ID.match(actor_id):
        raise EntryProblem(f"'id' must be letters, digits, '-', '_' or '.', got {_shown(actor_id)}")
    lists = {name: _text_list(raw, name) for name in LIST_FIELDS}
    official = _text(raw, "official")
    if official is not None:
        lists["aliases"] = (official, *lists["aliases"])
    return EntryPatch(
        id=actor_id,
        name=_text(raw, "name"),
        kind=_kind(raw.get("kind")) or default_kind,
        country=_code(raw, "country"),
        sector=_sector(raw.get("sector")),
        roles=tuple(_role(item, index) for index, item in enumerate(_list(raw, "roles"))),
        body_type=_text(raw, "type"),
        replace=_flag(raw.get("replace")),
        **lists,
    )


def apply_patch(base: ActorEntry | None, patch: EntryPatch) -> ActorEntry:
    """Lay `patch` over `base`: given scalars replace, given lists are added.

    With `replace: true`, or when there is no `base`, the patch stands alone and
    must give `name` and `kind`.
    """
    if base is None or patch.replace:
        return _new_entry(patch)
    actor = base.actor
    merged = replace(
        actor,
        name=patch.name or actor.name,
        kind=patch.kind or actor.kind,
        country=patch.country or actor.country,
        sector=patch.sector or actor.sector,
        aliases=_added(actor.aliases, patch.aliases),
        roles=actor.roles + tuple(role for role in patch.roles if role not in actor.roles),
        members=_added(actor.members, patch.members),
    )
    return ActorEntry(
        actor=_with_defaults(merged),
        demonyms=_added(base.demonyms, patch.demonyms),
        capitals=_added(base.capitals, patch.capitals),
        seats=_added(base.seats, patch.seats),
        body_type=patch.body_type or base.body_type,
    )


def _new_entry(patch: EntryPatch) -> ActorEntry:
    if patch.name is None:
        raise EntryProblem(f"new actor {patch.id!r} needs a 'name'")
    if patch.kind is None:
        raise EntryProblem(f"new actor {patch.id!r} needs a 'kind' ({', '.join(ACTOR_KINDS)})")
    actor = Actor(
        id=patch.id,
        name=patch.name,
        kind=patch.kind,
        country=patch.country,
        sector=patch.sector,
        aliases=_added((), patch.aliases),
        roles=patch.roles,
        members=_added((), patch.members),
    )
    return ActorEntry(
        actor=_with_defaults(actor),
        demonyms=patch.demonyms,
        capitals=patch.capitals,
        seats=patch.seats,
        body_type=patch.body_type,
    )


def _with_defaults(actor: Actor) -> Actor:
    """A country is its own country; roles default to the actor's country."""
    country = actor.id if actor.kind == "country" else actor.country
    roles = tuple(
        role if role.country or role.organisation else replace(role, country=country)
        for role in actor.roles
    )
    return replace(actor, country=country, roles=roles)


def _added(old: tuple[str, ...], new: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*old, *new)))


def _role(raw: object, index: int) -> Role:
    where = f"role {index + 1}"
    if not isinstance(raw, Mapping):
        raise EntryProblem(f"{where} must be a mapping with a 'title', got {_shown(raw)}")
    unknown = sorted(str(key) for key in raw if key not in ROLE_FIELDS)
    if unknown:
        raise EntryProblem(f"{where}: unknown field(s) {', '.join(unknown)}")
    title = _text(raw, "title")
    if not title:
        raise EntryProblem(f"{where} needs a 'title'")
    start, end = _date(raw.get("start"), where), _date(raw.get("end"), where)
    if start and end and _first_day(end) < _first_day(start):
        raise EntryProblem(f"{where} ({title}) ends {end} before it starts {start}")
    return Role(
        title=title,
        country=_code(raw, "country"),
        sector=_sector(raw.get("sector")),
        organisation=_text(raw, "organisation"),
        start=start,
        end=end,
    )


def _first_day(date: PartialDate) -> tuple[int, int, int]:
    return (date.year, date.month or 1, date.day or 1)


def _date(value: object, where: str) -> PartialDate | None:
    """YAML gives dates as `date`, years as `int` and months as `str`."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.date):
        return PartialDate(value.year, value.month, value.day)
    try:
        date = PartialDate.parse(str(value))
        if date.day is not None:
            datetime.date(date.year, date.month or 1, date.day)
    except ValueError as exc:
        raise EntryProblem(f"{where}: {exc}") from None
    return date


def _kind(value: object) -> ActorKind | None:
    if value is None or value == "":
        return None
    for kind in ACTOR_KINDS:
        if value == kind:
            return kind
    raise EntryProblem(f"unknown kind {_shown(value)}; use one of {', '.join(ACTOR_KINDS)}")


def _sector(value: object) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or value.upper() not in SECTORS:
        raise EntryProblem(f"unknown sector {_shown(value)}; use a PLOVER code such as GOV or MIL")
    return value.upper()


def _code(raw: Mapping[Any, Any], name: str) -> str | None:
    value = _text(raw, name)
    if value is not None and not re.fullmatch(r"[A-Za-z]{3}", value):
        raise EntryProblem(f"'{name}' must be an ISO alpha-3 code such as UKR, got {value!r}")
    return value.upper() if value else None


def _flag(value: object) -> bool:
    if value is None or isinstance(value, bool):
        return bool(value)
    if str(value).strip().lower() in {"true", "yes", "1"}:
        return True
    if str(value).strip().lower() in {"false", "no", "0", ""}:
        return False
    raise EntryProblem(f"'replace' must be true or false, got {_shown(value)}")


def _text(raw: Mapping[Any, Any], name: str) -> str | None:
    value = raw.get(name)
    if value is None:
        return None
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise EntryProblem(f"'{name}' must be text, got {_shown(value)}")
    text = " ".join(str(value).split())
    return text or None


def _list(raw: Mapping[Any, Any], name: str) -> list[Any]:
    value = raw.get(name)
    if value is None:
        return []
    if not isinstance(value, list):
        raise EntryProblem(f"'{name}' must be a list, got {_shown(value)}")
    return value


def _text_list(raw: Mapping[Any, Any], name: str) -> tuple[str, ...]:
    items = []
    for item in _list(raw, name):
        if not isinstance(item, str) or not item.strip():
            raise EntryProblem(f"'{name}' must hold non-empty text, got {_shown(item)}")
        items.append(" ".join(item.split()))
    return tuple(items)


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
