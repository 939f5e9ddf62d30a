"""Line breaks that end a headline or paragraph become sentence boundaries."""

from __future__ import annotations

from typing import Any

import pytest

from watchfloor.nlp.model import build_pipeline
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


def test_paragraphs_hard_wrapped_sentence_stays_whole(pipeline: Any) -> None:
    text = "The minister told reporters that the aid had been\ndelayed by the storm."
    assert _sentences(pipeline, text) == [text]


def test_paragraphs_wrap_before_a_name_after_a_lowercase_word(pipeline: Any) -> None:
    text = "The plan was welcomed on Tuesday by\nPresident Ruto of Kenya."
    assert len(_sentences(pipeline, text)) == 1
