"""An on-disk cache for data that is costly to build and derived only from
installed files (langdetect's profiles, jusText's stoplists, cleaner's own data).

Each entry is a directory ``NAME-KEY`` under the cache directory, where ``KEY``
is a digest of everything the entry was built from (the files' contents, the
packages' versions, the building code): a changed input gives a new key, never
a stale entry. An entry is written to a temporary directory and renamed into
place, so a reader sees a complete entry or none, and processes that build the
same entry at once cannot corrupt it. The cache only saves time: when it cannot
be read or written (no home directory, a read-only or full disk, a damaged
entry) the data is built in memory as if there were no cache.

The directory is ``$CLEANER_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/cleaner``,
else ``~/.cache/cleaner``. ``CLEANER_CACHE_DIR=off`` (or empty) turns it off.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Callable, Iterable

ENV = "CLEANER_CACHE_DIR"
_OFF = {"", "0", "off", "no", "false", "none"}


def cache_dir() -> Path | None:
    """The cache directory (not created here), or None when caching is off."""
    value = os.environ.get(ENV)
    if value is not None:
        return None if value.strip().lower() in _OFF else Path(value).expanduser()
    base = os.environ.get("XDG_CACHE_HOME")
    if base:
        return Path(base) / "cleaner"
    try:
        return Path.home() / ".cache" / "cleaner"
    except (RuntimeError, KeyError):  # no home directory
        return None


def digest(parts: Iterable[bytes | str]) -> str:
    """A key for an entry: the SHA-256 of ``parts`` (each length-prefixed, so
    ``("ab", "c")`` and ``("a", "bc")`` differ), 24 hex digits."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()[:24]


def lookup(name: str, key: str) -> Path | None:
    """The directory of entry ``name`` with ``key`` if it is there, else None."""
    root = cache_dir()
    if root is None:
        return None
    path = root / f"{name}-{key}"
    return path if path.is_dir() else None


def publish(name: str, key: str, write: Callable[[Path], None]) -> Path | None:
    """Write entry ``name``/``key`` with ``write(directory)`` and rename it into
    place; other entries of ``name`` (older keys) are removed. Returns the entry's
    directory, or None when the cache is off or could not be written."""
    root = cache_dir()
    if root is None:
        return None
    final = root / f"{name}-{key}"
    tmp = None
    try:
        root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{name}-{key}.", dir=root))
        write(tmp)
        try:
            os.rename(tmp, final)
        except OSError:
            if not final.is_dir():  # (another process published it first: fine)
                raise
            shutil.rmtree(tmp, ignore_errors=True)
        tmp = None
        for old in root.glob(f"{name}-*"):
            if old != final and old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
        for stale in root.glob(f".{name}-*"):  # left by a process that died while writing
            try:
                if time.time() - stale.stat().st_mtime > 3600:
                    shutil.rmtree(stale, ignore_errors=True)
            except OSError:
                pass
        return final
    except Exception:  # noqa: BLE001 - the cache only saves time: it never stops a run
        return None
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


def discard(path: Path) -> None:
    """Remove a damaged entry (a reader that failed on it), if it can."""
    shutil.rmtree(path, ignore_errors=True)
