"""Articles and rejections as JSON text, for the batch job's Parquet table.

Needs: an `Article` or a `Rejected`. Gives: `encode_item` and `decode_item`,
exact inverses (a test keeps them so).
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from watchfloor.records import Article, PartialDate, Rejected

ARTICLE = "article"
REJECTED = "rejected"


def encode_item(item: Article | Rejected) -> tuple[str, str]:
    """(kind, JSON text) for one cleaned article or rejection."""
    kind = ARTICLE if isinstance(item, Article) else REJECTED
    return kind, json.dumps(dataclasses.asdict(item))  # \u-escapes: any lone surrogate survives


def decode_item(kind: str, text: str) -> Article | Rejected:
    """The record `encode_item` gave (kind, text) for."""
    fields: dict[str, Any] = json.loads(text)
    if kind == REJECTED:
        return Rejected(**fields)
    if fields["published"] is not None:
        fields["published"] = PartialDate(**fields["published"])
    return Article(**fields)
