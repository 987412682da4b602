"""Near-duplicate detection: word shingles, MinHash signatures (datasketch) and LSH band keys.

Pure functions, no IO: ``stories.py`` keeps fingerprints and band keys in the store.

A syndicated copy of a story differs from the original by its headline, its dateline's outlet,
boilerplate (bylines, promo and copyright lines, "read more" links), light edits, and often by
trimmed or reordered paragraphs. So:

- shingles are word 4-grams *within* paragraphs (reordering paragraphs changes nothing), over
  the paragraphs that are not boilerplate: those that look like it (``_BOILERPLATE``) and
  those the same outlet has printed in other articles (``stories.py`` counts them);
- a MinHash signature of the shingles finds candidates through LSH bands set low (r=2), so
  that a copy trimmed to its first two paragraphs still meets its original;
- each candidate is then measured exactly on its shingle set: the pair is one story when the
  Jaccard similarity, or the containment of the smaller text in the larger, is high enough.
  Containment is what catches trimmed copies (a brief is all in its original, at J ~0.3).
"""
from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import numpy as np

from eventwire.model.article import text_hash

NUM_PERM = 128
SEED = 1
SCHEME = "affine32"  # datasketch 2's 32-bit affine permutations: 512-byte signatures
SHINGLE_WORDS = 4
# LSH: BANDS bands of ROWS signature values; two texts become candidates when any band agrees.
# P(candidate) = 1 - (1 - J**ROWS)**BANDS: 0.93 at J=0.2, 0.9998 at J=0.35, 0.025 at J=0.02.
ROWS = 2
BANDS = NUM_PERM // ROWS
# A pair is one story when its Jaccard similarity or the containment of the smaller shingle
# set in the larger reaches these. Set on `eventwire bench dedup`: copies (new headline,
# boilerplate, light edits, trimmed or reordered paragraphs, briefs of two paragraphs) score
# containment >= 0.75 with their originals; a digest quoting a story's lead paragraph, the
# closest distinct text there, scores up to 0.62 against that story's briefs.
MIN_JACCARD = 0.5
MIN_CONTAINMENT = 0.7
# Containment of very short texts is noise (a one-line brief is "contained" in many stories):
# none below MIN_SHINGLES_FOR_CONTAINMENT, and a higher bar below SHORT_SHINGLES (a brief
# of two short paragraphs is 70 % "contained" in a digest that quotes its lead).
MIN_SHINGLES_FOR_CONTAINMENT = 20
SHORT_SHINGLES = 50
MIN_CONTAINMENT_SHORT = 0.8
# An outlet's repeated paragraphs are left out only while they are a small part of the
# article: an outlet re-running its own story ("UPDATE 2") repeats most of it, and that is
# the story, not boilerplate.
MAX_REPEATED_SHARE = 0.5

_WORD = re.compile(r"\w+", re.UNICODE)
_PARAGRAPH = re.compile(r"\n\s*\n")
# Paragraphs about the outlet, not the story: credits, copyright and newsletter lines,
# cross-links. Left in, an outlet's footer makes its distinct stories look alike (on the
# bench, a 40-word footer gave unrelated briefs containment 0.37).
_BOILERPLATE = re.compile(
    r"^(reporting by|writing by|editing by|additional reporting|read more|related:|see also|more on this|"
    r"click here|follow us|sign up|subscribe|advertisement|photo:|image:|file photo)"
    r"|copyright|all rights reserved|\(c\) \d{4}|©|may not be (re)?published|newsletter|delivered to your inbox",
    re.IGNORECASE)
# A byline: "By Amina Okafor" or "By Amina Okafor, Eastlake Wire" (not "By Tuesday, police ...").
_BYLINE = re.compile(r"^By [A-Z][\w'.-]+(?: [A-Z][\w'.-]+){0,3}(?:,.*)?$")
# Boilerplate is short; a long paragraph that mentions a copyright is still the story.
_BOILERPLATE_MAX_WORDS = 60


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What deduplication keeps of a text: its exact hash, MinHash signature and shingles.

    ``paragraphs`` maps each story paragraph's hash to its shingles (sorted uint32 hashes, ~4
    bytes a word): the signature finds candidates, the shingles measure them exactly, and the
    paragraph hashes let an outlet's boilerplate be left out of an article stored before it
    was known to be boilerplate. (Estimates from 128 signature values err by +-0.1 in
    containment on a 60-word brief: enough to confuse a trimmed copy with a digest.)
    """

    text_hash: str
    signature: np.ndarray  # NUM_PERM uint32 values
    paragraphs: dict[int, np.ndarray]

    @property
    def shingles(self) -> int:
        return int(shingle_set(self.paragraphs).size)

    def signature_bytes(self) -> bytes:
        return self.signature.astype("<u4").tobytes()

    def paragraph_bytes(self) -> bytes:
        return encode_paragraphs(self.paragraphs)


def story_paragraphs(text: str) -> list[str]:
    """Return the paragraphs of ``text`` that are not boilerplate (all of them if none is left)."""
    blocks = _PARAGRAPH.split(text.strip())
    if len(blocks) == 1:
        blocks = text.splitlines()  # one paragraph a line, as trafilatura writes them
    paragraphs = [p.strip() for p in blocks if p.strip()]
    kept = [p for p in paragraphs if not _looks_like_boilerplate(p)]
    return kept or paragraphs


def _looks_like_boilerplate(paragraph: str) -> bool:
    if len(paragraph.split()) > _BOILERPLATE_MAX_WORDS:
        return False
    return bool(_BOILERPLATE.search(paragraph) or _BYLINE.match(paragraph))


def paragraph_hash(paragraph: str) -> int:
    """Return a signed 63-bit hash of a paragraph's lowercased words."""
    words = " ".join(_WORD.findall(paragraph.lower())).encode("utf-8")
    return int.from_bytes(hashlib.blake2b(words, digest_size=8, person=b"ewpara").digest(), "little") >> 1


def paragraph_shingles(paragraph: str) -> np.ndarray:
    """Return the sorted unique 32-bit hashes of a paragraph's word shingles."""
    words = _WORD.findall(paragraph.lower())
    if len(words) <= SHINGLE_WORDS:
        grams = [" ".join(words)] if words else []
    else:
        grams = [" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)]
    return np.unique(np.fromiter((zlib.crc32(g.encode("utf-8")) for g in grams), dtype=np.uint32, count=len(grams)))


def shingle_set(paragraphs: dict[int, np.ndarray], exclude: Iterable[int] = ()) -> np.ndarray:
    """Return the union of the paragraphs' shingles, without the ``exclude``d paragraphs.

    Exclusion is skipped when it would remove more than MAX_REPEATED_SHARE of the shingles.
    """
    every = [s for s in paragraphs.values()]
    total = sum(s.size for s in every)
    skip = set(exclude) & paragraphs.keys()
    if skip:
        kept = [s for h, s in paragraphs.items() if h not in skip]
        if sum(s.size for s in kept) >= (1 - MAX_REPEATED_SHARE) * total:
            every = kept
    if not every:
        return np.zeros(0, dtype=np.uint32)
    return np.unique(np.concatenate(every))


@lru_cache(maxsize=1)
def _template():
    from datasketch import MinHash

    # Building permutations draws NUM_PERM random pairs: do it once and copy.
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)


def fingerprint(text: str, exclude: Iterable[int] = ()) -> Fingerprint:
    """Return the Fingerprint of an article text (deterministic: same text, same fingerprint).

    ``exclude`` holds hashes of paragraphs known to be the outlet's boilerplate: they are
    left out of the signature (they stay in ``paragraphs``, marked by their hash).
    """
    paragraphs: dict[int, np.ndarray] = {}
    for paragraph in story_paragraphs(text):
        key = paragraph_hash(paragraph)
        if key not in paragraphs:
            paragraphs[key] = paragraph_shingles(paragraph)
    shingles = shingle_set(paragraphs, exclude)
    minhash = _template().copy()
    if shingles.size:
        # The shingles are already 32-bit hashes: MinHash hashes their bytes once more.
        minhash.update_batch([v.tobytes() for v in shingles.astype("<u4")])
    return Fingerprint(text_hash=text_hash(text), signature=np.asarray(minhash.hashvalues, dtype=np.uint32).copy(),
                       paragraphs=paragraphs)


def encode_paragraphs(paragraphs: dict[int, np.ndarray]) -> bytes:
    """Serialize {paragraph hash: shingles}: count, then (hash, size) pairs, then the shingles."""
    keys = list(paragraphs)
    head = np.array([len(keys)], dtype="<u8").tobytes()
    index = np.array([(k, paragraphs[k].size) for k in keys], dtype="<u8").reshape(-1).tobytes()
    body = b"".join(paragraphs[k].astype("<u4").tobytes() for k in keys)
    return head + index + body


def decode_paragraphs(data: bytes) -> dict[int, np.ndarray]:
    count = int(np.frombuffer(data[:8], dtype="<u8")[0])
    index = np.frombuffer(data[8:8 + 16 * count], dtype="<u8").reshape(count, 2)
    values = np.frombuffer(data[8 + 16 * count:], dtype="<u4").astype(np.uint32)
    out, at = {}, 0
    for key, size in index:
        out[int(key)] = values[at:at + int(size)]
        at += int(size)
    return out


def array_from_bytes(data: bytes) -> np.ndarray:
    """Return the uint32 array stored as ``data`` (a signature)."""
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)


def band_keys(signature: np.ndarray) -> list[int]:
    """Return one signed 63-bit key per LSH band (the band number is part of the key)."""
    raw = signature.astype("<u4")
    keys = []
    for band in range(BANDS):
        digest = hashlib.blake2b(raw[band * ROWS:(band + 1) * ROWS].tobytes(), digest_size=8,
                                 person=band.to_bytes(2, "little") + b"ewlsh").digest()
        keys.append(int.from_bytes(digest, "little") >> 1)  # fits a signed BIGINT
    return keys


@dataclass(frozen=True, slots=True)
class Similarity:
    jaccard: float
    containment: float
    smaller: int = 0  # shingles in the smaller text

    @property
    def score(self) -> float:
        return max(self.jaccard, self.containment)


def similarity(a: np.ndarray, b: np.ndarray) -> Similarity:
    """Return the Jaccard similarity and containment (of the smaller in the larger) of two
    shingle sets (sorted unique uint32 arrays)."""
    if a.size == 0 or b.size == 0:
        return Similarity(0.0, 0.0)
    common = int(np.intersect1d(a, b, assume_unique=True).size)
    jaccard = common / (a.size + b.size - common)
    smaller = min(a.size, b.size)
    containment = common / smaller if smaller >= MIN_SHINGLES_FOR_CONTAINMENT else jaccard
    return Similarity(jaccard, containment, int(smaller))


def estimated_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Return the Jaccard similarity estimated from two MinHash signatures."""
    return float(np.count_nonzero(a == b)) / NUM_PERM


def is_same_story(sim: Similarity) -> bool:
    """Return True when a pair's similarity says one story (see the thresholds above)."""
    bar = MIN_CONTAINMENT_SHORT if sim.smaller < SHORT_SHINGLES else MIN_CONTAINMENT
    return sim.jaccard >= MIN_JACCARD or sim.containment >= bar
