"""Positions over time: what an actor said and did about one issue toward a counterpart.

Needs: a store with fused events (`query.iter_events`), and the issues in
`data/plover/issues.yaml`: each a family of PLOVER types (and modes) with the
contexts that make an event part of it, and the role each type plays (the act
itself, a promise of it, a refusal, a reversal).
Gives: `position_steps`, the dated sequence of the actor's stated positions, one
`PositionStep` per fused event, each with its stance, its sources (doc_id,
outlet, publication date, evidence sentence) and whether it is a change point.

A stance is read from the event's role and status only, never from its words,
except to tell a conditional ("could supply arms in the event of ...") from a
plain hypothetical ("is considering supplying arms"):

    role       asserted, historical  future     hypothetical             negated
    act        done                  promised   considering/conditional  refused
    promise    promised              promised   considering/conditional  refused
    refusal    refused               refused    considering/conditional  considering
    reversal   reversed              reversed   considering/conditional  (no position)

Steps are in timeline order (`when`: the event's date, else its earliest
source's publication or reference date); steps on the same day follow the text
order of their first source; a date known only to the month or the year stands for
the middle of that span. Undated steps come last and are never change points.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

import yaml

from watchfloor import query
from watchfloor.errors import ConfigError
from watchfloor.records import EVENT_TYPES, PartialDate
from watchfloor.store import EventFilter, Store

# A safe loader: the C one when PyYAML was built with libyaml (10x faster at start-up).
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Stance = Literal["refused", "considering", "conditional", "promised", "done", "reversed"]
STANCES: tuple[Stance, ...] = (
    "refused", "considering", "conditional", "promised", "done", "reversed",
)  # fmt: skip
Role = Literal["act", "promise", "refusal", "reversal"]
ROLES: tuple[Role, ...] = ("act", "promise", "refusal", "reversal")

# role -> status -> stance; "hypothetical" may become "conditional" (see _CONDITION).
_STANCES: dict[str, dict[str, Stance | None]] = {
    "act": {"asserted": "done", "historical": "done", "future": "promised",
            "hypothetical": "considering", "negated": "refused"},
    "promise": {"asserted": "promised", "historical": "promised", "future": "promised",
                "hypothetical": "considering", "negated": "refused"},
    "refusal": {"asserted": "refused", "historical": "refused", "future": "refused",
                "hypothetical": "considering", "negated": "considering"},
    "reversal": {"asserted": "reversed", "historical": "reversed", "future": "reversed",
                 "hypothetical": "considering", "negated": None},
}  # fmt: skip
# Words that make a hypothetical act depend on something: a conditional position.
_CONDITION = re.compile(
    r"\b(?:if|unless|provided that|on condition|in the event|in case|as long as|"
    r"depends? on|depending on|conditional on|conditioned on)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class IssueAct:
    """One PLOVER type (with modes, when listed) that counts toward an issue, and its role."""

    type: str
    role: Role
    modes: tuple[str | None, ...] | None = None  # None: any mode
    contexts: tuple[str, ...] = ()  # empty: any context


@dataclass(frozen=True, slots=True)
class Issue:
    """A family of PLOVER acts about one matter, e.g. military aid."""

    name: str
    help: str
    acts: tuple[IssueAct, ...]

    def role_of(self, type: str, mode: str | None, contexts: Iterable[str]) -> Role | None:
        """The role an event of this type, mode and contexts plays, or None when not part."""
        found = set(contexts)
        for act in self.acts:
            if act.type != type or (act.modes is not None and mode not in act.modes):
                continue
            if not act.contexts or found & set(act.contexts):
                return act.role
        return None


@dataclass(frozen=True, slots=True)
class PositionSource:
    """One article that reports a step, with its evidence sentence."""

    doc_id: str
    outlet: str | None
    published: str | None
    status: str  # as this article reports the event
    evidence: str
    evidence_start: int
    evidence_end: int


@dataclass(frozen=True, slots=True)
class PositionStep:
    """One stated position of the actor toward the counterpart on an issue."""

    issue: str
    stance: Stance
    when: str | None  # YYYY[-MM[-DD]]; None when nothing dates it
    when_source: str | None  # "date", "published", "reference_date" or None
    canonical_id: str
    type: str
    mode: str | None
    status: str
    change: bool  # the stance differs from the previous dated step's (the first is one)
    previous: Stance | None  # the stance of the previous dated step
    sources: tuple[PositionSource, ...]

    def to_dict(self) -> dict[str, Any]:
        """The step as plain JSON-able data, for the CLI's --json and the API."""
        return {
            "issue": self.issue,
            "stance": self.stance,
            "when": self.when,
            "when_source": self.when_source,
            "change": self.change,
            "previous": self.previous,
            "canonical_id": self.canonical_id,
            "type": self.type,
            "mode": self.mode,
            "status": self.status,
            "sources": [
                {
                    "doc_id": s.doc_id,
                    "outlet": s.outlet,
                    "published": s.published,
                    "status": s.status,
                    "evidence": s.evidence,
                    "evidence_start": s.evidence_start,
                    "evidence_end": s.evidence_end,
                }
                for s in self.sources
            ],
        }


def load_issues() -> dict[str, Issue]:
    """The bundled issues (data/plover/issues.yaml) by name, checked."""
    return dict(_load_issues())


@lru_cache(maxsize=1)
def _load_issues() -> tuple[tuple[str, Issue], ...]:
    path = resources.files("watchfloor") / "data" / "plover" / "issues.yaml"
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    return tuple((str(name), _issue(str(name), entry)) for name, entry in raw.items())


def _issue(name: str, entry: Mapping[str, Any]) -> Issue:
    contexts = tuple(entry.get("contexts") or ())
    acts = []
    for item in entry.get("acts") or ():
        if item.get("type") not in EVENT_TYPES or item.get("role") not in ROLES:
            raise ConfigError(f"issues.yaml {name}: unknown type or role in {item!r}")
        modes = item.get("modes")
        acts.append(
            IssueAct(
                type=item["type"],
                role=item["role"],
                modes=tuple(modes) if modes is not None else None,
                contexts=tuple(item.get("contexts") or contexts),
            )
        )
    return Issue(name=name, help=str(entry.get("help", "")), acts=tuple(acts))


def check_issue(name: str) -> str:
    """`name` as the bundled issues spell it; an InputError naming the known ones if unknown."""
    return query.check_choice(name, load_issues(), "--issue")


def position_steps(
    store: Store, actor_id: str, toward_id: str, issue: str | None = None
) -> list[PositionStep]:
    """The actor's positions toward the counterpart, on one issue or on every issue.

    `actor_id` and `toward_id` may be ids or names (`query.resolve_actor_id`).
    Gives the steps of each issue in timeline order (see the module docstring),
    issue by issue in the order of issues.yaml; an unknown actor or issue is an
    InputError.
    """
    issues = load_issues()
    wanted = [issues[check_issue(issue)]] if issue else list(issues.values())
    filters = EventFilter(actor=actor_id, recipient=toward_id)
    events = list(query.iter_events(store, filters))
    steps: list[PositionStep] = []
    for chosen in wanted:
        steps += _mark_changes(sorted(_issue_steps(chosen, events), key=_step_order))
    return steps


def stance_of(role: Role, status: str, evidence: Iterable[str] = ()) -> Stance | None:
    """The stance an event of this role and status states (module docstring table)."""
    stance = _STANCES[role].get(status)
    conditional = any(_CONDITION.search(text) for text in evidence)
    if stance == "considering" and status == "hypothetical" and conditional:
        return "conditional"
    return stance


def _issue_steps(issue: Issue, events: Sequence[dict[str, Any]]) -> Iterator[PositionStep]:
    for event in events:
        sources = event["sources"]
        contexts = dict.fromkeys(c for source in sources for c in source.get("context") or ())
        role = issue.role_of(event["type"], event["mode"], contexts)
        if role is None:
            continue
        stance = stance_of(role, event["status"], (s["evidence"] for s in sources))
        if stance is None:
            continue
        yield PositionStep(
            issue=issue.name,
            stance=stance,
            when=event["when"],
            when_source=event["when_source"],
            canonical_id=event["canonical_id"],
            type=event["type"],
            mode=event["mode"],
            status=event["status"],
            change=False,
            previous=None,
            sources=tuple(_source(s) for s in sources),
        )


def _source(source: Mapping[str, Any]) -> PositionSource:
    return PositionSource(
        doc_id=source["doc_id"],
        outlet=source.get("outlet"),
        published=source.get("published"),
        status=source["status"],
        evidence=source["evidence"],
        evidence_start=source["evidence_start"],
        evidence_end=source["evidence_end"],
    )


def _step_order(step: PositionStep) -> tuple[object, ...]:
    """Timeline order; on one day, the text order of the first source; undated last.

    A date known only to the month or year stands for the middle of that span, as
    fusion compares dates: "2023" comes after "2023-04-11" and before "2023-09-01".
    """
    when = _middle(PartialDate.parse(step.when)) if step.when else (0, 0, 0)
    first = step.sources[0] if step.sources else None
    return (
        step.when is None,
        when,
        first.doc_id if first else "",
        first.evidence_start if first else 0,
        step.canonical_id,
    )


def _middle(date: PartialDate) -> tuple[int, int, int]:
    """(year, month, day) of the middle of a partial date's span: 1 July, or the 16th."""
    if date.month is None:
        return (date.year, 7, 1)
    return (date.year, date.month, date.day or 16)


def _mark_changes(steps: Sequence[PositionStep]) -> list[PositionStep]:
    """Each dated step with the stance before it and whether it changes it."""
    marked, previous = [], None
    for step in steps:
        if step.when is None:
            marked.append(step)
            continue
        change = step.stance != previous
        marked.append(replace(step, change=change, previous=previous))
        previous = step.stance
    return marked
