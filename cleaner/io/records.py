"""Input records and the readers that produce them.

Every unit of input becomes either a :class:`Record` (something to clean) or a
:class:`BadRecord` (something that could not be read, with the file, the line
and the reason), so the run can account for all of it.

Inputs: text and HTML files (one record each), JSONL (plain, .gz, .zst; one
record per line) and Parquet (one record per row, read in row-group batches so
memory stays bounded; for Parquet the ``line`` of a record is its 1-based row
number). Every record carries ``pos``, the input file's byte offset after it
(compressed bytes for .gz/.zst, approximate for Parquet), for the progress bar.
"""

from __future__ import annotations

import codecs
import glob
import gzip
import io
import json
import os
import re
import sys
from dataclasses import dataclass, field
from typing import Any, BinaryIO, Iterator

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.zst", ".ndjson", ".ndjson.gz", ".ndjson.zst",
                  ".json.gz", ".json.zst")
PARQUET_SUFFIXES = (".parquet", ".pq")
PARQUET_BATCH_ROWS = 1024  # rows per read batch (within a row group): bounds the reader's memory
MAX_LINE_BYTES = 256 * 1024 * 1024  # a JSONL line longer than this is an error, not an OOM


@dataclass(slots=True)
class Record:
    """One document to clean. ``line`` is 1-based (JSONL) or None (whole file)."""

    source: str
    line: int | None
    id: str
    text: str
    format: str = "text"  # "text" | "html"
    fields: dict[str, Any] | None = None  # the JSON object, for JSONL input
    lang: str | None = None
    url: str | None = None
    pos: int | None = None  # byte offset in the input file after this record (progress)


@dataclass(slots=True)
class BadRecord:
    """Input that could not be turned into a Record."""

    source: str
    line: int | None
    error: str
    raw: str = ""  # the raw line (JSONL) or a note, for the error file
    id: str | None = None
    pos: int | None = None

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}" if self.line is not None else self.source


@dataclass
class ReadOptions:
    text_field: str = "text"
    id_field: str = "id"
    lang_field: str | None = None
    url_field: str | None = "url"
    format: str = "auto"  # auto | text | html | jsonl
    content_format: str = "text"  # what JSONL text fields hold: text | html
    encoding: str | None = None  # for text/html files; None = UTF-8 (BOM-sniffed)
    extra: dict[str, Any] = field(default_factory=dict)


def kind_of(path: str, fmt: str = "auto") -> str:
    """``text``, ``html``, ``jsonl`` or ``parquet`` for a path (by suffix unless ``fmt`` says).

    >>> [kind_of(p) for p in ("a.txt", "b.html", "c.jsonl.zst", "d.parquet")]
    ['text', 'html', 'jsonl', 'parquet']
    """
    if fmt != "auto":
        return fmt
    lower = path.lower()
    if lower.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if lower.endswith(PARQUET_SUFFIXES):
        return "parquet"
    if lower.endswith(HTML_SUFFIXES):
        return "html"
    return "text"


def expand(paths: list[str], *, parquet: bool = False) -> Iterator[tuple[str, str | None]]:
    """Files named by ``paths`` (files, directories walked recursively in sorted
    order, globs), as ``(path, root)`` where ``root`` is the directory given (for
    mirroring the tree in the output) or None. Missing paths raise InputError.
    Directory walks pick text, HTML and JSONL files, and Parquet files if ``parquet``."""
    from cleaner.errors import InputError

    suffixes = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + (PARQUET_SUFFIXES if parquet else ())

    for p in paths:
        if p == "-":
            yield p, None
        elif os.path.isdir(p):
            for dirpath, dirnames, filenames in os.walk(p):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in sorted(filenames):
                    full = os.path.join(dirpath, name)
                    if not name.startswith(".") and name.lower().endswith(suffixes):
                        yield full, p
        elif os.path.exists(p):
            yield p, None
        elif glob.has_magic(p):
            matches = sorted(glob.glob(p, recursive=True))
            if not matches:
                raise InputError(f"{p}: no file matches")
            for m in matches:
                if os.path.isfile(m):
                    yield m, None
        else:
            raise InputError(f"{p}: no such file or directory")


def open_binary(path: str) -> BinaryIO:
    """Open ``path`` for reading bytes, decompressing .gz and .zst; ``-`` is stdin."""
    if path.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return _open_binary(path)[0]


def _open_binary(path: str) -> tuple[BinaryIO, BinaryIO | None]:
    """The (decompressed) stream and, for compressed files, the raw file under it
    (whose position is the on-disk progress; the caller closes it)."""
    if path == "-":
        return sys.stdin.buffer, None
    lower = path.lower()
    if lower.endswith(".gz"):
        raw = open(path, "rb")
        return gzip.GzipFile(fileobj=raw, mode="rb"), raw  # type: ignore[return-value]
    if lower.endswith(".zst"):
        import zstandard

        raw = open(path, "rb")
        return zstandard.ZstdDecompressor().stream_reader(raw, closefd=True), raw  # type: ignore[return-value]
    return open(path, "rb"), None


def read(path: str, options: ReadOptions, root: str | None = None) -> Iterator[Record | BadRecord]:
    """Records of one input (a file or ``-``)."""
    kind = kind_of(path, options.format)
    if path == "-" and options.format == "auto":
        kind = "sniff"
    if kind in ("jsonl", "sniff"):
        yield from _read_jsonl(path, options, sniff=kind == "sniff")
    elif kind == "parquet":
        yield from _read_parquet(path, options)
    else:
        yield _read_file(path, kind, options, root)


def _record_id(path: str, root: str | None) -> str:
    if path == "-":
        return "<stdin>"
    if root is not None:
        return os.path.relpath(path, root)
    return os.path.basename(path)


def _read_file(path: str, kind: str, options: ReadOptions, root: str | None) -> Record | BadRecord:
    source = "<stdin>" if path == "-" else path
    try:
        with open_binary(path) as fh:
            data = fh.read()
    except OSError as exc:
        return BadRecord(source, None, f"cannot read: {exc.strerror or exc}")
    except EOFError as exc:  # truncated compressed file
        return BadRecord(source, None, f"truncated or corrupt compressed file: {exc}")
    text, error = decode_bytes(data, options.encoding, html=kind == "html")
    pos = _size(path)
    if text is None:
        return BadRecord(source, error[0], error[1], raw=data[:200].decode("latin-1"), pos=pos)
    return Record(source, None, _record_id(path, root), text, format=kind if kind == "html" else "text", pos=pos)


def _size(path: str) -> int | None:
    try:
        return os.path.getsize(path) if path != "-" else None
    except OSError:
        return None


_META_CHARSET_RE = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{1,40})""", re.I)


def decode_bytes(data: bytes, encoding: str | None, *, html: bool = False) -> tuple[str | None, Any]:
    """Decode file bytes. Returns ``(text, None)`` or ``(None, (line, reason))``.

    A BOM decides (UTF-8, UTF-16 LE/BE); else ``encoding`` if given; HTML honours
    its ``<meta charset>`` and falls back to UTF-8 with replacement, as browsers
    do; text must be valid UTF-8, and an error names the line of the first bad byte.
    """
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec), None
            except UnicodeDecodeError as exc:
                return None, (None, f"invalid {codec} data at byte {exc.start}")
    if encoding:
        try:
            return data.decode(encoding), None
        except (UnicodeDecodeError, LookupError) as exc:
            return None, (_line_of(data, getattr(exc, "start", 0)), f"cannot decode as {encoding}: {exc}")
    if html:
        m = _META_CHARSET_RE.search(data[:4096])
        if m:
            try:
                return data.decode(m.group(1).decode("ascii"), errors="replace"), None
            except LookupError:
                pass
        return data.decode("utf-8", errors="replace"), None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = _line_of(data, exc.start)
        return None, (line, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                            "pass --encoding to read another encoding")


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _read_jsonl(path: str, options: ReadOptions, sniff: bool) -> Iterator[Record | BadRecord]:
    source = "<stdin>" if path == "-" else path
    try:
        fh, raw_fh = _open_binary(path)
    except OSError as exc:
        yield BadRecord(source, None, f"cannot read: {exc.strerror or exc}")
        return
    lineno = 0
    pos = 0
    try:
        with fh:
            stream = io.BufferedReader(fh) if not isinstance(fh, io.BufferedIOBase) else fh
            if sniff:
                head = stream.peek(1)[:64].lstrip()
                if not head.startswith(b"{"):
                    data = stream.read()
                    text, error = decode_bytes(data, options.encoding)
                    if text is None:
                        yield BadRecord(source, error[0], error[1])
                    else:
                        yield Record(source, None, "<stdin>", text)
                    return
            for raw in stream:
                lineno += 1
                pos = raw_fh.tell() if raw_fh is not None else pos + len(raw)
                if len(raw) > MAX_LINE_BYTES:
                    yield BadRecord(source, lineno, f"line longer than {MAX_LINE_BYTES} bytes", pos=pos)
                    continue
                if not raw.strip():
                    continue  # blank lines are not records
                rec = parse_jsonl_line(raw, source, lineno, options)
                rec.pos = pos
                yield rec
    except (OSError, EOFError, ValueError) as exc:
        # truncated .gz/.zst or a read error mid-file: what was read stands
        yield BadRecord(source, lineno + 1, f"cannot read further: {type(exc).__name__}: {exc}", pos=pos)
    finally:
        if raw_fh is not None:
            raw_fh.close()


def parse_jsonl_line(raw: bytes, source: str, lineno: int, options: ReadOptions) -> Record | BadRecord:
    """One JSONL line -> Record, or BadRecord saying what is wrong with it (with the
    line as text, undecodable bytes replaced)."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return BadRecord(source, lineno, f"not valid UTF-8 (byte offset {exc.start} in the line)",
                         raw.decode("utf-8", errors="replace").rstrip("\r\n"))
    raw_text = line.rstrip("\r\n")  # valid UTF-8: decoding with replacement would give the same
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return BadRecord(source, lineno, f"not JSON: {exc.msg} at column {exc.colno}", raw_text)
    except RecursionError:
        return BadRecord(source, lineno, "not JSON: nested too deeply", raw_text[:1000])
    if not isinstance(obj, dict):
        return BadRecord(source, lineno, f"not a JSON object but {type(obj).__name__}", raw_text)
    return record_from_fields(obj, source, lineno, options, raw_text)


def record_from_fields(obj: dict[str, Any], source: str, lineno: int | None, options: ReadOptions,
                       raw: str | None = None) -> Record | BadRecord:
    """A record's fields (a JSON object, a Parquet row, a dict in a Dask bag) ->
    Record, or BadRecord saying which field is missing or not a string.

    >>> record_from_fields({"id": 7, "text": "Hello."}, "in.jsonl", 3, ReadOptions()).id
    '7'
    >>> record_from_fields({"id": 7, "text": None}, "in.jsonl", 3, ReadOptions()).error
    "field 'text' is null, not a string"
    """
    rid = obj.get(options.id_field)
    rid_str = str(rid) if rid is not None else f"{os.path.basename(source)}:{lineno}"
    if options.text_field not in obj:
        return BadRecord(source, lineno, f"no {options.text_field!r} field",
                         raw if raw is not None else json_line(obj), id=rid_str)
    text = obj[options.text_field]
    if not isinstance(text, str):
        kind = "null" if text is None else type(text).__name__
        return BadRecord(source, lineno, f"field {options.text_field!r} is {kind}, not a string",
                         raw if raw is not None else json_line(obj), id=rid_str)
    lang = obj.get(options.lang_field) if options.lang_field else None
    url = obj.get(options.url_field) if options.url_field else None
    return Record(source, lineno, rid_str, text, format=options.content_format, fields=obj,
                  lang=lang if isinstance(lang, str) else None, url=url if isinstance(url, str) else None)


def json_default(value: Any) -> Any:
    """JSON for the values a Parquet row can hold that JSON has no type for:
    dates and times as ISO 8601, decimals as strings, bytes as base64.

    >>> import datetime, decimal
    >>> [json_default(v) for v in (datetime.date(2026, 12, 2), decimal.Decimal("1.50"), b"\\x00a")]
    ['2026-12-02', '1.50', 'AGE=']
    """
    import base64
    import datetime
    import decimal

    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    return str(value)


def json_line(obj: Any) -> str:
    """``obj`` as one JSON line (non-JSON values through :func:`json_default`)."""
    try:
        return json.dumps(obj, ensure_ascii=False, default=json_default)
    except (TypeError, ValueError):
        return repr(obj)[:10000]


# -- Parquet ---------------------------------------------------------------------------
def require_pyarrow():
    """``pyarrow.parquet``, or an InputError saying how to install it."""
    from cleaner.errors import InputError

    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise InputError("Parquet input and output need pyarrow: pip install 'cleaner[parquet]'") from exc
    return pq


def parquet_schema(path: str):
    """The Arrow schema of a Parquet file (its footer only); InputError naming the
    file if it is not readable Parquet."""
    from cleaner.errors import InputError

    pq = require_pyarrow()
    try:
        return pq.read_schema(path)
    except Exception as exc:  # noqa: BLE001 - pyarrow raises several types for a bad file
        raise InputError(f"{path}: not a readable Parquet file: {exc}") from exc


def _read_parquet(path: str, options: ReadOptions) -> Iterator[Record | BadRecord]:
    pq = require_pyarrow()
    try:
        pf = pq.ParquetFile(path)
        total_rows = pf.metadata.num_rows
    except Exception as exc:  # noqa: BLE001 - ArrowInvalid, OSError, ...
        yield BadRecord(path, None, f"not a readable Parquet file: {type(exc).__name__}: {exc}")
        return
    size = _size(path) or 0
    row = 0
    try:
        with pf:
            for batch in pf.iter_batches(batch_size=PARQUET_BATCH_ROWS, use_threads=False):
                for obj in batch.to_pylist():
                    row += 1
                    rec = record_from_fields(obj, path, row, options)
                    rec.pos = size * row // total_rows if total_rows else size
                    yield rec
    except Exception as exc:  # noqa: BLE001 - a corrupt page mid-file: what was read stands
        yield BadRecord(path, row + 1, f"cannot read further: {type(exc).__name__}: {exc}",
                        pos=size * row // total_rows if total_rows else size)
