"""Boilerplate benchmark on the labelled real pages of ``shared/pages/dev``.

Runs every system on the same pages in one process and prints kept, removed,
harmonic mean and pages/s, scored as ``shared/pages/README.md`` says (see
``_scoring.py``)::

    .venv/bin/python -m benchmarks.pages                # all systems
    .venv/bin/python -m benchmarks.pages --systems cleaner-text,justext-text
    .venv/bin/python -m benchmarks.pages --worst 10     # pages where the last system loses most
    .venv/bin/python -m benchmarks.pages --halves       # also even/odd pages apart (kept/removed/hmean)

Systems: ``none``, ``cut10``/``cut15`` (keep lines of N+ words), ``justext-text``
(jusText on paragraphs made from lines, all stoplists), ``justext-html``,
``trafilatura-html`` (if installed), ``cleaner-text`` (the default pipeline),
``boilerplate-text`` (encoding + language + boilerplate + layout only),
``cleaner-html`` (jusText extraction + default pipeline), ``cleaner-html-trafilatura``.
"""

from __future__ import annotations

import argparse
import html as html_mod
import time
from functools import lru_cache
from typing import Callable

from benchmarks._scoring import Page, Score, load_pages


@lru_cache(maxsize=1)
def _all_stoplists() -> frozenset[str]:
    import justext

    return frozenset().union(*(justext.get_stoplist(n) for n in justext.get_stoplists()))


def _none(p: Page) -> str:
    return p.text


def _cut(n: int) -> Callable[[Page], str]:
    def run(p: Page) -> str:
        return "\n".join(ln for ln in p.text.splitlines() if len(ln.split()) >= n)
    return run


def _justext_text(p: Page) -> str:
    import justext

    body = "".join(f"<p>{html_mod.escape(ln)}</p>" for ln in p.text.splitlines() if ln.strip())
    paras = justext.justext(f"<html><body>{body}</body></html>", _all_stoplists())
    return "\n".join(x.text for x in paras if not x.is_boilerplate)


def _justext_html(p: Page) -> str:
    import justext

    paras = justext.justext(p.html.encode("utf-8"), _all_stoplists(), encoding="utf-8")
    return "\n".join(x.text for x in paras if not x.is_boilerplate)


def _trafilatura_html(p: Page) -> str:
    import trafilatura

    return trafilatura.extract(p.html) or ""


def _cleaner_text(p: Page) -> str:
    from cleaner import clean

    return clean(p.text).text


def _boilerplate_text(p: Page) -> str:
    return _bp_pipeline()(p.text).text


@lru_cache(maxsize=1)
def _bp_pipeline():
    from cleaner import Pipeline

    return Pipeline.from_config({"filters": ["encoding", "language", "boilerplate", "layout"]})


def _cleaner_html(p: Page) -> str:
    from cleaner import clean

    return clean(p.html, format="html").text


def _cleaner_html_traf(p: Page) -> str:
    from cleaner import default_pipeline
    from cleaner.extract import extract_document

    return default_pipeline()(extract_document(p.html, extractor="trafilatura")).text


SYSTEMS: dict[str, tuple[str, str, Callable[[Page], str]]] = {
    "none": ("no cleaning", "text", _none),
    "cut10": ("keep only lines of 10+ words", "text", _cut(10)),
    "cut15": ("keep only lines of 15+ words", "text", _cut(15)),
    "justext-text": ("jusText, paragraphs from lines, all stoplists", "text", _justext_text),
    "boilerplate-text": ("cleaner: encoding+language+boilerplate+layout", "text", _boilerplate_text),
    "cleaner-text": ("cleaner, default pipeline", "text", _cleaner_text),
    "justext-html": ("jusText, all stoplists", "html", _justext_html),
    "trafilatura-html": ("trafilatura, defaults", "html", _trafilatura_html),
    "cleaner-html": ("cleaner, jusText extraction + default pipeline", "html", _cleaner_html),
    "cleaner-html-trafilatura": ("cleaner, trafilatura extraction + default pipeline", "html",
                                 _cleaner_html_traf),
}


def _available(name: str) -> bool:
    if "trafilatura" in name:
        try:
            import trafilatura  # noqa: F401
        except ImportError:
            return False
    return True


def run(system: str, pages: list[Page]) -> tuple[Score, float, list[tuple[str, Score]]]:
    fn = SYSTEMS[system][2]
    total = Score()
    per_page = []
    fn(pages[0])  # warm up: imports, stoplists, compiled patterns
    t0 = time.perf_counter()
    for p in pages:
        try:
            out = fn(p)
        except Exception as exc:  # noqa: BLE001 - a failing page scores as empty output
            out = ""
            total.failures.append(f"{p.name}: {type(exc).__name__}: {exc}")
        total.add(p, out)
        s = Score()
        s.add(p, out)
        per_page.append((p.name, s))
    return total, time.perf_counter() - t0, per_page


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--systems", default=",".join(SYSTEMS))
    ap.add_argument("--limit", type=int, default=0, help="only the first N pages")
    ap.add_argument("--worst", type=int, default=0, help="list the N pages where the last system loses most")
    ap.add_argument("--halves", action="store_true",
                    help="also score the even- and odd-numbered pages apart (a tuning half and a check half)")
    args = ap.parse_args(argv)
    pages = load_pages()
    if args.limit:
        pages = pages[: args.limit]
    print(f"{len(pages)} pages; {sum(len(p.keep) for p in pages)} must-keep and "
          f"{sum(len(p.drop) for p in pages)} must-remove snippets counted\n")
    print("| system | mode | kept | removed | hmean | pages/s |")
    print("|---|---|---|---|---|---|")
    last = None
    for name in args.systems.split(","):
        if not _available(name):
            print(f"| {SYSTEMS[name][0]} | {SYSTEMS[name][1]} | not installed | | | |")
            continue
        score, secs, per_page = run(name, pages)
        label, mode, _ = SYSTEMS[name]
        rate = "—" if name in ("none", "cut10", "cut15") else f"{len(pages) / secs:.0f}"
        halves = ""
        if args.halves:
            parts = []
            for r in (0, 1):
                h = Score()
                for k, (_, s) in enumerate(per_page):
                    if k % 2 == r:
                        h.kept_hit += s.kept_hit
                        h.kept_n += s.kept_n
                        h.removed_hit += s.removed_hit
                        h.removed_n += s.removed_n
                parts.append(f"{h.kept:.3f}/{h.removed:.3f}/{h.hmean:.3f}")
            halves = " even " + parts[0] + " | odd " + parts[1] + " |"
        print(f"| {label} | {mode} | {score.kept:.3f} | {score.removed:.3f} | {score.hmean:.3f} | {rate} |"
              f"{halves}", flush=True)
        for f in score.failures:
            print(f"    failed: {f}")
        last = per_page
    if args.worst and last:
        print()
        worst = sorted(last, key=lambda x: (x[1].kept_hit - x[1].kept_n) * 2 + x[1].removed_hit - x[1].removed_n)
        for name, s in worst[: args.worst]:
            print(f"{name}: kept {s.kept_hit}/{s.kept_n} removed {s.removed_hit}/{s.removed_n}")


if __name__ == "__main__":
    main()
