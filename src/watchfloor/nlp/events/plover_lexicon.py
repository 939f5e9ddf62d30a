"""The PLOVER lexicon: trigger words, object classes, contexts and scores, read from YAML.

Needs: the files in `watchfloor/data/plover/` (triggers.yaml, classes.yaml,
contexts.yaml, scores.yaml); docs/events.md documents their fields.
Gives: `Lexicon`, a read-only table that answers "which senses can this word
have", "which classes is this noun in", "which contexts does this word
suggest" and "what is the PLOVER score of this type and mode". Loaded once per
process; no spaCy here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

import yaml

from watchfloor.errors import ConfigError
from watchfloor.records import EVENT_TYPES
from watchfloor.resolve.knowledge_cache import load_or_build

# A safe loader: the C one when PyYAML was built with libyaml (10x faster at start-up).
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Frame = Literal[
    "give",
    "receive",
    "direct",
    "mutual",
    "visit",
    "host",
    "ask",
    "accuse",
    "self",
    "protest",
    "leave",
    "face",
]
Governs = Literal[
    "reject", "promise", "ask", "threaten", "discontinue", "consider", "plan", "report", "negate"
]
PartOfSpeech = Literal["verbs", "nouns", "adjectives"]

FRAMES: frozenset[str] = frozenset(Frame.__args__)  # type: ignore[attr-defined]
GOVERNS: frozenset[str] = frozenset(Governs.__args__)  # type: ignore[attr-defined]
PARTY_CLASS = "party"  # pseudo-class: the object is a political actor
PEOPLE_CLASS = "people"  # pseudo-class: the object is a person or a group, named or not


@dataclass(frozen=True, slots=True)
class Sense:
    """One meaning a trigger word can have."""

    type: str | None = None  # None for a word that only governs a complement
    mode: str | None = None
    contexts: tuple[str, ...] = ()
    frame: Frame = "direct"
    objects: tuple[str, ...] | None = None  # classes the object must be in; None: any
    unless: tuple[str, ...] = ()  # classes the object must not be in ("threatens security")
    governs: Governs | None = None
    light: bool = False  # nouns: needs a support verb or an owner
    pending: bool = False  # applies only to an act still to come ("would respond to")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Trigger senses by part of speech and key ("sell", "call for"), plus word tables."""

    senses: Mapping[str, Mapping[str, tuple[Sense, ...]]]
    classes: Mapping[str, frozenset[str]]  # lemma -> classes it belongs to
    contexts: Mapping[str, tuple[str, ...]]  # lemma -> contexts it suggests
    scores: Mapping[str, float]
    support_verbs: frozenset[str] = field(default_factory=frozenset)
    undergo_verbs: frozenset[str] = field(default_factory=frozenset)
    assault_instruments: Mapping[str, str] = field(default_factory=dict)
    state_acts: frozenset[str] = field(default_factory=frozenset)
    # Part of speech -> every run of whole words a multi-word key starts with ("call" and
    # "call for" of "call for help"): `has_phrasal` is asked of every verb of a text.
    phrasal_starts: Mapping[str, frozenset[str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        starts = {
            part: frozenset(
                key[:index] for key in keys for index, char in enumerate(key) if char == " "
            )
            for part, keys in self.senses.items()
        }
        object.__setattr__(self, "phrasal_starts", starts)

    def senses_for(self, part: PartOfSpeech, key: str) -> tuple[Sense, ...]:
        return self.senses.get(part, {}).get(key, ())

    def has_phrasal(self, part: PartOfSpeech, lemma: str) -> bool:
        """Whether some key of `part` starts with `lemma` and a second word."""
        return lemma in self.phrasal_starts.get(part, frozenset())

    def governs_complement(self, verb_lemma: str) -> bool:
        """Whether a verb has a sense that governs an act ("consider", "refuse", "plan")."""
        return any(sense.governs for sense in self.senses_for("verbs", verb_lemma))

    def classes_of(self, lemma: str) -> frozenset[str]:
        return self.classes.get(lemma.lower(), frozenset())

    def score(self, event_type: str, mode: str | None) -> float | None:
        """The PLOVER score of `event_type:mode`, else of `event_type`."""
        if mode is not None and f"{event_type}:{mode}" in self.scores:
            return self.scores[f"{event_type}:{mode}"]
        return self.scores.get(event_type)


LEXICON_FILES = ("triggers.yaml", "classes.yaml", "contexts.yaml", "scores.yaml")


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The bundled lexicon, checked; raises ConfigError naming a bad entry.

    Read from the user's cache (`knowledge_cache.py`) while the YAML files and this
    module are unchanged: parsing the YAML takes about 0.15 s, the copy 0.01 s.
    """
    package = resources.files("watchfloor")
    digest = hashlib.sha256()
    for source in [package / "data" / "plover" / name for name in LEXICON_FILES] + [
        package / "nlp" / "events" / "plover_lexicon.py",
        package / "records.py",
    ]:
        digest.update(source.read_bytes())
    return load_or_build(digest.hexdigest()[:32], build_lexicon, Lexicon, prefix="lexicon")


def build_lexicon() -> Lexicon:
    """The bundled lexicon read afresh from its YAML; raises ConfigError naming a bad entry."""
    triggers = _read("triggers.yaml")
    classes = _read("classes.yaml")
    by_lemma: dict[str, set[str]] = {}
    for name, words in classes.items():
        for word in words:
            by_lemma.setdefault(str(word).lower(), set()).add(str(name))
    senses = {
        part: {str(key): _senses(part, str(key), raw, classes) for key, raw in entries.items()}
        for part, entries in triggers.items()
        if part in ("verbs", "nouns", "adjectives")
    }
    return Lexicon(
        senses=senses,
        classes={lemma: frozenset(names) for lemma, names in by_lemma.items()},
        contexts={str(k): tuple(v) for k, v in _read("contexts.yaml").items()},
        scores={str(k): float(v) for k, v in _read("scores.yaml").items()},
        support_verbs=frozenset(triggers.get("support_verbs", ())),
        undergo_verbs=frozenset(triggers.get("undergo_verbs", ())),
        assault_instruments=dict(triggers.get("assault_instruments", {})),
        state_acts=frozenset(triggers.get("state_acts", ())),
    )


def _senses(part: str, key: str, raw: Any, classes: Mapping[str, Any]) -> tuple[Sense, ...]:
    if not isinstance(raw, list) or not raw:
        raise ConfigError(f"triggers.yaml {part}.{key}: expected a list of senses, got {raw!r}")
    return tuple(_sense(f"{part}.{key}[{i}]", item, classes) for i, item in enumerate(raw))


def _sense(where: str, raw: Any, classes: Mapping[str, Any]) -> Sense:
    if not isinstance(raw, dict):
        raise ConfigError(f"triggers.yaml {where}: expected a mapping, got {raw!r}")
    event_type, governs = raw.get("type"), raw.get("governs")
    if event_type is not None and event_type not in EVENT_TYPES:
        raise ConfigError(f"triggers.yaml {where}: unknown type {event_type!r}")
    if governs is not None and governs not in GOVERNS:
        raise ConfigError(f"triggers.yaml {where}: governs must be one of {sorted(GOVERNS)}")
    if event_type is None and governs is None:
        raise ConfigError(f"triggers.yaml {where}: a sense needs a type or governs")
    frame = raw.get("frame", "direct")
    if frame not in FRAMES:
        raise ConfigError(f"triggers.yaml {where}: frame must be one of {sorted(FRAMES)}")
    objects = raw.get("objects")
    unless = tuple(raw.get("unless", ()))
    named = [*(objects or ()), *unless]
    unknown = [n for n in named if n not in (PARTY_CLASS, PEOPLE_CLASS) and n not in classes]
    if unknown:
        raise ConfigError(f"triggers.yaml {where}: unknown object classes {unknown}")
    return Sense(
        type=event_type,
        mode=raw.get("mode"),
        contexts=tuple(raw.get("context", ())),
        frame=frame,
        objects=None if objects is None else tuple(objects),
        unless=unless,
        governs=governs,
        light=bool(raw.get("light", False)),
        pending=bool(raw.get("pending", False)),
    )


def _read(name: str) -> dict[str, Any]:
    path = resources.files("watchfloor") / "data" / "plover" / name
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read the PLOVER lexicon file {name}: {exc}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"the PLOVER lexicon file {name} must hold a mapping")
    return data
