"""Words for roles and state bodies that name no one in particular.

`TitleTable` knows role words ("defence minister", "professor", "spy chief"):
which PLOVER sector each implies, and which office a title names however it
is worded ("secretary of defense" and "defence minister" are one office).
`BodyType` is a kind of state body every country has ("defence ministry",
"parliament"), with the phrases that name it. Both come from bundled YAML
(titles.yaml and the `types` part of bodies.yaml) and are looked up by
normalised phrase; `normalise` is passed in so this module stays independent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from watchfloor.records import restore_by_field_names
from watchfloor.resolve.actor_entries import SECTORS, EntryProblem

Normalise = Callable[[str], str]
# Modifiers that make a state role a former one; the holder is then an elite (ELI).
STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "SPY", "COP"})
FORMER_WORDS = ("former", "ex", "retired", "onetime", "one-time", "erstwhile")
MAX_PHRASE_WORDS = 5


@restore_by_field_names
@dataclass(frozen=True, slots=True)
class BodyType:
    """A generic kind of state body: `id` "defence-ministry", sector "MIL"."""

    id: str
    name: str
    sector: str
    aliases: tuple[str, ...] = ()


class TitleTable:
    """Role words -> PLOVER sector, and title wordings -> one office title.

    Needs: `sectors` (sector -> role phrases), `cues` (sector -> words that
    decide the sector wherever they stand, such as "university" or
    "opposition"), `offices` (office title -> other wordings), `groups`
    ("head of state" -> office titles) and `office_prefixes` ("acting").
    """

    def __init__(self, data: Mapping[str, Any], normalise: Normalise) -> None:
        self._normalise = normalise
        self._sectors = _phrase_index(data.get("sectors", {}), normalise, "sectors")
        self._cues = _phrase_index(data.get("cues", {}), normalise, "cues")
        self._offices: dict[str, str] = {}
        for office, wordings in (data.get("offices") or {}).items():
            for wording in (office, *(wordings or ())):
                self._offices[normalise(wording)] = normalise(office)
        self._prefixes = tuple(f"{normalise(word)} " for word in data.get("office_prefixes") or ())
        self._groups = {
            normalise(group): frozenset(self.office(title) for title in titles)
            for group, titles in (data.get("groups") or {}).items()
        }

    def office(self, title: str) -> str:
        """The office a title names: "acting secretary of defense" -> "defence minister"."""
        key = self._normalise(title)
        for prefix in self._prefixes:
            key = key.removeprefix(prefix)
        return self._offices.get(key, key)

    def offices(self, title: str) -> frozenset[str]:
        """Every office a title or group ("head of state") covers."""
        key = self._normalise(title)
        group = self._groups.get(key)
        return group | {key} if group else frozenset({self.office(key)})

    def sector(self, title: str) -> str | None:
        """The PLOVER sector a role implies, or None when no role word is known.

        A cue word anywhere decides first ("analyst at a think tank" -> EDU);
        otherwise the longest known role phrase, the later one on a tie (the
        head of an English noun phrase comes last). "former" and the like turn
        a state role into ELI.
        """
        words = self._normalise(title).replace(",", " ").split()
        former = bool(words) and (words[0] in FORMER_WORDS or words[0].startswith("ex-"))
        rest = words[1:] if former else words
        if former and words[0].startswith("ex-") and len(words[0]) > 3:
            rest = [words[0][3:], *rest]
        sector = _best_match(rest, self._cues) or _best_match(rest, self._sectors)
        if former and sector in STATE_SECTORS:
            return "ELI"
        return sector


def _best_match(words: list[str], index: Mapping[str, str]) -> str | None:
    best: tuple[int, int, str] | None = None
    for size in range(min(MAX_PHRASE_WORDS, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            sector = index.get(" ".join(words[start : start + size]))
            if sector is not None and (best is None or (size, start) > best[:2]):
                best = (size, start, sector)
        if best is not None:
            return best[2]
    return None


def _phrase_index(data: Mapping[str, Any], normalise: Normalise, part: str) -> dict[str, str]:
    index: dict[str, str] = {}
    for sector, phrases in data.items():
        if sector not in SECTORS:
            raise EntryProblem(f"{part}: unknown sector {sector!r}")
        for phrase in phrases or ():
            index[normalise(phrase)] = sector
    return index


def parse_body_types(items: Iterable[object]) -> list[BodyType]:
    """The `types` list of bodies.yaml -> BodyType; raises EntryProblem."""
    types = []
    for index, raw in enumerate(items):
        if not isinstance(raw, Mapping) or not {"id", "name", "sector"} <= raw.keys():
            raise EntryProblem(f"body type {index + 1} needs 'id', 'name' and 'sector'")
        if raw["sector"] not in SECTORS:
            raise EntryProblem(f"body type {raw['id']!r}: unknown sector {raw['sector']!r}")
        aliases = tuple(str(alias) for alias in raw.get("aliases") or ())
        types.append(BodyType(str(raw["id"]), str(raw["name"]), str(raw["sector"]), aliases))
    return types
