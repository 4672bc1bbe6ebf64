"""Language identification over langdetect's shipped profiles, deterministic.

langdetect keeps a module-level factory and samples n-grams at random; here a
private :class:`langdetect.DetectorFactory` is built once per process with a fixed
seed, so the same text gets the same answer in every process and run. Text with
too few letters gets ``"und"`` (undetermined), never an exception.

>>> detect("Les enfants jouent dans le jardin pendant que leurs parents discutent.").lang
'fr'
>>> detect("12:45 !!").lang
'und'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

UNDETERMINED = "und"
MIN_LETTERS = 3  # below this many letters, there is nothing to identify
MAX_CHARS = 2000  # a bounded sample: the first characters decide

_LETTER_RE = re.compile(r"[^\W\d_]")
# langdetect names a few languages by region; cleaner reports ISO 639-1
_ALIASES = {"zh-cn": "zh", "zh-tw": "zh"}


@dataclass(frozen=True, slots=True)
class Guess:
    lang: str
    confidence: float
    candidates: tuple[tuple[str, float], ...] = ()

    def to_dict(self) -> dict:
        return {"lang": self.lang, "confidence": round(self.confidence, 4),
                "candidates": [{"lang": lang, "prob": round(p, 4)} for lang, p in self.candidates]}


UNDETERMINED_GUESS = Guess(UNDETERMINED, 0.0)


@lru_cache(maxsize=1)
def _factory():
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.seed = 0
    return factory


def languages() -> tuple[str, ...]:
    """The languages the shipped profiles know (ISO 639-1)."""
    return tuple(sorted({_ALIASES.get(lang, lang) for lang in _factory().langlist}))


def detect(text: str, *, max_chars: int = MAX_CHARS) -> Guess:
    """The most probable language of ``text`` with its probability."""
    sample = text[:max_chars]
    if len(_LETTER_RE.findall(sample, 0, len(sample))) < MIN_LETTERS:
        return UNDETERMINED_GUESS
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory().create()
    detector.append(sample)
    try:
        probs = detector.get_probabilities()
    except LangDetectException:
        return UNDETERMINED_GUESS
    if not probs:
        return UNDETERMINED_GUESS
    merged: dict[str, float] = {}
    for p in probs:
        lang = _ALIASES.get(p.lang, p.lang)
        merged[lang] = merged.get(lang, 0.0) + p.prob
    ranked = sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))
    return Guess(ranked[0][0], ranked[0][1], tuple(ranked[:3]))
