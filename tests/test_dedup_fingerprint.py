"""Fingerprints: words, terms, shingles and MinHash signatures."""

from __future__ import annotations

import random

import pytest
from datasketch import MinHash

from watchfloor.dedup.fingerprint import (
    content_terms,
    estimate_jaccard,
    fingerprint_article,
    minhash_signature,
    normalised_text_hash,
    tokenize_words,
    word_shingles,
)


def test_fingerprint_tokenize_joins_thousands_and_drops_possessive():
    assert tokenize_words("Poland's 5,000 troops, not 4,000.") == [
        "poland",
        "5000",
        "troops",
        "not",
        "4000",
    ]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("deployment", "deployed"),
        ("leaks", "leaked"),
        ("Ukrainian", "Ukraine"),
    ],
)
def test_fingerprint_content_terms_meet_across_word_forms(first, second):
    assert content_terms([first.lower()]) == content_terms([second.lower()])


def test_fingerprint_content_terms_drop_function_words_keep_numbers():
    terms = content_terms(tokenize_words("They said the 3 tanks were sent to Kyiv"))
    assert "3" in terms
    assert not {"they", "said", "the", "were", "to"} & set(terms)


def test_fingerprint_shingles_of_short_text_is_the_whole_text():
    assert word_shingles(["a", "b"], 5) == {"a b"}
    assert word_shingles([], 5) == set()
    assert word_shingles(["a", "b", "c"], 2) == {"a b", "b c"}


def test_fingerprint_signature_round_trips_and_estimates_jaccard():
    items = {f"item{i}" for i in range(200)}
    half = {f"item{i}" for i in range(100, 300)}
    signature = minhash_signature(items, 128)
    assert len(signature) == 128 * 4
    assert estimate_jaccard(signature, minhash_signature(items, 128)) == 1.0
    assert estimate_jaccard(signature, minhash_signature(half, 128)) == pytest.approx(
        1 / 3, abs=0.12
    )


def test_fingerprint_empty_set_gives_empty_signature():
    assert minhash_signature([], 128) == b""
    assert estimate_jaccard(b"", b"") == 0.0


@pytest.mark.parametrize("num_perm", [16, 128, 200])
def test_fingerprint_signature_is_bit_identical_to_datasketch(num_perm):
    """Stored signatures were made with datasketch's MinHash; the numpy one must equal it."""
    draw = random.Random(num_perm)
    for _ in range(40):
        items = {
            "".join(draw.choice("ab cdé1’") for _ in range(draw.randint(1, 12)))
            for _ in range(draw.randint(1, 400))
        }
        expected = MinHash(num_perm=num_perm, seed=1, scheme="affine32")
        expected.update_batch([item.encode("utf-8") for item in items])
        assert minhash_signature(items, num_perm) == expected.hashvalues.astype("<u4").tobytes()


def test_fingerprint_signatures_of_other_lengths_estimate_nothing():
    assert estimate_jaccard(minhash_signature({"x"}, 128), minhash_signature({"x"}, 64)) == 0.0


def test_fingerprint_article_uses_clean_hash_or_makes_one(make_article):
    with_hash = make_article(content_hash="abc")
    without = make_article(text="Poland  pledged\ntanks to Ukraine.")
    assert fingerprint_article(with_hash, 64, 3).content_hash == "abc"
    made = fingerprint_article(without, 64, 3)
    assert made.content_hash == normalised_text_hash("Poland pledged tanks to Ukraine.")
    assert made.shingle_count == 3
    assert made.num_perm == 64
    assert made.shingle_words == 3
