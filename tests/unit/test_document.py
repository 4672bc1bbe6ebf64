"""Document, offset map and change record."""

from __future__ import annotations

import pickle

import pytest

from cleaner.document import Change, Document, Metadata, outer_edits, replay
from cleaner.findings import Annotation, DocumentFlag, Flag, Remove, Replace


def apply(doc, *findings, name="t"):
    doc.apply(name, list(findings))
    return doc


def edits_ok(doc):
    for c in doc.changes:
        if c.start is not None:
            assert doc.original[c.start:c.end] == c.text
    assert replay(doc.original, doc.changes) == doc.text


def test_remove_records_original_offsets():
    doc = apply(Document("keep this\nremove me\nkeep that"), Remove(10, 20, "X001", "r"))
    assert doc.text == "keep this\nkeep that"
    (c,) = doc.changes
    assert (c.action, c.start, c.end, c.text) == ("removed", 10, 20, "remove me\n")
    edits_ok(doc)


def test_offsets_stay_right_after_earlier_edits():
    doc = Document("a &amp; b\nÃ© line\nshare this\nend")
    apply(doc, Replace(2, 7, "&", "ENC002", "entity"), Replace(10, 12, "é", "ENC001", "mojibake"))
    assert doc.text == "a & b\né line\nshare this\nend"
    start = doc.text.index("share")
    apply(doc, Remove(start, start + len("share this\n"), "BP201", "share"))
    assert doc.text == "a & b\né line\nend"
    c = doc.changes[-1]
    assert doc.original[c.start:c.end] == "share this\n"
    edits_ok(doc)


def test_removal_covering_an_earlier_replacement_contains_it():
    doc = Document("x Ã© y\nz")
    apply(doc, Replace(2, 4, "é", "ENC001", "m"))
    apply(doc, Remove(0, 6, "BP001", "line"))  # "x é y\n"
    assert doc.text == "z"
    assert (doc.changes[-1].start, doc.changes[-1].end) == (0, 7)
    assert outer_edits(doc.changes) == [doc.changes[-1]]
    edits_ok(doc)


def test_edit_cutting_into_a_replacement_is_widened():
    doc = Document("ﬁne day")
    apply(doc, Replace(0, 1, "fi", "ENC007", "ligature"))
    assert doc.text == "fine day"
    apply(doc, Remove(1, 4, "X001", "cut inside the ligature's output"))  # "ine"
    # the removal is widened to the whole replacement output "fi"
    assert doc.text == " day"
    assert doc.changes[-1].text == "ﬁne"
    edits_ok(doc)


def test_replacement_widened_keeps_the_surrounding_text():
    doc = Document("ﬁx")
    apply(doc, Replace(0, 1, "fi", "ENC007", "ligature"))
    apply(doc, Replace(1, 2, "I", "X001", "upper the i"))
    assert doc.text == "fIx"
    edits_ok(doc)


def test_overlapping_edits_in_one_batch():
    doc = Document("0123456789")
    apply(doc, Remove(2, 6, "X001", "a"), Remove(4, 8, "X001", "b"), Remove(3, 5, "X001", "inside"))
    assert doc.text == "0189"
    assert [(c.start, c.end) for c in doc.changes] == [(2, 6), (6, 8)]
    edits_ok(doc)


def test_conflicting_replacement_is_dropped():
    doc = Document("abcdef")
    apply(doc, Remove(1, 4, "X001", "a"), Replace(3, 5, "Z", "X002", "b"))
    assert doc.text == "aef"
    edits_ok(doc)


def test_noop_and_empty_edits_are_ignored():
    doc = apply(Document("abc"), Replace(0, 1, "a", "X", "same"), Remove(2, 2, "X", "empty"))
    assert doc.text == "abc" and doc.changes == []


def test_flags_do_not_change_text_and_point_into_original():
    doc = Document("&amp; quoted")
    apply(doc, Replace(0, 5, "&", "ENC002", "e"))
    apply(doc, Flag(2, 8, "TR301", "flag"), DocumentFlag("Q101", "too short", {"value": 1}, drop=True))
    assert doc.text == "& quoted"
    flag, docflag = doc.changes[1:]
    assert flag.text == "quoted" and doc.original[flag.start:flag.end] == "quoted"
    assert docflag.start is None and docflag.drop and docflag.detail == {"value": 1}


def test_flag_on_replacement_output_covers_its_source():
    doc = Document("x &amp; y")
    apply(doc, Replace(2, 7, "&", "ENC002", "e"))
    apply(doc, Flag(2, 3, "F", "the ampersand"))
    assert doc.changes[-1].text == "&amp;"


def test_offsets_clip_to_text():
    doc = apply(Document("abc"), Remove(-5, 2, "X", "r"), Flag(1, 99, "F", "f"))
    assert doc.text == "c"
    edits_ok(doc)


def test_annotations_merge_dicts():
    doc = apply(Document("a"), Annotation("scores", {"a": 1}), Annotation("scores", {"b": 2}),
                Annotation("other", [1]))
    assert doc.annotations["scores"] == {"a": 1, "b": 2}
    with pytest.raises(TypeError):
        doc.annotations["x"] = 1  # read-only view


def test_non_finding_is_an_error():
    with pytest.raises(TypeError, match="not a finding"):
        Document("a").apply("t", ["nope"])


def test_document_requires_str():
    with pytest.raises(TypeError):
        Document(b"bytes")  # type: ignore[arg-type]


def test_document_lang_prefers_detected_over_declared():
    doc = Document("x", Metadata(lang="de"))
    assert doc.lang == "de"
    doc.apply("language", [Annotation("language", {"lang": "en"})])
    assert doc.lang == "en"


def test_many_rounds_of_edits_replay():
    text = "".join(f"line {i} &amp; Ã©\n" for i in range(50))
    doc = Document(text)
    for round_ in range(3):
        found = []
        pos = 0
        for i, line in enumerate(doc.text.split("\n")):
            if line and (i + round_) % 4 == 0:
                found.append(Remove(pos, pos + len(line) + 1, "X001", "line"))
            elif "&amp;" in line:
                j = pos + line.index("&amp;")
                found.append(Replace(j, j + 5, "&", "ENC002", "e"))
            elif "Ã©" in line:
                j = pos + line.index("Ã©")
                found.append(Replace(j, j + 2, "é", "ENC001", "m"))
            pos += len(line) + 1
        doc.apply(f"r{round_}", found)
        edits_ok(doc)


def test_change_to_dict_and_pickle():
    c = Change("X001", "f", "replaced", 0, 3, "abc", "why", replacement="x", detail={"k": 1})
    d = c.to_dict()
    assert d["replacement"] == "x" and d["detail"] == {"k": 1} and "drop" not in d
    assert pickle.loads(pickle.dumps(c)) == c
    doc = apply(Document("abc"), Remove(0, 1, "X", "r"))
    doc2 = pickle.loads(pickle.dumps(doc))
    assert doc2.text == doc.text and doc2.to_original(0, 2) == doc.to_original(0, 2)


def test_replay_rejects_overlapping_records():
    a = Change("X", "f", "removed", 0, 5, "abcde", "r")
    b = Change("X", "f", "removed", 3, 8, "defgh", "r")
    with pytest.raises(ValueError):
        replay("abcdefghij", [a, b])


def test_fast_change_factory_builds_the_same_change():
    import dataclasses

    from cleaner.document import Change, _change

    args = ("BP201", "boilerplate", "removed", 3, 9, "Share!", "share line", None, {"k": 1}, True)
    fast, plain = _change(*args), Change(*args)
    assert fast == plain and repr(fast) == repr(plain) and dataclasses.asdict(fast) == dataclasses.asdict(plain)
    assert _change("X", "f", "flagged", None, None, "", "r") == Change("X", "f", "flagged", None, None, "", "r")
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.code = "other"  # type: ignore[misc]
    assert [f.name for f in dataclasses.fields(Change)] == list(Change.__slots__)
