"""Actor scoring for `watchfloor eval`: B-cubed over surface forms.

**Items.** Every (doc_id, surface form) pair in the gold `names` lists is one
item. Forms are normalised before anything is compared: surrounding and repeated
whitespace collapsed, case folded, one leading "the " and one trailing "'s" or
"’s" removed ("The Kremlin's" and "kremlin" are the same form). A form listed
under two different actors of one document is ambiguous and is not an item; the
same form under one actor twice is one item.

**Clusters.** An item's gold cluster is its actor `id`, across all documents.
Its system cluster is the system actor id that the same normalised form was
resolved to in the same document: the most frequent id when the form was
resolved to several (ties go to the id seen first). A form the system never
resolved in that document is a singleton cluster of its own.

**Scores.** B-cubed precision and recall are averaged over the gold items, with
clusters restricted to the gold items. A system that resolves nothing puts
every item in a singleton, which scores precision 1.0 and a recall above 0, so
the report also gives `resolved_share`, the share of gold items resolved.
`merged_share` is the share of gold actors with two or more distinct
normalised forms (across all documents, ambiguous forms left out) whose items
all landed in one system cluster. An actor with an unresolved form is
therefore never merged: that form is a singleton of its own.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from watchfloor.evaluate.ratios import f1_score, ratio

_LEADING_THE = re.compile(r"^the\s+")
_TRAILING_POSSESSIVE = re.compile(r"['’]s$")


@dataclass(frozen=True, slots=True)
class ActorItem:
    """One gold (document, normalised form) pair and the clusters it falls in."""

    doc_id: str
    form: str
    gold_cluster: str
    system_cluster: str | None  # None: the system never resolved this form here


def normalise_form(form: str) -> str:
    """The form used to compare surface forms: no case, no leading "the", no "'s"."""
    text = " ".join(form.split()).casefold()
    text = _LEADING_THE.sub("", text)
    return _TRAILING_POSSESSIVE.sub("", text).strip()


def gold_forms(document: Mapping[str, Any]) -> tuple[dict[str, str], int]:
    """Map each unambiguous normalised form of a gold document to its actor id.

    Also returns how many forms were left out as ambiguous.
    """
    owners: dict[str, set[str]] = defaultdict(set)
    for actor in document.get("actors") or ():
        for name in actor.get("names") or ():
            if form := normalise_form(name):
                owners[form].add(str(actor["id"]))
    forms = {form: next(iter(ids)) for form, ids in owners.items() if len(ids) == 1}
    return forms, len(owners) - len(forms)


def system_forms(names: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Map each normalised form the system resolved to its most frequent actor id."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for surface, actor_id in names:
        votes[normalise_form(surface)][actor_id] += 1
    # Counter.most_common keeps first-seen order among equal counts.
    return {form: counts.most_common(1)[0][0] for form, counts in votes.items()}


def collect_items(
    gold: Sequence[Mapping[str, Any]], names: Mapping[str, Iterable[tuple[str, str]]]
) -> tuple[list[ActorItem], int]:
    """All gold actor items with their system clusters, and the ambiguous count."""
    items: list[ActorItem] = []
    ambiguous = 0
    for document in gold:
        doc_id = str(document["doc_id"])
        forms, left_out = gold_forms(document)
        ambiguous += left_out
        resolved = system_forms(names.get(doc_id, ()))
        for form, actor_id in forms.items():
            items.append(ActorItem(doc_id, form, actor_id, resolved.get(form)))
    return items, ambiguous


def score_actors(
    gold: Sequence[Mapping[str, Any]], names: Mapping[str, Iterable[tuple[str, str]]]
) -> dict[str, Any]:
    """B-cubed P/R/F1 over the gold actor items, and the merged share."""
    items, ambiguous = collect_items(gold, names)
    precision, recall = bcubed(items)
    multi_name, merged = count_merged_actors(items)
    resolved = sum(item.system_cluster is not None for item in items)
    return {
        "items": len(items),
        "ambiguous_forms": ambiguous,
        "unresolved_items": len(items) - resolved,
        "resolved_share": ratio(resolved, len(items)),
        "precision": precision,
        "recall": recall,
        "f1": f1_score(precision, recall),
        "merged_share": ratio(merged, multi_name),
        "multi_name_actors": multi_name,
        "merged_actors": merged,
    }


def _system_key(item: ActorItem) -> tuple[str, ...]:
    """The system cluster as a key; each unresolved item is its own cluster."""
    if item.system_cluster is None:
        return ("unresolved", item.doc_id, item.form)
    return ("resolved", item.system_cluster)


def bcubed(items: Sequence[ActorItem]) -> tuple[float, float]:
    """B-cubed precision and recall averaged over `items`; (0.0, 0.0) for none."""
    system_sizes = Counter(_system_key(item) for item in items)
    gold_sizes = Counter(item.gold_cluster for item in items)
    shared = Counter((_system_key(item), item.gold_cluster) for item in items)
    precision_sum = recall_sum = 0.0
    for item in items:
        common = shared[(_system_key(item), item.gold_cluster)]
        precision_sum += common / system_sizes[_system_key(item)]
        recall_sum += common / gold_sizes[item.gold_cluster]
    return ratio(precision_sum, len(items)), ratio(recall_sum, len(items))


def count_merged_actors(items: Sequence[ActorItem]) -> tuple[int, int]:
    """(gold actors with two or more distinct forms, those with all items in one cluster)."""
    forms: dict[str, set[str]] = defaultdict(set)
    clusters: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for item in items:
        forms[item.gold_cluster].add(item.form)
        clusters[item.gold_cluster].add(_system_key(item))
    multi_name = [actor_id for actor_id, names in forms.items() if len(names) >= 2]
    merged = [actor_id for actor_id in multi_name if len(clusters[actor_id]) == 1]
    return len(multi_name), len(merged)
