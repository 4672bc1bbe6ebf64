"""``cleaner check``: lint scraped data files like source code.

Each file is cleaned with the pipeline its configuration describes; every change
whose rule is selected becomes a finding at its line and column in the file.
``--fix`` applies the selected *fixable* changes and rewrites the file
atomically. Nothing here decides what is wrong: the filters' change records do.

Configuration (``[tool.cleaner.check]`` in pyproject.toml or ``[check]`` in
cleaner.toml, found by walking up from each file)::

    [tool.cleaner.check]
    select = ["ENC", "BP", "CAP"]        # codes or prefixes; default: every rule checked by default
    ignore = ["TR3"]
    extend-select = ["WS001"]
    per-file-ignores = {"raw/*.txt" = ["ENC005"]}
    allowlist = "cleaner-allowlist.txt"   # exact lines that are accepted as they are

>>> from cleaner.check import CheckOptions, check_text
>>> [f.code for f in check_text("Story.\\nPlease enter your comment!\\n", "a.txt", CheckOptions())]
['BP101']
"""

from __future__ import annotations

import fnmatch
import json
import os
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

from cleaner import config as config_mod
from cleaner.document import Change, outer_edits
from cleaner.errors import ConfigError
from cleaner.pipeline import Pipeline
from cleaner.rules import Rule, all_rules, matches
from cleaner.text import LineIndex

# Codes of the checker itself (input it cannot check); always selected.
INPUT_RULES = (
    Rule("IO001", "unreadable-file", "The file cannot be read or decoded.", "flagged",
         doc="What: the file does not exist any more, cannot be read, or is not valid in its "
             "encoding (UTF-8 unless --encoding says otherwise); the line of the first bad byte "
             "is given.\n\nFix safety: not fixable.", filter="check"),
    Rule("IO002", "malformed-record", "A JSONL line is not a JSON object with a text field.",
         "flagged", doc="What: the line is not valid JSON, not an object, or lacks the text "
                        "field.\n\nFix safety: not fixable.", filter="check"),
)
CHECK_KEYS = {"select", "ignore", "extend-select", "per-file-ignores", "allowlist"}


@dataclass(frozen=True)
class Finding:
    path: str
    line: int | None      # 1-based line in the file (JSONL: the record's line)
    col: int | None       # 1-based column (None for JSONL records and document flags)
    code: str
    message: str
    fixable: bool = False
    record: str | None = None  # JSONL record id
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "col": self.col, "code": self.code,
                "message": self.message, "fixable": self.fixable, "record": self.record}


@dataclass
class CheckOptions:
    select: tuple[str, ...] | None = None   # None: rules with check=True
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    allowlist: frozenset[str] = frozenset()
    pipeline_config: dict[str, Any] = field(default_factory=dict)
    base: str = "."  # directory the per-file-ignores globs are relative to

    def selected(self, code: str, path: str) -> bool:
        if code.startswith("IO"):
            return True
        r = _rules().get(code)
        if self.select is None:
            chosen = (r is not None and r.check) or matches(code, self.extend_select)
        else:
            chosen = matches(code, self.select) or matches(code, self.extend_select)
        if not chosen or matches(code, self.ignore):
            return False
        rel = os.path.relpath(path, self.base) if path != "<stdin>" else path
        for pattern, codes in self.per_file_ignores.items():
            if (fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(os.path.basename(path), pattern)) \
                    and matches(code, codes):
                return False
        return True


@lru_cache(maxsize=1)
def _rules() -> dict[str, Rule]:
    return {r.code: r for r in [*all_rules(), *INPUT_RULES]}


def options_for(path: str, explicit_config: str | None = None, overrides: dict[str, Any] | None = None,
                isolated: bool = False) -> CheckOptions:
    """The check options that apply to ``path``: its config file, then ``overrides``
    (from the command line) on top."""
    cfg, cfg_path = ({}, None) if isolated else config_mod.load(path, explicit_config)
    return _options(json.dumps(cfg, sort_keys=True, default=str), str(cfg_path) if cfg_path else None,
                    json.dumps(overrides or {}, sort_keys=True))


@lru_cache(maxsize=64)
def _options(cfg_json: str, cfg_path: str | None, overrides_json: str) -> CheckOptions:
    cfg = json.loads(cfg_json)
    where = Path(cfg_path) if cfg_path else None
    table = config_mod.section(cfg, "check", CHECK_KEYS, where)
    over = json.loads(overrides_json)
    base = str(where.parent) if where else "."

    def codes(key: str) -> tuple[str, ...] | None:
        value = over.get(key, table.get(key))
        if value is None:
            return None
        if isinstance(value, str):
            value = [v for v in value.split(",") if v]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where or 'command line'}: check.{key} must be a list of codes")
        return tuple(v.strip().upper() for v in value)

    pfi = table.get("per-file-ignores", {})
    if not isinstance(pfi, dict):
        raise ConfigError(f"{where}: check.per-file-ignores must be a table of glob = [codes]")
    allow: frozenset[str] = frozenset()
    allow_file = over.get("allowlist") or table.get("allowlist")
    if allow_file:
        p = Path(allow_file)
        if not p.is_absolute() and "allowlist" not in over:
            p = Path(base) / p
        try:
            allow = frozenset(ln.strip() for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip())
        except OSError as exc:
            raise ConfigError(f"allowlist {p}: {exc.strerror or exc}") from exc
    pipeline_cfg = {k: v for k, v in cfg.items() if k not in ("check", "clean")}
    Pipeline.from_config(pipeline_cfg)  # validate now: unknown keys are errors with their name
    return CheckOptions(
        select=codes("select"), ignore=codes("ignore") or (), extend_select=codes("extend-select") or (),
        per_file_ignores={k: tuple(v) for k, v in pfi.items()}, allowlist=allow,
        pipeline_config=pipeline_cfg, base=base)


@lru_cache(maxsize=16)
def _pipeline(cfg_json: str) -> Pipeline:
    return Pipeline.from_config(json.loads(cfg_json))


def pipeline_for(options: CheckOptions) -> Pipeline:
    return _pipeline(json.dumps(options.pipeline_config, sort_keys=True, default=str))


def _message(c: Change) -> str:
    # repr() shows a newline as \n (replacing it first showed it as \\n)
    snippet = c.text if len(c.text) <= 60 else c.text[:57] + "..."
    if c.action == "replaced":
        return f"{c.reason} ({snippet!r} -> {c.replacement or ''!r})"
    if c.action == "removed":
        return f"{c.reason}: {snippet!r}"
    return c.reason


def findings_for(changes: Iterable[Change], original: str, path: str, options: CheckOptions,
                 record: str | None = None, line: int | None = None) -> list[Finding]:
    """The selected changes as findings with line:col positions in ``original``."""
    index = LineIndex(original) if record is None else None
    lines_cache: list[str] | None = None
    out = []
    for c in changes:
        if not options.selected(c.code, path):
            continue
        rule = _rules().get(c.code)
        if c.start is not None and options.allowlist:
            if lines_cache is None:
                lines_cache = original.split("\n")
            ln_no = original.count("\n", 0, c.start)
            if lines_cache[ln_no].strip() in options.allowlist:
                continue
        if record is None and c.start is not None and index is not None:
            ln, col = index.line_col(c.start)
        else:
            ln, col = line, None
        out.append(Finding(path, ln, col, c.code, _message(c), bool(rule and rule.fixable),
                           record, c.text))
    # like a linter: in reading order (document-level flags, which have no position, last)
    out.sort(key=lambda f: (f.line is None, f.line or 0, f.col is None, f.col or 0, f.code))
    return out


def check_text(text: str, path: str, options: CheckOptions, *, fmt: str = "text") -> list[Finding]:
    """Findings for one text (a whole file's content)."""
    result = _clean(text, options, fmt)
    return findings_for(result.report.changes, result.document.original, path, options)


def _clean(text: str, options: CheckOptions, fmt: str):
    pipe = pipeline_for(options)
    if fmt == "html":
        from cleaner.extract import extract_document

        return pipe(extract_document(text))
    return pipe(text)


def fixed_text(text: str, path: str, options: CheckOptions) -> tuple[str, int]:
    """``text`` with the selected fixable changes applied, and how many were applied."""
    result = _clean(text, options, "text")
    original = result.document.original
    allowed = {(f.code, f.line, f.col) for f in findings_for(result.report.changes, original, path, options)}
    index = LineIndex(original)

    def wanted(c: Change) -> bool:
        rule = _rules().get(c.code)
        if not (rule and rule.fixable and c.is_edit and c.start is not None):
            return False
        return (c.code, *index.line_col(c.start)) in allowed

    edits = outer_edits([c for c in result.report.changes if wanted(c)])
    out, pos = [], 0
    for c in edits:
        out.append(original[pos:c.start])
        out.append(c.replacement or "")
        pos = c.end
    out.append(original[pos:])
    new = "".join(out)
    if text.endswith("\n") and not new.endswith("\n") and new:
        new += "\n"
    return new, len(edits)


def atomic_write(path: str, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` through a temp file and a rename,
    keeping the file's permissions."""
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".cleaner-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        try:
            os.chmod(tmp, os.stat(path).st_mode & 0o7777)
        except OSError:
            pass
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


# ---------------------------------------------------------------- output formats
def format_text(f: Finding) -> str:
    fix = " [*]" if f.fixable else ""
    if f.record is not None:
        return f"{f.path}:{f.line}: record {f.record}: {f.code} {f.message}{fix}"
    if f.line is None:
        return f"{f.path}: {f.code} {f.message}{fix}"
    if f.col is None:
        return f"{f.path}:{f.line}: {f.code} {f.message}{fix}"
    return f"{f.path}:{f.line}:{f.col}: {f.code} {f.message}{fix}"


def format_github(f: Finding) -> str:
    def esc(s: str) -> str:
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    loc = f"file={esc(f.path)}"
    if f.line is not None:
        loc += f",line={f.line}"
    if f.col is not None:
        loc += f",col={f.col}"
    return f"::error {loc},title={f.code}::{esc(f.code + ' ' + f.message)}"


def sarif(findings: list[Finding]) -> dict[str, Any]:
    from cleaner import __version__

    codes = sorted({f.code for f in findings})
    rules = _rules()
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "cleaner", "version": __version__,
                "rules": [{"id": c, "name": rules[c].name if c in rules else c,
                           "shortDescription": {"text": rules[c].summary if c in rules else c}}
                          for c in codes]}},
            "results": [{
                "ruleId": f.code, "level": "error" if f.fixable else "warning",
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": Path(f.path).as_posix()},
                    "region": {"startLine": f.line or 1, "startColumn": f.col or 1}}}],
            } for f in findings],
        }],
    }


def iter_statistics(findings: list[Finding]) -> Iterator[tuple[str, int, bool, str]]:
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.code] = counts.get(f.code, 0) + 1
    rules = _rules()
    for code in sorted(counts, key=lambda c: (-counts[c], c)):
        r = rules.get(code)
        yield code, counts[code], bool(r and r.fixable), r.summary if r else ""
