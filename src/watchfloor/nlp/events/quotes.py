"""Direct quotations and who said them.

Needs: the article, its spaCy `Doc` (parsed from `article.text`) and its
mentions, resolved where possible.
Gives: one `Quote` per quotation ("…" or "...") with the offsets and text of
what is inside the marks, and the speaker: the subject of the verb of saying
outside the marks in the same sentence ('"...," said Jane Doe', 'Jane Doe
said: "..."') or in a short attribution sentence right after it; a pronoun
("he said") takes the previous named speaker, else the nearest earlier person
named. `speaker` is the actor id of the speaker's mention, `speaker_text` the
words that name the speaker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from watchfloor.records import Article, Mention, Quote

Doc = Any  # spacy.tokens.Doc; spaCy ships no type hints
Token = Any
Span = Any

_QUOTATION = re.compile(r"\u201c([^\u201c\u201d]+)\u201d|\"([^\"\n]+)\"")
SPEECH_VERBS = frozenset(
    """say tell add state declare write note warn insist claim stress explain argue announce
    respond reply comment remark conclude continue told ask urge caution""".split()  # noqa: SIM905 - a word list reads best as prose
)
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
_SHORT_ATTRIBUTION = 8  # tokens: '"...," he said.' split off as its own sentence


def find_quotes(article: Article, doc: Doc, mentions: Sequence[Mention]) -> list[Quote]:
    """Every direct quotation in `article.text`, with its speaker resolved where possible."""
    spans = _mention_spans(doc, mentions)
    quotes: list[Quote] = []
    last_speaker: tuple[str | None, str | None] = (None, None)
    for match in _QUOTATION.finditer(article.text):
        group = 1 if match.group(1) is not None else 2
        start, end = match.start(group), match.end(group)
        speaker_token = _speaker_token(doc, match.start(), match.end())
        speaker, speaker_text = _speaker(speaker_token, spans, last_speaker, doc)
        if speaker is not None or speaker_text is not None:
            last_speaker = (speaker, speaker_text) if speaker else last_speaker
        quotes.append(
            Quote(
                doc_id=article.doc_id,
                start=start,
                end=end,
                text=article.text[start:end],
                speaker=speaker,
                speaker_text=speaker_text,
            )
        )
    return quotes


def _mention_spans(doc: Doc, mentions: Sequence[Mention]) -> list[tuple[Span, Mention]]:
    found = []
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            found.append((span, mention))
    return found


def _speaker_token(doc: Doc, start: int, end: int) -> Token | None:
    """The subject of the verb of saying attached to the quotation at [start, end)."""
    first = doc.char_span(start, end, alignment_mode="expand")
    if first is None:
        return None
    sentences = list(dict.fromkeys(token.sent for token in first))
    after = first[-1].i + 1
    if after < len(doc) and len(doc[after].sent) <= _SHORT_ATTRIBUTION:
        sentences.append(doc[after].sent)
    for sentence in sentences:
        for token in sentence:
            inside = start <= token.idx < end
            if inside or token.lemma_.lower() not in SPEECH_VERBS or token.pos_ != "VERB":
                continue
            for child in token.children:
                if child.dep_ in ("nsubj", "nsubjpass") and not start <= child.idx < end:
                    return child
    return None


def _speaker(
    token: Token | None,
    spans: Sequence[tuple[Span, Mention]],
    last: tuple[str | None, str | None],
    doc: Doc,
) -> tuple[str | None, str | None]:
    if token is None:
        return None, None
    if token.lower_ in _PRONOUNS:
        if last[0] is not None:
            return last
        return _nearest_person(token, spans)
    subtree = list(token.subtree)
    first, last_index = subtree[0].i, subtree[-1].i
    inside = [(s, m) for s, m in spans if first <= s.start and s.end - 1 <= last_index]
    inside.sort(key=lambda pair: (pair[1].label != "PERSON", pair[0].start))
    for span, mention in inside:
        if mention.actor_id:
            return mention.actor_id, span.text
    return None, doc[first : last_index + 1].text


def _nearest_person(
    token: Token, spans: Sequence[tuple[Span, Mention]]
) -> tuple[str | None, str | None]:
    earlier = [
        (span, mention)
        for span, mention in spans
        if span.end <= token.i and mention.label == "PERSON" and mention.actor_id
    ]
    if not earlier:
        return None, None
    span, mention = max(earlier, key=lambda pair: pair[0].start)
    return mention.actor_id, span.text
