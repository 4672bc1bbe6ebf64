"""Loading the package's data files (phrase lists, agency names, coefficients).

Data lives in ``cleaner/data/<area>/``; a new language's phrases or a new agency
is a line in a file there, not code. Loaders cache, so a file is read once per
process.

Line files (``.txt``): one entry per line; blank lines and lines starting with
``#`` are skipped; surrounding whitespace is stripped.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


def _path(name: str):
    return resources.files("cleaner").joinpath("data", *name.split("/"))


@lru_cache(maxsize=None)
def lines(name: str) -> tuple[str, ...]:
    """Entries of a line file, e.g. ``lines("captions/agencies.txt")``."""
    text = _path(name).read_text(encoding="utf-8")
    out = []
    for raw in text.splitlines():
        s = raw.strip()
        if s and not s.startswith("#"):
            out.append(s)
    return tuple(out)


@lru_cache(maxsize=None)
def json_data(name: str) -> Any:
    """A JSON data file, parsed (treat the result as read-only)."""
    return json.loads(_path(name).read_text(encoding="utf-8"))


def listdir(area: str) -> tuple[str, ...]:
    """File names in ``cleaner/data/<area>/``, sorted."""
    return tuple(sorted(p.name for p in _path(area).iterdir() if p.is_file()))
