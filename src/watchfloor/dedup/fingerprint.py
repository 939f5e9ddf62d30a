"""Text -> words -> shingles and content terms -> MinHash signatures.

This is a hot path: it runs once per article, before NLP, so it uses regular
expressions, the Snowball stemmer and numpy, and does no I/O.

Two signatures are kept per article:

* a **shingle signature** over overlapping runs of `shingle_words` words, for
  near-duplicates (the same text with small edits);
* a **term signature** over the set of content terms (stemmed content words,
  names and numbers), for reworded copies, whose wording changes but whose
  vocabulary of names, numbers and topic words mostly survives.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import Stemmer  # type: ignore[import-not-found]  # PyStemmer ships no type information
from datasketch import MinHash

from watchfloor.records import Article, PartialDate

SCHEME = "affine32"  # datasketch permutation scheme; stored signatures depend on it
SIGNATURE_DTYPE = np.dtype("<u4")  # affine32 hash values, little-endian on disk
TERM_PREFIX_CHARS = 5  # stems are cut to this length so "leak"/"leaker", "arms"/"armed" meet

_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
_POSSESSIVE = re.compile(r"['’]s\b")

# Function words and reporting verbs: frequent in every article, so they say
# nothing about whether two texts share content.
_STOPWORD_TEXT = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself
    yourselves may might must shall upon per via according said says say told tell
    mr mrs ms dr
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What the store keeps per article so the duplicate index can be rebuilt.

    Signatures are MinHash hash values (`SIGNATURE_DTYPE`, `num_perm` of them)
    serialised with `ndarray.tobytes`; an empty signature means the text had no
    shingles (or no content terms) and is not indexed for that kind of match.
    """

    doc_id: str
    content_hash: str
    published: PartialDate | None
    num_perm: int
    shingle_words: int
    shingle_signature: bytes
    term_signature: bytes
    shingle_count: int
    term_count: int
    sentence_count: int = 0


def tokenize_words(text: str) -> list[str]:
    """Lower-cased words and numbers; "5,000" and "5000" give the same token."""
    words: list[str] = _WORD.findall(_POSSESSIVE.sub("", text.lower()))
    return [word.replace(",", "") if "," in word else word for word in words]


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    stemmer = Stemmer.Stemmer("english")
    stemmer.maxCacheSize = 100_000
    return stemmer


def content_terms(words: Sequence[str]) -> list[str]:
    """Stemmed content words and numbers, in text order, stopwords removed.

    Stems are cut to `TERM_PREFIX_CHARS` so that derived forms of a word
    ("deploy", "deployment") meet, which a reworded sentence often needs.
    """
    kept = [word for word in words if word.isdigit() or (len(word) > 1 and word not in STOPWORDS)]
    stems: list[str] = _stemmer().stemWords(kept)
    return [stem[:TERM_PREFIX_CHARS] for stem in stems]


def word_shingles(words: Sequence[str], size: int) -> set[str]:
    """Every run of `size` consecutive words (the whole text if it is shorter)."""
    if size < 1:
        raise ValueError(f"shingle size must be at least 1, got {size}")
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


@lru_cache(maxsize=8)
def _permutations(num_perm: int) -> np.ndarray:
    permutations: np.ndarray = MinHash(num_perm=num_perm, scheme=SCHEME).permutations
    return permutations


def minhash_signature(items: Iterable[str], num_perm: int) -> bytes:
    """The MinHash signature of a set of strings, as bytes (empty for an empty set)."""
    encoded = [item.encode("utf-8") for item in items]
    if not encoded:
        return b""
    minhash = MinHash(num_perm=num_perm, permutations=_permutations(num_perm), scheme=SCHEME)
    minhash.update_batch(encoded)
    return bytes(minhash.hashvalues.astype(SIGNATURE_DTYPE).tobytes())


def signature_to_minhash(signature: bytes, num_perm: int) -> MinHash:
    """Rebuild a datasketch MinHash from stored bytes, checking its length."""
    values = np.frombuffer(signature, dtype=SIGNATURE_DTYPE)
    if len(values) != num_perm:
        raise ValueError(f"signature has {len(values)} hash values, expected num_perm={num_perm}")
    permutations = _permutations(num_perm)
    return MinHash(num_perm=num_perm, hashvalues=values, permutations=permutations, scheme=SCHEME)


def estimate_jaccard(first: bytes, second: bytes) -> float:
    """Share of equal hash values: the MinHash estimate of the sets' Jaccard index."""
    if not first or not second or len(first) != len(second):
        return 0.0
    a = np.frombuffer(first, dtype=SIGNATURE_DTYPE)
    b = np.frombuffer(second, dtype=SIGNATURE_DTYPE)
    return float(np.count_nonzero(a == b)) / len(a)


def normalised_text_hash(text: str) -> str:
    """sha256 of the text with whitespace collapsed (used when clean set no hash)."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def fingerprint_article(
    article: Article, num_perm: int, shingle_words: int, sentence_count: int = 0
) -> Fingerprint:
    """Compute the signatures of one article.

    Needs: `article.text` (and `content_hash` when clean set it).
    Gives: a Fingerprint holding both signatures and the set sizes behind them.
    """
    words = tokenize_words(article.text)
    shingles = word_shingles(words, shingle_words)
    terms = set(content_terms(words))
    return Fingerprint(
        doc_id=article.doc_id,
        content_hash=article.content_hash or normalised_text_hash(article.text),
        published=article.published,
        num_perm=num_perm,
        shingle_words=shingle_words,
        shingle_signature=minhash_signature(shingles, num_perm),
        term_signature=minhash_signature(terms, num_perm),
        shingle_count=len(shingles),
        term_count=len(terms),
        sentence_count=sentence_count,
    )
