"""Corpus statistics: counts from report dicts, merge, JSON and offline HTML."""

from __future__ import annotations

import json
import re

from hypothesis import example, given
from hypothesis import strategies as st

from cleaner import Pipeline
from cleaner.stats import SCORE_BINS, CorpusStats, read_reports

PIPE = Pipeline.from_config({"filters": ["encoding", "language", "layout", "quality"]})
GOOD = ("The city council approved the new budget after a long debate about public transport and housing. "
        "Members of the opposition said that the plan would not be enough to meet the needs of the growing "
        "population, and they asked the mayor to publish the figures. The mayor agreed to present a report "
        "with the full numbers to the council in the spring, together with an estimate of the costs.\n")
GUT = ("Die Bundesregierung hat am Dienstag neue Regeln für den Ausbau der Windenergie beschlossen. Damit "
       "sollen die Genehmigungsverfahren für neue Anlagen deutlich schneller werden, sagte der Minister in "
       "Berlin, und die Länder müssen zwei Prozent ihrer Fläche ausweisen. Kritik kam von Naturschützern, "
       "die vor den Folgen für geschützte Vogelarten warnten.\n")
TEXTS = [GOOD, "\n\ncafÃ© " + GUT, "Buy now! Buy now!", "   \n", GOOD]


def reports(texts=TEXTS):
    return [PIPE(t).report.to_dict() for t in texts]


def test_counts_hand_checked():
    s = CorpusStats()
    for r in reports():
        s.add(r)
    s.add(None)  # a record that could not be processed
    d = s.to_dict()
    assert d["documents"] == {"in": 6, "kept": 3, "dropped": 2, "errors": 1}
    ranked = {r["code"]: r["documents"] for r in d["drop_reasons"]}
    assert ranked["Q101"] == 1 and ranked["WS003"] == 1
    assert [x["documents"] for x in d["drop_reasons"]] == sorted([x["documents"] for x in d["drop_reasons"]],
                                                                  reverse=True)
    langs = {x["lang"]: (x["documents"], x["kept"]) for x in d["languages"]}
    assert langs["en"] == (3, 2) and langs["de"] == (1, 1)  # "Buy now! Buy now!" is English, dropped
    assert d["chars_by_code"]["ENC001"]["changes"] == 1
    assert d["chars_by_filter"]["layout"] >= 2
    assert d["characters"]["in"] == sum(len(t) for t in TEXTS)
    assert sum(d["quality_score"]["histogram"]["counts"]) == 5
    assert len(d["quality_score"]["histogram"]["counts"]) == SCORE_BINS
    assert sum(d["output_length"]["counts"]) == 5


def test_removed_lines_ranked():
    s = CorpusStats()
    for _ in range(3):
        s.add({"verdict": {"keep": True}, "changes": [
            {"action": "removed", "text": "\nShare  this"}, {"action": "replaced", "text": "x"}]})
    s.add({"verdict": {"keep": True}, "changes": [{"action": "removed", "text": "Tweet"}]})
    assert s.to_dict()["top_removed_lines"] == [{"line": "Share this", "count": 3}, {"line": "Tweet", "count": 1}]


def test_merge_equals_one_pass():
    rs = reports()
    one = CorpusStats()
    for r in rs:
        one.add(r)
    a, b = CorpusStats(), CorpusStats()
    for r in rs[:2]:
        a.add(r)
    for r in rs[2:]:
        b.add(r)
    assert a.merge(b).to_dict() == one.to_dict()


def test_json_is_deterministic():
    rs = reports()
    s1, s2 = CorpusStats(), CorpusStats()
    for r in rs:
        s1.add(r)
    for r in reversed(rs):
        s2.add(r)
    assert s1.to_json() == s2.to_json()
    json.loads(s1.to_json())


def test_html_is_self_contained_and_escaped():
    s = CorpusStats()
    for r in reports():
        s.add(r)
    s.add({"verdict": {"keep": False, "reasons": [{"code": "<script>alert(1)</script>"}]},
           "language": {"lang": "en"}, "changes": [{"action": "removed", "text": "<img src=x onerror=1>"}]})
    page = s.to_html()
    assert page.startswith("<!DOCTYPE html>") and page.count("<svg") >= 4
    assert "<script" not in page and "<img" not in page
    assert not re.search(r"<[^>]*\b(?:src|href)\s*=|https?://|@import|url\(", page)  # nothing to fetch


def test_empty_stats():
    d = CorpusStats().to_dict()
    assert d["documents"] == {"in": 0, "kept": 0, "dropped": 0, "errors": 0}
    assert d["quality_score"]["mean"] is None
    assert "<svg" in CorpusStats().to_html()


def test_read_reports_from_clean_output_and_bare_reports():
    rep = reports([GOOD])[0]
    lines = [json.dumps({"id": "a", "text": "t", "cleaner": rep}), json.dumps(rep), "{broken", "[1]", ""]
    got = list(read_reports(lines))
    assert got[0] == (rep, "t") and got[1] == (rep, None)
    assert got[2:] == [(None, None), (None, None)]


@example(["ﬀ"])
@given(st.lists(st.text(max_size=120), max_size=6))
def test_totals_add_up(texts):
    s = CorpusStats()
    grown = 0  # characters a fix adds: 'ﬀ' -> 'ff' (hypothesis found it) makes the output longer
    for t in texts:
        rep = PIPE(t).report.to_dict()
        s.add(rep)
        grown += sum(max(0, len(c["replacement"]) - (c["end"] - c["start"]))
                     for c in rep["changes"] if c.get("replacement") is not None)
    d = s.to_dict()
    docs = d["documents"]
    assert docs["in"] == docs["kept"] + docs["dropped"] + docs["errors"] == len(texts)
    assert sum(d["output_length"]["counts"]) == len(texts)
    assert d["characters"]["in"] == sum(map(len, texts))
    assert 0 <= d["characters"]["out"] <= d["characters"]["in"] + grown
