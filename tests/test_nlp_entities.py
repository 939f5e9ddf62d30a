"""Candidate actor mentions: dictionary corrections, metonyms by syntactic role, descriptors.

Most tests build a parsed Doc by hand (words, heads, dependency labels, NER
labels as a small model would give them) and run watchfloor's actor ruler
from a blank pipeline, so they need no model. Names and places are made up
or chosen far from the seed articles.
"""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from spacy.tokens import Doc

from watchfloor.nlp.mentions.entities import find_mentions
from watchfloor.nlp.model import RULER_NAME, add_actor_ruler

PATTERNS: list[dict[str, Any]] = [
    {"label": "GPE", "pattern": "Peru", "id": "PER"},
    {"label": "GPE", "pattern": "Chile", "id": "CHL"},
    {"label": "SEAT", "pattern": "Lima", "id": "PER"},
    {"label": "SEAT", "pattern": "Santiago", "id": "CHL"},
    {"label": "SEAT", "pattern": "La Moneda", "id": "CHL"},
    {"label": "NORP", "pattern": "Chilean", "id": "CHL"},
    {"label": "NORP", "pattern": "Peruvian", "id": "PER"},
    {"label": "NORP", "pattern": "Chileans", "id": "CHL"},
    {"label": "GPE", "pattern": "North Korea", "id": "PRK"},
]
_NO_SPACE_BEFORE = {",", ".", "'s", "’s", ":", ";", ")"}

Token = tuple[Any, ...]  # (text, head, dep, pos[, lemma])


@pytest.fixture(scope="module")
def nlp_blank() -> Any:
    nlp = spacy.blank("en")
    add_actor_ruler(nlp, PATTERNS)
    return nlp


def parsed(nlp: Any, tokens: list[Token], ents: list[tuple[int, int, str]] = ()) -> Any:
    """A Doc with the given parse and NER entities, then the actor ruler applied."""
    words = [token[0] for token in tokens]
    spaces = [
        index + 1 < len(words)
        and words[index + 1] not in _NO_SPACE_BEFORE
        and word != "-"
        and words[index + 1] != "-"
        for index, word in enumerate(words)
    ]
    iob = ["O"] * len(words)
    for start, end, label in ents:
        iob[start] = f"B-{label}"
        for index in range(start + 1, end):
            iob[index] = f"I-{label}"
    doc = Doc(
        nlp.vocab,
        words=words,
        spaces=spaces,
        heads=[token[1] for token in tokens],
        deps=[token[2] for token in tokens],
        pos=[token[3] for token in tokens],
        lemmas=[token[4] if len(token) > 4 else token[0].lower() for token in tokens],
        ents=iob,
    )
    return nlp.get_pipe(RULER_NAME)(doc)


def labelled(doc: Any) -> list[tuple[str, str]]:
    return [(mention.text, mention.label) for mention in find_mentions(doc, "d1")]


# The dictionary corrects the NER ---------------------------------------------------


def test_entities_dictionary_corrects_ner_label(nlp_blank: Any) -> None:
    # "Santiago said" with Santiago tagged PERSON, as the small model tags capitals.
    tokens = [
        ("Santiago", 1, "nsubj", "PROPN"),
        ("said", 1, "ROOT", "VERB", "say"),
        (".", 1, "punct", "PUNCT"),
    ]
    doc = parsed(nlp_blank, tokens, [(0, 1, "PERSON")])
    assert [(e.text, e.label_, e.id_) for e in doc.ents] == [("Santiago", "SEAT", "CHL")]
    assert labelled(doc) == [("Santiago", "METONYM")]


def test_entities_longer_ner_name_survives_a_dictionary_word_inside(nlp_blank: Any) -> None:
    tokens = [
        ("the", 1, "det", "DET"),
        ("University", 6, "nsubj", "PROPN"),
        ("of", 1, "prep", "ADP"),
        ("Chilean", 4, "compound", "PROPN"),
        ("Studies", 2, "pobj", "PROPN"),
        ("has", 6, "aux", "AUX"),
        ("said", 6, "ROOT", "VERB", "say"),
    ]
    doc = parsed(nlp_blank, tokens, [(1, 5, "ORG")])
    assert labelled(doc) == [("University of Chilean Studies", "ORG")]


def test_entities_region_holding_a_country_name_survives_the_match(nlp_blank: Any) -> None:
    # "Northern Ireland": the dictionary matches "Ireland", the gazetteer puts the whole
    # name in the United Kingdom.
    tokens = [
        ("Northern", 1, "compound", "PROPN"),
        ("Ireland", 2, "nsubj", "PROPN"),
        ("voted", 2, "ROOT", "VERB", "vote"),
    ]
    doc = parsed(nlp_blank, tokens, [(0, 2, "GPE")])
    assert [(e.text, e.label_) for e in doc.ents] == [("Northern Ireland", "GPE")]


def test_entities_country_word_container_is_split(nlp_blank: Any) -> None:
    # "Chilean-Peruvian talks": the NER's one NORP span becomes two demonyms.
    tokens = [
        ("Chilean", 2, "amod", "ADJ"),
        ("-", 2, "punct", "PUNCT"),
        ("Peruvian", 3, "amod", "ADJ"),
        ("talks", 4, "nsubj", "NOUN"),
        ("resumed", 4, "ROOT", "VERB", "resume"),
    ]
    doc = parsed(nlp_blank, tokens, [(0, 3, "NORP")])
    assert labelled(doc) == [("Chilean", "DEMONYM"), ("Peruvian", "DEMONYM")]


def test_entities_nested_demonym_opening_an_organisation(nlp_blank: Any) -> None:
    tokens = [
        ("the", 3, "det", "DET"),
        ("Chilean", 3, "compound", "PROPN"),
        ("Defence", 3, "compound", "PROPN"),
        ("Ministry", 4, "nsubj", "PROPN"),
        ("said", 4, "ROOT", "VERB", "say"),
    ]
    doc = parsed(nlp_blank, tokens, [(1, 4, "ORG")])
    assert labelled(doc) == [("Chilean Defence Ministry", "ORG"), ("Chilean", "DEMONYM")]


# Capitals: metonym by syntactic role ------------------------------------------------


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        # "Lima said": subject of a clause.
        ([("Lima", 1, "nsubj", "PROPN"), ("said", 1, "ROOT", "VERB", "say")], "METONYM"),
        # "urged Lima": object of a verb of influence.
        (
            [
                ("They", 1, "nsubj", "PRON"),
                ("urged", 1, "ROOT", "VERB", "urge"),
                ("Lima", 1, "dobj", "PROPN"),
            ],
            "METONYM",
        ),
        # "Lima's stance": possessor.
        (
            [
                ("Lima", 2, "poss", "PROPN"),
                ("'s", 0, "case", "PART"),
                ("stance", 3, "nsubj", "NOUN"),
                ("hardened", 3, "ROOT", "VERB", "harden"),
            ],
            "METONYM",
        ),
        # "ties with Lima": object of "with" after a word for a relation.
        (
            [
                ("ties", 0, "ROOT", "NOUN", "tie"),
                ("with", 0, "prep", "ADP"),
                ("Lima", 1, "pobj", "PROPN"),
            ],
            "METONYM",
        ),
        # "aid to Lima": object of "to" after a word for a transfer.
        (
            [("aid", 0, "ROOT", "NOUN"), ("to", 0, "prep", "ADP"), ("Lima", 1, "pobj", "PROPN")],
            "METONYM",
        ),
        # "a summit in Lima": a place.
        (
            [
                ("a", 1, "det", "DET"),
                ("summit", 1, "ROOT", "NOUN"),
                ("in", 1, "prep", "ADP"),
                ("Lima", 2, "pobj", "PROPN"),
            ],
            "SEAT",
        ),
        # "flew to Lima": a destination, not a recipient.
        (
            [
                ("She", 1, "nsubj", "PRON"),
                ("flew", 1, "ROOT", "VERB", "fly"),
                ("to", 1, "prep", "ADP"),
                ("Lima", 2, "pobj", "PROPN"),
            ],
            "SEAT",
        ),
        # "Lima is a city": subject of a copula with a noun complement.
        (
            [
                ("Lima", 1, "nsubj", "PROPN"),
                ("is", 1, "ROOT", "AUX", "be"),
                ("a", 3, "det", "DET"),
                ("city", 1, "attr", "NOUN"),
            ],
            "SEAT",
        ),
        # "visited Lima": an object, but not of a verb of influence.
        (
            [
                ("She", 1, "nsubj", "PRON"),
                ("visited", 1, "ROOT", "VERB", "visit"),
                ("Lima", 1, "dobj", "PROPN"),
            ],
            "SEAT",
        ),
    ],
)
def test_entities_capital_role(nlp_blank: Any, tokens: list[Token], expected: str) -> None:
    index = [token[0] for token in tokens].index("Lima")
    doc = parsed(nlp_blank, tokens, [(index, index + 1, "GPE")])
    assert labelled(doc) == [("Lima", expected)]


def test_entities_conjunct_takes_the_first_conjuncts_role(nlp_blank: Any) -> None:
    # "Santiago and Lima signed": both subjects; "in Santiago and Lima": both places.
    acting = [
        ("Santiago", 3, "nsubj", "PROPN"),
        ("and", 0, "cc", "CCONJ"),
        ("Lima", 0, "conj", "PROPN"),
        ("signed", 3, "ROOT", "VERB", "sign"),
    ]
    doc = parsed(nlp_blank, acting, [(0, 1, "GPE"), (2, 3, "GPE")])
    assert labelled(doc) == [("Santiago", "METONYM"), ("Lima", "METONYM")]
    placed = [
        ("talks", 0, "ROOT", "NOUN"),
        ("in", 0, "prep", "ADP"),
        ("Santiago", 1, "pobj", "PROPN"),
        ("and", 2, "cc", "CCONJ"),
        ("Lima", 2, "conj", "PROPN"),
    ]
    doc = parsed(nlp_blank, placed, [(2, 3, "GPE"), (4, 5, "GPE")])
    assert labelled(doc) == [("Santiago", "SEAT"), ("Lima", "SEAT")]


def test_entities_seat_building_is_a_metonym_as_subject(nlp_blank: Any) -> None:
    tokens = [
        ("La", 1, "compound", "PROPN"),
        ("Moneda", 2, "nsubj", "PROPN"),
        ("denied", 2, "ROOT", "VERB", "deny"),
    ]
    doc = parsed(nlp_blank, tokens, [(0, 2, "FAC")])
    assert labelled(doc) == [("La Moneda", "METONYM")]


# Demonyms and non-actors -------------------------------------------------------------


def test_entities_demonyms_as_actors(nlp_blank: Any) -> None:
    tokens = [
        ("Chilean", 1, "amod", "ADJ"),
        ("officials", 2, "nsubj", "NOUN", "official"),
        ("met", 2, "ROOT", "VERB", "meet"),
        ("the", 4, "det", "DET"),
        ("Chileans", 2, "dobj", "PROPN"),
    ]
    doc = parsed(nlp_blank, tokens, [(0, 1, "NORP"), (4, 5, "NORP")])
    assert labelled(doc) == [("Chilean", "DEMONYM"), ("Chileans", "DEMONYM")]


def test_entities_drop_non_actors(nlp_blank: Any) -> None:
    tokens = [
        ("Western", 1, "amod", "ADJ"),
        ("allies", 2, "nsubj", "NOUN", "ally"),
        ("sent", 2, "ROOT", "VERB", "send"),
        ("500", 4, "nummod", "NUM"),
        ("tanks", 2, "dobj", "NOUN", "tank"),
        ("on", 2, "prep", "ADP"),
        ("Monday", 5, "pobj", "PROPN"),
        ("to", 2, "prep", "ADP"),
        ("the", 9, "det", "DET"),
        ("West", 7, "pobj", "PROPN"),
    ]
    doc = parsed(
        nlp_blank, tokens, [(0, 1, "NORP"), (3, 4, "CARDINAL"), (6, 7, "DATE"), (9, 10, "LOC")]
    )
    assert labelled(doc) == []


def test_entities_place_tagged_as_organisation_is_dropped(nlp_blank: Any) -> None:
    tokens = [
        ("the", 2, "det", "DET"),
        ("Andes", 2, "compound", "PROPN"),
        ("region", 3, "nsubj", "NOUN"),
        ("flooded", 3, "ROOT", "VERB", "flood"),
    ]
    doc = parsed(nlp_blank, tokens, [(0, 3, "ORG")])
    assert labelled(doc) == []


def test_entities_compass_point_standing_for_a_country(nlp_blank: Any) -> None:
    tokens = [
        ("the", 1, "det", "DET"),
        ("North", 2, "nsubj", "PROPN"),
        ("fired", 2, "ROOT", "VERB", "fire"),
    ]
    doc = parsed(nlp_blank, tokens, [(1, 2, "LOC")])
    assert labelled(doc) == [("North", "COMPASS")]


@pytest.mark.parametrize("ents", [[], [(1, 2, "GPE")], [(1, 2, "ORG")], [(0, 2, "NORP")]])
def test_entities_compass_point_whatever_the_ner_made_of_it(
    nlp_blank: Any, ents: list[tuple[int, int, str]]
) -> None:
    tokens = [
        ("The", 1, "det", "DET"),
        ("South", 2, "nsubj", "PROPN"),
        ("rejected", 2, "ROOT", "VERB", "reject"),
        ("the", 4, "det", "DET"),
        ("offer", 2, "dobj", "NOUN"),
    ]
    assert labelled(parsed(nlp_blank, tokens, ents)) == [("South", "COMPASS")]


@pytest.mark.parametrize(
    "tokens",
    [
        [  # "the North Atlantic alliance met": the start of a longer name
            ("the", 3, "det", "DET"),
            ("North", 2, "compound", "PROPN"),
            ("Atlantic", 3, "compound", "PROPN"),
            ("alliance", 4, "nsubj", "NOUN"),
            ("met", 4, "ROOT", "VERB", "meet"),
        ],
        [  # "the South of Peru flooded": a region of something
            ("the", 1, "det", "DET"),
            ("South", 4, "nsubj", "PROPN"),
            ("of", 1, "prep", "ADP"),
            ("Peru", 2, "pobj", "PROPN"),
            ("flooded", 4, "ROOT", "VERB", "flood"),
        ],
        [  # "the North-South talks ended": a compound
            ("the", 4, "det", "DET"),
            ("North", 4, "compound", "PROPN"),
            ("-", 1, "punct", "PUNCT"),
            ("South", 1, "compound", "PROPN"),
            ("talks", 5, "nsubj", "NOUN"),
            ("ended", 5, "ROOT", "VERB", "end"),
        ],
        [  # "North fired": no article, no metonym
            ("North", 1, "nsubj", "PROPN"),
            ("fired", 1, "ROOT", "VERB", "fire"),
        ],
    ],
)
def test_entities_compass_word_inside_other_phrases(nlp_blank: Any, tokens: list[Token]) -> None:
    assert not [label for _, label in labelled(parsed(nlp_blank, tokens)) if label == "COMPASS"]


# Names the NER left out ------------------------------------------------------------------


def test_entities_bare_surnames_are_name_candidates(nlp_blank: Any) -> None:
    tokens = [
        ("Quintero", 1, "nsubj", "NOUN"),  # the small model calls some names nouns
        ("asked", 1, "ROOT", "VERB", "ask"),
        ("Lindqvist", 1, "dobj", "PROPN"),
        ("to", 4, "aux", "PART"),
        ("help", 1, "xcomp", "VERB"),
    ]
    assert labelled(parsed(nlp_blank, tokens)) == [("Quintero", "NAME"), ("Lindqvist", "NAME")]


def test_entities_speaker_after_a_closing_quotation_mark_is_a_name_candidate(
    nlp_blank: Any,
) -> None:
    # '"We will not yield," Quintero said': the surname names the speaker
    tokens = [
        ('"', 2, "punct", "PUNCT"),
        ("We", 2, "nsubj", "PRON", "we"),
        ("yield", 6, "ccomp", "VERB"),
        (",", 6, "punct", "PUNCT"),
        ('"', 6, "punct", "PUNCT"),
        ("Quintero", 6, "nsubj", "PROPN"),
        ("said", 6, "ROOT", "VERB", "say"),
    ]
    assert labelled(parsed(nlp_blank, tokens)) == [("Quintero", "NAME")]


def test_entities_honorific_or_title_before_an_unknown_word(nlp_blank: Any) -> None:
    tokens = [
        ("They", 1, "nsubj", "PRON", "they"),
        ("met", 1, "ROOT", "VERB", "meet"),
        ("Mr", 3, "compound", "PROPN"),
        ("Lindqvist", 1, "dobj", "PROPN"),
        ("and", 3, "cc", "CCONJ"),
        ("Minister", 6, "compound", "PROPN"),
        ("Quintero", 3, "conj", "PROPN"),
    ]
    mentions = find_mentions(parsed(nlp_blank, tokens), "d1")
    assert [(m.text, m.label, m.descriptor) for m in mentions] == [
        ("Mr Lindqvist", "PERSON", "Mr"),  # an honorific makes a person
        ("Minister Quintero", "NAME", "Minister"),  # a role noun leaves it a candidate
    ]


@pytest.mark.parametrize("label", ["GPE", "ORG", "NORP"])
def test_entities_titled_word_the_ner_took_for_a_place_is_a_person(
    nlp_blank: Any, label: str
) -> None:
    tokens = [
        ("Chancellor", 1, "compound", "PROPN"),
        ("Lindqvist", 2, "nsubj", "PROPN"),
        ("resigned", 2, "ROOT", "VERB", "resign"),
    ]
    mentions = find_mentions(parsed(nlp_blank, tokens, [(1, 2, label)]), "d1")
    assert [(m.text, m.label, m.descriptor) for m in mentions] == [
        ("Chancellor Lindqvist", "PERSON", "Chancellor")
    ]


@pytest.mark.parametrize(
    "tokens",
    [
        [("the", 1, "det", "DET"), ("Moon", 2, "nsubj", "PROPN"), ("rose", 2, "ROOT", "VERB")],
        [("New", 1, "amod", "PROPN"), ("Moon", 2, "nsubj", "PROPN"), ("opened", 2, "ROOT", "VERB")],
        [  # "Host" is written "host" elsewhere in the text
            ("Host", 1, "nsubj", "NOUN"),
            ("left", 1, "ROOT", "VERB", "leave"),
            ("the", 3, "det", "DET"),
            ("host", 1, "dobj", "NOUN"),
        ],
        [("NATO", 1, "nsubj", "PROPN"), ("met", 1, "ROOT", "VERB", "meet")],
        [  # a quoted word: 'they named it "Moon"'
            ("They", 1, "nsubj", "PRON", "they"),
            ("named", 1, "ROOT", "VERB", "name"),
            ("it", 4, "nsubj", "PRON"),
            ('"', 4, "punct", "PUNCT"),
            ("Moon", 1, "oprd", "PROPN"),
            ('"', 4, "punct", "PUNCT"),
        ],
        [("President", 1, "nsubj", "PROPN"), ("spoke", 1, "ROOT", "VERB", "speak")],
        [("Parliament", 1, "nsubj", "PROPN"), ("voted", 1, "ROOT", "VERB", "vote")],
    ],
)
def test_entities_capitalised_words_that_are_no_bare_names(
    nlp_blank: Any, tokens: list[Token]
) -> None:
    assert not [label for _, label in labelled(parsed(nlp_blank, tokens)) if label == "NAME"]


def test_entities_surface_form_drops_article_and_possessive(nlp_blank: Any) -> None:
    tokens = [
        ("The", 2, "det", "DET"),
        ("Foo", 2, "compound", "PROPN"),
        ("Institute", 4, "poss", "PROPN"),
        ("'s", 2, "case", "PART"),
        ("report", 5, "nsubj", "NOUN"),
        ("appeared", 5, "ROOT", "VERB", "appear"),
    ]
    doc = parsed(nlp_blank, tokens, [(0, 4, "ORG")])
    mentions = find_mentions(doc, "d1")
    assert [(m.text, m.label, doc.text[m.start : m.end]) for m in mentions] == [
        ("Foo Institute", "ORG", "Foo Institute")
    ]


# People: titles and descriptors ------------------------------------------------------


def test_entities_title_with_surname_is_kept_with_full_name_is_not(nlp_blank: Any) -> None:
    tokens = [
        ("President", 1, "compound", "PROPN"),
        ("Soto", 2, "nsubj", "PROPN"),
        ("thanked", 2, "ROOT", "VERB", "thank"),
        ("Defence", 4, "compound", "PROPN"),
        ("Minister", 6, "compound", "PROPN"),
        ("Ana", 6, "compound", "PROPN"),
        ("Rojas", 2, "dobj", "PROPN"),
    ]
    doc = parsed(nlp_blank, tokens, [(1, 2, "PERSON"), (5, 7, "PERSON")])
    mentions = find_mentions(doc, "d1")
    assert [(m.text, m.descriptor) for m in mentions] == [
        ("President Soto", "President"),
        ("Ana Rojas", "Defence Minister"),
    ]


def test_entities_honorific_with_surname(nlp_blank: Any) -> None:
    tokens = [
        ("Mr.", 1, "compound", "PROPN"),
        ("Rojas", 2, "nsubj", "PROPN"),
        ("left", 2, "ROOT", "VERB", "leave"),
    ]
    doc = parsed(nlp_blank, tokens, [(1, 2, "PERSON")])
    assert [(m.text, m.label, m.descriptor) for m in find_mentions(doc, "d1")] == [
        ("Mr. Rojas", "PERSON", "Mr.")
    ]


def test_entities_appositive_descriptor(nlp_blank: Any) -> None:
    # "Ana Soto, a Peru analyst at the Foo Institute, said"
    tokens = [
        ("Ana", 1, "compound", "PROPN"),
        ("Soto", 11, "nsubj", "PROPN"),
        (",", 1, "punct", "PUNCT"),
        ("a", 5, "det", "DET"),
        ("Peru", 5, "compound", "PROPN"),
        ("analyst", 1, "appos", "NOUN"),
        ("at", 5, "prep", "ADP"),
        ("the", 9, "det", "DET"),
        ("Foo", 9, "compound", "PROPN"),
        ("Institute", 6, "pobj", "PROPN"),
        (",", 1, "punct", "PUNCT"),
        ("said", 11, "ROOT", "VERB", "say"),
    ]
    doc = parsed(nlp_blank, tokens, [(0, 2, "PERSON"), (4, 5, "GPE"), (8, 10, "ORG")])
    people = [m for m in find_mentions(doc, "d1") if m.label == "PERSON"]
    assert [(m.text, m.descriptor) for m in people] == [
        ("Ana Soto", "Peru analyst at the Foo Institute")
    ]


def test_entities_place_a_name_is_of_is_its_descriptor(nlp_blank: Any) -> None:
    # "Ana Soto of Chile said", with "of" inside the NER's person span.
    tokens = [
        ("Ana", 1, "compound", "PROPN"),
        ("Soto", 4, "nsubj", "PROPN"),
        ("of", 1, "prep", "ADP"),
        ("Chile", 2, "pobj", "PROPN"),
        ("said", 4, "ROOT", "VERB", "say"),
    ]
    doc = parsed(nlp_blank, tokens, [(0, 3, "PERSON"), (3, 4, "GPE")])
    people = [m for m in find_mentions(doc, "d1") if m.label == "PERSON"]
    assert [(m.text, m.descriptor) for m in people] == [("Ana Soto", "of Chile")]


@pytest.mark.parametrize(
    ("place", "expected"),
    [("Mandalay", [("Mandalay", "LOC")]), ("Atlantis", [])],
)
def test_entities_city_tagged_loc_is_a_place(
    nlp_blank: Any, place: str, expected: list[tuple[str, str]]
) -> None:
    # "Police detained students in <place>": a known city is kept as a place; others drop.
    tokens = [
        ("Police", 1, "nsubj", "NOUN", "police"),
        ("detained", 1, "ROOT", "VERB", "detain"),
        ("students", 1, "dobj", "NOUN", "student"),
        ("in", 1, "prep", "ADP"),
        (place, 3, "pobj", "PROPN"),
    ]
    doc = parsed(nlp_blank, tokens, [(4, 5, "LOC")])
    assert labelled(doc) == expected


@pytest.mark.parametrize(
    ("label", "expected"),
    [("ORG", [("Mandalay", "LOC")]), ("FAC", [("Mandalay", "LOC")]), (None, [("Mandalay", "LOC")])],
)
def test_entities_city_the_ner_missed_where_an_act_lands(
    nlp_blank: Any, label: str | None, expected: list[tuple[str, str]]
) -> None:
    # "Jets bombed <city>": a known city taken for an organisation or a building, or
    # left out by the NER, is the place the act lands on.
    tokens = [
        ("jets", 1, "nsubj", "NOUN", "jet"),
        ("bombed", 1, "ROOT", "VERB", "bomb"),
        ("Mandalay", 1, "dobj", "PROPN"),
    ]
    doc = parsed(nlp_blank, tokens, [(2, 3, label)] if label else [])
    assert labelled(doc) == expected


def test_entities_unknown_name_as_object_is_no_city(nlp_blank: Any) -> None:
    tokens = [
        ("jets", 1, "nsubj", "NOUN", "jet"),
        ("bombed", 1, "ROOT", "VERB", "bomb"),
        ("Atlantis", 1, "dobj", "PROPN"),
    ]
    doc = parsed(nlp_blank, tokens, [])
    assert ("Atlantis", "LOC") not in labelled(doc)  # at most a name candidate


def test_entities_name_in_apposition_to_a_role(nlp_blank: Any) -> None:
    # "Chile's Defence Minister, Luis Vera, resigned": the NER missed the name.
    tokens = [
        ("Chile", 3, "poss", "PROPN"),
        ("'s", 0, "case", "PART"),
        ("Defence", 3, "compound", "PROPN"),
        ("Minister", 8, "nsubj", "PROPN"),
        (",", 3, "punct", "PUNCT"),
        ("Luis", 6, "compound", "PROPN"),
        ("Vera", 3, "appos", "PROPN"),
        (",", 3, "punct", "PUNCT"),
        ("resigned", 8, "ROOT", "VERB", "resign"),
    ]
    doc = parsed(nlp_blank, tokens, [(0, 1, "GPE")])
    people = [m for m in find_mentions(doc, "d1") if m.label == "PERSON"]
    assert [(m.text, m.descriptor) for m in people] == [("Luis Vera", "Chile's Defence Minister")]


def test_entities_organisation_named_after_a_classifier(nlp_blank: Any) -> None:
    # "the think tank 12 Bridges": the NER saw only a number and a place.
    tokens = [
        ("the", 2, "det", "DET"),
        ("think", 2, "compound", "NOUN"),
        ("tank", 2, "ROOT", "NOUN"),
        ("12", 4, "nummod", "NUM"),
        ("Bridges", 2, "appos", "PROPN"),
    ]
    doc = parsed(nlp_blank, tokens, [(3, 4, "CARDINAL"), (4, 5, "LOC")])
    assert labelled(doc) == [("12 Bridges", "ORG")]


def test_entities_name_cut_at_a_hyphen_is_repaired(nlp_blank: Any) -> None:
    # The NER stopped at "Tae-" in "Lim Tae-ho said".
    tokens = [
        ("Lim", 3, "compound", "PROPN"),
        ("Tae", 3, "compound", "PROPN"),
        ("-", 3, "punct", "PUNCT"),
        ("ho", 4, "nsubj", "PROPN"),
        ("said", 4, "ROOT", "VERB", "say"),
    ]
    doc = parsed(nlp_blank, tokens, [(0, 3, "PERSON")])
    assert labelled(doc) == [("Lim Tae-ho", "PERSON")]


def test_entities_generational_suffix_after_a_comma_ends_the_name(nlp_blank: Any) -> None:
    # The NER stopped before ", Jr." in "Wendell Quillfeather, Jr. escaped" and tagged
    # "Jr." on its own: the suffix is the end of the name, and no mention of its own.
    tokens = [
        ("Wendell", 1, "compound", "PROPN"),
        ("Quillfeather", 4, "nsubj", "PROPN"),
        (",", 1, "punct", "PUNCT"),
        ("Jr.", 1, "appos", "PROPN"),
        ("escaped", 4, "ROOT", "VERB", "escape"),
    ]
    doc = parsed(nlp_blank, tokens, [(0, 2, "PERSON"), (3, 4, "GPE")])
    assert labelled(doc) == [("Wendell Quillfeather, Jr.", "PERSON")]


# Offices, administrations and bodies --------------------------------------------------


def test_entities_office_and_administration_of_a_person(nlp_blank: Any) -> None:
    office = [
        ("Soto", 2, "poss", "PROPN"),
        ("'s", 0, "case", "PART"),
        ("office", 3, "nsubj", "NOUN"),
        ("said", 3, "ROOT", "VERB", "say"),
    ]
    doc = parsed(nlp_blank, office, [(0, 1, "PERSON")])
    assert labelled(doc) == [("Soto's office", "OFFICE"), ("Soto", "PERSON")]
    administration = [
        ("the", 2, "det", "DET"),
        ("Soto", 2, "compound", "PROPN"),
        ("administration", 3, "nsubj", "NOUN"),
        ("said", 3, "ROOT", "VERB", "say"),
    ]
    doc = parsed(nlp_blank, administration, [(1, 2, "PERSON")])
    assert labelled(doc) == [("Soto administration", "ADMINISTRATION"), ("Soto", "PERSON")]


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        (
            [
                ("Peru", 3, "poss", "PROPN"),
                ("'s", 0, "case", "PART"),
                ("defence", 3, "compound", "NOUN"),
                ("ministry", 4, "nsubj", "NOUN"),
                ("said", 4, "ROOT", "VERB", "say"),
            ],
            [("Peru", "GPE"), ("defence ministry", "BODY", "Peru's")],
        ),
        (
            [
                ("the", 1, "det", "DET"),
                ("president", 3, "poss", "NOUN"),
                ("'s", 1, "case", "PART"),
                ("office", 4, "nsubj", "NOUN"),
                ("said", 4, "ROOT", "VERB", "say"),
            ],
            [("president's office", "BODY", None)],
        ),
        (
            [
                ("the", 1, "det", "DET"),
                ("opposition", 2, "nsubj", "NOUN"),
                ("objected", 2, "ROOT", "VERB", "object"),
            ],
            [("opposition", "BODY", None)],
        ),
        (
            [
                ("the", 1, "det", "DET"),
                ("government", 2, "nsubj", "NOUN"),
                ("objected", 2, "ROOT", "VERB", "object"),
            ],
            [],
        ),
    ],
)
def test_entities_bodies_named_by_common_nouns(
    nlp_blank: Any, tokens: list[Token], expected: list[tuple[Any, ...]]
) -> None:
    ents = [(0, 1, "GPE")] if tokens[0][0] == "Peru" else []
    doc = parsed(nlp_blank, tokens, ents)
    found = [(m.text, m.label, m.descriptor) for m in find_mentions(doc, "d1")]
    assert [item[: len(want)] for item, want in zip(found, expected, strict=False)] == expected
    assert len(found) == len(expected)


def test_entities_a_span_with_a_clause_is_cut_at_the_clause(nlp_blank: Any) -> None:
    # The NER made "Velko is coming" one PERSON: the name is the part before the verb.
    tokens = [
        ("Velko", 2, "nsubj", "PROPN"),
        ("is", 2, "aux", "AUX", "be"),
        ("coming", 2, "ROOT", "VERB", "come"),
        ("to", 4, "prep", "ADP"),
        ("Lima", 2, "pobj", "PROPN"),
    ]
    doc = parsed(nlp_blank, tokens, [(0, 3, "PERSON")])
    assert labelled(doc)[0] == ("Velko", "PERSON")
    # A clause alone is no name at all.
    alone = [("who", 1, "nsubj", "PRON"), ("spoke", 1, "ROOT", "VERB", "speak")]
    assert labelled(parsed(nlp_blank, alone, [(0, 2, "PERSON")])) == []


def test_entities_capitalised_name_words_that_look_like_verbs_stay(nlp_blank: Any) -> None:
    tokens = [
        ("Will", 1, "compound", "AUX"),
        ("Ostrander", 2, "nsubj", "PROPN"),
        ("spoke", 2, "ROOT", "VERB", "speak"),
    ]
    assert labelled(parsed(nlp_blank, tokens, [(0, 2, "PERSON")])) == [("Will Ostrander", "PERSON")]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["state", "media"], [("state media", "BODY")]),
        (["state", "television"], [("state television", "BODY")]),
        (["local", "media"], []),
    ],
)
def test_entities_state_media_are_bodies(
    nlp_blank: Any, words: list[str], expected: list[tuple[str, str]]
) -> None:
    tokens = [
        (words[0], 1, "amod", "ADJ"),
        (words[1], 2, "nsubj", "NOUN"),
        ("reported", 2, "ROOT", "VERB", "report"),
    ]
    assert labelled(parsed(nlp_blank, tokens)) == expected


def test_entities_offsets_and_sentences(nlp_blank: Any) -> None:
    tokens = [
        ("Lima", 1, "nsubj", "PROPN"),
        ("objected", 1, "ROOT", "VERB", "object"),
        (".", 1, "punct", "PUNCT"),
        ("Santiago", 4, "nsubj", "PROPN"),
        ("agreed", 4, "ROOT", "VERB", "agree"),
        (".", 4, "punct", "PUNCT"),
    ]
    doc = parsed(nlp_blank, tokens, [(0, 1, "GPE"), (3, 4, "GPE")])
    mentions = find_mentions(doc, "doc-7")
    assert [(m.doc_id, m.sentence, doc.text[m.start : m.end]) for m in mentions] == [
        ("doc-7", 0, "Lima"),
        ("doc-7", 1, "Santiago"),
    ]


# With the real model -----------------------------------------------------------------


@pytest.mark.model
def test_entities_real_model_capitals_demonyms_and_titles(watchfloor_nlp: Any) -> None:
    text = (
        "Kyiv said on Tuesday that it had asked Paris for more air defence. "
        "French President Emmanuel Macron met Ukrainian officials at a conference in Berlin. "
        "President Macron's office said Moscow had been warned."
    )
    found = {(m.text, m.label) for m in find_mentions(watchfloor_nlp(text), "d1")}
    assert ("Kyiv", "METONYM") in found
    assert ("Paris", "METONYM") in found
    assert ("Berlin", "SEAT") in found
    assert ("Ukrainian", "DEMONYM") in found
    assert ("Emmanuel Macron", "PERSON") in found
    assert ("Macron's office", "OFFICE") in found
    assert ("Moscow", "METONYM") in found
    assert not any(label in ("DATE", "CARDINAL") for _, label in found)


@pytest.mark.model
def test_entities_pipeline_is_configured(watchfloor_nlp: Any) -> None:
    names = watchfloor_nlp.pipe_names
    assert names.index(RULER_NAME) == names.index("ner") + 1
    assert "senter" not in names
    assert [t.text for t in watchfloor_nlp.make_doc("Organization(NATO)")] == [
        "Organization",
        "(",
        "NATO",
        ")",
    ]


@pytest.mark.model
def test_entities_pipeline_tokenizer_is_the_packages_with_glued_brackets(
    watchfloor_nlp: Any,
) -> None:
    """The tokenizer built from the language's rules (not read from the package) has the
    package's rules, special cases and the one extra infix: tokens are unchanged."""
    import spacy

    from watchfloor.nlp.model import DEFAULT_MODEL, split_glued_brackets

    packaged = spacy.load(DEFAULT_MODEL, exclude=["tok2vec", "tagger", "parser", "ner"])
    split_glued_brackets(packaged)
    assert packaged.tokenizer.to_bytes(exclude=["vocab"]) == watchfloor_nlp.tokenizer.to_bytes(
        exclude=["vocab"]
    )
    text = "Organization(NATO) said U.S.-led talks can't start (yet) at 10:30 a.m. in St. Louis."
    assert [t.text for t in watchfloor_nlp.make_doc(text)] == [
        t.text for t in packaged.make_doc(text)
    ]


@pytest.mark.model
def test_entities_real_model_dprk_is_a_country(watchfloor_nlp: Any) -> None:
    doc = watchfloor_nlp("The DPRK fired two missiles, the military of Japan said.")
    assert [(e.text, e.label_) for e in doc.ents if e.text == "DPRK"] == [("DPRK", "GPE")]


def test_entities_capitalised_common_word_before_an_agent_is_no_person(nlp_blank: Any) -> None:
    tokens = [
        ("Riot", 1, "compound", "PROPN"),
        ("police", 2, "nsubj", "NOUN"),
        ("arrested", 2, "ROOT", "VERB", "arrest"),
        ("six", 4, "nummod", "NUM"),
        ("men", 2, "dobj", "NOUN", "man"),
    ]
    assert labelled(parsed(nlp_blank, tokens, [(0, 1, "PERSON")])) == []
    # a word of a dictionary name stays a person there ("Putin supporters")
    tokens[0] = ("Putin", 1, "compound", "PROPN")
    tokens[1] = ("supporters", 2, "nsubj", "NOUN", "supporter")
    assert labelled(parsed(nlp_blank, tokens, [(0, 1, "PERSON")])) == [("Putin", "PERSON")]


def test_entities_city_tagged_as_organisation_where_a_place_stands(nlp_blank: Any) -> None:
    tokens = [
        ("Police", 1, "nsubj", "NOUN"),
        ("detained", 1, "ROOT", "VERB", "detain"),
        ("40", 3, "nummod", "NUM"),
        ("demonstrators", 1, "dobj", "NOUN", "demonstrator"),
        ("in", 1, "prep", "ADP"),
        ("Lyon", 4, "pobj", "PROPN"),
    ]
    assert labelled(parsed(nlp_blank, tokens, [(5, 6, "ORG")])) == [("Lyon", "LOC")]
    # as the subject, a city's name may be an organisation's (a club, a firm)
    subject = [("Lyon", 1, "nsubj", "PROPN"), ("protested", 1, "ROOT", "VERB", "protest")]
    assert labelled(parsed(nlp_blank, subject, [(0, 1, "ORG")])) == [("Lyon", "ORG")]
