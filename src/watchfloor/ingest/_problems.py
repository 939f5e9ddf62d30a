"""The one exception the ingest modules raise for a bad document.

Readers raise `InputProblem` where they find the problem; the loop in
`read.py` turns it into a `Rejected` record, so one bad document never stops a
batch. It never leaves the ingest package. Any other exception met while one
document is processed becomes that document's `processing_error`
(`problem_from_exception`), so a bug costs one document, not the batch.
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


MAX_DETAIL_CHARS = 300


def problem_from_exception(exc: Exception, stage: str) -> InputProblem:
    """An unexpected exception in one document's processing, as that document's problem."""
    message = " ".join(str(exc).split())
    detail = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    if len(detail) > MAX_DETAIL_CHARS:
        detail = detail[: MAX_DETAIL_CHARS - 3] + "..."
    return InputProblem("processing_error", detail, stage)
