"""``cleaner check``: report problems in scraped data files like a linter; ``--fix`` them."""

from __future__ import annotations

import argparse
import difflib
import json
import os
import sys
from dataclasses import dataclass, field
from typing import Any

from cleaner import check as chk
from cleaner.errors import CleanerError, InputError
from cleaner.io import records

COMMAND = "check"
ORDER = 20
HELP = "lint scraped text/HTML/JSONL files: path:line:col: CODE message; --fix rewrites them"
DESCRIPTION = """\
Report every selected change the cleaning pipeline would make, one line per finding:

  path:line:col: CODE message            (text and HTML files)
  path:line: record ID: CODE message     (JSONL: the record's line)

Exit status: 0 no findings, 1 findings, 2 usage, configuration or I/O error.
Configuration: [tool.cleaner.check] in the nearest pyproject.toml (or cleaner.toml)
above each file; command-line flags override it. Fixable findings are marked [*].
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, directories or globs")
    p.add_argument("--fix", action="store_true", help="apply fixable findings, rewriting files in place")
    p.add_argument("--diff", action="store_true", help="show the changes --fix would make; write nothing")
    p.add_argument("--select", help="comma-separated codes or prefixes to report (replaces the default set)")
    p.add_argument("--ignore", help="comma-separated codes or prefixes not to report")
    p.add_argument("--extend-select", help="codes or prefixes to report in addition")
    p.add_argument("--allowlist", metavar="FILE", help="file of exact lines that are accepted as they are")
    p.add_argument("--output-format", choices=["text", "json", "github", "sarif"], default="text")
    p.add_argument("--statistics", action="store_true", help="print counts per code instead of findings")
    p.add_argument("--config", metavar="FILE", help="use this pyproject.toml / cleaner.toml")
    p.add_argument("--isolated", action="store_true", help="ignore configuration files")
    p.add_argument("--format", choices=["auto", "text", "html", "jsonl"], default="auto",
                   help="input format (default: by suffix)")
    p.add_argument("--text-field", default="text", help="JSONL field holding the text (default: text)")
    p.add_argument("--jobs", "-j", type=int, default=0, help="worker processes (default: CPU count)")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    p.add_argument("--quiet", "-q", action="store_true", help="print findings only, no summary")


@dataclass
class FileResult:
    path: str
    findings: list[chk.Finding] = field(default_factory=list)
    fixed: int = 0
    diff: str = ""
    error: str | None = None


def _overrides(args: argparse.Namespace) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in ("select", "ignore", "extend_select"):
        v = getattr(args, key)
        if v is not None:
            out[key.replace("_", "-")] = [c.strip() for c in v.split(",") if c.strip()]
    if args.allowlist:
        out["allowlist"] = os.path.abspath(args.allowlist)
    return out


def _check_chunk(jobs: list[tuple[str, dict[str, Any]]]) -> list[FileResult]:
    return [_check_file(job) for job in jobs]


def _lost_file(job: tuple[str, dict[str, Any]], why: str = "died") -> FileResult:
    res = FileResult(job[0])
    res.error = f"{job[0]}: the worker process died while checking this file (killed, e.g. out of memory, or crashed)"
    return res


def _check_file(job: tuple[str, dict[str, Any]]) -> FileResult:
    path, a = job
    res = FileResult(path)
    try:
        options = chk.options_for(path, a["config"], a["overrides"], a["isolated"])
        kind = records.kind_of(path, a["format"])
        ropts = records.ReadOptions(text_field=a["text_field"], format=kind)
        if kind in ("jsonl", "parquet"):  # one finding per record and position
            _check_jsonl(path, ropts, options, a, res)
            return res
        rec = next(records.read(path, ropts))
        if isinstance(rec, records.BadRecord):
            res.findings.append(chk.Finding(path, rec.line, None, "IO001", rec.error))
            return res
        res.findings = chk.check_text(rec.text, path, options, fmt=rec.format)
        if (a["fix"] or a["diff"]) and rec.format == "text" and any(f.fixable for f in res.findings):
            new, n = chk.fixed_text(rec.text, path, options)
            if new != rec.text:
                if a["diff"]:
                    res.diff = _diff(rec.text.splitlines(keepends=True), new.splitlines(keepends=True), path)
                else:
                    chk.atomic_write(path, new)
                    res.fixed = n
    except CleanerError as exc:
        res.error = str(exc)
    except Exception as exc:  # noqa: BLE001 - one bad file must not take the run down
        res.error = f"{path}: internal error: {type(exc).__name__}: {exc}"
    return res


def _diff(old: list[str], new: list[str], path: str) -> str:
    lines = []
    for ln in difflib.unified_diff(old, new, fromfile=f"a/{path}", tofile=f"b/{path}"):
        lines.append(ln if ln.endswith("\n") else ln + "\n\\ No newline at end of file\n")
    return "".join(lines)


def _check_jsonl(path: str, ropts, options, a, res: FileResult) -> None:
    fixes: dict[int, str] = {}
    for rec in records.read(path, ropts):
        if isinstance(rec, records.BadRecord):
            res.findings.append(chk.Finding(path, rec.line, None, "IO002", rec.error))
            continue
        result = chk._clean(rec.text, options, rec.format)
        fs = chk.findings_for(result.report.changes, result.document.original, path, options,
                              record=rec.id, line=rec.line)
        res.findings.extend(fs)
        if (a["fix"] or a["diff"]) and rec.format == "text" and any(f.fixable for f in fs):
            new, _ = chk.fixed_text(rec.text, path, options)
            if new != rec.text and rec.line is not None:
                fields = dict(rec.fields or {})
                fields[ropts.text_field] = new
                fixes[rec.line] = json.dumps(fields, ensure_ascii=False) + "\n"
    if not fixes:
        return
    if path.lower().endswith((".gz", ".zst")) or ropts.format == "parquet":
        res.error = (f"{path}: --fix does not rewrite compressed or Parquet files "
                     f"({len(fixes)} records fixable; use `cleaner clean`)")
        return
    with open(path, "rb") as fh:
        old = [ln.decode("utf-8", errors="surrogateescape") for ln in fh]
    new_lines = [fixes.get(i + 1, ln) for i, ln in enumerate(old)]
    if a["diff"]:
        res.diff = _diff(old, new_lines, path)
    else:
        data = "".join(new_lines).encode("utf-8", errors="surrogateescape").decode("utf-8", errors="replace")
        chk.atomic_write(path, data)
        res.fixed = len(fixes)


def run(args: argparse.Namespace) -> int:
    if args.fix and args.diff:
        raise CleanerError("--fix and --diff cannot be used together")
    overrides = _overrides(args)
    try:
        paths = [p for p, _ in records.expand(args.paths)]
    except InputError as exc:
        print(f"cleaner check: error: {exc}", file=sys.stderr)
        return 2
    a = {"config": args.config, "overrides": overrides, "isolated": args.isolated, "format": args.format,
         "text_field": args.text_field, "fix": args.fix, "diff": args.diff}
    # configuration errors surface once, before any work
    if paths:
        chk.options_for(paths[0], args.config, overrides, args.isolated)
    jobs = args.jobs or os.cpu_count() or 1
    work = [(p, a) for p in paths]
    if jobs > 1 and len(work) > 4:
        from cleaner.engines.local import ResilientPool

        # (a file that kills its worker, e.g. the out-of-memory killer, is an error; the others are checked)
        results = list(ResilientPool(jobs).map(_check_chunk, work, max(1, len(work) // (jobs * 8)), _lost_file))
    else:
        results = [_check_file(w) for w in work]

    findings = [f for r in results for f in r.findings]
    errors = [r.error for r in results if r.error]
    out = sys.stdout
    if args.diff:
        for r in results:
            out.write(r.diff)
    if args.statistics:
        for code, n, fixable, summary in chk.iter_statistics(findings):
            out.write(f"{n:6d}\t{code}\t{'[*]' if fixable else '   '}\t{summary}\n")
    elif args.output_format == "json":
        json.dump([f.to_dict() for f in findings], out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif args.output_format == "sarif":
        json.dump(chk.sarif(findings), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif not args.diff:
        fmt = chk.format_github if args.output_format == "github" else chk.format_text
        for f in findings:
            out.write(fmt(f) + "\n")
    for e in errors:
        print(f"cleaner check: error: {e}", file=sys.stderr)
    fixed = sum(r.fixed for r in results)
    remaining = findings
    if args.fix:  # what a file that could not be rewritten (an error) still has, stays
        unfixed = {r.path for r in results if r.error}
        remaining = [f for f in findings if not f.fixable or f.path in unfixed]
    if not args.quiet and args.output_format in ("text", "github"):
        n_fixable = sum(f.fixable for f in findings)
        msg = f"Found {len(findings)} finding(s) in {len({f.path for f in findings})} of {len(paths)} file(s)"
        if args.fix:
            msg += f"; fixed {fixed}, {len(remaining)} remaining"
        elif n_fixable:
            msg += f"; {n_fixable} fixable with --fix"
        print(msg + ".", file=sys.stderr)
    if errors:
        return 2
    if args.exit_zero:
        return 0
    return 1 if remaining else 0
