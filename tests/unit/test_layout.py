"""The layout filter: blank runs, edge white space, and its cost on long runs of blanks."""

from __future__ import annotations

from cleaner import Pipeline
from tests.timing import grows_linearly


def _layout(text: str):
    return Pipeline.from_config({"filters": ["layout"]})(text)


def test_blank_runs_and_edges():
    r = _layout("\n\nTitle\n\n\n\nBody.  \t\n\n")
    assert r.text == "Title\n\nBody.\n"
    assert {c.code for c in r.report.changes} == {"WS001", "WS002"}


def test_inner_run_of_blanks_is_kept_and_trailing_unicode_space_goes():
    r = _layout("a" + " \t" * 50 + "b\u3000\u2003")
    assert r.text == "a" + " \t" * 50 + "b"


def test_long_inner_run_of_blanks_grows_linearly():
    # a search for trailing white space (\s+\Z) tried every position of such a run: 8,000
    # " \t" pairs before a word took 2.2 s, 2,000 took 0.14 s
    small, large = " \t" * 2000 + "word", " \t" * 16000 + "word"
    ok, t_small, t_large = grows_linearly(lambda: _layout(small), lambda: _layout(large), reps=3)
    assert ok, (t_small, t_large)
    assert _layout(large).text == large
