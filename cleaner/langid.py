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
from array import array
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import accumulate, islice
from operator import is_not, itemgetter

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
_WORD_SUMS_SIZE = 50_000  # words -> summed evidence (440 bytes each) and bound, replaced when full

_LETTER_RE = re.compile(r"[^\W\d_]")
# scripts in which one character is a syllable or a word: one such letter is enough
_LOGOGRAPHIC_RE = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# the same patterns langdetect removes before scoring
_URL_RE = re.compile(r"https?://[-_.?&~;+=/#0-9A-Za-z]{1,2076}")
_MAIL_RE = re.compile(r"[-_.0-9A-Za-z]{1,64}@[-_.0-9A-Za-z]{2,255}")
_LATIN_LETTER_RE = re.compile(r"[A-Za-z]")
_ASCII_LETTERS = tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
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
    log(alpha / BASE_FREQ + P(n-gram | language)), as langdetect multiplies them.

    Built one profile at a time (a profile's counts are kept as two small integer
    arrays, not as the parsed JSON), each column's logarithms taken over the whole
    column as one array, the stopword rows written into the matrix directly: the
    same float32 values as taking them over the whole matrix at once, at a third
    of the peak memory (a process that builds it peaks at about 130 MB, 364 MB
    before)."""

    def __init__(self) -> None:
        import numpy as np
        from langdetect.utils.ngram import NGram
        from langdetect.utils.unicode_block import unicode_block

        from cleaner import resources

        core = _core()
        self.langs = core["langs"]
        self.blocks = core["blocks"]
        self.table = core["table"]
        self.row_bound = core["row_bound"]
        self.unicode_block = unicode_block
        index = core["index"]
        prior = {}
        for line in resources.lines("langid/prior.txt"):
            lang, share = line.split()
            prior[lang] = float(share)
        self.log_prior = PRIOR_WEIGHT * np.log(
            np.array([prior.get(lang, PRIOR_FLOOR) for lang in self.langs]) / 100)
        self.word_cache: dict[str, bytes] = {}
        self.word_sums: dict[str, bytes] = {}  # word -> its rows' sum (float64 per language)
        # word -> the sum of its rows' row_bound (inf if a row is finer than _QUANTUM),
        # written with word_sums: when a text's sum is exact (see _word_evidence)
        self.word_bounds: dict[str, float] = {}
        self.block_rows = _BlockRows(self)  # character -> row of its Unicode block if a letter
        self.index = index
        self.np = np
        # languages merged under one ISO 639-1 code (zh-cn, zh-tw -> zh)
        merged = sorted({_ALIASES.get(lang, lang) for lang in self.langs})
        self.merged = merged
        self.columns = {m: np.array([j for j, lang in enumerate(self.langs) if _ALIASES.get(lang, lang) == m])
                        for m in merged}  # merged code -> its languages' columns
        self.merge = np.array([[float(_ALIASES.get(lang, lang) == m) for m in merged]
                               for lang in self.langs])
        # langdetect's per-character normalisation as one str.translate table
        self.translate = core["translate"]
        # it maps every white-space character to white space: the words of a
        # normalised text are then those of each of its words normalised, which
        # lets :meth:`_rows` cache the words as they are in the text
        self.by_word = all(self.translate.get(cp, chr(cp)).isspace()
                           for cp in range(0x10000) if chr(cp).isspace())
        self.normalize_vi = NGram.normalize_vi
        self.vi_marks = tuple(NGram.DMARK_CLASS)  # the combining marks it composes

    def ngrams(self, text: str) -> list[int]:
        """Rows of the n-grams of ``text``, as langdetect extracts them."""
        rows = self._rows(text)
        return list(memoryview(rows).cast("B").cast("i")) if rows else []

    def _rows(self, text: str) -> bytes:
        """:meth:`ngrams` as packed int32 (native order)."""
        words = self._words(text)
        cache = self._cached(words)
        return b"".join(map(cache.__getitem__, words))

    def _words(self, text: str) -> list[str]:
        """The words of ``text`` as :meth:`_rows` looks them up (each one's rows are
        those of its normalisation)."""
        if "://" in text:
            text = _URL_RE.sub(" ", text)
        if "@" in text:
            text = _MAIL_RE.sub(" ", text)
        if not text.isascii():
            if any(map(text.__contains__, self.vi_marks)):  # it changes nothing without them
                text = self.normalize_vi(text)
            # langdetect's cleaning_text: Latin letters go when other scripts have more
            # than twice as many (counted only if there are any: most text has none)
            non_latin = len(_NON_LATIN_RE.findall(text))
            if non_latin:
                latin = sum(map(text.count, _ASCII_LETTERS))  # as many as _LATIN_LETTER_RE finds
                if latin and latin * 2 < non_latin:
                    text = _LATIN_LETTER_RE.sub("", text)
        if not self.by_word:
            text = text.translate(self.translate)
        return text.split()

    def _cached(self, words: list[str]) -> dict[str, bytes]:
        """The word cache, holding ``words``: the words as they are in the text, each
        normalised (and split where the normalisation makes a space) when first seen."""
        cache = self.word_cache  # replaced, never cleared, when full: safe for threads
        missing = set(words).difference(cache)
        if missing:
            if len(cache) + len(missing) > _WORD_CACHE_SIZE:
                cache = self.word_cache = {}
                missing = set(words)
            word_rows = self._word_rows
            if not self.by_word:
                for word in missing:
                    cache[word] = array("i", word_rows(word)).tobytes()
                return cache
            table = self.translate
            for word in missing:
                parts = word.translate(table).split()
                if len(parts) == 1:  # most words: no normalised space inside
                    cache[word] = array("i", word_rows(parts[0])).tobytes()
                else:
                    cache[word] = array("i", [r for part in parts for r in word_rows(part)]).tobytes()
        return cache

    def _word_rows(self, word: str) -> list[int]:
        """Rows of a word's 1-, 2- and 3-grams (space-padded), of the word as a
        stopword, and of each letter's Unicode block, in this order (the order the
        evidence is summed in)."""
        if len(word) > 1 and word.isupper():
            return []  # langdetect skips all-capital words (acronyms, shouting)
        get = self.index.get
        padded = f" {word} "
        if len(padded) <= _GETTER_MAX:  # the n-grams in one C call (3 per letter + 3: a tuple)
            grams = _gram_getter(len(padded))(padded)
        else:
            grams = map(padded.__getitem__, _gram_slices(len(padded)))
        rows = list(filter(_NOT_NONE, map(get, grams)))
        k = get("\x01" + word.lower())
        if k is not None:
            rows.append(k)
        rows += filter(None, map(self.block_rows.__getitem__, word))  # block rows are never row 0
        return rows

    def score(self, text: str, top: int = 3) -> list[tuple[str, float]] | None:
        """The ``top`` most probable languages with their probabilities.

        The evidence is the sum of the rows of the text's n-grams, in float64.
        Where that sum is provably exact (:meth:`_word_evidence`), it does not
        depend on the order of its terms: it is then summed from the cached sums
        of the text's words (a few hundred terms instead of thousands of rows),
        bit for bit what the rows give; else from the rows, in their order."""
        np = self.np
        words = self._words(text)
        # (a short text has few rows: summing them costs less than the words' sums would)
        evidence = self._word_evidence(words) if len(words) >= _WORD_SUMS_MIN else None
        if evidence is None:
            packed = b"".join(map(self._cached(words).__getitem__, words))
            if not packed:
                return None
            rows = np.frombuffer(packed, dtype=np.int32)
            # take + add.reduce: what indexing and .sum do, without their Python-level wrappers
            evidence = np.add.reduce(self.table.take(rows, axis=0), axis=0, dtype=np.float64)
        elif evidence is _NO_EVIDENCE:
            return None
        logp = evidence * EVIDENCE_SCALE + self.log_prior
        logp -= logp.max()
        p = np.exp(logp)
        p = (p / p.sum()) @ self.merge
        best = np.argsort(-p, kind="stable")[:top]  # ties: alphabetical
        return [(self.merged[i], float(p[i])) for i in best]

    def _word_evidence(self, words: list[str]):
        """The sum of the rows of ``words`` (float64 per language) from the words'
        cached sums, where every partial sum of the rows, in any order, is exact:
        every term is a float32 that is a multiple of ``2**_QUANTUM`` and the sum
        of their magnitudes (the words' ``word_bounds``) is below ``2**(53 +
        _QUANTUM)``, so every partial sum is a float64 and no addition rounds (the
        words' own sums neither). None where that is not proven (a row finer
        than that, too much text, or another thread replaced the caches),
        ``_NO_EVIDENCE`` for words without n-grams."""
        sums, bounds = self.word_sums, self.word_bounds  # replaced, never cleared, when full
        try:
            packed = b"".join(map(sums.__getitem__, words))
        except KeyError:  # words not seen yet
            missing = set(words).difference(sums)
            if len(sums) + len(missing) > _WORD_SUMS_SIZE:
                sums, bounds = self._new_sums()
                missing = set(words)
            self._sum_words(missing, sums, bounds)
            packed = b"".join(map(sums.__getitem__, words))
        if not packed:
            return _NO_EVIDENCE
        try:
            total = sum(map(bounds.__getitem__, words))
        except KeyError:  # a thread replaced the caches between the lookups
            return None
        if total > _EXACT_LIMIT:
            return None  # (long Arabic or Persian text: the Arabic block's row is fine-grained)
        np = self.np
        return np.add.reduce(np.frombuffer(packed, dtype=np.float64).reshape(-1, len(self.langs)), axis=0)

    def _new_sums(self) -> tuple[dict[str, bytes], dict[str, float]]:
        """Replace the (full) word sums and bounds by empty ones, and return those."""
        sums: dict[str, bytes] = {}
        bounds: dict[str, float] = {}
        self.word_sums, self.word_bounds = sums, bounds
        return sums, bounds

    def shares(self, texts: list[str], lang: str) -> list[float]:
        """About the probability :meth:`score` gives ``lang``, for each text (see
        :func:`shares`), in one vectorised pass."""
        per_text = list(map(self._words, texts))
        sums, bounds = self.word_sums, self.word_bounds  # replaced, never cleared, when full: safe for threads
        missing = set().union(*per_text).difference(sums)
        if missing:
            if len(sums) + len(missing) > _WORD_SUMS_SIZE:
                sums, bounds = self._new_sums()
                missing = set().union(*per_text)
            self._sum_words(missing, sums, bounds)
        cols = self.columns.get(lang)
        get = sums.__getitem__
        packed = [b"".join(map(get, words)) for words in per_text]  # a word without n-grams adds b""
        found = [i for i, b in enumerate(packed) if b]
        out = [0.0] * len(texts)
        if cols is None or not found:
            return out
        np = self.np
        # the words' sums of each text, summed: one reduceat over the texts with evidence
        width = 8 * len(self.langs)
        starts = np.cumsum([0] + [len(packed[i]) // width for i in found[:-1]])
        words = np.frombuffer(b"".join(packed[i] for i in found), dtype=np.float64).reshape(-1, len(self.langs))
        logp = np.add.reduceat(words, starts, axis=0) * EVIDENCE_SCALE + self.log_prior
        p = np.exp(logp - logp.max(axis=1, keepdims=True))
        for i, share in zip(found, (p[:, cols].sum(axis=1) / p.sum(axis=1)).tolist()):
            out[i] = share
        return out

    def _sum_words(self, words: set[str], sums: dict[str, bytes], bounds: dict[str, float]) -> None:
        """Each word's evidence (its rows' sum, float64 per language) into ``sums``,
        for all the words in one reduceat; b"" for a word without n-grams. The sum
        of its rows' ``row_bound`` into ``bounds`` (see :meth:`_word_evidence`)."""
        rows_of = self._cached(list(words))
        have = [w for w in words if rows_of[w]]
        if len(have) < len(words):
            empty = [w for w in words if not rows_of[w]]
            bounds.update(dict.fromkeys(empty, 0.0))
            sums.update(dict.fromkeys(empty, b""))
        if have:
            np = self.np
            packed = list(map(rows_of.__getitem__, have))
            starts = list(accumulate([len(b) >> 2 for b in packed[:-1]], initial=0))
            rows = np.frombuffer(b"".join(packed), dtype=np.int32)
            per_word = np.add.reduceat(self.table.take(rows, axis=0), starts, axis=0, dtype=np.float64)
            # (first: a word in sums has its bound; only finished sums: another thread may be reading)
            bounds.update(zip(have, np.add.reduceat(self.row_bound.take(rows), starts).tolist()))
            sums.update(zip(have, map(bytes, per_word)))



def _build_core() -> dict:
    """What :class:`_Model` reads from langdetect's profiles and the stoplists: the
    languages, the row index (n-grams, then one row per Unicode block, then one
    per stopword), the blocks' names, the matrix, its rows' bounds and
    langdetect's normalisation table. Built one profile at a time (see
    :class:`_Model`)."""
    import numpy as np
    from langdetect.detector_factory import PROFILES_DIRECTORY
    from langdetect.utils.ngram import NGram
    from langdetect.utils.unicode_block import unicode_block

    from cleaner import resources

    names = sorted(f for f in os.listdir(PROFILES_DIRECTORY) if not f.startswith("."))
    langs = []
    index: dict[str, int] = {}
    gram_len: list[int] = []  # per row: the n of the n-gram
    counts: list[tuple] = []  # per profile: rows, counts, n_words
    # one more row per Unicode block: log P(a letter is in the block | language),
    # from the profiles' own 1-gram counts; it scores a letter that no profile
    # has as a 1-gram (a rare Han character, say) by its script alone
    blocks: dict[str, int] = {}
    block_mass: list[list[float]] = []
    for j, name in enumerate(names):
        with open(os.path.join(PROFILES_DIRECTORY, name), encoding="utf-8") as fh:
            p = json.load(fh)
        langs.append(p["name"])
        rows, cnts = [], []
        for gram, count in p["freq"].items():
            if 1 <= len(gram) <= 3:
                r = index.get(gram)
                if r is None:
                    r = index[gram] = len(index)
                    gram_len.append(len(gram))
                rows.append(r)
                cnts.append(count)
        counts.append((np.array(rows, dtype=np.int32), np.array(cnts, dtype=np.int32), p["n_words"]))
        n1 = p["n_words"][0]
        for gram, count in p["freq"].items():
            if len(gram) == 1:
                b = unicode_block(gram)
                if b not in blocks:
                    blocks[b] = len(blocks)
                    block_mass.append([0.0] * len(names))
                block_mass[blocks[b]][j] += count / n1
        del p
    n_grams = len(index)
    for b in blocks:
        index[f"\x00{b}"] = len(index)
    # one more row per stopword: 0 for the languages whose jusText stoplist
    # has it, -STOPWORD_WEIGHT for the others
    import justext

    n_prob = n_grams + len(blocks)
    stop_zero: tuple[list[int], list[int]] = ([], [])  # (row, language) with 0 instead of -weight
    for line in resources.lines("langid/stoplists.txt"):
        lang, name = line.split()
        if lang not in langs:
            continue
        j = langs.index(lang)
        for word in justext.get_stoplist(name):
            key = f"\x01{word.lower()}"
            if key not in index:
                index[key] = len(index)
            stop_zero[0].append(index[key])
            stop_zero[1].append(j)
    floor = ALPHA / BASE_FREQ
    table = np.empty((len(index), len(names)), dtype=np.float32)
    gram_len_arr = np.array(gram_len, dtype=np.int64)
    block_arr = np.array(block_mass, dtype=np.float64).reshape(len(blocks), len(names))
    column = np.empty(n_prob, dtype=np.float64)
    for j, (rows, cnts, n_words) in enumerate(counts):
        column[:] = 0.0
        # count / n_words of the n-gram's length: the division langdetect does
        column[rows] = cnts / np.array(n_words, dtype=np.float64)[gram_len_arr[rows] - 1]
        column[n_grams:] = block_arr[:, j]
        table[:n_prob, j] = np.log(column + floor)
    del counts, column
    table[n_prob:] = -STOPWORD_WEIGHT
    table[stop_zero[0], stop_zero[1]] = 0.0
    return {"langs": langs, "index": index, "blocks": blocks, "table": table,
            "row_bound": _row_bounds(np, table), "translate": _normalisation_table(NGram)}


# The matrix and what goes with it, cached on disk (``cleaner.cache``): building
# them takes about half a second per process (parsing 55 JSON profiles), loading
# them a few milliseconds, and the matrix (43 MB) is mapped read-only, so the
# worker processes of one machine share one copy of it in memory.
_CACHE_NAME = "langid"
_CACHE_FORMAT = b"langid core 1"


def _core_key() -> str:
    """A digest of every input of :func:`_build_core`: this module's code, the
    versions of numpy, langdetect and jusText, the profiles and the stoplists."""
    from importlib.metadata import version

    import numpy as np
    from langdetect.detector_factory import PROFILES_DIRECTORY

    import justext

    from cleaner import cache, resources

    parts: list[bytes | str] = [_CACHE_FORMAT, np.__version__, version("langdetect"), version("jusText")]
    with open(__file__, "rb") as fh:
        parts.append(fh.read())
    for name in sorted(f for f in os.listdir(PROFILES_DIRECTORY) if not f.startswith(".")):
        with open(os.path.join(PROFILES_DIRECTORY, name), "rb") as fh:
            parts += [name, fh.read()]
    stoplists = resources.lines("langid/stoplists.txt")
    parts += stoplists
    stop_dir = os.path.join(os.path.dirname(justext.__file__), "stoplists")
    for line in stoplists:
        with open(os.path.join(stop_dir, line.split()[1] + ".txt"), "rb") as fh:
            parts.append(fh.read())
    return cache.digest(parts)


def _write_core(directory, core: dict) -> None:
    import numpy as np

    np.save(os.path.join(directory, "table.npy"), core["table"], allow_pickle=False)
    np.save(os.path.join(directory, "row_bound.npy"), core["row_bound"], allow_pickle=False)
    strings = {"langs": core["langs"], "blocks": list(core["blocks"]),
               "translate": sorted(core["translate"].items())}
    with open(os.path.join(directory, "strings.json"), "w", encoding="utf-8") as fh:
        json.dump(strings, fh)
    # the row index's keys, one a line in row order (a JSON list of 200,000 strings
    # takes longer to parse than to build the dict)
    with open(os.path.join(directory, "index.txt"), "w", encoding="utf-8", errors="surrogatepass",
              newline="\n") as fh:
        fh.write("\n".join(core["index"]))


def _read_core(directory) -> dict:
    import numpy as np

    with open(os.path.join(directory, "strings.json"), encoding="utf-8") as fh:
        strings = json.load(fh)
    with open(os.path.join(directory, "index.txt"), encoding="utf-8", errors="surrogatepass", newline="\n") as fh:
        keys = fh.read().split("\n")
    table = np.asarray(np.load(os.path.join(directory, "table.npy"), mmap_mode="r", allow_pickle=False))
    row_bound = np.load(os.path.join(directory, "row_bound.npy"), allow_pickle=False)
    langs, blocks = strings["langs"], strings["blocks"]
    if table.dtype != np.float32 or table.shape != (len(keys), len(langs)) or row_bound.shape != (len(keys),):
        raise ValueError(f"damaged cache entry {directory}")
    return {"langs": langs, "index": dict(zip(keys, range(len(keys)))),
            "blocks": dict(zip(blocks, range(len(blocks)))), "table": table, "row_bound": row_bound,
            "translate": {int(cp): ch for cp, ch in strings["translate"]}}


def _core() -> dict:
    """:func:`_build_core`, from the disk cache when it holds this version's."""
    from cleaner import cache

    try:
        key = _core_key()
    except Exception:  # noqa: BLE001 - an input it cannot read or a package without metadata: no cache
        return _build_core()
    path = cache.lookup(_CACHE_NAME, key)
    if path is not None:
        try:
            return _read_core(path)
        except Exception:  # noqa: BLE001 - a damaged entry (truncated, edited): built again
            cache.discard(path)
    core = _build_core()
    if _cacheable(core):
        cache.publish(_CACHE_NAME, key, lambda directory: _write_core(directory, core))
    return core


def _cacheable(core: dict) -> bool:
    """Whether the index and the blocks are numbered in insertion order (what the
    cache stores: their keys in order), and no index key holds a line break (the
    keys are stored one a line)."""
    return (all(list(d.values()) == list(range(len(d))) for d in (core["index"], core["blocks"]))
            and not any("\n" in k for k in core["index"]))


def _row_bounds(np, table):
    """Per row of ``table`` (float32): the largest magnitude of its values (float64),
    or infinity where one of its values is not a multiple of ``2**_QUANTUM`` (a
    float32 ``m * 2**e`` with ``0.5 <= m < 1`` is a multiple of ``2**(e - 24)``).
    Computed in blocks of rows (no copy of the table)."""
    n = len(table)
    bound = np.empty(n, dtype=np.float64)
    step = 4096
    for lo in range(0, n, step):
        block = np.abs(table[lo:lo + step])
        bound[lo:lo + step] = block.max(axis=1)
        block[block == 0] = 1.0  # (zero is a multiple of anything)
        fine = np.frexp(block.min(axis=1))[1] - 24 < _QUANTUM
        bound[lo:lo + step][fine] = np.inf
    return bound


# Every value of the table but two (the Arabic block's row in the ar and fa
# columns, near 5e-5 and 7e-5) is at least 2**-13 in magnitude, so a multiple of
# 2**-36: a text whose rows all are and whose magnitudes sum to less than
# 2**(53 - 36) = 131072 has an exact sum (a text of MAX_CHARS characters has at
# most about 8,000 rows, each at most 9.91 in magnitude: about 80,000).
_QUANTUM = -36
_EXACT_LIMIT = math.ldexp(1.0 - 1e-9, 53 + _QUANTUM)  # (a margin for the rounding of the bounds' sum)
_NO_EVIDENCE = object()
_WORD_SUMS_MIN = 24  # texts of fewer words are summed from their rows


_NOT_NONE = partial(is_not, None)


@lru_cache(maxsize=64)
def _gram_slices(n: int) -> tuple[slice, ...]:
    """The slices of a string of length ``n`` that cut its 1-, then 2-, then 3-grams."""
    return tuple(slice(i, i + k) for k in (1, 2, 3) for i in range(n - k + 1))


class _GramGetters(dict):
    """Length ``n`` (at least 3) -> an ``itemgetter`` of :func:`_gram_slices` ``(n)``:
    called on a string of that length, the tuple of its 1-, 2- and 3-grams."""

    def __missing__(self, n: int) -> itemgetter:
        getter = self[n] = itemgetter(*_gram_slices(n))
        return getter


_gram_getter = _GramGetters().__getitem__
_GETTER_MAX = 64  # padded lengths with a getter (longer words are rare: sliced one by one)


class _BlockRows(dict):
    """Character -> the row of its Unicode block for a letter, None otherwise;
    filled on first use."""

    def __init__(self, model: "_Model") -> None:
        super().__init__()
        self._model = model

    def __missing__(self, ch: str) -> int | None:
        row = None
        if ch.isalpha():
            row = self._model.index.get(f"\x00{self._model.unicode_block(ch)}")
        self[ch] = row
        return row


def _release_free_memory() -> None:
    """Give the memory freed after parsing the profiles back to the system (glibc
    keeps it otherwise: some 50 MB of resident memory per process)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


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
    model = _Model()
    _release_free_memory()  # what building it freed
    return model


def languages() -> tuple[str, ...]:
    """The languages the shipped profiles know (ISO 639-1)."""
    return tuple(_model().merged)


def shares(texts: list[str], lang: str, *, max_chars: int = MAX_CHARS) -> list[float]:
    """About the probability :func:`detect` gives ``lang`` for each text (among all
    languages, not only its three candidates; 0.0 where it says ``"und"``), to
    within a relative 1e-6, at a fraction of the cost: a screen.

    The evidence is the same terms summed in another order, word by word, each
    word's sum cached, and the texts are scored together. The order changes the last
    bits of the float sum (at most 8,000 terms of size <= 10 from ``max_chars``: an
    error under 1e-7 in the log-probabilities), so a decision on ``detect`` needs a
    margin: ``shares([s], "de")[0] > 0.2`` proves that no other language gets 0.9
    from ``detect(s)``.

    >>> texts = ["Les enfants jouent dans le jardin pendant que leurs parents discutent.",
    ...          "Die Regierung will das Gesetz vor der Sommerpause verabschieden.", "12:45 !!"]
    >>> [round(p, 2) for p in shares(texts, "fr")]
    [1.0, 0.0, 0.0]
    """
    samples = [text[:max_chars] for text in texts]
    scored = [i for i, sample in enumerate(samples)
              if next(islice(_LETTER_RE.finditer(sample), MIN_LETTERS - 1, None), None) is not None
              or _LOGOGRAPHIC_RE.search(sample)]  # the others detect says "und"
    out = [0.0] * len(texts)
    if scored:  # (the model is built on first use only)
        for i, share in zip(scored, _model().shares([samples[i] for i in scored], lang)):
            out[i] = share
    return out


def detect(text: str, *, max_chars: int = MAX_CHARS) -> Guess:
    """The most probable language of ``text`` with its probability.

    Only the first ``max_chars`` characters are scored (a bounded sample; the
    language of a web document is settled long before that)."""
    sample = text[:max_chars]
    if (next(islice(_LETTER_RE.finditer(sample), MIN_LETTERS - 1, None), None) is None
            and not _LOGOGRAPHIC_RE.search(sample)):  # fewer than MIN_LETTERS letters
        return UNDETERMINED_GUESS
    ranked = _model().score(sample)
    if not ranked:
        return UNDETERMINED_GUESS
    return Guess(ranked[0][0], ranked[0][1], tuple(ranked[:3]))
