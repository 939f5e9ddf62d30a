"""Files, folders and standard input -> RawDocument, or Rejected with a reason.

Folders are walked depth first in name order, so the order is stable from run
to run; hidden files and folders (names starting with ".") are skipped inside
folders. Symbolic links are followed, and a link back to an enclosing folder is
reported instead of being walked forever. Nothing is held in memory beyond one
document (JSONL and CSV files are streamed row by row).

The file's suffix picks its reader; a file without a suffix is sniffed (feed,
HTML or plain text). Every file found is read, and one that is no article (a
README.md) is rejected with its reason, unless the caller names the files to read
inside folders by glob patterns ("*.txt"): then the others are left alone. The
size limit `settings.max_bytes` applies to each file, or to each row of a JSONL or
CSV file.

A file name that is not valid UTF-8 is shown with its bad bytes escaped
(`conv\\xffoy.txt`), in the doc_id and the source alike. An unexpected error
while one file is read rejects that file (`processing_error`), not the run.
"""

from __future__ import annotations

import fnmatch
import io
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from watchfloor.ingest._problems import InputProblem, problem_from_exception
from watchfloor.ingest.decode import decode_bytes, open_text, redecode
from watchfloor.ingest.feeds import looks_like_feed, read_feed
from watchfloor.ingest.tabular import (
    TOO_LARGE_RECORD,
    read_csv_rows,
    read_json_document,
    read_json_lines,
)
from watchfloor.records import RawDocument, Rejected
from watchfloor.settings import Settings

STDIN_PATH = "-"
STDIN_SOURCE = "<stdin>"
SUFFIX_FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".xml": "xml",
    ".rss": "feed",
    ".atom": "feed",
    "": "sniff",
}
_HTML_START = re.compile(
    r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_LINE_ENDS = ("\n", "\r")


def read_documents(
    paths: Iterable[str | Path],
    settings: Settings,
    stdin: TextIO | None = None,
    globs: Sequence[str] = (),
) -> Iterator[RawDocument | Rejected]:
    """Read every document under `paths`.

    Needs: files and folders (recursive), or "-" for JSON Lines on `stdin`
    (`sys.stdin` when None); with `globs` ("*.txt"...), only the files inside
    folders whose name matches one of them are read (a file given by name always is).
    Gives: a RawDocument per article, in a stable order, or a Rejected naming
    the path (`path:LINE` for rows, `path#N` for feed entries) and the problem.
    """
    if isinstance(paths, str | Path):
        paths = [paths]  # one path given bare, not a string to iterate letter by letter
    for given in paths:
        if str(given) == STDIN_PATH:
            yield from _read_stdin(stdin or sys.stdin, settings.max_bytes)
            continue
        for found in _walk(Path(given), ancestors=frozenset()):
            if isinstance(found, Rejected):
                yield found
            elif not globs or found == Path(given) or _matches(found.name, globs):
                yield from read_file(found, settings)


def count_documents(paths: Iterable[str | Path]) -> int | None:
    """About how many items `read_documents` gives for `paths`, read cheaply; None for stdin.

    For a progress bar: a JSONL file counts its non-blank lines, a CSV file its
    lines after the header, a feed its <item> and <entry> tags, any other file
    or path one (a document or a rejection).
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    total = 0
    for given in paths:
        if str(given) == STDIN_PATH:
            return None
        for found in _walk(Path(given), ancestors=frozenset()):
            total += 1 if isinstance(found, Rejected) else _count_in_file(found)
    return total


_FEED_ENTRY = re.compile(rb"<(?:\w+:)?(?:item|entry)[\s>/]")
_COUNT_CHUNK_BYTES = 1 << 20


def _count_in_file(path: Path) -> int:
    kind = SUFFIX_FORMATS.get(path.suffix.lower())
    if kind not in {"jsonl", "csv", "feed", "xml"}:
        return 1
    entries = lines = 0
    open_line = False  # the line read so far holds more than white space
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(_COUNT_CHUNK_BYTES):
                entries += len(_FEED_ENTRY.findall(chunk))  # a tag cut between chunks is missed
                *ended, last = chunk.split(b"\n")
                for line in ended:
                    lines += open_line or bool(line.strip())
                    open_line = False
                open_line = open_line or bool(last.strip())
    except OSError:
        return 1
    lines += open_line
    if kind == "csv":
        lines -= 1  # the header
    return max(1, entries if kind in {"feed", "xml"} else lines)


def _matches(name: str, globs: Sequence[str]) -> bool:
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in globs)


def read_file(path: Path, settings: Settings) -> Iterator[RawDocument | Rejected]:
    """Read one file by its suffix; never raises for a bad or unreadable file."""
    source = path_text(path)
    stem = Path(source).stem
    kind = SUFFIX_FORMATS.get(path.suffix.lower())
    try:
        if kind is None:
            expected = ", ".join(suffix for suffix in SUFFIX_FORMATS if suffix)
            detail = f"unsupported file type {path.suffix!r}; expected one of {expected}"
            raise InputProblem("unsupported_type", detail)
        size = path.stat().st_size
        if size == 0:
            raise InputProblem("empty", "the file is empty")
        if kind in {"jsonl", "csv"}:
            with path.open("rb") as stream:
                yield from _read_rows(kind, open_text(stream), source, stem, settings.max_bytes)
        else:
            if size > settings.max_bytes:
                detail = f"{size} bytes, over the limit of {settings.max_bytes} (max_bytes)"
                raise InputProblem("too_large", detail)
            yield from _read_whole(kind, path.read_bytes(), source, stem)
    except InputProblem as problem:
        yield problem.rejected(stem, source)
    except OSError as exc:
        yield _unreadable(path, exc)
    except Exception as exc:  # a bug must cost this file only; see _problems.py
        yield problem_from_exception(exc, "read").rejected(stem, source)


def path_text(path: Path) -> str:
    """The path as text that any output takes: bytes that are not UTF-8 escaped as \\xNN."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _read_whole(kind: str, data: bytes, source: str, stem: str) -> Iterator[RawDocument | Rejected]:
    """A file read at once: text, HTML, a JSON document or a feed."""
    if kind in {"xml", "sniff"} and looks_like_feed(data):
        kind = "feed"
    if kind == "xml":
        raise InputProblem("unsupported_type", "an XML file that is not an RSS or Atom feed")
    if kind == "feed":
        yield from read_feed(data, source, stem)
        return
    if kind == "json":
        yield from read_json_document(data, source, stem)
        return
    text = decode_bytes(data)
    if not text.strip():
        raise InputProblem("empty", "the file holds only whitespace")
    if kind == "sniff":
        kind = "html" if _HTML_START.match(text) else "text"
    if kind == "html":
        yield RawDocument(doc_id=stem, source=source, html=text)
    else:
        yield RawDocument(doc_id=stem, source=source, text=text)


def _walk(path: Path, ancestors: frozenset[tuple[int, int]]) -> Iterator[Path | Rejected]:
    """Regular files under `path` in name order, or a Rejected for what cannot be walked."""
    try:
        info = path.stat()
    except OSError as exc:
        yield _unreadable(path, exc)
        return
    if stat.S_ISREG(info.st_mode):
        yield path
        return
    if not stat.S_ISDIR(info.st_mode):
        yield _rejected_path(path, "not a regular file or folder")
        return
    folder = (info.st_dev, info.st_ino)
    if folder in ancestors:
        yield _rejected_path(path, "a directory loop: it links back to a folder that contains it")
        return
    try:
        with os.scandir(path) as entries:
            names = sorted(entry.name for entry in entries if not entry.name.startswith("."))
    except OSError as exc:
        yield _unreadable(path, exc)
        return
    for name in names:
        yield from _walk(path / name, ancestors | {folder})


def _read_stdin(stdin: TextIO, max_bytes: int) -> Iterator[RawDocument | Rejected]:
    """JSON Lines on standard input; a line that is not UTF-8 is decoded on its own."""
    buffer = getattr(stdin, "buffer", None)
    text: TextIO = stdin
    if buffer is not None:
        text = io.TextIOWrapper(buffer, encoding="utf-8", errors="surrogateescape", newline="")
    lines = (
        (number, _redecoded(line, "utf-8")) for number, line in _bounded_lines(text, max_bytes)
    )
    yield from read_json_lines(lines, STDIN_SOURCE, "stdin")


def _read_rows(
    kind: str, text: io.TextIOWrapper, source: str, stem: str, max_bytes: int
) -> Iterator[RawDocument | Rejected]:
    """A JSONL or CSV file streamed row by row; each row is decoded on its own.

    A file with no record at all (blank lines only, or a bare CSV header) is empty.
    """
    count = 0
    try:
        if kind == "csv":
            items = read_csv_rows(text, source, stem, max_bytes)
        else:
            lines = (
                (number, _redecoded(line, text.encoding))
                for number, line in _bounded_lines(text, max_bytes)
            )
            items = read_json_lines(lines, source, stem)
        for item in items:
            count += 1
            yield item
    finally:
        text.detach()  # the caller owns the binary stream and closes it
    if count == 0:
        raise InputProblem("empty", "the file holds no records, only blank lines or a header")


def _redecoded(line: str | InputProblem, encoding: str) -> str | InputProblem:
    if isinstance(line, InputProblem):
        return line
    try:
        return redecode([line], encoding)[0]
    except InputProblem as problem:
        return problem


def _bounded_lines(text: TextIO, max_bytes: int) -> Iterator[tuple[int, str | InputProblem]]:
    """Numbered lines; a line over `max_bytes` is skipped in chunks, never held whole."""
    number = 0
    while line := text.readline(max_bytes + 1):
        number += 1
        whole = line.endswith(_LINE_ENDS) or len(line) <= max_bytes
        if whole and len(line.rstrip("\r\n").encode("utf-8", "surrogateescape")) <= max_bytes:
            yield number, line
            continue
        while line and not line.endswith(_LINE_ENDS):
            line = text.readline(max_bytes + 1)
        yield number, TOO_LARGE_RECORD


def _unreadable(path: Path, exc: OSError) -> Rejected:
    reason = exc.strerror or exc.__class__.__name__
    if isinstance(exc, FileNotFoundError) and path.is_symlink():
        reason = "a broken symbolic link"
    return _rejected_path(path, reason[:1].lower() + reason[1:])


def _rejected_path(path: Path, detail: str) -> Rejected:
    source = path_text(path)
    return InputProblem("unreadable", detail).rejected(Path(source).stem or source, source)
