"""The report: derived from a Document's change record and annotations, never
assembled by hand elsewhere.

``Report.to_dict()`` is plain JSON; its schema is ``cleaner/data/report.schema.json``
and docs/report.md shows a real example.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any, Mapping

from cleaner.document import Change, Document, Metadata, outer_edits

SCHEMA = "cleaner.report/1"
_CODE = attrgetter("code")
_FILTER = attrgetter("filter")
_SECTIONS = ("language", "signals", "scores")


@dataclass(frozen=True, slots=True)
class Verdict:
    """keep or drop, the reasons to drop, and a score for users who weight."""

    keep: bool
    reasons: tuple[Change, ...] = ()
    quality_score: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "keep": self.keep,
            "reasons": [{"code": c.code, "reason": c.reason} for c in self.reasons],
            "quality_score": self.quality_score,
        }


@dataclass(frozen=True)
class Report:
    meta: Metadata
    pipeline: tuple[str, ...]
    input_chars: int
    output_chars: int
    changes: tuple[Change, ...]
    annotations: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_document(cls, doc: Document, pipeline: tuple[str, ...] = ()) -> "Report":
        return cls(doc.meta, tuple(pipeline), len(doc.original), len(doc.text), tuple(doc.changes),
                   dict(doc.annotations))

    # -- views -----------------------------------------------------------------------
    @property
    def language(self) -> dict[str, Any]:
        return dict(self.annotations.get("language") or {"lang": self.meta.lang or "und"})

    @property
    def signals(self) -> dict[str, Any]:
        return dict(self.annotations.get("signals") or {})

    @property
    def scores(self) -> dict[str, Any]:
        return dict(self.annotations.get("scores") or {})

    @property
    def verdict(self) -> Verdict:
        reasons = tuple(c for c in self.changes if c.drop)
        score = self.scores.get("quality_score")
        return Verdict(not reasons, reasons, score)

    @property
    def removals(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.action == "removed")

    @property
    def replacements(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.action == "replaced")

    @property
    def flags(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.action == "flagged")

    def codes(self) -> list[str]:
        """The distinct codes in the record, sorted."""
        return sorted({c.code for c in self.changes})

    def summary(self) -> dict[str, Any]:
        """Counts and character totals per code and per filter.

        Characters count each original character once: an edit nested inside a
        later one (a mojibake fix inside a removed line) is counted with the
        outer one only.
        """
        outer = outer_edits(self.changes)
        by_code = {code: {"count": n, "chars": 0} for code, n in Counter(map(_CODE, self.changes)).items()}
        by_filter = {name: {"count": n, "chars": 0} for name, n in Counter(map(_FILTER, self.changes)).items()}
        removed = replaced = 0
        for c in outer:  # one pass for all four totals
            n = c.end - c.start  # type: ignore[operator]
            by_code[c.code]["chars"] += n
            by_filter[c.filter]["chars"] += n
            if c.action == "removed":
                removed += n
            elif c.action == "replaced":
                replaced += n
        return {
            "removed_chars": removed,
            "replaced_chars": replaced,
            "removed_share": round(removed / self.input_chars, 4) if self.input_chars else 0.0,
            "flags": sum(1 for c in self.changes if c.action == "flagged"),
            "by_code": dict(sorted(by_code.items())),
            "by_filter": dict(sorted(by_filter.items())),
        }

    def to_dict(self) -> dict[str, Any]:
        other = {k: v for k, v in self.annotations.items() if k not in _SECTIONS}
        out: dict[str, Any] = {
            "schema": SCHEMA,
            **self.meta.to_dict(),
            "pipeline": list(self.pipeline),
            "input_chars": self.input_chars,
            "output_chars": self.output_chars,
            "language": self.language,
            "verdict": self.verdict.to_dict(),
            "scores": self.scores,
            "signals": self.signals,
            "summary": self.summary(),
            "changes": list(map(Change.to_dict, self.changes)),
        }
        if other:
            out["annotations"] = other
        return out
