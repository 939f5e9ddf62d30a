"""The learned event detector: its bundled weights and how it combines with the rules."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pytest

from watchfloor.errors import ConfigError
from watchfloor.nlp.analyse import ArticleAnalyser
from watchfloor.nlp.events.event_model import NO_EVENT, EventModel, load_event_model
from watchfloor.records import EVENT_TYPES, Article, PartialDate
from watchfloor.settings import Settings, load_settings

TEXT = "Bolivia expelled the Chilean ambassador on Monday. Peru hailed the decision."


def test_nlp_event_model_bundled_weights_load() -> None:
    model = load_event_model()
    assert model.classes == (NO_EVENT, *EVENT_TYPES)
    assert model.sparse_weights.shape == (len(model.vocabulary), len(model.classes))
    assert model.dense_weights.shape[1] == len(model.classes)
    assert 0.0 <= model.veto_below <= 1.0


def test_nlp_event_model_probabilities_are_distributions() -> None:
    model = load_event_model()
    features = [["lemma=expel", "pos=VERB", "dep=ROOT"], ["lemma=table", "pos=NOUN"], []]
    dense = np.zeros((3, model.dense_weights.shape[0]), dtype=np.float32)
    probabilities = model.probabilities(features, dense)
    assert probabilities.shape == (3, len(model.classes))
    assert np.allclose(probabilities.sum(axis=1), 1.0)


def test_nlp_event_model_unknown_detector_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="event_detector must be one of rules, model, combined"):
        load_settings(environ={"WATCHFLOOR_EVENT_DETECTOR": "neural"}, config_path=None)


def _events(detector: str, model: EventModel | None = None) -> list[Any]:
    settings = Settings().replace(event_detector=detector)
    article = Article(doc_id="m1", title="", text=TEXT, published=PartialDate(2022, 5, 2))
    [analysis] = ArticleAnalyser(settings, event_model=model).analyse([article])
    return list(analysis.events)


@pytest.mark.model
def test_nlp_event_model_combined_keeps_rule_acts_the_model_does_not_veto() -> None:
    rules = _events("rules")
    never_veto = replace(load_event_model(), veto_below=0.0, propose_above=1.01)
    combined = _events("combined", never_veto)
    assert [(e.type, e.actor, e.recipient) for e in combined] == [
        (e.type, e.actor, e.recipient) for e in rules
    ]


@pytest.mark.model
def test_nlp_event_model_veto_drops_what_the_model_rejects() -> None:
    always_veto = replace(load_event_model(), veto_below=1.01, propose_above=1.01)
    assert _events("combined", always_veto) == []


def _model_that_knows(lemma: str, event_type: str) -> EventModel:
    """A hand-set detector: `lemma` names an act of `event_type`, every other word none."""
    classes = (NO_EVENT, *EVENT_TYPES)
    sparse = np.zeros((1, len(classes)), dtype=np.float32)
    sparse[0, classes.index(event_type)] = 20.0
    bias = np.zeros(len(classes), dtype=np.float32)
    bias[0] = 10.0
    return EventModel(
        classes=classes,
        vocabulary={f"lemma={lemma}": 0},
        sparse_weights=sparse,
        dense_weights=np.zeros((96, len(classes)), dtype=np.float32),
        bias=bias,
        dense_scale=1.0,
        veto_below=0.5,
        propose_above=0.5,
    )


@pytest.mark.model
def test_nlp_event_model_alone_codes_its_proposals_with_the_rules_syntax() -> None:
    events = _events("model", _model_that_knows("hail", "SUPPORT"))
    assert [(e.type, e.actor, e.trigger) for e in events] == [("SUPPORT", ("PER",), "hailed")]
