"""Fusion: the same real-world event reported by several articles becomes one event.

Reports fuse when they have the same type, actors and recipients and their
times are compatible: equal dates where both give one, otherwise articles
published within a window of each other, or in the same story. A copy and its
original count as one independent source. Where the fused reports disagree
(quantity, date, status, mode, the kind of transfer: a sale against a loan, or
the country of the place), the event carries every value with the articles that
report it. Its place is the one most of its reports give.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date as _date

from watchfloor.overlap import content_overlap, sentence_terms, terms_overlap
from watchfloor.records import (
    STATUSES,
    CanonicalEvent,
    Disagreement,
    DuplicateLink,
    Event,
    PartialDate,
    Place,
)

# Words that name how arms or goods change hands; a sale and a loan of the same
# shells are the same event reported differently, and worth flagging.
TRANSFER_KINDS = {
    "sale": {"sell", "sells", "selling", "sold", "sale", "sales", "purchase", "purchased",
             "buy", "buying", "bought", "export", "exports", "exported", "exporting"},
    "loan": {"lend", "lends", "lending", "lent", "loan", "loans", "loaned", "lease", "leased"},
    "donation": {"donate", "donated", "donates", "donation", "donations", "gift", "gifted",
                 "free of charge"},
}  # fmt: skip
_WORD = re.compile(r"\w+")
# Sources often differ by a day or two on the same event (time zones, "on Monday" read
# against different days); dates further apart are different events.
DATE_SLACK_DAYS = 3
# Undated reports fuse only when their evidence shares this much of its content words;
# a copy and its original need less, as they are known to tell one story.
UNDATED_SIMILARITY = 0.4
COPY_SIMILARITY = 0.25


@dataclass(frozen=True, slots=True)
class Report:
    """One stored event with what fusion needs to know about its article."""

    event_id: str
    event: Event
    published: PartialDate | None = None
    story_id: str | None = None


@dataclass(frozen=True, slots=True)
class _Words:
    """A report's evidence as fusion compares it, computed once per report, not per pair."""

    terms: frozenset[str]  # content terms (stems), for `evidence_similarity`
    words: frozenset[str]  # lower-cased words, for the affinity between candidates


def _words_of(report: Report) -> _Words:
    evidence = report.event.evidence
    return _Words(sentence_terms(evidence), frozenset(_WORD.findall(evidence.lower())))


@dataclass(slots=True)
class _Cluster:
    reports: list[Report] = field(default_factory=list)

    @property
    def dates(self) -> list[PartialDate]:
        return [r.event.date for r in self.reports if r.event.date is not None]


def copy_groups(doc_ids: Iterable[str], links: Iterable[DuplicateLink]) -> dict[str, str]:
    """Map each doc_id to one representative of its group of copies (union-find)."""
    parent = {doc_id: doc_id for doc_id in doc_ids}

    def root(doc_id: str) -> str:
        parent.setdefault(doc_id, doc_id)
        while parent[doc_id] != doc_id:
            parent[doc_id] = parent[parent[doc_id]]
            doc_id = parent[doc_id]
        return doc_id

    for link in links:
        first, second = sorted((root(link.doc_id), root(link.other_id)))
        parent[second] = first
    return {doc_id: root(doc_id) for doc_id in list(parent)}


def fuse_events(
    reports: Sequence[Report], groups: dict[str, str], window_days: int = 30
) -> list[CanonicalEvent]:
    """Fuse reports of the same event across articles.

    Needs: every stored report, in document order; `groups` from `copy_groups`.
    Gives: canonical events, each with its reports, independent sources and
    disagreements; the result does not depend on the order of `reports`.
    """
    by_key: dict[tuple[str, frozenset[str], frozenset[str]], list[Report]] = defaultdict(list)
    for report in sorted(reports, key=_order):
        event = report.event
        by_key[(event.type, frozenset(event.actor), frozenset(event.recipient))].append(report)
    words = {id(report): _words_of(report) for report in reports}
    fused = []
    for key in sorted(by_key, key=lambda k: (k[0], sorted(k[1]), sorted(k[2]))):
        clusters: list[_Cluster] = []
        for report in by_key[key]:
            home = _best_cluster(report, clusters, _Context(groups, window_days, words))
            if home is None:
                home = _Cluster()
                clusters.append(home)
            home.reports.append(report)
        fused += [_canonical(cluster, groups) for cluster in clusters]
    return sorted(fused, key=lambda c: (c.date is None, _key(c.date), c.canonical_id))


def _key(date: PartialDate | None) -> tuple[int, int, int]:
    return date.sort_key if date is not None else (0, 0, 0)


def _order(report: Report) -> tuple[object, ...]:
    """Dated reports first, so that they found the fused events undated ones then join."""
    when = report.event.date or report.published
    return (
        report.event.date is None,
        when is None,
        _key(when),
        report.event.doc_id,
        report.event_id,
    )


@dataclass(frozen=True, slots=True)
class _Context:
    """What every comparison in one fusion needs: copy groups, window, words per report."""

    groups: dict[str, str]
    window_days: int
    words: dict[int, _Words]  # by id() of the report


def _best_cluster(report: Report, clusters: list[_Cluster], context: _Context) -> _Cluster | None:
    best, best_rank = None, None
    for cluster in clusters:
        if not _can_join(report, cluster, context):
            continue
        rank = _affinity(report, cluster, context)
        if best_rank is None or rank > best_rank:
            best, best_rank = cluster, rank
    return best


def _can_join(report: Report, cluster: _Cluster, context: _Context) -> bool:
    """A report joins a fused event that it matches one report of, and contradicts none of.

    It contradicts a report from the same article (an article reports each event
    once) or one whose date disagrees with its own.
    """
    event = report.event
    for other in cluster.reports:
        if other.event.doc_id == event.doc_id:
            return False
        if event.date and other.event.date and not _dates_close(event.date, other.event.date):
            return False
    return any(_compatible(report, other, context) for other in cluster.reports)


def _dates_close(first: PartialDate, second: PartialDate) -> bool:
    return dates_agree(first, second) or _days_apart(first, second) <= DATE_SLACK_DAYS


def _compatible(first: Report, second: Report, context: _Context) -> bool:
    """Could these two reports, from two articles, describe the same event?

    Dated reports need agreeing dates. Without a date on both, the reports must
    say much the same thing (shared content words) and come from copies of one
    article, or from articles published within the window or in one story.
    """
    a, b = first.event, second.event
    if a.doc_id == b.doc_id:
        return False  # an article reports each event once; its reports stay apart
    if a.date is not None and b.date is not None:
        return _dates_close(a.date, b.date)
    groups = context.groups
    similarity = terms_overlap(context.words[id(first)].terms, context.words[id(second)].terms)
    if groups.get(a.doc_id, a.doc_id) == groups.get(b.doc_id, b.doc_id):
        return similarity >= COPY_SIMILARITY
    if similarity < UNDATED_SIMILARITY:
        return False
    anchor_a, anchor_b = a.date or first.published, b.date or second.published
    if anchor_a is not None and anchor_b is not None:
        return abs(_days(anchor_a) - _days(anchor_b)) <= context.window_days
    return first.story_id is not None and first.story_id == second.story_id


def evidence_similarity(first: str, second: str) -> float:
    """Overlap coefficient of the content words (and numbers) of two evidence texts."""
    return content_overlap(first, second)


def dates_agree(first: PartialDate, second: PartialDate) -> bool:
    """Equal when both are cut to the coarser of their precisions."""
    order = ("year", "month", "day")
    coarser = min(first.precision, second.precision, key=order.index)
    return first.truncate(coarser) == second.truncate(coarser)


def _days_apart(first: PartialDate, second: PartialDate) -> int:
    """Days between two day-precise dates; a large number when either is coarser."""
    if first.day is None or second.day is None:
        return 1 << 30
    return abs(_days(first) - _days(second))


def _days(date: PartialDate) -> int:
    month = date.month or 6
    day = min(date.day or 15, calendar.monthrange(date.year, month)[1])
    return _date(date.year, month, day).toordinal()


def _affinity(report: Report, cluster: _Cluster, context: _Context) -> tuple[int, int, float]:
    groups = context.groups
    group = groups.get(report.event.doc_id, report.event.doc_id)
    same_group = any(groups.get(r.event.doc_id, r.event.doc_id) == group for r in cluster.reports)
    same_story = any(r.story_id and r.story_id == report.story_id for r in cluster.reports)
    words = context.words[id(report)].words
    overlap = max(_jaccard(words, context.words[id(r)].words) for r in cluster.reports)
    return (int(same_group), int(same_story), overlap)


def _jaccard(first: frozenset[str], second: frozenset[str]) -> float:
    return len(first & second) / len(first | second) if first or second else 0.0


def _canonical(cluster: _Cluster, groups: dict[str, str]) -> CanonicalEvent:
    reports = cluster.reports
    first = reports[0].event
    doc_ids = tuple(dict.fromkeys(r.event.doc_id for r in reports))
    statuses = Counter(r.event.status for r in reports)
    modes = Counter(r.event.mode for r in reports if r.event.mode)
    dates = cluster.dates
    date = max(dates, key=lambda d: ("year", "month", "day").index(d.precision)) if dates else None
    key = hashlib.sha1(reports[0].event_id.encode("utf-8")).hexdigest()[:12]
    return CanonicalEvent(
        canonical_id=f"ev-{key}",
        type=first.type,
        actor=first.actor,
        recipient=first.recipient,
        status=max(statuses, key=lambda s: (statuses[s], -STATUSES.index(s))),
        event_ids=tuple(r.event_id for r in reports),
        doc_ids=doc_ids,
        independent_sources=len({groups.get(doc_id, doc_id) for doc_id in doc_ids}),
        mode=modes.most_common(1)[0][0] if modes else None,
        date=date,
        disagreements=tuple(find_disagreements(reports)),
        place=fused_place(reports),
    )


def fused_place(reports: Sequence[Report]) -> Place | None:
    """The country most reports place the event in (the first named on a tie), with the
    city or region most of those reports name, if any."""
    countries = Counter(r.event.place.country for r in reports if r.event.place)
    if not countries:
        return None
    country = countries.most_common(1)[0][0]
    names = Counter(
        r.event.place.name
        for r in reports
        if r.event.place and r.event.place.country == country and r.event.place.name
    )
    return Place(country, names.most_common(1)[0][0] if names else None)


def find_disagreements(reports: Sequence[Report]) -> list[Disagreement]:
    """Fields that the reports of one event give different values for."""
    found = []
    for name in ("quantity", "date", "status", "mode", "transfer", "place"):
        values: dict[str, list[str]] = defaultdict(list)
        for report in reports:
            value = _field_value(report.event, name)
            if value is not None and report.event.doc_id not in values[value]:
                values[value].append(report.event.doc_id)
        distinct = _distinct(name, values)
        if len(distinct) > 1:
            found.append(Disagreement(name, tuple((v, tuple(values[v])) for v in distinct)))
    return found


def _distinct(name: str, values: dict[str, list[str]]) -> list[str]:
    """The values that really differ; dates that agree at a common precision do not."""
    keys = sorted(values)
    if name == "date":
        dates = [PartialDate.parse(key) for key in keys]
        if all(dates_agree(a, b) for a in dates for b in dates):
            return keys[:1]
    return keys


def _field_value(event: Event, name: str) -> str | None:
    if name == "quantity":
        q = event.quantity
        return f"{q.value:g} {_unit_head(q.unit)}".strip() if q else None
    if name == "date":
        return event.date.iso() if event.date else None
    if name == "status":
        return event.status
    if name == "mode":
        return event.mode
    if name == "place":
        return event.place.country if event.place else None
    return transfer_kind(event)


def _unit_head(unit: str | None) -> str:
    """The noun a unit phrase counts: "20 Leopard tanks" and "20 tanks" agree."""
    words = (unit or "").split()
    return words[-1].lower() if words else ""


def transfer_kind(event: Event) -> str | None:
    """sale, loan or donation, when the evidence names exactly one of them."""
    text = event.evidence.lower()
    words = set(_WORD.findall(text))
    kinds = {
        kind
        for kind, terms in TRANSFER_KINDS.items()
        if words & terms or any(" " in term and term in text for term in terms)
    }
    return kinds.pop() if len(kinds) == 1 else None
