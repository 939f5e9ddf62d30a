"""The incremental duplicate index: which earlier documents is this one a copy of?

Three kinds of copy are found, cheapest first, and a pair gets only its
strongest kind:

* **exact:** the same normalised-text hash;
* **near:** MinHash LSH over word shingles, Jaccard >= `near_dup_threshold`;
* **reworded:** MinHash LSH over content terms proposes candidates (no
  all-pairs scan), then sentence alignment (`align.py`) decides; the score is
  the aligned-sentence share, which must reach `reworded_threshold`.

Direction, in this order:

1. two publication dates that differ (at the coarser precision): the earlier
   is the original;
2. clear containment: a copy drops and compresses, so its content fits into
   the original's and not the other way round. Where much text is verbatim
   (shingle Jaccard >= `VERBATIM_JACCARD`, always for near-duplicates) the
   shingle containment of the two sides must differ by `DIRECTION_MARGIN`;
   otherwise the mean containment of each side's sentences in the other must
   differ by `CONTAINMENT_Z` standard errors;
3. one side dated and the other not, with the containment leaning (not
   clearly) toward the undated side being the copy: the dated side is the
   original. Two weak signals that agree; when they disagree, or with no lean,
   nothing is decided;
4. otherwise `derived_from` is None: undecided, not guessed.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from watchfloor.dedup.align import MIN_ALIGNED_SENTENCES, Alignment, align_sentences
from watchfloor.dedup.align import text_sentence_terms as _sentence_terms
from watchfloor.dedup.fingerprint import Fingerprint, estimate_jaccard, fingerprint_article
from watchfloor.dedup.lsh import BandLayout, band_hashes, choose_layout
from watchfloor.errors import ConfigError
from watchfloor.records import Article, DuplicateLink, PartialDate
from watchfloor.settings import Settings

REWORDED_CANDIDATE_JACCARD = 0.25  # content-term Jaccard at which LSH proposes a pair to align
REWORDED_CANDIDATE_CONTAINMENT = 0.5  # share of the smaller text's terms the other must hold
SENTENCE_CACHE_SIZE = 1024  # recent articles whose sentence terms are kept for alignment
DIRECTION_MARGIN = 0.1  # verbatim copies: shingle containment must differ by this much
VERBATIM_JACCARD = 0.3  # shingle Jaccard from which a copy is judged by its verbatim overlap
CONTAINMENT_Z = 2.0  # reworded copies: standard errors of containment difference that decide

Kind = Literal["exact", "near", "reworded"]
# The two signatures of a fingerprint, each with its own LSH bands.
SignatureKind = Literal["shingle", "term"]
Bands = tuple[tuple[str, int, int], ...]


class FingerprintIndex(Protocol):
    """Earlier fingerprints the finder looks candidates up in (the store's, in a pipeline)."""

    def find_candidates(self, kind: SignatureKind, hashes: Sequence[int]) -> set[str]:
        """doc_ids whose `kind` band i has the hash `hashes[i]` for some i."""
        ...

    def find_same_content(self, content_hash: str) -> list[str]:
        """doc_ids of the fingerprints with this content hash, in the order indexed."""
        ...

    def read_fingerprints(self, doc_ids: Iterable[str]) -> dict[str, Fingerprint]:
        """The fingerprints of those of `doc_ids` the index holds."""
        ...


class MemoryIndex:
    """A `FingerprintIndex` held in memory: the finder's own additions not yet stored."""

    def __init__(self) -> None:
        self.fingerprints: dict[str, Fingerprint] = {}
        self.bands: dict[str, Bands] = {}
        self._by_hash: dict[str, list[str]] = {}
        self._buckets: dict[tuple[str, int, int], list[str]] = {}

    def add(self, fingerprint: Fingerprint, bands: Bands) -> None:
        self.fingerprints[fingerprint.doc_id] = fingerprint
        self.bands[fingerprint.doc_id] = bands
        self._by_hash.setdefault(fingerprint.content_hash, []).append(fingerprint.doc_id)
        for key in bands:
            self._buckets.setdefault(key, []).append(fingerprint.doc_id)

    def find_candidates(self, kind: SignatureKind, hashes: Sequence[int]) -> set[str]:
        found: set[str] = set()
        for band, value in enumerate(hashes):
            found.update(self._buckets.get((kind, band, value), ()))
        return found

    def find_same_content(self, content_hash: str) -> list[str]:
        return list(self._by_hash.get(content_hash, ()))

    def read_fingerprints(self, doc_ids: Iterable[str]) -> dict[str, Fingerprint]:
        return {d: self.fingerprints[d] for d in doc_ids if d in self.fingerprints}


@dataclass(frozen=True, slots=True)
class _Evidence:
    """What a candidate pair showed.

    `copy_lean` says how strongly the content suggests that the new document
    is the copy: at or above 1 it decides, at or below -1 it decides for the
    other, in between it only leans (see `decide_original`).
    """

    kind: Kind
    score: float
    copy_lean: float


class DuplicateFinder:
    """Finds the earlier documents an article copies or is copied by.

    Call `add` once per article in arrival order. Earlier documents are the ones
    added to this finder (or given to `load`) and, when `stored` is given, the ones
    that index holds: candidates come from the LSH band hashes of each signature
    (`lsh.py`), so only they are read. `text_of(doc_id)` must return a stored
    article's text (or None if it is gone); it is called only for the few
    candidates that need sentence alignment.
    """

    def __init__(
        self,
        settings: Settings,
        text_of: Callable[[str], str | None],
        stored: FingerprintIndex | None = None,
    ) -> None:
        _check_settings(settings)
        self.settings = settings
        self.text_of = text_of
        self.stored = stored
        self.layouts: dict[SignatureKind, BandLayout] = {
            "shingle": choose_layout(settings.near_dup_threshold, settings.num_perm),
            "term": choose_layout(REWORDED_CANDIDATE_JACCARD, settings.num_perm),
        }
        # Names everything stored bands depend on: bands of another layout are rewritten.
        self.layout = (
            f"num_perm={settings.num_perm} shingle_words={settings.shingle_words} "
            + " ".join(f"{kind}={layout.name}" for kind, layout in self.layouts.items())
        )
        self._recent = MemoryIndex()
        self._sentence_cache: OrderedDict[str, list[frozenset[str]]] = OrderedDict()

    def __len__(self) -> int:
        """How many fingerprints this finder holds in memory (not counting `stored`)."""
        return len(self._recent.fingerprints)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._recent.fingerprints

    def load(self, fingerprints: Iterable[Fingerprint]) -> None:
        """Index fingerprints (from an earlier run) in memory without comparing them."""
        for fingerprint in fingerprints:
            self._index(fingerprint)

    def forget(self, doc_ids: Iterable[str]) -> None:
        """Drop fingerprints from memory once `stored` holds them."""
        gone = set(doc_ids)
        old = self._recent
        self._recent = MemoryIndex()
        for doc_id, fingerprint in old.fingerprints.items():
            if doc_id not in gone:
                self._recent.add(fingerprint, old.bands[doc_id])

    def bands_of(self, fingerprint: Fingerprint) -> Bands:
        """(kind, band, hash) of each LSH band of the fingerprint's two signatures
        (remembered for a fingerprint this finder holds, computed for any other)."""
        if self._recent.fingerprints.get(fingerprint.doc_id) is fingerprint:
            return self._recent.bands[fingerprint.doc_id]
        self._check_fingerprint(fingerprint)
        signatures: dict[SignatureKind, bytes] = {
            "shingle": fingerprint.shingle_signature,
            "term": fingerprint.term_signature,
        }
        return tuple(
            (kind, band, value)
            for kind, signature in signatures.items()
            for band, value in enumerate(band_hashes(signature, self.layouts[kind]))
        )

    def add(self, article: Article) -> tuple[list[DuplicateLink], Fingerprint]:
        """Compare one article with everything indexed so far, then index it.

        Needs: a cleaned Article (text, published, content_hash if clean set it).
        Gives: one DuplicateLink per earlier document it is a copy of or copied
        by (strongest kind per pair, best score first), and the Fingerprint the
        store should keep. Adding a doc_id already indexed re-checks it but does
        not index it twice.
        """
        terms = _sentence_terms(article.text)
        fingerprint = fingerprint_article(
            article, self.settings.num_perm, self.settings.shingle_words, len(terms)
        )
        bands = self.bands_of(fingerprint)
        same = self._find_same_content(fingerprint.content_hash)
        near = self._find_candidates("shingle", bands)
        reworded = self._find_candidates("term", bands)
        known = self._read_fingerprints({*same, *near, *reworded} - {fingerprint.doc_id})
        evidence = {doc_id: _Evidence("exact", 1.0, 0.0) for doc_id in same if doc_id in known}
        for other_id, found in self._near_matches(fingerprint, near, known).items():
            evidence.setdefault(other_id, found)
        for other_id in self._reworded_candidates(fingerprint, reworded, known):
            if other_id not in evidence:
                found_reworded = self._reworded_evidence(terms, fingerprint, known[other_id])
                if found_reworded is not None:
                    evidence[other_id] = found_reworded
        links = [
            self._link(fingerprint, known[other_id], found) for other_id, found in evidence.items()
        ]
        self._index(fingerprint, bands)
        self._remember_sentences(article.doc_id, terms)
        return sorted(links, key=lambda link: (-link.score, link.other_id)), fingerprint

    def _check_fingerprint(self, fingerprint: Fingerprint) -> None:
        stored = (fingerprint.num_perm, fingerprint.shingle_words)
        expected = (self.settings.num_perm, self.settings.shingle_words)
        if stored != expected:
            raise ConfigError(
                f"fingerprint of {fingerprint.doc_id!r} was made with (num_perm, shingle_words)="
                f"{stored}, the index uses {expected}; recompute the fingerprints"
            )

    def _index(self, fingerprint: Fingerprint, bands: Bands | None = None) -> None:
        if fingerprint.doc_id not in self._recent.fingerprints:
            self._recent.add(fingerprint, self.bands_of(fingerprint) if bands is None else bands)

    def _find_same_content(self, content_hash: str) -> list[str]:
        found = self.stored.find_same_content(content_hash) if self.stored else []
        return list(dict.fromkeys([*found, *self._recent.find_same_content(content_hash)]))

    def _find_candidates(self, kind: SignatureKind, bands: Bands) -> set[str]:
        hashes = [value for of_kind, _, value in bands if of_kind == kind]
        found = self._recent.find_candidates(kind, hashes)
        if self.stored is not None and hashes:
            found |= self.stored.find_candidates(kind, hashes)
        return found

    def _read_fingerprints(self, doc_ids: set[str]) -> dict[str, Fingerprint]:
        """The candidates' fingerprints: this run's own first, then the stored ones."""
        known = self._recent.read_fingerprints(doc_ids)
        missing = doc_ids - known.keys()
        if missing and self.stored is not None:
            known.update(self.stored.read_fingerprints(missing))
        return known

    def _near_matches(
        self, fingerprint: Fingerprint, candidates: set[str], known: dict[str, Fingerprint]
    ) -> dict[str, _Evidence]:
        found: dict[str, _Evidence] = {}
        for other_id in sorted(candidates & known.keys()):
            other = known[other_id]
            jaccard = estimate_jaccard(fingerprint.shingle_signature, other.shingle_signature)
            if jaccard >= self.settings.near_dup_threshold:
                found[other_id] = _near_evidence(jaccard, fingerprint, other)
        return found

    def _reworded_candidates(
        self, fingerprint: Fingerprint, candidates: set[str], known: dict[str, Fingerprint]
    ) -> list[str]:
        """Indexed documents sharing enough content terms to be worth aligning.

        LSH proposes documents by term Jaccard; of those, only the ones where
        the smaller term set is mostly inside the other (estimated from the
        Jaccard and the set sizes) are kept, so a short copy of a long
        original still qualifies while same-story articles mostly do not.
        """
        kept = []
        for other_id in sorted(candidates & known.keys()):
            other = known[other_id]
            jaccard = estimate_jaccard(fingerprint.term_signature, other.term_signature)
            shared = jaccard * (fingerprint.term_count + other.term_count) / (1.0 + jaccard)
            smaller = min(fingerprint.term_count, other.term_count)
            if shared >= REWORDED_CANDIDATE_CONTAINMENT * smaller:
                kept.append(other_id)
        return kept

    def _sentences_of(self, doc_id: str) -> list[frozenset[str]] | None:
        cached = self._sentence_cache.get(doc_id)
        if cached is not None:
            self._sentence_cache.move_to_end(doc_id)
            return cached
        text = self.text_of(doc_id)
        if text is None:
            return None
        terms = _sentence_terms(text)
        self._remember_sentences(doc_id, terms)
        return terms

    def _remember_sentences(self, doc_id: str, terms: list[frozenset[str]]) -> None:
        self._sentence_cache[doc_id] = terms
        self._sentence_cache.move_to_end(doc_id)
        if len(self._sentence_cache) > SENTENCE_CACHE_SIZE:
            self._sentence_cache.popitem(last=False)

    def _reworded_evidence(
        self, terms: list[frozenset[str]], new: Fingerprint, other: Fingerprint
    ) -> _Evidence | None:
        other_terms = self._sentences_of(other.doc_id)
        if other_terms is None:
            return None
        alignment = align_sentences(terms, other_terms)
        if not is_reworded_copy(alignment, self.settings.reworded_threshold):
            return None
        jaccard = estimate_jaccard(new.shingle_signature, other.shingle_signature)
        if jaccard >= VERBATIM_JACCARD:
            copy_lean = _shingle_lean(jaccard, new, other)
        else:
            copy_lean = alignment.containment_z / CONTAINMENT_Z
        return _Evidence("reworded", round(alignment.share, 4), copy_lean)

    def _link(self, new: Fingerprint, other: Fingerprint, found: _Evidence) -> DuplicateLink:
        original = decide_original(
            (new.doc_id, new.published), (other.doc_id, other.published), found.copy_lean
        )
        return DuplicateLink(
            doc_id=new.doc_id,
            other_id=other.doc_id,
            kind=found.kind,
            score=found.score,
            derived_from=original,
        )


def is_reworded_copy(alignment: Alignment, threshold: float) -> bool:
    """Enough sentences aligned in order, and a large enough share of them."""
    return len(alignment.pairs) >= MIN_ALIGNED_SENTENCES and alignment.share >= threshold


def decide_original(
    new: tuple[str, PartialDate | None], old: tuple[str, PartialDate | None], copy_lean: float
) -> str | None:
    """The doc_id of the original of a copied pair, or None when undecided.

    `new` and `old` are (doc_id, published); `copy_lean` is the content's
    evidence that `new` is the copy (>= 1 decides, <= -1 decides the other
    way, in between leans). See the module docstring for the order of rules.
    """
    (new_id, new_date), (old_id, old_date) = new, old
    if new_date is not None and old_date is not None:
        order = _compare_dates(new_date, old_date)
        if order:
            return new_id if order < 0 else old_id
    if copy_lean >= 1.0:
        return old_id
    if copy_lean <= -1.0:
        return new_id
    if old_date is not None and new_date is None and copy_lean > 0:
        return old_id
    if new_date is not None and old_date is None and copy_lean < 0:
        return new_id
    return None


def _compare_dates(first: PartialDate, second: PartialDate) -> int:
    """-1 if `first` is earlier, 1 if later, 0 if they agree at the coarser precision."""
    precisions = ("year", "month", "day")
    coarser = precisions[min(precisions.index(first.precision), precisions.index(second.precision))]
    cut_first, cut_second = first.truncate(coarser), second.truncate(coarser)  # type: ignore[arg-type]
    if cut_first == cut_second:
        return 0
    return -1 if cut_first.sort_key < cut_second.sort_key else 1


def _near_evidence(jaccard: float, new: Fingerprint, old: Fingerprint) -> _Evidence:
    return _Evidence("near", round(jaccard, 4), _shingle_lean(jaccard, new, old))


def _shingle_lean(jaccard: float, new: Fingerprint, old: Fingerprint) -> float:
    """Containment difference of the two shingle sets, in units of `DIRECTION_MARGIN`.

    The shared count follows from the Jaccard estimate and the set sizes:
    |A & B| = J * (|A| + |B|) / (1 + J).
    """
    shared = jaccard * (new.shingle_count + old.shingle_count) / (1.0 + jaccard)
    new_contained = min(1.0, shared / new.shingle_count)
    old_contained = min(1.0, shared / old.shingle_count)
    return (new_contained - old_contained) / DIRECTION_MARGIN


def _check_settings(settings: Settings) -> None:
    if not 0.0 < settings.near_dup_threshold <= 1.0:
        raise ConfigError(
            f"near_dup_threshold must be in (0, 1], got {settings.near_dup_threshold}"
        )
    if not 0.0 < settings.reworded_threshold <= 1.0:
        raise ConfigError(
            f"reworded_threshold must be in (0, 1], got {settings.reworded_threshold}"
        )
    if settings.num_perm < 16:
        raise ConfigError(f"num_perm must be at least 16, got {settings.num_perm}")
    if settings.shingle_words < 1:
        raise ConfigError(f"shingle_words must be at least 1, got {settings.shingle_words}")
