"""MinHash LSH bands: which stored signatures are worth comparing with a new one?

A signature of `num_perm` hash values is cut into `bands` runs of `rows` values; two
signatures become candidates when some band is equal in both. The store keeps one
hash per band (`band_hashes`) in an indexed table, so a new article's candidates are
an index lookup instead of an index held in memory.

The layout for a Jaccard threshold is the one datasketch's `MinHashLSH` chooses
(weights 0.5 and 0.5): the (bands, rows) with the least mean of the false-positive
area below the threshold and the false-negative area above it, under the
probability 1 - (1 - s**rows)**bands that two sets of Jaccard s share a band. The
areas are integrals of polynomials of degree at most `num_perm`, which Gauss-Legendre
quadrature with more than `num_perm / 2` points computes exactly (up to rounding);
tests/test_dedup_lsh.py checks the layouts agree with datasketch's.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from watchfloor.dedup.fingerprint import SIGNATURE_DTYPE
from watchfloor.errors import ConfigError

BAND_HASH_BYTES = 8  # each band's values are hashed to a signed 64-bit integer


@dataclass(frozen=True, slots=True)
class BandLayout:
    """How a signature of `bands * rows` (or more) hash values is cut into bands."""

    bands: int
    rows: int

    @property
    def name(self) -> str:
        return f"{self.bands}x{self.rows}"


@lru_cache(maxsize=16)
def choose_layout(threshold: float, num_perm: int) -> BandLayout:
    """The band layout that best separates Jaccard above `threshold` from below it."""
    pairs = [(b, r) for b in range(1, num_perm + 1) for r in range(1, num_perm // b + 1)]
    bands = np.array([b for b, _ in pairs], dtype=float).reshape(-1, 1)
    rows = np.array([r for _, r in pairs], dtype=float).reshape(-1, 1)
    nodes, weights = np.polynomial.legendre.leggauss(num_perm // 2 + 2)
    below = (nodes + 1) * threshold / 2  # [-1, 1] -> [0, threshold]
    above = threshold + (nodes + 1) * (1 - threshold) / 2  # [-1, 1] -> [threshold, 1]
    false_positive = (1 - (1 - below**rows) ** bands) @ weights * threshold / 2
    false_negative = ((1 - above**rows) ** bands) @ weights * (1 - threshold) / 2
    # The first of equal minima, in datasketch's order (bands, then rows, ascending).
    best = BandLayout(*pairs[int(np.argmin(0.5 * false_positive + 0.5 * false_negative))])
    if best.bands < 2:
        raise ConfigError(
            f"a Jaccard threshold of {threshold} with num_perm={num_perm} gives a single LSH "
            "band; lower the threshold or raise num_perm"
        )
    return best


def band_hashes(signature: bytes, layout: BandLayout) -> list[int]:
    """One signed 64-bit hash per band of `signature`, in band order (empty for no signature)."""
    if not signature:
        return []
    width = layout.rows * SIGNATURE_DTYPE.itemsize
    if len(signature) < layout.bands * width:
        raise ValueError(
            f"signature of {len(signature)} bytes is too short for {layout.name} bands"
        )
    return [
        int.from_bytes(
            hashlib.blake2b(
                signature[band * width : (band + 1) * width], digest_size=BAND_HASH_BYTES
            ).digest(),
            "little",
            signed=True,
        )
        for band in range(layout.bands)
    ]
