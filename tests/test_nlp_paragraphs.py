"""Line breaks that end a headline or paragraph become sentence boundaries."""

from __future__ import annotations

from typing import Any

import pytest

from watchfloor.nlp.model import build_pipeline
from watchfloor.nlp.paragraphs import _tokens_with_line_breaks, is_hard_wrapped
from watchfloor.resolve.knowledge import load_knowledge
from watchfloor.settings import Settings

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def pipeline(nlp: Any) -> Any:
    return build_pipeline(Settings(), load_knowledge())


def _sentences(pipeline: Any, text: str) -> list[str]:
    return [s.text.strip() for s in pipeline(text).sents if s.text.strip()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Chile sends ships to Peru\n\nChile sent two frigates to Peru on Friday.",
            ["Chile sends ships to Peru", "Chile sent two frigates to Peru on Friday."],
        ),
        (
            "Rain delays talks\nThe talks in Oslo were put off until Monday.",
            ["Rain delays talks", "The talks in Oslo were put off until Monday."],
        ),
        (
            "The talks ended.\nBoth sides left Geneva.",
            ["The talks ended.", "Both sides left Geneva."],
        ),
    ],
)
def test_paragraphs_break_after_headline_and_paragraph(
    pipeline: Any, text: str, expected: list[str]
) -> None:
    assert _sentences(pipeline, text) == expected


WRAPPED = (
    "The minister told reporters on Tuesday that the aid convoy had been\n"
    "delayed at the border by the storm, and the plan was welcomed by\n"
    "President Ruto of Kenya, who said the road would reopen within days\n"
    "once the army engineers had cleared it."
)


def test_paragraphs_hard_wrapped_sentence_stays_whole(pipeline: Any) -> None:
    assert _sentences(pipeline, WRAPPED) == [WRAPPED]


def test_paragraphs_every_line_is_a_paragraph_when_the_text_is_not_wrapped(
    pipeline: Any,
) -> None:
    text = "Chile and Peru sign a fisheries pact\nChile signed the pact with Peru on Monday."
    assert _sentences(pipeline, text) == [
        "Chile and Peru sign a fisheries pact",
        "Chile signed the pact with Peru on Monday.",
    ]


@pytest.mark.parametrize(
    ("text", "wrapped"),
    [
        (
            "The minister told reporters on Tuesday that the aid convoy had been\n"
            "delayed at the border by the storm and by a dispute over the customs\n"
            "papers, and that it would leave again once the road was cleared by\n"
            "the army engineers.",
            True,
        ),
        (
            "Chile and Peru sign a fisheries pact\n"
            "Chile signed the pact with Peru on Monday after two years of talks.\n"
            "The pact sets quotas for anchovy and hake in the waters both claim.",
            False,
        ),
    ],
)
def test_paragraphs_hard_wrap_detection(text: str, wrapped: bool) -> None:
    assert is_hard_wrapped(text) is wrapped


@pytest.mark.parametrize(
    "text",
    [
        "Headline\n\nBody text. More\nwrapped text here.\n",
        "a\r\n b \n\n\n c\nd",
        "\nLeading break and a trailing one\n",
        "No break at all.",
        "One\n",
        "",
    ],
)
def test_nlp_paragraphs_finds_every_token_holding_a_line_break(pipeline: Any, text: str) -> None:
    """The tokens looked at, found from the text's line breaks, are exactly those (but the
    last) whose text or trailing space holds one."""
    doc = pipeline.make_doc(text)
    expected = [token.i for token in doc[:-1] if "\n" in token.text_with_ws]
    assert _tokens_with_line_breaks(doc, doc.text) == expected
