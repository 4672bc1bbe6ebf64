"""cleaner.text: line and paragraph spans equal the plain loops they replace."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleaner import text as text_module
from cleaner.text import Span, lines, paragraphs
from tests.strategies import dirty_documents


def _lines_loop(text):
    out = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        if nl < 0:
            if pos < n or not out:
                out.append(Span(pos, n, text[pos:]))
            break
        out.append(Span(pos, nl, text[pos:nl]))
        pos = nl + 1
        if pos == n:
            break
    return out


def _paragraphs_loop(text):
    out = []
    start = None
    end = 0
    for ln in _lines_loop(text):
        if ln.text.strip():
            if start is None:
                start = ln.start
            end = ln.end
        elif start is not None:
            out.append(Span(start, end, text[start:end]))
            start = None
    if start is not None:
        out.append(Span(start, end, text[start:end]))
    return out


_LINEY = st.lists(st.sampled_from(["a", "bc", " ", "\t", "\n", "\n\n", "\r", "\u2028", "\x0c", "\x85", "\u00a0",
                                   "é"]), max_size=30).map("".join)


@given(st.one_of(_LINEY, dirty_documents()))
def test_lines_and_paragraphs_equal_the_loops(text):
    assert lines(text) == _lines_loop(text)
    assert lines(text) == _lines_loop(text)  # the second call is answered from the last-text cache
    assert paragraphs(text) == _paragraphs_loop(text)


def test_edge_cases():
    for text in ["", "\n", "\n\n", "a", "a\n", "a\n\nb\n\n", " \n \n"]:
        assert lines(text) == _lines_loop(text)
        assert paragraphs(text) == _paragraphs_loop(text)


def test_cached_lines_are_a_new_list_each_time():
    text = "one\ntwo\n"
    first = lines(text)
    first.append(Span(0, 0, ""))  # a caller may change its list
    assert lines(text) == [Span(0, 3, "one"), Span(4, 7, "two")]
    other = "one\ntwo\nthree"  # equal prefix, another text: not answered from the cache
    assert [s.text for s in lines(other)] == ["one", "two", "three"]
    assert text_module._last_lines[0] is other
