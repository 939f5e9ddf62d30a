"""Names the statistical NER leaves out: "the North" and "the South".

Needs: a parsed Doc with entities (see `entities.py`, which calls this module).
Gives: candidate spans as (start token, end token, label, descriptor):

* COMPASS: "the North" or "the South" written alone, not opening a longer
  name ("the North Atlantic"), a compound ("North-South") or a region of
  something ("the South of France"); `resolve/` maps it to the one country
  of the document whose name starts with the word, whatever the NER made of it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

Doc = Any  # spacy.tokens.Doc; spaCy ships no type hints

Candidate = tuple[int, int, str, str | None]

# "the West" and "the East" name regions, never one country.
COMPASS_WORDS = frozenset({"North", "South"})
_HYPHENS = frozenset({"-", "\u2010", "\u2011", "\u2013"})


def is_compass_word(doc: Doc, index: int) -> bool:
    """Whether token `index` is "North" or "South" standing alone after "the"."""
    token = doc[index]
    if token.text not in COMPASS_WORDS or index == 0 or doc[index - 1].lower_ != "the":
        return False
    if index + 1 == len(doc):
        return True
    after = doc[index + 1]
    if after.text in _HYPHENS or after.lower_ == "of":
        return False  # "North-South talks", "the South of France"
    return not (after.is_alpha and after.text[:1].isupper())  # "the North Atlantic"


def find_compass_words(doc: Doc) -> Iterator[Candidate]:
    """COMPASS candidates the NER did not tag at all ("The North rejected the offer")."""
    for token in doc:
        if not token.ent_type_ and is_compass_word(doc, token.i):
            yield token.i, token.i + 1, "COMPASS", None
