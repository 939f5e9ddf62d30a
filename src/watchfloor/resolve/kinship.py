"""Whether a descriptor introduces a person as someone's relative.

Needs: a mention's raw descriptor ("Macron's wife", "the president's eldest son").
Gives: `names_relative`, which the people pass uses so that a relative named
once never takes the bare surname of the person the article is about.
"""

from __future__ import annotations

import re

# Nouns of family relations, singular; "-in-law" forms and plurals are matched too.
KINSHIP_NOUNS = frozenset(
    """wife husband spouse widow widower son daughter father mother brother sister
    stepson stepdaughter stepfather stepmother half-brother half-sister grandson
    granddaughter grandfather grandmother grandchild nephew niece uncle aunt cousin
    sibling fiancee fiancée fiance fiancé""".split()  # noqa: SIM905 - a word list reads best as prose
)
_WORD = re.compile(r"[a-zé-]+")


def names_relative(descriptor: str | None) -> bool:
    """Whether the descriptor calls the person a relative ("his wife", "Soto's son-in-law").

    "first lady" counts too.
    """
    if not descriptor:
        return False
    lowered = descriptor.casefold()
    if "first lady" in lowered:
        return True
    for word in _WORD.findall(lowered):
        word = word.removesuffix("-in-law")
        if word in KINSHIP_NOUNS or (word.endswith("s") and word[:-1] in KINSHIP_NOUNS):
            return True
    return False
