"""Language identification over langdetect's shipped profiles, deterministic and fast.

langdetect scores a text by multiplying, for n-grams drawn *at random* from it,
the per-language probabilities of its shipped profiles (55 languages, 1- to
3-grams), restarting seven times. Here the same profiles and the same smoothing
are used, but every n-gram of a bounded sample counts exactly once, in log
space, in one vectorised sum (``numpy``): no random sampling, so the same text
gets the same answer in every process and run, short lines are scored from all
their evidence instead of a random subset, and a call costs a few dozen
microseconds instead of milliseconds. Text with too few letters gets ``"und"``
(undetermined), never an exception.

The text is prepared as langdetect prepares it (URLs and e-mail addresses
removed, its per-character normalisation of scripts and Latin punctuation,
Vietnamese diacritics composed, Latin letters dropped from text written mostly
in another script, all-capital words skipped), so the profiles see the n-grams
they were built from.

>>> detect("Les enfants jouent dans le jardin pendant que leurs parents discutent.").lang
'fr'
>>> detect("12:45 !!").lang
'und'
>>> detect("Guten Morgen").lang
'de'
"""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass
from functools import lru_cache

UNDETERMINED = "und"
MIN_LETTERS = 3  # below this many letters, there is nothing to identify
MAX_CHARS = 2000  # a bounded sample: the first characters decide

# langdetect's smoothing: every n-gram probability gets alpha / BASE_FREQ added
ALPHA = 0.5
BASE_FREQ = 10000
# 1-, 2- and 3-grams overlap (each letter is in up to six of them); the summed
# log-likelihood is scaled down by this before the softmax so that the reported
# probability is a usable confidence rather than 1.0 for any sentence
EVIDENCE_SCALE = 1 / 3
# weight of the log prior (``data/langid/prior.txt``, how common each language
# is on the web) added to the scaled log-likelihood
PRIOR_WEIGHT = 1.0
# a word on some languages' stoplists (``data/langid/stoplists.txt``) costs the
# languages whose stoplist lacks it this much log-likelihood (before scaling)
STOPWORD_WEIGHT = 8.0
PRIOR_FLOOR = 0.01  # percent, for a profile missing from the prior file
_WORD_CACHE_SIZE = 100_000  # words -> n-gram rows, cleared when full

_LETTER_RE = re.compile(r"[^\W\d_]")
# scripts in which one character is a syllable or a word: one such letter is enough
_LOGOGRAPHIC_RE = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# the same patterns langdetect removes before scoring
_URL_RE = re.compile(r"https?://[-_.?&~;+=/#0-9A-Za-z]{1,2076}")
_MAIL_RE = re.compile(r"[-_.0-9A-Za-z]{1,64}@[-_.0-9A-Za-z]{2,255}")
_LATIN_LETTER_RE = re.compile(r"[A-Za-z]")
_NON_LATIN_RE = re.compile(r"[^\x00-\u02ff\u1e00-\u1eff]")
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


class _Model:
    """The profiles as one matrix: row = n-gram, column = language, value =
    log(alpha / BASE_FREQ + P(n-gram | language)), as langdetect multiplies them."""

    def __init__(self) -> None:
        import numpy as np
        from langdetect.detector_factory import PROFILES_DIRECTORY
        from langdetect.utils.ngram import NGram

        from cleaner import resources

        names = sorted(f for f in os.listdir(PROFILES_DIRECTORY) if not f.startswith("."))
        profiles = []
        for name in names:
            with open(os.path.join(PROFILES_DIRECTORY, name), encoding="utf-8") as fh:
                profiles.append(json.load(fh))
        self.langs = [p["name"] for p in profiles]
        index: dict[str, int] = {}
        for p in profiles:
            for gram in p["freq"]:
                if 1 <= len(gram) <= 3:
                    index.setdefault(gram, len(index))
        floor = ALPHA / BASE_FREQ
        probs = np.zeros((len(index), len(profiles)), dtype=np.float64)
        for j, p in enumerate(profiles):
            n_words = p["n_words"]
            for gram, count in p["freq"].items():
                if 1 <= len(gram) <= 3:
                    probs[index[gram], j] = count / n_words[len(gram) - 1]
        # one more row per Unicode block: log P(a letter is in the block | language),
        # from the profiles' own 1-gram counts; it scores a letter that no profile
        # has as a 1-gram (a rare Han character, say) by its script alone
        from langdetect.utils.unicode_block import unicode_block

        blocks: dict[str, int] = {}
        block_mass: list[list[float]] = []
        for j, p in enumerate(profiles):
            n1 = p["n_words"][0]
            for gram, count in p["freq"].items():
                if len(gram) == 1:
                    b = unicode_block(gram)
                    if b not in blocks:
                        blocks[b] = len(blocks)
                        block_mass.append([0.0] * len(profiles))
                    block_mass[blocks[b]][j] += count / n1
        for b in blocks:
            index[f"\x00{b}"] = len(index)
        probs = np.vstack([probs, np.array(block_mass)])
        # one more row per stopword: 0 for the languages whose jusText stoplist
        # has it, -STOPWORD_WEIGHT for the others
        import justext

        stop_rows = []
        for line in resources.lines("langid/stoplists.txt"):
            lang, name = line.split()
            if lang not in self.langs:
                continue
            j = self.langs.index(lang)
            for word in justext.get_stoplist(name):
                key = f"\x01{word.lower()}"
                if key not in index:
                    index[key] = len(index)
                    stop_rows.append(np.full(len(profiles), -STOPWORD_WEIGHT))
                stop_rows[index[key] - len(probs)][j] = 0.0
        self.blocks = blocks
        self.unicode_block = unicode_block
        table = np.log(probs + floor)
        if stop_rows:
            table = np.vstack([table, np.array(stop_rows)])
        self.table = table.astype(np.float32)
        prior = {}
        for line in resources.lines("langid/prior.txt"):
            lang, share = line.split()
            prior[lang] = float(share)
        self.log_prior = PRIOR_WEIGHT * np.log(
            np.array([prior.get(lang, PRIOR_FLOOR) for lang in self.langs]) / 100)
        self.word_cache: dict[str, list[int]] = {}
        self.index = index
        self.np = np
        # languages merged under one ISO 639-1 code (zh-cn, zh-tw -> zh)
        merged = sorted({_ALIASES.get(lang, lang) for lang in self.langs})
        self.merged = merged
        self.merge = np.array([[float(_ALIASES.get(lang, lang) == m) for m in merged]
                               for lang in self.langs])
        # langdetect's per-character normalisation as one str.translate table
        self.translate = _normalisation_table(NGram)
        self.normalize_vi = NGram.normalize_vi

    def ngrams(self, text: str) -> list[int]:
        """Rows of the n-grams of ``text``, as langdetect extracts them."""
        if "://" in text:
            text = _URL_RE.sub(" ", text)
        if "@" in text:
            text = _MAIL_RE.sub(" ", text)
        if not text.isascii():
            text = self.normalize_vi(text)
            latin = len(_LATIN_LETTER_RE.findall(text))
            if latin and latin * 2 < len(_NON_LATIN_RE.findall(text)):
                text = _LATIN_LETTER_RE.sub("", text)  # langdetect's cleaning_text
        text = text.translate(self.translate)
        cache = self.word_cache
        out: list[int] = []
        for word in text.split():
            rows = cache.get(word)
            if rows is None:
                if len(cache) >= _WORD_CACHE_SIZE:
                    cache.clear()
                rows = cache[word] = self._word_rows(word)
            out += rows
        return out

    def _word_rows(self, word: str) -> list[int]:
        if len(word) > 1 and word.isupper():
            return []  # langdetect skips all-capital words (acronyms, shouting)
        index = self.index
        padded = f" {word} "
        n = len(padded)
        grams = [padded[i:i + k] for k in (1, 2, 3) for i in range(n - k + 1)]
        rows = [k for k in map(index.get, grams) if k is not None]
        k = index.get(f"\x01{word.lower()}")
        if k is not None:
            rows.append(k)
        for ch in word:
            if ch.isalpha():
                k = index.get(f"\x00{self.unicode_block(ch)}")
                if k is not None:
                    rows.append(k)
        return rows

    def score(self, text: str, top: int = 3) -> list[tuple[str, float]] | None:
        """The ``top`` most probable languages with their probabilities."""
        rows = self.ngrams(text)
        if not rows:
            return None
        np = self.np
        logp = self.table[rows].sum(axis=0, dtype=np.float64) * EVIDENCE_SCALE + self.log_prior
        logp -= logp.max()
        p = np.exp(logp)
        p = (p / p.sum()) @ self.merge
        best = np.argsort(-p, kind="stable")[:top]  # ties: alphabetical
        return [(self.merged[i], float(p[i])) for i in best]


def _normalisation_table(NGram) -> dict[int, str]:
    """``NGram.normalize`` for every BMP character whose normalisation differs."""
    table: dict[int, str] = {}
    for cp in range(0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        norm = NGram.normalize(ch)
        if norm != ch:
            table[cp] = norm
    return table


@lru_cache(maxsize=1)
def _model() -> _Model:
    return _Model()


def languages() -> tuple[str, ...]:
    """The languages the shipped profiles know (ISO 639-1)."""
    return tuple(_model().merged)


def detect(text: str, *, max_chars: int = MAX_CHARS) -> Guess:
    """The most probable language of ``text`` with its probability.

    Only the first ``max_chars`` characters are scored (a bounded sample; the
    language of a web document is settled long before that)."""
    sample = text[:max_chars]
    if len(_LETTER_RE.findall(sample)) < MIN_LETTERS and not _LOGOGRAPHIC_RE.search(sample):
        return UNDETERMINED_GUESS
    ranked = _model().score(sample)
    if not ranked:
        return UNDETERMINED_GUESS
    return Guess(ranked[0][0], ranked[0][1], tuple(ranked[:3]))
