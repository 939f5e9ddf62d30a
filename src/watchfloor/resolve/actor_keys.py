"""The keys under which the actor registry finds an actor by name.

Needs: an actor, and whether it is bundled (in the knowledge base).
Gives: `actor_keys(actor, bundled)`, the (index, key) pairs the registry indexes it
under: the one definition of them for the registry's own indexes and for the store's
`actor_keys` table, through which the registry looks stored actors up.

The indexes: for a person, "full" (the phonetic key of each name of two words or more,
`names.name_key`), "middle" (the first and last word of a name of three or more,
without a generational suffix), and for a bundled person "surname" (the family-name
keys of each name, `names.family_name_keys`), for one learned from the news "word"
(the first and last word of each name) and "generation" (a name with a suffix, by
its words). For an organisation, "org" (its country and normalised name, for each
name) and "org-country" (its country).
"""

from __future__ import annotations

import json

from watchfloor.records import Actor
from watchfloor.resolve.context import country_of
from watchfloor.resolve.knowledge import normalise_name
from watchfloor.resolve.names import family_name_keys, generation, name_key, word_keys

# Change it when what `actor_keys` gives changes: stored keys of another version are
# written again at the start of the next ingest.
KEYS_VERSION = "1"

Key = tuple[str, str]  # (index, key)


def actor_keys(actor: Actor, bundled: bool) -> frozenset[Key]:
    """The (index, key) pairs under which the registry finds `actor` (see the module doc)."""
    keys: set[Key] = set()
    if actor.kind == "person":
        country = country_of(actor)
        for name in (actor.name, *actor.aliases):
            words, suffix = word_keys(name), generation(name)
            if len(words) >= 3 and not suffix:
                keys.add(("middle", words[0] + words[-1]))
            if len(words) >= 2:
                keys.add(("full", name_key(name)))
                if suffix and not bundled:
                    keys.add(("generation", "".join(words)))
            if bundled:
                keys.update(("surname", key) for key in family_name_keys(name, country))
            elif words:
                keys.update({("word", words[0]), ("word", words[-1])})
    elif actor.kind == "org":
        if actor.country:
            keys.add(("org-country", actor.country))
        keys.update(("org", org_key(actor.country, name)) for name in (actor.name, *actor.aliases))
    return frozenset(keys)


def org_key(country: str | None, name: str) -> str:
    """The "org" key of an organisation's name under a country (or none)."""
    return json.dumps([country, normalise_name(name)])
