"""Glue between the dedup components and the store: state in, links and stories out.

The finder looks earlier fingerprints up in the store: each article's fingerprint is
stored with its LSH band hashes, and a new article reads only the fingerprints that
share a band with it (plus those of its own batch, held in memory until written).
A store written before bands were kept (or with other dedup settings) gets its bands
at the start of the next ingest, in chunks of `BAND_CHUNK`, each its own transaction.
The clusterer reads and writes its stories in the store's story index as it goes,
one batch (one transaction) at a time.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from watchfloor.dedup.cluster import (
    StoryClusterer,
    make_story_member,
    member_from_bytes,
    story_entry,
)
from watchfloor.dedup.fingerprint import Fingerprint
from watchfloor.dedup.near_dup import DuplicateFinder, SignatureKind
from watchfloor.records import Analysis, Article, DuplicateLink, FingerprintEntry, PartialDate
from watchfloor.settings import Settings
from watchfloor.store import Store

BAND_CHUNK = 500  # stored fingerprints given their bands per transaction
# A progress bar: (label, total) -> a context giving a function that advances it by n
# (or None when nothing is shown), as `cli.progress_bar`.
ProgressBar = Callable[[str, int | None], AbstractContextManager[Callable[[int], None] | None]]


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


class StoredFingerprints:
    """The store's fingerprints as the finder's `FingerprintIndex`."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def find_candidates(self, kind: SignatureKind, hashes: Sequence[int]) -> set[str]:
        return self.store.find_fingerprint_candidates(kind, hashes)

    def find_same_content(self, content_hash: str) -> list[str]:
        return self.store.find_same_content(content_hash)

    def read_fingerprints(self, doc_ids: Iterable[str]) -> dict[str, Fingerprint]:
        found = self.store.read_fingerprints(doc_ids)
        return {doc_id: fingerprint_from_bytes(state) for doc_id, state in found.items()}


def fingerprint_entry(finder: DuplicateFinder, fingerprint: Fingerprint) -> FingerprintEntry:
    """What the store keeps of a fingerprint: its state and its bands in `finder`'s layout."""
    return FingerprintEntry(
        doc_id=fingerprint.doc_id,
        content_hash=fingerprint.content_hash,
        state=fingerprint_to_bytes(fingerprint),
        layout=finder.layout,
        bands=finder.bands_of(fingerprint),
    )


def band_stored_fingerprints(
    store: Store, settings: Settings, progress_bar: ProgressBar | None = None
) -> int:
    """Write the bands of every stored fingerprint that lacks those of `settings`' layout.

    Needs: a store whose fingerprints were made with these settings (else a ConfigError
    says to recompute them). Gives: how many were banded. Resumable: each chunk is
    committed on its own. The CLI calls it before an ingest's own progress bar starts;
    `DedupStage.load` calls it again, which then has nothing to do.
    """
    finder = DuplicateFinder(settings, lambda doc_id: None)
    total = store.count_unbanded_fingerprints(finder.layout)
    if not total:
        return 0
    done = 0
    with _progress(progress_bar, "indexing stored fingerprints", total) as advance:
        while chunk := store.read_unbanded_fingerprints(finder.layout, BAND_CHUNK):
            with store.transaction():
                for _, state in chunk:
                    store.write_fingerprint(
                        fingerprint_entry(finder, fingerprint_from_bytes(state))
                    )
            done += len(chunk)
            if advance is not None:
                advance(len(chunk))
    return done


def _progress(
    progress_bar: ProgressBar | None, label: str, total: int
) -> AbstractContextManager[Callable[[int], None] | None]:
    if progress_bar is not None:
        return progress_bar(label, total)
    return nullcontext(None)


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
        """Look earlier fingerprints up in `store`, first giving any that lack them their bands."""
        self._store = store
        self.finder = DuplicateFinder(self.settings, self._text_of, StoredFingerprints(store))
        band_stored_fingerprints(store, self.settings)

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
        """Store fingerprints and links; an earlier article found to be a copy is updated.

        The fingerprints written leave the finder's memory: later lookups read them
        from the store.
        """
        for fingerprint in self._fingerprints:
            store.write_fingerprint(fingerprint_entry(self.finder, fingerprint))
        if self.finder.stored is not None:
            self.finder.forget(fingerprint.doc_id for fingerprint in self._fingerprints)
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
