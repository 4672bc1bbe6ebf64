"""Every pattern in the rule data runs in linear time on adversarial lines.

For each pattern, lines built from long runs of the characters it repeats are
matched at two lengths; the time must grow about linearly (ratio bounded), and
stay within a bound relative to a plain scan of the same text. No absolute timings.
"""

from __future__ import annotations

import re

import pytest

from cleaner.filters.boilerplate import phrase_book
from tests.timing import grows_linearly as _grows_linearly
from tests.timing import within as _within

ADVERSARIAL_UNITS = ["a", "1", " ", "a ", "1 ", "a | ", "» a ", "© ", "a1", ".", "…", "1/", "a:"]


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    from cleaner.filters.captions import _data as caption_data

    book = phrase_book()
    out = [(f"boilerplate:{e.lang}:{p}", re.compile(p)) for p, e in book._patterns]
    out += [(f"captions:suffix{i}", rx) for i, rx in enumerate(caption_data()["suffix"])]
    return out


@pytest.mark.parametrize("unit", ADVERSARIAL_UNITS)
def test_data_patterns_are_linear(unit):
    pats = _patterns()
    assert pats
    small, large = unit * (2000 // len(unit)), unit * (16000 // len(unit))
    scan = re.compile(r"\w")
    for name, rx in pats:
        ok, t_small, t_large = _grows_linearly(lambda: (rx.fullmatch(small), rx.search(small)),
                                               lambda: (rx.fullmatch(large), rx.search(large)))
        assert ok, (name, unit, t_small, t_large)
        ok, t_scan, t_large = _within(lambda: (rx.fullmatch(large), rx.search(large)),
                                      lambda: scan.findall(large), 400)
        assert ok, (name, unit, t_scan, t_large)


def test_combined_alternation_is_linear():
    rx = phrase_book()._regex
    for unit in ADVERSARIAL_UNITS:
        small, large = unit * (2000 // len(unit)), unit * (16000 // len(unit))
        ok, t_small, t_large = _grows_linearly(lambda: rx.fullmatch(small), lambda: rx.fullmatch(large))
        assert ok, (unit, t_small, t_large)
