"""Where outcomes go: JSONL streams (plain, .gz, .zst, stdout), Parquet, file
trees, a separate reports file and the error file; and the run's accounting.

Every outcome is written to exactly one place, and :class:`Accounting` checks
that documents in = kept + dropped + errors.

Files are written under a temporary name beside their target
(``.NAME.cleaner-tmp-PID``) and renamed onto it by ``commit()``, so a target
that exists is complete: an interrupted run leaves either the old file or the
new one, never half of one. Compressed outputs are deterministic (gzip with no
name and mtime 0; zstd single-threaded, with a checksum), so the same records
give the same bytes.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from cleaner.io.process import DROPPED, ERROR, KEPT, Outcome
from cleaner.io.records import json_default

TMP_MARK = ".cleaner-tmp-"
PARQUET_ROWS_PER_GROUP = 1000  # output row groups: a fixed row count, so the bytes never depend on timing
PARQUET_GROUP_CHARS = 64_000_000  # ... or fewer rows when their text is this large


def dumps(obj: Any) -> str:
    """One JSON line. Lone surrogates (from a JSON ``"\\ud800"`` escape) cannot be
    encoded as UTF-8, so such records are written with ASCII escapes instead;
    values JSON has no type for (Parquet dates, decimals, bytes) go through
    :func:`cleaner.io.records.json_default`.

    >>> dumps({"a": "x\\u2028y"})
    '{"a": "x\\\\u2028y"}'
    """
    line = json.dumps(obj, ensure_ascii=False, default=json_default)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(obj, ensure_ascii=True, default=json_default)
    # characters that str.splitlines() and some JSONL readers treat as line breaks
    if "\u2028" in line or "\u2029" in line or "\x85" in line:
        line = line.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\x85", "\\u0085")
    return line


def temp_name(path: str | os.PathLike) -> str:
    """The temporary name ``path`` is written under until it is complete.

    >>> temp_name("out/a.jsonl").startswith("out/.a.jsonl.cleaner-tmp-")
    True
    """
    p = Path(path)
    return str(p.with_name(f".{p.name}{TMP_MARK}{os.getpid()}"))


def is_temp_name(name: str) -> bool:
    return name.startswith(".") and TMP_MARK in name


def remove_stale_temps(directory: str | os.PathLike) -> int:
    """Delete temporary files left under ``directory`` by runs that were killed
    (their process is gone); returns how many. Temps of a live process stay."""
    n = 0
    for dirpath, _dirs, files in os.walk(directory):
        for name in files:
            if not is_temp_name(name):
                continue
            pid = name.rsplit(TMP_MARK, 1)[1]
            if pid.isdigit() and int(pid) != os.getpid() and _alive(int(pid)):
                continue
            try:
                os.unlink(os.path.join(dirpath, name))
                n += 1
            except OSError:
                pass
    return n


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: a liveness check, nothing is sent
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _fsync_path(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class TextOut:
    """A UTF-8 text output (``.gz``/``.zst`` compress; ``-`` is stdout), written
    under :func:`temp_name` and renamed onto ``path`` by :meth:`commit`."""

    def __init__(self, path: str) -> None:
        self.path = path
        if path == "-":
            self.tmp = None
            self._raw = None
            self._fh: IO[str] = sys.stdout
            return
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.tmp = temp_name(path)
        self._raw = open(self.tmp, "wb")
        lower = path.lower()
        self._compressed = lower.endswith((".gz", ".zst"))
        if lower.endswith(".gz"):
            stream: Any = gzip.GzipFile(filename="", mode="wb", fileobj=self._raw, mtime=0)
        elif lower.endswith(".zst"):
            import zstandard

            stream = zstandard.ZstdCompressor(write_checksum=True).stream_writer(self._raw, closefd=False)
        else:
            stream = self._raw
        self._fh = io.TextIOWrapper(stream, encoding="utf-8", newline="")

    def write(self, s: str) -> None:
        self._fh.write(s)

    def commit(self, fsync: bool = False) -> None:
        """Finish the file and rename it into place (``fsync``: on disk first)."""
        if self.tmp is None:
            self._fh.flush()
            return
        assert self._raw is not None
        if self._compressed:
            self._fh.close()  # writes the compressed stream's end; the raw file stays open
            self._raw.flush()
            if fsync:
                os.fsync(self._raw.fileno())
            self._raw.close()
        else:
            self._fh.flush()
            if fsync:
                os.fsync(self._raw.fileno())
            self._fh.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        """Close and delete the temporary file; the target is left as it was."""
        if self.tmp is None:
            return
        for fh in (self._fh, self._raw):
            try:
                fh.close()  # type: ignore[union-attr]
            except Exception:  # noqa: BLE001 - a half-written compressor may complain; the file goes anyway
                pass
        try:
            os.unlink(self.tmp)
        except OSError:
            pass


def open_text_out(path: str) -> IO[str]:
    """Open ``path`` for writing text directly (no temporary name), compressing
    .gz and .zst deterministically; ``-`` is stdout."""
    if path == "-":
        return sys.stdout
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    lower = path.lower()
    if lower.endswith(".gz"):
        return io.TextIOWrapper(gzip.GzipFile(filename="", mode="wb", fileobj=open(path, "wb"), mtime=0),
                                encoding="utf-8", newline="")
    if lower.endswith(".zst"):
        import zstandard

        raw = open(path, "wb")
        return io.TextIOWrapper(zstandard.ZstdCompressor(write_checksum=True).stream_writer(raw, closefd=True),
                                encoding="utf-8", newline="")
    return open(path, "w", encoding="utf-8", newline="")


class _LazyText:
    """A sink's text file, created on the first write (or at commit when ``always``)."""

    def __init__(self, path: str | None, always: bool = False) -> None:
        self.path = path
        self.always = always
        self._out: TextOut | None = None

    @property
    def produced(self) -> bool:
        return self._out is not None

    def write(self, s: str) -> None:
        if self.path is None:
            return
        if self._out is None:
            self._out = TextOut(self.path)
        self._out.write(s)

    def commit(self, fsync: bool = False) -> None:
        if self._out is None and self.always and self.path not in (None, "-"):
            self._out = TextOut(self.path)  # type: ignore[arg-type]
        if self._out is not None:
            self._out.commit(fsync)

    def abort(self) -> None:
        if self._out is not None:
            self._out.abort()


def record_key(text_field: str, report_field: str, with_report: bool) -> tuple:
    return ("record", text_field, report_field, with_report)


def record_line(out: Outcome, text_field: str, report_field: str, with_report: bool) -> str:
    """A cleaned record's JSONL line: the input's fields, the clean text in
    ``text_field``, the report in ``report_field`` (unless ``with_report`` is false)."""
    if out.fields is not None:
        obj = dict(out.fields)
    else:
        obj = {"id": out.id, "source": out.source}
    obj[text_field] = out.text
    if with_report:
        obj[report_field] = out.report
    return dumps(obj) + "\n"


def report_key(report_field: str) -> tuple:
    return ("report", report_field)


def report_line(out: Outcome, report_field: str) -> str:
    """A cleaned record's line of the ``--report-out`` file."""
    return dumps({"id": out.id, "source": out.source, "line": out.line, report_field: out.report}) + "\n"


def _whole(out: Outcome, what: str) -> None:
    if out.encoded is not None and out.report is None:
        raise ValueError(f"{out.where}: the record was encoded for JSONL, not for {what}")


def _encoded(out: Outcome, key: tuple) -> str | None:
    """The line a worker encoded for ``key``, if it did; an outcome whose report
    was dropped without the line this sink needs is a bug, not a record to lose."""
    if out.encoded is None:
        return None
    line = out.encoded.get(key)
    if line is None and out.report is None and out.status != ERROR:
        raise ValueError(f"{out.where}: the record was encoded for another output ({sorted(out.encoded)})")
    return line


class JsonlSink:
    """Writes outcomes as JSONL: the input's fields, the clean text in
    ``text_field`` and the report in ``report_field`` (unless ``with_report`` is
    false, e.g. when the reports go to their own file)."""

    def __init__(self, path: str, *, text_field: str = "text", report_field: str = "cleaner",
                 with_report: bool = True, always_create: bool = False) -> None:
        self.path = path
        self.text_field = text_field
        self.report_field = report_field
        self.with_report = with_report
        self._file = _LazyText(path, always=always_create)  # the main output exists even when nothing was kept

    @property
    def produced(self) -> bool:
        return self._file.produced

    def write(self, out: Outcome) -> None:
        self._file.write(_encoded(out, record_key(self.text_field, self.report_field, self.with_report))
                         or record_line(out, self.text_field, self.report_field, self.with_report))

    def commit(self, fsync: bool = False) -> None:
        self._file.commit(fsync)

    def abort(self) -> None:
        self._file.abort()

    close = commit


class ReportSink:
    """Reports in their own JSONL file (``--report-out``): one line per cleaned
    record, kept or dropped, in input order: ``{"id", "source", "line", REPORT_FIELD}``."""

    def __init__(self, path: str, *, report_field: str = "cleaner") -> None:
        self.path = path
        self.report_field = report_field
        self._file = _LazyText(path, always=True)

    @property
    def produced(self) -> bool:
        return self._file.produced

    def write(self, out: Outcome) -> None:
        self._file.write(_encoded(out, report_key(self.report_field)) or report_line(out, self.report_field))

    def commit(self, fsync: bool = False) -> None:
        self._file.commit(fsync)

    def abort(self) -> None:
        self._file.abort()


def parquet_output_schema(schema, text_field: str, report_field: str | None):
    """The output schema of a Parquet input: every input column kept (the text
    column holds the clean text), plus ``report_field`` as a JSON string column
    (None: no report column)."""
    import pyarrow as pa

    fields = list(schema)
    names = [f.name for f in fields]
    if text_field in names:
        i = names.index(text_field)
        if not (pa.types.is_string(fields[i].type) or pa.types.is_large_string(fields[i].type)):
            fields[i] = pa.field(text_field, pa.string())
    else:
        fields.append(pa.field(text_field, pa.string()))
    if report_field is not None:
        names = [f.name for f in fields]
        if report_field in names:
            fields[names.index(report_field)] = pa.field(report_field, pa.string())
        else:
            fields.append(pa.field(report_field, pa.string()))
    return pa.schema(fields, metadata=schema.metadata)


class ParquetSink:
    """Writes outcomes of Parquet records as Parquet: every input column, the
    clean text in ``text_field``, the report as JSON text in ``report_field``.
    Row groups hold a fixed number of rows (the bytes do not depend on timing or
    worker count)."""

    def __init__(self, path: str, schema, *, text_field: str = "text", report_field: str = "cleaner",
                 with_report: bool = True, always_create: bool = False) -> None:
        self.path = path
        self.text_field = text_field
        self.report_field = report_field
        self.with_report = with_report
        self.always = always_create
        self.schema = parquet_output_schema(schema, text_field, report_field if with_report else None)
        self._rows: list[dict[str, Any]] = []
        self._chars = 0
        self._writer = None
        self._tmp: str | None = None

    @property
    def produced(self) -> bool:
        return self._writer is not None

    def write(self, out: Outcome) -> None:
        _whole(out, "Parquet")
        row = dict(out.fields) if out.fields is not None else {"id": out.id}
        row[self.text_field] = out.text
        if self.with_report:
            row[self.report_field] = dumps(out.report)
        self._rows.append(row)
        self._chars += len(out.text or "")
        if len(self._rows) >= PARQUET_ROWS_PER_GROUP or self._chars >= PARQUET_GROUP_CHARS:
            self._flush()

    def _open(self) -> None:
        import pyarrow.parquet as pq

        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._tmp = temp_name(self.path)
        self._writer = pq.ParquetWriter(self._tmp, self.schema)

    def _flush(self) -> None:
        import pyarrow as pa

        if self._writer is None:
            self._open()
        if self._rows:
            table = pa.Table.from_pylist(self._rows, schema=self.schema)
            self._writer.write_table(table, row_group_size=len(self._rows))  # type: ignore[union-attr]
        self._rows, self._chars = [], 0

    def commit(self, fsync: bool = False) -> None:
        if self._rows or (self._writer is None and self.always):
            self._flush()
        if self._writer is None:
            return
        self._writer.close()
        assert self._tmp is not None
        if fsync:
            _fsync_path(self._tmp)
        os.replace(self._tmp, self.path)

    def abort(self) -> None:
        if self._writer is not None:
            try:
                self._writer.close()
            except Exception:  # noqa: BLE001
                pass
            try:
                os.unlink(self._tmp)  # type: ignore[arg-type]
            except OSError:
                pass
        self._rows = []


class TreeSink:
    """Writes each file's clean text to ``OUT/REL`` and its report beside it as
    ``OUT/REL.report.json`` (``REL`` mirrors the input tree; ``.html`` inputs
    become ``.txt``). Both are written under temporary names and renamed."""

    def __init__(self, out_dir: str) -> None:
        self.out_dir = Path(out_dir)
        self._pending: list[tuple[str, Path]] = []
        self._written = False

    @property
    def produced(self) -> bool:
        return self._written

    def target(self, out: Outcome) -> Path:
        rel = out.id or os.path.basename(out.source)
        if rel.lower().endswith((".html", ".htm", ".xhtml")):
            rel = rel.rsplit(".", 1)[0] + ".txt"
        return self.out_dir / rel

    def targets(self, out: Outcome) -> tuple[Path, Path]:
        target = self.target(out)
        return target, target.with_name(target.name + ".report.json")

    def write(self, out: Outcome) -> None:
        _whole(out, "a directory of text files")
        target, report_path = self.targets(out)
        target.parent.mkdir(parents=True, exist_ok=True)
        for path, body in ((target, out.text or ""),
                           (report_path, json.dumps(out.report, ensure_ascii=False, indent=2) + "\n")):
            tmp = temp_name(path)
            with open(tmp, "w", encoding="utf-8", errors="surrogatepass", newline="") as fh:
                fh.write(body)
            self._pending.append((tmp, path))
        self._written = True

    def commit(self, fsync: bool = False) -> None:
        for tmp, path in self._pending:
            if fsync:
                _fsync_path(tmp)
            os.replace(tmp, path)
        self._pending = []

    def abort(self) -> None:
        for tmp, _ in self._pending:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        self._pending = []

    close = commit


class ErrorSink:
    """Records that could not be cleaned: JSONL of ``{source, line, id, error, raw}``
    to a file, and one ``path:line: error`` line each on stderr."""

    def __init__(self, path: str | None, *, echo: bool = True) -> None:
        self.path = path
        self.echo = echo
        self._file = _LazyText(path)

    @property
    def produced(self) -> bool:
        return self._file.produced

    def write(self, out: Outcome) -> None:
        if self.echo:
            print(f"cleaner: {out.where}: {out.error}", file=sys.stderr)
        entry = {"source": out.source, "line": out.line, "id": out.id, "error": out.error, "raw": out.raw}
        if out.report and "traceback" in out.report:
            entry["traceback"] = out.report["traceback"]
        self._file.write(dumps(entry) + "\n")

    def commit(self, fsync: bool = False) -> None:
        self._file.commit(fsync)

    def abort(self) -> None:
        self._file.abort()

    close = commit


COUNT_KEYS = ("documents", "kept", "dropped", "errors", "chars_in", "chars_out")


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
            for code in out.reason_codes():
                self.drop_reasons[code] = self.drop_reasons.get(code, 0) + 1
        elif out.status == ERROR:
            self.errors += 1
        else:
            raise ValueError(f"unknown outcome status {out.status!r}")

    def merge(self, counts: dict[str, Any]) -> "Accounting":
        """Add the counts of another part of the run (``to_dict()`` of it), e.g. a
        shard completed by an earlier, interrupted run; returns self.

        >>> a = Accounting(documents=2, kept=2)
        >>> a.merge({"documents": 3, "kept": 1, "dropped": 1, "errors": 1, "drop_reasons": {"Q1": 1}}).line()
        '5 documents in = 3 kept + 1 dropped + 1 errors'
        """
        for key in COUNT_KEYS:
            setattr(self, key, getattr(self, key) + int(counts.get(key, 0)))
        for code, n in (counts.get("drop_reasons") or {}).items():
            self.drop_reasons[code] = self.drop_reasons.get(code, 0) + int(n)
        return self

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
