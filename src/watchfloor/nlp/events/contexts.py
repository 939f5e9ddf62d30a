"""PLOVER contexts of an event, from its sense and the words of its clause.

Needs: the event's sense contexts, the tokens of its clause and the `Lexicon`.
Gives: an ordered tuple of PLOVER general contexts: the sense's own first
("spy on" is always intelligence and cyber), then those the clause's words
suggest ("shells" military, "humanitarian" human_security, "summit"
diplomatic), each once. COERCE cyber and misinformation add their context,
as the manual says.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from watchfloor.nlp.events.plover_lexicon import Lexicon

Token = Any  # spacy.tokens.Token; spaCy ships no type hints

_MODE_CONTEXTS = {"cyber": "cyber", "misinformation": "misinformation"}
_MAX_CONTEXTS = 3


def find_contexts(
    sense_contexts: Iterable[str], mode: str | None, words: Iterable[Token], lexicon: Lexicon
) -> tuple[str, ...]:
    found = list(sense_contexts)
    if mode in _MODE_CONTEXTS:
        found.append(_MODE_CONTEXTS[mode])
    for token in words:
        for key in (token.lemma_.lower(), token.lower_):
            found.extend(lexicon.contexts.get(key, ()))
    return tuple(dict.fromkeys(found))[:_MAX_CONTEXTS]
