"""Descriptors: what the parse says about a named person or organisation.

Needs: a spaCy span with a dependency parse.
Gives: the title run written before a name ("President" in "President
Soto", "Defence Minister" in "Defence Minister Vera"), and the raw
descriptor text that `resolve/` turns into a role:

* pre-modifiers: "Chilean President Ana Soto" -> "Chilean President";
* an appositive after the name: "Jane Roe, a Gulf analyst at the Foo
  Institute" -> "a Gulf analyst at the Foo Institute";
* a noun the name is in apposition to: "Chile's Defence Minister, Ana Soto"
  -> "Chile's Defence Minister" (this covers "X of Y" heads too: "the director
  of the Foreign Ministry's Asia Department, Ivan Petrov");
* a place the name is "of" or "from": "Ana Soto of Chile" -> "of Chile".

Several descriptors are joined with "; ". The title run, when the mention
text includes it, is always the first part, so `resolve/` can split the
title from the name without knowing any title words.
"""

from __future__ import annotations

from typing import Any

Span = Any  # spacy.tokens.Span; spaCy ships no type hints
Token = Any  # spacy.tokens.Token

DESCRIPTOR_SEPARATOR = "; "
MAX_DESCRIPTOR_TOKENS = 20
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "messrs"})
# English nouns for positions people hold; a name never ends in one of these.
ROLE_NOUNS = frozenset(
    """president minister secretary advisor adviser chancellor premier leader chief director
    spokesman spokeswoman spokesperson ambassador envoy general admiral colonel commander
    governor mayor senator lawmaker legislator representative congressman congresswoman
    chairman chairwoman chair head king queen prince princess emir sheikh sultan ayatollah
    pope professor analyst researcher expert journalist correspondent reporter editor official
    officer diplomat judge prosecutor lieutenant captain sergeant marshal deputy counsellor
    counselor commissioner speaker justice attorney consul undersecretary coordinator
    negotiator sheriff""".split()  # noqa: SIM905 - a word list reads best as prose
)
_LEADING_JUNK = frozenset({"det", "punct", "cc", "prep", "case"})
_ORIGIN_PREPOSITIONS = frozenset({"of", "from"})
_CLAUSE_POS = frozenset({"VERB", "AUX", "CCONJ", "SCONJ", "ADP", "PRON"})


def is_honorific(token: Token) -> bool:
    return bool(token.lower_.rstrip(".") in HONORIFICS)


def title_run(span: Span) -> Span | None:
    """The capitalised title words written right before `span`, or None.

    Honorifics ("Mr.", "Dr") and capitalised nouns that modify the name
    ("President", "Defence Minister") count; a word inside another entity
    ("US" in "US President Smith") or in lower case ends the run.
    """
    doc = span.doc
    start = span.start
    while start > 0 and _is_title_word(doc[start - 1], span):
        start -= 1
    return doc[start : span.start] if start < span.start else None


def is_person_title(title: Span | None) -> bool:
    """Whether a title run names a person's title: it has an honorific or a role noun.

    "Mr", "Chancellor", "Defence Minister" do; a given name before a surname
    ("Ana" in "Ana Vera") does not.
    """
    return title is not None and any(
        is_honorific(token) or token.lower_ in ROLE_NOUNS for token in title
    )


def _is_title_word(token: Token, name: Span) -> bool:
    if token.ent_type_ or token.is_sent_end:
        return False
    if is_honorific(token):
        return True
    if not (token.is_title or token.is_upper) or token.pos_ not in ("PROPN", "NOUN"):
        return False
    modifies_name = name.start <= token.head.i < name.end
    modifies_title = token.i < token.head.i < name.start
    return bool(token.lower_ in ROLE_NOUNS or modifies_name or modifies_title)


def describe(span: Span, title: Span | None = None) -> str | None:
    """The descriptor of a named person or body, raw text, or None when the parse has none."""
    parts = [title.text] if title is not None else []
    parts_found = (_pre_modifiers(span, title), _appositive(span), _apposed_to(span), _origin(span))
    for part in parts_found:
        if part and part not in parts:
            parts.append(part)
    return DESCRIPTOR_SEPARATOR.join(parts) or None


def _pre_modifiers(span: Span, title: Span | None) -> str | None:
    """The words of the name's own noun phrase before it: "former Foreign Minister"."""
    doc = span.doc
    end = title.start if title is not None else span.start
    start = end
    while start > span.root.left_edge.i and not _ends_phrase(doc[start - 1]):
        start -= 1
    return _clean(doc[start:end]) if start < end else None


def _ends_phrase(token: Token) -> bool:
    """A word that cannot sit inside a name's pre-modifiers: a verb, a comma, a conjunction."""
    return bool(token.pos_ in _CLAUSE_POS or token.text in (",", ";", ":", "(", ")"))


def _appositive(span: Span) -> str | None:
    """The appositive after the name: "Jane Roe, a Gulf analyst at the Foo Institute"."""
    for child in span.root.rights:
        if child.dep_ == "appos" and child.i >= span.end and _can_describe(child):
            return _clean(child.doc[child.left_edge.i : child.right_edge.i + 1])
    return None


def _can_describe(head: Token) -> bool:
    """A singular noun phrase of a few words: not "himself", not "two cities where..."."""
    if head.pos_ not in ("NOUN", "PROPN") or head.tag_ in ("NNS", "NNPS"):
        return False
    return bool(head.right_edge.i - head.left_edge.i < MAX_DESCRIPTOR_TOKENS)


def _apposed_to(span: Span) -> str | None:
    """The noun phrase the name stands in apposition to: "Chile's Defence Minister, Ana Soto"."""
    root = span.root
    head = root.head
    if root.dep_ != "appos" or head.i >= span.start or head.ent_type_:
        return None
    return _clean(span.doc[head.left_edge.i : head.i + 1])


def _origin(span: Span) -> str | None:
    """The place a name is "of" or "from": "Ana Soto of Chile" -> "of Chile"."""
    for child in span.root.rights:
        if child.dep_ != "prep" or child.lower_ not in _ORIGIN_PREPOSITIONS:
            continue
        places = [word for word in child.children if word.dep_ == "pobj"]
        if places and places[0].ent_type_ == "GPE":
            return str(span.doc[child.i : places[0].right_edge.i + 1].text)
    return None


def _clean(tokens: Span) -> str | None:
    """Text of `tokens` without leading determiners and edge punctuation."""
    words = list(tokens)
    while words and (words[0].dep_ in _LEADING_JUNK or words[0].is_punct):
        words.pop(0)
    while words and (words[-1].is_punct or words[-1].dep_ == "case"):
        words.pop()
    if not words:
        return None
    doc = tokens.doc
    return str(doc[words[0].i : words[-1].i + 1].text.strip()) or None
