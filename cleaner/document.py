"""The Document that flows through a pipeline, and the record of what was changed.

A :class:`Document` holds the original input, the current text, and an offset map
from the current text back into the original. Filters never edit it: they return
findings (see :mod:`cleaner.findings`) and the pipeline applies them with
:meth:`Document.apply`, which records one :class:`Change` per finding with offsets
**into the original input**, however many filters ran before.

>>> doc = Document("Hello &amp; welcome!\\nShare this")
>>> doc.apply("demo", [Replace(6, 11, "&", code="ENC002", reason="HTML entity")])
>>> doc.apply("demo", [Remove(16, 27, code="BP201", reason="share line")])
>>> doc.text
'Hello & welcome!'
>>> [(c.code, c.start, c.end, c.text) for c in doc.changes]
[('ENC002', 6, 11, '&amp;'), ('BP201', 20, 31, '\\nShare this')]
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import chain
from operator import attrgetter
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Iterable, Literal, Mapping

from cleaner.findings import Annotation, DocumentFlag, Finding, Flag, Remove, Replace

Action = Literal["removed", "replaced", "flagged"]


@dataclass(frozen=True, slots=True)
class Change:
    """One entry of the change record.

    ``start``/``end`` index the *original* input; ``text == original[start:end]`` for
    every change with a span. Document-level flags (a verdict input, a score over a
    threshold) have ``start = end = None`` and empty ``text``.
    """

    code: str
    filter: str
    action: Action
    start: int | None
    end: int | None
    text: str
    reason: str
    replacement: str | None = None
    detail: Mapping[str, Any] | None = None
    drop: bool = False

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "filter": self.filter,
            "action": self.action,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "reason": self.reason,
        }
        if self.replacement is not None:
            out["replacement"] = self.replacement
        if self.detail:
            out["detail"] = dict(self.detail)
        if self.drop:
            out["drop"] = True
        return out

    @property
    def is_edit(self) -> bool:
        """True for changes that alter the text (removed or replaced)."""
        return self.action != "flagged"


def _change_factory():
    """``Change(...)`` without the frozen dataclass's ``__init__`` (which sets each
    field through ``object.__setattr__``): the same object, in half the time."""
    new = object.__new__
    (s_code, s_filter, s_action, s_start, s_end, s_text, s_reason, s_repl, s_detail,
     s_drop) = (getattr(Change, f).__set__ for f in Change.__slots__)  # type: ignore[attr-defined]
    assert Change.__slots__ == ("code", "filter", "action", "start", "end", "text", "reason",  # type: ignore[attr-defined]
                                "replacement", "detail", "drop")

    def change(code: str, filter_name: str, action: Action, start: int | None, end: int | None, text: str,
               reason: str, replacement: str | None = None, detail: Mapping[str, Any] | None = None,
               drop: bool = False) -> Change:
        c = new(Change)
        s_code(c, code)
        s_filter(c, filter_name)
        s_action(c, action)
        s_start(c, start)
        s_end(c, end)
        s_text(c, text)
        s_reason(c, reason)
        s_repl(c, replacement)
        s_detail(c, detail)
        s_drop(c, drop)
        return c

    return change


_change = _change_factory()


@dataclass(frozen=True, slots=True)
class Metadata:
    """What is known about a document besides its text."""

    id: str | None = None
    source: str | None = None
    url: str | None = None
    lang: str | None = None  # declared language, if the input says so
    format: str = "text"  # "text" or "html": what the original input was

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in (("id", self.id), ("source", self.source), ("url", self.url),
                                  ("lang", self.lang), ("format", self.format)) if v is not None}


class OffsetMap:
    """Maps positions of the current text to spans of the original input.

    The current text is a sequence of segments. A *copy* segment is a stretch of
    the original kept verbatim (one current character per original character); an
    *atomic* segment is the output of a replacement and maps as a whole onto the
    original span it replaced. Edits that cut into an atomic segment are widened to
    cover all of it, so every change's original span either contains an earlier
    change's span or is disjoint from it.
    """

    __slots__ = ("_cur", "_orig", "_orig_end", "_atomic", "_length")

    def __init__(self, length: int) -> None:
        self._cur = [0] if length else []
        self._orig = [0] if length else []
        self._orig_end = [length] if length else []
        self._atomic = [False] if length else []
        self._length = length

    def __len__(self) -> int:
        return len(self._cur)

    def _seg(self, pos: int) -> int:
        return bisect_right(self._cur, pos) - 1

    def _seg_len(self, i: int) -> int:
        nxt = self._cur[i + 1] if i + 1 < len(self._cur) else self._length
        return nxt - self._cur[i]

    def char_span(self, pos: int) -> tuple[int, int]:
        """Original span of the current character at ``pos``."""
        i = self._seg(pos)
        if self._atomic[i]:
            return self._orig[i], self._orig_end[i]
        o = self._orig[i] + pos - self._cur[i]
        return o, o + 1

    def point(self, pos: int, original_length: int) -> int:
        """Original position of the (zero-width) current position ``pos``."""
        if pos < self._length:
            return self.char_span(pos)[0]
        return self._orig_end[-1] if self._cur else original_length

    def to_original(self, start: int, end: int, original_length: int) -> tuple[int, int]:
        """Original span of the current span ``[start, end)``."""
        if start >= end:
            p = self.point(start, original_length)
            return p, p
        return self.char_span(start)[0], self.char_span(end - 1)[1]

    def snap(self, start: int, end: int) -> tuple[int, int]:
        """Widen ``[start, end)`` so that it does not cut an atomic segment."""
        if start < end:
            i = self._seg(start)
            if self._atomic[i]:
                start = self._cur[i]
            j = self._seg(end - 1)
            if self._atomic[j]:
                end = self._cur[j] + self._seg_len(j)
        return start, end

    def rebuilt(self, edits: list[tuple[int, int, str, int, int]], new_length: int) -> "OffsetMap":
        """A new map after applying ``edits`` = sorted, disjoint, snapped
        ``(start, end, replacement, orig_start, orig_end)`` in current coordinates."""
        cur: list[int] = []
        orig: list[int] = []
        orig_end: list[int] = []
        atomic: list[bool] = []
        out_pos = 0
        s_cur, s_orig, s_orig_end, s_atomic = self._cur, self._orig, self._orig_end, self._atomic
        n_seg, length = len(s_cur), self._length
        # One pass: copy the kept stretch before each edit segment by segment, then
        # the replacement as an atomic segment; a copy contiguous in the original
        # with the copy before it extends that one. (Pushing a segment is inlined:
        # thousands of line removals per document.)
        pos = 0
        for start, end, repl, o_start, o_end in chain(edits, ((length, length, "", 0, 0),)):
            if pos < start:  # copy [pos, start): edits are snapped, so atomic segments go whole
                i = bisect_right(s_cur, pos) - 1
                while i < n_seg and s_cur[i] < start:
                    s0 = s_cur[i]
                    s1 = s_cur[i + 1] if i + 1 < n_seg else length
                    if s_atomic[i]:
                        cur.append(out_pos)
                        orig.append(s_orig[i])
                        orig_end.append(s_orig_end[i])
                        atomic.append(True)
                        out_pos += s1 - s0
                    else:
                        lo = pos if pos > s0 else s0
                        hi = start if start < s1 else s1
                        o = s_orig[i] + lo - s0
                        if atomic and not atomic[-1] and orig_end[-1] == o:
                            orig_end[-1] = o + hi - lo
                        else:
                            cur.append(out_pos)
                            orig.append(o)
                            orig_end.append(o + hi - lo)
                            atomic.append(False)
                        out_pos += hi - lo
                    i += 1
            if repl:
                cur.append(out_pos)
                orig.append(o_start)
                orig_end.append(o_end)
                atomic.append(True)
                out_pos += len(repl)
            pos = end
        new = OffsetMap.__new__(OffsetMap)
        new._cur, new._orig, new._orig_end, new._atomic = cur, orig, orig_end, atomic
        new._length = new_length
        assert out_pos == new_length, (out_pos, new_length)
        return new

    def copied_spans(self) -> Iterable[tuple[int, int, int]]:
        """``(current_start, original_start, original_end)`` of each copy segment."""
        for i, is_atomic in enumerate(self._atomic):
            if not is_atomic:
                yield self._cur[i], self._orig[i], self._orig_end[i]


@dataclass(eq=False)
class Document:
    """The text being cleaned, its original, its change record and annotations.

    Only the pipeline mutates a Document (through :meth:`apply` and
    :meth:`annotate`); filters read it.
    """

    original: str
    meta: Metadata = field(default_factory=Metadata)
    text: str = field(init=False)
    changes: list[Change] = field(init=False, default_factory=list)
    _annotations: dict[str, Any] = field(init=False, default_factory=dict, repr=False)
    _map: OffsetMap = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.original, str):
            raise TypeError(f"Document text must be str, not {type(self.original).__name__}")
        self.text = self.original
        self._map = OffsetMap(len(self.original))

    @classmethod
    def from_text(cls, text: str, **meta: Any) -> "Document":
        return cls(text, Metadata(**meta))

    # -- reading ---------------------------------------------------------------
    @property
    def annotations(self) -> Mapping[str, Any]:
        return MappingProxyType(self._annotations)

    @property
    def lang(self) -> str | None:
        """The document language: detected if a language filter ran, else declared."""
        detected = self._annotations.get("language", {}).get("lang")
        if detected and detected != "und":
            return detected
        return self.meta.lang

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original span of the current-text span ``[start, end)``."""
        return self._map.to_original(start, end, len(self.original))

    # -- writing (pipeline only) --------------------------------------------------
    def annotate(self, key: str, value: Any) -> None:
        """Record an annotation; dict values merge into an existing dict."""
        old = self._annotations.get(key)
        if isinstance(old, dict) and isinstance(value, Mapping):
            old.update(value)
        else:
            self._annotations[key] = dict(value) if isinstance(value, Mapping) else value

    def apply(self, filter_name: str, findings: Iterable[Finding]) -> None:
        """Apply one filter's findings: record every change, then edit the text.

        Edits (Remove/Replace) are in current-text coordinates; they are widened so
        as not to cut the output of an earlier replacement, and overlapping edits
        are resolved: an edit inside an earlier one of the batch is dropped, a
        removal that overlaps the previous one is trimmed to start where it ends.
        """
        edits: list[tuple[int, int, Remove | Replace]] = []  # clipped to the text
        text = self.text
        n = len(text)
        for f in findings:
            if type(f) is Remove:  # most findings: _clip and the branch below, inlined
                s = min(max(f.start, 0), n)
                e = min(max(f.end, s), n)
                if s != e:
                    edits.append((s, e, f))
            elif isinstance(f, Annotation):
                self.annotate(f.key, f.value)
            elif isinstance(f, DocumentFlag):
                self.changes.append(Change(f.code, filter_name, "flagged", None, None, "", f.reason,
                                           detail=f.detail, drop=f.drop))
            elif isinstance(f, Flag):
                s, e = _clip(f.start, f.end, n)
                o_s, o_e = self.to_original(s, e)
                self.changes.append(Change(f.code, filter_name, "flagged", o_s, o_e,
                                           self.original[o_s:o_e], f.reason, detail=f.detail))
            elif isinstance(f, (Remove, Replace)):
                s, e = _clip(f.start, f.end, n)
                if s == e:
                    continue  # an empty edit changes nothing
                if isinstance(f, Replace) and text[s:e] == f.text:
                    continue
                edits.append((s, e, f))
            else:
                raise TypeError(f"filter {filter_name!r} returned {type(f).__name__}, not a finding")
        if edits:
            self._apply_edits(filter_name, edits)

    def _apply_edits(self, filter_name: str, edits: list[tuple[int, int, Remove | Replace]]) -> None:
        text = self.text
        asked = {}
        m = self._map
        if True in m._atomic:
            snapped = []
            snap = m.snap
            for a, b, f in edits:
                asked[id(f)] = (a, b)
                s, e = snap(a, b)
                snapped.append((s, e, f))
        else:  # no replacement's output to widen over: every edit stays as asked
            snapped = edits
        snapped.sort(key=lambda t: (t[0], -t[1]))
        resolved: list[tuple[int, int, Remove | Replace]] = []
        for s, e, f in snapped:
            if resolved and s < resolved[-1][1]:
                prev_end = resolved[-1][1]
                if e <= prev_end or isinstance(f, Replace) or isinstance(resolved[-1][2], Replace):
                    continue  # contained in (or conflicting with) an edit already taken
                s, e = self._map.snap(prev_end, e)
                if s < prev_end or s >= e:
                    continue
            resolved.append((s, e, f))

        pieces: list[str] = []
        plan: list[tuple[int, int, str, int, int]] = []
        pos = 0
        original, changes = self.original, self.changes
        # to_original(s, e) inlined (s < e here: edits are never empty)
        cur, orig, orig_end, atomic = m._cur, m._orig, m._orig_end, m._atomic
        for s, e, f in resolved:
            if type(f) is Remove:
                repl = ""
                action: Action = "removed"
            else:
                repl = f.text if isinstance(f, Replace) else ""
                # widening may have taken in text around the replaced part: keep it
                if isinstance(f, Replace) and id(f) in asked and (s, e) != asked[id(f)]:
                    a, b = asked[id(f)]
                    repl = text[s:a] + f.text + text[b:e]
                action = "replaced" if isinstance(f, Replace) else "removed"
            i = bisect_right(cur, s) - 1
            o_s = orig[i] if atomic[i] else orig[i] + s - cur[i]
            j = bisect_right(cur, e - 1) - 1
            o_e = orig_end[j] if atomic[j] else orig[j] + e - cur[j]
            changes.append(_change(f.code, filter_name, action, o_s, o_e, original[o_s:o_e],
                                   f.reason, repl if action == "replaced" else None, f.detail))
            pieces.append(text[pos:s])
            pieces.append(repl)
            plan.append((s, e, repl, o_s, o_e))
            pos = e
        pieces.append(text[pos:])
        self.text = "".join(pieces)
        self._map = m.rebuilt(plan, len(self.text))

    # -- derived views -----------------------------------------------------------
    def to_current(self, start: int, end: int) -> tuple[int, int] | None:
        """The current-text span holding what is left, verbatim, of the original
        span ``[start, end)``; None if none of it is left.

        >>> d = Document("abcdef"); d.apply("t", [__import__("cleaner").Remove(0, 2, "X", "r")])
        >>> d.to_current(2, 6), d.to_current(0, 2)
        ((0, 4), None)
        """
        cur_start = cur_end = None
        for c, o, oe in self._map.copied_spans():
            lo, hi = max(o, start), min(oe, end)
            if lo >= hi:
                continue
            a, b = c + lo - o, c + hi - o
            cur_start = a if cur_start is None else min(cur_start, a)
            cur_end = b if cur_end is None else max(cur_end, b)
        return None if cur_start is None else (cur_start, cur_end)

    def copied_spans(self) -> Iterable[tuple[int, int, int]]:
        """Stretches of the current text copied verbatim from the original:
        ``(current_start, original_start, original_end)``."""
        return self._map.copied_spans()


def _clip(start: int, end: int, n: int) -> tuple[int, int]:
    start = min(max(start, 0), n)
    return start, min(max(end, start), n)


_START_END = attrgetter("start", "end")


def outer_edits(changes: Iterable[Change]) -> list[Change]:
    """The edits (removed/replaced changes) not contained in a later edit, in order.

    A later edit's original span contains an earlier one's or is disjoint from it,
    so the outer edits are pairwise disjoint and together say what happened to
    every original character that is not in the output verbatim.
    """
    edits = [c for c in changes if c.action != "flagged" and c.start is not None]  # is_edit, inlined
    # the outer edits taken so far, by start, held as -start in ascending order (so
    # by start descending): the record is walked from its last change back, a
    # filter's changes in descending order of their start, so each new one goes at
    # the end of these lists (an append) instead of at their head (a copy of all of
    # them: 48,000 edits of one document took 2 s). The one looked at is the
    # taken edit with the greatest start <= this one's, the last taken among equals.
    neg_starts: list[int] = []
    ends: list[int] = []
    outer: list[Change] = []
    for c in reversed(edits):
        assert c.start is not None and c.end is not None
        i = bisect_left(neg_starts, -c.start)
        if i < len(ends) and c.end <= ends[i]:
            continue  # inside a later edit
        neg_starts.insert(i, -c.start)  # at the end (i == len): no copy
        ends.insert(i, c.end)
        outer.append(c)
    outer.sort(key=_START_END)
    return outer


def replay(original: str, changes: Iterable[Change]) -> str:
    """Rebuild the clean text from the original and the change record alone.

    Applying the outer edits (see :func:`outer_edits`) to the original gives the
    pipeline's output; this is how tests prove that the report accounts for every
    removed character.

    >>> replay("a &amp; b", [Change("ENC002", "encoding", "replaced", 2, 7, "&amp;", "entity", "&")])
    'a & b'
    """
    out: list[str] = []
    pos = 0
    for c in outer_edits(changes):
        assert c.start is not None and c.end is not None
        if c.start < pos:
            raise ValueError(f"change record overlaps at {c.start}: {c.code}")
        out.append(original[pos:c.start])
        out.append(c.replacement or "")
        pos = c.end
    out.append(original[pos:])
    return "".join(out)
