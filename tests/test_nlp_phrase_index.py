"""The actor ruler's phrase index: spaCy's PhraseMatcher's matches, tokenized once and cached."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.matcher import PhraseMatcher

from watchfloor.nlp import phrase_index
from watchfloor.nlp.model import split_glued_brackets
from watchfloor.nlp.phrase_index import (
    CACHE_MIN_PHRASES,
    FACTORY_NAME,
    PhraseIndex,
    register_actor_ruler,
    tokenize_phrases,
    tokenizer_key,
)
from watchfloor.resolve.knowledge_cache import CACHE_ENV

PHRASES = ["North Korea", "Korea", "U.S.", "Kim Jong-un", "the Hague", "Korea", "NATO(Brussels)"]
TEXT = (
    "North Korea and South Korea met in the Hague. The U.S. envoy said Kim Jong-un "
    "would not attend; North Korea North Korea. NATO(Brussels) agreed."
)


def test_nlp_phrase_index_matches_what_the_phrase_matcher_matches() -> None:
    nlp = spacy.blank("en")
    split_glued_brackets(nlp)
    matcher = PhraseMatcher(nlp.vocab)
    index = PhraseIndex()
    tokenized = tokenize_phrases(nlp, PHRASES)
    for number, (phrase, words) in enumerate(zip(PHRASES, tokenized, strict=True)):
        key = nlp.vocab.strings.add(f"key{number}")
        matcher.add(f"key{number}", [nlp.make_doc(phrase)])
        index.add(key, [nlp.vocab.strings.add(word) for word in words])
    doc = nlp.make_doc(TEXT)
    expected = sorted(matcher(doc))
    assert len(expected) > 8  # overlaps, repeats and one phrase under two keys
    assert sorted(index(doc)) == expected
    assert index(nlp.make_doc("")) == []


def test_nlp_phrase_index_tokenizes_once_then_reads_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    nlp = spacy.blank("en")
    phrases = [f"Minister Number{n}-of State" for n in range(CACHE_MIN_PHRASES)]
    first = tokenize_phrases(nlp, phrases)
    assert len(list(tmp_path.glob("phrases-*.pickle"))) == 1
    assert first[0] == ("Minister", "Number0", "-", "of", "State")

    def must_not_tokenize(*_: object) -> None:
        raise AssertionError("tokenized although the cache holds the phrases")

    monkeypatch.setattr(phrase_index, "_tokenize", must_not_tokenize)
    assert tokenize_phrases(nlp, phrases) == first


def test_nlp_phrase_index_cache_key_follows_phrases_and_tokenizer() -> None:
    nlp = spacy.blank("en")
    key = tokenizer_key(nlp, PHRASES)
    assert tokenizer_key(nlp, PHRASES) == key
    assert tokenizer_key(nlp, [*PHRASES, "Seoul"]) != key
    split_glued_brackets(nlp)  # another infix rule: the same phrases may split differently
    assert tokenizer_key(nlp, PHRASES) != key


def test_nlp_phrase_index_ruler_matches_what_spacys_span_ruler_matches() -> None:
    """Phrases and one-token ORTH patterns in the index, another token pattern in spaCy's
    matcher: the spans equal those of spaCy's own span ruler given the same patterns."""
    patterns: list[dict[str, Any]] = [
        {"label": "GPE", "pattern": "North Korea", "id": "PRK"},
        {"label": "GPE", "pattern": [{"ORTH": "UK"}], "id": "GBR"},
        {"label": "GPE", "pattern": [{"ORTH": "U.S."}], "id": "USA"},
        {"label": "ORG", "pattern": [{"ORTH": "NATO"}]},
        {"label": "ORG", "pattern": [{"LOWER": "un"}, {"ORTH": "envoy"}], "id": "UN"},
        {"label": "PERSON", "pattern": "Kim Jong-un", "id": "kim"},
    ]
    text = "The UK, the U.S. and NATO met North Korea; the UN envoy saw Kim Jong-un. uk, Nato."
    spans = {}
    for factory in ("span_ruler", FACTORY_NAME):
        register_actor_ruler()
        nlp = spacy.blank("en")
        ruler = nlp.add_pipe(factory, config={"spans_key": "found"})
        ruler.add_patterns(patterns)
        doc = nlp(text)
        spans[factory] = [(s.text, s.label_, s.id_) for s in doc.spans["found"]]
    assert ("UK", "GPE", "GBR") in spans["span_ruler"]
    assert ("UN envoy", "ORG", "UN") in spans["span_ruler"]
    assert spans[FACTORY_NAME] == spans["span_ruler"]
