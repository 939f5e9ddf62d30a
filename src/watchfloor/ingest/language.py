"""Which language an article is written in, read from its text (py3langid, offline).

watchfloor codes events in English only: its spaCy model, dictionaries and trigger
lexicon are English. An article in another language is stored, searchable and
deduplicated, but the NLP stages leave it alone (`coding_skip_reason`, read by
`nlp/analyse.py`) instead of reading junk actors and events out of it.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import re
from typing import Any

# The detector reads this much of a text: enough to be sure, and its cost is linear.
DETECT_CHARS = 5000
# Below this probability (of the detector's 97 languages, normalised) the detector is
# not sure; the language the input gave, if any, is kept instead.
MIN_CONFIDENCE = 0.5
# Languages the spaCy model, the dictionaries and the trigger lexicon are written for.
CODED_LANGUAGES = frozenset({"en"})
_LANGUAGE_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*$")


@functools.cache
def _identifier() -> Any:
    """The detector, loaded once per process and only when a text is first detected.

    py3langid ships its model LZMA-compressed, which takes most of a second to unpack;
    the unpacked detector is kept in the user's cache folder (about 70 MB, named by a
    digest of the model file and py3langid's version) and read from there in 0.1 s.
    """
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    from watchfloor.resolve.knowledge_cache import load_or_build

    digest = hashlib.sha256(importlib.metadata.version("py3langid").encode())
    digest.update((MODEL_DIR / MODEL_FILE).read_bytes())
    return load_or_build(
        digest.hexdigest()[:32],
        lambda: LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True),
        LanguageIdentifier,
        prefix="langid",
    )


def detect_language(text: str) -> tuple[str, float]:
    """The most likely ISO 639-1 code of `text` ("en", "fr"...) and its probability."""
    label, probability = _identifier().classify(text[:DETECT_CHARS])
    return str(label), float(probability)


def article_language(text: str, given: str | None) -> str | None:
    """The language to store for a text: the detector's when it is sure, else the one
    the input gave (its primary subtag, lower case: "en-US" -> "en"), else None."""
    label, probability = detect_language(text)
    if probability >= MIN_CONFIDENCE:
        return label
    match = _LANGUAGE_TAG.match(given.strip()) if given else None
    return match[1].lower() if match else None


def coding_skip_reason(language: str | None) -> str | None:
    """Why the NLP stages leave an article alone (one line for the user), or None.

    An article whose language is unknown is coded, as English.
    """
    if language is None or language in CODED_LANGUAGES:
        return None
    return f"not coded: the text is in language '{language}'; events are coded in English only"
