"""Language identification benchmark on ``shared/langid/dev.jsonl``.

Scores, in one run and on the same lines, cleaner's deterministic scorer
(:func:`cleaner.langid.detect`) beside ``langdetect.detect`` (seed 0) as the
README of the data set says: accuracy per ``kind`` (sentences, word pairs),
counting ``zh-cn``/``zh-tw`` as ``zh``; milliseconds per call; the speed ratio;
and whether a second pass in a shuffled order gives the same answers::

    .venv/bin/python -m benchmarks.langid
    .venv/bin/python -m benchmarks.langid --show-errors 20
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter, defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "langid" / "dev.jsonl"


def _langdetect():
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0

    def run(text: str) -> str:
        try:
            lang = detect(text)
        except LangDetectException:
            return "und"
        return {"zh-cn": "zh", "zh-tw": "zh"}.get(lang, lang)

    return run


def _cleaner():
    from cleaner import langid

    langid.detect("warm up the model")
    return lambda text: langid.detect(text).lang


def _score(run, rows):
    hits: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    preds = []
    t0 = time.perf_counter()
    for row in rows:
        preds.append(run(row["text"]))
    elapsed = time.perf_counter() - t0
    for row, pred in zip(rows, preds):
        h = hits[row["kind"]]
        h[0] += pred == row["lang"]
        h[1] += 1
    return preds, {k: v[0] / v[1] for k, v in sorted(hits.items())}, 1000 * elapsed / len(rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--show-errors", type=int, default=0, metavar="N",
                    help="print N of cleaner's errors per kind")
    args = ap.parse_args(argv)
    rows = [json.loads(line) for line in args.data.open(encoding="utf-8")]
    print(f"{len(rows)} lines from {args.data}")

    results = {}
    for name, factory in (("langdetect.detect (seed 0)", _langdetect), ("cleaner.langid.detect", _cleaner)):
        results[name] = _score(factory(), rows)
    kinds = sorted({r["kind"] for r in rows})
    print(f"\n| identifier | {' | '.join(kinds)} | ms/call |")
    print(f"|---|{'---|' * len(kinds)}---|")
    for name, (_, acc, ms) in results.items():
        print(f"| {name} | {' | '.join(f'{acc[k]:.3f}' for k in kinds)} | {ms:.3f} |")
    (_, _, ms_ld), (preds, _, ms_cl) = results.values()
    print(f"\nspeed-up per call: {ms_ld / ms_cl:.1f}x")

    shuffled = list(range(len(rows)))
    random.Random(1).shuffle(shuffled)
    run = _cleaner()
    again = {i: run(rows[i]["text"]) for i in shuffled}
    same = sum(again[i] == preds[i] for i in range(len(rows)))
    print(f"deterministic: {same}/{len(rows)} identical answers on a second pass in shuffled order")

    if args.show_errors:
        for kind in kinds:
            errs = [(r, p) for r, p in zip(rows, preds) if r["kind"] == kind and p != r["lang"]]
            confusion = Counter(f"{r['lang']}->{p}" for r, p in errs)
            print(f"\n{kind}: {len(errs)} errors; most common: {confusion.most_common(12)}")
            for r, p in errs[: args.show_errors]:
                print(f"  {r['lang']}->{p}: {r['text'][:100]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
