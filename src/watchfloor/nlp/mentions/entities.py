"""Candidate actor mentions: NER entities corrected by the dictionary and by rules.

Needs: a Doc from `build_pipeline` (sentences, dependency parse, entities
already corrected by the actor ruler, every dictionary match in
`doc.spans[DICTIONARY_SPANS]`).
Gives: `Mention` records with character offsets and a label:

* PERSON, ORG, GPE, FAC: names as the NER and the dictionary found them, with
  a descriptor read from the parse (see `descriptors.py`);
* NORP: a group acting ("the Houthis said"), not an adjective;
* DEMONYM: a dictionary demonym ("Chilean" officials, "the Peruvians");
* METONYM: a capital or seat of government that acts ("Lima said");
* SEAT: a capital or seat named only as a place ("a conference in Lima");
* LOC: a city the NER marked LOC, known to the bundled GeoNames table
  (`resolve/places.py`), or marked ORG, FAC or PERSON where a place stands
  ("police detained 40 people in Lyon", "a strike on Kharkiv", "drones hit
  Belgorod"), or left unmarked there ("jets bombed Aleppo"); always a place,
  never an acting government; a city it marked GPE is found by `resolve/`;
* BODY: an institution named by a common noun phrase ("the defence ministry",
  "the presidential office", "the president's office", "the opposition"),
  and state media ("state media", "state-run television");
* OFFICE: "X's office"; ADMINISTRATION: "the X administration", "X's government";
* COMPASS: "the North" or "the South" standing alone, which `resolve/` maps
  to the one country of the document whose name starts with the word,
  whether the NER tagged it or not (see `bare_names.py`);
* a place, group or organisation name the NER gave to a word after a title
  ("Chancellor Vera" tagged GPE) is a PERSON with that title;
* a PERSON that is only a capitalised common word opening a sentence and
  modifying a generic agent ("Riot police arrested...") is no mention: the
  word is in no dictionary name, and the agent is found as such (`parties.py`);
* NAME: a capitalised word the NER left out, standing where a noun phrase
  stands; `resolve/` keeps it only as a person it knows (`bare_names.py`);
* WORK_OF_ART, PRODUCT, EVENT, LAW: kept only as the subject of a clause,
  where the small model often mislabels a person ("Han Duk-su said").

Surface forms follow the gold schema: a leading "the" and a trailing
possessive are left out; a title with a bare surname is kept ("President
Soto", "Mr Vera"), a title with a full name is not (it goes to `descriptor`).
Dates, numbers and regions that are not in the dictionary ("the West") are
dropped.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from watchfloor.nlp.mentions.actor_roles import SUBJECT_DEPS, acts_as_actor
from watchfloor.nlp.mentions.bare_names import (
    find_bare_names,
    find_compass_words,
    is_compass_word,
    is_sentence_case_modifier,
)
from watchfloor.nlp.mentions.descriptors import (
    ROLE_NOUNS,
    describe,
    is_honorific,
    is_person_title,
    title_run,
)
from watchfloor.nlp.mentions.parties import AGENT_NOUNS, LOCATIVE_PREPOSITIONS
from watchfloor.nlp.model import DICTIONARY_SPANS, SEAT_LABEL
from watchfloor.records import Mention
from watchfloor.resolve.names import is_generation
from watchfloor.resolve.places import city_country

Doc = Any  # spacy.tokens.Doc; spaCy ships no type hints
Span = Any
Token = Any

UNCERTAIN_LABELS = frozenset({"WORK_OF_ART", "PRODUCT", "EVENT", "LAW"})
# Labels the NER gives a surname it does not know; after a title such a word is a person.
_MISTAKEN_FOR_PERSON = frozenset({"GPE", "LOC", "NORP", "ORG", "FAC", *UNCERTAIN_LABELS})
# A sentence with this share of capitalised words is a headline: capitals say nothing there.
HEADLINE_SHARE = 0.6
# Entity labels the small model gives names it does not know; such a token may still be an
# organisation's name when it stands in apposition to "think tank", "newspaper"...
_WEAK_LABELS = frozenset({"", "LOC", "CARDINAL", "FAC", "PRODUCT", "WORK_OF_ART", "NORP"})
# Head nouns of institutions named by a common noun phrase ("the defence ministry").
INSTITUTION_NOUNS = frozenset(
    """ministry office department agency service assembly parliament party council committee
    commission court cabinet bureau directorate secretariat legislature senate congress
    opposition army navy forces guard police command""".split()  # noqa: SIM905 - a word list reads best as prose
)
# Nouns of outlets that name state media only with a state modifier ("state media",
# "state-run television"); "local media" and "the television" name no actor.
MEDIA_NOUNS = frozenset({"media", "television", "tv", "broadcaster", "radio"})
_STATE_MODIFIERS = frozenset({"state", "official", "government"})
# Institution nouns that name a body with no modifier ("the opposition said").
STANDALONE_BODIES = frozenset({"opposition"})
# Nouns that make "X's <noun>" or "the X <noun>" the office or government of person X.
LEADER_BODIES = {
    "office": "OFFICE",
    "administration": "ADMINISTRATION",
    "government": "ADMINISTRATION",
}
# Last words of place names the small model often tags ORG ("the Gulf region").
GEOGRAPHIC_NOUNS = frozenset(
    """region river sea ocean gulf strait peninsula island islands mountains valley desert coast
    lake bay basin plateau""".split()  # noqa: SIM905 - a word list reads best as prose
)
# Nouns that classify the name in apposition to them: "the think tank 12 Bridges".
ORG_CLASSIFIERS = frozenset(
    """tank institute agency newspaper broadcaster outlet channel network group party company
    firm university organisation organization foundation movement militia""".split()  # noqa: SIM905 - a word list reads best as prose
)
# Prepositions after which a known city the NER took for an organisation or a building
# is the place an act goes to or comes from ("a strike on Kharkiv", "aid to Sanaa").
_TOWARD_PREPOSITIONS = LOCATIVE_PREPOSITIONS | frozenset(
    {"to", "into", "toward", "towards", "on", "onto", "from", "against", "over", "across"}
)
# Verbs of striking a place: a known city the NER took for a person is struck there as a
# place ("Russian forces shelled Kharkiv"); "police arrested Jackson" keeps its person.
_PLACE_STRIKING_VERBS = frozenset(
    {"attack", "bomb", "bombard", "hit", "pound", "raid", "shell", "strike", "target"}
)
# Where an unlabelled city name stands in a clause: "bombed Aleppo", "Kharkiv was shelled".
_PLACE_ARGUMENT_DEPS = frozenset({"pobj", "dobj", "nsubjpass", "npadvmod"})
_DETERMINERS = frozenset({"the", "a", "an"})
_POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
_HYPHENS = frozenset({"-", "\u2010", "\u2011"})
# Parts of speech that, in lower case, open a clause inside a span the NER made too long.
_CLAUSE_TAGS = frozenset({"VERB", "AUX", "PRON", "SCONJ"})


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int  # token indexes
    end: int
    label: str
    descriptor: str | None = None


def find_mentions(doc: Doc, doc_id: str) -> list[Mention]:
    """Every candidate actor mention in `doc`, in text order.

    Needs: a Doc from `build_pipeline` (parse, corrected entities, dictionary spans).
    Gives: Mention records with `actor_id` None; `resolve/` fills it in.
    """
    candidates: list[_Candidate] = []
    for entity in doc.ents:
        candidates.extend(_entity_mentions(doc, entity))
    candidates.extend(_nested_dictionary_mentions(doc))
    candidates.extend(_body_mentions(doc))
    candidates.extend(_unlabelled_names(doc))
    candidates.extend(_Candidate(*found) for found in find_compass_words(doc))
    taken = {index for found in candidates for index in range(found.start, found.end)}
    for found in (_Candidate(*bare) for bare in find_bare_names(doc, INSTITUTION_NOUNS)):
        if not taken.intersection(range(found.start, found.end)):
            candidates.append(found)
    return _to_records(doc, doc_id, candidates)


def _entity_mentions(doc: Doc, entity: Span) -> Iterator[_Candidate]:
    label = entity.label_
    span = _trim(doc, entity.start, entity.end, cut_clause=not entity.id_)
    if span is None or _is_lone_suffix(doc, span) or _is_ethnicity(doc, span):
        return
    if not entity.id_ and _is_compass_metonym(doc, span):
        yield _Candidate(*span, "COMPASS")
    elif not entity.id_ and label in _MISTAKEN_FOR_PERSON and _is_titled_word(doc, span):
        yield from _person_mentions(doc, span)
    elif label == SEAT_LABEL:
        yield _Candidate(*span, "METONYM" if acts_as_actor(_root(doc, span)) else "SEAT")
    elif not entity.id_ and _is_city(doc, span, label):
        yield _Candidate(*span, "LOC")
    elif label == "NORP":
        if entity.id_:
            yield _Candidate(*span, "DEMONYM")
        elif acts_as_actor(_root(doc, span)):
            yield _Candidate(*span, "NORP")
    elif label == "GPE" or (label == "LOC" and entity.id_):
        yield _Candidate(*span, "GPE")
        yield from _leader_body(doc, span)
    elif label == "PERSON":
        if not _is_capitalised_modifier(doc, span):
            yield from _person_mentions(doc, span)
    elif label == "ORG":
        yield from _org_mentions(doc, span, known=bool(entity.id_))
    elif label == "FAC" and (entity.id_ or acts_as_actor(_root(doc, span))):
        yield _Candidate(*span, "FAC")
    elif label in UNCERTAIN_LABELS and _root(doc, span).dep_ in SUBJECT_DEPS | {"poss"}:
        name = _repair_name(doc, *span)
        yield _Candidate(*name, label)
        yield from _leader_body(doc, name)


def _is_ethnicity(doc: Doc, span: tuple[int, int]) -> bool:
    """A people named as an ethnic group, not a state's: "ethnic Albanians", "ethnic
    Russian leaders" (of the place they live in, as people with no country named), or a
    region's people, whose demonym a compass or region word opens ("Central American
    migrants", "Latin American leaders": none of them America's). A region word that
    makes a country's name ("South Korean", "Central African") is matched whole."""
    if span[0] == 0:
        return False
    before = doc[span[0] - 1]
    if before.lower_ == "ethnic":
        return True
    return before.text in _REGION_WORDS and doc[span[0]].ent_type_ == "NORP"


# Words that open a region's name when capitalised before a demonym.
_REGION_WORDS = frozenset(
    """Latin Central South North East West Southern Northern Eastern Western Southeast
    Pan""".split()  # noqa: SIM905 - a word list reads best as prose
)


def _is_city(doc: Doc, span: tuple[int, int], label: str) -> bool:
    """A city the NER tagged LOC, or PERSON where a place stands ("40 demonstrators in
    Lyon", "arrested two men in Lyon") or is struck ("shelled Kharkiv"), or ORG or FAC
    where a place stands or an act lands ("a missile strike on Kharkiv", "drones hit
    Belgorod", "bombed Kharkiv")."""
    if label in ("ORG", "PERSON", "FAC"):
        root = _root(doc, span)
        prepositions = LOCATIVE_PREPOSITIONS if label == "PERSON" else _TOWARD_PREPOSITIONS
        placed = root.dep_ == "pobj" and root.head.lower_ in prepositions
        struck = root.dep_ in ("dobj", "nsubjpass") and (
            label != "PERSON" or root.head.lemma_.lower() in _PLACE_STRIKING_VERBS
        )
        if not (placed or struck):
            return False
    elif label != "LOC":
        return False
    return city_country(doc[span[0] : span[1]].text) is not None


def _is_capitalised_modifier(doc: Doc, span: tuple[int, int]) -> bool:
    """A common word opening a sentence that says what kind of agent follows ("Riot police")."""
    word = doc[span[0]]
    head = word.head
    return (
        span[1] - span[0] == 1
        and is_sentence_case_modifier(word)
        and (head.lemma_.lower() in AGENT_NOUNS or head.lower_ in AGENT_NOUNS)
    )


def _is_compass_metonym(doc: Doc, span: tuple[int, int]) -> bool:
    """ "the North" standing alone for a country named "North ..." ("the North's troops")."""
    return span[1] - span[0] == 1 and is_compass_word(doc, span[0])


def _is_titled_word(doc: Doc, span: tuple[int, int]) -> bool:
    """One word after a person's title: "Chancellor Vera", "Mr Vera"."""
    return span[1] - span[0] == 1 and is_person_title(title_run(doc[span[0] : span[1]]))


def _person_mentions(doc: Doc, span: tuple[int, int]) -> Iterator[_Candidate]:
    start, end = _repair_name(doc, *span)
    while end - start > 1 and _is_title_token(doc[start]):
        start += 1
    name = doc[start:end]
    title = title_run(name)
    if title is not None and len(name.text.split()) == 1:
        yield _Candidate(title.start, end, "PERSON", describe(name, title))
    else:
        yield _Candidate(start, end, "PERSON", describe(name))
    yield from _leader_body(doc, (start, end))


def _org_mentions(doc: Doc, span: tuple[int, int], known: bool) -> Iterator[_Candidate]:
    organisation = doc[span[0] : span[1]]
    if not known and _is_part_of_title(doc, span):
        return  # a job title the NER took for a body: "the National Security Advisor"
    if not known and organisation[-1].lower_ in GEOGRAPHIC_NOUNS:
        return  # a place the NER took for a body: "the Andes region"
    yield _Candidate(*span, "ORG", describe(organisation))
    yield from _leader_body(doc, span)


def _is_part_of_title(doc: Doc, span: tuple[int, int]) -> bool:
    """A job title taken for a body: "National Security" in "National Security Adviser Vera"."""
    if doc[span[1] - 1].lower_ in ROLE_NOUNS:
        return True
    end = span[1]
    while end < len(doc) and doc[end].is_title and doc[end].lower_ in ROLE_NOUNS:
        end += 1
    return end > span[1] and end < len(doc) and doc[end].ent_type_ == "PERSON"


def _leader_body(doc: Doc, span: tuple[int, int]) -> Iterator[_Candidate]:
    """ "Soto's office", "the Soto administration": the name's office or government."""
    root = _root(doc, span)
    head = root.head
    label = LEADER_BODIES.get(head.lemma_.lower())
    if label is None or head.i < span[1] or root.dep_ not in ("poss", "compound"):
        return
    if label == "OFFICE" and root.dep_ != "poss":
        return
    if any(token.ent_type_ for token in doc[span[1] : head.i]):
        return
    yield _Candidate(span[0], head.i + 1, label)


def _nested_dictionary_mentions(doc: Doc) -> Iterator[_Candidate]:
    """A country word opening a longer name: "Russian" in "the Russian Foreign Ministry"."""
    entity_at = {token.i: entity for entity in doc.ents for token in entity}
    for match in doc.spans.get(DICTIONARY_SPANS, ()):
        container = entity_at.get(match.start)
        if container is None or (container.start, container.end) == (match.start, match.end):
            continue
        opening = container.start + (container[0].lower_ in _DETERMINERS)
        if match.start == opening and match.label_ in ("GPE", "NORP", SEAT_LABEL):
            label = {"NORP": "DEMONYM", SEAT_LABEL: "METONYM"}.get(match.label_, "GPE")
            yield _Candidate(match.start, match.end, label)


def _body_mentions(doc: Doc) -> Iterator[_Candidate]:
    """Institutions named by a common noun phrase: "Peru's defence ministry"."""
    for token in doc:
        media = token.lower_ in MEDIA_NOUNS
        if token.ent_type_ or not (media or token.lemma_.lower() in INSTITUTION_NOUNS):
            continue
        if token.pos_ not in ("NOUN", "PROPN") or token.dep_ in ("compound", "amod"):
            continue
        start = _modifiers_start(doc, token)
        if start == token.i and token.lower_ not in STANDALONE_BODIES:
            continue
        if media and not _STATE_MODIFIERS & {word.lower_ for word in doc[start : token.i]}:
            continue
        if start > 0 and doc[start - 1].ent_type_ == "ORG" and doc[start - 1].head.i == token.i:
            continue  # "the Interfax news agency": the name says which agency
        context = [
            word for word in doc[token.left_edge.i : start] if word.lower_ not in _DETERMINERS
        ]
        descriptor = doc[context[0].i : start].text.strip() if context else None
        yield _Candidate(start, token.i + 1, "BODY", descriptor)


def _modifiers_start(doc: Doc, head: Token) -> int:
    """Start of the words naming the institution: modifiers and a role-noun possessor."""
    start = head.i
    while start > 0:
        token = doc[start - 1]
        if token.dep_ == "case" and start >= 2 and doc[start - 2].lower_ in ROLE_NOUNS:
            possessor = doc[start - 2]
            if possessor.ent_type_ or possessor.head.i != head.i:
                break
            start -= 2  # "the president's office"
        elif token.ent_type_ or not start <= token.head.i <= head.i:
            break
        elif token.dep_ in ("amod", "compound", "nmod") and token.is_alpha:
            start -= 1
        else:
            break
    return int(start)


def _unlabelled_names(doc: Doc) -> Iterator[_Candidate]:
    """Names the NER missed, recognised by what they stand beside.

    A capitalised name in apposition to a role noun is a person ("Chile's
    Defence Minister, Ana Soto"); one in apposition to an organisation noun
    is an organisation ("the think tank 12 Bridges").
    """
    for token in doc:
        if token.pos_ != "PROPN" or token.dep_ == "compound":
            continue
        start = token.i  # the name's first word: "Dar es Salaam", "Ana Soto"
        while start > 0 and _is_bare_name_part(doc[start - 1]):
            start -= 1
        if _is_unlabelled_city(doc, start, token):
            yield _Candidate(start, token.i + 1, "LOC")
            continue
        head_word = token.head.lower_ if token.dep_ == "appos" else ""
        if token.ent_type_ and not (
            head_word in ORG_CLASSIFIERS and token.ent_type_ in _WEAK_LABELS
        ):
            continue
        if head_word in ORG_CLASSIFIERS:
            while start > 0 and doc[start - 1].dep_ == "nummod":
                start -= 1
            yield _Candidate(start, token.i + 1, "ORG", describe(doc[start : token.i + 1]))
            continue
        roles = [index for index in range(start, token.i) if doc[index].lower_ in ROLE_NOUNS]
        if roles and token.i - roles[-1] >= 2:
            start = roles[-1] + 1  # "Defence Minister Ana Soto" -> "Ana Soto"
        elif head_word not in ROLE_NOUNS or not doc[start].is_title:
            continue
        name = _repair_name(doc, start, token.i + 1)
        yield _Candidate(*name, "PERSON", describe(doc[name[0] : name[1]]))


def _is_unlabelled_city(doc: Doc, start: int, token: Token) -> bool:
    """A known city the NER left out, named from `start` to `token`, where a place
    stands: "Russian jets bombed Aleppo"."""
    if token.ent_type_ or token.dep_ not in _PLACE_ARGUMENT_DEPS or token.is_sent_start:
        return False
    return city_country(doc[start : token.i + 1].text) is not None


def _is_bare_name_part(token: Token) -> bool:
    return bool(
        token.dep_ == "compound"
        and token.pos_ == "PROPN"
        and token.is_title
        and not token.ent_type_
    )


def _repair_name(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Extend a name the NER cut short: "Lim Tae-" + "ho", "Ana Maria" + "Rosa",
    "Luis Soto" + ", Jr." (a generational suffix after a comma)."""
    while end < len(doc):
        if _suffix_follows(doc, end):
            end += 2
            continue
        token, previous = doc[end], doc[end - 1]
        attached = previous.idx + len(previous.text) == token.idx
        if attached and (previous.text in _HYPHENS or token.text in _HYPHENS):
            if token.text in _HYPHENS and not _attached_word_follows(doc, end):
                break
            end += 1
        elif _continues_name(previous, token):
            end += 1
        else:
            break
    return start, end


def _is_lone_suffix(doc: Doc, span: tuple[int, int]) -> bool:
    """ "Jr." tagged on its own: the end of the name before it, no name itself."""
    return span[1] - span[0] == 1 and is_generation(doc[span[0]].text)


def _suffix_follows(doc: Doc, index: int) -> bool:
    """ ", Jr." or ", III" at `index`: the generational suffix of the name before it."""
    return bool(
        index + 1 < len(doc)
        and doc[index].text == ","
        and is_generation(doc[index + 1].text)
        and doc[index + 1].text[:1].isupper()
    )


def _continues_name(previous: Token, token: Token) -> bool:
    """ "Rosa" after "Ana Maria": a capitalised word continuing the name in the parse.

    Not in a headline, where every word is capitalised ("Soto Wins Vote").
    """
    if not (token.is_title and token.pos_ == "PROPN") or token.ent_type_:
        return False
    if token.lower_ in ROLE_NOUNS or token.lower_ in INSTITUTION_NOUNS:
        return False
    modifies_token = previous.dep_ == "compound" and previous.head.i == token.i
    opens_compound = token.dep_ == "compound" and token.head.i > token.i  # "Ri" + "Sol-ju"
    if not (modifies_token or opens_compound):
        return False
    words = [word for word in token.sent if word.is_alpha]
    return bool(sum(word.is_title for word in words) < HEADLINE_SHARE * len(words))


def _attached_word_follows(doc: Doc, index: int) -> bool:
    if index + 1 >= len(doc):
        return False
    hyphen, word = doc[index], doc[index + 1]
    return bool(word.is_alpha and hyphen.idx + len(hyphen.text) == word.idx)


def _is_title_token(token: Token) -> bool:
    return bool(is_honorific(token) or (token.is_title and token.lower_ in ROLE_NOUNS))


def _trim(doc: Doc, start: int, end: int, cut_clause: bool = True) -> tuple[int, int] | None:
    """The name inside an entity span.

    Drops a leading article; a trailing possessive, preposition ("Ana Soto of")
    or punctuation; all after a line break; and, unless the dictionary named the
    span, all from a word that opens a clause (`_opens_clause`: "Soto is
    coming" is "Soto").
    """
    for index in range(start, end):
        if "\n" in doc[index].text or (index > start and "\n" in doc[index - 1].whitespace_):
            end = index
            break
    for index in range(start, end if cut_clause else start):
        if _opens_clause(doc[index]):
            end = index
            break
    while start < end and (doc[start].lower_ in _DETERMINERS or doc[start].is_punct):
        start += 1
    while end > start and (
        doc[end - 1].lower_ in _POSSESSIVES or doc[end - 1].is_punct or doc[end - 1].pos_ == "ADP"
    ):
        end -= 1
    return (start, end) if start < end else None


def _opens_clause(token: Token) -> bool:
    """A word no name holds: a verb, an auxiliary, a pronoun or a subordinating word in
    lower case ("is", "coming", "who", "that"); a name's capitalised words may look like
    verbs ("Will", "Said") and stay."""
    return bool(token.is_lower and token.pos_ in _CLAUSE_TAGS)


def _root(doc: Doc, span: tuple[int, int]) -> Token:
    return doc[span[0] : span[1]].root


def _to_records(doc: Doc, doc_id: str, candidates: list[_Candidate]) -> list[Mention]:
    sentence_starts = [sentence.start for sentence in doc.sents]
    seen: set[tuple[int, int, str]] = set()
    mentions = []
    for candidate in sorted(candidates, key=lambda found: (found.start, -found.end)):
        span = doc[candidate.start : candidate.end]
        key = (span.start_char, span.end_char, candidate.label)
        if key in seen:
            continue
        seen.add(key)
        mentions.append(
            Mention(
                doc_id=doc_id,
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                label=candidate.label,
                sentence=bisect_right(sentence_starts, candidate.start) - 1,
                descriptor=candidate.descriptor,
            )
        )
    return mentions
