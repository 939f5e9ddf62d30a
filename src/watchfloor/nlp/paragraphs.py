"""Line breaks as sentence boundaries, set before the parser runs.

The parser reads a headline and the paragraph under it as one sentence
("Germany sends tanks to Ukraine\\n\\nGermany delivered ..."), so an event's
evidence would swallow the headline and its arguments would cross lines.
This component marks the boundaries the layout already gives. In a text
whose lines are paragraphs (what HTML extraction and most feeds give), every
line break ends a sentence. In a hard-wrapped text (lines cut at a fixed
width, as in e-mail and old wire copy):

* a blank line (two or more line breaks) always ends a sentence;
* a single line break ends one when the line before ends in terminal
  punctuation, when the next line starts with a capitalised function word
  ("The", "But", "In"), or when the line before ends in a capitalised word or
  number and the next starts with a capital, digit or quote (a headline over
  a paragraph). A hard-wrapped sentence ("... said\\nPresident Biden") breaks
  after a lowercase word before a name and is left whole.

Needs: a tokenised Doc. Gives: `is_sent_start` set on the first token after
such a break; the parser keeps preset boundaries and decides the rest.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

COMPONENT_NAME = "watchfloor_paragraph_breaks"

Doc = Any  # spacy.tokens.Doc
Token = Any  # spacy.tokens.Token

# A text is hard-wrapped when it has at least WRAP_MIN_LINES lines of WRAP_MIN_CHARS or
# more, none longer than WRAP_MAX_CHARS, and WRAP_OPEN_SHARE of them stop mid-sentence.
WRAP_MIN_CHARS = 40
WRAP_MIN_LINES = 3
WRAP_MAX_CHARS = 100
WRAP_OPEN_SHARE = 0.5
_TERMINAL = frozenset({".", "!", "?", ":", ";", '"', "”", "’", "'", ")", "»"})
_OPENING = frozenset({'"', "“", "‘", "'", "«", "(", "-", "–", "—", "*", "•"})


def mark_paragraph_breaks(doc: Doc) -> Doc:
    """Set a sentence start after every line break that ends a line of its own."""
    text = doc.text
    wrapped = is_hard_wrapped(text)
    for index in _tokens_with_line_breaks(doc, text):
        token = doc[index]
        following = _next_word(doc, token.i + 1)
        if following is None:
            break
        if not wrapped or _ends_sentence(token, following):
            following.is_sent_start = True
    return doc


def _tokens_with_line_breaks(doc: Doc, text: str) -> list[int]:
    """Indices of the tokens but the last whose text or trailing space holds a line break,
    in order (found from the text's line breaks, not by visiting every token)."""
    from spacy.attrs import IDX

    if len(doc) < 2 or "\n" not in text:
        return []
    starts = doc.to_array(IDX).tolist()
    found: list[int] = []
    position = text.find("\n")
    while position != -1:
        index = bisect_right(starts, position) - 1
        if index >= len(doc) - 1:
            break
        if not found or found[-1] != index:
            found.append(index)
        position = text.find("\n", position + 1)
    return found


def is_hard_wrapped(text: str) -> bool:
    """Whether the text's lines were cut at a fixed width rather than at paragraphs.

    In a wrapped text most long lines stop mid-sentence and none is much
    longer than the width; a page's paragraphs end in punctuation, or run long.
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    long_lines = [line for line in lines if len(line) >= WRAP_MIN_CHARS]
    if len(long_lines) < WRAP_MIN_LINES or max(map(len, lines)) > WRAP_MAX_CHARS:
        return False
    open_ended = sum(line[-1] not in _TERMINAL for line in long_lines)
    return open_ended / len(long_lines) >= WRAP_OPEN_SHARE


def _next_word(doc: Doc, start: int) -> Token | None:
    for token in doc[start:]:
        if not token.is_space:
            return token
    return None


def _ends_sentence(break_token: Token, following: Token) -> bool:
    newlines = sum(t.text_with_ws.count("\n") for t in _break_run(break_token, following))
    if newlines >= 2:
        return True
    previous = _previous_word(break_token)
    if previous is None:
        return False
    if previous.text[-1:] in _TERMINAL:
        return True
    if following.is_title and following.is_stop:
        return True  # "The", "But", "In": capitalised only where a sentence starts
    capitalised = previous.is_title or previous.is_upper or previous.like_num
    starts_new = following.is_title or following.is_upper or following.is_digit
    return bool(capitalised and (starts_new or following.text[:1] in _OPENING))


def _break_run(break_token: Token, following: Token) -> list[Token]:
    doc = break_token.doc
    first = break_token.i
    while first > 0 and doc[first - 1].is_space:
        first -= 1
    return list(doc[first : following.i])


def _previous_word(break_token: Token) -> Token | None:
    doc = break_token.doc
    for index in range(break_token.i, -1, -1):
        if not doc[index].is_space:
            return doc[index]
    return None


def register() -> None:
    """Register the component with spaCy once per process."""
    from spacy.language import Language

    if not Language.has_factory(COMPONENT_NAME):
        Language.component(COMPONENT_NAME, func=mark_paragraph_breaks)
