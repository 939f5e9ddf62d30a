"""Article records in JSON, JSON Lines and CSV -> RawDocument.

Each object or row is one article with the fields `doc_id`, `title`, `text` or
`html`, `url`, `outlet`, `published` and `language`; other fields are ignored.
JSONL and CSV are streamed row by row, and the size limit applies to each row;
a `.json` file (one object or a list of them) is read whole. A bad row becomes
a `Rejected` naming `path:LINE` and the rows around it are still read.

JSON numbers are kept as the digits written (a 5,000-digit number is text, not
an error); nesting too deep for the parser, a NUL or control characters in a
line or a field reject that record only. A lone surrogate escape (`"\\ud800"`),
which names no character, becomes U+FFFD.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from watchfloor.ingest._problems import InputProblem, problem_from_exception
from watchfloor.ingest.decode import (
    decode_bytes,
    redecode,
    replace_lone_surrogates,
    text_looks_binary,
)
from watchfloor.records import RawDocument, Rejected

if TYPE_CHECKING:
    from _csv import Reader

OPTIONAL_FIELDS = ("title", "url", "outlet", "published", "language")
BODY_FIELDS = ("text", "html")
TOO_LARGE_RECORD = InputProblem("too_large", "the record is over the size limit (max_bytes)")


def document_from_record(record: Mapping[str, object], default_id: str, source: str) -> RawDocument:
    """One article record -> RawDocument.

    Needs: the record's fields; the doc_id to use when it gives none; its source.
    Gives: a RawDocument with `text` (preferred) or `html`; raises `InputProblem`
    (`malformed_json`, `missing_text`, `empty`) when the record is unusable.
    """
    values = {name: _field(record, name) for name in (*BODY_FIELDS, *OPTIONAL_FIELDS)}
    for name, value in values.items():
        if value is not None and text_looks_binary(value):
            detail = f"field {name!r} holds a NUL or control characters; not text"
            raise InputProblem("binary", detail, "decode")
    doc_id = (_field(record, "doc_id") or "").strip() or default_id
    body = {name: value for name in BODY_FIELDS if (value := values[name]) and value.strip()}
    if not body:
        if any(name in record and record[name] is not None for name in BODY_FIELDS):
            raise InputProblem("empty", "the text field is empty or whitespace")
        raise InputProblem("missing_text", "no 'text' or 'html' field")
    text = body.get("text")
    return RawDocument(
        doc_id=doc_id,
        source=source,
        text=text,
        html=None if text is not None else body["html"],
        **{name: values[name] for name in OPTIONAL_FIELDS},
    )


def read_json_document(data: bytes, path: str, stem: str) -> Iterator[RawDocument | Rejected]:
    """A `.json` file holding one article object or a list of them."""
    try:
        loaded = load_json(decode_bytes(data))
    except InputProblem as problem:
        yield problem.rejected(stem, path)
        return
    if not isinstance(loaded, list):
        yield _from_loaded(loaded, stem, path)
        return
    for index, item in enumerate(loaded):
        yield _from_loaded(item, f"{stem}[{index}]", f"{path}[{index}]")


def read_json_lines(
    lines: Iterable[tuple[int, str | InputProblem]], path: str, stem: str
) -> Iterator[RawDocument | Rejected]:
    """JSON Lines, one article object per line; blank lines are skipped.

    Needs: (line number, line) pairs, with an `InputProblem` in place of a line
    that could not be read (over the size limit, undecodable).
    """
    for number, line in lines:
        default_id, source = f"{stem}:{number}", f"{path}:{number}"
        if isinstance(line, InputProblem):
            yield line.rejected(default_id, source)
            continue
        if not line.strip():
            continue
        try:
            if text_looks_binary(line):
                raise InputProblem("binary", "the line holds NUL or control bytes", "decode")
            loaded = load_json(line, one_line=True)
        except InputProblem as problem:
            yield problem.rejected(default_id, source)
            continue
        yield _from_loaded(loaded, default_id, source)


def load_json(text: str, one_line: bool = False) -> object:
    """Parse JSON with numbers kept as their digits; raises `InputProblem` (`malformed_json`)."""
    try:
        return json.loads(text, parse_int=str, parse_float=str)
    except json.JSONDecodeError as exc:
        where = f"column {exc.colno}" if one_line else f"line {exc.lineno} column {exc.colno}"
        raise InputProblem("malformed_json", f"{where}: {exc.msg}") from None
    except RecursionError:
        raise InputProblem("malformed_json", "nested too deeply to parse") from None


def read_csv_rows(
    text: io.TextIOWrapper, path: str, stem: str, max_bytes: int
) -> Iterator[RawDocument | Rejected]:
    """CSV with a header row naming the record fields; one article per row.

    Needs: the file as text (`decode.open_text`), its path and stem.
    """
    # The csv module refuses fields over a process-wide limit (128 KiB by
    # default); raise it so the per-row size check below is the one that applies.
    csv.field_size_limit(max(csv.field_size_limit(), max_bytes))
    rows = _csv_rows(csv.reader(text, strict=True), text.encoding)
    yield from _records_from_rows(rows, path, stem, max_bytes)


def _csv_rows(reader: Reader, encoding: str) -> Iterator[tuple[int, list[str] | InputProblem]]:
    """Rows that are not blank, with the line each starts on; a problem for a bad row."""
    last_line = 0
    while True:
        start = last_line + 1
        try:
            row: list[str] | InputProblem = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            row = InputProblem("malformed_csv", str(exc))
        last_line = reader.line_num
        if isinstance(row, list):
            try:
                row = redecode(row, encoding)
            except InputProblem as problem:
                row = problem
        if isinstance(row, InputProblem) or any(cell.strip() for cell in row):
            yield start, row  # a row of blank cells is a blank line


def _records_from_rows(
    rows: Iterator[tuple[int, list[str] | InputProblem]], path: str, stem: str, max_bytes: int
) -> Iterator[RawDocument | Rejected]:
    header: list[str] | None = None
    for start, row in rows:
        default_id, source = f"{stem}:{start}", f"{path}:{start}"
        if isinstance(row, InputProblem):
            yield row.rejected(default_id, source)
        elif header is not None:
            yield _from_csv_row(header, row, default_id, source, max_bytes)
        else:
            header = [name.strip().lower() for name in row]
            if not set(BODY_FIELDS) & set(header):
                detail = f"the header has no 'text' or 'html' column (found: {', '.join(header)})"
                yield InputProblem("missing_text", detail).rejected(stem, path)
                return


def _from_csv_row(
    header: list[str], row: list[str], default_id: str, source: str, max_bytes: int
) -> RawDocument | Rejected:
    if len(row) != len(header):
        detail = f"the row has {len(row)} fields, the header {len(header)}"
        return InputProblem("malformed_csv", detail).rejected(default_id, source)
    if sum(len(value.encode("utf-8", "surrogatepass")) for value in row) > max_bytes:
        return _too_large_row(default_id, source)
    if any(text_looks_binary(value) for value in row):
        problem = InputProblem("binary", "the row holds NUL or control bytes", "decode")
        return problem.rejected(default_id, source)
    return _from_loaded(dict(zip(header, row, strict=True)), default_id, source)


def _from_loaded(loaded: object, default_id: str, source: str) -> RawDocument | Rejected:
    if not isinstance(loaded, dict):
        detail = f"expected a JSON object, got {type(loaded).__name__}"
        return InputProblem("malformed_json", detail).rejected(default_id, source)
    try:
        return document_from_record(loaded, default_id, source)
    except InputProblem as problem:
        return problem.rejected(_given_id(loaded, default_id), source)
    except Exception as exc:  # a bug must cost this record only; see _problems.py
        return problem_from_exception(exc, "read").rejected(_given_id(loaded, default_id), source)


def _given_id(loaded: Mapping[str, object], default_id: str) -> str:
    doc_id = loaded.get("doc_id")
    if isinstance(doc_id, str) and doc_id.strip():
        return replace_lone_surrogates(doc_id)
    return default_id


def _field(record: Mapping[str, object], name: str) -> str | None:
    """A field as text: strings as they are, numbers converted, empty CSV cells as None."""
    value = record.get(name)
    if value is None or (isinstance(value, str) and value == "" and name not in BODY_FIELDS):
        return None
    if isinstance(value, str):
        return replace_lone_surrogates(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise InputProblem(
        "malformed_json", f"field {name!r} must be a string, got {type(value).__name__}"
    )


def _too_large_row(doc_id: str, source: str) -> Rejected:
    return TOO_LARGE_RECORD.rejected(doc_id, source)
