"""``cleaner clean``: clean files, directories, JSONL and Parquet shards."""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import time
from collections import deque
from typing import Any

from cleaner import config as config_mod
from cleaner.engines import local
from cleaner.errors import InputError, OutputError
from cleaner.io.process import ERROR, Outcome, Wire
from cleaner.io.records import ReadOptions, expand, kind_of, parquet_schema, read, require_pyarrow
from cleaner.io.shards import (Outputs, State, Unit, config_digest, make_unit, note, sibling, stats_from_state,
                               stats_state)
from cleaner.io.writers import (Accounting, ErrorSink, JsonlSink, ParquetSink, ReportSink, TreeSink,
                                remove_stale_temps)
from cleaner.pipeline import Pipeline

COMMAND = "clean"
ORDER = 10
HELP = "clean text, HTML, JSONL and Parquet inputs; write clean text plus a report"
DESCRIPTION = """\
Clean text (.txt), HTML (.html), JSONL (.jsonl, .jsonl.gz, .jsonl.zst) and
Parquet (.parquet; extra cleaner[parquet]) inputs.

Outputs:
  no -o            JSONL records on stdout: the input's fields (or id and source
                   for files), the clean text, and the report under "cleaner".
  -o OUT.jsonl     one JSONL file (.gz/.zst compress). Dropped records go to
                   OUT.rejected.jsonl and unreadable ones to OUT.errors.jsonl
                   unless --rejected-out/--errors-out say otherwise.
  -o OUT.parquet   one Parquet file from Parquet inputs with the same columns:
                   every input column, the clean text, the report as JSON text.
  -o DIR/          one output per input, written to a temporary name and renamed
                   when complete (resumable with --resume):
                   - a JSONL/Parquet shard NAME.EXT -> DIR/NAME.EXT (same format
                     and compression), DIR/NAME.rejected.EXT (dropped records),
                     DIR/NAME.errors.jsonl[.gz|.zst] (errors), and with
                     --report-out RDIR/ RDIR/NAME.reports.jsonl[.gz|.zst];
                   - a text/HTML file -> DIR/NAME.txt and DIR/NAME.txt.report.json;
                   a directory input's tree is mirrored.

Every input record ends in exactly one place: written (kept), rejected (dropped,
with the verdict's reasons) or errors (with the file, the line -- for Parquet the
row -- and the reason). The summary line on stderr checks that
in = kept + dropped + errors, counting inputs completed by an earlier run when
resuming.

--resume (directory output only) skips inputs completed by an earlier run: each
finished input has a marker in DIR/.cleaner/done/ with the input's path, size and
mtime and a digest of the configuration (pipeline, options, cleaner's code and
data, library versions). A changed input or configuration is cleaned again (and
said so on stderr). The outputs of an interrupted run resumed are byte-identical
to those of an uninterrupted run, for any --jobs and engine.

Exit codes: 0 all records written or rejected; 1 some records could not be read
or cleaned (listed on stderr and in the error file); 2 usage or I/O error;
3 the accounting does not balance (a bug).

Examples:
  cleaner clean seeds/ -o build/clean/
  cleaner clean shard-*.jsonl.zst -o clean.jsonl.zst
  cleaner clean shards/ -o clean/ --resume           # one output shard per input
  cleaner clean data.parquet -o clean.parquet --report-out reports.jsonl
  cat page.html | cleaner clean - --format html
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="files, directories (walked recursively) or globs; '-' reads stdin")
    p.add_argument("-o", "--output", default="-", metavar="OUT",
                   help="output: '-' (stdout, JSONL; default), a .jsonl[.gz|.zst] or .parquet file, or a "
                        "directory (ending in / or existing): one output per input, resumable")
    p.add_argument("--format", choices=["auto", "text", "html", "jsonl", "parquet"], default="auto",
                   help="input format (default: by file suffix; stdin is sniffed: JSONL if it "
                        "starts with '{', else text)")
    p.add_argument("--content", choices=["text", "html"], default="text",
                   help="what the text field of JSONL/Parquet records holds (default: text)")
    p.add_argument("--extractor", default="justext",
                   help="main-text extractor for HTML input (default: justext)")
    p.add_argument("--text-field", default="text",
                   help="JSONL field or Parquet column holding the text (default: text)")
    p.add_argument("--id-field", default="id", help="JSONL field or Parquet column of the record id (default: id)")
    p.add_argument("--lang-field", default=None,
                   help="field holding a declared language (checked against the detected one)")
    p.add_argument("--report-field", default="cleaner",
                   help="field/column the report is written to (default: cleaner; in Parquet as JSON text)")
    p.add_argument("--no-report", action="store_true", help="write the clean text without the report")
    p.add_argument("--report-out", default=None, metavar="FILE",
                   help="write the reports to their own JSONL file ({id, source, line, cleaner: report} per "
                        "cleaned record, in input order) instead of inside the records; with -o DIR/ a "
                        "directory getting one S.reports.jsonl per input shard")
    p.add_argument("--encoding", default=None,
                   help="encoding of text/HTML files (default: UTF-8, BOM-sniffed; HTML honours "
                        "<meta charset>)")
    p.add_argument("--rejected-out", default=None, metavar="FILE",
                   help="where dropped records go (default: OUT.rejected.jsonl for a file output; "
                        "with stdout they stay in the stream, their verdict says drop)")
    p.add_argument("--errors-out", default=None, metavar="FILE",
                   help="JSONL file for records that could not be read or cleaned (default: "
                        "OUT.errors.jsonl for a file output, one per shard for -o DIR/; always listed on "
                        "stderr)")
    p.add_argument("--resume", action="store_true",
                   help="with -o DIR/: skip inputs an earlier run completed with the same input and "
                        "configuration (see above)")
    p.add_argument("--config", default=None, metavar="FILE",
                   help="pyproject.toml or cleaner.toml to read [tool.cleaner] from (default: the "
                        "nearest one above the current directory)")
    p.add_argument("--disable", action="append", default=[], metavar="FILTER",
                   help="leave a filter out (repeatable)")
    p.add_argument("--enable", action="append", default=[], metavar="FILTER",
                   help="add a non-default filter (repeatable)")
    p.add_argument("-j", "--jobs", type=int, default=0,
                   help="worker processes (default: 0 = all cores); the output bytes are the same for any N")
    p.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="local worker processes (default) or a Dask cluster (extra cleaner[dask])")
    p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="Dask scheduler address (tcp://host:8786); default: a local cluster of --jobs workers")
    p.add_argument("--time-limit", type=float, default=60.0, metavar="SECONDS",
                   help="per-record time limit; a record over it is written to the error file as TIMEOUT "
                        "(default: 60; 0 = none)")
    p.add_argument("--progress", choices=["auto", "on", "off"], default="auto",
                   help="progress bar on stderr: bytes, MB/s, records/s, and the ETA when the input size is "
                        "known (auto: when stderr is a terminal and not --quiet)")
    p.add_argument("--stats-out", default=None, metavar="FILE",
                   help="write corpus statistics of the run: FILE.json, or FILE.html for the HTML page")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")


def build_pipeline(args: argparse.Namespace) -> Pipeline:
    cfg, _ = config_mod.load(explicit=args.config)
    cfg = dict(cfg)
    if args.disable:
        cfg["disable"] = list(cfg.get("disable", [])) + args.disable
    if args.enable:
        cfg["enable"] = list(cfg.get("enable", [])) + args.enable
    return Pipeline.from_config(cfg)


def _is_dir_output(path: str) -> bool:
    return path != "-" and (path.endswith(("/", os.sep)) or os.path.isdir(path))


def _is_parquet(path: str | None) -> bool:
    return bool(path) and kind_of(path) == "parquet"  # type: ignore[arg-type]


def _inside(path: str, directory: str) -> bool:
    try:
        return os.path.commonpath([os.path.realpath(path), os.path.realpath(directory)]) == \
            os.path.realpath(directory)
    except ValueError:
        return False


def _progress(args: argparse.Namespace, total_bytes: int | None):
    """A tqdm bar over input bytes (MB/s; ETA when ``total_bytes`` is known), with
    records and records/s beside it; None when it is not shown."""
    show = args.progress == "on" or (args.progress == "auto" and not args.quiet and sys.stderr.isatty())
    if not show:
        return None
    from tqdm import tqdm

    return tqdm(total=total_bytes, unit="B", unit_scale=True, unit_divisor=1000, file=sys.stderr,
                dynamic_ncols=True, mininterval=0.5, smoothing=0.05)


class _Borrowed:
    """A sink shared by many units (the error file of text inputs in a directory
    output): units write to it; the run commits it once at the end."""

    def __init__(self, sink) -> None:
        self.sink = sink

    produced = False

    def write(self, out: Outcome) -> None:
        self.sink.write(out)

    def commit(self, fsync: bool = False) -> None:
        pass

    def abort(self) -> None:
        pass


class _Plan:
    """What a run writes where: the units (one per input file), the output of
    each (directory output) or the one set of outputs (file or stdout)."""

    def __init__(self, args: argparse.Namespace, units: list[Unit]) -> None:
        self.args = args
        self.units = units
        self.dir_out = _is_dir_output(args.output)
        self.with_report = not args.no_report and not args.report_out
        self.state: State | None = None
        self.shared_errors: ErrorSink | None = None
        self.global_outputs: Outputs | None = None
        self.schema = None  # of the Parquet inputs, for a Parquet output
        self._validate()

    # -- checks before any work -------------------------------------------------------------
    def _validate(self) -> None:
        a = self.args
        if a.no_report and a.report_out:
            raise InputError("--no-report and --report-out cannot be used together")
        parquet_in = [u for u in self.units if u.kind == "parquet"]
        if parquet_in or _is_parquet(a.output) or _is_parquet(a.rejected_out):
            require_pyarrow()
        if not self.dir_out:
            if a.resume:
                raise InputError("--resume needs a directory output (-o DIR/): one output per input, each "
                                 "renamed into place when complete, so completed inputs can be skipped")
            if _is_parquet(a.output) or _is_parquet(a.rejected_out):
                self._check_parquet_output(parquet_in)
            return
        if any(u.path == "-" for u in self.units):
            raise InputError("a directory output (-o DIR/) needs files, not stdin; write stdin to a "
                             ".jsonl file or stdout")
        shards = [u for u in self.units if u.shard]
        trees = [u for u in self.units if not u.shard]
        if shards and (a.rejected_out or a.errors_out):
            raise InputError("with a directory output each JSONL/Parquet input gets its own rejected and "
                             "errors files beside its output; --rejected-out/--errors-out do not apply")
        if trees and a.rejected_out:
            raise InputError("--rejected-out does not apply to a directory output: the clean text and report "
                             "of every text/HTML file are written, dropped or not (the report says)")
        if trees and a.report_out:
            raise InputError("text/HTML files in a directory output get their report beside them "
                             "(NAME.txt.report.json); --report-out applies to JSONL/Parquet shards")
        if a.report_out and os.path.isfile(a.report_out):
            raise InputError(f"{a.report_out}: with -o DIR/, --report-out is a directory (one reports file "
                             "per input shard), not a file")
        self._check_targets()

    def _check_parquet_output(self, parquet_in: list[Unit]) -> None:
        others = [u.path for u in self.units if u.kind != "parquet"]
        if others or not parquet_in:
            raise InputError(f"a Parquet output takes Parquet inputs (their columns are its schema); "
                             f"{others[0] if others else 'stdin'} is not Parquet: write JSONL instead")
        first = first_path = None
        for u in parquet_in:
            try:
                schema = parquet_schema(u.path)
            except InputError:
                continue  # an unreadable file is an error record of the run, not the end of it
            if first is None:
                first, first_path = schema, u.path
            elif not schema.equals(first, check_metadata=False):
                raise InputError(f"{u.path}: its columns differ from those of {first_path}; "
                                 "write one output per input with -o DIR/")
        if first is None:
            raise InputError(f"{parquet_in[0].path}: no readable Parquet input to take the columns from")
        self.schema = first

    def targets(self, unit: Unit) -> dict[str, str]:
        """Output paths of ``unit`` by role (directory output)."""
        out = self.args.output
        if not unit.shard:
            rel = unit.rel
            if rel.lower().endswith((".html", ".htm", ".xhtml")):
                rel = rel.rsplit(".", 1)[0] + ".txt"
            text = os.path.join(out, rel)
            return {"text": text, "report": text + ".report.json"}
        kept = os.path.join(out, unit.rel)
        t = {"kept": kept, "rejected": sibling(kept, ".rejected"), "errors": sibling(kept, ".errors", jsonl=True)}
        if self.args.report_out:
            t["reports"] = os.path.join(self.args.report_out, sibling(unit.rel, ".reports", jsonl=True))
        return t

    def _check_targets(self) -> None:
        inputs = {os.path.realpath(u.path): u.path for u in self.units}
        seen: dict[str, str] = {}
        for u in self.units:
            for path in self.targets(u).values():
                real = os.path.realpath(path)
                if real in inputs:
                    raise InputError(f"{u.path}: its output {path} would overwrite the input {inputs[real]}")
                if real in seen:
                    raise InputError(f"{u.path} and {seen[real]} would both be written to {path}; give their "
                                     "directory (to mirror the tree) instead of the files")
                seen[real] = u.path

    # -- outputs ---------------------------------------------------------------------------
    def wire(self, todo: list[Unit]) -> Wire | None:
        """How worker processes may encode the outcomes: when every record sink is
        JSONL (no Parquet, no directory of text files), the workers send encoded
        lines instead of reports; None otherwise."""
        a = self.args
        if any(_is_parquet(p) for p in (a.output, a.rejected_out)) or any(u.kind == "parquet" for u in todo):
            return None
        if self.dir_out and any(not u.shard for u in todo):
            return None  # text/HTML files into a directory tree: a text file and a report file each
        return Wire(a.text_field, a.report_field, self.with_report, bool(a.report_out))

    def open_global(self) -> Outputs:
        a = self.args
        if a.output == "-":
            kept = JsonlSink("-", text_field=a.text_field, report_field=a.report_field, with_report=self.with_report)
            rejected = self._record_sink(a.rejected_out) if a.rejected_out else kept
            errors_path = a.errors_out
        else:
            kept = self._record_sink(a.output, always=True)
            rejected = self._record_sink(a.rejected_out or sibling(a.output, ".rejected"))
            errors_path = a.errors_out or sibling(a.output, ".errors", jsonl=True)
        reports = ReportSink(a.report_out, report_field=a.report_field) if a.report_out else None
        self.global_outputs = Outputs(kept, rejected, ErrorSink(errors_path), reports, fsync=a.output != "-")
        return self.global_outputs

    def _record_sink(self, path: str, always: bool = False, schema=None):
        a = self.args
        if _is_parquet(path):
            return ParquetSink(path, schema if schema is not None else self.schema, text_field=a.text_field,
                               report_field=a.report_field, with_report=self.with_report, always_create=always)
        return JsonlSink(path, text_field=a.text_field, report_field=a.report_field, with_report=self.with_report,
                         always_create=always)

    def _unit_schema(self, unit: Unit):
        try:
            return parquet_schema(unit.path)
        except InputError:  # unreadable: its one error record goes to the errors file; the output is empty
            import pyarrow as pa

            return pa.schema([(self.args.text_field, pa.string())])

    def open_unit(self, unit: Unit) -> Outputs:
        """The outputs of one unit of a directory output."""
        t = self.targets(unit)
        if not unit.shard:
            tree = TreeSink(self.args.output)
            if self.shared_errors is None:
                self.shared_errors = ErrorSink(self.args.errors_out)
            return Outputs(tree, tree, _Borrowed(self.shared_errors))
        schema = self._unit_schema(unit) if unit.kind == "parquet" else None
        a = self.args
        reports = ReportSink(t["reports"], report_field=a.report_field) if "reports" in t else None
        return Outputs(self._record_sink(t["kept"], always=True, schema=schema),
                       self._record_sink(t["rejected"], schema=schema), ErrorSink(t["errors"]), reports, fsync=True)


def _settings(args: argparse.Namespace, pipeline: Pipeline, options: ReadOptions) -> dict[str, Any]:
    """What the configuration digest of a directory output covers."""
    return {"pipeline": pipeline.to_config(), "read": dataclasses.asdict(options), "extractor": args.extractor,
            "report_field": args.report_field, "no_report": args.no_report,
            "report_out": bool(args.report_out), "time_limit": args.time_limit}


def run(args: argparse.Namespace) -> int:
    t0 = time.perf_counter()
    if args.jobs < 0:
        raise InputError("--jobs is a number of worker processes: 0 (all cores) or more")
    pipeline = build_pipeline(args)
    options = ReadOptions(text_field=args.text_field, id_field=args.id_field, lang_field=args.lang_field,
                          format=args.format, content_format=args.content, encoding=args.encoding)
    dir_out = _is_dir_output(args.output)
    files = list(expand(args.paths, parquet=True))
    if dir_out:  # an output directory inside an input directory is not input
        files = [(p, r) for p, r in files if p == "-" or not _inside(p, args.output)]
    kinds = {p: ("sniff" if p == "-" and args.format == "auto" else kind_of(p, args.format)) for p, _ in files}
    units = [make_unit(p, r, kinds[p]) for p, r in files]
    plan = _Plan(args, units)

    acct = Accounting()
    from cleaner.stats import CorpusStats

    stats = CorpusStats()
    todo = units
    digest = ""
    state = None
    if dir_out:
        state = plan.state = State(args.output)
        state.lock()
        remove_stale_temps(args.output)
        if args.report_out:
            remove_stale_temps(args.report_out)
        digest = config_digest(_settings(args, pipeline, options))
        todo = []
        resumed = resumed_docs = 0
        for u in units:
            marker, why = state.check(u, digest) if args.resume else (None, None)
            if marker is not None:
                acct.merge(marker["counts"])
                stats.merge(stats_from_state(marker["stats"]))
                resumed += 1
                resumed_docs += int(marker["counts"].get("documents", 0))
                continue
            if why and not args.quiet:
                note(f"{u.path}: cleaning it again: {why}")
            todo.append(u)
        if args.resume and not args.quiet:
            note(f"resumed: {resumed} of {len(units)} inputs were complete ({resumed_docs} documents, "
                 f"counted below); {len(todo)} to clean")
    chars_before = acct.chars_in
    try:
        done_bytes = _drive(args, pipeline, options, plan, todo, acct, stats, digest)
    except OSError as exc:  # an output that cannot be written (disk full, permissions): a clear error, exit 2
        raise OutputError(f"{exc.filename or args.output}: cannot write: {exc.strerror or exc}") from exc
    finally:
        if state is not None:
            state.unlock()
    elapsed = time.perf_counter() - t0
    if not args.quiet:
        rate = f"{(acct.chars_in - chars_before) / 1e6 / elapsed if elapsed else 0:.2f} M chars/s"
        if done_bytes is not None:
            rate += f", {done_bytes / 1e6 / elapsed if elapsed else 0:.2f} MB/s"
        print(f"cleaner: {acct.line()} ({elapsed:.2f} s, {rate})", file=sys.stderr)
        for line in stats.summary_lines(top=5)[1:]:
            print(f"cleaner: {line}", file=sys.stderr)
    if args.stats_out:
        from pathlib import Path

        Path(args.stats_out).parent.mkdir(parents=True, exist_ok=True)
        body = stats.to_html() if args.stats_out.endswith((".html", ".htm")) else stats.to_json()
        Path(args.stats_out).write_text(body, encoding="utf-8")
    if not acct.balanced:
        print(f"cleaner: accounting does not balance: {acct.to_dict()}", file=sys.stderr)
        return 3
    return 1 if acct.errors else 0


def _drive(args, pipeline, options, plan: _Plan, todo: list[Unit], acct: Accounting, stats, digest: str):
    """Clean ``todo`` and write every outcome; returns the input bytes done (None
    when unknown, e.g. stdin)."""
    sizes = [u.size for u in todo]
    total = sum(sizes) if all(s is not None for s in sizes) else None  # type: ignore[misc]
    # shard boundaries: the reader appends each unit's record count when it has read the unit; outcomes
    # come back in input order, so counting them tells which unit an outcome belongs to
    boundaries: deque[int] = deque()

    def items():
        for u in todo:
            n = 0
            for item in read(u.path, options, u.root):
                n += 1
                yield item
            boundaries.append(n)

    jobs = local.default_jobs() if args.jobs == 0 else args.jobs
    if todo and all(u.kind in ("text", "html") and u.path != "-" for u in todo):
        jobs = min(jobs, len(todo))  # one record per file: no more workers than files
    seconds = args.time_limit or None
    if not todo:
        outcomes: Any = iter(())
    elif args.engine == "dask":
        from cleaner.engines import dask as dask_engine

        outcomes = dask_engine.run(pipeline, items(), scheduler=args.scheduler, jobs=max(jobs, 1),
                                   extractor=args.extractor, seconds=seconds, wire=plan.wire(todo))
    else:
        outcomes = local.run(pipeline, items(), jobs=jobs, extractor=args.extractor, seconds=seconds,
                             wire=plan.wire(todo))

    dir_out = plan.dir_out
    from cleaner.stats import CorpusStats

    glob_out = None if dir_out else plan.open_global()
    cur = 0  # index in todo of the unit being written
    got = 0  # outcomes of it so far
    unit_out: Outputs | None = None
    unit_acct = Accounting()
    unit_stats = CorpusStats()
    unit_errors = 0
    done_bytes = 0
    bar = _progress(args, total)

    previous: list[str] = []  # outputs of the unit's marker from an earlier run

    def start() -> Outputs:
        nonlocal previous
        assert plan.state is not None
        u = todo[cur]
        marker = plan.state.load(u)
        previous = list((marker or {}).get("outputs") or ())
        plan.state.forget(u)  # the unit is incomplete until its outputs are in place again
        return plan.open_unit(u)

    def finish() -> None:
        nonlocal cur, got, unit_out, unit_acct, unit_stats, done_bytes, unit_errors
        u = todo[cur]
        if dir_out:
            assert plan.state is not None
            if unit_out is None:
                unit_out = start()
            unit_out.commit()
            targets = plan.targets(u)
            produced = []
            sinks = {"kept": unit_out.kept, "rejected": unit_out.rejected, "errors": unit_out.errors,
                     "reports": unit_out.reports, "text": unit_out.kept, "report": unit_out.kept}
            for role, path in targets.items():
                if sinks[role].produced:
                    produced.append(os.path.relpath(path, args.output))
                else:  # left by an earlier run over another version of the input or another configuration
                    try:
                        os.unlink(path)
                    except FileNotFoundError:
                        pass
            for name in set(previous) - set(produced):  # e.g. reports of an earlier run with --report-out
                try:
                    os.unlink(os.path.join(args.output, name))
                except FileNotFoundError:
                    pass
            state = stats_state(unit_stats)
            stats.merge(stats_from_state(state))
            if u.shard or not unit_errors:  # a text file that failed is tried again by --resume
                plan.state.mark_done(u, digest, produced, unit_acct.to_dict(), state)
        done_bytes += u.size or 0
        cur += 1
        got = 0
        unit_out = None
        unit_acct, unit_stats, unit_errors = Accounting(), CorpusStats(), 0

    try:
        for out in outcomes:
            while boundaries and got == boundaries[0]:
                boundaries.popleft()
                finish()
            if dir_out:
                if unit_out is None:
                    unit_out = start()
                unit_out.write(out)
                unit_acct.add(out)
                unit_stats.add_digest(out.stats_digest())
                unit_errors += out.status == ERROR
            else:
                assert glob_out is not None
                glob_out.write(out)
                stats.add_digest(out.stats_digest())
            acct.add(out)
            got += 1
            if bar is not None:
                bar.update(max(0, done_bytes + (out.pos or 0) - bar.n))
                elapsed = bar.format_dict["elapsed"] or 1e-9
                bar.set_postfix_str(f"{acct.documents} rec, {acct.documents / elapsed:.0f} rec/s", refresh=False)
        while boundaries:
            boundaries.popleft()
            finish()
        if glob_out is not None:
            glob_out.commit()
        if plan.shared_errors is not None:
            plan.shared_errors.commit()
    except BaseException:
        for o in (unit_out, glob_out):
            if o is not None:
                o.abort()
        if plan.shared_errors is not None:
            plan.shared_errors.abort()
        raise
    finally:
        if bar is not None:
            bar.close()
        close = getattr(outcomes, "close", None)
        if close is not None:
            close()  # stop the engine's workers now, also on an interrupt
    return done_bytes if total is not None else None
