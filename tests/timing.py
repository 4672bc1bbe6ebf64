"""Timing checks of linear growth, for the regex-linearity tests.

No absolute timings: a pattern is matched on an input and on 8x that input, and
the time must grow about linearly (linear is ~8x, quadratic ~64x).
"""

from __future__ import annotations

import time
from typing import Callable


def best(fn: Callable[[], object], reps: int = 5) -> float:
    """The shortest wall time of ``reps`` calls of ``fn`` (a shared 2-core machine has spikes)."""
    out = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        out = min(out, time.perf_counter() - t0)
    return out


def grows_linearly(small_fn: Callable[[], object], large_fn: Callable[[], object], bound: float = 24,
                   tries: int = 3, reps: int = 5) -> tuple[bool, float, float]:
    """Whether ``large_fn`` (8x the input) takes at most ``bound`` x the time of ``small_fn``.

    A spike of the shared machine can hit all runs of one measurement (the suite ran red
    so, at 25x, while other jobs ran; the same patterns measure 7.5-8.3x alone): a failed
    check is measured again, with more runs, before it counts. A pattern that really is
    quadratic fails every try (~64x)."""
    t_small = t_large = 0.0
    for attempt in range(tries):
        n = reps * (attempt + 1)
        t_small, t_large = best(small_fn, n), best(large_fn, n)
        if t_large <= max(t_small, 1e-5) * bound:
            return True, t_small, t_large
    return False, t_small, t_large


def within(fn: Callable[[], object], ref_fn: Callable[[], object], factor: float,
           tries: int = 3, reps: int = 5) -> tuple[bool, float, float]:
    """Whether ``fn`` takes at most ``factor`` x the time of ``ref_fn`` (a plain scan
    of the same text), with the retries of ``grows_linearly`` (the same comparison:
    a load spike on a shared 2-core machine hit one side only, 686x for a pattern
    that measures under 400x alone). Returns ``(ok, t_ref, t)``."""
    return grows_linearly(ref_fn, fn, bound=factor, tries=tries, reps=reps)
