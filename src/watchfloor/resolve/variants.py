"""Other written forms of a name the same document spells out: acronyms and slips.

Needs: a mention's text and the (text, actor id) pairs of the mentions of the
same document that are already resolved.
Gives: the one actor id the form stands for, or None.

Two rules, both limited to one document, where the full form is on the page
and so the evidence is strong:

* **Acronyms.** An all-capital word of two to six letters that no dictionary
  knows ("KCNA", "IRGC", "NRP") stands for a name of two or more words in the
  same document whose initials it spells ("Korean Central News Agency",
  "Islamic Revolutionary Guard Corps", "National Renewal Party"); small
  function words ("of", "the") may be left out or kept ("MoD" and "MD" for
  "Ministry of Defence").
* **Slips.** A place name no dictionary knows that is one edit (a letter
  left out, added, changed, or two swapped) from a place name resolved in the
  same document, with the same first letter and at least
  `MIN_SLIP_LETTERS` letters ("Afganistan" for "Afghanistan", "Kazakstan"
  for "Kazakhstan") is that name misspelt.

Either rule gives up when two different actors fit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from watchfloor.resolve.knowledge import normalise_name

# Short names are too often different places one letter apart ("Iran", "Iraq").
MIN_SLIP_LETTERS = 6
# Two to six capitals; a small letter between two stands for a function word ("MoD").
_ACRONYM = re.compile(r"^[A-Z](?:[a-z]?[A-Z]){1,5}$")
_FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "to", "de", "du", "la", "&"})
_WORD_SPLIT = re.compile(r"[\s\-\u2010\u2011]+")


def is_acronym(text: str) -> bool:
    """Whether `text` is written as an acronym: "KCNA", "U.N.", "MoD" (not "Moscow")."""
    return bool(_ACRONYM.match(text.strip().replace(".", "")))


def spelled_initials(name: str) -> frozenset[str]:
    """The acronyms a name of two or more words can have, upper case.

    "Ministry of Defence" gives {"MD", "MOD"}; a one-word name gives nothing.
    """
    words = [word for word in _WORD_SPLIT.split(normalise_name(name)) if word]
    content = [word for word in words if word not in _FUNCTION_WORDS]
    if len(content) < 2:
        return frozenset()
    return frozenset(
        "".join(word[0] for word in chosen).upper() for chosen in (content, words) if chosen
    )


def expand_acronym(text: str, named: Iterable[tuple[str, str]]) -> str | None:
    """The one actor whose name in this document the acronym `text` spells."""
    if not is_acronym(text):
        return None
    letters = text.replace(".", "").upper()
    found = {actor_id for name, actor_id in named if letters in spelled_initials(name)}
    return found.pop() if len(found) == 1 else None


def one_edit_apart(first: str, second: str) -> bool:
    """Whether two different strings differ by one insertion, deletion, change or swap."""
    if first == second or abs(len(first) - len(second)) > 1:
        return False
    if len(first) > len(second):
        first, second = second, first
    start = next(
        (i for i, (a, b) in enumerate(zip(first, second, strict=False)) if a != b), len(first)
    )
    if len(first) < len(second):
        return first[start:] == second[start + 1 :]
    if first[start + 1 :] == second[start + 1 :]:
        return True  # one letter changed
    swapped = first[start : start + 2] == second[start : start + 2][::-1]
    return swapped and first[start + 2 :] == second[start + 2 :]


def spelt_alike(first: str, second: str) -> bool:
    """The same spelling, or one letter off in words of `MIN_SLIP_LETTERS` letters or more.

    "Zelenskyy" and "Zelensky" are alike; "Set" and "Seth" are not (too short to tell).
    """
    if first == second:
        return True
    return min(len(first), len(second)) >= MIN_SLIP_LETTERS and one_edit_apart(first, second)


def correct_slip(text: str, named: Iterable[tuple[str, str]]) -> str | None:
    """The one actor whose name in this document `text` misspells by one letter."""
    form = normalise_name(text)
    if sum(ch.isalpha() for ch in form) < MIN_SLIP_LETTERS:
        return None
    found = {
        actor_id
        for name, actor_id in named
        if normalise_name(name)[:1] == form[:1] and one_edit_apart(form, normalise_name(name))
    }
    return found.pop() if len(found) == 1 else None
