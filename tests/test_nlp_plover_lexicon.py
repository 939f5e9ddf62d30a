"""The PLOVER lexicon files load, are consistent, and carry the manual's scores."""

from __future__ import annotations

import pytest

from watchfloor.nlp.events.plover_lexicon import load_lexicon
from watchfloor.records import EVENT_TYPES


def test_nlp_plover_lexicon_covers_every_category() -> None:
    lexicon = load_lexicon()
    types = {
        sense.type
        for part in lexicon.senses.values()
        for senses in part.values()
        for sense in senses
    }
    assert types >= set(EVENT_TYPES)


@pytest.mark.parametrize(
    ("event_type", "mode", "expected"),
    [
        ("AID", None, 10.0),
        ("CONSULT", "visit", 4.0),
        ("CONSULT", "unknown-mode", 2.5),
        ("ACCUSE", None, -3.0),  # the manual prints 3; read as -3 (see scores.yaml)
        ("ASSAULT", "unconventional", -10.0),
    ],
)
def test_nlp_plover_lexicon_scores(event_type: str, mode: str | None, expected: float) -> None:
    assert load_lexicon().score(event_type, mode) == expected


def test_nlp_plover_lexicon_every_type_has_a_score() -> None:
    lexicon = load_lexicon()
    assert all(lexicon.score(event_type, None) is not None for event_type in EVENT_TYPES)
