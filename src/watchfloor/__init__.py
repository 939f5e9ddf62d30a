"""watchfloor: who did what to whom, with evidence, from international-security news."""

from watchfloor.records import (
    Actor,
    Analysis,
    Article,
    DuplicateLink,
    Event,
    Mention,
    PartialDate,
    Quantity,
    Quote,
    RawDocument,
    Rejected,
    Role,
    Sentence,
    TimeExpression,
)

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Analysis",
    "Article",
    "DuplicateLink",
    "Event",
    "Mention",
    "PartialDate",
    "Quantity",
    "Quote",
    "RawDocument",
    "Rejected",
    "Role",
    "Sentence",
    "TimeExpression",
    "__version__",
]
