"""The cached lemmatizer: the lemma spaCy's own rule lemmatizer gives, on every token."""

from __future__ import annotations

from typing import Any

import spacy

from watchfloor.nlp.lemmas import COMPONENT_NAME, LEMMATIZER, cache_lemmas
from watchfloor.nlp.model import DEFAULT_MODEL

TEXT = (
    "The ministers met on Tuesday. They didn't agree: the talks were harder than "
    "expected, and Seoul's envoys said the shipments of shells had been delayed again.\n"
    "Running battles continued; troops ran, fled and were running out of better options. "
    "Ministers meet again next week, and the minister meets his counterparts later. "
    "The envoy leaves when the leaves fall; he saw the saw."  # one word, two lemmas
)


def _pipelines() -> tuple[Any, Any]:
    own = spacy.load(DEFAULT_MODEL)
    cached = spacy.load(DEFAULT_MODEL)
    cache_lemmas(cached)
    return own, cached


def test_nlp_lemmas_are_the_lemmatizers_own_on_every_token() -> None:
    own, cached = _pipelines()
    assert COMPONENT_NAME in cached.pipe_names
    assert LEMMATIZER not in cached.pipe_names
    expected = [(t.text, t.lemma_) for t in own(TEXT)]
    lemmas = {lemma for _, lemma in expected}
    assert {"meet", "be", "shipment", "run", "flee", "leaf", "leave", "see"} <= lemmas
    # Twice: the second text finds every key in the cache.
    for _ in range(2):
        assert [(t.text, t.lemma_) for t in cached(TEXT)] == expected
    piped = [[(t.text, t.lemma_) for t in doc] for doc in cached.pipe([TEXT, TEXT[:40], ""])]
    assert piped == [expected, [(t.text, t.lemma_) for t in own(TEXT[:40])], []]


def test_nlp_lemmas_keep_a_lemma_set_earlier_unless_told_to_overwrite() -> None:
    _, cached = _pipelines()
    component = cached.get_pipe(COMPONENT_NAME)
    with cached.select_pipes(disable=[COMPONENT_NAME, "ner"]):
        doc = cached("The envoys met.")
    doc[1].lemma_ = "messenger"  # as the attribute ruler sets some lemmas before
    assert [t.lemma_ for t in component(doc)] == ["the", "messenger", "meet", "."]
    component.lemmatizer.overwrite = True
    assert [t.lemma_ for t in component(doc)] == ["the", "envoy", "meet", "."]


def test_nlp_lemmas_leave_a_pipeline_without_a_rule_lemmatizer_alone() -> None:
    blank = spacy.blank("en")
    cache_lemmas(blank)
    assert blank.pipe_names == []
    lookup = spacy.blank("en")
    lookup.add_pipe("lemmatizer", config={"mode": "lookup"})
    cache_lemmas(lookup)
    assert lookup.pipe_names == [LEMMATIZER]
