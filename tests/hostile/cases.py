"""The bad-input matrix: every case is a file name and its bytes, with what
cleaner must do with it (``clean``: read and clean it; ``error``: report it as
an unreadable record naming file and line, and go on)."""

from __future__ import annotations

import gzip
import io
import json

import zstandard

GOOD = "The council approved the budget on Tuesday after a long debate about housing and transport."


def _gz(data: bytes) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb") as fh:
        fh.write(data)
    return buf.getvalue()


def _zst(data: bytes) -> bytes:
    return zstandard.ZstdCompressor().compress(data)


def _jsonl(*objs) -> bytes:
    return b"".join(json.dumps(o).encode() + b"\n" for o in objs)


def text_cases() -> dict[str, tuple[bytes, str]]:
    """name -> (file bytes, expected: 'clean' or 'error'), for .txt files."""
    return {
        "empty.txt": (b"", "clean"),
        "whitespace.txt": (b"   \n\t\n  \r\n", "clean"),
        "long-line.txt": (("word " * 2_000_000).encode(), "clean"),  # a single 10 MB line
        "million-lines.txt": (b"ab\n" * 1_000_000, "clean"),
        "controls.txt": ((GOOD + "\x00\x01\x07\x1b[31m\x7f\u0085\u009c").encode(), "clean"),
        "latin1.txt": ("Grüße aus München, señor".encode("latin-1"), "error"),
        "cp1252.txt": ("“smart” quotes – and € signs".encode("cp1252"), "error"),
        "shift-jis.txt": ("日本語のテキストです。".encode("shift_jis"), "error"),
        "utf16-bom.txt": (("\ufeff" + GOOD).encode("utf-16-le"), "clean"),
        "utf16be-bom.txt": (("\ufeff" + GOOD).encode("utf-16-be"), "clean"),
        "utf16-nobom.txt": (GOOD.encode("utf-16-le"), "clean"),  # valid UTF-8 (ASCII + NULs): cleaned, NULs removed
        "utf8-bom.txt": (("\ufeff" + GOOD).encode("utf-8"), "clean"),
        "mixed-newlines.txt": ((GOOD + "\r\n" + GOOD + "\r" + GOOD + "\u2028" + GOOD + "\n").encode(), "clean"),
        "rtl.txt": ("مرحبا بالعالم \u202eoverride\u202c שלום עולם \u200f".encode(), "clean"),
        "combining.txt": (("e" + "\u0301" * 5000 + " Z\u0336\u0335\u0334a\u0337l\u0338g\u0321o") .encode(), "clean"),
        "emoji-zwj.txt": ("👩‍👩‍👧‍👦 👨🏽‍💻 🏳️‍🌈 \u200b\u200c\u200d\u2060".encode() * 1000, "clean"),
    }


def html_cases() -> dict[str, tuple[bytes, str]]:
    return {
        "malformed.html": (b"<html><body><p>Unclosed <b>bold <i>italic</p></div></span><p>" + GOOD.encode()
                           + b"<<<>>></body>", "clean"),
        "deep.html": (b"<div>" * 100_000 + GOOD.encode() + b"</div>" * 100_000, "clean"),
        "huge.html": (b"<html><body>" + (b"<p>" + GOOD.encode() + b"</p>\n") * 550_000 + b"</body></html>",
                      "error"),  # about 50 MB: over cleaner.extract.MAX_HTML_CHARS
        "entities.html": (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                          b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
                          b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
                          b"<html><body><p>&lol3;</p><p>" + GOOD.encode() + b"</p></body></html>", "clean"),
        "external-entity.html": (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
                                 b"<html><body><p>&xxe;</p><p>" + GOOD.encode() + b"</p></body></html>", "clean"),
        "binary.html": (bytes(range(256)) * 100, "clean"),
    }


def jsonl_cases() -> dict[str, tuple[bytes, list[str]]]:
    """name -> (file bytes, per-line expectation: 'clean' or 'error')."""
    good = {"id": "g", "text": GOOD}
    return {
        "mixed.jsonl": (
            _jsonl(good) + b"this is not json\n" + _jsonl([1, 2], "str", 3, {"id": "n", "text": 5},
                                                       {"id": "m"}, {"id": "s", "text": "\ud800 lone"})
            + b'{"id": "bad-utf8", "text": "\xff\xfe"}\n' + b'{"id": "trunc", "text": "abc\n' + _jsonl(good),
            ["clean", "error", "error", "error", "error", "error", "error", "clean", "error", "error", "clean"]),
        "truncated.jsonl.gz": (_gz(_jsonl(*[good] * 200))[:-20], ["clean"] * 200 + ["error"]),
        "truncated.jsonl.zst": (_zst(_jsonl(*[good] * 2000))[:-7], ["clean"] * 2000 + ["error"]),
    }
