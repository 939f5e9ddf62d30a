"""Fusion over a store, block by block: only what an ingest added or changed is fused again.

Reports can fuse only within a block (the same type, actor set and recipient set;
`store.rows.fusion_key`), and the fusion of a block depends only on its reports, their
articles' publication dates, stories and copy groups, and (for placement) the reference
dates of those articles. So a change is followed by fusing again the blocks it touches:

* the blocks of an article's events before and after it is written (a new version
  drops its old events and brings new ones);
* the blocks of every article in its copy group (`copy_group_members`): a new copy link
  can join two groups, which changes which sources count as independent, and a new
  original changes the reference date of its undated copies.

The pipeline queues them (`queue_fusion`) in the transaction that writes the change;
`fuse_pending` fuses the queued blocks and empties the queue block by block, so a run
killed between its last commit and fusion leaves the work queued for the next run.
The result equals `fuse_store`, which fuses every report of the store at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from watchfloor._pause import pause_at
from watchfloor.fuse import Report, copy_groups, fuse_events
from watchfloor.records import CanonicalEvent, PartialDate
from watchfloor.reference_date import order_sources, place_event, read_reference_dates
from watchfloor.settings import Settings
from watchfloor.store import Placement, Store

# Blocks fused and written per transaction by `fuse_pending`.
BLOCKS_PER_TRANSACTION = 200


def copy_group_members(store: Store, doc_ids: Iterable[str]) -> dict[str, str]:
    """Every article linked to one of `doc_ids` by a chain of copy links, with its group.

    Needs: the store's copy links. Gives: doc_id -> the group's representative (its
    smallest doc_id, as `fuse.copy_groups` picks it), for `doc_ids` and all their copies.
    """
    groups: dict[str, str] = {}
    for start in doc_ids:
        if start in groups:
            continue
        members, frontier = {start}, [start]
        while frontier:
            for link in store.read_duplicates(frontier.pop()):
                for doc_id in (link.doc_id, link.other_id):
                    if doc_id not in members:
                        members.add(doc_id)
                        frontier.append(doc_id)
        first = min(members)
        groups.update(dict.fromkeys(members, first))
    return groups


def queue_fusion(store: Store, doc_ids: Iterable[str]) -> None:
    """Queue for fusion the blocks of these articles' events and of their copies' events.

    Call it inside the transaction that changes the articles: before the change (for
    the blocks their old events leave) and after it (for the blocks they join).
    """
    store.mark_fusion_pending(copy_group_members(store, doc_ids))


def fuse_pending(store: Store, settings: Settings) -> int:
    """Fuse again every queued block; returns how many blocks were fused.

    Needs: a store whose queue (`read_fusion_pending`) names the changed blocks.
    Gives: the fused events of those blocks replaced, and the queue empty. Each
    transaction writes a few hundred blocks and takes them off the queue together.
    """
    done = 0
    while keys := store.read_fusion_pending(limit=BLOCKS_PER_TRANSACTION):
        reports: list[Report] = []
        published: dict[str, str | None] = {}
        for key in keys:
            reports += _read_reports(store, published, key)
        groups = copy_group_members(store, published)
        fused = fuse_events(reports, groups, settings.fuse_window_days)
        placements = place_fused(store, fused, published)
        with store.transaction():
            store.replace_canonical_events(fused, placements, keys)
            pause_at("fusion")
        done += len(keys)
    return done


def fuse_store(store: Store, settings: Settings) -> int:
    """Fuse every stored report from scratch; returns how many fused events there are.

    Each fused event is stored with its timeline placement (`reference_date.place_event`).
    The queue is emptied: every block has just been fused. Reports are read and
    fused events written in one transaction, so a fusion running beside another
    never overwrites a newer result with an older one.
    """
    with store.transaction():
        published: dict[str, str | None] = {}
        reports = _read_reports(store, published)
        groups = copy_groups((r.event.doc_id for r in reports), store.read_duplicates())
        fused = fuse_events(reports, groups, settings.fuse_window_days)
        placements = place_fused(store, fused, published)
        store.replace_canonical_events(fused, placements)
    return len(fused)


def _read_reports(
    store: Store, published: dict[str, str | None], fusion_key: str | None = None
) -> list[Report]:
    """The reports of one block (of every block when None); notes each article's date."""
    reports = []
    for event_id, event, article_published, story in store.read_event_reports(fusion_key):
        published[event.doc_id] = article_published
        parsed = PartialDate.parse(article_published) if article_published else None
        reports.append(Report(event_id, event, parsed, story))
    return reports


def place_fused(
    store: Store, fused: Sequence[CanonicalEvent], published: dict[str, str | None]
) -> dict[str, Placement]:
    """Where each fused event goes on a timeline, as listings place it."""
    undated = [event for event in fused if event.date is None]
    unpublished = {doc_id for e in undated for doc_id in e.doc_ids if not published.get(doc_id)}
    references = read_reference_dates(store, unpublished)
    placements = {}
    for event in fused:
        sources = [{"doc_id": d, "published": published.get(d)} for d in event.doc_ids]
        date = event.date.iso() if event.date else None
        placements[event.canonical_id] = place_event(date, order_sources(sources, references))
    return placements
