"""Where outcomes go: JSONL streams (plain, .gz, .zst, stdout), file trees, and
the error file; and the run's accounting.

Every outcome is written to exactly one place, and :class:`Accounting` checks
that documents in = kept + dropped + errors.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from cleaner.io.process import DROPPED, ERROR, KEPT, Outcome


def dumps(obj: Any) -> str:
    """One JSON line. Lone surrogates (from a JSON ``"\\ud800"`` escape) cannot be
    encoded as UTF-8, so such records are written with ASCII escapes instead."""
    line = json.dumps(obj, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(obj, ensure_ascii=True)
    # characters that str.splitlines() and some JSONL readers treat as line breaks
    if "\u2028" in line or "\u2029" in line or "\x85" in line:
        line = line.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\x85", "\\u0085")
    return line


def open_text_out(path: str) -> IO[str]:
    """Open ``path`` for writing text, compressing .gz and .zst; ``-`` is stdout."""
    if path == "-":
        return sys.stdout
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    lower = path.lower()
    if lower.endswith(".gz"):
        return gzip.open(path, "wt", encoding="utf-8")  # type: ignore[return-value]
    if lower.endswith(".zst"):
        import io

        import zstandard

        raw = open(path, "wb")
        stream = zstandard.ZstdCompressor().stream_writer(raw, closefd=True)
        return io.TextIOWrapper(stream, encoding="utf-8")
    return open(path, "w", encoding="utf-8")


class JsonlSink:
    """Writes outcomes as JSONL: the input's fields, the clean text in
    ``text_field`` and the report in ``report_field``."""

    def __init__(self, path: str, *, text_field: str = "text", report_field: str = "cleaner",
                 with_report: bool = True, always_create: bool = False) -> None:
        self.path = path
        self.always_create = always_create  # the main output exists even when nothing was kept
        self.text_field = text_field
        self.report_field = report_field
        self.with_report = with_report
        self._fh: IO[str] | None = None

    def write(self, out: Outcome) -> None:
        if self._fh is None:
            self._fh = open_text_out(self.path)
        if out.fields is not None:
            obj = dict(out.fields)
        else:
            obj = {"id": out.id, "source": out.source}
        obj[self.text_field] = out.text
        if self.with_report:
            obj[self.report_field] = out.report
        self._fh.write(dumps(obj) + "\n")

    def close(self) -> None:
        if self._fh is None and self.always_create and self.path != "-":
            self._fh = open_text_out(self.path)
        if self._fh is not None and self._fh is not sys.stdout:
            self._fh.close()
        elif self._fh is sys.stdout:
            sys.stdout.flush()


class TreeSink:
    """Writes each file's clean text to ``OUT/REL`` and its report beside it as
    ``OUT/REL.report.json`` (``REL`` mirrors the input tree; ``.html`` inputs
    become ``.txt``)."""

    def __init__(self, out_dir: str) -> None:
        self.out_dir = Path(out_dir)

    def target(self, out: Outcome) -> Path:
        rel = out.id or os.path.basename(out.source)
        if rel.lower().endswith((".html", ".htm", ".xhtml")):
            rel = rel.rsplit(".", 1)[0] + ".txt"
        return self.out_dir / rel

    def write(self, out: Outcome) -> None:
        target = self.target(out)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(out.text or "", encoding="utf-8", errors="surrogatepass")
        report_path = target.with_name(target.name + ".report.json")
        report_path.write_text(json.dumps(out.report, ensure_ascii=False, indent=2) + "\n",
                               encoding="utf-8", errors="surrogatepass")

    def close(self) -> None:
        pass


class ErrorSink:
    """Records that could not be cleaned: JSONL of ``{source, line, id, error, raw}``
    to a file, or one ``path:line: error`` line each on stderr."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self._fh: IO[str] | None = None

    def write(self, out: Outcome) -> None:
        print(f"cleaner: {out.where}: {out.error}", file=sys.stderr)
        if self.path is None:
            return
        if self._fh is None:
            self._fh = open_text_out(self.path)
        entry = {"source": out.source, "line": out.line, "id": out.id, "error": out.error, "raw": out.raw}
        if out.report and "traceback" in out.report:
            entry["traceback"] = out.report["traceback"]
        self._fh.write(dumps(entry) + "\n")

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()


@dataclass
class Accounting:
    """Counts of a run; ``balanced`` is the nothing-lost check."""

    documents: int = 0
    kept: int = 0
    dropped: int = 0
    errors: int = 0
    chars_in: int = 0
    chars_out: int = 0
    drop_reasons: dict[str, int] = field(default_factory=dict)

    def add(self, out: Outcome) -> None:
        self.documents += 1
        self.chars_in += out.input_chars
        if out.status == KEPT:
            self.kept += 1
            self.chars_out += len(out.text or "")
        elif out.status == DROPPED:
            self.dropped += 1
            for reason in (out.report or {}).get("verdict", {}).get("reasons", []):
                self.drop_reasons[reason["code"]] = self.drop_reasons.get(reason["code"], 0) + 1
        elif out.status == ERROR:
            self.errors += 1
        else:
            raise ValueError(f"unknown outcome status {out.status!r}")

    @property
    def balanced(self) -> bool:
        return self.documents == self.kept + self.dropped + self.errors

    def to_dict(self) -> dict[str, Any]:
        return {"documents": self.documents, "kept": self.kept, "dropped": self.dropped,
                "errors": self.errors, "chars_in": self.chars_in, "chars_out": self.chars_out,
                "drop_reasons": dict(sorted(self.drop_reasons.items(), key=lambda kv: (-kv[1], kv[0])))}

    def line(self) -> str:
        return (f"{self.documents} documents in = {self.kept} kept + {self.dropped} dropped + "
                f"{self.errors} errors")
