"""Agreement of cleaner's quality rule sets with datatrove's filters, and speed.

Runs datatrove's GopherQuality, GopherRepetition, C4Quality and FineWebQuality
filters and cleaner's ``quality`` filter (rule sets ``gopher``, ``c4``,
``c4-datatrove``, ``fineweb``, configured like datatrove: English stop words) on
the same documents, in one process, and prints per rule set the agreement of the
keep/drop decisions and both throughputs (one process = one core)::

    .venv/bin/python -m benchmarks.quality_agreement
    .venv/bin/python -m benchmarks.quality_agreement --repeat 3 --show 20

datatrove is not a dependency of cleaner. With ``language="en"`` its filters need
spaCy (and nltk, regex), which it does not declare: ``pip install datatrove spacy nltk``.
Its C4 filter deletes lines from the Document it is given, so every datatrove
filter gets a fresh Document.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "web-sample.jsonl"
RULESETS = ("gopher-quality", "gopher-repetition", "gopher", "c4", "c4-datatrove", "fineweb")


def load(path: Path) -> list[tuple[str, str]]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            rec = json.loads(line)
            out.append((str(rec.get("id", i)), rec["text"]))
    return out


def datatrove_filters() -> dict[str, list]:
    """datatrove's filters per rule set (C4 reference: its C4 filter with the
    reference code's 5 words per line and 3 sentences; its end marks still accept ``'``)."""
    from datatrove.pipeline.filters import (C4QualityFilter, FineWebQualityFilter, GopherQualityFilter,
                                            GopherRepetitionFilter)

    gq, gr = GopherQualityFilter(), GopherRepetitionFilter()
    return {
        "gopher-quality": [gq],
        "gopher-repetition": [gr],
        "gopher": [gq, gr],
        "c4": [C4QualityFilter(min_words_per_line=5, min_num_sentences=3)],
        "c4-datatrove": [C4QualityFilter()],
        "fineweb": [FineWebQualityFilter()],
    }


def run_datatrove(docs: list[tuple[str, str]]) -> tuple[dict[str, list[tuple[bool, str]]], float]:
    """Decisions per rule set, and the seconds the four filters took (the C4
    reference variant and the combined ``gopher`` set are not timed twice)."""
    from datatrove.data import Document

    filters = datatrove_filters()
    decisions: dict[str, list[tuple[bool, str]]] = {rs: [] for rs in filters}
    timed = ("gopher-quality", "gopher-repetition", "c4-datatrove", "fineweb")
    elapsed = 0.0
    for doc_id, text in docs:
        single: dict[str, tuple[bool, str]] = {}
        for rs in ("gopher-quality", "gopher-repetition", "c4", "c4-datatrove", "fineweb"):
            f = filters[rs][0]
            t0 = time.perf_counter()
            out = f.filter(Document(text=text, id=doc_id))
            dt = time.perf_counter() - t0
            if rs in timed:
                elapsed += dt
            keep = out if isinstance(out, bool) else bool(out[0])
            single[rs] = (keep, "" if keep else (out[1] if isinstance(out, tuple) else "drop"))
        g = single["gopher-quality"] if not single["gopher-quality"][0] else single["gopher-repetition"]
        single["gopher"] = g
        for rs in filters:
            decisions[rs].append(single[rs])
    return decisions, elapsed


def run_cleaner(docs: list[tuple[str, str]]) -> tuple[dict[str, list[tuple[bool, str]]], float]:
    from cleaner import Pipeline
    from cleaner.filters.quality import Quality, rule_table

    sets = rule_table()["rulesets"]
    pipe = Pipeline([Quality(rulesets=("gopher", "c4", "c4-datatrove", "fineweb"), language="en")])
    decisions: dict[str, list[tuple[bool, str]]] = {rs: [] for rs in RULESETS}
    t0 = time.perf_counter()
    reports = [pipe(text, id=doc_id).report for doc_id, text in docs]
    elapsed = time.perf_counter() - t0
    for rep in reports:
        failed = [c.code for c in rep.verdict.reasons]
        for rs in RULESETS:
            mine = [c for c in failed if c in sets[rs]]
            decisions[rs].append((not mine, ",".join(mine)))
    return decisions, elapsed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", default=str(CORPUS))
    ap.add_argument("--repeat", type=int, default=1, help="time this many passes (agreement: first pass)")
    ap.add_argument("--show", type=int, default=10, help="disagreements to list per rule set")
    args = ap.parse_args(argv)
    docs = load(Path(args.corpus))
    mb = sum(len(t.encode("utf-8")) for _, t in docs) / 1e6
    dt_time = cl_time = 0.0
    for i in range(args.repeat):
        d_dec, d_t = run_datatrove(docs)
        c_dec, c_t = run_cleaner(docs)
        dt_time += d_t
        cl_time += c_t
        if i == 0:
            first_d, first_c = d_dec, c_dec
    n = len(docs)
    print(f"{n} documents, {mb:.2f} MB, {args.repeat} pass(es), one process (per core)")
    print(f"{'rule set':18} {'agree':>7} {'dt keep':>8} {'cl keep':>8} {'dt only':>8} {'cl only':>8}")
    for rs in RULESETS:
        d, c = first_d[rs], first_c[rs]
        agree = sum(1 for a, b in zip(d, c) if a[0] == b[0])
        print(f"{rs:18} {agree / n:7.2%} {sum(a[0] for a in d):8} {sum(b[0] for b in c):8} "
              f"{sum(1 for a, b in zip(d, c) if a[0] and not b[0]):8} "
              f"{sum(1 for a, b in zip(d, c) if b[0] and not a[0]):8}")
    passes = args.repeat
    print(f"datatrove (4 filters): {dt_time:.2f} s  {n * passes / dt_time:8.1f} docs/s  "
          f"{mb * passes / dt_time:.2f} MB/s")
    print(f"cleaner quality:       {cl_time:.2f} s  {n * passes / cl_time:8.1f} docs/s  "
          f"{mb * passes / cl_time:.2f} MB/s")
    print(f"speed-up: {dt_time / cl_time:.1f}x")
    if args.show:
        for rs in RULESETS:
            rows = [(docs[i][0], a, b) for i, (a, b) in enumerate(zip(first_d[rs], first_c[rs])) if a[0] != b[0]]
            for doc_id, a, b in rows[:args.show]:
                print(f"  {rs}: {doc_id}: datatrove {'keep' if a[0] else 'drop ' + a[1]}; "
                      f"cleaner {'keep' if b[0] else 'drop ' + b[1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
