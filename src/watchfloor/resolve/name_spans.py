"""A person's name as the NER cut it, repaired against the other names of its document.

Needs: the name of one person mention (its title split off), the names of the
document's PERSON mentions, and whether a name is a known person's.
Gives: `complete_name` for a name the NER cut at a hyphen, and `trim_name`
for a name the NER ran on into the words around it:

* "Kim Tae-" is completed by the one longer name of the document it opens
  ("Kim Tae-hyo"); "Esther Williams" stays itself beside a headline's
  "Esther Williams-Esther Williams";
* a name that opens or closes with a shorter full name (two words or more)
  the document names on its own, or a known person bears, is that name when
  the words it leaves out belong to no other name of the document and to no
  known person's name: a headline's "Ada Marsh Checks Into Rehab" beside
  "Ada Marsh" is Ada Marsh, and "Comedian Ada Marsh" is too; "Ada Marsh
  Lowe" stays whole where "Lowe" is named on its own, and "Mary Ada Marsh"
  does too, "Mary" being a given name;
* by the same tests, a name that opens with the family name of a full name
  the document names is that family name ("Marsh Checks In" beside "Ada
  Marsh"); a name closing with one is left alone, as a given name unknown to
  the dictionaries may open it;
* a name written twice across a hyphen ("Ada Marsh-Ada Marsh") is that name.

A name closing with a generational suffix ("Ada Marsh III") is never cut.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from watchfloor.resolve.names import generation, name_key, plain_spelling, word_keys

_HYPHENS = ("-", "\u2010", "\u2011")
_DASHES = "-\u2010\u2011 "


def complete_name(name: str, names: Sequence[str]) -> str:
    """A name cut at a hyphen ("Kim Tae-") completed by the one longer name it opens."""
    stem = name.rstrip(_DASHES)
    if len(stem.split()) < 2 or not name.rstrip().endswith(_HYPHENS):
        return name
    longer = {
        other
        for other in names
        if any(other.startswith(stem + dash) for dash in _HYPHENS)
        and len(other.rstrip(_DASHES)) > len(stem)
    }
    return longer.pop() if len(longer) == 1 else name


def trim_name(
    name: str,
    names: Sequence[str],
    is_known: Callable[[str], bool],
    is_name_word: Callable[[str], bool],
) -> str:
    """The name a run-on span opens or closes with (see the module doc), else `name`.

    `is_known` says whether a full name is a known person's; `is_name_word`
    whether a word is part of some known person's name (a given name such as
    "Maurice" is, a headline's "Checks" is not). A name the document names on
    its own wins over one only known from elsewhere, and a longer one over a
    shorter.
    """
    halves = re.split(r"[-\u2010\u2011]", name)
    if len(halves) == 2 and halves[0] and name_key(halves[0]) == name_key(halves[1]):
        return halves[0].strip()  # a headline's "Ada Marsh-Ada Marsh"
    words = name.split()
    if len(words) < 2 or generation(name):
        return name
    own = name_key(name)
    others = [other.split() for other in names if name_key(other) != own]
    longer = [other for other in others if len(other) >= 2]
    full = [other for other in longer if not _runs_on(other, longer)]
    named = {name_key(" ".join(other)) for other in full}
    family = {word_keys(" ".join(other))[-1:] for other in full}

    def in_document(kept: list[str]) -> bool:
        if len(kept) == 1:
            return word_keys(kept[0]) in family
        return name_key(" ".join(kept)) in named

    for found, smallest in ((in_document, 1), (lambda kept: is_known(" ".join(kept)), 2)):
        for size in range(len(words) - 1, smallest - 1, -1):
            for kept, cut in ((words[:size], words[size:]), (words[-size:], words[:-size])):
                if size == 1 and kept != words[:1]:
                    continue  # one word is kept only from the front: "Ada Checks In"
                if (
                    found(kept)
                    and not any(map(is_name_word, cut))
                    and not _named_elsewhere(cut, kept, others)
                ):
                    return " ".join(kept)
    return name


def _named_elsewhere(cut: list[str], kept: list[str], others: list[list[str]]) -> bool:
    """Whether a cut word belongs to another name of the document that is not a run-on
    span of the kept name itself ("Lowe" named on its own beside "Ada Marsh Lowe")."""
    cut_spellings = {plain_spelling(word) for word in cut}
    kept_spellings = [plain_spelling(word) for word in kept]
    for other in others:
        spellings = [plain_spelling(word) for word in other]
        if _contains(spellings, kept_spellings):
            continue
        if cut_spellings & set(spellings):
            return True
    return False


def _runs_on(name: list[str], names: list[list[str]]) -> bool:
    """Whether a shorter name of `names` is part of this one (itself a run-on span)."""
    return any(len(other) < len(name) and _contains(name, other) for other in names)


def _contains(words: list[str], run: list[str]) -> bool:
    return any(words[i : i + len(run)] == run for i in range(len(words) - len(run) + 1))
