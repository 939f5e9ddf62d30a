"""The actor ruler's phrase patterns, matched on token text without building spaCy Docs.

spaCy's span ruler turns each phrase pattern into a Doc (the tokenizer, a
lexeme per new word) and gives each label its own lexeme: for the ~3,000
dictionary phrases that cost about 2 s at every start. Here the phrases are
tokenized once and the token texts kept in the user's cache folder (see
`resolve/knowledge_cache.py`), under a digest of the phrases, the spaCy
version, the model and the tokenizer's rules, so any change to one of them
tokenizes again. At start the index is a dictionary from a phrase's first
word to the phrases, built in a few milliseconds. Token patterns that are one
token's exact text (the acronyms: [{"ORTH": "UK"}]) are one-word phrases of the
index too: spaCy's token matcher tries each of its patterns at every token.

Needs: a pipeline whose tokenizer is final (custom infixes already set).
Gives: `ActorRuler`, spaCy's span ruler with this index in place of its
phrase matcher. It finds the same matches as spaCy's `PhraseMatcher` on
ORTH (every occurrence of the phrase's exact token texts, overlaps
included), and the same as the token matcher for one-token ORTH patterns,
so the ruler's output is unchanged.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from typing import Any

from spacy.about import __version__ as spacy_version
from spacy.attrs import ORTH
from spacy.language import Language as SpacyLanguage
from spacy.pipeline.span_ruler import SpanRuler

from watchfloor.resolve.knowledge_cache import load_or_build

Language = Any  # spacy.Language
Doc = Any  # spacy.tokens.Doc

FACTORY_NAME = "watchfloor_actor_ruler"
CACHE_PREFIX = "phrases"
# Fewer phrases than this are tokenized at once (milliseconds); no cache file is written.
CACHE_MIN_PHRASES = 200
_TOKENIZER_REGEXES = (
    "prefix_search",
    "suffix_search",
    "infix_finditer",
    "token_match",
    "url_match",
)


class PhraseIndex:
    """Phrases as sequences of token orth ids; called on a Doc like a PhraseMatcher."""

    def __init__(self) -> None:
        self._by_first: dict[int, dict[tuple[int, ...], list[int]]] = {}

    def add(self, key: int, orths: Sequence[int]) -> None:
        if orths:
            self._by_first.setdefault(orths[0], {}).setdefault(tuple(orths), []).append(key)

    def __len__(self) -> int:
        return sum(len(phrases) for phrases in self._by_first.values())

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(key, start, end) for every occurrence of every phrase in `doc`."""
        words = doc.to_array(ORTH).tolist() if len(doc) else []
        matches: list[tuple[int, int, int]] = []
        for start, word in enumerate(words):
            for phrase, keys in self._by_first.get(word, {}).items():
                end = start + len(phrase)
                if tuple(words[start:end]) == phrase:
                    matches.extend((key, start, end) for key in keys)
        return matches


def tokenize_phrases(nlp: Language, phrases: Sequence[str]) -> list[tuple[str, ...]]:
    """The token texts of each phrase under `nlp`'s tokenizer, from the cache when it has them."""
    if len(phrases) < CACHE_MIN_PHRASES:
        return _tokenize(nlp, phrases)
    key = tokenizer_key(nlp, phrases)
    return load_or_build(key, lambda: _tokenize(nlp, phrases), list, prefix=CACHE_PREFIX)


def tokenizer_key(nlp: Language, phrases: Iterable[str]) -> str:
    """A digest of everything that decides how `phrases` are tokenized."""
    tokenizer = nlp.tokenizer
    rules = sorted(tokenizer.rules.items()) if tokenizer.rules else []
    parts = [
        spacy_version,
        str(nlp.meta.get("name", "")),
        str(nlp.meta.get("version", "")),
        *(_regex_of(getattr(tokenizer, name)) for name in _TOKENIZER_REGEXES),
        repr(rules),
    ]
    digest = hashlib.sha256()
    for part in [*parts, *phrases]:
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()[:32]


def _regex_of(method: Any) -> str:
    """The pattern behind a tokenizer's compiled-regex method (`prefix_search`, ...)."""
    return str(getattr(getattr(method, "__self__", None), "pattern", ""))


def _tokenize(nlp: Language, phrases: Sequence[str]) -> list[tuple[str, ...]]:
    return [tuple(token.text for token in nlp.make_doc(phrase)) for phrase in phrases]


class ActorRuler(SpanRuler):
    """spaCy's span ruler with its phrase patterns in a `PhraseIndex`."""

    def clear(self) -> None:
        super().clear()
        self.phrase_index = PhraseIndex()
        # `match` calls self.phrase_matcher(doc): the index answers as a PhraseMatcher would.
        self.phrase_matcher = self.phrase_index  # type: ignore[assignment]

    def add_patterns(self, patterns: list[dict[str, Any]]) -> None:
        """Phrases and one-token ORTH patterns ("UK", the acronyms) go to the index, which
        finds them as the token matcher would; any other token pattern to spaCy's matcher,
        which tries each of its patterns at every token (0.5 s per 60 articles for the
        ~230 acronyms)."""
        phrases = [p for p in patterns if isinstance(p["pattern"], str)]
        words = [(p, _one_token_text(p["pattern"])) for p in patterns]
        super().add_patterns(
            [p for p, word in words if word is None and not isinstance(p["pattern"], str)]
        )
        tokenized = tokenize_phrases(self.nlp, [p["pattern"] for p in phrases])
        for entry, word in words:
            if word is not None:
                self._add_phrase(entry, (word,))
        for entry, tokens in zip(phrases, tokenized, strict=True):
            self._add_phrase(entry, tokens)

    def _add_phrase(self, entry: dict[str, Any], tokens: Sequence[str]) -> None:
        strings = self.nlp.vocab.strings
        label, entity_id = str(entry["label"]), str(entry.get("id", ""))
        key = strings.add(repr((label, entity_id)))
        self._match_label_id_map[key] = {"label": label, "id": entity_id}
        self.phrase_index.add(key, [strings.add(token) for token in tokens])
        self._patterns.append(entry)


def _one_token_text(pattern: Any) -> str | None:
    """The text of a pattern that is one token with this exact text ([{"ORTH": "UK"}])."""
    if isinstance(pattern, list) and len(pattern) == 1 and isinstance(pattern[0], dict):
        text = pattern[0].get("ORTH") if set(pattern[0]) == {"ORTH"} else None
        return text if isinstance(text, str) and text else None
    return None


def register_actor_ruler() -> None:
    """Register the ruler's factory with spaCy once per process."""
    if not SpacyLanguage.has_factory(FACTORY_NAME):
        SpacyLanguage.factory(
            FACTORY_NAME,
            default_config={
                "spans_key": "ruler",
                "annotate_ents": False,
                "ents_filter": {"@misc": "spacy.first_longest_spans_filter.v1"},
                "overwrite": False,
                "validate": False,
            },
            func=_make_actor_ruler,
        )


def _make_actor_ruler(
    nlp: Language,
    name: str,
    spans_key: str,
    annotate_ents: bool,
    ents_filter: Any,
    overwrite: bool,
    validate: bool,
) -> ActorRuler:
    return ActorRuler(
        nlp,
        name,
        spans_key=spans_key,
        annotate_ents=annotate_ents,
        ents_filter=ents_filter,
        overwrite=overwrite,
        validate=validate,
        scorer=None,
    )
