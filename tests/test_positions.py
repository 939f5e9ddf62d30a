"""Positions over time: stances from fused events' roles and statuses, change points, sources."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from watchfloor.cli import app
from watchfloor.errors import InputError
from watchfloor.pipeline import fuse_store
from watchfloor.positions import load_issues, position_steps, stance_of
from watchfloor.records import Analysis, Article, Event, PartialDate
from watchfloor.settings import Settings
from watchfloor.store import Store, open_store

# (doc_id, published, type, mode, context, status, date, evidence): Moravia (MRV) on arming
# Tessin (TSN), made up, one article per statement.
STATEMENTS = [
    ("a1", "2023-01-05", "REJECT", "assist", ("military",), "asserted", None,
     "Moravia refused to send weapons to Tessin."),
    ("a2", "2023-03-01", "AID", None, ("military",), "hypothetical", None,
     "Moravia is considering sending tanks to Tessin."),
    ("a3", "2023-04-02", "REJECT", "assist", ("military",), "asserted", None,
     "Moravia again turned down Tessin's request for shells."),
    ("a4", "2023-05-01", "AID", None, ("military",), "hypothetical", None,
     "Moravia could send tanks to Tessin if the front collapses."),
    ("a5", "2023-06-20", "AID", None, ("economic",), "asserted", None,
     "Moravia lent Tessin 40 million euros."),
    ("a6", "2023-08-11", "AGREE", None, ("military",), "asserted", None,
     "Moravia promised Tessin twenty tanks."),
    ("a7", "2023-10-03", "AID", None, ("military",), "asserted", PartialDate(2023, 10, 2),
     "Moravia delivered twenty tanks to Tessin on Monday."),
    ("a8", "2023-12-01", "SANCTION", "withdraw", ("military",), "asserted", None,
     "Moravia withdrew its military instructors from Tessin."),
    ("a9", None, "AID", None, ("military",), "negated", None,
     "Moravia has not sent any aircraft to Tessin."),
    ("b1", "2023-02-01", "CONSULT", None, ("diplomatic",), "asserted", None,
     "Moravia and Tessin held talks."),
]  # fmt: skip


@pytest.fixture
def moravia(tmp_path: Path) -> Store:
    store = open_store(tmp_path / "positions.db")
    with store.transaction():
        for doc_id, published, type_, mode, context, status, date, evidence in STATEMENTS:
            day = PartialDate.parse(published) if published else None
            outlet = "Tessin Herald" if doc_id == "a7" else None
            text = evidence + " Officials gave no further details about the matter today."
            store.write_article(Article(doc_id, "", text, day, content_hash=doc_id, outlet=outlet))
            recipient = () if type_ == "CONSULT" else ("TSN",)
            actor = ("MRV", "TSN") if type_ == "CONSULT" else ("MRV",)
            event = Event(
                doc_id, type_, actor, recipient, status, evidence, 0, len(evidence),
                mode=mode, context=context, date=date,
            )  # fmt: skip
            store.write_analysis(Analysis(doc_id, events=(event,)))
    fuse_store(store, Settings())
    return store


def test_positions_read_stances_in_timeline_order(moravia: Store) -> None:
    steps = position_steps(moravia, "MRV", "TSN", "military-aid")
    assert [(s.when, s.stance) for s in steps] == [
        ("2023-01-05", "refused"),
        ("2023-03-01", "considering"),
        ("2023-04-02", "refused"),
        ("2023-05-01", "conditional"),
        ("2023-08-11", "promised"),
        ("2023-10-02", "done"),
        ("2023-12-01", "reversed"),
        (None, "refused"),
    ]
    assert [s.when_source for s in steps][5:7] == ["date", "published"]


def test_positions_mark_change_points_with_the_stance_before(moravia: Store) -> None:
    steps = position_steps(moravia, "MRV", "TSN", "military-aid")
    assert [s.change for s in steps] == [True] * 7 + [False]
    assert [s.previous for s in steps][:3] == [None, "refused", "considering"]


def test_positions_repeated_stance_is_no_change(moravia: Store) -> None:
    with moravia.transaction():
        text = "Prague rebuffed an appeal for howitzers. No details were given today."
        moravia.write_article(Article("a0", "", text, PartialDate(2023, 2, 15), content_hash="a0"))
        event = Event(
            "a0", "REJECT", ("MRV",), ("TSN",), "asserted", text[:39], 0, 39,
            mode="assist", context=("military",),
        )  # fmt: skip
        moravia.write_analysis(Analysis("a0", events=(event,)))
    fuse_store(moravia, Settings())
    steps = position_steps(moravia, "MRV", "TSN", "military-aid")
    assert [(s.stance, s.change) for s in steps][:3] == [
        ("refused", True),
        ("refused", False),
        ("considering", True),
    ]


def test_positions_give_each_step_its_sources(moravia: Store) -> None:
    steps = position_steps(moravia, "MRV", "TSN", "military-aid")
    [done] = [s for s in steps if s.stance == "done"]
    [source] = done.sources
    assert (source.doc_id, source.outlet, source.published, source.status) == (
        "a7", "Tessin Herald", "2023-10-03", "asserted",
    )  # fmt: skip
    assert source.evidence == "Moravia delivered twenty tanks to Tessin on Monday."
    assert done.to_dict()["sources"][0]["evidence_end"] == len(source.evidence)


def test_positions_without_issue_cover_every_issue_by_its_contexts(moravia: Store) -> None:
    steps = position_steps(moravia, "MRV", "TSN")
    by_issue = {s.issue: [] for s in steps}  # type: dict[str, list[str]]
    for step in steps:
        by_issue[step.issue].append(step.stance)
    assert by_issue["economic-aid"] == ["done"]
    assert "talks" not in by_issue  # a meeting between both lists no recipient
    assert len(by_issue["military-aid"]) == 8


def test_positions_accept_names_and_reject_unknown_issues(moravia: Store) -> None:
    with pytest.raises(InputError, match="unknown --issue 'militry'; did you mean military-aid"):
        position_steps(moravia, "MRV", "TSN", "militry")
    with pytest.raises(InputError, match="no actor 'Atlantis'"):
        position_steps(moravia, "Atlantis", "TSN")


@pytest.mark.parametrize(
    ("role", "status", "evidence", "expected"),
    [
        ("act", "asserted", "", "done"),
        ("act", "historical", "", "done"),
        ("act", "future", "", "promised"),
        ("act", "hypothetical", "X is weighing sending arms", "considering"),
        ("act", "hypothetical", "X could send arms in the event of an attack", "conditional"),
        ("act", "hypothetical", "X would send arms unless talks resume", "conditional"),
        ("act", "negated", "", "refused"),
        ("promise", "asserted", "", "promised"),
        ("promise", "negated", "", "refused"),
        ("refusal", "asserted", "", "refused"),
        ("refusal", "negated", "", "considering"),
        ("reversal", "asserted", "", "reversed"),
        ("reversal", "negated", "", None),
    ],
)
def test_positions_stance_table(role: str, status: str, evidence: str, expected: str) -> None:
    assert stance_of(role, status, [evidence]) == expected  # type: ignore[arg-type]


def test_positions_issues_are_valid_plover() -> None:
    issues = load_issues()
    assert {"military-aid", "sanctions", "talks"} <= set(issues)
    assert issues["military-aid"].role_of("REJECT", "assist", ["military"]) == "refusal"
    assert issues["military-aid"].role_of("REJECT", "meet", ["military"]) is None
    assert issues["military-aid"].role_of("AID", None, ["economic"]) is None


def test_cli_positions_prints_steps_with_change_marks(moravia: Store) -> None:
    args = ["positions", "MRV", "--toward", "TSN", "--issue", "military-aid"]
    result = CliRunner().invoke(app, [*args, "--db", moravia.path])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "MRV toward TSN: military-aid (weapons, ammunition, equipment and other military "
        "assistance, lethal or not)"
    )
    assert lines[1] == "* (2023-01-05)   refused                    REJECT:assist asserted"
    assert lines[2] == " " * 17 + "a1 (2023-01-05): Moravia refused to send weapons to Tessin."
    assert lines[-2] == "  undated        refused                    AID negated"


def test_cli_positions_json_and_unknown_counterpart(moravia: Store) -> None:
    runner = CliRunner()
    args = ["positions", "MRV", "--toward", "TSN", "--json"]
    result = runner.invoke(app, [*args, "--db", moravia.path])
    assert result.exit_code == 0
    assert '"stance": "reversed"' in result.stdout
    result = runner.invoke(app, ["positions", "MRV", "--toward", "Nowhere", "--db", moravia.path])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: no actor 'Nowhere' in the store")


@pytest.mark.shared
@pytest.mark.model
def test_positions_seeds_south_korea_on_arming_ukraine(seeds_store: Store) -> None:
    """Refusal, then deliberation, then non-lethal aid, then the 2024 reconsideration."""
    steps = position_steps(seeds_store, "KOR", "UKR", "military-aid")
    assert all(s.sources and all(src.doc_id and src.evidence for src in s.sources) for s in steps)

    def first(stances: set[str], *words: str) -> int:
        for index, step in enumerate(steps):
            text = " ".join(src.evidence for src in step.sources).lower()
            if step.stance in stances and all(word in text for word in words):
                return index
        raise AssertionError(f"no {stances} step with {words}")

    refused = first({"refused"}, "not sending weapons")
    deliberation = first({"considering", "conditional"}, "change its policy")
    non_lethal = first({"promised", "done"}, "non-lethal")
    reconsidered = first({"considering", "conditional"}, "review the possibility")
    assert refused < deliberation < non_lethal < reconsidered
    assert steps[reconsidered].when == "2024-06-20"
    assert all(steps[i].change for i in (refused, deliberation, non_lethal, reconsidered))
