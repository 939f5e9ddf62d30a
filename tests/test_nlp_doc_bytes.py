"""Docs as bytes with srsly's msgpack hooks looked up once: spaCy's own bytes and Docs."""

from __future__ import annotations

import numpy
import pytest
import spacy
import srsly  # type: ignore[import-untyped]
from spacy.tokens import Doc, Span

from watchfloor.nlp.doc_bytes import docs_to_bytes, hooks_looked_up_once


def _docs() -> list[Doc]:
    nlp = spacy.blank("en")
    docs = [nlp("North Korea fired a missile on Monday."), nlp("Talks resumed in Geneva.")]
    docs[0].spans["actor_dictionary"] = [Span(docs[0], 0, 2, label="GPE")]
    docs[0].ents = [Span(docs[0], 0, 2, label="GPE")]
    docs[1].tensor = numpy.arange(8, dtype="float32").reshape(4, 2)  # packed by srsly's numpy hook
    docs[1].user_data["note"] = "kept"
    return docs


def test_nlp_doc_bytes_are_spacy_s_bytes_and_read_back_the_same() -> None:
    docs = _docs()
    expected = [doc.to_bytes() for doc in docs]
    assert docs_to_bytes(docs) == expected
    vocab = docs[0].vocab
    with hooks_looked_up_once():
        back = [Doc(vocab).from_bytes(data) for data in expected]
    assert [doc.to_bytes() for doc in back] == expected
    assert back[0].spans["actor_dictionary"][0].text == "North Korea"
    assert back[1].tensor.tolist() == docs[1].tensor.tolist()


def test_nlp_doc_bytes_looks_the_hooks_up_once_and_restores_the_lookup(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    docs = _docs()
    lookups: list[tuple[str, ...]] = []
    registry_class = type(srsly.msgpack_decoders)
    own = registry_class.get_all

    def counted(self: object) -> dict[str, object]:
        namespace = tuple(getattr(self, "namespace", ()))
        if namespace[:1] == ("srsly",):
            lookups.append(namespace)
        return own(self)  # type: ignore[no-any-return]

    monkeypatch.setattr(registry_class, "get_all", counted)
    data = [doc.to_bytes() for doc in docs]
    plain = len(lookups)
    assert plain >= 6  # srsly looks up at every pack: several per Doc
    lookups.clear()
    with hooks_looked_up_once(), hooks_looked_up_once():  # contexts nest
        assert docs_to_bytes(docs) == data
        [Doc(docs[0].vocab).from_bytes(item) for item in data]
    assert len(lookups) == 2  # once per registry, on entry
    for registry in (srsly.msgpack_encoders, srsly.msgpack_decoders):
        assert "get_all" not in vars(registry)
