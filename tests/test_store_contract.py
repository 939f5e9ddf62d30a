"""The Store protocol's contract, run against every backend.

Each test runs on SQLite and on a real PostgreSQL server that the session starts
(conftest's `postgres_server`). A new backend joins by adding its name to BACKENDS
and a branch in `_open`; every test here then runs against it too.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

from watchfloor.errors import InputError
from watchfloor.records import (
    Actor,
    ActorKeys,
    Analysis,
    Article,
    CanonicalEvent,
    Disagreement,
    DuplicateLink,
    Event,
    FingerprintEntry,
    Mention,
    PartialDate,
    Place,
    Quote,
    Rejected,
    Role,
    StoryEntry,
    StoryProfile,
    TimeExpression,
)
from watchfloor.store import EventFilter, Placement, Store, open_store
from watchfloor.store.postgres_connect import SCHEMA_VERSION as POSTGRES_SCHEMA_VERSION
from watchfloor.store.rows import event_id, fusion_key
from watchfloor.store.sqlite import SCHEMA_VERSION

BACKENDS = ["sqlite", "postgres"]
# A malformed query in each backend's own full-text syntax.
BAD_RAW_QUERY = {"sqlite": '"unbalanced', "postgres": "ferry &"}
D = PartialDate.parse


def _open(request: pytest.FixtureRequest, folder: Path) -> Store:
    if request.param == "sqlite":
        return open_store(folder / "contract.db")
    if request.param == "postgres":
        return open_store(request.getfixturevalue("postgres_store_url"))
    raise AssertionError(f"no such backend {request.param!r}")


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    opened = _open(request, tmp_path)
    yield opened
    opened.close()


@pytest.fixture
def backend(store: Store) -> str:
    return "postgres" if store.path.startswith("postgresql://") else "sqlite"


def _article(doc_id: str, published: str | None, text: str = "", **fields: object) -> Article:
    text = text or f"The council of Varnholm met the envoys of Ostrava ({doc_id})."
    return Article(
        doc_id=doc_id,
        title=f"Title {doc_id}",
        text=text,
        published=D(published) if published else None,
        source=f"{doc_id}.txt",
        content_hash=f"hash-{doc_id}-{text}",
        **fields,  # type: ignore[arg-type]
    )


def _event(doc_id: str, type: str, actor: str, recipient: str, **fields: object) -> Event:
    return Event(
        doc_id=doc_id,
        type=type,
        actor=(actor,),
        recipient=(recipient,) if recipient else (),
        status=fields.pop("status", "asserted"),  # type: ignore[arg-type]
        evidence=f"{actor} and {recipient} in {doc_id}",
        evidence_start=0,
        evidence_end=10,
        **fields,  # type: ignore[arg-type]
    )


def _fill(store: Store) -> list[Event]:
    """Four articles (one undated), five events, two of them by VRN."""
    events = [
        _event("a1", "AID", "VRN", "OST", date=D("2025-03-02"), place=Place("OST", "Brenn")),
        _event("a2", "AID", "VRN", "OST"),
        _event("a3", "THREATEN", "OST", "VRN", status="future", place=Place("VRN")),
        _event("a4", "PROTEST", "KLM", ""),
        _event("a4", "REJECT", "OST", "KLM", date=D("2025-01-09")),
    ]
    with store.transaction():
        store.write_article(_article("a1", "2025-03-03", outlet="Courier"))
        store.write_article(_article("a2", "2025-03-05", outlet="Herald"))
        store.write_article(_article("a3", "2025-02-01", outlet="Courier"))
        store.write_article(_article("a4", None))
        for doc_id in ("a1", "a2", "a3", "a4"):
            store.write_analysis(
                Analysis(doc_id, events=tuple(e for e in events if e.doc_id == doc_id))
            )
    return events


def _ids(store: Store, events: list[Event]) -> dict[tuple[str, str], str]:
    """(doc_id, type) -> event_id, as the store assigns them."""
    return {(e.doc_id, e.type): event_id_ for event_id_, e, _, _ in store.read_event_reports()}


def _fuse(store: Store, events: list[Event]) -> None:
    """Two fused events of VRN (one from two reports, disagreeing), one each for the rest."""
    ids = _ids(store, events)
    fused = [
        CanonicalEvent(
            "c-aid", "AID", ("VRN",), ("OST",), "asserted",
            (ids["a1", "AID"], ids["a2", "AID"]), ("a1", "a2"), 2, date=D("2025-03-02"),
            disagreements=(Disagreement("quantity", (("5", ("a1",)), ("6", ("a2",)))),),
            place=Place("OST", "Brenn"),
        ),
        CanonicalEvent(
            "c-threat", "THREATEN", ("OST",), ("VRN",), "future",
            (ids["a3", "THREATEN"],), ("a3",), 1, mode="violence", place=Place("VRN"),
        ),
        CanonicalEvent("c-protest", "PROTEST", ("KLM",), (), "asserted",
                       (ids["a4", "PROTEST"],), ("a4",), 1),
        CanonicalEvent(
            "c-reject", "REJECT", ("OST",), ("KLM",), "asserted",
            (ids["a4", "REJECT"],), ("a4",), 1, date=D("2025-01-09"),
        ),
    ]  # fmt: skip
    placements = {"c-threat": Placement("2025-02-01", "published")}
    with store.transaction():
        store.replace_canonical_events(fused, placements)


def test_store_contract_backend_has_every_protocol_method(store: Store) -> None:
    wanted = {name for name, _ in inspect.getmembers(Store) if not name.startswith("_")}
    assert {name for name in wanted if not hasattr(store, name)} == set()
    assert not hasattr(store, "query")


def test_store_contract_schema_version_is_current(store: Store, backend: str) -> None:
    assert (
        store.schema_version
        == {"sqlite": SCHEMA_VERSION, "postgres": POSTGRES_SCHEMA_VERSION}[backend]
    )


def test_store_contract_backends_have_the_same_migrations() -> None:
    """Every SQLite migration has its PostgreSQL counterpart under the same number."""

    def numbers(folder: str) -> set[int]:
        scripts = (resources.files("watchfloor.store") / folder).iterdir()
        return {int(s.name.split("_", 1)[0]) for s in scripts if s.name.endswith(".sql")}

    assert numbers("migrations_postgres") == numbers("migrations")
    assert POSTGRES_SCHEMA_VERSION == SCHEMA_VERSION


def test_store_contract_article_versions_and_states(store: Store) -> None:
    first = _article("v1", "2025-01-01", "Varnholm closed the pass.")
    second = _article("v1", "2025-01-01", "Varnholm reopened the pass.")
    assert store.article_state("v1", first.content_hash) == "new"
    with store.transaction():
        assert store.write_article(first) == 1
        assert store.write_article(second) == 2
    assert store.article_state("v1", second.content_hash) == "unchanged"
    assert store.article_state("v1", first.content_hash) == "changed"  # a revert is news
    assert store.article_state("v1", "other") == "changed"
    assert store.get_article("v1") == second
    assert store.article_text("v1") == "Varnholm reopened the pass."
    assert [v["version"] for v in store.article_versions("v1")] == [1, 2]
    assert (store.count("articles"), store.count_current_articles()) == (2, 1)


def test_store_contract_analysis_notes_belong_to_the_current_version(store: Store) -> None:
    note = "not coded: the text is in language 'fr'; events are coded in English only"
    first = _article("n1", None, "Le Varnholm a fermé le col.", language="fr")
    with store.transaction():
        store.write_article(first)
        store.write_analysis(Analysis("n1", notes=(note,)))
    assert store.read_article_notes("n1") == [note]
    assert store.get_article("n1") == first
    with store.transaction():
        store.write_article(_article("n1", None, "Varnholm closed the pass."))
        store.write_analysis(Analysis("n1"))
    assert store.read_article_notes("n1") == []
    assert store.read_article_notes("absent") == []


def test_store_contract_a_failed_transaction_writes_nothing(store: Store) -> None:
    def write_then_fail() -> None:
        with store.transaction():
            store.write_article(_article("lost", "2025-01-01"))
            raise RuntimeError("stop")

    with pytest.raises(RuntimeError):
        write_then_fail()
    assert store.get_article("lost") is None


def test_store_contract_iter_articles_filters_orders_and_limits(store: Store) -> None:
    _fill(store)
    assert [a.doc_id for a in store.iter_articles()] == ["a3", "a1", "a2", "a4"]
    assert [a.doc_id for a in store.iter_articles(in_ingest_order=True)] == ["a1", "a2", "a3", "a4"]
    since, until = D("2025-03"), D("2025-03-04")
    assert [a.doc_id for a in store.iter_articles(since=since, until=until)] == ["a1"]
    assert [a.doc_id for a in store.iter_articles(outlet="Courier", limit=1)] == ["a3"]
    assert store.published_span() == ("2025-02-01", "2025-03-05")


def test_store_contract_article_dates_and_copy_links(store: Store) -> None:
    _fill(store)
    with store.transaction():
        store.set_derived_from("a4", "a1")
        store.write_duplicates([DuplicateLink("a1", "a4", "near", 0.91, "a1")])
    assert store.read_article_dates(["a4", "a1", "missing"]) == {
        "a1": ("2025-03-03", None),
        "a4": (None, "a1"),
    }
    assert store.read_duplicates() == [DuplicateLink("a1", "a4", "near", 0.91, "a1")]
    assert store.read_duplicates("a4") == store.read_duplicates("a1") == store.read_duplicates()
    assert store.read_duplicates("a2") == []
    assert store.count("duplicates") == 1


def test_store_contract_search_finds_current_text(store: Store, backend: str) -> None:
    with store.transaction():
        store.write_article(_article("s1", "2025-01-01", "Kelmar shelled the ferry port."))
        store.write_article(_article("s2", "2025-01-02", "Ostrava opened a ferry route."))
        store.write_article(_article("s3", "2025-01-03", "The U.S. envoy met Kim Jong-un."))
    assert [hit["doc_id"] for hit in store.search("shelled")] == ["s1"]
    assert {hit["doc_id"] for hit in store.search("ferry", limit=5)} == {"s1", "s2"}
    assert [hit["doc_id"] for hit in store.search("FERRY port")] == ["s1"]
    assert [hit["doc_id"] for hit in store.search("Jong-un U.S.")] == ["s3"]
    assert store.search("ferry AND NOT") == []  # operators are words when typed
    assert "[shelled]" in store.search("shelled")[0]["snippet"]
    with pytest.raises(InputError, match="needs at least one word"):
        store.search("  ")
    with pytest.raises(InputError, match="cannot search"):
        store.search(BAD_RAW_QUERY[backend], raw=True)


def test_store_contract_search_skips_old_versions(store: Store) -> None:
    with store.transaction():
        store.write_article(_article("s1", "2025-01-01", "Kelmar shelled the ferry port."))
        store.write_article(_article("s1", "2025-01-01", "Kelmar closed the ferry port."))
    assert store.search("shelled") == []
    assert [hit["doc_id"] for hit in store.search("closed")] == ["s1"]


def test_store_contract_events_round_trip(store: Store) -> None:
    events = _fill(store)
    assert store.read_events("a4") == [events[3], events[4]]
    assert list(store.iter_events()) == store.read_events() == events
    reports = list(store.read_event_reports())
    assert [(e.doc_id, published) for _, e, published, _ in reports][:2] == [
        ("a1", "2025-03-03"),
        ("a2", "2025-03-05"),
    ]
    assert reports[0][0] == event_id(events[0], 0)
    assert store.count_events_by_type() == {"AID": 2, "PROTEST": 1, "REJECT": 1, "THREATEN": 1}
    assert store.count_for_doc("events", "a4") == 2
    assert sorted(store.read_event_dates(["a1", "a3", "a4"])) == [
        ("a1", "asserted", "2025-03-02"),
        ("a4", "asserted", "2025-01-09"),
    ]


def test_store_contract_mentions_times_and_quotes(store: Store) -> None:
    text = "Varnholm said on 12 May 2025: 'We stay.'"
    analysis = Analysis(
        "m1",
        mentions=(Mention("m1", 0, 8, "Varnholm", "GPE", actor_id="VRN"),),
        time_expressions=(
            TimeExpression(17, 28, "12 May 2025", "date", D("2025-05-12"), "2025-05-12"),
            TimeExpression(0, 4, "May", "date", D("2025-05"), "2025-05"),
        ),
        quotes=(Quote("m1", 30, 39, "We stay.", "VRN", "Varnholm"),),
    )
    with store.transaction():
        store.write_article(_article("m1", "2025-05-13", text))
        store.write_analysis(analysis)
    assert [m["actor_id"] for m in store.read_mentions("m1")] == ["VRN"]
    assert store.count_for_doc("mentions", "m1") == 1
    assert list(store.read_date_expressions(["m1"])) == [("m1", "12 May 2025", "2025-05-12")]
    assert [q["text"] for q in store.read_quotes("VRN")] == ["We stay."]
    assert store.read_quotes("OST") == []
    with store.transaction():
        store.clear_analysis("m1")
    assert store.read_mentions("m1") == []


def test_store_contract_canonical_events_in_timeline_order(store: Store) -> None:
    _fuse(store, _fill(store))
    listed = list(store.iter_canonical_events(EventFilter()))
    assert [e["canonical_id"] for e in listed] == ["c-reject", "c-threat", "c-aid", "c-protest"]
    assert listed[2]["actor"] == ["VRN"]
    assert [e["place"] for e in listed] == [
        None, {"country": "VRN", "name": None}, {"country": "OST", "name": "Brenn"}, None,
    ]  # fmt: skip
    assert listed[2]["conflicts"] == [
        {"field": "quantity", "values": [
            {"value": "5", "doc_ids": ["a1"]}, {"value": "6", "doc_ids": ["a2"]},
        ]},
    ]  # fmt: skip
    assert [e["canonical_id"] for e in store.iter_canonical_events(EventFilter(), limit=2)] == [
        "c-reject",
        "c-threat",
    ]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (EventFilter(actor="VRN"), ["c-aid"]),
        (EventFilter(actor="OST"), ["c-reject", "c-threat"]),
        (EventFilter(recipient="KLM"), ["c-reject"]),
        (EventFilter(actor="OST", recipient="VRN"), ["c-threat"]),
        (EventFilter(type="aid"), ["c-aid"]),
        (EventFilter(status="future"), ["c-threat"]),
        (EventFilter(since=D("2025-02")), ["c-aid"]),
        (EventFilter(until=D("2025-02")), ["c-reject"]),
        (EventFilter(independent_sources=2), ["c-aid"]),
        (EventFilter(conflicts_only=True), ["c-aid"]),
        (EventFilter(actor="NOBODY"), []),
        (EventFilter(place="OST"), ["c-aid"]),
        (EventFilter(place="brenn"), ["c-aid"]),
        (EventFilter(place="VRN"), ["c-threat"]),
        (EventFilter(actor="OST", place="VRN"), ["c-threat"]),
        (EventFilter(place="KLM"), []),
        (EventFilter(actor="OST", since=D("2025-01")), ["c-reject"]),
        (EventFilter(actor="OST", since=D("2025-01-10")), []),  # c-threat is placed, not dated
        (EventFilter(recipient="VRN", since=D("2025")), []),
        (EventFilter(mode="violence"), ["c-threat"]),
        (EventFilter(actor="OST", mode="violence"), ["c-threat"]),
        (EventFilter(outlet="courier"), ["c-threat", "c-aid"]),
        (EventFilter(outlet="Herald"), ["c-aid"]),
        (EventFilter(text="ost and klm"), ["c-reject"]),
        (EventFilter(text="in a"), ["c-reject", "c-threat", "c-aid", "c-protest"]),
        (EventFilter(text="%"), []),
        (EventFilter(text="a_"), []),
    ],
)
def test_store_contract_canonical_event_filters(
    store: Store, filters: EventFilter, expected: list[str]
) -> None:
    _fuse(store, _fill(store))
    assert [e["canonical_id"] for e in store.iter_canonical_events(filters)] == expected


def test_store_contract_event_filters_fold_ascii_letters_only(store: Store) -> None:
    """`place` names and `text` match in any case of A-Z, other letters as written."""
    report = Event(
        doc_id="u1", type="PROTEST", actor=("VRN",), recipient=(), status="asserted",
        evidence="Crowds filled Łódź and Évry", evidence_start=0, evidence_end=27,
        place=Place("POL", "Łódź"),
    )  # fmt: skip
    with store.transaction():
        store.write_article(_article("u1", "2025-04-01", outlet="Courier"))
        store.write_analysis(Analysis("u1", events=(report,)))
        (event_id_,) = (found for found, _, _, _ in store.read_event_reports())
        fused = CanonicalEvent(
            "c-u", "PROTEST", ("VRN",), (), "asserted", (event_id_,), ("u1",), 1,
            place=Place("POL", "Łódź"),
        )  # fmt: skip
        store.replace_canonical_events([fused], {})

    def matched(filters: EventFilter) -> bool:
        return [e["canonical_id"] for e in store.iter_canonical_events(filters)] == ["c-u"]

    assert [matched(EventFilter(place=p)) for p in ("ŁÓDŹ", "ŁóDź", "łódź")] == [
        False, True, False,
    ]  # fmt: skip
    assert [matched(EventFilter(text=t)) for t in ("ÉVRY", "éVRY", "évry", "crowds")] == [
        True, False, False, True,
    ]  # fmt: skip


def test_store_contract_canonical_events_page_by_offset(store: Store) -> None:
    _fuse(store, _fill(store))

    def page(limit: int | None, offset: int) -> list[str]:
        found = store.iter_canonical_events(EventFilter(), limit, offset=offset)
        return [e["canonical_id"] for e in found]

    assert page(2, 1) == ["c-threat", "c-aid"]
    assert page(None, 3) == ["c-protest"]
    assert page(5, 4) == []


def test_store_contract_one_canonical_event_by_id(store: Store) -> None:
    _fuse(store, _fill(store))
    found = store.get_canonical_event("c-threat")
    assert found is not None
    assert (found["type"], found["mode"], found["recipient"]) == ("THREATEN", "violence", ["VRN"])
    assert store.get_canonical_event("c-none") is None


def test_store_contract_counts_canonical_events_by_month(store: Store) -> None:
    _fuse(store, _fill(store))
    assert store.count_canonical_events_by_month(EventFilter(actor="OST")) == [
        {"month": "2025-01", "type": "REJECT", "mode": None, "events": 1},
        {"month": "2025-02", "type": "THREATEN", "mode": "violence", "events": 1},
    ]
    everything = store.count_canonical_events_by_month(EventFilter())
    assert [(row["month"], row["events"]) for row in everything][-1] == (None, 1)
    assert sum(row["events"] for row in everything) == 4


def test_store_contract_counts_counterparts(store: Store) -> None:
    _fuse(store, _fill(store))
    assert store.count_counterparts("OST") == [
        {"actor_id": "KLM", "role": "recipient", "events": 1},
        {"actor_id": "VRN", "role": "actor", "events": 1},
        {"actor_id": "VRN", "role": "recipient", "events": 1},
    ]
    assert store.count_counterparts("OST", limit=1) == [
        {"actor_id": "KLM", "role": "recipient", "events": 1}
    ]
    assert store.count_counterparts("NOBODY") == []


def test_store_contract_knows_the_parties_of_fused_events(store: Store) -> None:
    _fuse(store, _fill(store))
    assert [store.has_event_party(p) for p in ("VRN", "KLM", "vrn", "NOBODY")] == [
        True, True, False, False,
    ]  # fmt: skip


def test_store_contract_event_sources_for_a_page_at_once(store: Store) -> None:
    _fuse(store, _fill(store))
    sources = store.read_event_sources(["c-aid", "c-protest", "c-none"])
    assert [s["doc_id"] for s in sources["c-aid"]] == ["a1", "a2"]
    assert sources["c-aid"][0]["published"] == "2025-03-03"
    assert sources["c-aid"][0]["outlet"] == "Courier"
    assert [s["place"] for s in sources["c-aid"]] == [{"country": "OST", "name": "Brenn"}, None]
    assert sources["c-aid"][0]["context"] == []
    assert [s["doc_id"] for s in sources["c-protest"]] == ["a4"]
    assert sources["c-none"] == []


def test_store_contract_replacing_fused_events_forgets_the_old(store: Store) -> None:
    events = _fill(store)
    _fuse(store, events)
    with store.transaction():
        store.replace_canonical_events([], {})
    assert store.count("canonical_events") == 0
    assert store.read_event_sources(["c-aid"]) == {"c-aid": []}


def test_store_contract_actors(store: Store) -> None:
    role = Role("foreign minister", country="VRN", start=D("2024-06"), doc_id="m1")
    varnholm = Actor("VRN", "Varnholm", "country", country="VRN", aliases=("Varnholm",))
    minister = Actor("ilse-varga", "Ilse Varga", "person", "VRN", "GOV", ("Varga",), (role,))
    with store.transaction():
        store.write_article(_article("m1", "2025-05-13", "Ilse Varga of Varnholm spoke."))
        store.write_analysis(
            Analysis(
                "m1",
                mentions=(
                    Mention("m1", 0, 10, "Ilse Varga", "PERSON", actor_id="ilse-varga"),
                    Mention("m1", 14, 22, "Varnholm", "GPE", actor_id="VRN", reason="dict"),
                ),
                actors=(varnholm, minister),
            )
        )
    assert store.get_actor("ilse-varga") == minister
    assert store.get_actor("nobody") is None
    assert [a.id for a in store.read_actors()] == ["VRN", "ilse-varga"]
    assert store.find_actor_ids("varg") == ["ilse-varga"]
    assert list(store.read_actor_labels()) == [
        ("VRN", "VRN"), ("VRN", "Varnholm"),
        ("ilse-varga", "Ilse Varga"), ("ilse-varga", "Varga"), ("ilse-varga", "ilse-varga"),
    ]  # fmt: skip
    assert store.read_actor_names("VRN") == [("Varnholm", "m1")]
    assert store.read_actor_reasons("VRN") == [("Varnholm", "dict", "m1")]
    assert store.read_actor_reasons("ilse-varga") == [("Ilse Varga", None, "m1")]
    counted = store.count_actor_mentions(kind="person")
    assert [(a["actor_id"], a["mentions"], a["documents"]) for a in counted] == [
        ("ilse-varga", 1, 1)
    ]
    assert len(store.count_actor_mentions(limit=1)) == 1
    assert store.count("actor_roles") == 1
    with store.transaction():
        store.clear_actors_and_stories()
    assert store.count("actors") == 0


def test_store_contract_stories_and_states(store: Store) -> None:
    _fill(store)
    with store.transaction():
        store.write_story_member(_entry("a1", "story-1", b"\x01", "Aid to Ostrava"))
        store.write_story_member(_entry("a2", "story-1", b"\x02", "Later title"))
    assert list(store.read_story_members()) == [
        ("a1", "story-1", b"\x01"),
        ("a2", "story-1", b"\x02"),
    ]
    assert store.read_stories() == [
        {
            "story_id": "story-1",
            "title": "Aid to Ostrava",
            "members": 2,
            "first": "2025-03-03",
            "last": "2025-03-05",
        }
    ]


def _fingerprint(
    doc_id: str, content_hash: str, bands: dict[str, list[int]], layout: str = "L1"
) -> FingerprintEntry:
    rows = tuple(
        (kind, band, value) for kind, values in bands.items() for band, value in enumerate(values)
    )
    return FingerprintEntry(doc_id, content_hash, doc_id.encode() + b"-state", layout, rows)


def test_store_contract_fingerprint_bands(store: Store) -> None:
    big = 2**63 - 1  # band hashes are signed 64-bit integers, both ends
    with store.transaction():
        store.write_fingerprint(
            _fingerprint("a1", "h1", {"shingle": [5, -big - 1], "term": [7, 8]})
        )
        store.write_fingerprint(_fingerprint("a2", "h2", {"shingle": [6, big], "term": [7, 9]}))
        store.write_fingerprint(_fingerprint("a3", "h1", {"shingle": [1, 2], "term": [3, 4]}))
    # A band matches only at its own position and in its own kind.
    assert store.find_fingerprint_candidates("shingle", [5, 0]) == {"a1"}
    assert store.find_fingerprint_candidates("shingle", [0, 5]) == set()
    assert store.find_fingerprint_candidates("shingle", [6, -big - 1]) == {"a1", "a2"}
    assert store.find_fingerprint_candidates("shingle", [0, big]) == {"a2"}
    assert store.find_fingerprint_candidates("term", [7, 0]) == {"a1", "a2"}
    assert store.find_fingerprint_candidates("term", [5, 6]) == set()
    assert store.find_fingerprint_candidates("term", []) == set()
    assert store.find_same_content("h1") == ["a1", "a3"]
    assert store.find_same_content("h9") == []
    assert store.read_fingerprints(["a2", "a3", "missing"]) == {
        "a2": b"a2-state",
        "a3": b"a3-state",
    }
    with store.transaction():  # a rewrite replaces the bands and moves the row last
        store.write_fingerprint(_fingerprint("a1", "h1", {"shingle": [11, 12], "term": []}))
    assert store.find_fingerprint_candidates("shingle", [5, 0]) == set()
    assert store.find_fingerprint_candidates("shingle", [11, 0]) == {"a1"}
    assert store.find_fingerprint_candidates("term", [7, 0]) == {"a2"}
    assert store.find_same_content("h1") == ["a3", "a1"]


def test_store_contract_fingerprints_of_another_layout_are_unbanded(store: Store) -> None:
    with store.transaction():
        for number in range(5):
            layout = "L2" if number % 2 else "L1"
            store.write_fingerprint(_fingerprint(f"a{number}", "h", {"term": [number]}, layout))
    assert store.count_unbanded_fingerprints("L1") == 2
    assert store.count_unbanded_fingerprints("L0") == 5
    assert store.count_unbanded_fingerprints("L3") == 5
    assert sorted(store.read_unbanded_fingerprints("L1", 10)) == [
        ("a1", b"a1-state"),
        ("a3", b"a3-state"),
    ]
    assert len(store.read_unbanded_fingerprints("L2", 2)) == 2
    with store.transaction():
        store.write_fingerprint(_fingerprint("a1", "h", {"term": [1]}, "L1"))
    assert store.read_unbanded_fingerprints("L1", 10) == [("a3", b"a3-state")]


def _entry(
    doc_id: str,
    story_id: str,
    state: bytes = b"{}",
    title: str = "",
    features: tuple[str, ...] = (),
    days: tuple[int, int] | None = None,
) -> StoryEntry:
    return StoryEntry(doc_id, story_id, title, state, frozenset(features), days)


def test_store_contract_story_index(store: Store) -> None:
    _fill(store)
    with store.transaction():
        store.write_story_member(
            _entry("a1", "s1", features=("actor:CZE", "term:aid"), days=(10, 10))
        )
        store.write_story_member(_entry("a2", "s1", features=("actor:CZE",), days=(40, 45)))
        store.write_story_member(_entry("a3", "s2", features=("actor:CZE", "term:flood")))
    assert store.read_story_totals() == (3, 2)
    assert store.read_story_ids(["a1", "a3", "missing"]) == {"a1": "s1", "a3": "s2"}
    assert store.read_story_feature_counts(["actor:CZE", "term:aid", "term:none"]) == {
        "actor:CZE": (3, 2),
        "term:aid": (1, 1),
    }
    profiles = store.read_story_profiles(["s1", "s2", "missing"])
    assert profiles["s1"] == StoryProfile(
        "s1", 2, {"actor:CZE": 2, "term:aid": 1}, ((10, 10), (40, 45))
    )
    assert profiles["s2"] == StoryProfile("s2", 1, {"actor:CZE": 1, "term:flood": 1}, ())
    assert set(profiles) == {"s1", "s2"}
    # Undated: every story holding a feature. Dated: those with a member in the window,
    # and those with no dated member.
    assert store.find_stories(["term:aid", "term:flood"], None, 5) == ["s1", "s2"]
    assert store.find_stories(["term:aid", "term:flood"], (20, 20), 5) == ["s2"]
    assert store.find_stories(["term:aid"], (16, 16), 5) == []
    assert store.find_stories(["term:aid"], (15, 16), 5) == ["s1"]
    assert store.find_stories(["actor:CZE"], (49, 60), 5) == ["s1", "s2"]
    assert store.find_stories(["actor:CZE"], (51, 60), 5) == ["s2"]
    assert list(store.read_story_members(unindexed=True)) == []
    with store.transaction():  # a new version replaces what the member added
        store.write_story_member(_entry("a2", "s1", features=("term:aid",)))
    assert store.read_story_feature_counts(["actor:CZE", "term:aid"]) == {
        "actor:CZE": (2, 2),
        "term:aid": (2, 1),
    }
    assert store.read_story_profiles(["s1"])["s1"] == StoryProfile(
        "s1", 2, {"actor:CZE": 1, "term:aid": 2}, ((10, 10),)
    )
    assert store.find_stories(["actor:CZE"], (49, 60), 5) == ["s2"]
    with store.transaction():
        store.clear_actors_and_stories()
    assert store.read_story_totals() == (0, 0)
    assert store.read_story_feature_counts(["actor:CZE"]) == {}


def test_store_contract_actor_keys(store: Store) -> None:
    varnholm = Actor("VRN", "Varnholm", "country", country="VRN")
    minister = Actor("ilse-varga", "Ilse Varga", "person", "VRN")
    deputy = Actor("ilse-vargas", "Ilse Vargas", "person", "VRN")
    with store.transaction():
        store.write_article(_article("k1", "2025-05-13", "Ilse Varga of Varnholm spoke."))
        store.write_analysis(
            Analysis(
                "k1",
                actors=(varnholm, minister),
                actor_keys=(
                    ActorKeys("VRN", frozenset(), "v1"),
                    ActorKeys("ilse-varga", frozenset({("full", "ALSFRK"), ("word", "FRK")}), "v1"),
                ),
            )
        )
        store.write_actors([deputy])  # stored without keys
        store.write_actor_keys([ActorKeys("nobody", frozenset({("full", "ALSFRK")}), "v1")])
    assert store.find_actors_by_key("full", "ALSFRK") == ["ilse-varga"]
    assert store.find_actors_by_key("word", "ALS") == []
    assert [a.id for a in store.read_unkeyed_actors("v1", 10)] == ["ilse-vargas"]
    assert {a.id for a in store.read_unkeyed_actors("v2", 10)} == set(_ACTOR_IDS)
    assert len(store.read_unkeyed_actors("v2", 2)) == 2
    with store.transaction():  # new keys replace an actor's earlier ones
        store.write_actor_keys(
            [
                ActorKeys("ilse-varga", frozenset({("word", "FRK")}), "v1"),
                ActorKeys("ilse-vargas", frozenset({("full", "ALSFRK"), ("word", "ALS")}), "v1"),
            ]
        )
    assert store.find_actors_by_key("full", "ALSFRK") == ["ilse-vargas"]
    assert store.find_actors_by_key("word", "FRK") == ["ilse-varga"]
    assert store.read_unkeyed_actors("v1", 10) == []
    with store.transaction():
        store.clear_actors_and_stories()
    assert store.find_actors_by_key("word", "FRK") == []


_ACTOR_IDS = ("VRN", "ilse-varga", "ilse-vargas")


def test_store_contract_story_matches_read_what_scoring_needs(store: Store) -> None:
    _fill(store)
    with store.transaction():
        store.write_story_member(
            _entry("a1", "s1", features=("actor:CZE", "term:aid", "event:AID"), days=(10, 10))
        )
        store.write_story_member(
            _entry("a2", "s1", features=("actor:CZE", "year:2023"), days=(40, 45))
        )
        store.write_story_member(_entry("a3", "s2", features=("actor:CZE", "term:flood")))
    found = store.read_story_matches(["s1", "s2", "missing"], ["actor:CZE", "term:x"], None, 5)
    assert set(found) == {"s1", "s2"}
    # The asked-for features the story holds, and all its event types and years.
    assert found["s1"].features == {"actor:CZE": 2, "event:AID": 1, "year:2023": 1}
    assert (found["s1"].members, found["s1"].near) == (2, True)
    # Within the window of days 20..20 (5 days): no member of s1; s2 has no dated member.
    near = store.read_story_matches(["s1", "s2"], ["actor:CZE"], (20, 20), 5)
    assert (near["s1"].near, near["s2"].near) == (False, True)
    assert store.read_story_matches(["s1"], [], (49, 60), 5)["s1"].near
    # Per kind: the features held, and the sums of c^2, c^2 b and c^2 b^2 (c members
    # holding a feature, b = ln(1 + n), n articles holding it: actor:CZE 3, term:aid 1).
    sums = store.read_story_norm_sums(["s1", "missing"])
    assert set(sums) == {"s1"}
    assert sums["s1"]["actor"] == pytest.approx((1, 4, 4 * math.log(4), 4 * math.log(4) ** 2))
    assert sums["s1"]["term"] == pytest.approx((1, 1, math.log(2), math.log(2) ** 2))
    assert set(sums["s1"]) == {"actor", "term"}


def test_store_contract_runs_and_rejections(store: Store) -> None:
    run_id = store.start_run("ingest")
    with store.transaction():
        store.write_rejected(
            run_id,
            [
                Rejected("r1", "r1.txt", "clean", "empty", ""),
                Rejected("r2", "r2.txt", "clean", "too_short", "12 chars"),
                Rejected("r3", "r3.txt", "clean", "empty", ""),
            ],
        )
    store.finish_run(run_id, stored=0, unchanged=0, rejected=3)
    assert store.count_rejected_by_reason() == {"empty": 2, "too_short": 1}
    assert [r.doc_id for r in store.read_rejected(limit=2)] == ["r3", "r2"]
    assert store.count("runs") == 1
    second = store.start_run("ingest")
    with store.transaction():
        store.write_rejected(second, [Rejected("r4", "r.jsonl:7", "read", "malformed_json", "x")])
    assert store.last_run_id("ingest") == second
    assert store.last_run_id("reprocess") is None
    assert [r["doc_id"] for r in store.iter_rejections()] == ["r1", "r2", "r3", "r4"]
    assert [r["doc_id"] for r in store.iter_rejections(run_id, limit=2)] == ["r1", "r2"]
    (row,) = store.iter_rejections(second)
    assert row | {"at": ""} == {
        "run_id": second,
        "at": "",
        "doc_id": "r4",
        "source": "r.jsonl:7",
        "stage": "read",
        "reason": "malformed_json",
        "detail": "x",
    }


def test_store_contract_count_refuses_unknown_tables(store: Store) -> None:
    with pytest.raises(ValueError, match="cannot count"):
        store.count("sqlite_master")  # type: ignore[arg-type]


def test_store_contract_fusion_blocks_are_queued_read_and_replaced_alone(store: Store) -> None:
    events = _fill(store)
    _fuse(store, events)
    aid, protest = fusion_key("AID", ["VRN"], ["OST"]), fusion_key("PROTEST", ["KLM"], [])
    assert [e.doc_id for _, e, _, _ in store.read_event_reports(aid)] == ["a1", "a2"]
    assert store.read_fusion_pending() == []
    with store.transaction():
        store.mark_fusion_pending(["a2", "a4", "nobody"])
    reject = fusion_key("REJECT", ["OST"], ["KLM"])
    assert store.read_fusion_pending() == sorted([aid, protest, reject])
    assert store.read_fusion_pending(limit=1) == sorted([aid, protest, reject])[:1]
    ids = _ids(store, events)
    refused = CanonicalEvent("c-aid2", "AID", ("VRN",), ("OST",), "asserted",
                             (ids["a1", "AID"],), ("a1",), 1)  # fmt: skip
    with store.transaction():
        store.replace_canonical_events([refused], {}, [aid, protest])
    assert store.read_fusion_pending() == [reject]
    listed = [e["canonical_id"] for e in store.iter_canonical_events(EventFilter())]
    assert listed == ["c-reject", "c-threat", "c-aid2"]
    assert [s["doc_id"] for s in store.read_event_sources(["c-aid2"])["c-aid2"]] == ["a1"]
    assert [e["canonical_id"] for e in store.iter_canonical_events(EventFilter(actor="KLM"))] == []
    with store.transaction():
        store.replace_canonical_events([], {})
    assert store.read_fusion_pending() == []


def test_store_contract_batch_writes_equal_one_by_one(store: Store, tmp_path: Path) -> None:
    """write_articles and write_analyses store what the single writes store, in order:
    a doc_id given twice becomes its second version, a known one a new version."""
    with store.transaction():
        store.write_article(_article("b0", "2025-01-01", "Varnholm closed the pass."))
    articles = [
        _article("b1", "2025-01-02"),
        _article("b0", "2025-01-03", "Varnholm reopened the pass."),
        _article("b2", None),
        _article("b1", "2025-01-04", "Ostrava answered Varnholm."),
    ]
    analyses = [
        Analysis("b1", events=(_event("b1", "AID", "VRN", "OST"),), notes=("first",)),
        Analysis("b0", events=(_event("b0", "REJECT", "OST", "VRN"),)),
        Analysis(
            "b2",
            events=(_event("b2", "PROTEST", "KLM", ""), _event("b2", "THREATEN", "KLM", "OST")),
            mentions=(Mention("b2", 0, 3, "The", "ORG", actor_id="KLM"),),
            actors=(Actor("KLM", "Klemnor", "country"),),
        ),
        Analysis("b1", events=(_event("b1", "CONSULT", "OST", "VRN"),)),
    ]
    with store.transaction():
        assert store.write_articles(articles) == [1, 2, 1, 2]
        store.write_analyses(analyses)
    assert [v["version"] for v in store.article_versions("b1")] == [1, 2]
    assert store.get_article("b1") == articles[3]
    assert store.get_article("b0") == articles[1]
    assert [e.type for e in store.read_events("b1")] == ["CONSULT"]
    assert store.read_article_notes("b1") == []
    assert [e.type for e in store.read_events("b2")] == ["PROTEST", "THREATEN"]
    assert store.read_events("b0") == [analyses[1].events[0]]
    assert [m["actor_id"] for m in store.read_mentions("b2")] == ["KLM"]
    assert store.get_actor("KLM") == Actor("KLM", "Klemnor", "country")
    with store.transaction():
        assert store.write_articles([]) == []
        store.write_analyses([])
    assert store.count("articles") == 5
