"""The event coder: PLOVER events from a parsed, actor-resolved article.

Needs: sentences, parse and entities on the spaCy `Doc` of `article.text`;
mentions with `actor_id` resolved; `party_of` (actor id -> the country or IGO
id used in event actor lists); the article's time expressions and quantities.
Gives: one `Event` per reported act, each with type, mode, contexts, actor and
recipient lists, status, date and where it came from, quantity, PLOVER score,
the trigger span, the place where the text names one (`PartyIndex.place_of_act`),
and evidence copied exactly from `article.text`.

The pieces: `triggers` and the YAML lexicon say which words name which acts,
`arguments` and `parties` read who acted on whom, `event_coding` combines a
governing word with the act it governs, `status` reads negation, modality and
tense, `event_details` attaches evidence, date and quantity. This module
applies PLOVER's rules that span those pieces:

* an act of force or coercion announced on a condition ("said it would strike
  Iraq unless it gave access") is a THREATEN;
* a cooperative act (AID, COOPERATE, SUPPORT, CONSULT) reported as still to
  come is an AGREE; announced ("said it would send") it is asserted, merely
  scheduled ("will visit next week") it is future; an announced retreat is a
  CONCEDE; only the actor announces its own acts: another party's forecast
  ("Bolivia said Chile would send frigates") is hypothetical and keeps its type;
* across sentences (discourse.py): a rejection answers the request made to
  its actor; a transfer or pledge with no stated recipient goes to the one its
  actor clearly gives to elsewhere in the article, a deployment to the adversary
  its hostile acts establish;
* an act needs a codable actor, except an attack that happened or a threat
  received ("received a bomb threat") whose author the text does not name;
  AID and SANCTION need a recipient, a REQUEST one when it names whom it asks
  by a pronoun or name ("pressured it"); a two-sided act needs two parties,
  unless it is an IGO's own meeting or talks among one country's own people
  ("met with his top aides"); an act noun with no recipient that no verb
  reports ("the progress of the cooperation between X and Y") is only mentioned;
  the recipient repeats the actor's country only
  for a domestic act on another person or body of it ("the army arrested the
  former prime minister");
* an asserted act dated more than `historical_after_days` before publication
  is historical;
* the same act (type, actor, recipient, status, and dates alike: equal, or a
  month or year and a day within it; or a missing date and much the same
  words) reported again in one article is
  kept once, with its first report as evidence and the finest date the
  reports give; a refusal and a later pledge between the same parties stay
  two events.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from watchfloor.nlp.events.arguments import (
    done_by_nature,
    names_unresolved_addressee,
    on_own_ground,
    talks_among_own,
    targets_uncodable_group,
)
from watchfloor.nlp.events.contexts import find_contexts
from watchfloor.nlp.events.discourse import (
    Draft,
    aim_at_adversaries,
    answer_requests,
    imply_recipients,
    infer_counterparts,
)
from watchfloor.nlp.events.event_coding import COOPERATIVE, Coded, code_proposal, code_sentence
from watchfloor.nlp.events.event_details import event_date, event_quantity, evidence_span
from watchfloor.nlp.events.event_model import EventModel, review_acts
from watchfloor.nlp.events.plover_lexicon import Lexicon, load_lexicon
from watchfloor.nlp.events.quotes import find_quotes
from watchfloor.nlp.events.status import (
    StatusCues,
    governing_chain,
    is_named_in_passing,
    read_status_cues,
)
from watchfloor.nlp.mentions.parties import PartyIndex
from watchfloor.overlap import content_overlap
from watchfloor.records import (
    Article,
    Event,
    Mention,
    PartialDate,
    Place,
    Quantity,
    Status,
    TimeExpression,
)
from watchfloor.resolve.knowledge import load_knowledge
from watchfloor.settings import Settings

Doc = Any  # spacy.tokens.Doc; spaCy ships no type hints
Token = Any  # spacy.tokens.Token

# PLOVER: AID and SANCTION require a recipient; a REQUEST need not have one (a reward
# offered for information, a call on "all states" or "shipping companies").
_NEEDS_RECIPIENT = frozenset({"AID", "SANCTION"})  # and a REQUEST to someone named
_TWO_SIDED = frozenset({"CONSULT", "COOPERATE"})
# Acts of force or coercion that, announced on a condition ("would strike unless it
# complied"), are a threat (PLOVER THREATEN: coercive warnings), with the mode they give.
_FORCEFUL = {"ASSAULT": "violence", "COERCE": None, "SANCTION": None}
# Determiners by which an act noun refers back to an act already told ("the bombings").
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# Words that mark a photo caption or credit line.
_CAPTION_CUES = ("photo:", "photograph:", "pictured:", "getty images", "/ap photo", "(ap photo")
# Share of the shorter report's content words an undated repeat must share to be the same act.
RETOLD_OVERLAP = 0.5


def find_events(
    article: Article,
    doc: Doc,
    mentions: Sequence[Mention],
    party_of: Callable[[str], str | None],
    times: Sequence[TimeExpression],
    quantities: Sequence[Quantity],
    settings: Settings,
    model: EventModel | None = None,
) -> list[Event]:
    """Find the PLOVER events reported in one article.

    Needs: sentences, parse and entities on `doc` (parsed from `article.text`);
    mentions resolved (actor_id set); times and quantities found in `doc`.
    Gives: one Event per reported event, evidence copied exactly from
    article.text with offsets, trigger span, status, date (date_source),
    quantity, mode, context and score, in text order. `model` replaces the
    bundled event detector (for training); `settings.event_detector` says how
    it is used.
    """
    lexicon = load_lexicon()
    parties = build_party_index(article, doc, mentions, party_of)
    drafts: list[Draft] = []
    references: set[int] = set()  # trigger offsets of nouns that refer back ("the bombing")
    leeway: dict[int, Leeway] = {}  # by trigger offset: what the parties rule must allow
    named = [parties.sentence_parties(sentence) for sentence in doc.sents]
    mentioned = Counter(party for actors, _ in named for party in actors)
    for index, sentence in enumerate(doc.sents):
        if _is_question_or_caption(sentence):
            continue
        acts = _detect_acts(sentence, lexicon, parties, settings.event_detector, model)
        for act in acts:
            told = _told_by_another(act, parties, lexicon)
            event = _event(article, doc, act, len(acts) > 1, times, quantities, lexicon, told)
            event = replace(event, place=_place(parties, act))
            gives = act.gives or (event.type == "AGREE" and event.quantity is not None)
            group = act.stated_target or targets_uncodable_group(act.trigger, parties)
            home = len(event.actor) == 1 and on_own_ground(act.top, parties, event.actor)
            drafts.append(Draft(event, index, gives, aimed_at_group=group, at_home=home))
            if _refers_back(act.trigger):
                references.add(event.trigger_start)
            leeway[event.trigger_start] = _leeway(act, event, parties, lexicon)
    drafts = aim_at_adversaries(imply_recipients(answer_requests(drafts)))
    drafts = infer_counterparts(drafts, named, mentioned)
    events = [_with_history(draft.event, article.published, settings) for draft in drafts]
    codable = [e for e in events if _is_codable(e, leeway.get(e.trigger_start, Leeway()))]
    return first_reports(codable, references)


def build_party_index(
    article: Article, doc: Doc, mentions: Sequence[Mention], party_of: Callable[[str], str | None]
) -> PartyIndex:
    """Which party each word stands for, with quotations' speakers for "we"."""
    speakers = [
        (quote.start, quote.end, party)
        for quote in find_quotes(article, doc, mentions)
        if quote.speaker and (party := party_of(quote.speaker))
    ]
    return PartyIndex(doc, mentions, party_of, speakers)


def _is_question_or_caption(sentence: Any) -> bool:
    """A question reports no act, nor does a photo caption or credit line."""
    text = sentence.text.strip().rstrip("\"'”’) ")
    if text.endswith("?"):
        return True
    lowered = text.lower()
    return any(cue in lowered for cue in _CAPTION_CUES)


def _detect_acts(
    sentence: Any, lexicon: Lexicon, parties: PartyIndex, detector: str, model: EventModel | None
) -> list[Coded]:
    """The acts of one sentence: the rules' acts, reviewed and added to by the detector."""
    acts = code_sentence(sentence, lexicon, parties)
    if detector == "rules":
        return acts
    kept, proposals = review_acts(sentence, acts, parties, lexicon, detector, model)
    for proposal in proposals:
        act = code_proposal(proposal.token, proposal.type, lexicon, parties)
        if act is not None:
            kept.append(act)
    return sorted(kept, key=lambda act: act.trigger.i)


def _event(
    article: Article,
    doc: Doc,
    act: Coded,
    several: bool,
    times: Sequence[TimeExpression],
    quantities: Sequence[Quantity],
    lexicon: Lexicon,
    told_by_another: bool = False,
) -> Event:
    cues = read_status_cues(act.top, lexicon)
    if cues.announced and told_by_another:
        cues = replace(cues, hypothetical=True)  # a prediction, not an announcement
    event_type, status = _type_and_status(act.type, cues)
    start, end = evidence_span(act.top, several)
    when, date_source = event_date(doc, governing_chain(act.trigger), times)
    clause = list(act.top.subtree)
    mode = act.mode if event_type == act.type else None
    if event_type == "THREATEN" and act.type in _FORCEFUL:
        mode = mode or _FORCEFUL[act.type]
    if event_type == "ASSAULT" and mode is None:
        mode = _instrument_mode(clause, lexicon)
    recipient = act.recipient
    if not act.domestic:
        recipient = tuple(party for party in act.recipient if party not in act.actor)
    source = act.recipient_source if recipient else None
    trigger = act.trigger
    return Event(
        doc_id=article.doc_id,
        type=event_type,
        actor=act.actor,
        recipient=recipient,
        status=status,
        evidence=article.text[start:end],
        evidence_start=start,
        evidence_end=end,
        mode=mode,
        context=find_contexts(act.contexts, mode, clause, lexicon),
        date=when,
        date_source=date_source,
        quantity=event_quantity(act.trigger, act.top, event_type, quantities),
        trigger=trigger.text,
        trigger_start=trigger.idx,
        trigger_end=trigger.idx + len(trigger.text),
        score=lexicon.score(event_type, mode),
        recipient_source=source,
    )


def _told_by_another(act: Coded, parties: PartyIndex, lexicon: Lexicon) -> bool:
    """Whether the verb that reports the act ("said", "predicted") has for its subject
    parties other than the act's actor ("Iraq said Washington would break the law"): a
    third party's forecast of what another will do is speculation, not its announcement."""
    for word in governing_chain(act.top)[1:]:
        senses = lexicon.senses_for("verbs", word.lemma_.lower())
        if not any(sense.governs == "report" for sense in senses):
            continue
        subjects = [c for c in word.children if c.dep_ in ("nsubj", "nsubjpass")]
        speakers = {p for subject in subjects for p in parties.phrase_parties(subject)}
        return bool(speakers) and not speakers & set(act.actor)
    return False


def _place(parties: PartyIndex, act: Coded) -> Place | None:
    """Where the act happens, when its clause names a place in a country; a visit with
    no such place happens in its host's country (PLOVER: the visitor is the actor, the
    host the recipient)."""
    found = parties.place_of_act(act.top, act.trigger)
    if found is not None:
        return Place(found[0], found[1])
    if act.type == "CONSULT" and act.mode == "visit" and len(act.recipient) == 1:
        host = load_knowledge().get(act.recipient[0])
        if host is not None and host.kind == "country":
            return Place(host.id)
    return None


def _type_and_status(event_type: str, cues: StatusCues) -> tuple[str, Status]:
    """PLOVER's reading of an act's status, and the type a promised act takes."""
    if cues.negated:
        return event_type, "negated"
    if cues.hypothetical:
        return event_type, "hypothetical"
    if not cues.future:
        return event_type, "asserted"
    status: Status = "asserted" if cues.announced else "future"
    if event_type in _FORCEFUL and cues.announced and cues.conditional:
        return "THREATEN", "asserted"  # "said it would strike Iraq unless it complied"
    if event_type in COOPERATIVE:
        return "AGREE", status
    if event_type == "RETREAT":
        return "CONCEDE", status
    return event_type, "future"


def _instrument_mode(words: Sequence[Any], lexicon: Lexicon) -> str | None:
    for token in words:
        mode = lexicon.assault_instruments.get(token.lemma_.lower())
        if mode is not None:
            return mode
    return None


def _with_history(event: Event, published: PartialDate | None, settings: Settings) -> Event:
    if event.status != "asserted" or event.date is None or published is None:
        return event
    latest_day = _last_day(event.date)
    cutoff = _first_day(published) - timedelta(days=settings.historical_after_days)
    return replace(event, status="historical") if latest_day < cutoff else event


def _first_day(value: PartialDate) -> date:
    return date(value.year, value.month or 1, value.day or 1)


def _last_day(value: PartialDate) -> date:
    if value.month is None:
        return date(value.year, 12, 31)
    if value.day is not None:
        return date(value.year, value.month, value.day)
    following = date(value.year + value.month // 12, value.month % 12 + 1, 1)
    return following - timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Leeway:
    """What the clause of one act says about parties the event record cannot show."""

    addressee_unresolved: bool = False  # asks someone named, of no party ("pressured it")
    talks_at_home: bool = False  # talks among one country's own people ("met his aides")
    author_unnamed: bool = False  # received from no one named ("received a bomb threat")
    by_nature: bool = False  # the subject is a thing no one wields ("floods killed 20")
    in_passing: bool = False  # an act noun no verb reports ("progress of the cooperation")


def _leeway(act: Coded, event: Event, parties: PartyIndex, lexicon: Lexicon) -> Leeway:
    own_talks = len(event.actor) == 1 and talks_among_own(act.trigger, parties, event.actor)
    return Leeway(
        addressee_unresolved=names_unresolved_addressee(act.trigger, parties, event.actor),
        talks_at_home=own_talks,
        author_unnamed=act.received_from_unnamed,
        by_nature=done_by_nature(act.trigger),
        in_passing=act.trigger.i == act.top.i and is_named_in_passing(act.trigger, lexicon),
    )


def _is_codable(event: Event, leeway: Leeway) -> bool:
    """Whether an event has the parties PLOVER needs (see the module docstring)."""
    if not event.actor:
        # An attack that happened, or a threat received, whose author the text does not
        # name ("a bomb threat received by the bank"), still has a target.
        done = event.status in ("asserted", "historical")
        unnamed = event.type == "ASSAULT" or (event.type == "THREATEN" and leeway.author_unnamed)
        return unnamed and done and bool(event.recipient) and not leeway.by_nature
    if event.type in _NEEDS_RECIPIENT and not event.recipient:
        return False
    if leeway.in_passing and not event.recipient:
        return False  # "the progress of military cooperation between X and Y"
    if event.type == "REQUEST" and not event.recipient and leeway.addressee_unresolved:
        return False  # the one asked is named, but not as a party: no guess
    lone = event.type in _TWO_SIDED and not event.recipient and len(event.actor) < 2
    at_home = event.type == "CONSULT" and leeway.talks_at_home
    return not lone or event.mode == "multilateral" or at_home


def first_reports(events: Sequence[Event], references: Set[int]) -> list[Event]:
    """One event per act reported in an article: its first report.

    A later report of the same type, actor, recipient and status is the same
    act when both are dated alike, or when either is undated and the two share
    most of their content words (a headline and the paragraph under it); an
    undated first report takes the repeat's date (`date_source` "repeat").
    Dates alike are equal dates, or a month or year and a day within it ("the
    bombing last month", "the bombings on Aug. 7"); the first report then takes
    the finer of the two.
    Reports with two different dates stay two events, and so do two undated
    reports that tell different things ("could supply arms", "is weighing a
    transfer of shells").
    An act reported without its recipient is dropped when the article reports
    the same type and mode of act by the same actor with a recipient.
    A noun that refers back to an act ("the bombings", "this attack", or the act
    of a relative clause on such a noun, "the blast that killed ten": trigger
    offsets in `references`) is a repeat of an earlier act of its type that it
    does not contradict (`_refers_to`).
    """
    directed = {(e.type, e.mode, frozenset(e.actor)) for e in events if e.recipient}
    kept: list[Event] = []
    for event in events:
        if not event.recipient and (event.type, event.mode, frozenset(event.actor)) in directed:
            continue
        if event.trigger_start in references and any(_refers_to(event, k) for k in kept):
            continue
        first = next((i for i, k in enumerate(kept) if _same_act(k, event)), None)
        if first is None:
            kept.append(event)
        elif event.date is not None and is_coarser(kept[first].date, event.date):
            kept[first] = replace(kept[first], date=event.date, date_source="repeat")
    return kept


def dates_agree(first: PartialDate, second: PartialDate) -> bool:
    """Whether two dates may name the same day: equal, or one a month or year that
    holds the other."""
    return first == second or is_coarser(first, second) or is_coarser(second, first)


def is_coarser(wide: PartialDate | None, narrow: PartialDate) -> bool:
    """Whether `wide` is missing, or a year or month that holds `narrow` and says less."""
    if wide is None:
        return True
    if wide.year != narrow.year or wide == narrow:
        return False
    if wide.month is None:
        return True
    return wide.month == narrow.month and wide.day is None


def _refers_back(trigger: Token) -> bool:
    """A definite act noun ("the bombings", "this attack", "these strikes"), or an act
    told in a relative clause on a definite noun ("the blast that killed ten")."""
    if trigger.pos_ == "VERB" and trigger.dep_ == "relcl" and trigger.head.pos_ == "NOUN":
        trigger = trigger.head
    if trigger.pos_ != "NOUN":
        return False
    return any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in trigger.children)


def _refers_to(reference: Event, earlier: Event) -> bool:
    """Whether a noun referring back can mean the earlier act: the same type, no other
    doer, no other target, and no other date or place."""
    if reference.type != earlier.type:
        return False
    if reference.actor and set(reference.actor) != set(earlier.actor):
        return False
    if reference.recipient and set(reference.recipient) != set(earlier.recipient):
        return False
    told, first = reference.date, earlier.date
    if told is not None and first is not None and not dates_agree(told, first):
        return False
    places = reference.place, earlier.place
    return not (places[0] and places[1] and places[0] != places[1])


def _same_act(first: Event, later: Event) -> bool:
    if (first.type, first.status) != (later.type, later.status):
        return False
    if set(first.actor) != set(later.actor) or set(first.recipient) != set(later.recipient):
        return False
    if first.date is not None and later.date is not None:
        return dates_agree(first.date, later.date)
    return _retold(first.evidence, later.evidence)


def _retold(first: str, second: str) -> bool:
    """Whether two reports share most of their content words (a headline and its story)."""
    return content_overlap(first, second) >= RETOLD_OVERLAP
