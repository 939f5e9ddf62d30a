"""The PLOVER lexicon files load, are consistent, and carry the manual's scores."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml

from watchfloor.nlp.events.plover_lexicon import build_lexicon, load_lexicon
from watchfloor.records import EVENT_TYPES
from watchfloor.resolve.knowledge_cache import CACHE_ENV


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


@pytest.mark.parametrize("name", ["triggers.yaml", "classes.yaml", "contexts.yaml", "scores.yaml"])
def test_nlp_plover_lexicon_files_have_no_duplicate_keys(name: str) -> None:
    """YAML keeps the last of two equal keys, so a repeated word would silently lose senses."""
    text = (resources.files("watchfloor") / "data" / "plover" / name).read_text(encoding="utf-8")
    repeated = []
    nodes = [yaml.compose(text)]
    while nodes:
        node = nodes.pop()
        if isinstance(node, yaml.MappingNode):
            keys = [key.value for key, _ in node.value]
            repeated += [key for key in set(keys) if keys.count(key) > 1]
            nodes.extend(value for _, value in node.value)
        elif isinstance(node, yaml.SequenceNode):
            nodes.extend(node.value)
    assert repeated == []


def test_nlp_plover_lexicon_cached_copy_equals_the_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    load_lexicon.cache_clear()
    try:
        first = load_lexicon()  # parses the YAML and writes the copy
        assert len(list(tmp_path.glob("lexicon-*.pickle"))) == 1
        load_lexicon.cache_clear()
        assert load_lexicon() == first == build_lexicon()  # read from the copy
    finally:
        load_lexicon.cache_clear()
