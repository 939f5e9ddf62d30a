"""Runs the stages in order over batches of documents and counts what happened.

read -> clean -> (skip unchanged) -> dedup -> analyse (NLP, actors, events) -> stories -> store
-> fuse (the blocks of events the run changed)

No NLP happens here. Each batch is written in one transaction, so an
interrupted run keeps every batch it committed, and the next run skips those
articles as unchanged and carries on. The same transaction queues the fusion
blocks the batch changes (`fusion_queue.queue_fusion`); every run ends by fusing
the queued blocks, so it also finishes the fusion of a run stopped before it.

An exception while one document is cleaned, analysed or written rejects that
document (`processing_error`, with the exception in one line) and the batch
goes on: when a stage fails on a batch, it is run again one article at a time,
so only the articles it fails on are lost.
"""

from __future__ import annotations

import dataclasses
import enum
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TextIO

from watchfloor._pause import pause_at
from watchfloor.errors import StoreError
from watchfloor.fusion_queue import fuse_pending, fuse_store, queue_fusion
from watchfloor.ingest._problems import problem_from_exception
from watchfloor.ingest.clean import clean_document, published_note
from watchfloor.ingest.decode import replace_lone_surrogates
from watchfloor.ingest.language import coding_skip_reason
from watchfloor.ingest.read import read_documents
from watchfloor.records import Analysis, Article, DuplicateLink, RawDocument, Rejected
from watchfloor.settings import Settings
from watchfloor.store import Store

# Told how many more documents are done: each as soon as it is analysed, the rest of a
# batch (rejected, copies the store refused) when the batch is committed.
Progress = Callable[[int], None]


class InputWaits(enum.Enum):
    """Yielded by an input about to wait for more documents: commit the batch read so far.

    The load of `watchfloor batch --load` yields it before it waits for a partition
    Spark is still parsing, so that the articles it has are stored, not held until
    a full batch arrives (and then stored after the job's last partition).
    """

    NOW = "now"


INPUT_WAITS = InputWaits.NOW


class Analyser(Protocol):
    """The NLP stages: sentences, mentions, actors, dates, events, quotes."""

    def load(self, store: Store) -> None:
        """Read the actors of earlier runs from `store` (when needed, or at once)."""

    def analyse(self, articles: Sequence[Article]) -> Iterator[Analysis]: ...

    def close(self) -> None:
        """Release what `analyse` started (worker processes); it may be called again."""


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did."""

    stored: int = 0
    new_versions: int = 0
    unchanged: int = 0
    duplicates: int = 0  # articles found to copy an earlier one (not pairs)
    rejected: Counter[str] = field(default_factory=Counter)
    rejections: list[Rejected] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # "source: what was ignored"
    run_id: int | None = None  # the store's number for this run (`watchfloor rejected --run`)
    not_coded: Counter[str] = field(default_factory=Counter)  # stored, not coded, by language

    @property
    def rejected_total(self) -> int:
        return sum(self.rejected.values())

    def summary(self) -> str:
        """One line, e.g. "37 stored, 1 copy found, 2 rejected (empty 1, too_large 1)"."""
        parts = [f"{self.stored} stored"]
        if self.new_versions:
            parts.append(f"{self.new_versions} of them new versions")
        if self.unchanged:
            parts.append(f"{self.unchanged} unchanged")
        if self.duplicates:
            parts.append(f"{self.duplicates} {'copy' if self.duplicates == 1 else 'copies'} found")
        if self.not_coded:
            total = sum(self.not_coded.values())
            languages = ", ".join(f"{k} {v}" for k, v in sorted(self.not_coded.items()))
            parts.append(f"{total} not coded (language {languages}: events in English only)")
        rejected = f"{self.rejected_total} rejected"
        if self.rejected:
            rejected += " (" + ", ".join(f"{k} {v}" for k, v in sorted(self.rejected.items())) + ")"
        return ", ".join([*parts, rejected])

    def as_dict(self) -> dict[str, object]:
        return {
            "stored": self.stored,
            "new_versions": self.new_versions,
            "unchanged": self.unchanged,
            "duplicates": self.duplicates,
            "not_coded": dict(self.not_coded),
            "rejected": dict(self.rejected),
            "rejections": [dataclasses.asdict(r) for r in self.rejections],
            "warnings": list(self.warnings),
        }


@dataclass(slots=True)
class _Batch:
    articles: list[Article] = field(default_factory=list)
    new_version: set[str] = field(default_factory=set)
    rejected: list[Rejected] = field(default_factory=list)


@dataclass(slots=True)
class _Ticks:
    """Progress within one batch: at most `total` steps, whatever retries happen."""

    progress: Progress | None
    total: int
    done: int = 0

    def advance(self, count: int = 1) -> None:
        step = min(count, self.total - self.done)
        if step > 0 and self.progress is not None:
            self.progress(step)
        self.done += max(step, 0)

    def finish(self) -> None:
        self.advance(self.total - self.done)


class Pipeline:
    """Ingests documents into a store, stage by stage, batch by batch."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        analyser: Analyser | None = None,
        dedup: DedupStage | None = None,
        stories: StoryStage | None = None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.analyser = analyser
        self.dedup = dedup
        self.stories = stories

    def ingest(
        self,
        paths: Iterable[str | Path],
        stdin: TextIO | None = None,
        progress: Progress | None = None,
        globs: Sequence[str] = (),
    ) -> IngestReport:
        """Read, clean, dedup, analyse and store every document under `paths`
        (in folders, only the files named by `globs` when given: `read_documents`)."""
        documents = read_documents(paths, self.settings, stdin, globs)
        return self.ingest_items(documents, progress)

    def ingest_items(
        self,
        items: Iterable[RawDocument | Article | Rejected | InputWaits],
        progress: Progress | None = None,
    ) -> IngestReport:
        """Ingest documents already read: raw ones are cleaned, cleaned ones taken as they are.

        `watchfloor load` gives articles a batch job cleaned; `ingest` gives what it reads.
        Where `items` yields `INPUT_WAITS`, the batch read so far is committed at once.
        """
        run_id = self.store.start_run("ingest")
        report = IngestReport(run_id=run_id)
        if self.dedup is not None:
            self.dedup.load(self.store)
        if self.stories is not None:
            self.stories.load(self.store)
        if self.analyser is not None:
            self.analyser.load(self.store)
        try:
            for batch in self._batches(items, report, progress):
                ticks = _Ticks(progress, len(batch.articles) + len(batch.rejected))
                self._commit(batch, run_id, report, ticks)
                ticks.finish()
                pause_at("batch")
        finally:
            self._close_analyser()
        pause_at("after-commit")
        # Also finishes the fusion of an earlier run that was stopped before it.
        fuse_pending(self.store, self.settings)
        self.store.finish_run(run_id, report.stored, report.unchanged, report.rejected_total)
        return report

    def reprocess(self, progress: Progress | None = None) -> int:
        """Re-run the NLP stages, stories and fusion on every stored article.

        For use after a dictionary or code change. Identities and stories are
        rebuilt from scratch, in the order the articles were first stored, so
        the result is what a fresh ingest of the same inputs would give.

        The whole run is one write transaction: readers see the store as it was
        until the end, an interrupted run changes nothing, and another writer
        (an ingest) waits for it; no article is left without its story, and no
        mention points at an actor that was cleared. Every block
        is queued for fusion as it changes, and the run ends by fusing every block.
        """
        count = 0
        with self.store.transaction():
            # Every story changes: every block waits for fusion until the end.
            self.store.mark_fusion_pending(a.doc_id for a in self.store.iter_articles())
            self.store.clear_actors_and_stories()
            batch: list[Article] = []
            try:
                for article in self.store.iter_articles(in_ingest_order=True):
                    batch.append(article)
                    if len(batch) == self.settings.batch_size:
                        count += self._reanalyse(batch, progress)
                        batch = []
                count += self._reanalyse(batch, progress)
            finally:
                self._close_analyser()
            fuse_store(self.store, self.settings)
        return count

    def _close_analyser(self) -> None:
        # An analyser written before `close` joined the protocol (a test's stand-in) has none.
        close = getattr(self.analyser, "close", None)
        if close is not None:
            close()

    def _reanalyse(self, batch: list[Article], progress: Progress | None) -> int:
        if not batch:
            return 0
        analyses: list[Analysis] = []
        ticks = _Ticks(progress, len(batch))
        for analysis in self.analyser.analyse(batch) if self.analyser else ():
            analyses.append(analysis)
            ticks.advance()
        doc_ids = [article.doc_id for article in batch]
        self.store.mark_fusion_pending(doc_ids)  # inside reprocess's one transaction
        for analysis in analyses:
            self.store.write_analysis(analysis)
        if self.stories is not None:
            self.stories.run(batch, analyses, self.store)
        self.store.mark_fusion_pending(doc_ids)
        ticks.finish()
        return len(batch)

    def _batches(
        self,
        documents: Iterable[RawDocument | Article | Rejected | InputWaits],
        report: IngestReport,
        progress: Progress | None,
    ) -> Iterator[_Batch]:
        batch = _Batch()
        seen: set[tuple[str, str]] = set()
        for item in documents:
            if item is INPUT_WAITS:
                if batch.articles or batch.rejected:
                    yield batch
                    batch = _Batch()
                continue
            unchanged = report.unchanged
            try:
                self._place(item, batch, seen, report)
            except Exception as exc:  # a bug must cost this document only
                failed = problem_from_exception(exc, "clean")
                batch.rejected.append(failed.rejected(item.doc_id, item.source))
            if progress is not None and report.unchanged > unchanged:
                progress(1)
            if len(batch.articles) + len(batch.rejected) >= self.settings.batch_size:
                yield batch
                batch = _Batch()
        if batch.articles or batch.rejected:
            yield batch

    def _place(
        self,
        item: RawDocument | Article | Rejected,
        batch: _Batch,
        seen: set[tuple[str, str]],
        report: IngestReport,
    ) -> None:
        """Clean one document and put it in the batch, or count it as unchanged."""
        result = clean_document(item, self.settings) if isinstance(item, RawDocument) else item
        if isinstance(result, Rejected):
            batch.rejected.append(result)
            return
        key = (result.doc_id, result.content_hash)
        state = self.store.article_state(*key)
        if state == "unchanged" or key in seen:
            report.unchanged += 1
            return
        note = published_note(item) if isinstance(item, RawDocument) else None
        if note is not None:
            report.warnings.append(f"{item.source}: {note}")
        seen.add(key)
        if state == "changed":
            batch.new_version.add(result.doc_id)
        batch.articles.append(result)

    def _commit(self, batch: _Batch, run_id: int, report: IngestReport, ticks: _Ticks) -> None:
        rejected = list(batch.rejected)
        articles = batch.articles
        links: list[DuplicateLink] = []
        if self.dedup is not None and articles:
            articles, links = self._dedup(articles, rejected)
        analyses = self._analyse(articles, rejected, ticks) if self.analyser and articles else []
        analysed = {analysis.doc_id for analysis in analyses}
        if self.analyser is not None:
            articles = [article for article in articles if article.doc_id in analysed]
        try:
            written = self._write(articles, links, analyses, rejected, run_id)
        except StoreError:
            raise  # the store as a whole cannot be written (busy, read-only): not one article
        except Exception:
            # One article the store refuses must not cost the others: write each alone.
            written = self._write_one_by_one(articles, links, analyses, rejected, run_id)
        # Another process may have stored the same text since this batch was read.
        report.unchanged += len(articles) - len(written)
        articles = written
        report.stored += len(articles)
        for article in articles:
            if coding_skip_reason(article.language) is not None:
                report.not_coded[article.language or ""] += 1
        stored = {article.doc_id for article in articles}
        report.new_versions += len(batch.new_version & stored)
        report.duplicates += len({link.doc_id for link in links if link.doc_id in stored})
        for item in map(_storable, rejected):
            report.rejected[item.reason] += 1
            report.rejections.append(item)

    def _dedup(
        self, articles: list[Article], rejected: list[Rejected]
    ) -> tuple[list[Article], list[DuplicateLink]]:
        assert self.dedup is not None
        try:
            return self.dedup.run(articles)
        except Exception:
            kept: list[Article] = []
            links: list[DuplicateLink] = []
            for article in articles:
                try:
                    one, found = self.dedup.run([article])
                except Exception as exc:
                    rejected.append(_failed(article, exc, "dedup"))
                    continue
                kept.extend(one)
                links.extend(found)
            return kept, links

    def _analyse(
        self, articles: list[Article], rejected: list[Rejected], ticks: _Ticks
    ) -> list[Analysis]:
        assert self.analyser is not None
        analyses: list[Analysis] = []
        try:
            for analysis in self.analyser.analyse(articles):
                analyses.append(analysis)
                ticks.advance()
            return analyses
        except Exception:
            analyses = []
            for article in articles:
                try:
                    analyses.extend(self.analyser.analyse([article]))
                except Exception as exc:
                    rejected.append(_failed(article, exc, "analyse"))
            return analyses

    def _write(
        self,
        articles: Sequence[Article],
        links: Sequence[DuplicateLink],
        analyses: Sequence[Analysis],
        rejected: Sequence[Rejected],
        run_id: int,
    ) -> list[Article]:
        """Write one batch in one transaction; returns the articles written.

        An article whose text another run stored since this one read it is left
        out, with its copy links and analysis: it is unchanged, not a new version.
        """
        with self.store.transaction():
            articles = [a for a in articles if self._still_changed(a)]
            kept = {article.doc_id for article in articles}
            doc_ids = [article.doc_id for article in articles]
            queue_fusion(self.store, doc_ids)  # the blocks a new version's old events leave
            self.store.write_articles(articles)
            if self.dedup is not None:
                self.dedup.write(self.store, [link for link in links if link.doc_id in kept])
            analyses = [analysis for analysis in analyses if analysis.doc_id in kept]
            self.store.write_analyses(analyses)
            if self.stories is not None:
                self.stories.run(articles, analyses, self.store)
            self.store.write_rejected(run_id, [_storable(item) for item in rejected])
            queue_fusion(self.store, doc_ids)
        return articles

    def _still_changed(self, article: Article) -> bool:
        return self.store.article_state(article.doc_id, article.content_hash) != "unchanged"

    def _write_one_by_one(
        self,
        articles: Sequence[Article],
        links: Sequence[DuplicateLink],
        analyses: Sequence[Analysis],
        rejected: list[Rejected],
        run_id: int,
    ) -> list[Article]:
        """Each article in its own transaction; the ones the store refuses are rejected."""
        written: list[Article] = []
        for article in articles:
            own_links = [link for link in links if link.doc_id == article.doc_id]
            own = [analysis for analysis in analyses if analysis.doc_id == article.doc_id]
            try:
                written += self._write([article], own_links, own, [], run_id)
            except StoreError:
                raise
            except Exception as exc:
                rejected.append(_failed(article, exc, "store"))
        with self.store.transaction():
            self.store.write_rejected(run_id, [_storable(item) for item in rejected])
        return written


def _storable(rejected: Rejected) -> Rejected:
    """The rejection with any surrogate (an undecodable name or id) as U+FFFD, for the store."""
    return dataclasses.replace(
        rejected,
        doc_id=replace_lone_surrogates(rejected.doc_id),
        source=replace_lone_surrogates(rejected.source),
        detail=replace_lone_surrogates(rejected.detail),
    )


def _failed(article: Article, exc: Exception, stage: str) -> Rejected:
    return problem_from_exception(exc, stage).rejected(article.doc_id, article.source)


class StoryStage(Protocol):
    """Places analysed articles in stories; state lives in the store."""

    def load(self, store: Store) -> None: ...

    def run(
        self, articles: Sequence[Article], analyses: Iterable[Analysis], store: Store
    ) -> None: ...


class DedupStage(Protocol):
    """Finds copies among incoming articles and earlier ones; state lives in the store."""

    def load(self, store: Store) -> None: ...

    def run(self, articles: Sequence[Article]) -> tuple[list[Article], list[DuplicateLink]]: ...

    def write(self, store: Store, links: Sequence[DuplicateLink]) -> None: ...


def build_pipeline(store: Store, settings: Settings) -> Pipeline:
    """The full pipeline for `settings`: every stage wired to its component."""
    from watchfloor.dedup import stage
    from watchfloor.nlp.analyse import ArticleAnalyser

    return Pipeline(
        store,
        settings,
        analyser=ArticleAnalyser(settings),
        dedup=stage.DedupStage(settings),
        stories=stage.StoryStage(settings),
    )


__all__ = ["Pipeline", "build_pipeline", "fuse_pending", "fuse_store"]
