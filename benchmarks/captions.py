"""Caption benchmark on the labelled lines of ``shared/pages/dev/captions.jsonl``.

Scored as ``shared/pages/README.md`` says: clean the whole naive scrape of each page;
a labelled line is "removed" when its normalised text no longer occurs in the
normalised output. Reports the removed share for caption lines that carry a credit
marker, for the other caption lines, and for body lines (lower is better), for
several systems in one run, plus the precision of the captions filter on the seed::

    .venv/bin/python -m benchmarks.captions
    .venv/bin/python -m benchmarks.captions --systems captions --show missed-credit
    .venv/bin/python -m benchmarks.captions --encoding-aware --exclude popsugar.co.uk.halloween
    .venv/bin/python -m benchmarks.captions --systems justext-html,trafilatura-html,cleaner-html

Systems ending in ``-html`` read the page's saved HTML instead of its naive scrape
(same labels, same scoring).
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
from benchmarks.pages import _cut, _justext_html, _justext_text, _trafilatura_html
from benchmarks._scoring import Page

ROOT = Path(__file__).resolve().parents[1]
# what counts as "carries a credit marker" for the split (the README's list)
_MARKER_RE = re.compile(
    r"(?i)\b(?:foto|fotos|photo|photos|photograph\w*|bild|bilder|image|images|imagen|credit\w*|crédit\w*|"
    r"getty|reuters|afp|dpa|ap|epa|efe|ansa|keystone|imago|shutterstock|pixabay|unsplash|pexels|"
    r"picture alliance|xinhua|pti|ani|ians|apa|istock|adobestock|cedida|archiv\w*)\b|©")


def _systems(options: dict | None = None):
    from cleaner import Pipeline
    from cleaner.extract import extract_document

    extra = {"captions": options} if options else {}
    cap_only = Pipeline.from_config({"filters": ["encoding", "captions", "layout"], **extra})
    full = Pipeline.from_config(extra)
    return {
        "none": lambda t: t,
        "cut15": lambda t: _cut(15)(Page("", t, "", [], [])),
        "justext-text": lambda t: _justext_text(Page("", t, "", [], [])),
        "captions": lambda t: cap_only(t).text,
        "cleaner": lambda t: full(t).text,
        # HTML input (the page's .html instead of its naive scrape): the same labels, scored the same way
        "justext-html": lambda h: _justext_html(Page("", "", h, [], [])),
        "trafilatura-html": lambda h: _trafilatura_html(Page("", "", h, [], [])),
        "cleaner-html": lambda h: full(extract_document(h)).text,
        "cleaner-trafilatura-html": lambda h: full(extract_document(h, extractor="trafilatura")).text,
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
    ap.add_argument("--options", default="",
                    help='captions filter options as JSON, for trade-off runs: \'{"position_max_words": 15}\'')
    ap.add_argument("--rejected", action="store_true",
                    help="tally what position rules that are NOT in the filter would select (see docs/captions.md)")
    args = ap.parse_args(argv)
    if args.rejected:
        _rejected()
        return
    skip = set(filter(None, args.exclude.split(",")))
    labels = [json.loads(x) for x in (PAGES / "captions.jsonl").read_text(encoding="utf-8").splitlines()]
    labels = [lab for lab in labels if lab["name"] not in skip]
    by_page: dict[str, list[dict]] = defaultdict(list)
    for lab in labels:
        by_page[lab["name"]].append(lab)
    texts = {n: (PAGES / "text" / f"{n}.txt").read_text(encoding="utf-8", errors="replace") for n in by_page}
    htmls = {n: (PAGES / "html" / f"{n}.html").read_bytes().decode("utf-8", errors="replace") for n in by_page}
    groups = {"caption+credit": 0, "other caption": 0, "body": 0}
    for lab in labels:
        groups[_group(lab)] += 1
    print(f"{len(by_page)} pages; labelled lines: " + ", ".join(f"{k} {v}" for k, v in groups.items()) + "\n")
    print("| system | caption+credit removed | other captions removed | body removed (lower is better) | pages/s |")
    print("|---|---|---|---|---|")
    systems = _systems(json.loads(args.options) if args.options else None)
    for name in args.systems.split(","):
        fn = systems[name]
        removed = defaultdict(int)
        shown = []
        t0 = time.perf_counter()
        for page, labs in by_page.items():
            try:
                out = norm(fn(htmls[page] if name.endswith("-html") else texts[page]))
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
        cells = [f"{removed[g] / groups[g]:.2f} ({removed[g]})" for g in groups]
        print(f"| {name} | " + " | ".join(cells) + f" | {rate:.0f} |", flush=True)
        if shown and name == args.systems.split(",")[-1]:
            print("\n".join(shown))
    _seed_precision()


def _rejected() -> None:
    """Position rules tried and left out, measured on the naive scrapes of all dev pages: the lines each
    would select (those the captions filter does not already remove), by label — other caption, body,
    a line holding a must-keep snippet of ``labels.jsonl`` ("with"), or unlabelled."""
    from cleaner import Pipeline
    from cleaner.filters.captions import _caption_shaped, _image_credit, find_credit
    from cleaner.text import WORD_RE

    labs = {(x["name"], x["line"]): x for x in map(json.loads, (PAGES / "captions.jsonl").open(encoding="utf-8"))}
    withs = {}
    for line in (PAGES / "labels.jsonl").open(encoding="utf-8"):
        d = json.loads(line)
        withs[d["name"]] = [w for w in map(norm, d["with"]) if len(w) > 15]
    cap_only = Pipeline.from_config({"filters": ["encoding", "captions", "layout"]})

    def credit_line(line: str) -> bool:
        return find_credit(line) == 0 and _image_credit(line.strip())

    def shaped(line: str, w: int, period: bool = True) -> bool:
        return _caption_shaped(line, w, period=period, one_sentence=True)

    ideas = {
        "one sentence (<=20 words) between two paragraphs of >=40 words":
            lambda L, n, k: n[k - 1] >= 40 and n[k + 1] >= 40 and shaped(L[k], 20),
        "one sentence (<=25 words) between two paragraphs of >=30 words":
            lambda L, n, k: n[k - 1] >= 30 and n[k + 1] >= 30 and shaped(L[k], 25),
        "a short line (<=25 words, one sentence) right after an image credit":
            lambda L, n, k: credit_line(L[k - 1]) and shaped(L[k], 25, period=False),
        "two or more sentences (<=20 words each) in a row between paragraphs of >=40 words":
            lambda L, n, k: _in_run(L, n, k, 40, 20, shaped),
        "two or more sentences (<=25 words each) in a row between paragraphs of >=25 words":
            lambda L, n, k: _in_run(L, n, k, 25, 25, shaped),
    }
    tallies = {idea: defaultdict(int) for idea in ideas}
    for path in sorted((PAGES / "text").glob("*.txt")):
        name = path.stem
        raw = path.read_text(encoding="utf-8", errors="replace").split("\n")
        kept = norm(cap_only("\n".join(raw)).text)
        idx = [i for i, x in enumerate(raw) if x.strip()]
        L = [raw[i] for i in idx]
        n = [len(WORD_RE.findall(x)) for x in L]
        for k in range(1, len(L) - 1):
            if find_credit(L[k]) is not None or norm(L[k]) not in kept:
                continue
            for idea, rule in ideas.items():
                if rule(L, n, k):
                    lab = labs.get((name, idx[k]))
                    tag = (_group(lab) if lab else
                           "with" if any(w in norm(L[k]) for w in withs.get(name, ())) else "unlabelled")
                    tallies[idea][tag] += 1
    print("| rule (not in the filter) | other caption | caption+credit | body | with | unlabelled |")
    print("|---|---|---|---|---|---|")
    for idea, t in tallies.items():
        print(f"| {idea} | " + " | ".join(str(t[g]) for g in
                                          ("other caption", "caption+credit", "body", "with", "unlabelled")) + " |")


def _in_run(L, n, k, long_words, max_words, shaped) -> bool:
    """Line k is in a run of 2+ caption-shaped sentences bounded by long paragraphs."""
    if not shaped(L[k], max_words):
        return False
    a = k
    while a - 1 >= 0 and shaped(L[a - 1], max_words):
        a -= 1
    b = k
    while b + 1 < len(L) and shaped(L[b + 1], max_words):
        b += 1
    return b > a and a >= 1 and b + 1 < len(L) and n[a - 1] >= long_words and n[b + 1] >= long_words


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
