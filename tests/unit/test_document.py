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


# -- the inlined apply equals the plain computation --------------------------------------------
from bisect import bisect_right  # noqa: E402

from hypothesis import example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from cleaner.document import OffsetMap, _change  # noqa: E402


def _rebuilt_reference(m, edits, new_length):
    """OffsetMap.rebuilt as first written: a push and a copy_range per stretch."""
    cur, orig, orig_end, atomic = [], [], [], []
    out = [0]

    def push(n, o, oe, is_atomic):
        if n <= 0:
            return
        if not is_atomic and atomic and not atomic[-1] and orig_end[-1] == o:
            orig_end[-1] = oe
        else:
            cur.append(out[0]), orig.append(o), orig_end.append(oe), atomic.append(is_atomic)
        out[0] += n

    def copy_range(a, b):
        if a >= b:
            return
        i = bisect_right(m._cur, a) - 1
        while i < len(m._cur) and m._cur[i] < b:
            s0, s1 = m._cur[i], m._cur[i + 1] if i + 1 < len(m._cur) else m._length
            if m._atomic[i]:
                push(s1 - s0, m._orig[i], m._orig_end[i], True)
            else:
                lo, hi = max(a, s0), min(b, s1)
                push(hi - lo, m._orig[i] + lo - s0, m._orig[i] + hi - s0, False)
            i += 1

    pos = 0
    for start, end, repl, o_start, o_end in edits:
        copy_range(pos, start)
        if repl:
            push(len(repl), o_start, o_end, True)
        pos = end
    copy_range(pos, m._length)
    new = OffsetMap.__new__(OffsetMap)
    new._cur, new._orig, new._orig_end, new._atomic, new._length = cur, orig, orig_end, atomic, new_length
    return new


class _PlainDocument(Document):
    """Document.apply without the shortcuts (every edit snapped, offsets through to_original)."""

    def apply(self, filter_name, findings):
        edits, n = [], len(self.text)
        for f in findings:
            if isinstance(f, Annotation):
                self.annotate(f.key, f.value)
            elif isinstance(f, DocumentFlag):
                self.changes.append(Change(f.code, filter_name, "flagged", None, None, "", f.reason,
                                           detail=f.detail, drop=f.drop))
            elif isinstance(f, Flag):
                s = min(max(f.start, 0), n)
                e = min(max(f.end, s), n)
                o_s, o_e = self.to_original(s, e)
                self.changes.append(Change(f.code, filter_name, "flagged", o_s, o_e, self.original[o_s:o_e],
                                           f.reason, detail=f.detail))
            else:
                s = min(max(f.start, 0), n)
                e = min(max(f.end, s), n)
                if s == e or isinstance(f, Replace) and self.text[s:e] == f.text:
                    continue
                edits.append((s, e, f))
        if not edits:
            return
        text, asked, snapped = self.text, {}, []
        for a, b, f in edits:
            asked[id(f)] = (a, b)
            snapped.append((*self._map.snap(a, b), f))
        snapped.sort(key=lambda t: (t[0], -t[1]))
        resolved = []
        for s, e, f in snapped:
            if resolved and s < resolved[-1][1]:
                prev_end = resolved[-1][1]
                if e <= prev_end or isinstance(f, Replace) or isinstance(resolved[-1][2], Replace):
                    continue
                s, e = self._map.snap(prev_end, e)
                if s < prev_end or s >= e:
                    continue
            resolved.append((s, e, f))
        pieces, plan, pos = [], [], 0
        for s, e, f in resolved:
            repl = f.text if isinstance(f, Replace) else ""
            if isinstance(f, Replace) and (s, e) != asked[id(f)]:
                a, b = asked[id(f)]
                repl = text[s:a] + f.text + text[b:e]
            o_s, o_e = self.to_original(s, e)
            action = "replaced" if isinstance(f, Replace) else "removed"
            self.changes.append(_change(f.code, filter_name, action, o_s, o_e, self.original[o_s:o_e],
                                        f.reason, repl if action == "replaced" else None, f.detail))
            pieces += [text[pos:s], repl]
            plan.append((s, e, repl, o_s, o_e))
            pos = e
        pieces.append(text[pos:])
        self.text = "".join(pieces)
        self._map = _rebuilt_reference(self._map, plan, len(self.text))


_span = st.tuples(st.integers(-2, 14), st.integers(-2, 14))  # short spans on short texts: they overlap
_finding = st.one_of(
    _span.map(lambda se: Remove(se[0], se[1], "X001", "r")),
    st.tuples(_span, st.sampled_from(["", "x", "yz", "&"])).map(lambda a: Replace(a[0][0], a[0][1], a[1], "X002", "p")),
    _span.map(lambda se: Flag(se[0], se[1], "X003", "f")))


@settings(max_examples=400, deadline=None)
@given(st.text("ab\n&;", min_size=0, max_size=16), st.lists(st.lists(_finding, max_size=6), max_size=5))
@example("abcdef", [[Replace(1, 3, "xyz", "X002", "p")], [Replace(2, 5, "Q", "X002", "p")]])  # widened
def test_apply_equals_the_plain_computation(text, batches):
    fast, plain = Document(text), _PlainDocument(text)
    for k, batch in enumerate(batches):
        fast.apply(f"f{k}", batch)
        plain.apply(f"f{k}", batch)
        assert fast.text == plain.text and fast.changes == plain.changes
        m, r = fast._map, plain._map
        assert (m._cur, m._orig, m._orig_end, m._atomic, m._length) == (r._cur, r._orig, r._orig_end, r._atomic,
                                                                       r._length)
    edits_ok(fast)


def _outer_edits_reference(changes):
    """The first implementation of outer_edits (sorted lists with inserts at the head): the
    specification the faster one must give the same answer as."""
    from bisect import bisect_right
    edits = [c for c in changes if c.action != "flagged" and c.start is not None]
    starts, ends, outer = [], [], []
    for c in reversed(edits):
        i = bisect_right(starts, c.start) - 1
        if i >= 0 and c.end <= ends[i]:
            continue
        starts.insert(i + 1, c.start)
        ends.insert(i + 1, c.end)
        outer.append(c)
    outer.sort(key=lambda c: (c.start, c.end))
    return outer


def test_outer_edits_matches_its_reference_on_random_records():
    import random
    rng = random.Random(7)
    for _ in range(3000):
        changes = []
        for k in range(rng.randint(0, 12)):
            a = rng.randint(0, 20)
            changes.append(Change(f"X{k:03d}", "f", rng.choice(["removed", "replaced", "flagged"]),
                                  a, a + rng.randint(0, 6), "", "r", None))
        assert [id(c) for c in outer_edits(changes)] == [id(c) for c in _outer_edits_reference(changes)]


def test_outer_edits_grows_linearly_with_many_edits():
    # one filter's many small edits (48,000 mojibake fixes in one document took 2 s when
    # each was inserted at the head of the sorted lists)
    from tests.timing import grows_linearly

    def record(n):
        return [Change("ENC001", "encoding", "replaced", 3 * i, 3 * i + 2, "Ã©", "r", "é") for i in range(n)]

    small, large = record(4000), record(32000)
    ok, t_small, t_large = grows_linearly(lambda: outer_edits(small), lambda: outer_edits(large), reps=3)
    assert ok, (t_small, t_large)
