"""Glue between the dedup components and the store: state in, links and stories out.

The finder keeps its state in memory during a run; each article's fingerprint is
stored with the article, so the next run rebuilds the same state without
re-reading any text. The clusterer reads and writes its stories in the store's
story index as it goes, one batch (one transaction) at a time.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Sequence
from typing import Any

from watchfloor.dedup.cluster import (
    StoryClusterer,
    make_story_member,
    member_from_bytes,
    story_entry,
)
from watchfloor.dedup.fingerprint import Fingerprint
from watchfloor.dedup.near_dup import DuplicateFinder
from watchfloor.records import Analysis, Article, DuplicateLink, PartialDate
from watchfloor.settings import Settings
from watchfloor.store import Store


def _encode(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"hex": value.hex()}
    if isinstance(value, PartialDate):
        return {"date": value.iso()}
    if isinstance(value, frozenset):
        return sorted((_encode(v) for v in value), key=json.dumps)
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and "hex" in value:
        return bytes.fromhex(value["hex"])
    if isinstance(value, dict) and "date" in value:
        return PartialDate.parse(value["date"])
    return value


def fingerprint_to_bytes(fingerprint: Fingerprint) -> bytes:
    fields = {
        f.name: _encode(getattr(fingerprint, f.name)) for f in dataclasses.fields(fingerprint)
    }
    return json.dumps(fields).encode("utf-8")


def fingerprint_from_bytes(state: bytes) -> Fingerprint:
    fields = {name: _decode(value) for name, value in json.loads(state).items()}
    return Fingerprint(**fields)


class DedupStage:
    """Finds exact, near and reworded copies among incoming and stored articles."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._pending: dict[str, str] = {}
        self._fingerprints: list[Fingerprint] = []
        self._store: Store | None = None
        self.finder = DuplicateFinder(settings, self._text_of)

    def _text_of(self, doc_id: str) -> str | None:
        if doc_id in self._pending:
            return self._pending[doc_id]
        return self._store.article_text(doc_id) if self._store else None

    def load(self, store: Store) -> None:
        self._store = store
        self.finder.load(
            fingerprint_from_bytes(state) for state in store.read_states("fingerprints")
        )

    def run(self, articles: Sequence[Article]) -> tuple[list[Article], list[DuplicateLink]]:
        """Link each article to the earlier ones it copies; set `derived_from` on copies.

        Needs: articles in arrival order. Gives: the articles (a copy's
        `derived_from` names its original) and every link found.
        """
        self._pending = {article.doc_id: article.text for article in articles}
        result, links = [], []
        for article in articles:
            found, fingerprint = self.finder.add(article)
            self._fingerprints.append(fingerprint)
            links.extend(found)
            originals = [link.other_id for link in found if link.derived_from == link.other_id]
            if originals and article.derived_from is None:
                article = dataclasses.replace(article, derived_from=originals[0])
            result.append(article)
        return result, links

    def write(self, store: Store, links: Sequence[DuplicateLink]) -> None:
        """Store fingerprints and links; an earlier article found to be a copy is updated."""
        for fingerprint in self._fingerprints:
            store.write_state("fingerprints", fingerprint.doc_id, fingerprint_to_bytes(fingerprint))
        self._fingerprints = []
        store.write_duplicates(links)
        for link in links:
            if link.derived_from == link.doc_id:
                store.set_derived_from(link.other_id, link.doc_id)
        self._pending = {}


class StoryStage:
    """Places each analysed article in a story; the stories live in the store."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def load(self, store: Store) -> None:
        """Index the story members of a store written before the story index existed."""
        unindexed = list(store.read_story_members(unindexed=True))
        if unindexed:
            with store.transaction():
                for _, story_id, state in unindexed:
                    store.write_story_member(story_entry(member_from_bytes(state), story_id))

    def run(self, articles: Sequence[Article], analyses: Iterable[Analysis], store: Store) -> None:
        """Cluster the articles; write each one's story (inside the caller's transaction)."""
        by_doc = {analysis.doc_id: analysis for analysis in analyses}
        clusterer = StoryClusterer(self.settings, store)
        for article in articles:
            analysis = by_doc.get(article.doc_id, Analysis(article.doc_id))
            member = make_story_member(
                article,
                actors=(m.actor_id for m in analysis.mentions if m.actor_id),
                event_types=(e.type for e in analysis.events),
                dates=(t.value for t in analysis.time_expressions if t.value is not None),
            )
            clusterer.add(member)
