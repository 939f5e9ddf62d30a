"""Analyse texts without storing them: the engine behind `watchfloor annotate`.

The JSON shape is documented in docs/annotate.md and kept stable, because other
tools read it. Offsets are character offsets into the text exactly as given
(no cleaning happens here).
"""

from __future__ import annotations

import dataclasses
import datetime
import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from watchfloor.errors import InputError
from watchfloor.ingest.date_lines import PUBLISHED_YEARS
from watchfloor.records import Analysis, Article, PartialDate
from watchfloor.store.rows import event_to_gold

SCHEMA_VERSION = 1


@dataclasses.dataclass(frozen=True, slots=True)
class Text:
    """One text to annotate."""

    doc_id: str
    text: str
    published: PartialDate | None = None


def parse_published(value: Any, where: str) -> PartialDate | None:
    """A YYYY[-MM[-DD]] date that exists, in the years `ingest` accepts; else `InputError`."""
    if value in (None, ""):
        return None
    try:
        date = PartialDate.parse(str(value))
        if date.day is not None:
            datetime.date(date.year, date.month or 1, date.day)
    except ValueError:
        raise InputError(
            f"{where}: published must be an existing date YYYY[-MM[-DD]], got {value!r}"
        ) from None
    if date.year not in PUBLISHED_YEARS:
        first, last = PUBLISHED_YEARS.start, PUBLISHED_YEARS.stop - 1
        raise InputError(f"{where}: published must be a year from {first} to {last}, got {value!r}")
    return date


def read_lines(stream: TextIO, name: str) -> Iterator[Text]:
    """`{"doc_id", "text", "published"}` objects, one per line; blank lines are skipped."""
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}: not valid JSON ({exc.msg})") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise InputError(f'{where}: expected an object with a "text" string')
        doc_id = str(record.get("doc_id") or f"line-{number}")
        yield Text(doc_id, record["text"], parse_published(record.get("published"), where))


def to_json(article: Article, analysis: Analysis) -> dict[str, Any]:
    """The documented JSON form of one analysed text."""
    text = article.text
    return {
        "schema": SCHEMA_VERSION,
        "doc_id": article.doc_id,
        "published": article.published.iso() if article.published else None,
        "sentences": [
            {"start": s.start, "end": s.end, "text": text[s.start : s.end]}
            for s in analysis.sentences
        ],
        "mentions": [
            {
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "label": m.label,
                "actor_id": m.actor_id,
                "descriptor": m.descriptor,
            }
            for m in analysis.mentions
        ],
        "actors": [_actor_json(actor) for actor in analysis.actors],
        "time_expressions": [
            {
                "start": t.start,
                "end": t.end,
                "text": t.text,
                "kind": t.kind,
                "timex": t.timex,
                "value": t.value.iso() if t.value else None,
            }
            for t in analysis.time_expressions
        ],
        "events": [_event_json(event) for event in analysis.events],
        "quotes": [dataclasses.asdict(quote) for quote in analysis.quotes],
    }


def _actor_json(actor: Any) -> dict[str, Any]:
    data = dataclasses.asdict(actor)
    data["roles"] = [
        {
            key: (value.iso() if isinstance(value, PartialDate) else value)
            for key, value in role.items()
        }
        for role in data["roles"]
    ]
    return data


def _event_json(event: Any) -> dict[str, Any]:
    data = event_to_gold(event)
    data.update(trigger_start=event.trigger_start, trigger_end=event.trigger_end)
    return data


def annotate_texts(
    texts: Iterable[Text], analyser: Any, batch_size: int = 64
) -> Iterator[dict[str, Any]]:
    """Analyse each text and give its JSON form, in order, a batch at a time."""
    batch: list[Article] = []
    for text in texts:
        batch.append(Article(text.doc_id, "", text.text, text.published, source="annotate"))
        if len(batch) == batch_size:
            yield from _annotate_batch(batch, analyser)
            batch = []
    yield from _annotate_batch(batch, analyser)


def _annotate_batch(batch: list[Article], analyser: Any) -> Iterator[dict[str, Any]]:
    for article, analysis in zip(batch, analyser.analyse(batch), strict=True):
        yield to_json(article, analysis)
