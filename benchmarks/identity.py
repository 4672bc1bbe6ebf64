"""Byte-identity check for speed work: dump, then compare, every output.

Cleans the 436 web-sample records, the dev pages' text scrapes and their HTML
(``format="html"``) and stores, per document, the clean text and the report
without its timing. A change meant to be output-neutral must give
``0 of N outputs differ``::

    python -m benchmarks.identity dump before.json      # on the old tree
    python -m benchmarks.identity dump after.json       # on the new tree
    python -m benchmarks.identity diff before.json after.json

Reads ``$CLEANER_SHARED`` (default ``../shared``); exits 1 when outputs differ.
"""

from __future__ import annotations

import argparse
import json
import sys

from benchmarks._scoring import SHARED


def _entry(result) -> list:
    report = result.report.to_dict()
    report.pop("timing", None)
    return [result.text, report]


def dump(path: str) -> int:
    from cleaner import clean

    out = {}
    with open(SHARED / "corpus" / "web-sample.jsonl", encoding="utf-8") as f:
        for i, line in enumerate(f):
            out[f"web:{i}"] = _entry(clean(json.loads(line)["text"]))
    for p in sorted((SHARED / "pages" / "dev" / "text").glob("*.txt")):
        out[f"txt:{p.name}"] = _entry(clean(p.read_text(encoding="utf-8", errors="surrogateescape")))
    for p in sorted((SHARED / "pages" / "dev" / "html").glob("*.html")):
        out[f"html:{p.name}"] = _entry(clean(p.read_text(encoding="utf-8", errors="replace"), format="html"))
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, sort_keys=True, default=str)
    print(f"{len(out)} outputs written to {path}")
    return 0


def diff(a_path: str, b_path: str) -> int:
    with open(a_path, encoding="utf-8") as f:
        a = json.load(f)
    with open(b_path, encoding="utf-8") as f:
        b = json.load(f)
    keys = sorted(set(a) | set(b))
    changed = [k for k in keys if a.get(k) != b.get(k)]
    print(f"{len(changed)} of {len(keys)} outputs differ")
    for k in changed[:50]:
        print(" ", k)
    return 1 if changed else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("dump").add_argument("out")
    d = sub.add_parser("diff")
    d.add_argument("a")
    d.add_argument("b")
    args = ap.parse_args(argv)
    return dump(args.out) if args.cmd == "dump" else diff(args.a, args.b)


if __name__ == "__main__":
    sys.exit(main())
