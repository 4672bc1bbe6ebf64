"""Input records and the readers that produce them.

Every unit of input becomes either a :class:`Record` (something to clean) or a
:class:`BadRecord` (something that could not be read, with the file, the line
and the reason), so the run can account for all of it.
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
from pathlib import Path
from typing import Any, BinaryIO, Iterator

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.zst", ".ndjson", ".ndjson.gz", ".ndjson.zst",
                  ".json.gz", ".json.zst")
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


@dataclass(slots=True)
class BadRecord:
    """Input that could not be turned into a Record."""

    source: str
    line: int | None
    error: str
    raw: str = ""  # the raw line (JSONL) or a note, for the error file
    id: str | None = None

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
    """``text``, ``html`` or ``jsonl`` for a path (by suffix unless ``fmt`` says)."""
    if fmt != "auto":
        return fmt
    lower = path.lower()
    if lower.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if lower.endswith(HTML_SUFFIXES):
        return "html"
    return "text"


def expand(paths: list[str]) -> Iterator[tuple[str, str | None]]:
    """Files named by ``paths`` (files, directories walked recursively in sorted
    order, globs), as ``(path, root)`` where ``root`` is the directory given (for
    mirroring the tree in the output) or None. Missing paths raise InputError."""
    from cleaner.errors import InputError

    for p in paths:
        if p == "-":
            yield p, None
        elif os.path.isdir(p):
            for dirpath, dirnames, filenames in os.walk(p):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in sorted(filenames):
                    full = os.path.join(dirpath, name)
                    if not name.startswith(".") and _is_input_name(name):
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


def _is_input_name(name: str) -> bool:
    lower = name.lower()
    return lower.endswith(TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES)


def open_binary(path: str) -> BinaryIO:
    """Open ``path`` for reading bytes, decompressing .gz and .zst; ``-`` is stdin."""
    if path == "-":
        return sys.stdin.buffer
    lower = path.lower()
    if lower.endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    if lower.endswith(".zst"):
        import zstandard

        fh = open(path, "rb")
        return zstandard.ZstdDecompressor().stream_reader(fh, closefd=True)  # type: ignore[return-value]
    return open(path, "rb")


def read(path: str, options: ReadOptions, root: str | None = None) -> Iterator[Record | BadRecord]:
    """Records of one input (a file or ``-``)."""
    kind = kind_of(path, options.format)
    if path == "-" and options.format == "auto":
        kind = "sniff"
    if kind in ("jsonl", "sniff"):
        yield from _read_jsonl(path, options, sniff=kind == "sniff")
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
    if text is None:
        return BadRecord(source, error[0], error[1], raw=data[:200].decode("latin-1"))
    return Record(source, None, _record_id(path, root), text, format=kind if kind == "html" else "text")


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
        fh = open_binary(path)
    except OSError as exc:
        yield BadRecord(source, None, f"cannot read: {exc.strerror or exc}")
        return
    lineno = 0
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
                if len(raw) > MAX_LINE_BYTES:
                    yield BadRecord(source, lineno, f"line longer than {MAX_LINE_BYTES} bytes")
                    continue
                if not raw.strip():
                    continue  # blank lines are not records
                yield parse_jsonl_line(raw, source, lineno, options)
    except (OSError, EOFError, ValueError) as exc:
        # truncated .gz/.zst or a read error mid-file: what was read stands
        yield BadRecord(source, lineno + 1, f"cannot read further: {type(exc).__name__}: {exc}")


def parse_jsonl_line(raw: bytes, source: str, lineno: int, options: ReadOptions) -> Record | BadRecord:
    """One JSONL line -> Record, or BadRecord saying what is wrong with it."""
    raw_text = raw.decode("utf-8", errors="replace").rstrip("\r\n")
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return BadRecord(source, lineno, f"not valid UTF-8 (byte offset {exc.start} in the line)", raw_text)
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return BadRecord(source, lineno, f"not JSON: {exc.msg} at column {exc.colno}", raw_text)
    except RecursionError:
        return BadRecord(source, lineno, "not JSON: nested too deeply", raw_text[:1000])
    if not isinstance(obj, dict):
        return BadRecord(source, lineno, f"not a JSON object but {type(obj).__name__}", raw_text)
    rid = obj.get(options.id_field)
    rid_str = str(rid) if rid is not None else f"{os.path.basename(source)}:{lineno}"
    if options.text_field not in obj:
        return BadRecord(source, lineno, f"no {options.text_field!r} field", raw_text, id=rid_str)
    text = obj[options.text_field]
    if not isinstance(text, str):
        return BadRecord(source, lineno, f"field {options.text_field!r} is {type(text).__name__}, not a string",
                         raw_text, id=rid_str)
    lang = obj.get(options.lang_field) if options.lang_field else None
    url = obj.get(options.url_field) if options.url_field else None
    return Record(source, lineno, rid_str, text, format=options.content_format, fields=obj,
                  lang=lang if isinstance(lang, str) else None, url=url if isinstance(url, str) else None)
