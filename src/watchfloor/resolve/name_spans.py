"""A person's name as the NER cut it, repaired against the other names of its document.

Needs: the name of one person mention (its title split off), the names of the
document's PERSON mentions, and whether a name is a known person's.
Gives: `complete_name` for a name the NER cut at a hyphen, and `trim_name`
for a name the NER ran on into the words around it:

* "Kim Tae-" is completed by the one longer name of the document it opens
  ("Kim Tae-hyo"); "Esther Williams" stays itself beside a headline's
  "Esther Williams-Esther Williams";
* a name of three words or more that opens or closes with a shorter full
  name (two words or more) the document names on its own, or a known person
  bears, is that name when the words it leaves out belong to no other name
  of the document: a headline's "Ada Marsh Checks Into Rehab" beside
  "Ada Marsh" is Ada Marsh, and "Comedian Ada Marsh" is too; "Ada Marsh
  Lowe" stays whole where "Lowe" is named on its own. A name closing with a
  generational suffix ("Ada Marsh III") is never cut.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from watchfloor.resolve.names import generation, name_key, plain_spelling

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


def trim_name(name: str, names: Sequence[str], is_known: Callable[[str], bool]) -> str:
    """The full name a run-on span opens or closes with (see the module doc), else `name`.

    A name the document names on its own wins over one only known from elsewhere,
    and a longer one over a shorter.
    """
    words = name.split()
    if len(words) < 3 or generation(name):
        return name
    own = name_key(name)
    others = [other.split() for other in names if name_key(other) != own]
    full = [other for other in others if len(other) >= 2]
    named = {name_key(" ".join(other)) for other in full if not _runs_on(other, full)}
    for found in (lambda shorter: name_key(shorter) in named, is_known):
        for size in range(len(words) - 1, 1, -1):
            for kept, cut in ((words[:size], words[size:]), (words[-size:], words[:-size])):
                if found(" ".join(kept)) and not _named_elsewhere(cut, kept, others):
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
