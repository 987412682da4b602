"""Shingles, fingerprints, LSH band keys and the similarity measures (pure functions)."""
from __future__ import annotations

import numpy as np
from corpus_helpers import example_text

from eventwire.corpus import dedup

A = example_text("20a-eu-madagascar-sanctions-threat.txt")
B = example_text("20b-eu-madagascar-sanctions-threat.txt")
OTHER = example_text("03-durban-port-strike.txt")


def sim(a: str, b: str) -> dedup.Similarity:
    fa, fb = dedup.fingerprint(a), dedup.fingerprint(b)
    return dedup.similarity(dedup.shingle_set(fa.paragraphs), dedup.shingle_set(fb.paragraphs))


def test_fingerprints_are_deterministic_and_round_trip():
    one, two = dedup.fingerprint(A), dedup.fingerprint(A)
    assert np.array_equal(one.signature, two.signature) and one.signature.size == dedup.NUM_PERM
    decoded = dedup.decode_paragraphs(one.paragraph_bytes())
    assert decoded.keys() == one.paragraphs.keys()
    assert all(np.array_equal(decoded[k], one.paragraphs[k]) for k in decoded)
    assert np.array_equal(dedup.array_from_bytes(one.signature_bytes()), one.signature)


def test_band_keys_fit_a_signed_bigint_and_differ_by_band():
    keys = dedup.band_keys(dedup.fingerprint(A).signature)
    assert len(keys) == dedup.BANDS and len(set(keys)) == dedup.BANDS
    assert all(0 <= k < 2**63 for k in keys)


def test_syndicated_pair_is_one_story_and_a_distinct_story_is_not():
    pair = sim(A, B)
    assert dedup.is_same_story(pair) and pair.jaccard > 0.6
    assert not dedup.is_same_story(sim(A, OTHER)) and sim(A, OTHER).jaccard < 0.05


def test_reordered_and_trimmed_copies_keep_high_containment():
    headline, *paragraphs = A.strip().split("\n\n")
    reordered = "\n\n".join([headline, paragraphs[0], paragraphs[2], paragraphs[1], *paragraphs[3:]])
    assert sim(A, reordered).jaccard == 1.0  # shingles never cross paragraphs
    brief = "\n\n".join(["Another Headline Entirely", *paragraphs[:2]])
    trimmed = sim(A, brief)
    assert trimmed.jaccard < dedup.MIN_JACCARD and trimmed.containment > 0.9 and dedup.is_same_story(trimmed)


def test_boilerplate_paragraphs_are_left_out():
    noisy = ("By Amina Okafor, Eastlake Wire\n\n" + A + "\n\nREAD MORE: Floods hit Honduras\n\n"
             "Copyright Eastlake Wire. All rights reserved.\n\nSign up for our newsletter.")
    assert sim(A, noisy).jaccard == 1.0
    # A story paragraph that merely starts with "By" is not a byline.
    assert "By Tuesday evening police had detained nine people." in dedup.story_paragraphs(
        "Headline\n\nBy Tuesday evening police had detained nine people.")


def test_excluded_paragraphs_are_skipped_unless_they_are_most_of_the_text():
    fp = dedup.fingerprint(A)
    keys = list(fp.paragraphs)
    full = dedup.shingle_set(fp.paragraphs)
    assert dedup.shingle_set(fp.paragraphs, keys[-1:]).size < full.size
    assert dedup.shingle_set(fp.paragraphs, keys).size == full.size  # everything "repeated": keep it


def test_very_short_texts_use_jaccard_not_containment():
    short = "Police detained nine people."
    s = sim(A + "\n\n" + short, short)
    assert s.containment == s.jaccard
    assert not dedup.is_same_story(s)
