"""Direct quotations and their speakers, on sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from watchfloor.nlp.events.quotes import find_quotes
from watchfloor.nlp.mentions.entities import find_mentions
from watchfloor.nlp.model import build_pipeline
from watchfloor.records import Article, PartialDate, Quote
from watchfloor.resolve.knowledge import load_knowledge
from watchfloor.resolve.registry import ActorRegistry
from watchfloor.settings import Settings

TEXT = (
    "Vladimir Putin spoke to reporters in Minsk. "
    '"We will not allow the bridge to be closed," Putin said. '
    '"The talks were useful," he said. '
    'Volodymyr Zelensky said: "Our army holds the line." '
    'The fog was described as "thick".'
)


@pytest.fixture(scope="module")
def quotes(nlp: Any) -> list[Quote]:
    kb = load_knowledge()
    doc = build_pipeline(Settings(), kb)(TEXT)
    published = PartialDate(2024, 2, 1)
    resolution = ActorRegistry(kb).resolve(find_mentions(doc, "q1"), published)
    article = Article(doc_id="q1", title="", text=TEXT, published=published)
    return find_quotes(article, doc, resolution.mentions)


@pytest.mark.model
def test_nlp_quotes_finds_every_quotation_with_offsets(quotes: list[Quote]) -> None:
    assert [q.text for q in quotes] == [
        "We will not allow the bridge to be closed,",
        "The talks were useful,",
        "Our army holds the line.",
        "thick",
    ]
    assert all(TEXT[q.start : q.end] == q.text for q in quotes)


@pytest.mark.model
def test_nlp_quotes_speaker_after_the_quote(quotes: list[Quote]) -> None:
    assert quotes[0].speaker == "vladimir-putin"


@pytest.mark.model
def test_nlp_quotes_pronoun_speaker_is_the_previous_speaker(quotes: list[Quote]) -> None:
    assert quotes[1].speaker == "vladimir-putin"


@pytest.mark.model
def test_nlp_quotes_speaker_before_the_quote(quotes: list[Quote]) -> None:
    assert quotes[2].speaker == "volodymyr-zelensky"


@pytest.mark.model
def test_nlp_quotes_scare_quote_has_no_speaker(quotes: list[Quote]) -> None:
    assert quotes[3].speaker is None
