"""Runs the NLP stages on articles: the one place that holds a spaCy Doc per article.

annotate (spaCy + actor ruler) -> mentions -> resolve actors -> time expressions
-> quantities -> events -> quotes. Each article comes out as one `Analysis` of
plain records; no spaCy object leaves this module.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from watchfloor.ingest.language import coding_skip_reason
from watchfloor.nlp.events import find_events
from watchfloor.nlp.events.event_model import EventModel
from watchfloor.nlp.events.quantities import find_quantities
from watchfloor.nlp.mentions.entities import find_mentions
from watchfloor.nlp.mentions.parties import PartyOf
from watchfloor.nlp.model import build_pipeline
from watchfloor.nlp.quotes import find_quotes
from watchfloor.nlp.time.dates import find_time_expressions
from watchfloor.nlp.workers import ParsePool, worker_count
from watchfloor.records import Actor, Analysis, Article, Sentence
from watchfloor.resolve.document import Resolution
from watchfloor.resolve.knowledge import KnowledgeBase, load_knowledge
from watchfloor.resolve.registry import ActorRegistry, event_party
from watchfloor.settings import Settings
from watchfloor.store import Store


class ArticleAnalyser:
    """Finds sentences, actors, dates, events and quotes in articles.

    The registry of actors persists across articles (and, through the store,
    across runs), so one person gets one id wherever they appear.
    """

    def __init__(
        self,
        settings: Settings,
        kb: KnowledgeBase | None = None,
        event_model: EventModel | None = None,
    ) -> None:
        self.settings = settings
        self.event_model = event_model  # None: the bundled detector, when settings ask for one
        self.kb = kb if kb is not None else load_knowledge(settings.actors_file)
        self.registry = ActorRegistry(self.kb)
        self._nlp: Any = None
        self._pool: ParsePool | None = None

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            self._nlp = build_pipeline(self.settings, self.kb)
        return self._nlp

    def load(self, store: Store) -> None:
        """Look actors found in earlier runs up in `store` when articles name them."""
        self.registry.read_from(store)

    def analyse(self, articles: Sequence[Article]) -> Iterator[Analysis]:
        """Needs: cleaned articles. Gives: one Analysis per article, in order.

        An article in a language other than English gets an empty Analysis whose
        note says why (`coding_skip_reason`).
        """
        limit = self.settings.nlp_max_chars
        coded = [article for article in articles if coding_skip_reason(article.language) is None]
        docs = iter(self.parse([article.text[:limit] for article in coded]))
        for article in articles:
            reason = coding_skip_reason(article.language)
            if reason is None:
                yield self.analyse_doc(article, next(docs))
            else:
                yield Analysis(doc_id=article.doc_id, notes=(reason,))

    def parse(self, texts: Sequence[str]) -> Iterator[Any]:
        """spaCy Docs for `texts`, in order: in worker processes when settings ask for them.

        A single text is parsed here (an article retried alone after a failed batch).
        """
        batch_size = self.settings.nlp_batch_size
        processes = worker_count(self.settings.processes)
        if processes < 2 or len(texts) < 2:
            return iter(self.nlp.pipe(texts, batch_size=batch_size))
        if self._pool is None:
            self._pool = ParsePool(self.nlp, self.settings, processes)
        return self._pool.pipe(texts, batch_size)

    def close(self) -> None:
        """Stop the worker processes, if any were started."""
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def analyse_doc(self, article: Article, doc: Any) -> Analysis:
        """Every NLP stage on one parsed article."""
        resolution, party_of = self.resolve_actors(article, doc)
        times = find_time_expressions(doc, article.published)
        quantities = find_quantities(doc)
        mentions = list(resolution.mentions)
        events = find_events(
            article, doc, mentions, party_of, times, quantities, self.settings, self.event_model
        )
        return Analysis(
            doc_id=article.doc_id,
            sentences=tuple(Sentence(s.start_char, s.end_char) for s in doc.sents),
            mentions=tuple(mentions),
            actors=resolution.actors,
            actor_keys=self.registry.keys_of(resolution.actors),
            time_expressions=tuple(times),
            events=tuple(events),
            quotes=tuple(find_quotes(article, doc, mentions)),
        )

    def resolve_actors(self, article: Article, doc: Any) -> tuple[Resolution, PartyOf]:
        """The article's mentions resolved to actors, and actor id -> event party."""
        resolution = self.registry.resolve(find_mentions(doc, article.doc_id), article.published)
        actors = {actor.id: actor for actor in resolution.actors}

        def lookup(actor_id: str) -> Actor | None:
            return actors.get(actor_id) or self.registry.get(actor_id)

        def party_of(actor_id: str) -> str | None:
            actor = lookup(actor_id)
            return event_party(actor, lookup) if actor is not None else None

        return resolution, party_of
