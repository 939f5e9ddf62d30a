"""How much two short texts share: overlap of their content terms.

Needs: two plain texts (sentences, headlines, paragraphs). Gives: scores in
[0, 1] over their content terms (stems cut to a short prefix, names and
numbers; see `dedup.fingerprint.content_terms`), which tolerate inflection and
derivation but not true synonyms. Shared by sentence alignment
(`dedup/align.py`), fusion of reports (`fuse.py`) and the event coder
(`nlp/events/coder.py`).
"""

from __future__ import annotations

from watchfloor.dedup.fingerprint import content_terms, tokenize_words


def sentence_terms(sentence: str) -> frozenset[str]:
    """The content terms a sentence is compared by."""
    return frozenset(content_terms(tokenize_words(sentence)))


def sentence_similarity(first: str, second: str) -> float:
    """Jaccard index of the two sentences' content terms, in [0, 1]."""
    a, b = sentence_terms(first), sentence_terms(second)
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def content_overlap(first: str, second: str) -> float:
    """Share of the shorter text's content terms the other text has too (overlap coefficient).

    Unlike `sentence_similarity` it does not punish a short text for what a longer
    retelling adds: a headline scores high against the paragraph it sums up.
    """
    return terms_overlap(sentence_terms(first), sentence_terms(second))


def terms_overlap(first: frozenset[str], second: frozenset[str]) -> float:
    """`content_overlap` of two texts whose `sentence_terms` are already known."""
    return len(first & second) / min(len(first), len(second)) if first and second else 0.0
