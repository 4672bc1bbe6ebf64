"""Every pattern in the rule data runs in linear time on adversarial lines.

For each pattern, lines built from long runs of the characters it repeats are
matched at two lengths; the time must grow about linearly (ratio bounded), and
stay within a bound relative to a plain scan of the same text. No absolute timings.
"""

from __future__ import annotations

import re
import time

import pytest

from cleaner.filters.boilerplate import phrase_book

ADVERSARIAL_UNITS = ["a", "1", " ", "a ", "1 ", "a | ", "» a ", "© ", "a1", ".", "…", "1/", "a:"]


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    from cleaner.filters.captions import _data as caption_data

    book = phrase_book()
    out = [(f"boilerplate:{e.lang}:{p}", re.compile(p)) for p, e in book._patterns]
    out += [(f"captions:suffix{i}", rx) for i, rx in enumerate(caption_data()["suffix"])]
    return out


def _time(fn, reps: int = 5) -> float:
    # the best of 5: a timing on a shared 2-core machine has spikes (the test ran red once in
    # a full parallel run, then green alone and under double load)
    best = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def _grows_linearly(small_fn, large_fn, bound: float = 24, tries: int = 3) -> tuple[bool, float, float]:
    """Whether the large input's time stays within ``bound`` x the small one's (8x the input:
    linear is ~8x, quadratic ~64x). A spike of the shared machine can hit all five runs of one
    measurement (the suite ran red twice so, at 25x, while other jobs ran; the same patterns
    measure 7.5-8.3x alone): a failed check is measured again, with more runs, before it counts."""
    t_small = t_large = 0.0
    for attempt in range(tries):
        reps = 5 * (attempt + 1)
        t_small, t_large = _time(small_fn, reps), _time(large_fn, reps)
        if t_large <= max(t_small, 1e-5) * bound:
            return True, t_small, t_large
    return False, t_small, t_large


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
        t_scan = _time(lambda: scan.findall(large))
        assert t_large <= max(t_scan, 1e-5) * 400, (name, unit, t_scan, t_large)


def test_combined_alternation_is_linear():
    rx = phrase_book()._regex
    for unit in ADVERSARIAL_UNITS:
        small, large = unit * (2000 // len(unit)), unit * (16000 // len(unit))
        ok, t_small, t_large = _grows_linearly(lambda: rx.fullmatch(small), lambda: rx.fullmatch(large))
        assert ok, (unit, t_small, t_large)
