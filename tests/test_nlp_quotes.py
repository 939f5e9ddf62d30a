"""Direct quotations and their speakers, on sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from watchfloor.nlp.mentions.entities import find_mentions
from watchfloor.nlp.model import build_pipeline
from watchfloor.nlp.quotes import find_quotes
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


def speakers_of(text: str) -> list[tuple[str, str | None, str | None]]:
    """(quotation, speaker id, speaker words) of each quotation of `text`."""
    kb = load_knowledge()
    doc = build_pipeline(Settings(), kb)(text)
    published = PartialDate(2024, 2, 1)
    resolution = ActorRegistry(kb).resolve(find_mentions(doc, "q2"), published)
    article = Article(doc_id="q2", title="", text=text, published=published)
    return [
        (q.text, q.speaker, q.speaker_text) for q in find_quotes(article, doc, resolution.mentions)
    ]


@pytest.mark.model
def test_nlp_quotes_the_frame_speaker_not_the_last_person_named() -> None:
    text = (
        "Orla Brennock met Tomas Vilkas in Vilnius on Monday. "
        '"We agreed on nothing," the minister said, after Vilkas left.'
    )
    found = speakers_of(text)
    assert found[0][1] is None  # "the minister": no name, and never Vilkas
    assert found[0][2] == "the minister"


@pytest.mark.model
def test_nlp_quotes_nearest_frame_wins() -> None:
    text = (
        "Prosecutor Dana Whitcombe told reporters, after lawyer Piet Hollander said she was "
        '"safe at home", that the hearing would go ahead.'
    )
    found = speakers_of(text)
    assert found[0][1:] == ("piet-hollander", "lawyer Piet Hollander")


@pytest.mark.model
def test_nlp_quotes_a_continuing_paragraph_keeps_its_speaker() -> None:
    text = (
        '"The river rose overnight," Mayor Ingrid Salvesen said.\n'
        '"We moved forty families to the school."\n'
        "Rescue teams worked until dawn."
    )
    found = speakers_of(text)
    assert [speaker for _, speaker, _ in found] == ["ingrid-salvesen", "ingrid-salvesen"]


@pytest.mark.model
def test_nlp_quotes_never_attributed_to_the_next_paragraph() -> None:
    text = (
        'Crowds gathered outside the court, chanting "Free them now."\n'
        "Judge Arvo Lindqvist said the hearing was adjourned."
    )
    assert speakers_of(text)[0][1:] == (None, None)


@pytest.mark.model
def test_nlp_quotes_backtick_quotes_and_a_pronoun_speaker() -> None:
    text = (
        "Harald Oyelaran, the port's director, spoke after the blast. "
        "``The fire is out,'' he said. ``We are counting the losses.''"
    )
    found = speakers_of(text)
    assert [q for q, _, _ in found] == ["The fire is out,", "We are counting the losses."]
    assert [speaker for _, speaker, _ in found] == ["harald-oyelaran", "harald-oyelaran"]


@pytest.mark.model
def test_nlp_quotes_a_person_in_apposition_speaks_not_the_possessor() -> None:
    text = (
        "Nadia Korhonen died on Monday. "
        '"She held us together," Korhonen\'s son, Eero, said after the funeral.'
    )
    found = speakers_of(text)
    assert found[0][1] != "nadia-korhonen"


@pytest.mark.model
def test_nlp_quotes_a_tweet_is_its_account_owners_never_the_next_paragraphs() -> None:
    text = (
        'Senator Mirela Dancu tweeted: "The ministry has failed us."\n'
        "Her post drew thousands of replies.\n"
        '"The river is rising again."\n'
        "Minister Oskar Brandvold said on Tuesday that the dam would hold."
    )
    found = speakers_of(text)
    assert found[0][1:] == ("mirela-dancu", "Senator Mirela Dancu")
    # A quoted post with no attribution: nobody, never the minister named next.
    assert found[1][1] is None
