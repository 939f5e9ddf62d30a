"""Decoding bytes: byte-order marks, UTF-8, legacy encodings, binary detection."""

from __future__ import annotations

import codecs
import io

import pytest

from watchfloor.ingest._problems import InputProblem
from watchfloor.ingest.decode import decode_bytes, looks_binary, open_text, redecode

TEXT = "Ministers met in Brussels on Tuesday – “a useful meeting”, one of them said."


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # Python writes a byte-order mark first
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-32"),
    ],
)
def test_decode_unicode_with_and_without_marks(data: bytes) -> None:
    assert decode_bytes(data) == TEXT


def test_decode_prefers_windows_1252_on_a_near_tie() -> None:
    text = "Officials in Zürich said the café near the station would reopen – “soon”."
    assert decode_bytes(text.encode("cp1252")) == text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (
            "Министр иностранных дел заявил, что переговоры продолжатся на следующей неделе.",
            "cp1251",
        ),
        ("Zażółć gęślą jaźń. Minister powiedział, że sytuacja w kraju jest poważna.", "cp1250"),
    ],
)
def test_decode_other_legacy_encodings(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding)) == text


def test_decode_refuses_undecodable_bytes() -> None:
    junk = bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D] * 20) + bytes(range(0x80, 0x100)) * 3
    with pytest.raises(InputProblem) as caught:
        decode_bytes(junk)
    assert (caught.value.reason, caught.value.stage) == ("not_utf8_or_known_encoding", "decode")


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        (b"plain words\n\ttabbed\r\n", False),
        (b"", False),
        (b"text with one \x00 NUL", True),
        (b"\x01\x02\x03\x04\x05" + b"a" * 50, True),
        (b"\x1b[1mbold\x1b[0m and a form feed\x0c", False),
    ],
)
def test_looks_binary(sample: bytes, expected: bool) -> None:
    assert looks_binary(sample) is expected


def test_open_text_keeps_bad_bytes_for_redecode() -> None:
    stream = io.BytesIO(codecs.BOM_UTF8 + "caf\xe9\n".encode("cp1252") + "naïve\n".encode())
    text = open_text(stream)
    first, second = text.readline(), text.readline()
    assert second == "naïve\n"
    assert redecode([second], text.encoding) == [second]
    assert first != "caf\xe9\n"  # the bad byte is escaped, not guessed
    text.detach()


def test_open_text_refuses_binary() -> None:
    with pytest.raises(InputProblem) as caught:
        open_text(io.BytesIO(b"\x00\x01" * 100))
    assert caught.value.reason == "binary"


def test_redecode_guesses_for_the_whole_row() -> None:
    parts = ["Le ministre a déclaré", "que la réunion à Genève était terminée très tard le soir."]
    escaped = [part.encode("cp1252").decode("utf-8", "surrogateescape") for part in parts]
    assert redecode(escaped, "utf-8") == parts
