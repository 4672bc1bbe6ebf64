"""Agreement of cleaner's quality rule sets with datatrove's filters, and speed.

On ``shared/corpus/web-sample.jsonl`` (the raw texts, no other cleaning), runs
datatrove's GopherQualityFilter, GopherRepetitionFilter, C4QualityFilter and
FineWebQualityFilter (each on a fresh Document: the C4 filter edits the text it is
given) and cleaner's ``quality`` filter with the rule set configured like each
(``gopher-quality``, ``gopher-repetition``, ``c4-datatrove``, ``fineweb``; English
stop words, as datatrove's default), and prints the share of documents where the
keep/drop decisions agree, the disagreements, and both throughputs::

    .venv/bin/python -m benchmarks.quality
    .venv/bin/python -m benchmarks.quality --show 5     # print some disagreements
"""

from __future__ import annotations

import argparse
import json
import time

from benchmarks._scoring import SHARED

PAIRS = [
    ("gopher-quality", "GopherQualityFilter"),
    ("gopher-repetition", "GopherRepetitionFilter"),
    ("c4-datatrove", "C4QualityFilter"),
    ("fineweb", "FineWebQualityFilter"),
]


def _datatrove_filters():
    from datatrove.pipeline.filters import (C4QualityFilter, FineWebQualityFilter, GopherQualityFilter,
                                            GopherRepetitionFilter)

    return {"GopherQualityFilter": GopherQualityFilter(), "GopherRepetitionFilter": GopherRepetitionFilter(),
            "C4QualityFilter": C4QualityFilter(), "FineWebQualityFilter": FineWebQualityFilter()}


def _dt_keep(flt, text: str, i: int) -> bool:
    from datatrove.data import Document

    res = flt.filter(Document(text=text, id=str(i)))
    return bool(res[0]) if isinstance(res, tuple) else bool(res)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(SHARED / "corpus" / "web-sample.jsonl"))
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args(argv)
    from cleaner import Pipeline
    from cleaner.filters.quality import Quality

    docs = [json.loads(x)["text"] for x in open(args.corpus, encoding="utf-8")]
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    try:
        dt = _datatrove_filters()
    except ImportError:
        raise SystemExit("datatrove is not installed: pip install 'cleaner[bench]'")
    print(f"{len(docs)} documents, {mb:.1f} MB\n")
    print("| rule set | datatrove filter | agreement | both keep | both drop | only datatrove drops | "
          "only cleaner drops |")
    print("|---|---|---|---|---|---|---|")
    dt_time = cl_time = 0.0
    for ruleset, dt_name in PAIRS:
        pipe = Pipeline([Quality(rulesets=(ruleset,), language="en")])
        t0 = time.perf_counter()
        dt_keep = [_dt_keep(dt[dt_name], d, i) for i, d in enumerate(docs)]
        dt_time += time.perf_counter() - t0
        t0 = time.perf_counter()
        cl_keep = [pipe(d).report.verdict.keep for d in docs]
        cl_time += time.perf_counter() - t0
        agree = sum(a == b for a, b in zip(dt_keep, cl_keep))
        both_keep = sum(a and b for a, b in zip(dt_keep, cl_keep))
        both_drop = sum((not a) and (not b) for a, b in zip(dt_keep, cl_keep))
        only_dt = sum((not a) and b for a, b in zip(dt_keep, cl_keep))
        only_cl = sum(a and (not b) for a, b in zip(dt_keep, cl_keep))
        print(f"| {ruleset} | {dt_name} | {agree / len(docs):.3f} | {both_keep} | {both_drop} | {only_dt} | "
              f"{only_cl} |", flush=True)
        if args.show:
            diffs = [i for i, (a, b) in enumerate(zip(dt_keep, cl_keep)) if a != b][: args.show]
            for i in diffs:
                r = pipe(docs[i]).report
                print(f"    doc {i}: datatrove keep={dt_keep[i]}, cleaner keep={cl_keep[i]} "
                      f"{[x.reason for x in r.verdict.reasons]}")
    # one pass of cleaner with all four rule sets, as it runs in a pipeline
    allq = Pipeline([Quality(rulesets=tuple(r for r, _ in PAIRS), language="en")])
    t0 = time.perf_counter()
    for d in docs:
        allq(d)
    one_pass = time.perf_counter() - t0
    print(f"\ndatatrove, 4 filters: {dt_time:.2f} s ({mb / dt_time:.2f} MB/s, {len(docs) / dt_time:.0f} docs/s)")
    print(f"cleaner, 4 rule sets run separately: {cl_time:.2f} s ({mb / cl_time:.2f} MB/s)")
    print(f"cleaner, 4 rule sets in one pass: {one_pass:.2f} s ({mb / one_pass:.2f} MB/s, "
          f"{len(docs) / one_pass:.0f} docs/s); speed-up over datatrove {dt_time / one_pass:.1f}x")


if __name__ == "__main__":
    main()
