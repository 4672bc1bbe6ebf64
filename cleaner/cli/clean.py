"""``cleaner clean``: clean files, directories and JSONL shards."""

from __future__ import annotations

import argparse
import sys
import time

from cleaner import config as config_mod
from cleaner.engines import local
from cleaner.errors import InputError
from cleaner.io.process import DROPPED, ERROR, KEPT
from cleaner.io.records import ReadOptions, expand, kind_of, read
from cleaner.io.writers import Accounting, ErrorSink, JsonlSink, TreeSink
from cleaner.pipeline import Pipeline

COMMAND = "clean"
ORDER = 10
HELP = "clean text, HTML and JSONL inputs; write clean text plus a report"
DESCRIPTION = """\
Clean text (.txt), HTML (.html) and JSONL (.jsonl, .jsonl.gz, .jsonl.zst) inputs.

Outputs:
  no -o            JSONL records on stdout: the input's fields (or id and source
                   for files), the clean text, and the report under "cleaner".
  -o DIR/          for text/HTML files: DIR/NAME.txt and DIR/NAME.txt.report.json
                   (a directory input's tree is mirrored).
  -o OUT.jsonl     JSONL (.gz/.zst compress). Dropped records go to
                   OUT.rejected.jsonl and unreadable ones to OUT.errors.jsonl
                   unless --rejected-out/--errors-out say otherwise.

Every input record ends in exactly one place: written (kept), rejected (dropped,
with the verdict's reasons) or errors (with the file, the line and the reason).
The summary line on stderr checks that in = kept + dropped + errors.

Exit codes: 0 all records written or rejected; 1 some records could not be read
or cleaned (listed on stderr and in the error file); 2 usage or I/O error;
3 the accounting does not balance (a bug).

Examples:
  cleaner clean seeds/ -o build/clean/
  cleaner clean shard-*.jsonl.zst -o clean.jsonl.zst --jobs 2
  cat page.html | cleaner clean - --format html
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="files, directories (walked recursively) or globs; '-' reads stdin")
    p.add_argument("-o", "--output", default="-", metavar="OUT",
                   help="output: '-' (stdout, JSONL; default), a directory (ending in / or existing) "
                        "for per-file text and reports, or a .jsonl[.gz|.zst] file")
    p.add_argument("--format", choices=["auto", "text", "html", "jsonl"], default="auto",
                   help="input format (default: by file suffix; stdin is sniffed: JSONL if it "
                        "starts with '{', else text)")
    p.add_argument("--content", choices=["text", "html"], default="text",
                   help="what the text field of JSONL records holds (default: text)")
    p.add_argument("--extractor", default="justext",
                   help="main-text extractor for HTML input (default: justext)")
    p.add_argument("--text-field", default="text", help="JSONL field holding the text (default: text)")
    p.add_argument("--id-field", default="id", help="JSONL field holding the record id (default: id)")
    p.add_argument("--lang-field", default=None,
                   help="JSONL field holding a declared language (checked against the detected one)")
    p.add_argument("--report-field", default="cleaner",
                   help="JSONL field the report is written to (default: cleaner)")
    p.add_argument("--no-report", action="store_true", help="write the clean text without the report")
    p.add_argument("--encoding", default=None,
                   help="encoding of text/HTML files (default: UTF-8, BOM-sniffed; HTML honours "
                        "<meta charset>)")
    p.add_argument("--rejected-out", default=None, metavar="FILE",
                   help="where dropped records go (default: OUT.rejected.jsonl for a JSONL output; "
                        "with stdout they stay in the stream, their verdict says drop)")
    p.add_argument("--errors-out", default=None, metavar="FILE",
                   help="JSONL file for records that could not be read or cleaned (default: "
                        "OUT.errors.jsonl for a JSONL output; always listed on stderr)")
    p.add_argument("--config", default=None, metavar="FILE",
                   help="pyproject.toml or cleaner.toml to read [tool.cleaner] from (default: the "
                        "nearest one above the current directory)")
    p.add_argument("--disable", action="append", default=[], metavar="FILTER",
                   help="leave a filter out (repeatable)")
    p.add_argument("--enable", action="append", default=[], metavar="FILTER",
                   help="add a non-default filter (repeatable)")
    p.add_argument("-j", "--jobs", type=int, default=1,
                   help="worker processes (default: 1; 0 = all cores)")
    p.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="local worker processes (default) or a Dask cluster (extra cleaner[dask])")
    p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="Dask scheduler address (tcp://host:8786); default: a local cluster of --jobs workers")
    p.add_argument("--time-limit", type=float, default=60.0, metavar="SECONDS",
                   help="per-record time limit; a record over it is written to the error file as TIMEOUT "
                        "(default: 60; 0 = none)")
    p.add_argument("--progress", choices=["auto", "on", "off"], default="auto",
                   help="progress bar on stderr (auto: when stderr is a terminal and not --quiet)")
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
    import os

    return path != "-" and (path.endswith(("/", os.sep)) or os.path.isdir(path))


def _sibling(path: str, suffix: str) -> str:
    for ext in (".jsonl.gz", ".jsonl.zst", ".jsonl", ".gz", ".zst"):
        if path.endswith(ext):
            return path[: -len(ext)] + suffix + ext
    return path + suffix + ".jsonl"


def _progress(args: argparse.Namespace, files):
    """A tqdm bar over records (total known for plain files: their count)."""
    show = args.progress == "on" or (args.progress == "auto" and not args.quiet and sys.stderr.isatty())
    if not show:
        return None
    from tqdm import tqdm

    total = None
    if all(kind_of(p, args.format) != "jsonl" and p != "-" for p, _ in files):
        total = len(files)
    return tqdm(total=total, unit="rec", file=sys.stderr, dynamic_ncols=True, mininterval=0.5)


def run(args: argparse.Namespace) -> int:
    t0 = time.perf_counter()
    pipeline = build_pipeline(args)
    options = ReadOptions(text_field=args.text_field, id_field=args.id_field, lang_field=args.lang_field,
                          format=args.format, content_format=args.content, encoding=args.encoding)
    files = list(expand(args.paths))
    dir_out = _is_dir_output(args.output)
    if dir_out and any(kind_of(p, args.format) == "jsonl" or p == "-" for p, _ in files):
        raise InputError("a directory output (-o DIR/) takes text and HTML files; write JSONL input "
                         "to a .jsonl file or stdout")

    if dir_out:
        kept_sink = rejected_sink = TreeSink(args.output)
        errors_out = args.errors_out
    else:
        kept_sink = JsonlSink(args.output, text_field=args.text_field, report_field=args.report_field,
                              with_report=not args.no_report, always_create=True)
        rejected_path = args.rejected_out or (_sibling(args.output, ".rejected") if args.output != "-" else None)
        rejected_sink = (JsonlSink(rejected_path, text_field=args.text_field, report_field=args.report_field)
                         if rejected_path else kept_sink)
        errors_out = args.errors_out or (_sibling(args.output, ".errors") if args.output != "-" else None)
    error_sink = ErrorSink(errors_out)

    def items():
        for path, root in files:
            yield from read(path, options, root)

    acct = Accounting()
    jobs = local.default_jobs() if args.jobs == 0 else args.jobs
    seconds = args.time_limit or None
    if args.engine == "dask":
        from cleaner.engines import dask as dask_engine

        outcomes = dask_engine.run(pipeline, items(), scheduler=args.scheduler, jobs=max(jobs, 1),
                                   extractor=args.extractor, seconds=seconds)
    else:
        outcomes = local.run(pipeline, items(), jobs=jobs, extractor=args.extractor, seconds=seconds)
    bar = _progress(args, files)
    from cleaner.stats import CorpusStats

    stats = CorpusStats()
    try:
        for out in outcomes:
            if bar is not None:
                bar.update(1)
                bar.set_postfix_str(f"{acct.chars_in / 1e6 / max(bar.format_dict['elapsed'], 1e-9):.2f} M chars/s",
                                    refresh=False)
            acct.add(out)
            stats.add(out.report if out.status != ERROR else None, out.text)
            if out.status == KEPT:
                kept_sink.write(out)
            elif out.status == DROPPED:
                rejected_sink.write(out)
            elif out.status == ERROR:
                error_sink.write(out)
    finally:
        if bar is not None:
            bar.close()
        for sink in {id(s): s for s in (kept_sink, rejected_sink, error_sink)}.values():
            sink.close()
    elapsed = time.perf_counter() - t0
    if not args.quiet:
        mb = acct.chars_in / 1e6
        print(f"cleaner: {acct.line()} ({elapsed:.2f} s, {mb / elapsed if elapsed else 0:.2f} M chars/s)",
              file=sys.stderr)
    if not args.quiet:
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
