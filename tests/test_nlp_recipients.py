"""Recipients the clause leaves out, and what reports no act at all (sentences written here)."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from watchfloor.nlp.analyse import ArticleAnalyser
from watchfloor.nlp.events.discourse import Draft, infer_counterparts
from watchfloor.records import Article, Event, PartialDate
from watchfloor.settings import Settings

PUBLISHED = PartialDate(2021, 6, 9)

# text -> (type, actor, recipient, recipient_source) that must be among the events found
CASES: dict[str, tuple[str, set[str], set[str], str | None]] = {
    "Police in Marseille detained 40 demonstrators.": ("COERCE", {"FRA"}, {"FRA"}, "local"),
    "Nigerian police arrested two men in Kano.": ("COERCE", {"NGA"}, {"NGA"}, "local"),
    "Chilean students protested in Santiago.": ("PROTEST", {"CHL"}, {"CHL"}, "local"),
    "Three Malian soldiers were killed in an ambush on Sunday.": ("ASSAULT", set(), {"MLI"}, None),
    # an act only a state does, told without its doer: the state where it happens
    "A Bolivian journalist was arrested on Monday in La Paz.": ("COERCE", {"BOL"}, {"BOL"}, None),
    "LIMA (AP) _ Three students have been detained.": ("COERCE", {"PER"}, {"PER"}, "local"),
    # a visit that names no host took place where the article is datelined
    "QUITO (AP) _ The Chilean foreign minister, ending a two-day visit, praised the talks.": (
        "CONSULT",
        {"CHL"},
        {"ECU"},
        "discourse",
    ),
    # a judged two-sided act is aimed at everyone in it but the judge
    "Seoul condemned the military cooperation between Moscow and Pyongyang.": (
        "ACCUSE",
        {"KOR"},
        {"RUS", "PRK"},
        "clause",
    ),
    "Japan praised the close cooperation it has had with Vietnam and Laos.": (
        "SUPPORT",
        {"JPN"},
        {"VNM", "LAO"},
        "clause",
    ),
    # a deed of no particular kind is judged as an act of its doer: named, or no one
    "Peru condemned Chile's acts of aggression.": ("ACCUSE", {"PER"}, {"CHL"}, "clause"),
    "Uganda met Kenya on Monday. Uganda deplored these senseless acts against the embassy.": (
        "ACCUSE",
        {"UGA"},
        set(),
        None,
    ),
    # a state's sites abroad are its own, not their hosts' (a plural name as well)
    "The bombings at the American Embassies in Kenya and Tanzania killed 200 people.": (
        "ASSAULT",
        set(),
        {"USA"},
        None,
    ),
    # a protest against an act whose doer is named is aimed at the doer, not at the
    # authorities where the protesters gather
    "Hundreds marched in Lisbon to protest the shooting of a student by Moroccan police.": (
        "PROTEST",
        {"PRT"},
        {"MAR"},
        "clause",
    ),
    "Farmers in Quito protested against the seizure of their boats by Peruvian police.": (
        "PROTEST",
        {"ECU"},
        {"PER"},
        "clause",
    ),
    "About 900 Kurds marched in Athens, waving flags to protest the arrest of their leader "
    "by Turkish police.": ("PROTEST", {"GRC"}, {"TUR"}, "clause"),
    "Farmers in Quito protested against the new tax.": ("PROTEST", {"ECU"}, {"ECU"}, "local"),
    # a demand made in an organisation's forum, or for its meeting, is addressed to it
    "At the OAS, Bolivia and Ecuador called for an end to the blockade.": (
        "REQUEST",
        {"BOL", "ECU"},
        {"OAS"},
        "clause",
    ),
    "Bolivia's leader, in a letter to the Chilean president, called for an emergency "
    "Security Council meeting on the dispute.": ("REQUEST", {"BOL"}, {"UNSC"}, "clause"),
    # "from X" hung on what is asked for names the one asked, here a body of the asker's own
    "The American president requested $40 million in flood relief funding from Congress "
    "for Bolivia.": ("REQUEST", {"USA"}, {"USA"}, "clause"),
    # a site named again without its owner is the one the article named before; a place
    # named before the site is where it is, not whose
    "The French embassy in Lima hired new guards in May. On Friday, an embassy bombing "
    "killed 40 people in Lima.": ("ASSAULT", set(), {"FRA"}, "local"),
    # a protest in places of two countries is of both, and aimed at both
    "Thousands of farmers protested in Lille and Brussels on Monday.": (
        "PROTEST",
        {"FRA", "BEL"},
        {"FRA", "BEL"},
        "local",
    ),
    # a reaction to an act is aimed at its doer, not at the place where it happened
    "Austria condemned Serbia's shelling of Sarajevo.": ("ACCUSE", {"AUT"}, {"SRB"}, "clause"),
    "Chile criticised the arrests of two journalists in Lima.": (
        "ACCUSE",
        {"CHL"},
        {"PER"},
        "clause",
    ),
    # the subject of a noun's complement clause is the one warned ("a warning that X")
    "Israel's warning that Syria would face strikes angered Jordan.": (
        "THREATEN",
        {"ISR"},
        {"SYR"},
        "clause",
    ),
    # ... and of a verb's, also when the clause comes first
    "Israel would face strikes, Syria warned on Monday.": ("THREATEN", {"SYR"}, {"ISR"}, "clause"),
    # ... also when the parser hangs the clause on the verb, past a phrase of time
    "Ministers ignored threats from Tehran last week that Israeli jets would face retaliation.": (
        "THREATEN",
        {"IRN"},
        {"ISR"},
        "clause",
    ),
    # an act done at home: what it is done to, or where, names only the actor's country
    "The Iraqi army deployed tanks in the streets of Baghdad on Sunday.": (
        "MOBILIZE",
        {"IRQ"},
        {"IRQ"},
        "local",
    ),
    "Mexico's president rejected a ruling by a court in Monterrey.": (
        "REJECT",
        {"MEX"},
        {"MEX"},
        "local",
    ),
    # a reaction to what someone said or decided is aimed at its maker ("by X")
    "Venezuela rejected suggestions by Colombian officials that Cuba trains the rebels.": (
        "REJECT",
        {"VEN"},
        {"COL"},
        "clause",
    ),
    "Japan welcomed the decision by France to lift the ban on Chinese imports.": (
        "SUPPORT",
        {"JPN"},
        {"FRA"},
        "clause",
    ),
    "Germany criticised remarks by the Turkish ambassador about Greece.": (
        "ACCUSE",
        {"DEU"},
        {"TUR"},
        "clause",
    ),
    # ... also when the parser hangs "by X" on the verb, and past another party named
    "Peru rejected the proposal by Chile at the meeting with Bolivia.": (
        "REJECT",
        {"PER"},
        {"CHL"},
        "clause",
    ),
    # a thing named again is judged as its maker's: its earlier owner, or who issued it
    "On Monday a Kenyan court issued a ruling on the border dispute with Uganda. "
    "Tanzania praised the ruling.": ("SUPPORT", {"TZA"}, {"KEN"}, "clause"),
    "The Kenyan court's ruling on the border dispute with Uganda came on Monday. "
    "Tanzania praised the ruling.": ("SUPPORT", {"TZA"}, {"KEN"}, "clause"),
    # ... also when named again by another word of its kind ("pact" -> "the agreement")
    "Peru and Bolivia signed a mutual defence pact on Monday. In a statement, Santiago "
    "condemned the agreement, saying it violates United Nations rules.": (
        "ACCUSE",
        {"CHL"},
        {"PER", "BOL"},
        "clause",
    ),
    # an objection "to" something is aimed at whoever it belongs to
    "Kenya voiced strong objections to Uganda's plan, Tanzania said.": (
        "ACCUSE",
        {"KEN"},
        {"UGA"},
        "clause",
    ),
    "The International Court of Justice met on Monday. Peru and Chile filed objections to "
    "the court's jurisdiction, citing a treaty with Bolivia.": (
        "ACCUSE",
        {"PER", "CHL"},
        {"ICJ"},
        "clause",
    ),
    # a refusal of a two-sided act is aimed at the other side
    "Russia refused to hold talks with Ukraine, Belarus said on Monday.": (
        "REJECT",
        {"RUS"},
        {"UKR"},
        "clause",
    ),
    # a date after the judged deed names no one it is blamed on
    "Uganda met Kenya on Monday. Uganda condemned the bombing of the Kenyan parliament on "
    "Tuesday.": ("ACCUSE", {"UGA"}, set(), None),
    # ... and at no one when the text does not say who did it, even with a counterpart near
    "Uganda met Kenya on Monday. Uganda deplored the bomb blasts in Nairobi.": (
        "ACCUSE",
        {"UGA"},
        set(),
        None,
    ),
}
NO_EVENTS = [
    "Will Norway send tanks to Finland?",
    "Photo: Peruvian soldiers guard the border with Ecuador.",
    # no doer, no place, no dateline, no country whose story it is: nobody to code
    "Three students have been detained.",
]


# Where the speaker is does not place the act: no act at home.
SPEAKING_AT_HOME = [
    "Iran's foreign minister, speaking in Tehran, rejected the proposal.",
    "In Lima, Peru's president rejected the offer.",
]

# A "that" clause of another verb does not complete the noun before it.
NOT_A_COMPLEMENT = "Iran issued a warning on Monday, and officials said that Israel would pay."


@pytest.fixture(scope="module")
def coded(nlp: Any) -> dict[str, list[Event]]:
    texts = [*CASES, *NO_EVENTS, "The Iran investigation widened on Monday.", NOT_A_COMPLEMENT]
    texts += SPEAKING_AT_HOME
    articles = [
        Article(doc_id=f"r{number}", title="", text=text, published=PUBLISHED)
        for number, text in enumerate(texts)
    ]
    analyses = ArticleAnalyser(Settings()).analyse(articles)
    return {text: list(a.events) for text, a in zip(texts, analyses, strict=True)}


@pytest.mark.model
@pytest.mark.parametrize("text", list(CASES))
def test_nlp_recipients_of_unnamed_locals(coded: dict[str, list[Event]], text: str) -> None:
    event_type, actor, recipient, source = CASES[text]
    found = [(e.type, set(e.actor), set(e.recipient)) for e in coded[text]]
    assert (event_type, actor, recipient) in found
    if source is not None:
        assert source in {e.recipient_source for e in coded[text] if e.type == event_type}


@pytest.mark.model
@pytest.mark.parametrize("text", NO_EVENTS)
def test_nlp_recipients_questions_and_captions_report_nothing(
    coded: dict[str, list[Event]], text: str
) -> None:
    assert coded[text] == []


@pytest.mark.model
def test_nlp_recipients_a_country_as_topic_does_not_act(coded: dict[str, list[Event]]) -> None:
    events = coded["The Iran investigation widened on Monday."]
    assert not any("IRN" in event.actor for event in events)


@pytest.mark.model
def test_nlp_recipients_that_clause_of_another_verb_is_not_the_nouns(
    coded: dict[str, list[Event]],
) -> None:
    threats = [event for event in coded[NOT_A_COMPLEMENT] if event.type == "THREATEN"]
    assert threats
    assert all(event.recipient_source != "clause" for event in threats)


@pytest.mark.model
@pytest.mark.parametrize("text", SPEAKING_AT_HOME)
def test_nlp_recipients_where_the_speaker_is_does_not_make_an_act_domestic(
    coded: dict[str, list[Event]], text: str
) -> None:
    (rejection,) = [event for event in coded[text] if event.type == "REJECT"]
    assert rejection.recipient == ()


def _draft(event_type: str, actor: tuple[str, ...], sentence: int) -> Draft:
    event = Event(
        doc_id="d",
        type=event_type,
        actor=actor,
        recipient=(),
        status="asserted",
        evidence="",
        evidence_start=0,
        evidence_end=0,
    )
    return Draft(event, sentence)


@pytest.mark.parametrize(
    ("event_type", "named", "expected", "source"),
    [
        # the one other party the sentence names
        ("SUPPORT", [(("BOL", "ICJ"), ())], ("ICJ",), "discourse"),
        # two other parties: nothing is plain
        ("SUPPORT", [(("BOL", "ICJ", "CHL"), ())], (), None),
        # an attack's target may be a place the sentence names
        ("ASSAULT", [(("SYR",), ("LBN",))], ("LBN",), "discourse"),
        # a threat is not aimed at a place, so it falls back to the sentence before
        ("THREATEN", [(("ARM",), ()), (("AZE",), ("GEO",))], ("ARM",), "discourse"),
        # no counterpart in view: a coercive act is aimed at the actor's own people
        ("COERCE", [(("ARM", "GEO"), ()), ((), ())], ("AZE",), "local"),
        # an article that is the actor's own story: its act is aimed at its own
        (
            "REQUEST",
            [(("PER",), ()), (("PER",), ()), (("PER", "CHL"), ()), (("PER",), ())],
            ("PER",),
            "discourse",
        ),
        # a story shared with one counterpart: the act goes to that counterpart
        ("REQUEST", [(("PER", "CHL"), ()), (("CHL",), ()), (("PER",), ())], ("CHL",), "discourse"),
        # a meeting is two-sided: no recipient is inferred
        ("CONSULT", [(("BOL", "ICJ"), ())], (), None),
    ],
)
def test_nlp_recipients_counterpart_from_discourse(
    event_type: str,
    named: list[tuple[tuple[str, ...], tuple[str, ...]]],
    expected: tuple[str, ...],
    source: str | None,
) -> None:
    actor = next(iter(named[-1][0]), "AZE")
    drafts = [_draft(event_type, (actor,), len(named) - 1)]
    mentioned = Counter(party for actors, _ in named for party in actors)
    [result] = infer_counterparts(drafts, named, mentioned)
    assert result.event.recipient == expected
    assert result.event.recipient_source == source


@pytest.mark.model
def test_nlp_recipients_wire_initials_name_no_person(nlp: Any) -> None:
    """ "(AP)" after a dateline is an agency's initials, never a surname of the dictionaries."""
    text = "NAIROBI (AP)_ Kenya said on Sunday it would reopen its border with Somalia."
    article = Article(doc_id="w1", title="", text=text, published=PUBLISHED)
    [analysis] = ArticleAnalyser(Settings()).analyse([article])
    assert not [actor for actor in analysis.actors if actor.kind == "person"]
    assert {actor.country for actor in analysis.actors} <= {"KEN", "SOM", None}
