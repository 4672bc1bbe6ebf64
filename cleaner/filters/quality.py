"""Document quality: named signals, published rule sets, a verdict and a score.

Runs last (stage 100), on the cleaned text. It computes every signal once
(:func:`compute_signals`), records them in the report's ``signals`` section,
tests the selected rule sets (Gopher, C4, FineWeb, with the thresholds their
papers and datatrove publish; see ``cleaner/data/quality/rules.json``) and emits
one drop flag (``Q1xx``) per failed rule, with the value and the threshold. The
``quality_score`` in ``scores`` is in [0, 1] for users who weight rather than drop.

Tokens are counted the way datatrove counts them (spaCy's tokenizer: words, and
punctuation marks as tokens of their own), so the published thresholds mean what
they mean there.

>>> from cleaner import Pipeline
>>> r = Pipeline([Quality()])("Buy now! Buy now! Buy now!")
>>> r.keep, [c.code for c in r.report.verdict.reasons][:3]
(False, ['Q101', 'Q110', 'Q115'])
>>> r.report.signals["word_count"]
6
"""

from __future__ import annotations

import dataclasses

import math
import re
from operator import add, itemgetter, methodcaller, mul
from collections import Counter
from itertools import accumulate, chain, compress, count, repeat
from dataclasses import dataclass
from bisect import bisect_right
from functools import lru_cache
from typing import Any, Iterator, Mapping

from cleaner import resources
from cleaner.document import outer_edits
from cleaner.errors import ConfigError
from cleaner.filters.base import Filter, register
from cleaner.findings import Annotation, DocumentFlag, Finding
from cleaner.rules import Rule

# --- tokens ------------------------------------------------------------------------
# Words and punctuation marks, split the way spaCy's tokenizer splits text (which is
# what datatrove's Gopher and FineWeb filters count). Marks are split off at the
# edges of a word and kept inside it ("a.b", "3,000", "Covid-19", "c’est"), except
# "," ":" "/" "=" and dashes before a letter ("pro-Iranian" -> pro - Iranian) and
# English clitics ("Peter's" -> Peter 's). URLs and "U.S." stay whole; "..." and
# "--" are one token. Every class below is disjoint from the word characters, so
# each repetition needs a new character of another class: linear time.
_ALWAYS = "…©®°™"  # split off wherever they are
_EDGE = r".;!?*#$£€¥%&§·_\"“”„‘«»‹›()\[\]{}"  # split at the edges, kept inside a word
_INFIX = ",:/<>=–—"  # split at the edges and before a letter
_WORD_CH = rf"[^\s{_ALWAYS}{_EDGE}{_INFIX}'’\-]"
_LETTER = r"[^\W\d_]"
_CLITIC = r"(?:[sSmd]|re|ll|ve|t)\b"
_UPPER = "A-ZÀ-ÖØ-ÞА-ЯЁ"


@lru_cache(maxsize=1)
def _token_re() -> re.Pattern[str]:
    abbreviations = "|".join(sorted(map(re.escape, resources.lines("quality/abbreviations.txt")),
                                    key=len, reverse=True))
    return re.compile(
        r"(?:https?://|www\.)\S*[^\s.,;:!?)\]}\"'»”’]"
        rf"|(?:{_LETTER}\.){{2,}}"
        rf"|(?<![\w.'’-])(?:{abbreviations}|{_LETTER})\.(?![^\W_])"
        rf"|(?:(?<![^\W_])-+)?{_WORD_CH}+(?:(?:[{_EDGE}]+|[{_INFIX}](?!{_LETTER})|(?<!\d)-+(?!{_LETTER})"
        rf"|(?<![^\W_])-+|['’](?!{_CLITIC})){_WORD_CH}+)*"
        rf"(?:(?<=[{_UPPER}])(?<![{_UPPER}]{{2}})\.(?![^\W_]))?(?:-+(?![^\W_]))?"
        rf"|(?<=\w)['’]{_CLITIC}"
        r"|\.{2,}|-{2,}"
        r"|\S"
    )


# A word of letters and one of these marks is two tokens: no alternative of the
# pattern joins the mark to the letters before it or starts at the mark but \S.
_SPLIT_AFTER_WORD = frozenset(',:;!?)"”')
_UPPER_RE = re.compile(f"[{_UPPER}]")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(resources.lines("quality/abbreviations.txt"))


def _word_and_period(chunk: str) -> bool:
    """Whether ``chunk`` is a word of letters and a period that the pattern splits
    off: not an abbreviation or a single letter ("Dr.", "A.") and not after one
    capital ("McD." keeps it)."""
    w = chunk[:-1]
    return (chunk[-1] == "." and len(w) > 1 and w.isalpha() and not _UPPER_RE.match(w[-1])
            and w not in _abbreviations())


_ALPHA_RE = re.compile(r"[^\W\d_]")
_LAST = itemgetter(-1)
_PARAGRAPH_SPLIT_RE = re.compile(r"\n{2,}")
_LINE_SPLIT_RE = re.compile(r"\n+")
_CITATION_RE = re.compile(r"\[\d{0,10}\]|\[edit\]|\[citation needed\]")
_TOP_NGRAMS = (2, 3, 4)
_DUP_NGRAMS = (5, 6, 7, 8, 9, 10)
# Languages whose words are not separated by spaces: word counts mean nothing there.
_UNSPACED = frozenset({"zh", "ja", "th", "lo", "km", "my", "bo"})
# the signals counted over whitespace tokens: in an unspaced language a token is a
# clause or a sentence, and none of them says anything (a Chinese article has 30
# "words" of 40 characters, and no stop word)
_TOKEN_SIGNALS = frozenset({
    "word_count", "mean_word_length", "hash_word_ratio", "ellipsis_word_ratio", "alpha_word_share",
    "alpha_whitespace_word_share", "stop_word_count",
    *(f"top_{n}gram_char_share" for n in _TOP_NGRAMS), *(f"dup_{n}gram_char_share" for n in _DUP_NGRAMS)})


def tokens(text: str) -> list[str]:
    """Words and punctuation marks, as datatrove's (spaCy) tokenizer splits them.

    >>> tokens("Monday’s U.S. pro-Iranian 3,000 troops... don't")
    ['Monday', '’s', 'U.S.', 'pro', '-', 'Iranian', '3,000', 'troops', '...', 'don', "'t"]
    """
    return _tokens_of(text.split())[0]


def _tokens_re(text: str) -> list[str]:
    """:func:`tokens` by the pattern alone, over the whole text (the reference the
    cached tokenizer is tested against)."""
    return _token_re().findall(text)


# No token contains white space, and at the edge of a whitespace-separated chunk
# every lookaround of the pattern sees the same thing as at the edge of the text (a
# character that is not a letter, digit, mark or apostrophe): so the tokens of a
# text are the tokens of its chunks, one after the other, and a chunk's tokens can
# be cached (words repeat: the cache answers most chunks).
class _TokenCache:
    """Chunk -> tokens and whether it has a letter; token -> its length if it is a
    word (0 for punctuation) and whether it has a letter. Values are functions of
    the keys; a full cache is replaced (never cleared under a reader's feet), so
    threads sharing it see the entries they put in."""

    __slots__ = ("chunks", "chunk_alpha", "word_len", "alpha", "chunk_counts", "chunk_chars")

    def __init__(self) -> None:
        self.chunks: dict[str, tuple[str, ...]] = {}
        self.chunk_alpha: dict[str, int] = {}
        self.word_len: dict[str, int] = {}
        self.alpha: dict[str, int] = {}
        # per kept chunk, its tokens' sums: words + tokens with a letter * _FIELD +
        # (the chunk has a letter) * _FIELD ** 2; and the words' characters
        self.chunk_counts: dict[str, int] = {}
        self.chunk_chars: dict[str, int] = {}


_CACHE = _TokenCache()
_FIELD = 1 << 21  # a field of the packed per-chunk counts (a sum over fewer tokens cannot carry over)
_CACHE_SIZE = 100_000  # chunks
_CACHE_MAX_CHUNK = 100  # longer chunks are tokenised every time, not kept


def _tokens_of(chunks: list[str]) -> tuple[list[str], _TokenCache]:
    """The tokens of whitespace-separated ``chunks``, in order, and the cache that
    has every one of them and every chunk of at most ``_CACHE_MAX_CHUNK`` characters."""
    global _CACHE
    cache = _CACHE
    missing = set(chunks).difference(cache.chunks)
    long: dict[str, tuple[str, ...]] = {}
    if missing:
        if len(cache.chunks) + len(missing) > _CACHE_SIZE or len(cache.word_len) > 4 * _CACHE_SIZE:
            cache = _CACHE = _TokenCache()
            missing = set(chunks)
        findall = _token_re().findall
        alpha = _ALPHA_RE.search
        punct = punctuation()
        word_len, tok_alpha = cache.word_len, cache.alpha
        chunk_toks, chunk_alpha = cache.chunks, cache.chunk_alpha
        chunk_counts, chunk_chars = cache.chunk_counts, cache.chunk_chars
        if _letters_are_words():
            # a chunk of letters only is one word token (every other alternative of
            # the pattern needs a mark, a dot or an apostrophe) with a letter, and a
            # word (no letter is punctuation): its entries in bulk, at C speed
            letters = [c for c in filter(str.isalpha, missing) if len(c) <= _CACHE_MAX_CHUNK]
            if letters:
                sizes = list(map(len, letters))
                word_len.update(zip(letters, sizes))
                tok_alpha.update(dict.fromkeys(letters, 1))
                chunk_alpha.update(dict.fromkeys(letters, 1))
                # (words, tokens with a letter, a letter in the chunk), packed
                chunk_counts.update(dict.fromkeys(letters, 1 + _FIELD + _FIELD * _FIELD))
                chunk_chars.update(zip(letters, sizes))
                chunk_toks.update(zip(letters, zip(letters)))  # last (threads); zip(x): 1-tuples
                missing.difference_update(letters)
        for chunk in missing:
            if chunk.isalpha():
                toks: tuple[str, ...] = (chunk,)  # (as above)
                if chunk not in word_len:
                    word_len[chunk] = 0 if punct.issuperset(chunk) else len(chunk)
                    tok_alpha[chunk] = 1
                has_alpha = 1
                n_chars = word_len[chunk]
                counts = (1 if n_chars else 0) + _FIELD + _FIELD * _FIELD
            else:
                if (chunk[-1] in _SPLIT_AFTER_WORD and chunk[:-1].isalpha()) or _word_and_period(chunk):
                    toks = (chunk[:-1], chunk[-1])  # "word," "word." : the commonest shapes
                else:
                    toks = tuple(findall(chunk))
                n_chars = counts = 0
                for t in toks:
                    if t not in word_len:
                        word_len[t] = 0 if punct.issuperset(t) else len(t)
                        tok_alpha[t] = 1 if alpha(t) else 0
                    n = word_len[t]
                    n_chars += n
                    counts += (1 if n else 0) + tok_alpha[t] * _FIELD
                has_alpha = 1 if alpha(chunk) else 0
                counts += has_alpha * _FIELD * _FIELD
            if len(chunk) > _CACHE_MAX_CHUNK:
                long[chunk] = toks
            else:
                chunk_alpha[chunk] = has_alpha
                chunk_counts[chunk] = counts
                chunk_chars[chunk] = n_chars
                chunk_toks[chunk] = toks  # last: a chunk in ``chunks`` has all its entries (threads)
    if long:
        get = cache.chunks.get
        return [t for c in chunks for t in (get(c) or long[c])], cache
    return list(chain.from_iterable(map(cache.chunks.__getitem__, chunks))), cache


@lru_cache(maxsize=None)
def _charset(name: str) -> frozenset[str]:
    return frozenset(chr(int(line.split("#")[0].strip()[2:], 16)) for line in resources.lines(name))


def punctuation() -> frozenset[str]:
    """Characters that do not make a token a word (``data/quality/punctuation.txt``)."""
    return _charset("quality/punctuation.txt")


@lru_cache(maxsize=1)
def _letters_are_words() -> bool:
    """Whether no letter is a punctuation character: a token of letters is then a
    word, and its length is its word length."""
    return not any(map(str.isalpha, punctuation()))


def terminal_punctuation() -> frozenset[str]:
    """Characters that end a sentence (``data/quality/terminal_punctuation.txt``)."""
    return _charset("quality/terminal_punctuation.txt")


def has_stop_words(lang: str) -> bool:
    """Whether ``data/quality/stopwords/`` has a list for ``lang``."""
    return f"{lang}.txt" in _stop_files()


@lru_cache(maxsize=1)
def _stop_files() -> tuple[str, ...]:
    return tuple(sorted(f for f in resources.listdir("quality/stopwords") if f.endswith(".txt")))


@lru_cache(maxsize=None)
def stop_words(lang: str | None) -> frozenset[str]:
    """A short list of very frequent function words of ``lang`` (Gopher's eight for
    English); for a language without a list, the words of every list.

    >>> sorted(stop_words("en"))[:3]
    ['and', 'be', 'have']
    """
    files = _stop_files()
    if lang and f"{lang}.txt" in files:
        return frozenset(resources.lines(f"quality/stopwords/{lang}.txt"))
    return frozenset(w for f in files for w in resources.lines(f"quality/stopwords/{f}"))


@lru_cache(maxsize=1)
def rule_table() -> Mapping[str, Any]:
    """``cleaner/data/quality/rules.json``: rules (code -> signal, op, threshold),
    rule sets (name -> codes), the C4 variants' line parameters."""
    return resources.json_data("quality/rules.json")


def ruleset_names() -> tuple[str, ...]:
    return tuple(rule_table()["rulesets"])


# --- signals -----------------------------------------------------------------------
def _share(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def find_duplicates(items: list[str]) -> tuple[int, int]:
    """Number of items seen before, and their characters (Gopher's duplicate counts).

    >>> find_duplicates(["a", "bb", "a", "bb", "bb"])
    (3, 5)
    """
    # every item but the first of each distinct one is a duplicate (counted in C)
    distinct = set(items)
    return len(items) - len(distinct), sum(map(len, items)) - sum(map(len, distinct))


def top_ngram_chars(words: list[str], n: int) -> int:
    """Characters covered by the most frequent word n-gram (joined by spaces) times
    its count; ties go to the n-gram seen first.

    >>> top_ngram_chars(["a", "b", "a", "b", "c"], 2)
    6
    """
    if len(words) < n:
        return 0
    counts = Counter(zip(*(words[i:] for i in range(n))))
    gram, count = counts.most_common(1)[0]
    return (sum(map(len, gram)) + n - 1) * count


def duplicate_ngram_chars(words: list[str], n: int) -> int:
    """Characters of word n-grams that repeat an earlier n-gram, not counting a
    repeated stretch twice (Gopher's duplicate n-gram fraction numerator).

    >>> duplicate_ngram_chars(["a", "b", "a", "b"], 2)
    2
    """
    seen: set[tuple[str, ...]] = set()
    repeated = 0
    i = 0
    last = len(words) - n + 1
    while i < last:
        gram = tuple(words[i:i + n])
        if gram in seen:
            repeated += sum(map(len, gram))
            i += n
        else:
            seen.add(gram)
            i += 1
    return repeated


def count_sentences(line: str, ends: frozenset[str]) -> int:
    """Sentences of a line: a new one starts after a sentence-final mark that is a
    token of its own (not in "U.S." or "3.5") when a non-final token follows.

    >>> count_sentences("He left. She came! The U.S. team won 3.5 points", terminal_punctuation())
    3
    """
    return _count_sentences(line.split(), ends)


def _count_sentences(chunks: list[str], ends: frozenset[str]) -> int:
    """:func:`count_sentences` of the line whose whitespace-separated chunks these are."""
    if ends is terminal_punctuation():
        return _count_sentences_cached(chunks)
    toks = _tokens_of(chunks)[0]
    if not toks:
        return 0
    # a new sentence starts at each non-final token that follows a final one
    return 1 + bytes(map(ends.__contains__, toks)).count(b"\x01\x00")


class _SentenceFlags(dict):
    """Chunk -> one byte per token of it: 1 if the token is a terminal punctuation
    mark, else 0 (computed on first use; a chunk longer than ``_CACHE_MAX_CHUNK`` is
    not kept). The flags of a line are its chunks' flags one after the other, as
    its tokens are its chunks' tokens."""

    def __missing__(self, chunk: str) -> bytes:
        toks = _CACHE.chunks.get(chunk)
        if toks is None:
            toks = _tokens_of([chunk])[0]
        flags = bytes(map(terminal_punctuation().__contains__, toks))
        if len(chunk) <= _CACHE_MAX_CHUNK:
            self[chunk] = flags
        return flags


_FLAGS = _SentenceFlags()


def _count_sentences_cached(chunks: list[str]) -> int:
    """:func:`_count_sentences` with the terminal punctuation, each chunk's token flags
    from a cache (C4 counts the sentences of most lines, and chunks recur): one
    lookup per chunk, none per token. A full cache is replaced, not cleared."""
    global _FLAGS
    flags_of = _FLAGS
    if len(flags_of) > _CACHE_SIZE:
        flags_of = _FLAGS = _SentenceFlags()
    flags = b"".join(map(flags_of.__getitem__, chunks))
    if not flags:
        return 0
    return 1 + flags.count(b"\x01\x00")


@dataclass(frozen=True, slots=True)
class C4Lines:
    """The lines C4's line rules keep, and the document-level markers on them."""

    kept: int
    sentences: int
    lorem_ipsum: int
    curly_brace: int


def c4_pass(text: str, *, min_words_per_line: int, end_marks: tuple[str, ...],
            max_word_length: int = 1000) -> C4Lines:
    """Apply C4's line rules (without changing ``text``) as the reference code does:
    drop lines with a word over ``max_word_length``, remove citation marks, drop lines
    not ending in ``end_marks`` (or ending in "..."), with fewer than
    ``min_words_per_line`` words, mentioning javascript or a policy phrase. The first
    kept line with "lorem ipsum" or "{" marks the document (the reference stops there).

    >>> c4_pass("Menu\\nThe cat sat on the mat. It purred.\\n", min_words_per_line=5, end_marks=(".",))
    C4Lines(kept=1, sentences=2, lorem_ipsum=0, curly_brace=0)
    """
    params = {"v": {"min_words_per_line": min_words_per_line, "end_marks": end_marks,
                    "max_word_length": max_word_length}}
    return c4_passes(text, params)["v"]


def c4_passes(text: str, variants: Mapping[str, Mapping[str, Any]]) -> dict[str, C4Lines]:
    """:func:`c4_pass` for several parameter sets in one pass over the lines."""
    return _c4_passes(text.splitlines(), variants)


def _c4_passes(lines: list[str], variants: Mapping[str, Mapping[str, Any]]) -> dict[str, C4Lines]:
    """:func:`c4_passes` of the text with these ``splitlines()``."""
    ends = terminal_punctuation()
    policy = rule_table()["c4_policy_phrases"]
    state = {name: [0, 0, 0, 0, False] for name in variants}  # kept, sentences, lorem, curly, done
    setups = [(state[name], p["min_words_per_line"], tuple(p["end_marks"]), p["max_word_length"])
              for name, p in variants.items()]
    # a line that ends in none of the variants' marks is kept by none: it is not split
    any_mark = tuple({m for _, _, marks, _ in setups for m in marks})
    live = len(setups)  # variants not stopped yet
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        cleaned = _CITATION_RE.sub("", line) if "[" in line else line
        if not cleaned.endswith(any_mark) or cleaned.endswith("..."):
            continue
        words = line.split()
        longest = max(map(len, words))
        if cleaned is line:
            chunks = words
        else:
            line = cleaned
            chunks = line.split()
        low = None
        n_sent = None
        for st, min_words, end_marks, max_len in setups:
            if st[4] or longest > max_len or not line.endswith(end_marks) or len(words) < min_words:
                continue
            if low is None:
                low = line.lower()
            if "lorem ipsum" in low:
                st[2], st[4] = 1, True
                live -= 1
                continue
            if "javascript" in low:
                continue
            if "{" in line:
                st[3], st[4] = 1, True
                live -= 1
                continue
            if any(map(low.__contains__, policy)):
                continue
            if n_sent is None:
                n_sent = _count_sentences(chunks, ends)
            st[0] += 1
            st[1] += n_sent
        if not live:
            break  # every variant has stopped (as the reference does at its marker)
    return {name: C4Lines(*state[name][:4]) for name in variants}


def _line_split(parts: list[str]) -> list[str]:
    """``_LINE_SPLIT_RE.split(text)`` (``\\n+``) from ``parts = text.split("\\n")``: a run
    of line breaks makes empty parts between them, which the pattern drops; the first
    and the last part stay (empty when the text starts or ends with a break). No scan
    of the text (the pattern tries every character)."""
    return [parts[0], *filter(None, parts[1:-1]), parts[-1]] if len(parts) > 1 else parts


_LSTRIP_NL = methodcaller("lstrip", "\n")


def _paragraph_split(text: str) -> list[str]:
    """``_PARAGRAPH_SPLIT_RE.split(text)`` (``\\n{2,}``) for a stripped ``text``: cut at
    each ``\\n\\n`` (the first two breaks of a run), a longer run leaves its other
    breaks at the start of the next piece (or pieces of nothing), which the pattern
    takes with the run; a piece never ends with a break (the cut is at a run's start)."""
    if not text:
        return [""]
    return list(filter(None, map(_LSTRIP_NL, text.split("\n\n"))))


def compute_signals(text: str, lang: str | None = None, c4_variants: tuple[str, ...] = ("c4",)) -> dict[str, Any]:
    """Every quality signal of ``text`` (finite numbers), each computed once.

    ``lang`` selects the stop-word list; ``c4_variants`` the C4 line-rule parameter
    sets to simulate (``c4``: the reference code's; ``c4_datatrove``: datatrove's).

    >>> s = compute_signals("The cat sat on the mat.\\nThe cat sat on the mat.\\n", "en")
    >>> s["word_count"], s["dup_line_share"], s["stop_word_count"]
    (12, 0.3333, 1)
    """
    space_words = text.split()
    toks, cache = _tokens_of(space_words)
    n_tokens = len(toks)
    # per-token facts from the cache: length if a word (a token with a character
    # that is not punctuation), else 0; has a letter
    longest_chunk = max(map(len, space_words), default=0)
    if longest_chunk <= _CACHE_MAX_CHUNK and n_tokens < _FIELD:
        # every chunk is kept: its tokens' counts summed per chunk, one lookup each (a
        # text's tokens are its chunks' tokens), fewer than _FIELD in each field
        packed = sum(map(cache.chunk_counts.__getitem__, space_words))
        n_words, alpha_words, alpha_space_words = packed % _FIELD, packed // _FIELD % _FIELD, packed // _FIELD ** 2
        word_chars = sum(map(cache.chunk_chars.__getitem__, space_words))
    else:
        word_lens = list(map(cache.word_len.__getitem__, toks))
        n_words = n_tokens - word_lens.count(0)
        word_chars = sum(word_lens)
        alpha_words = sum(map(cache.alpha.__getitem__, toks))
        if longest_chunk > _CACHE_MAX_CHUNK:  # some chunks are not cached
            alpha_space_words = sum(1 for w in space_words if _ALPHA_RE.search(w))
        else:
            alpha_space_words = sum(map(cache.chunk_alpha.__getitem__, space_words))
    # each token numbered by the place it first occurs (any numbering of the distinct
    # tokens will do for the n-grams: only equality is looked at), in one C-level pass
    first_at: dict[str, int] = {}
    ids = list(map(first_at.setdefault, toks, count()))
    stop_count = len(stop_words(lang).intersection(first_at))

    lines = text.splitlines()
    n_lines = len(lines)
    # per-line tests as maps of str methods: no Python code per line
    bullets = sum(map(methodcaller("startswith", ("•", "-")), map(str.lstrip, lines)))
    ellipsis_lines = sum(map(methodcaller("endswith", ("...", "…")), map(str.rstrip, lines)))

    # FineWeb: non-blank \n-separated lines, not stripped
    nl_parts = text.split("\n")
    fw_lines = list(filter(str.strip, nl_parts))
    # every mark is one character: a line ends with one if its last character is one
    # (fw_lines are not empty)
    ends = terminal_punctuation()
    n_fw = len(fw_lines)
    text_len = len(text)
    paragraphs = _paragraph_split(text.strip())
    para_dup, para_dup_chars = find_duplicates(paragraphs)
    rep_lines = _line_split(nl_parts)
    line_dup, line_dup_chars = find_duplicates(rep_lines)

    low = text.lower()
    signals: dict[str, Any] = {
        "char_count": text_len,
        "token_count": n_tokens,
        "word_count": n_words,
        "mean_word_length": _share(word_chars, n_words),
        "hash_word_ratio": _share(text.count("#"), n_tokens),
        "ellipsis_word_ratio": _share(text.count("...") + text.count("…"), n_tokens),
        "bullet_line_share": _share(bullets, n_lines),
        "ellipsis_line_share": _share(ellipsis_lines, n_lines),
        "alpha_word_share": _share(alpha_words, n_tokens),
        "alpha_whitespace_word_share": _share(alpha_space_words, len(space_words)),
        "stop_word_count": stop_count,
        "line_count": n_lines,
        "terminal_punct_line_share": _share(sum(map(ends.__contains__, map(_LAST, fw_lines))), n_fw),
        "short_line_share": _share(sum(map((31).__gt__, map(len, fw_lines))), n_fw),
        "fineweb_dup_line_char_share": _share(find_duplicates(fw_lines)[1], text_len - text.count("\n")),
        "newline_word_ratio": _share(text.count("\n"), n_tokens),
        "lorem_ipsum_count": low.count("lorem ipsum"),
        "javascript_line_count": sum(1 for ln in lines if "javascript" in ln.lower()) if "javascript" in low else 0,
        "curly_brace_count": text.count("{") + text.count("}"),
        "dup_paragraph_share": _share(para_dup, len(paragraphs)),
        "dup_paragraph_char_share": _share(para_dup_chars, text_len),
        "dup_line_share": _share(line_dup, len(rep_lines)),
        "dup_line_char_share": _share(line_dup_chars, text_len),
    }
    for n, (top, dup) in _repetition(ids, [0, *accumulate(map(len, toks))], 10, min(_DUP_NGRAMS)).items():
        if n in _TOP_NGRAMS:
            # the n-gram is measured with the spaces that join it (as Gopher does), so in
            # a text without spaces it can exceed the text: capped at 1 (fails either way)
            signals[f"top_{n}gram_char_share"] = min(1.0, _share(top, text_len))
        if n in _DUP_NGRAMS:
            signals[f"dup_{n}gram_char_share"] = _share(dup, text_len)
    params = rule_table()["c4_variants"]
    for variant, c4 in _c4_passes(lines, {v: params[v] for v in c4_variants}).items():
        signals[f"{variant}_kept_lines"] = c4.kept
        signals[f"{variant}_sentences"] = c4.sentences
        signals[f"{variant}_lorem_ipsum"] = c4.lorem_ipsum
        signals[f"{variant}_curly_brace"] = c4.curly_brace
    return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in signals.items()}


def ngram_repetition(words: list[str], max_n: int = 10) -> dict[int, tuple[int, int]]:
    """For n = 2..max_n: ``(top, dup)`` = :func:`top_ngram_chars` and
    :func:`duplicate_ngram_chars` of ``words``, computed together.

    An n-gram can only repeat where the (n-1)-gram at the same place repeats, so
    each n looks only at the places where the shorter one repeated: on ordinary
    text almost nothing is left after n = 3.

    >>> ngram_repetition("a b a b c".split(), 3)
    {2: (6, 2), 3: (5, 0)}
    """
    index: dict[str, int] = {}
    ids = [index.setdefault(w, len(index)) for w in words]
    return _repetition(ids, [0, *accumulate(map(len, words))], max_n)


def _repetition(ids: list[int], cum: list[int], max_n: int = 10, dup_from: int = 2) -> dict[int, tuple[int, int]]:
    """:func:`ngram_repetition` of the words numbered ``ids`` (equal words, equal
    numbers), ``cum`` the running total of their lengths (starting at 0); the
    duplicate characters only for n >= ``dup_from`` (0 below).

    An n-gram is one integer, its word numbers as the digits of a number in base
    ``max(ids) + 1``: equal n-grams, equal integers, and counting them never builds a
    tuple of n words."""
    total = len(ids)
    out: dict[int, tuple[int, int]] = {}
    places: list[int] = []  # where the (n-1)-gram repeats, in order
    keys: list[int] = []  # the (n-1)-gram's integer at each of those places
    m = max(ids, default=0) + 1
    arr = None
    for n in range(2, max_n + 1):
        if total < n:
            out[n] = (0, 0)
            continue
        cut = total - 1 if n == 2 else bisect_right(places, total - n)  # the n-gram must fit
        if cut >= _NUMPY_MIN:
            # many n-grams (a long document): numpy counts them by sorting, faster than
            # a Counter there; the keys it gives are the n-grams' ranks (< cut, so the
            # next level's integers stay below cut * m: int64). Levels only shrink, so
            # a level counted here only follows levels counted here.
            import numpy as np

            if arr is None:
                arr = np.array(ids, dtype=np.int64)
            if n == 2:
                at_a = np.arange(cut)
                grams_a = arr[:-1] * m + arr[1:]
            else:
                at_a = np.array(places[:cut], dtype=np.int64)
                grams_a = np.array(keys[:cut], dtype=np.int64) * m + arr[at_a + (n - 1)]
            _, rank, counts_a = np.unique(grams_a, return_inverse=True, return_counts=True)
            seen_a = counts_a[rank]
            best = int(counts_a.max())
            repeated_a = seen_a > 1
            places = at_a[repeated_a].tolist()
            keys = rank[repeated_a].tolist()
            first = int(at_a[int(np.argmax(seen_a == best))])  # the first place of a most frequent n-gram
        else:
            if n == 2:
                at: range | list[int] = range(cut)
                grams = list(map(add, map(mul, ids, repeat(m, cut)), ids[1:]))
            else:
                at = places[:cut]
                grams = list(map(add, map(mul, keys[:cut], repeat(m, cut)),
                                 map(ids.__getitem__, map(add, at, repeat(n - 1, cut)))))
            counts = Counter(grams)
            best = max(counts.values()) if counts else 1
            seen = list(map(counts.__getitem__, grams))
            repeated = list(map((1).__lt__, seen))
            places = list(compress(at, repeated))
            keys = list(compress(grams, repeated))
            first = at[seen.index(best)] if places else 0  # the first place of a most frequent n-gram
        if places:
            top = (cum[first + n] - cum[first] + n - 1) * best
        else:  # every n-gram is unique: the first one, once
            top = cum[n] - cum[0] + n - 1
        out[n] = (top, _dup_chars(places, keys, cum, n) if n >= dup_from else 0)
    return out


_NUMPY_MIN = 300  # n-grams in a level from which numpy counts them (the fastest on the web sample)


def _dup_chars(places: list[int], keys: list[int], cum: list[int], n: int) -> int:
    """:func:`duplicate_ngram_chars` visiting only the places of repeated n-grams
    (a unique n-gram is never seen again, so skipping it changes nothing);
    ``keys`` are the n-grams' numbers at those places."""
    seen: set[int] = set()
    repeated = 0
    i = 0
    for p, g in zip(places, keys):
        if p < i:
            continue  # inside a stretch already counted
        if g in seen:
            repeated += cum[p + n] - cum[p]
            i = p + n
        else:
            seen.add(g)
            i = p + 1
    return repeated


# --- rules -------------------------------------------------------------------------
def _doc(what: str, why: str, problems: str, example: str) -> str:
    return (f"What: {what}\n\nWhy: {why}\n\nKnown problems: {problems}\n\nExample: {example}\n\n"
            "Fix safety: not fixable; a verdict input (the document is dropped unless the quality "
            "filter runs with `drop = false`).")


_TOK = ("Tokens are counted as datatrove counts them (spaCy's tokenizer: punctuation marks are "
        "tokens too).")
_GOPHER = "Gopher (Rae et al. 2021, table A1), as implemented in datatrove's GopherQualityFilter."
_GOPHER_REP = "Gopher's repetition rules (Rae et al. 2021, table A1), as in datatrove's GopherRepetitionFilter."
_C4_REF = ("C4 (Raffel et al. 2020) with the reference code's line rules (tensorflow_datasets c4_utils: "
           "at least 5 words per line, end marks . ? ! \", at least 3 sentences).")
_C4_DT = ("C4 as datatrove's C4QualityFilter applies it: at least 3 words per line, end marks . ? ! \" ' "
          "and at least 5 sentences (the reference code uses 5 words and 3 sentences).")
_FW = "FineWeb (Penedo et al. 2024), as in datatrove's FineWebQualityFilter."

_RULES = (
    Rule("Q101", "too-few-words", "Fewer words than the rule set's minimum (Gopher: 50).", "flagged",
         doc=_doc("counts word tokens (tokens with a character that is not punctuation).",
                  _GOPHER + " Very short pages are mostly navigation, stubs and errors.",
                  "Languages written without spaces (Chinese, Japanese, Thai) have few "
                  "'words'; the rule is not applied when the document's language is one of them.",
                  "`Page not found. Go home.` (5 words) fails.")),
    Rule("Q102", "too-many-words", "More words than the rule set's maximum (Gopher: 100,000).", "flagged",
         doc=_doc("counts word tokens.", _GOPHER + " Huge pages are mostly dumps and listings.",
                  "Long books are dropped too.", "a 150,000-word log dump fails.")),
    Rule("Q103", "short-words", "Mean word length below the minimum (Gopher: 3 characters).", "flagged",
         doc=_doc("mean length of word tokens.", _GOPHER + " Very short words mean tables of numbers, "
                  "initials or garbage.", "Telegraphic lists of codes; some languages with short words.",
                  "`1 2 3 a b c ...` fails.")),
    Rule("Q104", "long-words", "Mean word length above the maximum (Gopher: 10 characters).", "flagged",
         doc=_doc("mean length of word tokens.", _GOPHER + " Very long words mean URLs, hashes, "
                  "base64 or words glued together.", "Compounding languages (German, Finnish) have "
                  "long words, but rarely a mean above 10.", "a page of URLs fails.")),
    Rule("Q105", "hash-ratio", "Too many `#` per token (Gopher: more than 0.1).", "flagged",
         doc=_doc("`#` characters divided by tokens.", _GOPHER + " Hashtag lists and markup debris.",
                  _TOK, "`#news #world #today` fails.")),
    Rule("Q106", "ellipsis-ratio", "Too many ellipses per token (Gopher: more than 0.1).", "flagged",
         doc=_doc("occurrences of `...` and `…` divided by tokens.", _GOPHER + " Teaser lists of "
                  "truncated snippets.", _TOK, "`Read more… Next story… More…` fails.")),
    Rule("Q107", "bullet-lines", "Too many lines start with a bullet (Gopher: more than 90%).", "flagged",
         doc=_doc("share of lines whose first non-blank character is `•` or `-`.", _GOPHER +
                  " Pages that are only lists (menus, link lists).", "Other bullets (`*`, `·`, "
                  "numbers) are not counted, as in Gopher.", "a page of `- link` lines fails.")),
    Rule("Q108", "ellipsis-lines", "Too many lines end with an ellipsis (Gopher: more than 30%).",
         "flagged", doc=_doc("share of lines ending in `...` or `…`.", _GOPHER + " Lists of truncated "
                             "teasers.", "Poetry and chat logs.", "a list of `Story title…` lines fails.")),
    Rule("Q109", "few-alphabetic-words",
         "Too few tokens contain a letter (Gopher: fewer than 80%).", "flagged",
         doc=_doc("share of tokens with an alphabetic character.", _GOPHER + " Tables of numbers, "
                  "code and symbol soup.", _TOK + " Text with a lot of punctuation or numbers (sports "
                  "results, prices) fails.", "`Score: 3-1, 2-2, 0-4 (12:30)` fails.")),
    Rule("Q110", "few-stop-words",
         "Too few distinct stop words of the document's language (Gopher: fewer than 2).", "flagged",
         doc=_doc("distinct stop words from `data/quality/stopwords/<lang>.txt` (Gopher's eight for "
                  "English: the, be, to, of, and, that, have, with; eight frequent function words for "
                  "other languages; all lists when the language is unknown), matched case-sensitively "
                  "as datatrove does.", _GOPHER + " Running text in any language uses them; lists, "
                  "keyword spam and tables do not.", "A detected language without a list (33 have "
                  "one) and the languages written without spaces (zh, ja, th...) are not judged by it; "
                  "an undetermined one uses the union of all lists; text in capitals only does not match.", "`Cheap flights Paris London Rome` fails.")),
    Rule("Q124", "few-alphabetic-words-whitespace",
         "Too few whitespace-separated words contain a letter (fewer than 80%).", "flagged",
         doc=_doc("share of whitespace-separated words with an alphabetic character, as the Gopher "
                  "paper words the rule (`4,090 (+48) people` is three words, one without a letter).",
                  "Gopher's alphabetic-words rule without counting punctuation marks as words: "
                  "datatrove's version (Q109) counts every comma and quote as a word without a "
                  "letter and drops about one news article in ten on the shared sample; this one "
                  "is in the default rule set `cleaner` instead.",
                  "Tables of numbers and results pages fail, as intended; so do number-heavy texts.",
                  "`Ergebnisse: 1. 12,45 s 2. 12,51 s 3. 12,60 s` fails.")),
    Rule("Q111", "duplicate-paragraphs", "Too many paragraphs repeat an earlier one (Gopher: more than 30%).",
         "flagged", doc=_doc("share of blank-line-separated paragraphs equal to an earlier one.",
                             _GOPHER_REP, "Short repeated paragraphs (`Advertisement`) count as much as "
                             "long ones; the character-share rule Q112 weighs them.",
                             "a page repeating the same two paragraphs fails.")),
    Rule("Q112", "duplicate-paragraph-chars",
         "Too many characters in repeated paragraphs (Gopher: more than 20%).", "flagged",
         doc=_doc("characters of paragraphs equal to an earlier one, over all characters.", _GOPHER_REP,
                  "None known.", "a text pasted twice fails.")),
    Rule("Q113", "duplicate-lines", "Too many lines repeat an earlier one (Gopher: more than 30%).", "flagged",
         doc=_doc("share of lines equal to an earlier line.", _GOPHER_REP, "Song lyrics with refrains.",
                  "a page of repeated `Share` / `Reply` lines fails.")),
    Rule("Q114", "duplicate-line-chars", "Too many characters in repeated lines (Gopher: more than 20%).",
         "flagged", doc=_doc("characters of lines equal to an earlier line, over all characters.",
                             _GOPHER_REP, "Lyrics and poems with refrains.", "a text pasted twice fails.")),
    *(Rule(f"Q{115 + i}", f"top-{n}gram", f"The most frequent word {n}-gram covers too much text "
           f"(Gopher: more than {t:.0%}).", "flagged",
           doc=_doc(f"characters of the most frequent word {n}-gram times its count, over all characters.",
                    _GOPHER_REP + " Spam repeats the same phrase.", _TOK + " Short documents reach the "
                    "threshold easily.", "`buy cheap shoes buy cheap shoes ...` fails."))
      for i, (n, t) in enumerate(((2, 0.2), (3, 0.18), (4, 0.16)))),
    *(Rule(f"Q{118 + i}", f"duplicate-{n}grams", f"Too much text in repeated word {n}-grams "
           f"(Gopher: more than {t:.0%}).", "flagged",
           doc=_doc(f"characters of word {n}-grams that repeat an earlier one (a repeated stretch "
                    "counted once), over all characters.", _GOPHER_REP + " Copies of the same sentences.",
                    _TOK + " Quotations repeated in an article count.", "a paragraph repeated twice fails."))
      for i, (n, t) in enumerate(((5, .15), (6, .14), (7, .13), (8, .12), (9, .11), (10, .10)))),
    Rule("Q130", "c4-few-sentences", "Fewer sentences on C4-kept lines than the minimum (C4: 3).", "flagged",
         doc=_doc("sentences on the lines C4's line rules keep (lines ending in . ? ! or \", with at least "
                  "5 words, not mentioning javascript or a cookie/terms phrase).", _C4_REF,
                  "Pages with short lines or headlines only; non-English policy phrases are not known.",
                  "a page of navigation and two sentences fails.")),
    Rule("Q131", "c4-lorem-ipsum", "A C4-kept line contains `lorem ipsum` (placeholder text).", "flagged",
         doc=_doc("`lorem ipsum` in a line C4 keeps.", _C4_REF + " Template pages.",
                  "Articles about typesetting.", "`Lorem ipsum dolor sit amet, consectetur adipiscing elit.`")),
    Rule("Q132", "c4-curly-brace", "A C4-kept line contains `{` (code).", "flagged",
         doc=_doc("a curly bracket in a line C4 keeps.", _C4_REF + " Code and templates.",
                  "Programming articles are dropped, as in C4.", "`function f() { return 1; }.`")),
    Rule("Q133", "c4-datatrove-few-sentences",
         "Fewer sentences on datatrove-C4-kept lines than the minimum (datatrove: 5).", "flagged",
         doc=_doc("as Q130 with datatrove's line parameters.", _C4_DT, "as Q130.",
                  "a page with four sentences fails.")),
    Rule("Q134", "c4-datatrove-lorem-ipsum", "A datatrove-C4-kept line contains `lorem ipsum`.", "flagged",
         doc=_doc("as Q131 with datatrove's line parameters.", _C4_DT, "as Q131.", "as Q131.")),
    Rule("Q135", "c4-datatrove-curly-brace", "A datatrove-C4-kept line contains `{`.", "flagged",
         doc=_doc("as Q132 with datatrove's line parameters.", _C4_DT, "as Q132.", "as Q132.")),
    Rule("Q140", "fineweb-few-terminal-lines",
         "Too few lines end in terminal punctuation (FineWeb: fewer than 12%).", "flagged",
         doc=_doc("share of non-blank lines ending in a Unicode terminal punctuation mark.", _FW +
                  " Menus, lists and tables.", "Headline-heavy pages; lines with trailing spaces.",
                  "a page of link titles fails.")),
    Rule("Q141", "fineweb-short-lines", "Too many short lines (FineWeb: more than 67% of 30 characters or less).",
         "flagged", doc=_doc("share of non-blank lines of at most 30 characters.", _FW + " Menus and lists.",
                             "Poetry, dialogue.", "a page of menu items fails.")),
    Rule("Q142", "fineweb-duplicate-line-chars",
         "Too many characters in repeated lines (FineWeb: more than 1%).", "flagged",
         doc=_doc("characters of non-blank lines equal to an earlier one, over the characters that are "
                  "not line breaks.", _FW + " Leftover boilerplate repeated on the page.",
                  "Very strict: one repeated `Advertisement` line in a short page fails.",
                  "a page with `Share` twice fails.")),
    Rule("Q143", "fineweb-list-ratio", "Too many line breaks per token (FineWeb: more than 0.3).", "flagged",
         doc=_doc("line breaks divided by tokens.", _FW + " List-like pages.", _TOK,
                  "a list of single words fails.")),
)
# Document-level verdict inputs, not positions in a file: `cleaner check` reports
# them only when selected (`--select Q` or `extend-select = ["Q"]`).
_RULES = tuple(dataclasses.replace(r, check=False) for r in _RULES)
_RULE_CODES = frozenset(r.code for r in _RULES)


@register
class Quality(Filter):
    """Compute quality signals; flag each failed rule of the selected rule sets.

    Options: ``rulesets`` (any of ``cleaner`` (the default: Gopher with Q124 for
    Q109), ``gopher``, ``gopher-quality``, ``gopher-repetition``, ``c4``,
    ``c4-datatrove``, ``fineweb``; combined), ``thresholds`` (per-code
    override, e.g. ``{"Q101": 30}``), ``ignore`` (codes not to apply), ``language``
    (stop-word language; default: the detected one), ``drop`` (false: failed rules
    are reported but do not drop the document).
    """

    name = "quality"
    stage = 100
    rules = _RULES

    rulesets: tuple[str, ...] = ("cleaner",)
    thresholds: Mapping[str, float] | None = None
    ignore: tuple[str, ...] = ()
    language: str | None = None
    drop: bool = True

    def __post_init__(self) -> None:
        super().__post_init__()
        table = rule_table()
        for rs in self.rulesets:
            if rs not in table["rulesets"]:
                raise ConfigError(f"quality.rulesets: unknown rule set {rs!r}; known: "
                                  f"{', '.join(table['rulesets'])}")
        for code, value in (self.thresholds or {}).items():
            if code not in table["rules"]:
                raise ConfigError(f"quality.thresholds: unknown rule code {code!r}")
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                raise ConfigError(f"quality.thresholds.{code} must be a finite number, not {value!r}")
        for code in self.ignore:
            if code not in _RULE_CODES:
                raise ConfigError(f"quality.ignore: unknown rule code {code!r}")

    def __hash__(self) -> int:
        return hash((self.rulesets, tuple(sorted((self.thresholds or {}).items())), self.ignore,
                     self.language, self.drop))

    def selected(self) -> list[tuple[str, str, str, float]]:
        """``(code, signal, op, threshold)`` of every rule applied, in code order."""
        table = rule_table()
        codes = sorted({c for rs in self.rulesets for c in table["rulesets"][rs]} - set(self.ignore))
        overrides = self.thresholds or {}
        out = []
        for code in codes:
            r = table["rules"][code]
            out.append((code, r["signal"], r["op"], float(overrides.get(code, r["threshold"]))))
        return out

    def find(self, doc) -> Iterator[Finding]:
        lang = self.language or doc.lang
        variants = ["c4"]
        if "c4-datatrove" in self.rulesets:
            variants.append("c4_datatrove")
        signals = compute_signals(doc.text, lang, tuple(variants))
        signals.update(_other_filters(doc))
        yield Annotation("signals", signals)
        if not doc.text.strip():
            yield Annotation("scores", {"quality_score": 0.0})
            return  # the layout filter drops empty documents (WS003)
        applied = self.selected()
        if lang in _UNSPACED:
            applied = [r for r in applied if r[1] not in _TOKEN_SIGNALS]
        elif lang and lang != "und" and not has_stop_words(lang):
            # a language without a list: no list of another language can judge it
            applied = [r for r in applied if r[1] != "stop_word_count"]
        credit = []
        for code, signal, op, threshold in applied:
            value = signals[signal]
            failed = value < threshold if op == "min" else value > threshold
            credit.append(_credit(value, op, threshold))
            if failed:
                sign = "<" if op == "min" else ">"
                yield DocumentFlag(code, f"{signal} {value:g} {sign} {threshold:g}",
                                   detail={"signal": signal, "value": value, "threshold": threshold},
                                   drop=self.drop)
        yield Annotation("scores", {"quality_score": quality_score(credit)})


def _credit(value: float, op: str, threshold: float) -> float:
    """1 for a pass; for a fail, what is left of 1 after the relative excess, halved.

    >>> _credit(60, "min", 50), _credit(25, "min", 50), _credit(0.4, "max", 0.2)
    (1.0, 0.25, 0.0)
    """
    failed = value < threshold if op == "min" else value > threshold
    if not failed:
        return 1.0
    scale = abs(threshold) or 1.0
    return max(0.0, 1.0 - abs(value - threshold) / scale) / 2


def quality_score(credits: list[float]) -> float:
    """The mean of the rules' credits, times 0.5 per failed rule after the first:
    1.0 when every rule passes, in [0, 1] always.

    >>> quality_score([1.0, 1.0]), quality_score([1.0, 0.25]), quality_score([])
    (1.0, 0.625, 1.0)
    """
    if not credits:
        return 1.0
    fails = sum(1 for c in credits if c < 1.0)
    score = sum(credits) / len(credits) * 0.5 ** max(0, fails - 1)
    return round(min(1.0, max(0.0, score)), 4)


def _other_filters(doc) -> dict[str, float]:
    """Other filters' numbers (boilerplate share, caption count, translation score,
    language confidence, characters removed), whatever exists."""
    out: dict[str, float] = {}
    for key, value in (doc.annotations.get("scores") or {}).items():
        if key != "quality_score" and isinstance(value, (int, float)) and not isinstance(value, bool) \
                and math.isfinite(value):
            out[key] = value
    conf = (doc.annotations.get("language") or {}).get("confidence")
    if isinstance(conf, (int, float)) and math.isfinite(conf):
        out["language_confidence"] = conf
    removed = sum(c.end - c.start for c in outer_edits(doc.changes) if c.action == "removed")
    out["removed_char_share"] = round(_share(removed, len(doc.original)), 4)
    return out
