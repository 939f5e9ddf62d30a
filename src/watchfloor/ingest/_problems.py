"""The one exception the ingest modules raise for a bad document.

Readers raise `InputProblem` where they find the problem; the loop in
`read.py` turns it into a `Rejected` record, so one bad document never stops a
batch. It never leaves the ingest package.
"""

from __future__ import annotations

from watchfloor.records import Rejected


class InputProblem(Exception):
    """A document that cannot be used: a short reason code and one line of detail."""

    def __init__(self, reason: str, detail: str, stage: str = "read") -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail
        self.stage = stage

    def rejected(self, doc_id: str, source: str) -> Rejected:
        return Rejected(
            doc_id=doc_id, source=source, stage=self.stage, reason=self.reason, detail=self.detail
        )
