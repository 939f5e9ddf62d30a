"""Details attached to a coded act: evidence, date and quantity.

Needs: the act's trigger and governing chain (spaCy tokens), the article text,
the time expressions and quantities found in it.
Gives:
* `evidence_span`: the sentence, or the act's clause when the sentence holds
  several acts, as character offsets into `Article.text`, without a leading
  wire dateline ("PARIS, Sept 25 (Reuters) - ") or stray punctuation;
* `event_date`: the date of the time expression that governs the act's clause
  ("clause"), else of one elsewhere in its sentence ("sentence"), else None,
  with "unanchored" when the sentence's date needs an anchor the text lacks;
  never the publication date, never a guessed year;
* `event_quantity`: the amount inside the act's clause, preferring one the
  trigger governs, and never a count of parties or of time ("the two leaders",
  "three days").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from watchfloor.nlp.time.dates import needs_anchor
from watchfloor.records import PartialDate, Quantity, TimeExpression

Token = Any  # spacy.tokens.Token; spaCy ships no type hints
Doc = Any
Span = Any

_TRIM = frozenset({",", ";", ":", "-", "–", "—", "and", "but", "or", "while", "as", "."})
_MIN_CLAUSE_TOKENS = 5
# What may precede a sentence's words without belonging to them: whitespace, stray
# punctuation left by a bad split, and a wire dateline ("PARIS, Sept 25 (Reuters) - ").
_LEAD = re.compile(
    r"[\s,;:.\-\u2013\u2014]*"
    r"(?:(?:[A-Z][A-Z.' ]+,\s*)?[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*(?:\([^)]{1,40}\))?\s*"
    r"[-\u2013\u2014]\s*)?"
)
_MAX_CLIMB = 12
_COUNT_UNITS_FIRST = frozenset({"MOBILIZE", "ASSAULT", "RETREAT"})
_NOT_AMOUNTS = frozenset(
    """leader president country countries nation side party parties government official
    minister state head counterpart reason way thing point time day week month year hour
    decade century round-trip occasion""".split()  # noqa: SIM905 - a word list reads best as prose
)


def evidence_span(top: Token, several: bool) -> tuple[int, int]:
    """Character offsets of the evidence: the clause of `top`, or its sentence."""
    sentence = top.sent
    if several:
        tokens = [t for t in top.subtree if sentence.start <= t.i < sentence.end]
        while tokens and (tokens[0].lower_ in _TRIM or tokens[0].is_space):
            tokens = tokens[1:]
        while tokens and (tokens[-1].lower_ in _TRIM or tokens[-1].is_space):
            tokens = tokens[:-1]
        if len(tokens) >= _MIN_CLAUSE_TOKENS:
            return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    base = sentence.start_char
    text = sentence.text  # the sentence's own, not the whole document's joined again
    start, end = 0, len(text)
    while end > start and text[end - 1].isspace():
        end -= 1
    lead = _LEAD.match(text, start, end)
    if lead is not None and lead.end() < end:
        start = lead.end()
    return base + start, base + end


def event_date(
    doc: Doc, chain: Sequence[Token], times: Sequence[TimeExpression]
) -> tuple[PartialDate | None, str | None]:
    """The date governing the act's clause, else its sentence's, with where it came from.

    When the expression that governs the clause, or with none the sentence's
    only kind, is a date the text gives no anchor for ("on Thursday" in an
    article with no publication date), the act has no date and the source says
    so: (None, "unanchored"). No other date of the sentence stands in for it.
    """
    sentence = chain[0].sent
    in_sentence = [
        time
        for time in times
        if time.kind in ("date", "time")
        and (time.value is not None or needs_anchor(time))
        and sentence.start_char <= time.start < sentence.end_char
    ]
    positions = {token.i: level for level, token in enumerate(chain)}
    best: tuple[int, TimeExpression] | None = None
    for time in in_sentence:
        level = _attachment_level(doc, time, positions)
        if level is not None and (best is None or level < best[0]):
            best = (level, time)
    if best is not None:
        return (best[1].value, "clause") if best[1].value else (None, "unanchored")
    dated = [time for time in in_sentence if time.value is not None]
    if dated:
        return dated[0].value, "sentence"
    return None, "unanchored" if in_sentence else None


def _attachment_level(doc: Doc, time: TimeExpression, positions: dict[int, int]) -> int | None:
    span = doc.char_span(time.start, time.end, alignment_mode="expand")
    if span is None:
        return None
    token = span.root
    for _ in range(_MAX_CLIMB):
        if token.i in positions:
            return positions[token.i]
        if token.head is token:
            return None
        token = token.head
    return None


def _counts_stuff(quantity: Quantity) -> bool:
    """Whether an amount is of what an event moves (arms, money, troops), not of its parties.

    "the two leaders", "both countries", "two reasons", "three days" are not the
    event's quantity.
    """
    words = (quantity.unit or "").lower().split()
    head = words[-1] if words else ""
    return head.removesuffix("s") not in _NOT_AMOUNTS and head not in _NOT_AMOUNTS


def event_quantity(
    trigger: Token, top: Token, event_type: str, quantities: Sequence[Quantity]
) -> Quantity | None:
    """The amount inside the act's clause, the trigger's own first."""
    for head in (trigger, top):
        subtree = list(head.subtree)
        start, end = subtree[0].idx, subtree[-1].idx + len(subtree[-1].text)
        inside = [q for q in quantities if start <= q.start and q.end <= end and _counts_stuff(q)]
        if event_type in _COUNT_UNITS_FIRST:
            inside.sort(key=lambda q: len(q.unit) == 3 and q.unit.isupper())
        if inside:
            return inside[0]
    return None
