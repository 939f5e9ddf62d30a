"""Direct quotations and who said them, read off the attribution structure.

Needs: the article, its spaCy `Doc` (parsed from `article.text`) and its
mentions, resolved where possible.
Gives: one `Quote` per quotation (between “ ”, " " or `` '') with the offsets
and text of what is inside the marks, and its speaker: `speaker` is the actor
id of the mention that names the speaker, `speaker_text` the words that do
("Interior Secretary Ken Salazar", "a police spokeswoman"). The speaker is,
in this order:

1. the subject of the verb of saying nearest the quotation outside its marks,
   in the quotation's sentences ('"…," X said', 'X said: "…"', 'X told
   reporters that "…"', 'X described it as "…"'); the agent of a passive ('was
   called "…" by X'); the object of "according to X";
2. for a quotation with no such frame, in the same paragraph: a sentence just
   before it that ends in a colon or comma and has a frame ('X said:'), or
   the speaker of the quotation just before it, which it continues;
3. a pronoun subject ("he said") is the person of the nearest sentence before
   that gives one (up to three back): the speaker of a quotation there, else
   the subject of its main verb, else of another clause ("with X declaring");
   "he" and "she" are only ever people.

A frame in the next paragraph never counts, and a quotation no rule attributes
keeps no speaker rather than the last person named. Within a subject, a person
named in apposition ("Kafoury's son, Charlie") speaks, not one named in a
possessive; an organisation's spokesperson gives the organisation's id with
their own words as `speaker_text`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from watchfloor.records import Article, Mention, Quote

Doc = Any  # spacy.tokens.Doc; spaCy ships no type hints
Token = Any
Span = Any

_QUOTATION = re.compile(
    r"\u201c([^\u201c\u201d]+)\u201d|\"([^\"\n]+)\"|``((?:(?!``|'').)+)''", re.DOTALL
)
SPEECH_VERBS = frozenset(
    """say tell add state declare write note warn insist claim stress explain argue announce
    respond reply comment remark conclude continue ask urge caution admit acknowledge
    observe maintain tweet post complain predict concede deny confirm vow promise pledge
    emphasize emphasise joke quip call describe label term dub brand characterize
    characterise cite recall report testify agree""".split()  # noqa: SIM905 - a word list reads best as prose
)
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_SENTENCES_BACK = 3
_SHORT_ATTRIBUTION = 8  # tokens: '"…," he said.' split off as a sentence of its own


@dataclass(frozen=True, slots=True)
class _Speaker:
    actor_id: str | None
    text: str | None

    @property
    def found(self) -> bool:
        return bool(self.actor_id or self.text)


_NOBODY = _Speaker(None, None)


def find_quotes(article: Article, doc: Doc, mentions: Sequence[Mention]) -> list[Quote]:
    """Every direct quotation in `article.text`, with its speaker where the text gives one."""
    reader = _Reader(article.text, doc, mentions)
    quotes: list[Quote] = []
    for start, end, outer_start, outer_end in _quotations(article.text):
        speaker = reader.speaker(start, end, outer_start, outer_end)
        quotes.append(
            Quote(
                doc_id=article.doc_id,
                start=start,
                end=end,
                text=article.text[start:end],
                speaker=speaker.actor_id,
                speaker_text=speaker.text,
            )
        )
    return quotes


def _quotations(text: str) -> Iterator[tuple[int, int, int, int]]:
    """(inner start, inner end, outer start, outer end) of each quotation."""
    for match in _QUOTATION.finditer(text):
        group = next(index for index in (1, 2, 3) if match.group(index) is not None)
        yield match.start(group), match.end(group), match.start(), match.end()


class _Reader:
    """The attribution rules over one document (see the module docstring)."""

    def __init__(self, text: str, doc: Doc, mentions: Sequence[Mention]) -> None:
        self.text, self.doc = text, doc
        self.mentions = [m for m in mentions if m.actor_id]
        self.quoted = [(first, last) for _, _, first, last in _quotations(text)]
        self.said: list[tuple[int, _Speaker]] = []  # (sentence start char, speaker) so far

    def speaker(self, start: int, end: int, outer_start: int, outer_end: int) -> _Speaker:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return _NOBODY
        found = self._framed(span, outer_start, outer_end)
        if not found.found:
            found = self._carried(span, outer_start)
        if found.found:
            self.said.append((span[0].sent.start_char, found))
        return found

    # -- rule 1: the frame around the quotation ---------------------------------

    def _framed(self, span: Span, outer_start: int, outer_end: int) -> _Speaker:
        sentences = list(dict.fromkeys(token.sent for token in (span[0], span[-1])))
        after = span[-1].i + 1
        while after < len(self.doc) and self.doc[after].idx < outer_end:
            after += 1
        if after < len(self.doc) and self.doc[after].sent not in sentences:
            next_sentence = self.doc[after].sent
            short = len(next_sentence) <= _SHORT_ATTRIBUTION
            if short and not self._breaks(outer_end, self.doc[after].idx):
                sentences.append(next_sentence)  # '"…"' / 'he said.' split off
        verbs = [
            token
            for sentence in sentences
            for token in sentence
            if not self._inside_quote(token.idx) and _is_speech_verb(token)
        ]
        verbs.sort(key=lambda verb: _distance(verb, outer_start, outer_end))
        for verb in verbs:
            subject = _subject_of(verb)
            if subject is not None and not self._inside_quote(subject.idx):
                return self._named_by(subject)
        for sentence in sentences:
            source = _according_to(sentence)
            if source is not None and not self._inside_quote(source.idx):
                return self._named_by(source)
        return _NOBODY

    # -- rule 2: a frame before the quotation, or the quotation it continues -----

    def _carried(self, span: Span, outer_start: int) -> _Speaker:
        sentence = span[0].sent
        opens = not self.text[sentence.start_char : outer_start].strip()
        if sentence.start == 0 or not opens:
            return _NOBODY  # a quotation inside a sentence with no frame: nobody
        before = self.doc[sentence.start - 1].sent
        if _ends_with_colon(before) or before.text.rstrip().endswith(","):
            for token in before:
                if _is_speech_verb(token) and not self._inside_quote(token.idx):
                    subject = _subject_of(token)
                    if subject is not None:
                        return self._named_by(subject)
        previous = [speaker for start, speaker in self.said if start >= before.start_char]
        if previous and self._quoted_in(before):
            return previous[-1]
        return _NOBODY

    def _quoted_in(self, sentence: Span) -> bool:
        return any(sentence.start_char <= s < sentence.end_char for s, _ in self.quoted)

    # -- who a subject names ----------------------------------------------------

    def _named_by(self, subject: Token, person: bool = False) -> _Speaker:
        """Who a subject names; with `person`, only a person ("he" stands for one)."""
        if subject.lower_ in _PRONOUNS:
            return self._antecedent(subject)
        words = _subject_words(subject)
        text = self.doc[words[0] : words[-1] + 1].text
        appositions = [child for child in subject.children if child.dep_ == "appos"]
        for token in [*appositions, subject]:
            mention = self._mention_at(token, "PERSON")
            if mention is not None:
                return _Speaker(mention.actor_id, text)
        if person:
            return _NOBODY
        for index in range(words[0], words[-1] + 1):
            token = self.doc[index]
            if _in_possessive(token, subject):
                continue
            mention = self._mention_at(token)
            if mention is not None:
                return _Speaker(mention.actor_id, text)
        return _Speaker(None, text)

    def _antecedent(self, pronoun: Token) -> _Speaker:
        """The person a "he"/"she" subject stands for: see rule 3."""
        sentence, limit = pronoun.sent, pronoun.idx
        person = pronoun.lower_ in ("he", "she")
        for _ in range(_SENTENCES_BACK):
            said = [s for start, s in self.said if sentence.start_char <= start < limit]
            if said:
                return said[-1]
            for subject in _clause_subjects(sentence, before=limit):
                found = self._named_by(subject, person)
                if found.actor_id:
                    return found
            if sentence.start == 0:
                break
            sentence = self.doc[sentence.start - 1].sent
            limit = sentence.end_char
        return _NOBODY

    def _mention_at(self, token: Token, label: str | None = None) -> Mention | None:
        for mention in self.mentions:
            if mention.start <= token.idx < mention.end and label in (None, mention.label):
                return mention
        return None

    def _inside_quote(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.quoted)

    def _breaks(self, first: int, second: int) -> bool:
        """Whether a paragraph break (a line break) lies between two offsets."""
        low, high = sorted((first, second))
        return "\n" in self.text[low:high]


def _is_speech_verb(token: Token) -> bool:
    return bool(token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in SPEECH_VERBS)


def _subject_of(verb: Token) -> Token | None:
    """The verb's subject; the agent of a passive ("by X"); else its governing verb's subject."""
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [grand for grand in child.children if grand.dep_ == "pobj"]
            if objects:
                return objects[0]
    for child in verb.children:
        if child.dep_ in _SUBJECTS:
            return child
    if verb.dep_ in ("xcomp", "advcl", "conj", "ccomp") and verb.head.i != verb.i:
        for child in verb.head.children:
            if child.dep_ in _SUBJECTS:
                return child
    return None


def _according_to(sentence: Span) -> Token | None:
    for token in sentence:
        if token.lower_ == "according" and token.i + 1 < len(token.doc):
            to = token.doc[token.i + 1]
            objects = [child for child in to.children if child.dep_ == "pobj"]
            if to.lower_ == "to" and objects:
                return objects[0]
    return None


def _clause_subjects(sentence: Span, before: int) -> list[Token]:
    """Subjects before `before`, not pronouns: the main verb's first, then the others
    from the nearest back ("with Soto declaring" has Soto)."""
    found = [
        token
        for token in sentence
        if token.dep_ in _SUBJECTS and token.idx < before and token.lower_ not in _PRONOUNS
    ]
    main = [token for token in found if token.head.i == sentence.root.i]
    return [*main, *reversed([token for token in found if token.head.i != sentence.root.i])]


def _subject_words(subject: Token) -> tuple[int, int]:
    """Token indexes of the subject from its left edge to its head: "a police spokeswoman"."""
    first = subject.left_edge.i
    return first, subject.i


def _in_possessive(token: Token, subject: Token) -> bool:
    """Whether `token` sits in a possessive of the subject ("Kafoury" of "Kafoury's son")."""
    while token.i != subject.i and token.head.i != token.i:  # spaCy makes new Token objects
        if token.dep_ == "poss":
            return True
        token = token.head
    return False


def _ends_with_colon(sentence: Span) -> bool:
    return bool(sentence.text.rstrip().endswith(":"))


def _distance(verb: Token, outer_start: int, outer_end: int) -> int:
    offset = int(verb.idx)
    if offset >= outer_end:
        return offset - outer_end
    return outer_start - offset + 1  # before the quotation: after it wins a tie
