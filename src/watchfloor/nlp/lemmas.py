"""The model's rule lemmatizer, run once per distinct (word, POS, morphology).

spaCy's rule lemmatizer visits every token in Python: it builds a key of the word,
its POS and its morphology, and, before it looks that key up in its cache, tests
whether the word is a base form by turning the morphology into a dict (a base form's
lemma is never cached, so most tokens pay for the test every time). That is about a
tenth of the parse's CPU with the small English model. A rule lemma depends on the
word, the POS and the morphology only, so here a Doc's columns are read in one call,
each key not seen before is lemmatised once by the lemmatizer's own `lemmatize`, and
the lemmas are written back in one call: the same lemma on every token.

Needs: a pipeline whose "lemmatizer" is spaCy's rule lemmatizer (other modes are
left alone). Gives: `cache_lemmas`, which puts `COMPONENT_NAME` in the lemmatizer's
place; tokens that already have a lemma (from the attribute ruler) keep it unless the
lemmatizer was told to overwrite, as in spaCy.
"""

from __future__ import annotations

from typing import Any

COMPONENT_NAME = "watchfloor_lemmas"
LEMMATIZER = "lemmatizer"
# Distinct keys kept per process (about 15 MiB); when full, it starts again.
_MAX_KEYS = 50_000

Language = Any  # spacy.Language
Doc = Any  # spacy.tokens.Doc


class CachedLemmas:
    """A pipeline component: the lemmas `lemmatizer` gives, each key lemmatised once."""

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self._lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        import numpy as np
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        if not len(doc):
            return doc
        columns = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = columns[:, 3].copy()
        overwrite = self.lemmatizer.overwrite
        cache = self._lemmas
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(columns.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            found = cache.get(key)
            if found is None:
                found = self._lemmatise(doc[i], key)
            lemmas[i] = found
            changed = True
        if changed:
            doc.from_array([LEMMA], np.ascontiguousarray(lemmas.reshape(-1, 1)))
        return doc

    def pipe(self, docs: Any, batch_size: int = 128) -> Any:
        for doc in docs:
            yield self(doc)

    def _lemmatise(self, token: Any, key: tuple[int, int, int]) -> int:
        lemma: int = token.vocab.strings.add(self.lemmatizer.lemmatize(token)[0])
        if len(self._lemmas) >= _MAX_KEYS:
            self._lemmas.clear()
        self._lemmas[key] = lemma
        return lemma


def cache_lemmas(nlp: Language) -> None:
    """Put `CachedLemmas` of the pipeline's rule lemmatizer in its place (no other change)."""
    if LEMMATIZER not in nlp.pipe_names:
        return
    lemmatizer = nlp.get_pipe(LEMMATIZER)
    if getattr(lemmatizer, "mode", None) != "rule":
        return
    from spacy.language import Language as SpacyLanguage

    if not SpacyLanguage.has_factory(COMPONENT_NAME):
        SpacyLanguage.factory(COMPONENT_NAME, func=_make_component)
    nlp.add_pipe(COMPONENT_NAME, after=LEMMATIZER)
    nlp.remove_pipe(LEMMATIZER)


def _make_component(nlp: Language, name: str) -> CachedLemmas:
    return CachedLemmas(nlp.get_pipe(LEMMATIZER))
