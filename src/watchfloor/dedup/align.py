"""Sentence alignment between two articles: is one a reworded copy of the other?

A reworded copy keeps the original's facts and sentence order but changes the
words. Two sentences are compared by the overlap of their content terms (stems
cut to a short prefix, names and numbers; see `watchfloor.overlap`),
which tolerates inflection and derivation but not true synonyms. Alignment is
monotone (it keeps order) and works in two passes: sentence pairs that are
clearly paraphrases become anchors, then weaker pairs are accepted only inside
the gaps between consecutive anchors, where the surrounding order vouches for
them. Unrelated articles about the same story share a few sentences at most,
and in no particular order, so they align poorly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from watchfloor.overlap import sentence_similarity, sentence_terms

PARAPHRASE_SIMILARITY = 0.35  # sentence pairs at or above this are paraphrases (anchors)
GAP_SIMILARITY = 0.15  # weaker pairs accepted between two anchors, in order
CONTAINED_SHARE = 0.5  # share of a split-off sentence's terms its neighbour's partner must hold
MIN_CONTAINED_SE = 0.01  # floor on the standard error, for texts of identical sentences
MIN_SENTENCE_TERMS = 3  # shorter sentences (datelines, headings) are not aligned
MIN_ALIGNED_SENTENCES = 3  # fewer aligned pairs never make a reworded copy

_ABBREVIATION_TEXT = """
    mr mrs ms dr st gen col lt sgt capt maj adm gov sen rep pres prof jr sr inc ltd corp co
    vs etc jan feb mar apr jun jul aug sep sept oct nov dec
"""
_ABBREVIATIONS = frozenset(_ABBREVIATION_TEXT.split())
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*\s+|\n\s*")


@dataclass(frozen=True, slots=True)
class Alignment:
    """How the sentences of text A line up with those of text B.

    `pairs` are (index in A, index in B, similarity), increasing in both
    indices. `covered_a` counts A's sentences in a pair plus those next to one
    whose terms are mostly in the same B sentence (a sentence split in two).
    `matched_a` counts A's sentences with a paraphrase anywhere in B, in any
    order. `contained_a` is the mean, over A's sentences, of the largest share
    of a sentence's terms found in one sentence of B (and the same for B);
    `contained_se` is the standard error of their difference.
    """

    sentences_a: int
    sentences_b: int
    pairs: tuple[tuple[int, int, float], ...]
    covered_a: int
    covered_b: int
    matched_a: int
    matched_b: int
    contained_a: float
    contained_b: float
    contained_se: float

    @property
    def share(self) -> float:
        """The larger of the two texts' shares of aligned sentences: the reworded score."""
        if not self.pairs:
            return 0.0
        return max(self.covered_a / self.sentences_a, self.covered_b / self.sentences_b)

    @property
    def order_kept(self) -> float:
        """Share of the paraphrase matches that the in-order alignment keeps."""
        matched = min(self.matched_a, self.matched_b)
        anchors = sum(1 for _, _, similarity in self.pairs if similarity >= PARAPHRASE_SIMILARITY)
        return min(1.0, anchors / matched) if matched else 0.0

    @property
    def containment_z(self) -> float:
        """How many standard errors more of A is contained in B than of B in A.

        Clearly positive: A fits into B better than B into A, so A is the
        copy (it dropped or compressed B's content); near 0: no telling.
        """
        return (self.contained_a - self.contained_b) / self.contained_se


def split_sentences(text: str) -> list[str]:
    """Split plain text into sentences at end punctuation and line breaks.

    A full stop after a known abbreviation ("Mr.", "Gen.") or an initial
    ("U.S.", "J.") does not end a sentence.
    """
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        candidate = text[start : match.end()]
        if match.group().startswith(".") and _ends_with_abbreviation(candidate.rstrip()):
            continue
        sentences.append(candidate.strip())
        start = match.end()
    sentences.append(text[start:].strip())
    return [sentence for sentence in sentences if sentence]


def _ends_with_abbreviation(candidate: str) -> bool:
    """Whether the full stop closing `candidate` belongs to an abbreviation or initial."""
    last = candidate.rstrip("\"'”’)]").rsplit(maxsplit=1)[-1]
    if not last.endswith("."):
        return False
    word = last[:-1].lstrip("(\"'“‘")
    return "." in word or len(word) == 1 and word.isupper() or word.lower() in _ABBREVIATIONS


def is_paraphrase(first: str, second: str) -> bool:
    """Whether two sentences say the same thing, by `PARAPHRASE_SIMILARITY`."""
    return sentence_similarity(first, second) >= PARAPHRASE_SIMILARITY


def text_sentence_terms(text: str) -> list[frozenset[str]]:
    """Content terms of each sentence long enough to align."""
    terms = (sentence_terms(sentence) for sentence in split_sentences(text))
    return [sentence for sentence in terms if len(sentence) >= MIN_SENTENCE_TERMS]


def align_texts(text_a: str, text_b: str) -> Alignment:
    """Align the sentences of two texts (see the module docstring)."""
    return align_sentences(text_sentence_terms(text_a), text_sentence_terms(text_b))


def align_sentences(
    terms_a: Sequence[frozenset[str]], terms_b: Sequence[frozenset[str]]
) -> Alignment:
    """Align two sequences of sentence term sets, monotonically."""
    if not terms_a or not terms_b:
        return Alignment(len(terms_a), len(terms_b), (), 0, 0, 0, 0, 0.0, 0.0, 1.0)
    overlap = _overlap_matrix(terms_a, terms_b)
    sizes_a = np.array([len(terms) for terms in terms_a], dtype=np.float64)
    sizes_b = np.array([len(terms) for terms in terms_b], dtype=np.float64)
    similarity = overlap / (sizes_a[:, None] + sizes_b[None, :] - overlap)
    pairs = _anchored_alignment(similarity)
    strong = similarity >= PARAPHRASE_SIMILARITY
    contained_a = (overlap / sizes_a[:, None]).max(axis=1)
    contained_b = (overlap / sizes_b[None, :]).max(axis=0)
    variance = contained_a.var() / len(contained_a) + contained_b.var() / len(contained_b)
    return Alignment(
        sentences_a=len(terms_a),
        sentences_b=len(terms_b),
        pairs=tuple((i, j, round(float(similarity[i, j]), 4)) for i, j in pairs),
        covered_a=_count_covered(pairs, overlap / sizes_a[:, None]),
        covered_b=_count_covered([(j, i) for i, j in pairs], (overlap / sizes_b[None, :]).T),
        matched_a=int(strong.any(axis=1).sum()),
        matched_b=int(strong.any(axis=0).sum()),
        contained_a=float(contained_a.mean()),
        contained_b=float(contained_b.mean()),
        contained_se=max(float(np.sqrt(variance)), MIN_CONTAINED_SE),
    )


def _overlap_matrix(
    terms_a: Sequence[frozenset[str]], terms_b: Sequence[frozenset[str]]
) -> np.ndarray:
    """Number of shared terms for every sentence pair, as one matrix product."""
    vocabulary = {term: index for index, term in enumerate(set().union(*terms_a, *terms_b))}
    a = np.zeros((len(terms_a), len(vocabulary)), dtype=np.float64)
    b = np.zeros((len(terms_b), len(vocabulary)), dtype=np.float64)
    for row, terms in enumerate(terms_a):
        a[row, [vocabulary[term] for term in terms]] = 1.0
    for row, terms in enumerate(terms_b):
        b[row, [vocabulary[term] for term in terms]] = 1.0
    overlap: np.ndarray = a @ b.T
    return overlap


def _count_covered(pairs: Sequence[tuple[int, int]], contained: np.ndarray) -> int:
    """Aligned rows, plus unaligned rows beside one whose partner column contains them.

    `contained[i, j]` is the share of row i's terms found in column j.
    """
    partner = dict(pairs)
    split_parts = {
        row
        for aligned_row, column in pairs
        for row in (aligned_row - 1, aligned_row + 1)
        if 0 <= row < contained.shape[0]
        and row not in partner
        and contained[row, column] >= CONTAINED_SHARE
    }
    return len(partner) + len(split_parts)


def _anchored_alignment(similarity: np.ndarray) -> list[tuple[int, int]]:
    """Anchors first, then weaker in-order pairs inside each gap between two anchors."""
    anchors = _monotone_matches(similarity, PARAPHRASE_SIMILARITY)
    pairs = anchors[:1]
    for (i0, j0), (i1, j1) in zip(anchors, anchors[1:], strict=False):
        gap = similarity[i0 + 1 : i1, j0 + 1 : j1]
        if gap.size:
            pairs.extend(
                (i0 + 1 + i, j0 + 1 + j) for i, j in _monotone_matches(gap, GAP_SIMILARITY)
            )
        pairs.append((i1, j1))
    return pairs


def _monotone_matches(similarity: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """Pairs at or above `threshold`, increasing in both indices, of largest total similarity.

    A dynamic programme over rows: `best[i, j]` is the best total using rows
    before `i` and columns before `j`; each row is one vectorised step.
    """
    rows, columns = similarity.shape
    weight = np.where(similarity >= threshold, similarity, -np.inf)
    best = np.zeros((rows + 1, columns + 1))
    for i in range(rows):
        take = best[i, :-1] + weight[i]
        best[i + 1, 1:] = np.maximum.accumulate(np.maximum(best[i, 1:], take))
    pairs: list[tuple[int, int]] = []
    i, j = rows, columns
    while i > 0 and j > 0:
        if best[i, j] == best[i - 1, j]:
            i -= 1
        elif best[i, j] == best[i, j - 1]:
            j -= 1
        else:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
    return pairs[::-1]
