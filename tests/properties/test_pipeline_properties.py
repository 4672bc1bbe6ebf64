"""Properties of the whole default pipeline on arbitrary and realistic dirty text."""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing as mp

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner
from cleaner import default_pipeline, replay
from cleaner.rules import all_rules
from tests.strategies import dirty_documents, random_text

RULE_ACTIONS = {r.code: r.action for r in all_rules()}
ANY_TEXT = st.one_of(random_text(), dirty_documents())
WITH_SURROGATES = st.one_of(random_text(allow_surrogates=True), dirty_documents(allow_surrogates=True))


def check_record(text: str, result) -> None:
    for c in result.report.changes:
        assert c.code in RULE_ACTIONS, f"{c.code} not in the rule registry"
        assert c.action == RULE_ACTIONS[c.code], (c.code, c.action)
        if c.start is None:
            assert c.end is None and c.action == "flagged"
            continue
        assert 0 <= c.start <= c.end <= len(text)
        assert text[c.start:c.end] == c.text
    # the record accounts for every removed or replaced character
    assert replay(text, result.report.changes) == result.text


@given(ANY_TEXT)
def test_no_crash_and_record_is_exact(text):
    check_record(text, cleaner.clean(text))


@given(WITH_SURROGATES)
def test_surrogates_and_controls_do_not_crash(text):
    result = cleaner.clean(text)
    check_record(text, result)
    result.text.encode("utf-8")  # the output is always encodable


@given(ANY_TEXT)
def test_idempotent(text):
    once = cleaner.clean(text).text
    assert cleaner.clean(once).text == once


@given(ANY_TEXT)
def test_output_only_loses_or_fixes_text(text):
    r = cleaner.clean(text)
    # every output character is copied from the input or is a recorded replacement
    for c in r.report.replacements:
        assert c.replacement is not None
    kept = sum(oe - os_ for _, os_, oe in r.document.copied_spans())
    replaced_out = len(r.text) - kept
    assert replaced_out >= 0
    assert replaced_out <= sum(len(c.replacement or "") for c in r.report.replacements)


@given(ANY_TEXT)
def test_report_is_json_and_deterministic(text):
    import json

    a = cleaner.clean(text).report.to_dict()
    b = default_pipeline()(text).report.to_dict()
    assert a == b
    json.dumps(a)


@pytest.mark.parametrize("text", [
    "", " ", "\n\n\n", "\x00" * 10, "a" * 200_000, ("word " * 40 + "\n") * 300,
    "\u202eRTL override\u202c and \u200f marks", "e" + "\u0301" * 500, "👩‍👩‍👧‍👦" * 100,
    "\r" * 50 + "x", "&amp;" * 1000, "Ã" * 1000 + "©" * 1000,
])
def test_edge_inputs(text):
    r = cleaner.clean(text)
    check_record(text, r)
    assert cleaner.clean(r.text).text == r.text


def _clean_dict(text: str) -> dict:
    r = cleaner.clean(text)
    return {"text": r.text, "report": r.report.to_dict()}


@pytest.fixture(scope="module")
def pool():
    with cf.ProcessPoolExecutor(2, mp_context=mp.get_context("spawn")) as ex:
        yield ex


@settings(max_examples=5)
@given(st.lists(ANY_TEXT, min_size=1, max_size=6))
def test_parallel_equals_serial(pool, texts):
    serial = [_clean_dict(t) for t in texts]
    parallel = list(pool.map(_clean_dict, texts))
    assert parallel == serial


@settings(max_examples=40, deadline=None)
@given(WITH_SURROGATES, st.sampled_from([(True, False), (False, True), (True, True)]))
def test_worker_encoded_outcome_equals_the_parents_encoding(text, flags):
    """What a worker sends under ``--jobs N`` (prepare, then pickle) is written as the
    parent would write the whole outcome: the same record and report lines, counts."""
    import copy
    import pickle

    from cleaner.io.process import Wire, prepare, process
    from cleaner.io.records import Record
    from cleaner.io.writers import record_key, record_line, report_key, report_line

    with_report, report_out = flags
    whole = process(default_pipeline(), Record("prop", 1, "r1", text, fields={"id": "r1", "text": text, "n": 1}))
    wire = Wire("text", "cleaner", with_report, report_out)
    sent = pickle.loads(pickle.dumps(prepare(copy.deepcopy(whole), wire)))
    if whole.status == "error":
        assert sent.encoded is None and sent.report == whole.report
        return
    assert sent.report is None and sent.fields is None
    assert sent.encoded[record_key("text", "cleaner", with_report)] == record_line(whole, "text", "cleaner",
                                                                                   with_report)
    if report_out:
        assert sent.encoded[report_key("cleaner")] == report_line(whole, "cleaner")
    assert sent.stats_digest() == whole.stats_digest() is not None
    assert sent.reason_codes() == whole.reason_codes()
    assert sent.text == whole.text and sent.status == whole.status
