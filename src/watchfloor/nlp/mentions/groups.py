"""A counted reference to parties named earlier: "the three countries", "both nations".

Needs: a noun token of a parsed spaCy `Doc` and `party_at` (token -> the party
id its mention stands for, or None).
Gives: the parties such a reference stands for. A group noun ("countries",
"nations", "members", "governments", "sides"...) counted by "both" or a
number names as many parties as it counts; news names them once, as a list
("Poland, Hungary and the Czech Republic ... the three new members", "the
embassies in Kenya and Tanzania ... assistance to the two countries"). The
reference stands for the nearest earlier list of exactly that many parties,
in the same sentence before it or in any sentence before. A list of another
size, or none, gives nothing: the reference is not guessed from loose names.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Token = Any  # spacy.tokens.Token; spaCy ships no type hints

# Nouns that can stand for a counted set of parties named before (lemmas).
GROUP_NOUNS = frozenset(
    """country nation state member government ally neighbour neighbor partner capital side
    signatory""".split()  # noqa: SIM905 - a word list reads best as prose
)
_COUNTS = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_MAX_COUNT = 12


def group_size(token: Token) -> int | None:
    """How many parties a group noun counts ("the three countries": 3), or None when the
    word is no counted group noun."""
    lemma = token.lemma_.lower()
    if token.pos_ != "NOUN" or (lemma not in GROUP_NOUNS and token.lower_ not in GROUP_NOUNS):
        return None
    for child in token.children:
        if child.dep_ not in ("nummod", "det", "predet", "quantmod", "amod"):
            continue
        word = child.lower_
        if word in _COUNTS:
            return _COUNTS[word]
        if word.isdigit() and 1 < int(word) <= _MAX_COUNT:
            return int(word)
    return None


# Words that count a group loosely ("several countries", "many nations").
_LOOSE_COUNTS = frozenset(
    """several many some numerous various multiple dozens scores hundreds few more other
    most""".split()  # noqa: SIM905 - a word list reads best as prose
)


def is_uncounted_group(token: Token) -> bool:
    """Whether a plural group noun is counted past what a list names, or loosely: "more
    than 20 countries", "several nations", "many governments". Such a group stands for
    parties the text does not name, not for those named before it."""
    lemma = token.lemma_.lower()
    if token.pos_ != "NOUN" or token.tag_ != "NNS" or lemma not in GROUP_NOUNS:
        return False
    for child in token.children:
        if child.dep_ not in ("nummod", "det", "predet", "quantmod", "amod"):
            continue
        if child.lower_ in _LOOSE_COUNTS or child.like_num:
            return group_size(token) is None  # "the three countries" are counted
    return False


def find_named_group(token: Token, size: int, party_at: Callable[[Token], str | None]) -> list[str]:
    """The parties of the nearest list of `size` parties named before `token`, in text order."""
    for earlier in reversed(token.doc[: token.i]):
        if earlier.dep_ == "conj" or party_at(earlier) is None:
            continue  # a list is read from its first member
        members = _listed_parties(earlier, party_at)
        if len(members) == size:
            return members
    return []


def _listed_parties(first: Token, party_at: Callable[[Token], str | None]) -> list[str]:
    """The distinct parties of `first` and the words coordinated with it ("X, Y and Z")."""
    found: list[str] = []
    pending = [first]
    while pending:
        word = pending.pop(0)
        party = party_at(word)
        if party is not None and party not in found:
            found.append(party)
        pending.extend(child for child in word.children if child.dep_ == "conj")
    return found
