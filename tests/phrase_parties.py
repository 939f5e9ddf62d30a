"""Test helper: the parties PartyIndex reads for one phrase of a sentence written in a test."""

from __future__ import annotations

from typing import Any

from watchfloor.nlp.analyse import ArticleAnalyser
from watchfloor.nlp.mentions.parties import PartyIndex
from watchfloor.records import Article, PartialDate

PUBLISHED = PartialDate(2024, 3, 14)


def parties_of(analyser: ArticleAnalyser, text: str, word: str, last: bool = False) -> list[str]:
    """The parties the phrase headed by `word` stands for (its first occurrence, or last)."""
    doc = analyser.nlp(text)
    article = Article(doc_id="d1", title="", text=text, published=PUBLISHED)
    resolution, party_of = analyser.resolve_actors(article, doc)
    index = PartyIndex(doc, resolution.mentions, party_of)
    tokens: list[Any] = [token for token in doc if token.text == word]
    return index.phrase_parties(tokens[-1] if last else tokens[0])
