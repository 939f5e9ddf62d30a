"""The attribute ruler's one-token patterns, looked up by word, tag or dependency.

spaCy's attribute ruler (the model's tag map: a fine tag's POS and morphology,
and lemma and POS exceptions for some words) runs its ~180 patterns through the
token matcher, which tests every pattern's predicates at every token: about a
tenth of the parse's CPU. Nearly all of them are one token whose tests are
equality, IN or NOT_IN on TAG, LOWER or DEP, or IS_SPACE. Here each such
pattern is filed under the values of one of its equality or IN tests (the
word, else the tag, else the dependency), so a token is tested against the few
patterns filed under its own word, tag and dependency (and those with no such
test). Patterns of other shapes (several tokens, a REGEX, an operator, another
attribute) stay in a matcher of their own.

Needs: a pipeline with spaCy's attribute ruler, whose patterns are final.
Gives: `index_attribute_ruler`, which gives the ruler a `match` that returns
exactly the list spaCy's returns (the same tuples, in the same order), so the
ruler's own `set_annotations` sets the same values on every token.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.matcher import Matcher

Language = Any  # spacy.Language
Doc = Any  # spacy.tokens.Doc
Ruler = Any  # spacy.pipeline.AttributeRuler

RULER_NAME = "attribute_ruler"
# Columns of `Doc.to_array`, in this order; each can file a pattern.
_ATTRS = {"LOWER": LOWER, "TAG": TAG, "DEP": DEP, "IS_SPACE": IS_SPACE}
_COLUMNS = tuple(_ATTRS)
_FILED_BY = ("LOWER", "TAG", "DEP", "IS_SPACE")

# One test of a token: (column, allowed values or None, refused values or None).
Test = tuple[int, frozenset[int] | None, frozenset[int] | None]
Match = tuple[int, int, int, int]  # (attribute id, match id, start, end), as spaCy's ruler gives


class AttributeIndex:
    """The one-token patterns of an attribute ruler, filed by a value they require."""

    def __init__(self, strings: Any) -> None:
        self._strings = strings
        # column -> value -> [(attribute id, match id, tests)]
        self._filed: dict[int, dict[int, list[tuple[int, int, tuple[Test, ...]]]]] = {
            _COLUMNS.index(name): {} for name in _FILED_BY
        }
        self._unfiled: list[tuple[int, int, tuple[Test, ...]]] = []
        self._filed_ids: set[int] = set()
        self._repeats = False  # an attribute id with two one-token patterns: one match each
        self.count = 0

    def add(self, attr_id: int, token: Mapping[str, Any]) -> bool:
        """File a one-token pattern; False when its tests are not of the indexed kinds."""
        tests = [self._test(name, value) for name, value in token.items()]
        if not tests or any(test is None for test in tests):
            return False
        checked = [test for test in tests if test is not None]
        self._repeats |= attr_id in self._filed_ids
        self._filed_ids.add(attr_id)
        match_id = self._strings[str(attr_id)]
        for name in _FILED_BY:
            column = _COLUMNS.index(name)
            filing = next((test for test in checked if test[0] == column and test[1]), None)
            if filing is not None and filing[1] is not None:
                # A token filed under one of the values passes this test: it is not repeated.
                entry = (attr_id, match_id, tuple(test for test in checked if test is not filing))
                for value in filing[1]:
                    self._filed[column].setdefault(value, []).append(entry)
                break
        else:
            self._unfiled.append((attr_id, match_id, tuple(checked)))
        self.count += 1
        return True

    def __call__(self, doc: Doc) -> list[Match]:
        """(attribute id, match id, i, i + 1) for each pattern and each token it matches."""
        if not len(doc):
            return []
        columns = [_ATTRS[name] for name in _COLUMNS]
        matches: list[Match] = []
        filed = list(self._filed.items())
        unfiled = self._unfiled
        append = matches.append
        for i, row in enumerate(doc.to_array(columns).tolist()):
            for column, by_value in filed:
                for attr_id, match_id, tests in by_value.get(row[column], ()):
                    if not tests or _passes(row, tests):
                        append((attr_id, match_id, i, i + 1))
            for attr_id, match_id, tests in unfiled:
                if _passes(row, tests):
                    append((attr_id, match_id, i, i + 1))
        # The token matcher gives a key's match at a place once, whichever patterns match.
        return list(dict.fromkeys(matches)) if self._repeats else matches

    def _test(self, name: str, value: Any) -> Test | None:
        if name not in _ATTRS or name == "IS_SPACE" and not isinstance(value, bool):
            return None
        column = _COLUMNS.index(name)
        if isinstance(value, bool):
            return (column, frozenset({int(value)}), None) if name == "IS_SPACE" else None
        if isinstance(value, str):
            return column, frozenset({self._hash(value)}), None
        if isinstance(value, dict) and len(value) == 1:
            ((kind, values),) = value.items()
            if kind in ("IN", "NOT_IN") and _all_strings(values):
                hashes = frozenset(self._hash(item) for item in values)
                return (column, hashes, None) if kind == "IN" else (column, None, hashes)
        return None

    def _hash(self, text: str) -> int:
        return int(self._strings.add(text))


def index_attribute_ruler(nlp: Language) -> None:
    """Give the pipeline's attribute ruler, if it has one, the indexed `match`."""
    if RULER_NAME not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe(RULER_NAME)
    ruler.match = indexed_match(ruler)


def indexed_match(ruler: Ruler) -> Callable[[Doc], list[Match]]:
    """A `match` for `ruler` that returns what its own gives, through an `AttributeIndex`."""
    strings = ruler.vocab.strings
    index = AttributeIndex(strings)
    rest = Matcher(ruler.vocab, validate=False)
    for attr_id, entry in enumerate(ruler.patterns):
        others = [
            pattern
            for pattern in entry["patterns"]
            if len(pattern) != 1 or not index.add(attr_id, pattern[0])
        ]
        if others:
            rest.add(str(attr_id), others)

    def match(doc: Doc) -> list[Match]:
        matches = index(doc)
        if len(rest):
            found = rest(doc, allow_missing=True, as_spans=False)
            matches += [(int(strings[key]), key, start, end) for key, start, end in found]
        matches.sort()
        return matches

    return match


def _passes(row: list[int], tests: Iterable[Test]) -> bool:
    for column, allowed, refused in tests:
        value = row[column]
        if allowed is not None and value not in allowed:
            return False
        if refused is not None and value in refused:
            return False
    return True


def _all_strings(values: Any) -> bool:
    return isinstance(values, list) and all(isinstance(item, str) for item in values)
