"""``cleaner stats``: corpus statistics of ``cleaner clean`` output.

Reads JSONL files written by ``cleaner clean`` (the report in the ``cleaner``
field; .gz and .zst too; ``-`` is stdin), prints a summary and writes the full
statistics as JSON and as a self-contained HTML page::

    cleaner stats out/kept.jsonl out/dropped.jsonl --json stats.json --html stats.html
"""

from __future__ import annotations

import argparse
import io
import sys

from cleaner.errors import CleanerError
from cleaner.stats import CorpusStats, read_reports

COMMAND = "stats"
ORDER = 40
HELP = "corpus statistics (kept/dropped, drop reasons, languages, removed characters) of clean output"
DESCRIPTION = __doc__


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="OUT.jsonl", help="output of `cleaner clean` (.gz/.zst; - = stdin)")
    p.add_argument("--json", metavar="FILE", help="write the statistics as JSON (- = stdout)")
    p.add_argument("--html", metavar="FILE", help="write a self-contained HTML page with plots")
    p.add_argument("--report-field", default="cleaner", help="field holding the report (default: cleaner)")
    p.add_argument("--text-field", default="text", help="field holding the clean text (default: text)")
    p.add_argument("--top", type=int, default=25, help="entries in ranked lists (default: 25)")
    p.add_argument("--title", default="cleaner corpus statistics", help="title of the HTML page")


def collect(paths: list[str], report_field: str = "cleaner", text_field: str = "text") -> CorpusStats:
    """Statistics over every record of ``paths``."""
    from cleaner.io.records import open_binary

    stats = CorpusStats()
    for path in paths:
        try:
            raw = open_binary(path)
        except OSError as exc:
            raise CleanerError(f"{path}: cannot read: {exc.strerror or exc}") from exc
        with io.TextIOWrapper(raw, encoding="utf-8", errors="surrogateescape") as fh:
            for report, text in read_reports(fh, report_field, text_field):
                stats.add(report, text=text)
    return stats


def run(args: argparse.Namespace) -> int:
    stats = collect(args.paths, args.report_field, args.text_field)
    if args.json == "-":
        sys.stdout.write(stats.to_json(args.top))
    else:
        for line in stats.summary_lines():
            print(line)
    for path, content in ((args.json, lambda: stats.to_json(args.top)),
                          (args.html, lambda: stats.to_html(args.title, args.top))):
        if path and path != "-":
            try:
                with open(path, "w", encoding="utf-8") as fh:
                    fh.write(content())
            except OSError as exc:
                raise CleanerError(f"{path}: cannot write: {exc.strerror or exc}") from exc
            print(f"wrote {path}", file=sys.stderr)
    return 0
