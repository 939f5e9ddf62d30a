"""Rules across the sentences of one article, on events built by hand (no model)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from watchfloor.nlp.events.discourse import (
    Draft,
    aim_at_adversaries,
    answer_requests,
    imply_recipients,
    infer_counterparts,
)
from watchfloor.records import Event


def _draft(
    type_: str,
    actor: tuple[str, ...],
    recipient: tuple[str, ...] = (),
    *,
    mode: str | None = None,
    sentence: int = 0,
    gives: bool | None = None,
) -> Draft:
    event = Event(
        doc_id="d", type=type_, actor=actor, recipient=recipient, status="asserted",
        evidence="", evidence_start=0, evidence_end=0, mode=mode,
    )  # fmt: skip
    return Draft(event, sentence, type_ == "AID" if gives is None else gives)


def _recipients(drafts: list[Draft]) -> list[tuple[str, ...]]:
    return [draft.event.recipient for draft in drafts]


def test_discourse_transfer_without_recipient_takes_the_established_one() -> None:
    drafts = [
        _draft("AID", ("DEU",), ("UKR",), sentence=0),
        _draft("REQUEST", ("UKR",), ("DEU",), mode="assist", sentence=1),
        _draft("AGREE", ("DEU",), sentence=2, gives=True),
        _draft("AID", ("DEU",), sentence=3),
    ]
    assert _recipients(imply_recipients(drafts))[2:] == [("UKR",), ("UKR",)]


def test_discourse_one_report_does_not_establish_a_recipient() -> None:
    drafts = [_draft("AID", ("DEU",), ("UKR",)), _draft("AID", ("DEU",), sentence=1)]
    assert _recipients(imply_recipients(drafts)) == [("UKR",), ()]


def test_discourse_two_recipients_named_as_often_imply_neither() -> None:
    drafts = [
        _draft("AID", ("FRA",), ("MLI",)),
        _draft("AID", ("FRA",), ("MLI",)),
        _draft("AID", ("FRA",), ("NER",)),
        _draft("AID", ("FRA",), ("NER",)),
        _draft("AGREE", ("FRA",), sentence=4, gives=True),
    ]
    assert _recipients(imply_recipients(drafts))[-1] == ()


def test_discourse_other_types_and_two_sided_pledges_are_left_alone() -> None:
    drafts = [
        _draft("AID", ("JPN",), ("PHL",)),
        _draft("AID", ("JPN",), ("PHL",)),
        _draft("CONSULT", ("JPN",)),
        _draft("AGREE", ("JPN", "USA"), gives=True),
        _draft("AGREE", ("JPN",), gives=False),  # "Japan plans to hold a summit"
    ]
    assert _recipients(imply_recipients(drafts))[2:] == [(), (), ()]


def test_discourse_rejection_answers_the_request_made_to_its_actor() -> None:
    drafts = [
        _draft("REQUEST", ("USA",), ("KOR",), mode="assist", sentence=0),
        _draft("REJECT", ("KOR",), sentence=1),
    ]
    assert _recipients(answer_requests(drafts))[1] == ("USA",)


def test_discourse_rejection_too_far_from_the_request_stays_open() -> None:
    drafts = [
        _draft("REQUEST", ("USA",), ("KOR",), sentence=0),
        _draft("REJECT", ("KOR",), sentence=5),
    ]
    assert _recipients(answer_requests(drafts))[1] == ()


def test_discourse_counterpart_is_not_inferred_for_a_stated_group() -> None:
    # "Peru urged all Andean states to sign": the text names whom it urged.
    article = Counter({"PER": 3, "CHL": 2})
    named = [(("PER", "CHL"), ()), (("PER",), ())]
    open_ = _draft("REQUEST", ("PER",), sentence=1)
    stated = Draft(open_.event, 1, aimed_at_group=True)
    assert _recipients(infer_counterparts([open_], named, article)) == [("CHL",)]
    assert _recipients(infer_counterparts([stated], named, article)) == [()]


def _stated(draft: Draft) -> Draft:
    """The draft with its recipient named by its own clause."""
    return replace(draft, event=replace(draft.event, recipient_source="clause"))


def test_discourse_deployment_is_aimed_at_the_adversary_not_the_host() -> None:
    # "the US threatened Iraq ... Iraq accused the US ... the US plans to deploy 45,000
    # Marines to the region" (to Saudi Arabia, an ally): the deployment faces Iraq.
    drafts = [
        _stated(_draft("THREATEN", ("USA",), ("IRQ",), sentence=0)),
        _stated(_draft("ACCUSE", ("IRQ",), ("USA",), sentence=1)),
        _stated(_draft("AID", ("USA",), ("SAU",), sentence=2)),
        _draft("MOBILIZE", ("USA",), sentence=3),
    ]
    aimed = aim_at_adversaries(drafts)
    assert aimed[-1].event.recipient == ("IRQ",)
    assert aimed[-1].event.recipient_source == "discourse"


def test_discourse_adversary_needs_two_stated_hostile_reports() -> None:
    once = [_stated(_draft("THREATEN", ("USA",), ("IRQ",))), _draft("MOBILIZE", ("USA",))]
    inferred = [  # hostility only inferred, or cooperation, establishes no adversary
        _draft("THREATEN", ("USA",), ("IRQ",)),
        _draft("ASSAULT", ("USA",), ("IRQ",)),
        _stated(_draft("AID", ("USA",), ("IRQ",))),
        _stated(_draft("AID", ("USA",), ("IRQ",))),
        _draft("MOBILIZE", ("USA",)),
    ]
    assert _recipients(aim_at_adversaries(once))[-1] == ()
    assert _recipients(aim_at_adversaries(inferred))[-1] == ()


def test_discourse_two_adversaries_named_as_often_give_neither() -> None:
    drafts = [
        _stated(_draft("ASSAULT", ("ISR",), ("LBN",))),
        _stated(_draft("ASSAULT", ("ISR",), ("LBN",))),
        _stated(_draft("THREATEN", ("SYR",), ("ISR",))),
        _stated(_draft("THREATEN", ("SYR",), ("ISR",))),
        _draft("MOBILIZE", ("ISR",), sentence=4),
        _draft("THREATEN", ("ISR",), sentence=5),  # only deployments are aimed so
    ]
    assert _recipients(aim_at_adversaries(drafts))[-2:] == [(), ()]


def test_discourse_several_parties_in_the_sentence_the_established_counterpart() -> None:
    # "Iran's minister, speaking in a sentence that also names Russia and the UN,
    # rejected the plan": of the three, Iran's stated acts establish the US.
    drafts = [
        _stated(_draft("ACCUSE", ("IRN",), ("USA",), sentence=0)),
        _stated(_draft("THREATEN", ("USA",), ("IRN",), sentence=1)),
        _draft("REJECT", ("IRN",), sentence=2),
    ]
    named = [(("IRN", "USA"), ()), (("USA", "IRN"), ()), (("IRN", "RUS", "UN", "USA"), ())]
    article = Counter({"IRN": 3, "USA": 3, "RUS": 1, "UN": 1})
    assert _recipients(infer_counterparts(drafts, named, article))[-1] == ("USA",)
    # ... and none when the established counterpart is not among them
    named[-1] = (("IRN", "RUS", "UN"), ())
    assert _recipients(infer_counterparts(drafts, named, article))[-1] == ()


def test_discourse_several_parties_in_the_sentence_the_one_its_actor_acts_on() -> None:
    # "The US moved troops into the Gulf and said it would strike Iraq unless it let
    # the UN inspectors in": the deployment faces the one the sentence's strike names.
    drafts = [
        _draft("MOBILIZE", ("USA",), sentence=0),
        _stated(_draft("ASSAULT", ("USA",), ("IRQ",), sentence=0)),
    ]
    named = [(("USA", "IRQ", "UN"), ())]
    article = Counter({"USA": 1, "IRQ": 1, "UN": 1})
    assert _recipients(infer_counterparts(drafts, named, article))[0] == ("IRQ",)


def test_discourse_act_at_home_is_aimed_at_the_actors_own() -> None:
    at_home = replace(_draft("REJECT", ("MEX",), sentence=1), at_home=True)
    named = [(("MEX", "USA"), ()), (("MEX",), ("MEX",))]
    (result,) = infer_counterparts([at_home], named, Counter({"MEX": 2, "USA": 1}))
    assert result.event.recipient == ("MEX",)
    assert result.event.recipient_source == "local"


def test_discourse_act_at_home_with_another_actor_in_the_sentence_is_not_domestic() -> None:
    at_home = replace(_draft("REJECT", ("MEX",), sentence=0), at_home=True)
    named = [(("MEX", "USA"), ("MEX",))]
    (result,) = infer_counterparts([at_home], named, Counter({"MEX": 1, "USA": 1}))
    assert result.event.recipient == ("USA",)


def test_discourse_concession_at_home_is_not_made_to_the_actors_own() -> None:
    at_home = replace(_draft("CONCEDE", ("GEO",), sentence=0), at_home=True)
    (result,) = infer_counterparts([at_home], [(("GEO",), ("GEO",))], Counter({"GEO": 1}))
    assert result.event.recipient != ("GEO",)
