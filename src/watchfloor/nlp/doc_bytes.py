"""spaCy Docs as bytes and back without looking srsly's msgpack hooks up at every call.

A Doc parsed in another process (the parse workers of `ingest`, the Python
workers of `watchfloor batch`) travels as `Doc.to_bytes()` and is read back
with `Doc.from_bytes()`. Each of those packs or unpacks msgpack three times,
and srsly looks its msgpack hooks up at each one in catalogue's registry,
which copies the whole registry and scans the entry points of every installed
package: about 80% of the CPU of `Doc.from_bytes`, and more than half of
`Doc.to_bytes`.

Needs: nothing but srsly (spaCy's). Gives: `hooks_looked_up_once`, a context in
which srsly's two hook registries answer from one lookup made on entry, and
`docs_to_bytes`, the bytes of Docs made in such a context. The bytes and the
Docs are spaCy's own, unchanged: only the lookups are saved.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

Doc = Any  # spacy.tokens.Doc


@contextmanager
def hooks_looked_up_once() -> Iterator[None]:
    """While open, srsly's msgpack encoders and decoders are the ones registered on entry.

    Nothing registers a msgpack hook while Docs are packed, so the hooks are the
    same. Contexts may nest and overlap across threads: the outermost one restores
    the registries' own lookup when it closes (another still open then looks up as usual).
    """
    import srsly  # type: ignore[import-untyped]

    registries = (srsly.msgpack_encoders, srsly.msgpack_decoders)
    fixed = []
    for registry in registries:
        if "get_all" not in vars(registry):
            hooks = registry.get_all()
            registry.get_all = lambda hooks=hooks: dict(hooks)
            fixed.append(registry)
    try:
        yield
    finally:
        for registry in fixed:
            vars(registry).pop("get_all", None)


def docs_to_bytes(docs: Iterable[Doc]) -> list[bytes]:
    """`Doc.to_bytes()` of each Doc, in order."""
    with hooks_looked_up_once():
        return [doc.to_bytes() for doc in docs]
