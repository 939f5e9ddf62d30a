"""Names the statistical NER leaves out: "the North", bare surnames, "Mr Vera".

Needs: a parsed Doc with entities (see `entities.py`, which calls this module).
Gives: candidate spans as (start token, end token, label, descriptor):

* COMPASS: "the North" or "the South" written alone, not opening a longer
  name ("the North Atlantic"), a compound ("North-South") or a region of
  something ("the South of France"); `resolve/` maps it to the one country
  of the document whose name starts with the word, whatever the NER made of it;
* PERSON: a capitalised word after an honorific ("Mr Vera", "Dr Lund"),
  which names a person whatever the NER said;
* NAME: one capitalised singular noun the NER left out that heads a noun
  phrase ("Vera asked ...", "met Vera"), with a title run before it if there
  is one ("Minister Vera"). Such a word may be a surname or a common noun
  written at the start of a sentence or in a headline, so NAME is only a
  candidate: `resolve/` keeps it when it is a person the document names,
  spelt alike, or the one office holder of that surname on the publication
  date, and drops it otherwise (`resolve/people.py`).

`is_sentence_case_modifier` tells the other way round: a sentence's first word
that modifies the noun after it ("Riot police") and is in no person's name of
the dictionaries is a common word, whatever the NER tagged it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from watchfloor.nlp.mentions.descriptors import (
    ROLE_NOUNS,
    describe,
    is_honorific,
    is_person_title,
    title_run,
)
from watchfloor.resolve.knowledge import load_knowledge

Doc = Any  # spacy.tokens.Doc; spaCy ships no type hints
Token = Any

Candidate = tuple[int, int, str, str | None]


def is_sentence_case_modifier(token: Token) -> bool:
    """A sentence's first word, capitalised only by its place, modifying the lower-case
    noun right after it ("Riot police"): a word no person's name in the dictionaries has."""
    head = token.head
    return (
        token.is_sent_start
        and token.dep_ in ("compound", "amod")
        and head.i == token.i + 1
        and head.text.islower()
        and not load_knowledge().is_name_word(token.text)
    )


# "the West" and "the East" name regions, never one country.
COMPASS_WORDS = frozenset({"North", "South"})
_HYPHENS = frozenset({"-", "\u2010", "\u2011", "\u2013"})
# Tags of plural nouns: "Officials said" is no one's name.
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
_NAME_POS = frozenset({"PROPN", "NOUN"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "its", "their"})
_QUOTES = frozenset({'"', "'", "`", "``", "\u2018", "\u201c"})
# Punctuation that ends the words of a quotation before its closing mark.
_QUOTE_ENDS = frozenset({",", ".", "!", "?"})


def is_compass_word(doc: Doc, index: int) -> bool:
    """Whether token `index` is "North" or "South" standing alone after "the"."""
    token = doc[index]
    if token.text not in COMPASS_WORDS or index == 0 or doc[index - 1].lower_ != "the":
        return False
    if index + 1 == len(doc):
        return True
    after = doc[index + 1]
    if after.text in _HYPHENS or after.lower_ == "of":
        return False  # "North-South talks", "the South of France"
    return not (after.is_alpha and after.text[:1].isupper())  # "the North Atlantic"


def find_compass_words(doc: Doc) -> Iterator[Candidate]:
    """COMPASS candidates the NER did not tag at all ("The North rejected the offer")."""
    for token in doc:
        if token.text in COMPASS_WORDS and not token.ent_type_ and is_compass_word(doc, token.i):
            yield token.i, token.i + 1, "COMPASS", None


def find_bare_names(doc: Doc, nouns: frozenset[str] = frozenset()) -> Iterator[Candidate]:
    """PERSON and NAME candidates for capitalised words outside every entity (module doc).

    A word of `nouns` (lower case: "parliament") or one the document also
    writes in lower case ("Host" and "host") is a common noun; one after an
    article, a quotation mark or another capitalised word ("New Moon")
    belongs to some other phrase.
    """
    common = {token.text for token in doc if token.is_lower and token.is_alpha}
    for token in doc:
        if token.lower_ in common or token.lower_ in nouns:
            continue
        if not _may_be_name(token) or _inside_phrase(token):
            continue
        name = doc[token.i : token.i + 1]
        title = title_run(name)
        if title is None or not is_person_title(title):  # "Ana" of "Ana Vera" is no title
            yield token.i, token.i + 1, "NAME", describe(name)
        else:
            label = "PERSON" if any(map(is_honorific, title)) else "NAME"
            yield title.start, token.i + 1, label, describe(name, title)


def _may_be_name(token: Token) -> bool:
    """A capitalised singular noun outside every entity that heads its noun phrase."""
    text = token.text
    if token.ent_type_ or not token.is_alpha or len(text) < 2 or not text[0].isupper():
        return False
    if text[1].isupper() or token.is_stop or token.pos_ not in _NAME_POS:  # "MPs", "NATO"
        return False
    if token.tag_ in _PLURAL_TAGS or token.dep_ in ("compound", "amod"):
        return False
    return token.lower_ not in ROLE_NOUNS and text not in COMPASS_WORDS and not is_honorific(token)


def _closes_quote(mark: Token) -> bool:
    """A quotation mark that ends a quotation, after its last punctuation: the name after
    it is the speaker's ("'We will not yield,' Vera said"), not a quoted word."""
    before = mark.doc[mark.i - 1] if mark.i > 0 else None
    return bool(mark.tag_ == "''" or (before is not None and before.text in _QUOTE_ENDS))


def _inside_phrase(token: Token) -> bool:
    """Whether an article, an opening quotation mark or a capitalised word other than a
    title stands before the token: "the Moon", "'Moon'", "New Moon", "Thu Jun 13"."""
    if token.i == 0:
        return False
    before = token.doc[token.i - 1]
    if before.lower_ in _DETERMINERS or (before.text in _QUOTES and not _closes_quote(before)):
        return True
    is_title_word = is_honorific(before) or before.lower_ in ROLE_NOUNS
    return bool(before.is_alpha and before.text[:1].isupper() and not is_title_word)
