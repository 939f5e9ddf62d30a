"""Records that the knowledge cache pickles come back equal, field by field."""

from __future__ import annotations

import pickle

from watchfloor.records import Actor, PartialDate, Role
from watchfloor.resolve.actor_entries import ActorEntry
from watchfloor.resolve.generic_terms import BodyType


def test_records_pickling_round_trips_actors_with_roles() -> None:
    role = Role(
        "president",
        country="FRA",
        organisation="elysee",
        start=PartialDate.parse("2017-05-14"),
        end=PartialDate(2027, 5),
        doc_id="doc-1",
    )
    actor = Actor("fra-macron", "Emmanuel Macron", "person", "FRA", "GOV", ("Macron",), (role,))
    restored = pickle.loads(pickle.dumps(actor, protocol=pickle.HIGHEST_PROTOCOL))
    assert restored == actor
    assert restored.roles[0].start == PartialDate(2017, 5, 14)
    assert restored.roles[0].stated is None


def test_records_pickling_gives_every_cached_record_the_fast_restore() -> None:
    for record in (PartialDate, Role, Actor, ActorEntry, BodyType):
        assert record.__setstate__.__qualname__.startswith("restore_by_field_names")
