"""Text segmentation and normalisation shared by the filters.

All functions return spans into the text they are given, so filters can turn
them into findings directly.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from operator import add
from typing import Iterator

# Python's str.splitlines() also splits on \x0b \x0c \x1c-\x1e \x85 \u2028 \u2029; a
# scraped document's lines are \n-separated (the encoding filter normalises the rest).
_NEWLINE = "\n"
WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*")
_SPACE_RE = re.compile(r"\s+")
# Characters stripped at both ends of a line before phrase matching.
_EDGE_PUNCT = " \t\u00a0*•·|>»«<›‹:;,.!?…-–—_=+~#\"'“”„‘’()[]{}¿¡"


@dataclass(frozen=True, slots=True)
class Span:
    """``text[start:end] == text`` of the whole; ``end`` excludes the newline."""

    start: int
    end: int
    text: str


def lines(text: str) -> list[Span]:
    """The ``\\n``-separated lines of ``text`` with their offsets.

    >>> [(s.start, s.end, s.text) for s in lines("ab\\n\\ncd")]
    [(0, 2, 'ab'), (3, 3, ''), (4, 6, 'cd')]
    """
    global _last_lines
    last = _last_lines
    if last[0] is text:  # several filters (or one, twice) split the same text
        return list(last[1])
    parts = text.split(_NEWLINE)
    if len(parts) > 1 and not parts[-1]:
        parts.pop()  # a final line break ends the last line; it does not start one
    # line i starts after the i line breaks and the lines before it
    starts = list(map(add, accumulate(map(len, parts), initial=0), range(len(parts))))
    out = list(map(Span, starts, map(add, starts, map(len, parts)), parts))
    _last_lines = (text, tuple(out))
    return out


_last_lines: tuple[str | None, tuple[Span, ...]] = (None, ())


def line_removal(text: str, span: Span) -> tuple[int, int]:
    """Offsets that remove the line ``span`` with its line break.

    The newline after the line goes with it; the last line takes the newline
    before it instead, so no dangling line break is left.

    >>> t = "keep\\ndrop\\nkeep"
    >>> s = lines(t)[1]; a, b = line_removal(t, s); t[:a] + t[b:]
    'keep\\nkeep'
    >>> t = "keep\\ndrop"
    >>> s = lines(t)[1]; a, b = line_removal(t, s); t[:a] + t[b:]
    'keep'
    """
    if span.end < len(text) and text[span.end] == _NEWLINE:
        return span.start, span.end + 1
    if span.start > 0 and text[span.start - 1] == _NEWLINE:
        return span.start - 1, span.end
    return span.start, span.end


def paragraphs(text: str) -> list[Span]:
    """Blocks of non-blank lines separated by blank lines.

    >>> [p.text for p in paragraphs("a\\nb\\n\\n\\nc\\n")]
    ['a\\nb', 'c']
    """
    out = []
    start = None
    end = pos = 0
    for part in text.split(_NEWLINE):
        if part.strip():
            if start is None:
                start = pos
            end = pos + len(part)
        elif start is not None:
            out.append(Span(start, end, text[start:end]))
            start = None
        pos += len(part) + 1
    if start is not None:
        out.append(Span(start, end, text[start:end]))
    return out


def words(text: str) -> list[str]:
    """Word tokens (letters/digits, with inner hyphens and apostrophes).

    >>> words("Don't stop-me now, 3,000 troops!")
    ["Don't", 'stop-me', 'now', '3', '000', 'troops']
    """
    return WORD_RE.findall(text)


@lru_cache(maxsize=65536)
def normalize(line: str) -> str:
    """The form phrase rules match on: NFKC, case-folded, whitespace collapsed,
    punctuation and list markers trimmed at both ends.

    >>> normalize("  Please enter your COMMENT! * ")
    'please enter your comment'
    """
    # " ".join(split()) is _SPACE_RE.sub(" ", s) but 3x faster: str.split and
    # re's \s are the same whitespace, and the edge runs the join drops are
    # spaces that the strip would remove anyway
    return " ".join(unicodedata.normalize("NFKC", line).casefold().split()).strip(_EDGE_PUNCT)


def collapse(text: str) -> str:
    """Case-fold and collapse whitespace (the scoring normalisation of the
    benchmarks).

    >>> collapse(" A  b\\nC ")
    'a b c'
    """
    return " ".join(text.casefold().split())


def iter_sentences(text: str, start: int = 0) -> Iterator[Span]:
    """Rough sentence spans: ends at ``.!?…`` followed by space and a capital,
    a digit or an opening quote. Good enough for signals, not for linguistics.

    >>> [s.text for s in iter_sentences("One. Two! three. Four")]
    ['One.', 'Two! three.', 'Four']
    """
    pos = 0
    for m in _SENT_END_RE.finditer(text):
        end = m.start() + 1
        if text[pos:end].strip():
            s, e = _strip_span(text, pos, end)
            yield Span(start + s, start + e, text[s:e])
        pos = m.end()
    if text[pos:].strip():
        s, e = _strip_span(text, pos, len(text))
        yield Span(start + s, start + e, text[s:e])


_SENT_END_RE = re.compile(r"[.!?…][\"'”’»)\]]*\s+(?=[\"'“‘«(\[]?[A-ZÀ-ÖØ-ÞА-ЯЁ0-9])")


def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


class LineIndex:
    """Turns offsets into 1-based (line, column) pairs, as linters print them.

    >>> LineIndex("ab\\ncd").line_col(4)
    (2, 2)
    """

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        starts = [0]
        pos = text.find(_NEWLINE)
        while pos >= 0:
            starts.append(pos + 1)
            pos = text.find(_NEWLINE, pos + 1)
        self._starts = starts

    def line_col(self, offset: int) -> tuple[int, int]:
        from bisect import bisect_right

        i = bisect_right(self._starts, offset) - 1
        return i + 1, offset - self._starts[i] + 1
