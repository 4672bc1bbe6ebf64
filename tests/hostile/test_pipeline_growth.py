"""The whole default pipeline takes time about linear in the size of adversarial
documents (``tests/hostile/families.py``): 8x the document, at most 16x the time
(measured 6-10.5x on 2026-12-07; quadratic is 64x).

The regex tests (``test_regex_linear.py``) check patterns one by one; this checks
what they cannot: loops over lines, edits and tokens in the filters, the change
record and the report. Two quadratic spots were found this way (the change
record's view of outer edits, and a trailing-blank search in the layout filter);
the first only showed above 200 kB, larger than these documents (2-110 kB, to keep
the suite fast): ``python -m benchmarks.adversarial`` runs the families at 4-16x.
"""

from __future__ import annotations

import pytest

from cleaner import default_pipeline
from tests.hostile.families import FAMILIES, build
from tests.timing import grows_linearly

_PIPE = default_pipeline()


@pytest.mark.parametrize("name", sorted(FAMILIES))
def test_pipeline_time_grows_linearly(name):
    small, large = build(name, 0.125), build(name, 1.0)
    assert len(large) >= 6 * len(small)
    ok, t_small, t_large = grows_linearly(lambda: _PIPE(small), lambda: _PIPE(large), bound=16, reps=3)
    assert ok, f"{name}: {len(small)} chars {t_small:.4f} s, {len(large)} chars {t_large:.4f} s"


def test_families_are_distinct_and_nonempty():
    texts = {name: build(name, 0.125) for name in FAMILIES}
    assert all(texts.values())
    assert len(set(texts.values())) == len(texts)
    assert build("crlf", 0.5) == build("crlf", 0.5)  # deterministic
