"""Content-term overlap of two short texts."""

from __future__ import annotations

from watchfloor.overlap import content_overlap, sentence_similarity


def test_overlap_similarity_of_empty_sentences_is_zero():
    assert sentence_similarity("", "the and of") == 0.0


def test_overlap_content_overlap_does_not_punish_a_short_summary():
    headline = "Varnosia recalls ambassador from Quellmark"
    paragraph = (
        "Varnosia recalled its ambassador from Quellmark on Tuesday after the border "
        "incident, the foreign ministry in Darvel said."
    )
    assert content_overlap(headline, paragraph) > sentence_similarity(headline, paragraph)
    assert content_overlap(headline, paragraph) >= 0.75


def test_overlap_content_overlap_of_an_empty_text_is_zero():
    assert content_overlap("", "Varnosia recalled its ambassador.") == 0.0
