"""Country names written with an abbreviated compass word: "S. Africa", "N. Macedonia".

Needs: the names and demonyms of the countries in the knowledge base.
Gives: `abbreviation_key`, the form under which an abbreviated name is
indexed, and `abbreviated_forms`, the written forms the entity ruler matches.

Headlines and wire copy shorten the compass word that opens a country's name
to its initial ("S. Sudan", "N Korea", "W. Sahara", "S. Korean troops"). One
rule covers every such name instead of one alias each: a name or demonym whose
first word is North, South, East or West (or Northern, Southern, Eastern,
Western) followed by more words can also be written with that word's capital
initial, with or without a dot. "S. Korea" is indexed as "s korea", "N.Korea"
as "n korea". An abbreviation two countries share is ambiguous and is returned
as such; an initial that opens no compass word ("E. Guinea" for Equatorial
Guinea) expands to nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable

COMPASS_WORDS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western"}
)
# An initial, then a dot (glued to the next word or not) or a space: "N.Korea", "S Sudan".
_WRITTEN = re.compile(r"^(?:the\s+)?([NSEW])(?:\.\s*|\s+)(\S.*)$", re.IGNORECASE)


def abbreviation_key(name: str) -> str | None:
    """The key an abbreviated name is indexed under, from a normalised name: "s africa"."""
    first, _, rest = name.partition(" ")
    if first not in COMPASS_WORDS or not rest:
        return None
    return f"{first[0]} {rest}"


def written_key(text: str, normalise: Callable[[str], str]) -> str | None:
    """The key of a name as written with an initial: "N.Korea" and "N. Korea" -> "n korea".

    `normalise` is the knowledge base's name normaliser, applied to what follows the initial.
    """
    match = _WRITTEN.match(text.strip())
    if match is None:
        return None
    rest = normalise(match.group(2))
    return f"{match.group(1).lower()} {rest}" if rest else None


def abbreviated_forms(name: str) -> tuple[str, ...]:
    """The written short forms of a name opening with a compass word.

    "South Africa" gives ("S. Africa", "S Africa", "S.Africa"); other names give ().
    """
    first, _, rest = name.partition(" ")
    if first.casefold() not in COMPASS_WORDS or not rest or not first[:1].isupper():
        return ()
    initial = first[0]
    return (f"{initial}. {rest}", f"{initial} {rest}", f"{initial}.{rest}")
