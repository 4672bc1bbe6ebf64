"""What a filter returns: findings about the current text of a Document.

Offsets are into ``doc.text`` as the filter saw it. The pipeline turns each finding
into a :class:`cleaner.document.Change` with offsets into the original input.

- :class:`Remove` — delete ``text[start:end]``.
- :class:`Replace` — put ``text`` in place of ``text[start:end]``.
- :class:`Flag` — point at ``text[start:end]`` without changing it.
- :class:`DocumentFlag` — a finding about the whole document (a score over a
  threshold, a failed quality rule); ``drop=True`` makes it a reason to drop it.
- :class:`Annotation` — a value for the report (language, signals, scores).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Union


@dataclass(frozen=True, slots=True)
class Remove:
    start: int
    end: int
    code: str
    reason: str
    detail: Mapping[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class Replace:
    start: int
    end: int
    text: str
    code: str
    reason: str
    detail: Mapping[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class Flag:
    start: int
    end: int
    code: str
    reason: str
    detail: Mapping[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class DocumentFlag:
    code: str
    reason: str
    detail: Mapping[str, Any] | None = None
    drop: bool = False


@dataclass(frozen=True, slots=True)
class Annotation:
    """``key`` is a report section: ``language``, ``signals``, ``scores`` or any
    other name (reported under ``annotations``). Dict values merge."""

    key: str
    value: Any


Finding = Union[Remove, Replace, Flag, DocumentFlag, Annotation]
