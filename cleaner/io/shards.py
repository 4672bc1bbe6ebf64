"""Output shards, completion markers and resume.

With a directory output (``cleaner clean IN... -o OUT/``) every input file is a
*unit* with its own outputs:

- a JSONL or Parquet shard ``REL`` -> ``OUT/REL`` (same name and format),
  ``OUT/REL-STEM.rejected.EXT`` (dropped records), ``OUT/REL-STEM.errors.jsonl[.gz|.zst]``
  (records that could not be read or cleaned) and, with ``--report-out DIR/``,
  ``DIR/REL-STEM.reports.jsonl[.gz|.zst]``;
- a text or HTML file ``REL`` -> ``OUT/REL.txt`` and ``OUT/REL.txt.report.json``.

``REL`` is the path relative to the directory given on the command line, or the
file name for a file given by name. A unit's files are written under temporary
names and renamed when the unit is complete; then a completion marker
``OUT/.cleaner/done/REL.json`` records the input (absolute path, size, mtime),
the configuration digest (pipeline config, options, cleaner's code and data,
versions of the libraries that shape the output), the sizes of the outputs, the
unit's counts and its statistics. ``--resume`` skips a unit whose marker matches
all of that (and whose outputs are still there at those sizes) and counts it from
its marker; anything else is cleaned again, with a note on stderr saying why. A
unit's outputs depend only on its input and the configuration, so an
interrupted-then-resumed run writes the same bytes as an uninterrupted one.

One run at a time writes to a directory (``OUT/.cleaner/lock``).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import sys
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from cleaner.errors import InputError
from cleaner.io.process import DROPPED, ERROR, KEPT, Outcome

STATE_DIR = ".cleaner"
MARKER_SCHEMA = "cleaner.unit/1"
# longest first: the suffix a sibling name keeps
_EXTS = (".jsonl.gz", ".jsonl.zst", ".ndjson.gz", ".ndjson.zst", ".json.gz", ".json.zst",
         ".jsonl", ".ndjson", ".parquet", ".pq", ".gz", ".zst")
# libraries whose version can change the output bytes
_VERSIONED = ("ftfy", "jusText", "langdetect", "lxml", "lxml_html_clean", "numpy", "trafilatura",
              "pyarrow", "zstandard")


def split_ext(name: str) -> tuple[str, str]:
    """``("shard-01", ".jsonl.zst")`` for ``shard-01.jsonl.zst``; ``(name, "")``
    when the suffix is not a known output suffix.

    >>> split_ext("out/a.jsonl.zst"), split_ext("b.parquet"), split_ext("c.txt")
    (('out/a', '.jsonl.zst'), ('b', '.parquet'), ('c.txt', ''))
    """
    lower = name.lower()
    for ext in _EXTS:
        if lower.endswith(ext):
            return name[: -len(ext)], name[-len(ext):]
    return name, ""


def sibling(path: str, role: str, *, jsonl: bool = False) -> str:
    """The file beside ``path`` for ``role`` (``.rejected``, ``.errors``,
    ``.reports``), keeping its compression; ``jsonl``: always a JSONL file (error
    and report files of a Parquet output).

    >>> sibling("out.jsonl.zst", ".rejected"), sibling("o.parquet", ".errors", jsonl=True)
    ('out.rejected.jsonl.zst', 'o.errors.jsonl')
    >>> sibling("o.parquet", ".rejected"), sibling("out", ".errors")
    ('o.rejected.parquet', 'out.errors.jsonl')
    """
    stem, ext = split_ext(path)
    if not ext:
        return path + role + ".jsonl"
    if jsonl and ext.lower() in (".parquet", ".pq"):
        ext = ".jsonl"
    return stem + role + ext


# -- the configuration digest -------------------------------------------------------------
@lru_cache(maxsize=1)
def code_digest() -> str:
    """SHA-256 over cleaner's own code and data files: a changed rule or phrase
    list changes the output, so a resumed run must not reuse older shards."""
    import cleaner

    root = Path(cleaner.__file__).resolve().parent
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                       and p.suffix not in (".pyc", ".pyo")):
        h.update(str(path.relative_to(root)).encode("utf-8") + b"\0")
        h.update(path.read_bytes() + b"\0")
    return h.hexdigest()


def _versions() -> dict[str, str | None]:
    from importlib import metadata

    out: dict[str, str | None] = {}
    for name in _VERSIONED:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def config_digest(settings: dict[str, Any]) -> str:
    """A digest of everything that shapes a unit's output bytes: ``settings``
    (the pipeline config and the reading/writing options), cleaner's version,
    code and data, Python's Unicode version and the libraries' versions."""
    import unicodedata

    import cleaner

    body = {"settings": settings, "cleaner": cleaner.__version__, "code": code_digest(),
            "unicode": unicodedata.unidata_version, "versions": _versions()}
    return hashlib.sha256(json.dumps(body, sort_keys=True, default=str).encode("utf-8")).hexdigest()


# -- statistics in markers ----------------------------------------------------------------
MARKER_REMOVED_LINES = 2000  # removed lines kept per unit (a marker stays small; the top of a run is what counts)


def stats_state(stats) -> dict[str, Any]:
    """A unit's CorpusStats as plain JSON (its counters and histograms), for its
    marker; only its :data:`MARKER_REMOVED_LINES` most frequent removed lines are
    kept. A run over a directory merges every unit's statistics through this state,
    resumed or not, so both give the same totals."""
    state = {k: (dict(v) if isinstance(v, Counter) else v) for k, v in vars(stats).items()}
    lines = getattr(stats, "removed_lines", None)
    if isinstance(lines, Counter) and len(lines) > MARKER_REMOVED_LINES:
        state["removed_lines"] = dict(lines.most_common(MARKER_REMOVED_LINES))
    return state


def stats_from_state(state: dict[str, Any]):
    """The CorpusStats saved by :func:`stats_state` (attributes it does not know are ignored)."""
    from cleaner.stats import CorpusStats

    stats = CorpusStats()
    for key, value in state.items():
        if not hasattr(stats, key):
            continue
        current = getattr(stats, key)
        setattr(stats, key, Counter(value) if isinstance(current, Counter) else value)
    return stats


# -- units ----------------------------------------------------------------------------------
@dataclass
class Unit:
    """One input file of a run and the name its outputs take."""

    path: str
    root: str | None
    kind: str  # text | html | jsonl | parquet
    rel: str  # output name relative to OUT (the input's relative path or file name)
    size: int | None
    mtime_ns: int | None

    @property
    def shard(self) -> bool:
        return self.kind in ("jsonl", "parquet")

    def identity(self) -> dict[str, Any]:
        return {"input": os.path.abspath(self.path) if self.path != "-" else "-", "size": self.size,
                "mtime_ns": self.mtime_ns}


def make_unit(path: str, root: str | None, kind: str) -> Unit:
    if path == "-":
        return Unit(path, None, kind, "<stdin>", None, None)
    st = os.stat(path)
    rel = os.path.relpath(path, root) if root is not None else os.path.basename(path)
    return Unit(path, root, kind, rel, st.st_size, st.st_mtime_ns)


class Outputs:
    """The sinks one part of a run writes to. ``write`` routes an outcome by its
    status: kept, rejected (dropped), errors; reports of cleaned records also go
    to ``reports`` when there is one. ``commit`` renames every file into place."""

    def __init__(self, kept, rejected, errors, reports=None, *, fsync: bool = False) -> None:
        self.kept = kept
        self.rejected = rejected
        self.errors = errors
        self.reports = reports
        self.fsync = fsync

    def sinks(self) -> list:
        seen: dict[int, Any] = {}
        for s in (self.kept, self.rejected, self.errors, self.reports):
            if s is not None:
                seen.setdefault(id(s), s)
        return list(seen.values())

    def write(self, out: Outcome) -> None:
        if out.status == KEPT:
            self.kept.write(out)
        elif out.status == DROPPED:
            self.rejected.write(out)
        elif out.status == ERROR:
            self.errors.write(out)
        else:
            raise ValueError(f"unknown outcome status {out.status!r}")
        if self.reports is not None and out.status != ERROR:
            self.reports.write(out)

    def commit(self) -> None:
        for sink in self.sinks():
            sink.commit(self.fsync)

    def abort(self) -> None:
        for sink in self.sinks():
            sink.abort()


class State:
    """The completion markers and the lock of a directory output."""

    def __init__(self, out_dir: str) -> None:
        self.out_dir = Path(out_dir)
        self.dir = self.out_dir / STATE_DIR
        self._lock_fh = None

    def lock(self) -> None:
        """Take ``OUT/.cleaner/lock``; InputError if another run holds it."""
        self.dir.mkdir(parents=True, exist_ok=True)
        fh = open(self.dir / "lock", "a+")
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.close()
            raise InputError(f"{self.out_dir}: another `cleaner clean` is writing to this directory "
                             f"(it holds {self.dir / 'lock'})") from None
        self._lock_fh = fh

    def unlock(self) -> None:
        if self._lock_fh is not None:
            self._lock_fh.close()
            self._lock_fh = None

    def marker_path(self, unit: Unit) -> Path:
        return self.dir / "done" / (unit.rel + ".json")

    def load(self, unit: Unit) -> dict[str, Any] | None:
        try:
            data = json.loads(self.marker_path(unit).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) and data.get("schema") == MARKER_SCHEMA else None

    def check(self, unit: Unit, config: str) -> tuple[dict[str, Any] | None, str | None]:
        """``(marker, None)`` if ``unit`` is complete for ``config``; else
        ``(None, why not)`` (``why`` is None when there is simply no marker)."""
        marker = self.load(unit)
        if marker is None:
            return None, None
        if marker.get("identity") != unit.identity():
            return None, "the input changed since it was cleaned (path, size or mtime)"
        if marker.get("config") != config:
            return None, "the configuration, cleaner or a library changed since it was cleaned"
        for name, size in (marker.get("outputs") or {}).items():
            try:
                if os.path.getsize(self.out_dir / name) != size:
                    return None, f"its output {name} was changed"
            except OSError:
                return None, f"its output {name} is missing"
        return marker, None

    def forget(self, unit: Unit) -> None:
        try:
            self.marker_path(unit).unlink()
        except FileNotFoundError:
            pass

    def mark_done(self, unit: Unit, config: str, outputs: Iterable[str], counts: dict[str, Any],
                  stats: dict[str, Any]) -> None:
        """Write the unit's marker (atomically, after its outputs are in place)."""
        from cleaner.io.writers import temp_name

        marker = {"schema": MARKER_SCHEMA, "unit": unit.rel, "identity": unit.identity(), "config": config,
                  "outputs": {name: os.path.getsize(self.out_dir / name) for name in sorted(outputs)},
                  "counts": counts, "stats": stats}
        path = self.marker_path(unit)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = temp_name(path)
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(marker, fh, ensure_ascii=False, sort_keys=True)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)


def note(message: str) -> None:
    print(f"cleaner: {message}", file=sys.stderr)
