"""Bytes to text: byte-order marks, UTF-16 without one, UTF-8, then charset-normalizer.

A file that looks binary is refused before any decoding is tried; a file that
is not UTF-8 is decoded with the encoding charset-normalizer finds, and refused
when it finds none. UTF-16 without a byte-order mark is told by its pattern of
zero bytes (ASCII letters in UTF-16 have a zero byte beside them). JSONL and CSV
files are judged line by line: a NUL or UTF-16 line among text lines rejects
that line (`text_looks_binary`), not the file.
"""

from __future__ import annotations

import codecs
import io
import re
from typing import BinaryIO

from charset_normalizer import from_bytes

from watchfloor.ingest._problems import InputProblem

BINARY_SAMPLE_BYTES = 8192  # how much of a file is looked at to call it binary
MAX_CONTROL_SHARE = 0.05  # more control bytes than this share means binary
PREFERRED_LEGACY_ENCODING = "cp1252"
NEAR_TIE_CHAOS = 0.01  # charset-normalizer "chaos" difference that counts as a tie

# UTF-32 first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control bytes that plain text does carry: tab, newlines, form feed, escape, backspace.
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\b\x1b")
_CONTROL_BYTES = frozenset(range(32)) - _TEXT_CONTROLS | {0x7F}
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")  # what errors="surrogateescape" leaves
_SURROGATE = re.compile("[\ud800-\udfff]")
STREAM_SAMPLE_BYTES = 65536
MIN_UTF16_ZERO_SHARE = 0.7  # zero bytes in one position of the byte pairs: UTF-16
MAX_UTF16_OTHER_ZERO_SHARE = 0.02  # ... and almost none in the other position
MIN_UTF16_SAMPLE_BYTES = 16
MIN_TEXT_LINE_SHARE = 0.2  # a row file with fewer lines of text than this is binary
_CONTROL_CHARS = frozenset(map(chr, _CONTROL_BYTES))


def decode_bytes(data: bytes) -> str:
    """Decode one whole document.

    Needs: the document's bytes.
    Gives: its text, with any byte-order mark removed; raises `InputProblem`
    with reason `binary` or `not_utf8_or_known_encoding`.
    """
    encoding = choose_encoding(data)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise _undecodable(f"not valid {encoding} at byte {exc.start}: {exc.reason}") from None


def choose_encoding(sample: bytes) -> str:
    """The encoding to read a document with, judged from its first bytes.

    Needs: the start of a document (a truncated multi-byte character at the end is fine).
    Gives: a Python codec name; raises `InputProblem` like `decode_bytes`.
    """
    marked = _marked_encoding(sample) or unmarked_utf16(sample)
    if marked is not None:
        return marked
    _refuse_binary(sample)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError as exc:
        guessed = guess_encoding(sample)
        if guessed is None:
            raise _undecodable(f"not UTF-8 (bad byte at offset {exc.start})") from None
        return guessed
    return "utf-8"


def open_text(stream: BinaryIO) -> io.TextIOWrapper:
    """A text view of a streamed file (JSONL, CSV) that never fails on a bad byte.

    Needs: the file opened in binary mode, at its start, seekable.
    Gives: a reader in the file's marked encoding (byte-order mark) or UTF-16
    told by its zero bytes, else UTF-8; bytes that do not decode are kept as
    escapes for `redecode`. Raises `InputProblem` (`binary`) when almost none of
    the file's first lines is text; bad lines among text lines are left for the
    row readers (`text_looks_binary`). Detach it when done.
    """
    sample = stream.read(STREAM_SAMPLE_BYTES)
    stream.seek(0)
    encoding = _marked_encoding(sample) or unmarked_utf16(sample)
    if encoding is None:
        _refuse_binary_lines(sample)
        encoding = "utf-8-sig"
    return io.TextIOWrapper(stream, encoding=encoding, errors="surrogateescape", newline="")


def redecode(parts: list[str], encoding: str) -> list[str]:
    """Decode again the parts of one row that held bytes invalid in `encoding`.

    Needs: strings read with errors="surrogateescape" from a stream in `encoding`.
    Gives: the parts unchanged when they decoded cleanly, else all of them decoded
    with the encoding charset-normalizer finds for the row; raises `InputProblem`
    (`not_utf8_or_known_encoding`) when none fits.
    """
    if not any(_ESCAPED_BYTE.search(part) for part in parts):
        return parts
    encode_as = "utf-8" if encoding == "utf-8-sig" else encoding  # no mark before each part
    raw = [part.encode(encode_as, "surrogateescape") for part in parts]
    guessed = choose_encoding(b"\n".join(raw))
    try:
        return [part.decode(guessed) for part in raw]
    except UnicodeDecodeError as exc:
        raise _undecodable(f"not valid {encoding}, nor {guessed}: {exc.reason}") from None


def looks_binary(sample: bytes) -> bool:
    """True when `sample` holds a NUL byte or too many control bytes for text."""
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    return controls / len(sample) > MAX_CONTROL_SHARE


def replace_lone_surrogates(text: str) -> str:
    """`text` with every surrogate code point (never a character on its own) as U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def text_looks_binary(text: str) -> bool:
    """`looks_binary` for one decoded line or field: a NUL or too many control characters."""
    if "\x00" in text:
        return True
    controls = sum(1 for char in text if char in _CONTROL_CHARS)
    return bool(text) and controls / len(text) > MAX_CONTROL_SHARE


def unmarked_utf16(sample: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" for UTF-16 text without a byte-order mark, else None.

    Text in UTF-16 has a zero byte in one position of most byte pairs (the high
    byte of every Latin letter, digit and space) and almost never in the other;
    the sample must then also decode as UTF-16 to text that does not look binary.
    """
    pairs = len(sample) // 2
    if pairs < MIN_UTF16_SAMPLE_BYTES // 2:
        return None
    even_zeros = sample[0 : pairs * 2 : 2].count(0) / pairs
    odd_zeros = sample[1 : pairs * 2 : 2].count(0) / pairs
    if min(even_zeros, odd_zeros) > MAX_UTF16_OTHER_ZERO_SHARE:
        return None
    if max(even_zeros, odd_zeros) < MIN_UTF16_ZERO_SHARE:
        return None
    encoding = "utf-16-le" if odd_zeros > even_zeros else "utf-16-be"
    text = sample[: pairs * 2].decode(encoding, errors="replace")
    return None if text_looks_binary(text) else encoding


def guess_encoding(data: bytes) -> str | None:
    """charset-normalizer's choice for non-UTF-8 bytes, or None when nothing fits.

    Single-byte encodings are often equally plausible; Windows-1252 is taken
    whenever it decodes the bytes as cleanly as the best candidate, because it
    is what undeclared Western text is in practice (WHATWG reads latin-1 as it).
    """
    best = from_bytes(data).best()
    if best is None:
        return None
    preferred = from_bytes(data, cp_isolation=[PREFERRED_LEGACY_ENCODING]).best()
    if preferred is not None and preferred.chaos <= best.chaos + NEAR_TIE_CHAOS:
        return PREFERRED_LEGACY_ENCODING
    return str(best.encoding)


def _marked_encoding(sample: bytes) -> str | None:
    return next((name for mark, name in _BYTE_ORDER_MARKS if sample.startswith(mark)), None)


def _refuse_binary(sample: bytes) -> None:
    if looks_binary(sample[:BINARY_SAMPLE_BYTES]):
        raise InputProblem("binary", "contains NUL or control bytes; not a text file", "decode")


def _refuse_binary_lines(sample: bytes) -> None:
    """Refuse a row file whose start has almost no line of text (a few bad lines are not enough).

    In a binary file, the bytes between two newline bytes nearly always hold a
    control byte; in a text file with a bad line or two, most lines are clean.
    """
    lines = [line for line in sample.split(b"\n") if line.strip()]
    text_lines = sum(1 for line in lines if not looks_binary(line))
    if lines and text_lines < MIN_TEXT_LINE_SHARE * len(lines):
        raise InputProblem("binary", "contains NUL or control bytes; not a text file", "decode")


def _undecodable(detail: str) -> InputProblem:
    return InputProblem("not_utf8_or_known_encoding", detail, "decode")
