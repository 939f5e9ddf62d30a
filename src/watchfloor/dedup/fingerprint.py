"""Text -> words -> shingles and content terms -> MinHash signatures.

This is a hot path: it runs once per article, before NLP, so it uses regular
expressions, the Snowball stemmer and numpy, and does no I/O.

The MinHash is datasketch's "affine32" scheme (seed 1), computed here with numpy so
that a start does not import datasketch (which imports scipy): each item's SHA-1
(first 4 bytes, little-endian) is mixed with the MurmurHash3 finalizer, then each
permutation maps it to `a * h + b` modulo 2**32 (`a` odd), and the signature keeps
each permutation's minimum. Stored signatures depend on every step being
bit-identical to datasketch's; tests/test_dedup_fingerprint.py checks they are.

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

from watchfloor.records import Article, PartialDate

SCHEME = "affine32"  # datasketch permutation scheme; stored signatures depend on it
SEED = 1  # datasketch's default seed for the permutations; stored signatures depend on it
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
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """The (a, b) of each permutation, drawn as datasketch draws them for `SEED`."""
    draw = np.random.RandomState(SEED)
    a = draw.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = draw.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def _mix(values: np.ndarray) -> np.ndarray:
    """The MurmurHash3 32-bit finalizer: a fixed bijection that spreads the bits."""
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    mixed: np.ndarray = values ^ (values >> np.uint32(16))
    return mixed


def minhash_signature(items: Iterable[str], num_perm: int) -> bytes:
    """The MinHash signature of a set of strings, as bytes (empty for an empty set)."""
    hashes = [
        int.from_bytes(hashlib.sha1(item.encode("utf-8")).digest()[:4], "little") for item in items
    ]
    if not hashes:
        return b""
    a, b = _permutations(num_perm)
    mixed = _mix(np.array(hashes, dtype=np.uint32)).reshape(-1, 1)
    values = (mixed * a + b).min(axis=0)
    return bytes(values.astype(SIGNATURE_DTYPE).tobytes())


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
