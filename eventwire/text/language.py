"""Language identification with py3langid (its model ships inside the package)."""
from __future__ import annotations

from functools import lru_cache

# py3langid's normalized probability on real English wire copy is often low (0.3-0.6:
# names and datelines look foreign), while another language's text scores above 0.95.
# So reject only a confident non-English call on enough text.
MIN_REJECT_PROBABILITY = 0.9
MIN_CHARS_TO_JUDGE = 60


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """Return (ISO 639-1 code, probability) for the first few thousand characters."""
    lang, prob = _identifier().classify(text[:4000])
    return str(lang), float(prob)


def judge_language(text: str, accepted: tuple[str, ...]) -> tuple[str, str | None]:
    """Return (language to record, rejection reason or None)."""
    if len(text.strip()) < MIN_CHARS_TO_JUDGE:
        return accepted[0], None
    lang, prob = detect_language(text)
    if lang in accepted or prob < MIN_REJECT_PROBABILITY:
        return (lang if lang in accepted else accepted[0]), None
    return lang, f"not English (detected: {lang}, p={prob:.2f}); eventwire codes {', '.join(accepted)} only"
