"""Text fingerprints for near-duplicate detection (syndicated copies of one story).

A 64-bit SimHash over word 3-shingles: two texts that share most of their shingles get hashes a few
bits apart, whatever their markup, URL or outlet. Hand-written because it is twenty lines and the
libraries that offer it pull in far more than they add.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

_WORD = re.compile(r"\w+", re.UNICODE)
SHINGLE = 3
BITS = 64
_BIT_POSITIONS = np.arange(BITS, dtype=np.uint64)
_BIT_VALUES = np.array([1 << b for b in range(BITS)], dtype=np.uint64)


def simhash(text: str) -> int:
    """The 64-bit SimHash of ``text`` as a signed integer (it fits a DuckDB BIGINT); 0 for no words."""
    words = _WORD.findall(text.lower())
    if not words:
        return 0
    shingles = (
        [" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]
        if len(words) >= SHINGLE
        else [" ".join(words)]
    )
    hashes = np.fromiter(
        (int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "big") for s in shingles),
        dtype=np.uint64,
        count=len(shingles),
    )
    # votes[bit] = how many shingles have that bit set; a bit of the result is set when most do
    votes = ((hashes[:, None] >> _BIT_POSITIONS) & np.uint64(1)).sum(axis=0)
    unsigned = int((votes * 2 > len(shingles)).astype(np.uint64) @ _BIT_VALUES)
    return unsigned - (1 << BITS) if unsigned >= 1 << (BITS - 1) else unsigned


def hamming(a: int, b: int) -> int:
    """Bits that differ between two hashes (signed or unsigned 64-bit)."""
    return ((a ^ b) & ((1 << BITS) - 1)).bit_count()
