"""Throughput on the shared web sample: MB/s and docs/s on one core, side by side.

Rows, in one run on the same documents (``shared/corpus/web-sample.jsonl``, repeated
``--repeat`` times):

(a) JSONL read + write only (orjson-free stdlib json; the floor),
(b) cleaner's default pipeline,
(c) cleaner without language identification and jusText (heuristic path:
    encoding + captions + boilerplate phrases/glued trims + layout + quality),
(d) datatrove's comparable steps, if installed: FTFY formatter + Gopher quality +
    Gopher repetition + C4 quality + FineWeb quality filters,

and the ratios between them, this process's peak memory, and where the time of
(b) goes (CPU seconds per filter, and for the report and the JSON output).
With ``--cli K``, also ``cleaner clean`` itself over the sample repeated K times
(a file on disk), with ``--jobs 1`` and with every core: wall MB/s, the speed-up,
and the main process's own CPU time (what it costs to feed the workers). The
copies are the same documents, so the filters' per-line and per-word memos make
the later ones cheaper: those MB/s are above row (b)'s; the speed-up and the main
process's share are the figures to read.
Each row is timed as wall time and as this process's CPU time: on a machine
shared with other work the CPU column is the steadier one::

    .venv/bin/python -m benchmarks.throughput
"""

from __future__ import annotations

import argparse
import json
import resource
import time

from benchmarks._scoring import SHARED


def _docs(repeat: int) -> list[str]:
    lines = (SHARED / "corpus" / "web-sample.jsonl").read_text(encoding="utf-8").splitlines()
    return lines * repeat


def run_floor(lines):
    out = []
    for ln in lines:
        obj = json.loads(ln)
        out.append(json.dumps(obj, ensure_ascii=False))
    return out


def run_cleaner(lines, pipe):
    for ln in lines:
        obj = json.loads(ln)
        r = pipe(obj["text"])
        obj["text"] = r.text
        obj["cleaner"] = r.report.to_dict()
        json.dumps(obj, ensure_ascii=False)


def run_datatrove(lines):
    from datatrove.data import Document
    from datatrove.pipeline.filters import (C4QualityFilter, FineWebQualityFilter, GopherQualityFilter,
                                            GopherRepetitionFilter)
    from datatrove.pipeline.formatters import FTFYFormatter

    fmt = FTFYFormatter()
    filters = [GopherQualityFilter(), GopherRepetitionFilter(), C4QualityFilter(), FineWebQualityFilter()]
    for i, ln in enumerate(lines):
        obj = json.loads(ln)
        doc = Document(text=obj["text"], id=str(i))
        doc.text = fmt.format(doc.text)
        for f in filters:
            res = f.filter(Document(text=doc.text, id=str(i)))
            if not (res[0] if isinstance(res, tuple) else res):
                break
        json.dumps({"text": doc.text, "id": obj.get("id")}, ensure_ascii=False)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--cli", type=int, default=0, metavar="K",
                    help="also time `cleaner clean` over the sample repeated K times, --jobs 1 and all cores")
    args = ap.parse_args(argv)
    from cleaner import Pipeline, default_pipeline

    lines = _docs(args.repeat)
    mb = sum(len(json.loads(x)["text"].encode("utf-8")) for x in lines) / 1e6
    n = len(lines)
    heuristic = Pipeline.from_config({"filters": ["encoding", "captions", "boilerplate", "layout", "quality"],
                                      "boilerplate": {"classifier": False, "context": False}})
    rows = []

    def timed(name, fn):
        fn(lines[:20])  # warm-up: imports, compiled patterns, profiles
        t0, c0 = time.perf_counter(), time.process_time()
        fn(lines)
        dt, cpu = time.perf_counter() - t0, time.process_time() - c0
        rows.append((name, dt))
        print(f"| {name} | {mb / dt:.2f} | {n / dt:.0f} | {mb / cpu:.2f} |", flush=True)

    print(f"{n} documents, {mb:.1f} MB of text, one process (one core)\n")
    print("| step | MB/s | docs/s | MB/s of CPU time |")
    print("|---|---|---|---|")
    timed("(a) JSONL read + write only", run_floor)
    timed("(b) cleaner, default pipeline", lambda ls: run_cleaner(ls, default_pipeline()))
    timed("(c) cleaner without language ID and jusText", lambda ls: run_cleaner(ls, heuristic))
    try:
        import datatrove  # noqa: F401
        timed("(d) datatrove: FTFY + Gopher + C4 + FineWeb filters", run_datatrove)
    except ImportError:
        print("| (d) datatrove | not installed | |")
    t = dict(rows)
    print()
    if "(d) datatrove: FTFY + Gopher + C4 + FineWeb filters" in t:
        d = t["(d) datatrove: FTFY + Gopher + C4 + FineWeb filters"]
        print(f"(c) is {d / t['(c) cleaner without language ID and jusText']:.1f}x faster than (d); "
              f"(b) is {d / t['(b) cleaner, default pipeline']:.1f}x the speed of (d)")
    print(f"peak memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    print()
    shares = filter_shares(lines, default_pipeline())
    total = sum(shares.values())
    print(f"(b) CPU time by step, {total:.2f} s in all:\n")
    print("| step | CPU s | share |")
    print("|---|---|---|")
    for name, sec in sorted(shares.items(), key=lambda kv: -kv[1]):
        print(f"| {name} | {sec:.2f} | {sec / total:.0%} |")
    if args.cli:
        run_cli(args.cli)


def run_cli(repeat: int) -> None:
    """``cleaner clean`` on a file of the sample repeated ``repeat`` times, with one
    worker and with all cores; the main process's CPU from ``os.wait4``."""
    import os
    import subprocess
    import sys
    import tempfile

    from cleaner.engines.local import default_jobs

    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "in.jsonl")
        with open(src, "w", encoding="utf-8") as fh:
            for ln in _docs(repeat):
                fh.write(ln + "\n")
        mb = os.path.getsize(src) / 1e6
        print(f"\n`cleaner clean` over the sample x{repeat} ({mb:.1f} MB of JSONL), output JSONL with reports:\n")
        print("| --jobs | wall s | MB/s (wall) | speed-up | main process CPU s | main process CPU s per MB |")
        print("|---|---|---|---|---|---|")
        base = None
        for jobs in sorted({1, default_jobs()}):
            out = os.path.join(tmp, f"out{jobs}")
            t0 = time.perf_counter()
            proc = subprocess.Popen([sys.executable, "-m", "cleaner", "clean", src, "-o", f"{out}/", "--quiet",
                                     "--jobs", str(jobs)])
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - t0
            if os.waitstatus_to_exitcode(status) not in (0, 1):
                print(f"| {jobs} | failed ({status}) | | | | |")
                continue
            base = base or wall
            cpu = usage.ru_utime + usage.ru_stime
            print(f"| {jobs} | {wall:.1f} | {mb / wall:.2f} | {base / wall:.2f}x | {cpu:.2f} | {cpu / mb:.3f} |",
                  flush=True)


def filter_shares(lines, pipe) -> dict[str, float]:
    """CPU seconds of each filter of ``pipe`` (finding and applying its findings),
    and of reading the record, building the report and writing the JSON."""
    from cleaner.document import Document
    from cleaner.report import Report

    clock = time.process_time
    out = {f.name: 0.0 for f in pipe.filters}
    out["JSON in, report and JSON out"] = 0.0
    for ln in lines:
        t0 = clock()
        obj = json.loads(ln)
        doc = Document(obj["text"])
        out["JSON in, report and JSON out"] += clock() - t0
        for f in pipe.filters:
            t0 = clock()
            doc.apply(f.name, list(f.find(doc)))
            out[f.name] += clock() - t0
        t0 = clock()
        obj["text"] = doc.text
        obj["cleaner"] = Report.from_document(doc, pipe.names).to_dict()
        json.dumps(obj, ensure_ascii=False)
        out["JSON in, report and JSON out"] += clock() - t0
    return out


if __name__ == "__main__":
    main()
