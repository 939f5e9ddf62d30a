"""The attribute ruler's index: exactly the matches spaCy's own `match` gives."""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from watchfloor.nlp.attribute_index import AttributeIndex, indexed_match

# Tags and dependencies set by hand, so the blank pipeline needs no model.
WORDS = ["There", "is", "a", "\n", "Gon", "na", "let", "'s", "y'", "all", "Xerxes", "runs", "."]
TAGS = ["EX", "VBZ", "DT", "_SP", "VBG", "TO", "VB", "PRP", "PRP", "DT", "NNP", "VBZ", "."]
DEPS = ["expl", "ROOT", "det", "dep", "xcomp", "aux", "ccomp", "nsubj", "nsubj", "det", "nsubj"]
DEPS += ["conj", "punct"]
PATTERNS: list[dict[str, Any]] = [
    {"patterns": [[{"TAG": "_SP"}]], "attrs": {"POS": "SPACE"}},
    {"patterns": [[{"TAG": {"IN": ["VBZ", "VB"]}}]], "attrs": {"POS": "VERB"}},
    {"patterns": [[{"LOWER": "is", "TAG": "VBZ"}]], "attrs": {"LEMMA": "be"}},
    {"patterns": [[{"LOWER": "a"}], [{"LOWER": "a", "TAG": "DT"}]], "attrs": {"LEMMA": "a"}},
    {"patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "are"]}}]], "attrs": {"POS": "AUX"}},
    {"patterns": [[{"DEP": "expl"}, {"LOWER": "is"}]], "attrs": {"POS": "VERB"}, "index": 1},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
    {"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], "attrs": {"LEMMA": "you"}},
    {"patterns": [[{"LOWER": {"REGEX": "^x"}}]], "attrs": {"LEMMA": "x"}},  # one token, a regex
    {"patterns": [[{"TAG": {"NOT_IN": ["NNP", "_SP"]}, "DEP": "nsubj"}]], "attrs": {"POS": "PRON"}},
    {"patterns": [[{"IS_SPACE": True, "DEP": {"NOT_IN": ["ROOT"]}}]], "attrs": {"DEP": "dep"}},
    {"patterns": [[{"IS_SPACE": False, "TAG": "."}]], "attrs": {"POS": "PUNCT"}},
    {"patterns": [[{"ORTH": "runs"}]], "attrs": {"LEMMA": "run"}},  # an attribute not indexed
    {"patterns": [[{"TAG": "VBZ", "OP": "+"}]], "attrs": {"LEMMA": "be"}},  # an operator
]


def _ruler_and_doc() -> tuple[AttributeRuler, Doc]:
    nlp = spacy.blank("en")
    ruler: Any = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(PATTERNS)
    heads = [1, 1, 1, 1, 1, 4, 1, 6, 11, 8, 11, 1, 1]
    doc = Doc(nlp.vocab, words=WORDS, tags=TAGS, deps=DEPS, heads=heads)
    return ruler, doc


def test_nlp_attribute_index_matches_what_the_ruler_matches() -> None:
    ruler, doc = _ruler_and_doc()
    expected = ruler.match(doc)
    assert len({attr_id for attr_id, *_ in expected}) >= 10  # most patterns match
    assert indexed_match(ruler)(doc) == expected
    assert indexed_match(ruler)(Doc(doc.vocab, words=[])) == []


def test_nlp_attribute_index_leaves_other_shapes_to_a_matcher() -> None:
    ruler, _ = _ruler_and_doc()
    index = AttributeIndex(ruler.vocab.strings)
    kept = [
        index.add(attr_id, pattern[0])
        for attr_id, entry in enumerate(PATTERNS)
        for pattern in entry["patterns"]
        if len(pattern) == 1
    ]
    # the regex, the ORTH test and the operator are refused; every other one-token pattern is filed
    assert kept.count(False) == 3
    assert index.count == len(kept) - 3


def test_nlp_attribute_index_sets_what_the_ruler_sets() -> None:
    stock, doc = _ruler_and_doc()
    indexed, other = _ruler_and_doc()
    indexed.match = indexed_match(indexed)  # type: ignore[method-assign,assignment]
    stock(doc)
    indexed(other)
    for token, same in zip(doc, other, strict=True):
        assert (token.pos_, token.lemma_, token.dep_) == (same.pos_, same.lemma_, same.dep_)


@pytest.mark.model
def test_nlp_attribute_index_gives_the_model_ruler_s_matches(nlp: Any) -> None:
    text = (
        "There's a summit in Geneva on Monday, and y'all are gonna hear that ain't so.\n\n"
        "Let's see: the U.S. envoy, Ms. Rice, said talks were 'constructive'. Couldn't be better!"
    )
    ruler = nlp.get_pipe("attribute_ruler")
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        doc = nlp(text)
    expected = type(ruler).match(ruler, doc)  # spaCy's own, whatever the instance holds
    assert len(expected) > len(doc)  # a tag-map entry per token, and exceptions
    assert indexed_match(ruler)(doc) == expected
