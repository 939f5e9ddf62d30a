"""LSH bands: the layout datasketch would choose, band hashes, and the same candidates."""

from __future__ import annotations

import random

import pytest
from datasketch import MinHash, MinHashLSH

from watchfloor.dedup.fingerprint import SIGNATURE_DTYPE, minhash_signature
from watchfloor.dedup.lsh import BandLayout, band_hashes, choose_layout
from watchfloor.errors import ConfigError


@pytest.mark.parametrize("num_perm", [16, 64, 128, 256])
@pytest.mark.parametrize("threshold", [0.05, 0.25, 0.4, 0.5, 0.7, 0.8, 0.85])
def test_lsh_layout_is_the_one_datasketch_chooses(threshold, num_perm):
    expected = MinHashLSH(threshold=threshold, num_perm=num_perm)
    assert choose_layout(threshold, num_perm) == BandLayout(expected.b, expected.r)


def test_lsh_single_band_layout_is_refused():
    with pytest.raises(ConfigError, match="single LSH band"):
        choose_layout(0.95, 16)


def test_lsh_band_hashes_differ_only_where_the_bands_differ():
    layout = BandLayout(4, 3)
    signature = minhash_signature({f"w{i}" for i in range(50)}, 16)
    values = bytearray(signature)
    values[4 * SIGNATURE_DTYPE.itemsize] ^= 1  # a value in band 1 (values 3-5)
    first, second = band_hashes(signature, layout), band_hashes(bytes(values), layout)
    assert len(first) == 4
    assert [a == b for a, b in zip(first, second, strict=True)] == [True, False, True, True]
    assert all(-(2**63) <= value < 2**63 for value in first)
    assert band_hashes(b"", layout) == []


def test_lsh_band_hashes_refuse_a_short_signature():
    with pytest.raises(ValueError, match="too short"):
        band_hashes(minhash_signature({"x"}, 16), BandLayout(9, 13))


def test_lsh_bands_find_the_candidates_datasketch_finds():
    """Shared-band lookups propose exactly the documents MinHashLSH.query returns."""
    draw = random.Random(7)
    vocabulary = [f"w{i}" for i in range(400)]
    base = [set(draw.sample(vocabulary, 60)) for _ in range(20)]
    sets = {}
    for number in range(300):  # variants of a few bases: many pairs near any threshold
        kept = {word for word in base[number % 20] if draw.random() < 0.85}
        sets[f"d{number}"] = kept | set(draw.sample(vocabulary, draw.randint(0, 15)))
    for threshold in (0.25, 0.8):
        layout = choose_layout(threshold, 128)
        index = MinHashLSH(threshold=threshold, num_perm=128)
        buckets: dict[tuple[int, int], set[str]] = {}
        for doc_id, items in sets.items():
            signature = minhash_signature(items, 128)
            values = MinHash(num_perm=128, seed=1, scheme="affine32")
            values.update_batch([item.encode("utf-8") for item in items])
            index.insert(doc_id, values)
            for band, value in enumerate(band_hashes(signature, layout)):
                buckets.setdefault((band, value), set()).add(doc_id)
        for doc_id, items in sets.items():
            signature = minhash_signature(items, 128)
            found = set().union(
                *(
                    buckets[(band, value)]
                    for band, value in enumerate(band_hashes(signature, layout))
                )
            )
            query = MinHash(num_perm=128, seed=1, scheme="affine32")
            query.update_batch([item.encode("utf-8") for item in items])
            assert found == set(index.query(query)), (threshold, doc_id)
