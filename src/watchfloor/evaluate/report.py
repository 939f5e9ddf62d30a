"""The eval report as a plain-text table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from watchfloor.evaluate.diagnostics import RULE_LABELS

NOT_MEASURED = "n/a"
_ACCURACY_FIELDS = ("date", "status", "mode", "quantity")


def format_report(report: Mapping[str, Any]) -> str:
    """Render a `score` or `score_gold_files` report as aligned plain text.

    Scores have three decimals; an accuracy with no matched events is "n/a".
    With two or more gold files, a section compares the files and the total
    before the total's details; `misses`, when present, comes last.
    """
    files = report.get("files") or []
    sections = [
        _format_events(report["events"]),
        _format_actors(report["actors"]),
        _format_duplicates(report["duplicates"]),
    ]
    if len(files) > 1:
        sections.insert(0, _format_files(files, report))
    if "misses" in report:
        sections.append(_format_misses(report["misses"]))
    heading = f"{report.get('documents', 0)} gold documents"
    if "documents_predicted" in report:
        heading += f", {report['documents_predicted']} with predictions"
    if len(files) > 1:
        heading += f", in {len(files)} gold files"
    return "\n\n".join([heading, *sections]) + "\n"


def _format_files(files: Sequence[Mapping[str, Any]], total: Mapping[str, Any]) -> str:
    """Events, actors and duplicates of each gold file and of all of them together."""
    rows = [(str(file["gold"]), file) for file in files] + [("total", total)]
    events = [["events", "documents", "gold", "predicted", "matched", "precision", "recall", "f1"]]
    actors = [["actors", "items", "precision", "recall", "f1", "merged share"]]
    duplicates = [["duplicates", "gold pairs", "predicted", "correct", "precision", "recall", "f1"]]
    for label, part in rows:
        figures = part["events"]
        counts = [part["documents"], figures["gold"], figures["predicted"], figures["matched"]]
        events.append([label, *map(_cell, counts), *_scores(figures)])
        figures = part["actors"]
        actors.append([label, _cell(figures["items"]), *_scores(figures)])
        actors[-1].append(_cell(figures["merged_share"]))
        figures = part["duplicates"]
        counts = [figures["gold_pairs"], figures["predicted_pairs"], figures["correct"]]
        duplicates.append([label, *map(_cell, counts), *_scores(figures)])
    heading = "Gold files (the total scores them as one gold set)"
    return "\n\n".join([heading + "\n" + _table(events), _table(actors), _table(duplicates)])


def _scores(figures: Mapping[str, Any]) -> list[str]:
    return [_cell(figures[name]) for name in ("precision", "recall", "f1")]


def _format_misses(misses: Mapping[str, Mapping[str, Sequence[Mapping[str, Any]]]]) -> str:
    """Per document, the gold events nothing was predicted on and the unmatched predictions."""
    missed = sum(len(lists["missed_gold"]) for lists in misses.values())
    unmatched = sum(len(lists["unmatched_predicted"]) for lists in misses.values())
    lines = [
        f"Misses: {missed} gold events with no prediction on their clause, "
        f"{unmatched} predictions with no matching gold event"
    ]
    for doc_id, lists in misses.items():
        lines.append(f"\n  {doc_id}")
        lines += [f"    missed     {_event_text(event)}" for event in lists["missed_gold"]]
        lines += [f"    unmatched  {_event_text(event)}" for event in lists["unmatched_predicted"]]
    return "\n".join(lines)


def _event_text(event: Mapping[str, Any]) -> str:
    """TYPE[:mode] actor -> recipient, status: "evidence" on one line; "-" for no ids."""
    kind = str(event["type"]) + (f":{event['mode']}" if event.get("mode") else "")
    actor = "+".join(event.get("actor") or ()) or "-"
    recipient = "+".join(event.get("recipient") or ()) or "-"
    evidence = " ".join(str(event.get("evidence") or "").split())
    return f'{kind} {actor} -> {recipient}, {event["status"]}: "{evidence}"'


def _format_events(events: Mapping[str, Any]) -> str:
    heading = (
        f"Events: gold {events['gold']}, predicted {events['predicted']}, "
        f"matched {events['matched']} ({events.get('matched_by_union', 0)} by the two-sided rule)"
    )
    overall = [
        ["", "precision", "recall", "f1", "matched"],
        _prf_row("lenient", events, "", events["matched"]),
        _prf_row("strict", events, "strict_", events["strict_matched"]),
    ]
    per_type = [["type", "support", "predicted", "matched", "precision", "recall", "f1"]]
    for event_type, figures in events["per_type"].items():
        counts = [figures["support"], figures.get("predicted", ""), figures.get("matched", "")]
        scores = [figures["precision"], figures["recall"], figures["f1"]]
        per_type.append([event_type, *map(_cell, counts), *map(_cell, scores)])
    accuracy = [["on matched events", "accuracy", "correct"]]
    for name in _ACCURACY_FIELDS:
        correct = events.get(f"{name}_correct")
        shown = "" if correct is None else f"{correct}/{events['matched']}"
        accuracy.append([name, _cell(events[f"{name}_accuracy"]), shown])
    tables = [_table(per_type)] if len(per_type) > 1 else []
    if "by_rule" in events:
        tables.append(_format_rules(events["by_rule"]))
    accuracy_table = _table(accuracy)
    if any(events[f"{name}_accuracy"] is None for name in _ACCURACY_FIELDS):
        accuracy_table += f"\n  ({NOT_MEASURED}: no matched events to measure)"
    return "\n\n".join([heading + "\n" + _table(overall), *tables, accuracy_table])


def _format_rules(by_rule: Mapping[str, Mapping[str, Any]]) -> str:
    """The diagnostic rows: event scores when matching on less than the full rule."""
    rows = [["diagnostic: matched on", "precision", "recall", "f1", "matched"]]
    for rule, figures in by_rule.items():
        rows.append([RULE_LABELS.get(rule, rule), *_scores(figures), _cell(figures["matched"])])
    return _table(rows)


def _format_actors(actors: Mapping[str, Any]) -> str:
    heading = (
        f"Actors: gold name items {actors.get('items', 0)}, "
        f"never resolved {actors.get('unresolved_items', 0)}, "
        f"ambiguous forms left out {actors.get('ambiguous_forms', 0)}"
    )
    rows = [["", "precision", "recall", "f1"], _prf_row("B-cubed", actors, "")]
    merged = (
        f"  merged share {_cell(actors['merged_share'])} "
        f"({actors.get('merged_actors', 0)} of {actors.get('multi_name_actors', 0)} "
        "actors with two or more names)"
    )
    if "resolved_share" in actors:
        merged += f"\n  resolved share {_cell(actors['resolved_share'])} (of the gold name items)"
    return "\n".join([heading, _table(rows), merged])


def _format_duplicates(duplicates: Mapping[str, Any]) -> str:
    heading = (
        f"Duplicates: gold pairs {duplicates.get('gold_pairs', 0)}, "
        f"predicted {duplicates.get('predicted_pairs', 0)}, "
        f"correct {duplicates.get('correct', 0)}, "
        f"outside the gold {duplicates.get('outside_gold', 0)}"
    )
    rows = [["", "precision", "recall", "f1"], _prf_row("ordered", duplicates, "")]
    if "unordered_precision" in duplicates:
        rows.append(_prf_row("unordered", duplicates, "unordered_"))
    return "\n".join([heading, _table(rows)])


def _prf_row(label: str, figures: Mapping[str, Any], prefix: str, *extra: Any) -> list[str]:
    names = ("precision", "recall", "f1")
    return [label, *(_cell(figures.get(f"{prefix}{name}")) for name in names), *map(_cell, extra)]


def _cell(value: Any) -> str:
    if value is None:
        return NOT_MEASURED
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _table(rows: Sequence[Sequence[str]]) -> str:
    """Indented columns: the first left-aligned, the others right-aligned."""
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        lines.append("  " + "  ".join(cells).rstrip())
    return "\n".join(lines)
