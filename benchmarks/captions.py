"""Caption benchmark on the labelled lines of ``shared/pages/dev/captions.jsonl``.

Scored as ``shared/pages/README.md`` says: clean the whole naive scrape of each page;
a labelled line is "removed" when its normalised text no longer occurs in the
normalised output. Reports the removed share for caption lines that carry a credit
marker, for the other caption lines, and for body lines (lower is better), for
several systems in one run, plus the precision of the captions filter on the seed::

    .venv/bin/python -m benchmarks.captions
    .venv/bin/python -m benchmarks.captions --systems captions --show missed-credit
    .venv/bin/python -m benchmarks.captions --encoding-aware --exclude popsugar.co.uk.halloween
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from benchmarks._scoring import PAGES, norm
from benchmarks.pages import _cut, _justext_text
from benchmarks._scoring import Page

ROOT = Path(__file__).resolve().parents[1]
# what counts as "carries a credit marker" for the split (the README's list)
_MARKER_RE = re.compile(
    r"(?i)\b(?:foto|fotos|photo|photos|photograph\w*|bild|bilder|image|images|imagen|credit\w*|crédit\w*|"
    r"getty|reuters|afp|dpa|ap|epa|efe|ansa|keystone|imago|shutterstock|pixabay|unsplash|pexels|"
    r"picture alliance|xinhua|pti|ani|ians|apa|istock|adobestock|cedida|archiv\w*)\b|©")


def _systems():
    from cleaner import Pipeline, clean

    cap_only = Pipeline.from_config({"filters": ["encoding", "captions", "layout"]})
    return {
        "none": lambda t: t,
        "cut15": lambda t: _cut(15)(Page("", t, "", [], [])),
        "justext-text": lambda t: _justext_text(Page("", t, "", [], [])),
        "captions": lambda t: cap_only(t).text,
        "cleaner": lambda t: clean(t).text,
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--systems", default="none,justext-text,cut15,captions,cleaner")
    ap.add_argument("--encoding-aware", action="store_true",
                    help="count a labelled line as kept when its encoding-repaired form is in the output "
                         "(the README's scoring counts a repaired line as removed)")
    ap.add_argument("--show", choices=["missed-credit", "missed-other", "body-removed"], default=None)
    ap.add_argument("--exclude", default="",
                    help="comma-separated page names to leave out (to see how much one page weighs: "
                         "popsugar.co.uk.halloween holds 148 of the 293 other captions)")
    args = ap.parse_args(argv)
    skip = set(filter(None, args.exclude.split(",")))
    labels = [json.loads(x) for x in (PAGES / "captions.jsonl").read_text(encoding="utf-8").splitlines()]
    labels = [lab for lab in labels if lab["name"] not in skip]
    by_page: dict[str, list[dict]] = defaultdict(list)
    for lab in labels:
        by_page[lab["name"]].append(lab)
    texts = {n: (PAGES / "text" / f"{n}.txt").read_text(encoding="utf-8", errors="replace") for n in by_page}
    groups = {"caption+credit": 0, "other caption": 0, "body": 0}
    for lab in labels:
        groups[_group(lab)] += 1
    print(f"{len(by_page)} pages; labelled lines: " + ", ".join(f"{k} {v}" for k, v in groups.items()) + "\n")
    print("| system | caption+credit removed | other captions removed | body removed (lower is better) | pages/s |")
    print("|---|---|---|---|---|")
    systems = _systems()
    for name in args.systems.split(","):
        fn = systems[name]
        removed = defaultdict(int)
        shown = []
        t0 = time.perf_counter()
        for page, labs in by_page.items():
            try:
                out = norm(fn(texts[page]))
            except Exception:  # noqa: BLE001 - a failing page scores as empty output
                out = ""
            for lab in labs:
                g = _group(lab)
                gone = norm(lab["text"]) not in out
                if gone and args.encoding_aware and name != "none":
                    gone = norm(_fixed(lab["text"])) not in out  # the line is there, with its mojibake repaired
                removed[g] += gone
                want = {"missed-credit": ("caption+credit", False), "missed-other": ("other caption", False),
                        "body-removed": ("body", True)}.get(args.show or "")
                if want and g == want[0] and gone == want[1]:
                    shown.append(f"  {page}:{lab['line']}: {lab['text'][:120]}")
        rate = len(by_page) / (time.perf_counter() - t0)
        cells = [f"{removed[g] / groups[g]:.2f}" for g in groups]
        print(f"| {name} | " + " | ".join(cells) + f" | {rate:.0f} |", flush=True)
        if shown and name == args.systems.split(",")[-1]:
            print("\n".join(shown))
    _seed_precision()


def _fixed(text: str) -> str:
    return _encoding_only()(text).text


@lru_cache(maxsize=1)
def _encoding_only():
    from cleaner import Pipeline

    return Pipeline.from_config({"filters": ["encoding"]})


def _group(lab: dict) -> str:
    if lab["label"] == "body":
        return "body"
    # decide on the encoding-repaired text: "Ã©" (a mojibake é) is not a © sign
    return "caption+credit" if _MARKER_RE.search(_fixed(lab["text"])) else "other caption"


def _seed_precision() -> None:
    """The seed has one caption line (line 3: the lede repeated with "(Representative)")."""
    from cleaner import clean

    seed = next((ROOT / "seeds").glob("*.txt"))
    text = seed.read_text(encoding="utf-8")
    caps = [c for c in clean(text).report.changes if c.code.startswith("CAP")]
    hits = [c for c in caps if "(Representative)" in c.text]
    print(f"\nseed: {len(caps)} caption removal(s), {len(hits)} of them the caption line; "
          f"precision {len(hits) / len(caps) if caps else 0:.2f}, recall {min(len(hits), 1):.2f}")


if __name__ == "__main__":
    main()
