"""Where the event coder loses the acts its trigger words fire.

Runs the real analyser over articles (files or folders in any format `watchfloor
ingest` reads, e.g. ../shared/gold/tbaq-articles.jsonl) and, for every token
whose lemma is a key of the trigger lexicon, reports the step at which its
event is lost, or that it is kept:

  no sense fits        the word is in the lexicon, but no sense's object classes fit
  governs only         a word that only governs a complement, and governed no act
  light noun unanchored  a light noun with no support verb and no owner
  consumed             coded inside another act (the act a governing word combines
                       with, or a noun that is the object of a coded verb)
  not coded            a trigger the coder found but did not code (other reasons)
  no actor found       no party for the subject or owner
  actor has no party   the subject names a person or body the resolver gave no
                       country or IGO
  no recipient         an AID or SANCTION with no recipient
  lone two-sided act   a CONSULT or COOPERATE with one party
  dropped as a repeat  the article reports the same act earlier, or the same act
                       with a recipient
  kept                 an event in the analyser's output

The coder is not changed: the script wraps the two names nlp/events/coder.py calls
(`PartyIndex`, to see the mentions and `party_of`, and `code_sentence`, to see
each sentence's coded acts) and compares the acts with the events the analyser
returns.

    python scripts/trigger_drops.py ../shared/gold/tbaq-articles.jsonl
    python scripts/trigger_drops.py ../shared/corpus/seeds --samples 5 --kind "no actor found"

Each kind's samples are headed by its most frequent trigger lemmas.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from watchfloor.ingest.clean import clean_document
from watchfloor.ingest.read import read_documents
from watchfloor.nlp.analyse import ArticleAnalyser
from watchfloor.nlp.events import coder as events_module
from watchfloor.nlp.events.event_coding import Coded, code_sentence
from watchfloor.nlp.events.plover_lexicon import Lexicon, load_lexicon
from watchfloor.nlp.events.triggers import find_trigger, trigger_keys
from watchfloor.nlp.mentions.parties import PLACE_LABELS, PartyIndex
from watchfloor.records import Article, Mention
from watchfloor.settings import Settings

KINDS = (
    "no sense fits",
    "governs only",
    "light noun unanchored",
    "consumed",
    "not coded",
    "no actor found",
    "actor has no party",
    "no recipient",
    "lone two-sided act",
    "dropped as a repeat",
    "kept",
)
NEEDS_RECIPIENT = frozenset({"AID", "SANCTION"})
TWO_SIDED = frozenset({"CONSULT", "COOPERATE"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "compound"})


@dataclass
class Sentence:
    """One sentence the coder saw, with what it needs to explain its triggers."""

    span: Any
    parties: RecordingPartyIndex
    acts: list[Coded]


@dataclass
class Recorder:
    sentences: list[Sentence] = field(default_factory=list)


RECORDER = Recorder()


class RecordingPartyIndex(PartyIndex):
    """A PartyIndex that keeps the mentions and `party_of` it was built from."""

    def __init__(self, doc: Any, mentions: Sequence[Mention], party_of: Any, *rest: Any) -> None:
        super().__init__(doc, mentions, party_of, *rest)
        self.mentions = list(mentions)
        self.party_of = party_of


def recording_code_sentence(sentence: Any, lexicon: Lexicon, parties: Any) -> list[Coded]:
    acts = code_sentence(sentence, lexicon, parties)
    RECORDER.sentences.append(Sentence(sentence, parties, acts))
    return acts


def classify(sentence: Sentence, kept: set[int], lexicon: Lexicon) -> list[tuple[str, Any]]:
    """(kind, token) for every trigger word of one sentence."""
    parties = sentence.parties
    by_trigger = {act.trigger.i: act for act in sentence.acts}
    inner = {act.inner.i for act in sentence.acts if act.inner is not None}
    found: list[tuple[str, Any]] = []
    for token in sentence.span:
        keys = trigger_keys(token, lexicon)
        if not any(lexicon.senses_for(part, key) for part, key in keys):
            continue
        trigger = find_trigger(token, lexicon, parties)
        act = by_trigger.get(token.i)
        if act is not None:
            found.append((_fate(act, kept, parties), token))
        elif trigger is None:
            found.append(("no sense fits", token))
        elif token.i in inner or _is_object_of_act(token, by_trigger):
            found.append(("consumed", token))
        elif trigger.sense.type is None:
            found.append(("governs only", token))
        elif trigger.part == "nouns" and trigger.sense.light:
            found.append(("light noun unanchored", token))
        else:
            found.append(("not coded", token))
    return found


def _is_object_of_act(token: Any, by_trigger: dict[int, Coded]) -> bool:
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "with":
        head = head.head
    return token.dep_ in ("dobj", "attr", "pobj") and head.i in by_trigger


def _fate(act: Coded, kept: set[int], parties: RecordingPartyIndex) -> str:
    if act.trigger.idx in kept:
        return "kept"
    if not act.actor:
        return "actor has no party" if _names_partyless(act.trigger, parties) else "no actor found"
    recipient = act.recipient if act.domestic else [p for p in act.recipient if p not in act.actor]
    if act.type in NEEDS_RECIPIENT and not recipient:
        return "no recipient"
    if act.type in TWO_SIDED and not recipient and len(act.actor) < 2:
        return "lone two-sided act"
    return "dropped as a repeat"


def _names_partyless(trigger: Any, parties: RecordingPartyIndex) -> bool:
    """Whether the act's subject or owner contains a mention the resolver gave no party."""
    heads = [child for child in trigger.children if child.dep_ in _SUBJECT_DEPS]
    heads += [
        grandchild
        for child in trigger.children
        if child.dep_ == "agent"
        for grandchild in child.children
    ]
    for head in heads:
        start = min(t.idx for t in head.subtree)
        end = max(t.idx + len(t.text) for t in head.subtree)
        for mention in parties.mentions:
            if mention.end <= start or mention.start >= end or mention.label in PLACE_LABELS:
                continue
            if not mention.actor_id or parties.party_of(mention.actor_id) is None:
                return True
    return False


def read_articles(paths: Sequence[str], settings: Settings) -> list[Article]:
    articles = []
    for item in read_documents(paths, settings):
        result = item if not hasattr(item, "text") else clean_document(item, settings)
        if isinstance(result, Article):
            articles.append(result)
    return articles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", help="files or folders of articles")
    parser.add_argument("--samples", type=int, default=3, help="examples shown per kind")
    parser.add_argument("--kind", action="append", choices=KINDS, help="show samples of these")
    args = parser.parse_args(argv)
    settings = Settings()
    articles = read_articles(args.paths, settings)
    if not articles:
        print("no articles read", file=sys.stderr)
        return 2
    events_module.PartyIndex = RecordingPartyIndex  # type: ignore[misc]
    events_module.code_sentence = recording_code_sentence
    lexicon = load_lexicon()
    counts: Counter[str] = Counter()
    samples: dict[str, list[str]] = defaultdict(list)
    lemmas: dict[str, Counter[str]] = defaultdict(Counter)
    analyser = ArticleAnalyser(settings)
    for article, analysis in zip(articles, analyser.analyse(articles), strict=True):
        kept = {event.trigger_start for event in analysis.events}
        for sentence in RECORDER.sentences:
            for kind, token in classify(sentence, kept, lexicon):
                counts[kind] += 1
                lemmas[kind][token.lemma_.lower()] += 1
                text = " ".join(sentence.span.text.split())
                samples[kind].append(f"{article.doc_id} [{token.text}] {text[:160]}")
        RECORDER.sentences.clear()
    total = sum(counts.values())
    print(f"{len(articles)} articles, {total} trigger words\n")
    print(f"  {'step where the event is lost':<26} {'count':>6} {'share':>6}")
    for kind in KINDS:
        print(f"  {kind:<26} {counts[kind]:>6} {counts[kind] / max(total, 1):>6.1%}")
    for kind in args.kind or KINDS:
        if samples[kind] and args.samples:
            common = ", ".join(f"{lemma} {n}" for lemma, n in lemmas[kind].most_common(8))
            print(f"\n{kind} ({common}):")
            for line in samples[kind][: args.samples]:
                print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
