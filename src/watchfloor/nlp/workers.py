"""Runs the spaCy parse in worker processes; the Docs come back in input order.

Needs: the configured pipeline, built in this process first (workers started
by fork inherit it at no cost; where fork is missing, each worker builds it
from the settings). Gives: `ParsePool.pipe`, which stands in for `nlp.pipe`,
and `worker_count`, the number of processes a setting asks for.

Only the parse (tokenizer, tagger, parser, NER, actor ruler) runs in the
workers. Everything after it stays in the ingesting process, because actor
resolution learns from each article in turn: run in order there, it gives
the same ids and the same stored result as a run in one process. Each worker
sends its Docs back whole, as bytes (the learned event detector reads the
tok2vec tensor, so it travels too). At most two chunks per worker are in
flight, so memory stays bounded whatever the batch size. A worker that dies
(killed, out of memory) breaks the pool: the chunks it left are parsed in
this process and the rest of the run goes on there. A worker whose ingesting
process dies (kill -9) exits within `PARENT_CHECK_S` instead of waiting for
work forever.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from watchfloor.nlp.doc_bytes import docs_to_bytes, hooks_looked_up_once
from watchfloor.settings import Settings

Language = Any  # spacy.Language
Doc = Any  # spacy.tokens.Doc

# A setting of 0 means one worker per core, at most this many: beyond it the
# single writing process, not the parse, sets the pace.
MAX_AUTO_PROCESSES = 4
CHUNKS_IN_FLIGHT_PER_WORKER = 2
# Each worker gets several chunks per batch, so this process can analyse the
# first Docs while the workers parse the rest.
CHUNKS_PER_WORKER = 4
# How often a worker checks that the process that started it is still alive (seconds).
PARENT_CHECK_S = 1.0

_worker_nlp: Language = None


def worker_count(processes: int) -> int:
    """Processes to parse with: the setting, or for 0 the usable cores (capped)."""
    if processes > 0:
        return processes
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_AUTO_PROCESSES))


class ParsePool:
    """A fixed set of worker processes that parse texts with one spaCy pipeline."""

    def __init__(self, nlp: Language, settings: Settings, processes: int) -> None:
        self.nlp = nlp
        self.processes = processes
        self._broken = False
        forks = "fork" in multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if forks else "spawn")
        # A forked worker inherits the built pipeline (never pickled); a spawned one builds it.
        source: Language | Settings = nlp if forks else settings
        self._executor = ProcessPoolExecutor(
            processes, mp_context=context, initializer=_start_worker, initargs=(source,)
        )

    def pipe(self, texts: Sequence[str], batch_size: int) -> Iterator[Doc]:
        """Parse `texts` in the workers; yields one Doc per text, in order."""
        chunks_wanted = self.processes * CHUNKS_PER_WORKER
        per_chunk = max(1, min(batch_size, math.ceil(len(texts) / chunks_wanted)))
        chunks = [list(texts[i : i + per_chunk]) for i in range(0, len(texts), per_chunk)]
        pending: deque[tuple[list[str], Future[list[bytes]] | None]] = deque()
        for chunk in chunks:
            if len(pending) >= self.processes * CHUNKS_IN_FLIGHT_PER_WORKER:
                yield from self._docs(*pending.popleft(), batch_size)
            pending.append((chunk, self._submit(chunk, batch_size)))
        while pending:
            yield from self._docs(*pending.popleft(), batch_size)

    def close(self) -> None:
        """Stop the workers (queued chunks are dropped)."""
        self._executor.shutdown(wait=True, cancel_futures=True)

    def _submit(self, chunk: list[str], batch_size: int) -> Future[list[bytes]] | None:
        if self._broken:
            return None
        try:
            return self._executor.submit(_parse_chunk, chunk, batch_size)
        except BrokenProcessPool:
            self._broken = True
            return None

    def _docs(
        self, chunk: list[str], future: Future[list[bytes]] | None, batch_size: int
    ) -> Iterator[Doc]:
        if future is not None:
            try:
                parsed = future.result()
            except BrokenProcessPool:
                self._broken = True
            else:
                from spacy.tokens import Doc as SpacyDoc

                with hooks_looked_up_once():
                    for data in parsed:
                        yield SpacyDoc(self.nlp.vocab).from_bytes(data)
                return
        yield from self.nlp.pipe(chunk, batch_size=batch_size)


def _start_worker(source: Language | Settings) -> None:
    global _worker_nlp
    _exit_with_parent()
    if isinstance(source, Settings):
        from watchfloor.nlp.model import build_pipeline
        from watchfloor.resolve.knowledge import load_knowledge

        source = build_pipeline(source, load_knowledge(source.actors_file))
    _worker_nlp = source


def _exit_with_parent() -> None:
    """End this worker when the process that started it is gone (it is then adopted)."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_S)
        os._exit(0)

    threading.Thread(target=watch, name="watchfloor-parent-watch", daemon=True).start()


def _parse_chunk(texts: list[str], batch_size: int) -> list[bytes]:
    return docs_to_bytes(_worker_nlp.pipe(texts, batch_size=batch_size))
