"""The report: derived views, JSON form and its schema."""

from __future__ import annotations

import json

import jsonschema
import pytest

import cleaner
from cleaner import Pipeline
from cleaner.document import Document
from cleaner.findings import Annotation, DocumentFlag, Remove, Replace
from cleaner.report import Report
from cleaner.resources import json_data
from tests.conftest import SEED


@pytest.fixture(scope="module")
def schema():
    return json_data("report.schema.json")


def make_report():
    doc = Document("x Ã© y\nshare\nz")
    doc.apply("encoding", [Replace(2, 4, "é", "ENC001", "m")])
    doc.apply("b", [Remove(6, 12, "BP201", "share line")])
    doc.apply("b", [Remove(0, 2, "BP201", "x")])  # covers nothing of the replacement
    doc.apply("q", [DocumentFlag("Q101", "too short", {"value": 3, "threshold": 50}, drop=True),
                    Annotation("scores", {"quality_score": 0.25}), Annotation("extraction", {"k": 1})])
    return Report.from_document(doc, ("encoding", "b", "q"))


def test_summary_counts_each_original_character_once():
    r = make_report()
    s = r.summary()
    # "share\n" (6) and "x " (2) removed; "Ã©" replaced (2)
    assert s["removed_chars"] == 8 and s["replaced_chars"] == 2
    assert s["by_code"]["BP201"] == {"count": 2, "chars": 8}
    assert s["flags"] == 1


def test_verdict_is_derived_from_drop_flags():
    r = make_report()
    v = r.verdict
    assert v.keep is False and [c.code for c in v.reasons] == ["Q101"] and v.quality_score == 0.25


def test_to_dict_is_json_and_valid(schema):
    d = make_report().to_dict()
    assert json.loads(json.dumps(d)) == d
    jsonschema.validate(d, schema)
    assert d["annotations"] == {"extraction": {"k": 1}}


def test_seed_report_matches_schema_and_has_valid_offsets(schema):
    text = SEED.read_text(encoding="utf-8")
    r = cleaner.clean(text)
    d = r.report.to_dict()
    jsonschema.validate(d, schema)
    assert d["language"]["lang"] == "en"
    for c in d["changes"]:
        if c["start"] is not None:
            assert text[c["start"]:c["end"]] == c["text"]
    assert cleaner.replay(text, r.report.changes) == r.text


def test_empty_input_is_dropped_with_a_reason(schema):
    r = cleaner.clean("")
    d = r.report.to_dict()
    jsonschema.validate(d, schema)
    assert d["verdict"]["keep"] is False
    assert "WS003" in [x["code"] for x in d["verdict"]["reasons"]]
    assert d["language"]["lang"] == "und"


def test_report_views():
    r = Pipeline.from_config({"filters": ["encoding"]})("a &amp; b\r\n")
    assert [c.code for c in r.report.replacements] == ["ENC005", "ENC002"] or \
        sorted(c.code for c in r.report.replacements) == ["ENC002", "ENC005"]
    assert r.report.removals == () and r.report.flags == ()
    assert r.report.codes() == ["ENC002", "ENC005"]
